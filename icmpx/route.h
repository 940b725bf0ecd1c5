/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_ROUTE_H
#define _ICMPX_ROUTE_H

#include <linux/netdevice.h>
#include <linux/seqlock.h>

#include "policy.h"

/*
 * Where a message arrived, as far as the routing tables' answers depend
 * on it, as two words of a key: the hook's device (a VRF's, for what
 * came through one) and the interface under it (arrival()), the VRF and
 * the packet's mark.
 */
struct icmpx_memo_where {
	u64 w[2];
};

/* Where a message arrived: the namespace, the hook's device, the packet. */
struct icmpx_route_ctx {
	struct net *net;
	const struct net_device *dev;	/* a VRF's, for what came through one */
	const struct sk_buff *skb;
	u8 family;			/* enum icmpx_family */
	bool have_where;		/* @where is filled in */
	struct icmpx_memo_where where;	/* made at the first question */
	struct icmpx_memo *memo;	/* the namespace's */
};

/*
 * The last answers the routing tables gave a namespace, a few of them:
 * a flood of one redirect or one error asks the same questions again
 * and again.  An answer holds while the family's routes are as they
 * were: every change of a route, an address, a rule or a link moves
 * the IPv4 generation or the IPv6 serial number on, and the answer is
 * asked again.  The key is words, made and compared as such: the
 * question (local, route, a redirect's verdict), the family, whether a
 * source is given and the generation; where the message arrived (two);
 * the address asked about, or a redirect's key (two); the source (two).
 */
struct icmpx_memo_key {
	u64 w[7];
};

/* An answer: whether local, a route, or a redirect's verdict. */
struct icmpx_memo_answer {
	bool yes;
	u8 drop;			/* enum icmpx_drop */
	struct icmpx_route rt;
};

struct icmpx_memo_entry {
	seqlock_t lock;			/* readers retry while it is written */
	bool valid;
	struct icmpx_memo_key key;
	struct icmpx_memo_answer a;
};

#define ICMPX_MEMO_SIZE	4

struct icmpx_memo {
	struct icmpx_memo_entry e[ICMPX_MEMO_SIZE];
};

void icmpx_memo_init(struct icmpx_memo *m);

extern const struct icmpx_env_ops icmpx_route_ops;

#endif /* _ICMPX_ROUTE_H */
