/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Token buckets, counted in nanoseconds of credit: a packet costs
 * NSEC_PER_SEC / rate, a bucket holds at most cost * burst, and time
 * refills it one nanosecond per nanosecond.  No floating point, no
 * division in the packet path; the clock is passed in, so that KUnit
 * can drive it.
 */
#ifndef _ICMPX_LIMIT_H
#define _ICMPX_LIMIT_H

#include <linux/icmpx.h>	/* ICMPX_RATE_MAX, ICMPX_BURST_MAX */
#include <linux/types.h>

/* A limiter's rate, as configured and as the bucket arithmetic needs it. */
struct icmpx_rate {
	u32 rate;		/* packets per second */
	u32 burst;		/* packets at once, after idling */
	u64 cost;		/* ns of credit per packet */
	u64 max;		/* ns of credit a bucket holds */
};

struct icmpx_bucket {
	u64 last;		/* when credit was last added */
	u64 credit;
};

int icmpx_rate_init(struct icmpx_rate *r, u32 rate, u32 burst);
void icmpx_bucket_init(struct icmpx_bucket *b, const struct icmpx_rate *r,
		       u64 now);
bool icmpx_bucket_take(struct icmpx_bucket *b, const struct icmpx_rate *r,
		       u64 now);
bool icmpx_bucket_full(const struct icmpx_bucket *b, u64 max, u64 now);

#endif /* _ICMPX_LIMIT_H */
