/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_RATELIMIT_H
#define _ICMPX_RATELIMIT_H

#include <linux/spinlock.h>

#include "policy.h"
#include "sources.h"

struct icmpx_net;

/* A namespace's buckets of global scope, one per family and type. */
struct icmpx_gbucket {
	spinlock_t lock;		/* the bucket: every CPU shares it */
	struct icmpx_bucket bucket;
};

struct icmpx_limits {
	struct icmpx_sources *src;
	struct icmpx_gbucket global[ICMPX_NFAMILY][256];
};

int icmpx_ratelimit_init(void);
int icmpx_limits_net_init(struct icmpx_net *in);
void icmpx_limits_net_exit(struct icmpx_net *in);
enum icmpx_drop icmpx_ratelimit(struct icmpx_net *in,
				const struct icmpx_limiter *l,
				const struct icmpx_pkt *pkt,
				const struct icmpx_msg *msg);

#endif /* _ICMPX_RATELIMIT_H */
