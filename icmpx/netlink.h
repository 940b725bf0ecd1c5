/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_NETLINK_H
#define _ICMPX_NETLINK_H

#include <linux/atomic.h>
#include <linux/spinlock.h>

#include "limit.h"
#include "parse.h"
#include "policy.h"

struct net;

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
};

enum icmpx_event_kind icmpx_event_kind(const struct icmpx_msg *msg,
				       enum icmpx_drop drop);
void icmpx_events_init(struct icmpx_events *ev);
int icmpx_netlink_init(void);
void icmpx_netlink_exit(void);
void icmpx_notify(struct net *net, const struct icmpx_pkt *pkt,
		  const struct icmpx_msg *msg, enum icmpx_drop drop,
		  bool enforced);

#endif /* _ICMPX_NETLINK_H */
