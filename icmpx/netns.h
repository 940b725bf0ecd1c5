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
#include "zone.h"

/* Everything icmpx keeps for one network namespace. */
struct icmpx_net {
	struct icmpx_zone dflt;		/* every interface no zone names */
	struct list_head zones;		/* the others: RTNL and config_lock */
	struct icmpx_ifmap __rcu *ifmap; /* ifindex -> its zone (zone.c) */
	struct mutex config_lock;	/* serialises zones and their configs */
	struct icmpx_limits *limits;	/* the per-source table */
	struct mutex stats_lock;	/* serialises the zones' stats_base */
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

/* The zone of the interface with index @ifindex, under RCU. */
static inline struct icmpx_zone *icmpx_zone_of(struct icmpx_net *in,
					       int ifindex)
{
	struct icmpx_ifmap *map = rcu_dereference(in->ifmap);
	struct icmpx_ifslot *s;

	if (likely(!map))
		return &in->dflt;
	s = icmpx_ifmap_find(map, ifindex);
	return (s ? READ_ONCE(s->zone) : NULL) ?: &in->dflt;
}

void icmpx_zone_stats(struct icmpx_net *in, struct icmpx_zone *z,
		      struct icmpx_stats *sum);
int icmpx_net_stats(struct icmpx_net *in, struct icmpx_stats *sum);
int icmpx_net_stats_reset(struct icmpx_net *in);
int icmpx_net_set_policy(struct net *net, struct icmpx_zone *z,
			 const struct icmpx_policy *pol);
int icmpx_zone_stats_reset(struct icmpx_net *in, struct icmpx_zone *z);
struct icmpx_zone *icmpx_zone_alloc(const char *name);
void icmpx_zone_free(struct icmpx_zone *z);
bool icmpx_net_any_on(struct icmpx_net *in);
void icmpx_zone_names(struct icmpx_net *in, char names[][IFNAMSIZ]);
int icmpx_netns_init(void);
void icmpx_netns_exit(void);

#endif /* _ICMPX_NETNS_H */
