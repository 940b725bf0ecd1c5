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
#include <linux/compiler.h>
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
bool icmpx_bucket_full(const struct icmpx_bucket *b, u64 max, u64 now);

/* A new bucket starts full: a burst is allowed at once. */
static inline void icmpx_bucket_init(struct icmpx_bucket *b,
				     const struct icmpx_rate *r, u64 now)
{
	b->last = now;
	b->credit = r->max;
}

/* Credit at @now: what was left plus the time since, up to @max (a burst). */
static inline u64 icmpx_bucket_credit(const struct icmpx_bucket *b, u64 max,
				      u64 now)
{
	/* A clock read on another CPU a moment earlier adds nothing. */
	u64 elapsed = now > b->last ? now - b->last : 0;

	if (elapsed >= max || b->credit >= max - elapsed)
		return max;
	return b->credit + elapsed;
}

/**
 * icmpx_bucket_take - spend one packet's credit if there is enough
 * @b: the bucket, serialised by the caller
 * @r: its rate
 * @now: the time, in ns
 *
 * Inline: every limited message on the packet path asks it.
 *
 * Return: true if the packet may pass.
 */
static inline bool icmpx_bucket_take(struct icmpx_bucket *b,
				     const struct icmpx_rate *r, u64 now)
{
	u64 c = icmpx_bucket_credit(b, r->max, now);

	/* Read without the lock by the per-source table's eviction hint. */
	if (now > b->last)
		WRITE_ONCE(b->last, now);
	if (c < r->cost) {
		b->credit = c;
		return false;
	}
	b->credit = c - r->cost;
	return true;
}

#endif /* _ICMPX_LIMIT_H */
