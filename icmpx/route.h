/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_ROUTE_H
#define _ICMPX_ROUTE_H

#include <linux/netdevice.h>

#include "policy.h"

/* The namespace and interface a message arrived through. */
struct icmpx_route_ctx {
	struct net *net;
	const struct net_device *dev;
};

extern const struct icmpx_env_ops icmpx_route_ops;

#endif /* _ICMPX_ROUTE_H */
