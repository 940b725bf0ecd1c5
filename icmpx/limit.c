// SPDX-License-Identifier: GPL-2.0
/*
 * Token bucket arithmetic, as nft_limit and WireGuard's ratelimiter do
 * it: credit in nanoseconds, refilled by the time that passed, capped at
 * a burst's worth.  Callers serialise access to one bucket.
 */
#include <kunit/visibility.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/compiler.h>
#include <linux/overflow.h>
#include <linux/time64.h>

#include "limit.h"

/**
 * icmpx_rate_init - check and precompute a limiter's rate
 * @r: filled in
 * @rate: packets per second, 1 to ICMPX_RATE_MAX
 * @burst: packets, 1 to ICMPX_BURST_MAX
 *
 * Return: 0, or -EINVAL for a rate or burst out of range.
 */
int icmpx_rate_init(struct icmpx_rate *r, u32 rate, u32 burst)
{
	u64 cost, max;

	if (!rate || rate > ICMPX_RATE_MAX || !burst || burst > ICMPX_BURST_MAX)
		return -EINVAL;
	cost = NSEC_PER_SEC / rate;
	/* Cannot overflow within the bounds above; checked all the same. */
	if (check_mul_overflow(cost, (u64)burst, &max))
		return -EINVAL;
	r->rate = rate;
	r->burst = burst;
	r->cost = cost;
	r->max = max;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_rate_init);

/*
 * Full again, @max being its rate's (all a per-source entry keeps of
 * it): forgetting the bucket now loses nothing, since a new one would
 * start the same.
 */
bool icmpx_bucket_full(const struct icmpx_bucket *b, u64 max, u64 now)
{
	return icmpx_bucket_credit(b, max, now) == max;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_bucket_full);
