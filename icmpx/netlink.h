/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_NETLINK_H
#define _ICMPX_NETLINK_H

#include <linux/atomic.h>
#include <linux/jiffies.h>
#include <linux/spinlock.h>
#include <net/genetlink.h>

#include "limit.h"
#include "parse.h"
#include "policy.h"

enum { ICMPX_NLGRP_EVENTS };

extern struct genl_family icmpx_family;

/*
 * Is anyone in @net listening to the events group?  Asked inline by the
 * packet path before it makes an event, which a flood makes often.
 */
static inline bool icmpx_heard(struct net *net)
{
	return genl_has_listeners(&icmpx_family, net, ICMPX_NLGRP_EVENTS);
}

/*
 * What an event is about.  Each kind has its own rate, so that a flood
 * a limiter holds back cannot crowd out news of a redirect.
 */
enum icmpx_event_kind {
	ICMPX_EVK_QUENCH,	/* a source quench, whatever became of it */
	ICMPX_EVK_REDIRECT,	/* a redirect rejected, whatever the reason */
	ICMPX_EVK_ROUTER_ADV,	/* a router advertisement rejected */
	ICMPX_EVK_LIMIT,	/* a limiter at work */
	ICMPX_NEVK,
	ICMPX_EVK_NONE = ICMPX_NEVK,
};

/*
 * A namespace's events for the multicast group, per kind: how fast they
 * may go and how many were held back since the last one went out.
 */
struct icmpx_events {
	spinlock_t lock;		/* the buckets */
	struct icmpx_bucket bucket[ICMPX_NEVK];
	atomic_t suppressed[ICMPX_NEVK];
	unsigned long heard_at;		/* jiffies when @heard was asked */
	bool heard;			/* icmpx_heard(), as it was then */
};

/*
 * The same, asked at most once a tick: a flood a limiter refuses asks
 * for every message.  A listener that just joined misses a tick's
 * events at most, and one that left costs an event made for nobody
 * for a tick at most.
 */
static inline bool icmpx_heard_lately(struct net *net, struct icmpx_events *ev)
{
	unsigned long now = jiffies;

	if (READ_ONCE(ev->heard_at) != now) {
		WRITE_ONCE(ev->heard, icmpx_heard(net));
		WRITE_ONCE(ev->heard_at, now);
	}
	return READ_ONCE(ev->heard);
}

enum icmpx_event_kind icmpx_event_kind(const struct icmpx_msg *msg,
				       enum icmpx_drop drop);
void icmpx_events_init(struct icmpx_events *ev);
int icmpx_netlink_init(void);
void icmpx_netlink_exit(void);
void icmpx_notify(struct net *net, const struct icmpx_pkt *pkt,
		  const struct icmpx_msg *msg, enum icmpx_drop drop,
		  bool enforced);

#endif /* _ICMPX_NETLINK_H */
