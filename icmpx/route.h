/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_ROUTE_H
#define _ICMPX_ROUTE_H

#include <linux/netdevice.h>
#include <linux/seqlock.h>

#include "policy.h"

/*
 * Where a message arrived, as far as the routing tables' answers depend
 * on it: the hook's device (a VRF's, for what came through one), the
 * interface under it (arrival()), the VRF, the packet's mark.
 */
struct icmpx_memo_where {
	int dev;
	int arrival;
	int l3mdev;
	u32 mark;
};

/* Where a message arrived: the namespace, the hook's device, the packet. */
struct icmpx_route_ctx {
	struct net *net;
	const struct net_device *dev;	/* a VRF's, for what came through one */
	const struct sk_buff *skb;
	u8 family;			/* enum icmpx_family */
	bool have_where;		/* @where is filled in */
	struct icmpx_memo_where where;	/* made at the first question */
	struct icmpx_memo *memo;	/* the namespace's; NULL: none */
};

/*
 * The last answers the routing tables gave a namespace, a few of them:
 * a flood of one redirect or one error asks the same questions again
 * and again.  An answer holds while the family's routes are as they
 * were: every change of a route, an address, a rule or a link moves
 * the IPv4 generation or the IPv6 serial number on, and the answer is
 * asked again.  The key is whole words, compared as such.
 */
struct icmpx_memo_key {
	union {
		struct {
			u8 op;			/* local, route, a redirect's verdict */
			u8 family;
			u8 has_src;
			u8 pad;
			int gen;		/* rt_genid_ipv4() or rt_genid_ipv6() */
			struct icmpx_memo_where where;
			u8 dst[16];		/* or a redirect's key */
			u8 src[16];
		};
		u64 w[7];
	};
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
