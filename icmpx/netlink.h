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
 * A namespace's events for the multicast group: how fast they may go
 * and how many were held back since the last one went out.
 */
struct icmpx_events {
	spinlock_t lock;		/* the bucket */
	struct icmpx_bucket bucket;
	atomic_t suppressed;
};

void icmpx_events_init(struct icmpx_events *ev);
int icmpx_netlink_init(void);
void icmpx_netlink_exit(void);
void icmpx_notify(struct net *net, const struct icmpx_pkt *pkt,
		  const struct icmpx_msg *msg, enum icmpx_drop drop,
		  bool enforced);

#endif /* _ICMPX_NETLINK_H */
