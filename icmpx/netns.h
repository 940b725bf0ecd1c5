/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_NETNS_H
#define _ICMPX_NETNS_H

#include <linux/mutex.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "config.h"
#include "ratelimit.h"
#include "stats.h"

/* Everything icmpx keeps for one network namespace. */
struct icmpx_net {
	struct icmpx_pcpu_stats __percpu *stats;
	struct icmpx_config __rcu *config;
	struct mutex config_lock;	/* serialises replacing @config */
	struct icmpx_limits *limits;
};

extern unsigned int icmpx_net_id;

static inline struct icmpx_net *icmpx_pernet(const struct net *net)
{
	return net_generic(net, icmpx_net_id);
}

int icmpx_netns_init(void);
void icmpx_netns_exit(void);

#endif /* _ICMPX_NETNS_H */
