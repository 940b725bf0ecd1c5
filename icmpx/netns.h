/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_NETNS_H
#define _ICMPX_NETNS_H

#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "config.h"
#include "netlink.h"
#include "ratelimit.h"
#include "route.h"
#include "stats.h"

/* Everything icmpx keeps for one network namespace. */
struct icmpx_net {
	struct icmpx_counters *stats;	/* per type shared, per reason per CPU */
	struct icmpx_config __rcu *config;
	struct mutex config_lock;	/* serialises replacing @config */
	struct icmpx_limits *limits;
	struct mutex stats_lock;	/* serialises @stats_base */
	struct icmpx_stats *stats_base;	/* the reading of the last reset */
	struct icmpx_events events;
	struct icmpx_memo memo;		/* of the routing tables' answers */
	struct nf_hook_ops ops[2];	/* the hooks, @priv this (hooks.c) */
	bool hooked;			/* hooks in: mode is not off (config_lock) */
};

extern unsigned int icmpx_net_id;

static inline struct icmpx_net *icmpx_pernet(const struct net *net)
{
	return net_generic(net, icmpx_net_id);
}

void icmpx_net_stats(struct icmpx_net *in, struct icmpx_stats *sum);
int icmpx_net_stats_reset(struct icmpx_net *in);
int icmpx_net_set_policy(struct net *net, const struct icmpx_policy *pol);
int icmpx_netns_init(void);
void icmpx_netns_exit(void);

#endif /* _ICMPX_NETNS_H */
