/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_ROUTE_H
#define _ICMPX_ROUTE_H

#include <linux/netdevice.h>

#include "policy.h"

/* Where a message arrived: the namespace, the hook's device, the packet. */
struct icmpx_route_ctx {
	struct net *net;
	const struct net_device *dev;	/* a VRF's, for what came through one */
	const struct sk_buff *skb;
	u8 family;			/* enum icmpx_family */
};

extern const struct icmpx_env_ops icmpx_route_ops;

#endif /* _ICMPX_ROUTE_H */
