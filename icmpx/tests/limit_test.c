// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: token bucket arithmetic and the per-source table, driven by an
 * injected clock (every function takes "now" in ns).  Nothing here needs
 * the kernel but KUnit, RCU and a workqueue: tools/fuzz builds it for
 * userspace too, for the mutation tests.
 */
#include <kunit/test.h>
#include <linux/bottom_half.h>
#include <linux/random.h>
#include <linux/sort.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>

#include "../limit.h"
#include "../parse.h"
#include "../sources.h"
#include "tests.h"

#define MS	(NSEC_PER_SEC / 1000)
#define T0	(1000 * NSEC_PER_SEC)

static int cmp_desc_u16(const void *a, const void *b)
{
	return *(const u16 *)b - *(const u16 *)a;
}

static void rate_bounds(struct kunit *test)
{
	struct icmpx_rate r;

	KUNIT_EXPECT_EQ(test, icmpx_rate_init(&r, 0, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, icmpx_rate_init(&r, 1, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, icmpx_rate_init(&r, ICMPX_RATE_MAX + 1, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, icmpx_rate_init(&r, 1, ICMPX_BURST_MAX + 1), -EINVAL);

	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, ICMPX_RATE_MAX, ICMPX_BURST_MAX), 0);
	KUNIT_EXPECT_EQ(test, r.cost, 1);
	KUNIT_EXPECT_EQ(test, r.max, ICMPX_BURST_MAX);
	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 1, ICMPX_BURST_MAX), 0);
	KUNIT_EXPECT_EQ(test, r.cost, NSEC_PER_SEC);
	KUNIT_EXPECT_EQ(test, r.max, NSEC_PER_SEC * ICMPX_BURST_MAX);
	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 3, 2), 0);
	KUNIT_EXPECT_EQ(test, r.cost, 333333333);
	KUNIT_EXPECT_EQ(test, r.max, 666666666);
	KUNIT_EXPECT_EQ(test, r.rate, 3);
	KUNIT_EXPECT_EQ(test, r.burst, 2);
}

/* How many of @n packets, one every @gap ns from @start, pass. */
static int passed(struct icmpx_bucket *b, const struct icmpx_rate *r,
		  u64 start, u64 gap, int n)
{
	int i, ok = 0;

	for (i = 0; i < n; i++)
		ok += icmpx_bucket_take(b, r, start + i * gap);
	return ok;
}

static void bucket_rate_and_burst(struct kunit *test)
{
	struct icmpx_bucket b;
	struct icmpx_rate r;

	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 10, 20), 0);
	icmpx_bucket_init(&b, &r, T0);
	/* A burst at once, then nothing. */
	KUNIT_EXPECT_EQ(test, passed(&b, &r, T0, 0, 25), 20);
	/* 99 ms later still nothing; at 100 ms one packet's credit. */
	KUNIT_EXPECT_FALSE(test, icmpx_bucket_take(&b, &r, T0 + 99 * MS));
	KUNIT_EXPECT_TRUE(test, icmpx_bucket_take(&b, &r, T0 + 100 * MS));
	KUNIT_EXPECT_FALSE(test, icmpx_bucket_take(&b, &r, T0 + 100 * MS));
	/* A flood at 1000/s for 10 s gets the rate: 100 packets. */
	KUNIT_EXPECT_EQ(test, passed(&b, &r, T0 + 200 * MS, MS, 10000), 100);
	/* After an hour of silence: a burst again, not an hour's worth. */
	KUNIT_EXPECT_EQ(test, passed(&b, &r, T0 + 3600 * NSEC_PER_SEC, 0, 100), 20);
}

static void bucket_clock_backwards(struct kunit *test)
{
	struct icmpx_bucket b;
	struct icmpx_rate r;

	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 10, 1), 0);
	icmpx_bucket_init(&b, &r, T0);
	KUNIT_EXPECT_TRUE(test, icmpx_bucket_take(&b, &r, T0));
	/* Another CPU's clock a little behind: no credit, no harm. */
	KUNIT_EXPECT_FALSE(test, icmpx_bucket_take(&b, &r, T0 - 50 * MS));
	KUNIT_EXPECT_EQ(test, b.last, T0);
	KUNIT_EXPECT_TRUE(test, icmpx_bucket_take(&b, &r, T0 + 100 * MS));
}

static void bucket_extremes(struct kunit *test)
{
	struct icmpx_bucket b;
	struct icmpx_rate r;

	/* The fastest rate and largest burst, late in the clock's life. */
	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, ICMPX_RATE_MAX, ICMPX_BURST_MAX), 0);
	icmpx_bucket_init(&b, &r, U64_MAX / 2);
	KUNIT_EXPECT_EQ(test, passed(&b, &r, U64_MAX / 2, 0, ICMPX_BURST_MAX + 10),
			ICMPX_BURST_MAX);
	KUNIT_EXPECT_TRUE(test, icmpx_bucket_take(&b, &r, U64_MAX / 2 + 1));

	/* The slowest: a full bucket holds 11 days; idling longer adds none. */
	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 1, ICMPX_BURST_MAX), 0);
	b.last = 0;
	b.credit = 0;
	KUNIT_EXPECT_TRUE(test, icmpx_bucket_full(&b, r.max, U64_MAX));
	KUNIT_EXPECT_TRUE(test, icmpx_bucket_take(&b, &r, U64_MAX));
	KUNIT_EXPECT_EQ(test, b.credit, r.max - r.cost);

	/* A bucket marked full whatever its rate (a namespace's globals). */
	b.last = 0;
	b.credit = U64_MAX;
	KUNIT_EXPECT_TRUE(test, icmpx_bucket_take(&b, &r, 5));
	KUNIT_EXPECT_EQ(test, b.credit, r.max - r.cost);
}

static void bucket_idle(struct kunit *test)
{
	struct icmpx_bucket b;
	struct icmpx_rate r;

	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 10, 2), 0);
	icmpx_bucket_init(&b, &r, T0);
	KUNIT_EXPECT_TRUE(test, icmpx_bucket_full(&b, r.max, T0));
	KUNIT_EXPECT_TRUE(test, icmpx_bucket_take(&b, &r, T0));
	KUNIT_EXPECT_FALSE(test, icmpx_bucket_full(&b, r.max, T0 + 99 * MS));
	KUNIT_EXPECT_TRUE(test, icmpx_bucket_full(&b, r.max, T0 + 100 * MS));
}

/* ---------------------------------------------------------------- */

static void key4(struct icmpx_src_key *k, u8 a, u8 b, u8 c, u8 d, u8 plen)
{
	const u8 addr[4] = { a, b, c, d };

	icmpx_src_key(k, ICMPX_FAMILY_IPV4, 8, -1, addr, plen);
}

static enum icmpx_src_result limit(struct icmpx_sources *t,
				   const struct icmpx_src_key *k,
				   const struct icmpx_rate *r, u64 now, u8 *ev)
{
	enum icmpx_src_result ret;

	/* As the packet path: under netfilter's RCU, bottom halves off. */
	rcu_read_lock();
	local_bh_disable();
	ret = icmpx_src_limit(t, k, r, now, ev);
	local_bh_enable();
	rcu_read_unlock();
	return ret;
}

static void sources_prefixes(struct kunit *test)
{
	static const u8 a6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2,
				   0xaa, 0xbb, 0xcc, 0xdd, 1, 2, 3, 4 };
	static const u8 b6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2,
				   0x11, 0x22, 0x33, 0x44, 5, 6, 7, 8 };
	struct icmpx_src_key k1, k2;

	key4(&k1, 192, 0, 2, 1, 24);
	key4(&k2, 192, 0, 2, 200, 24);
	KUNIT_EXPECT_EQ(test, memcmp(&k1, &k2, sizeof(k1)), 0);
	KUNIT_EXPECT_EQ(test, k1.addr[3], 0);
	key4(&k2, 192, 0, 2, 200, 32);
	KUNIT_EXPECT_NE(test, memcmp(&k1, &k2, sizeof(k1)), 0);
	key4(&k1, 192, 0, 2, 0xff, 30);
	KUNIT_EXPECT_EQ(test, k1.addr[3], 0xfc);
	key4(&k1, 192, 0, 2, 1, 40);	/* clamped to /32 */
	KUNIT_EXPECT_EQ(test, k1.plen, 32);
	key4(&k2, 192, 0, 2, 1, 32);
	KUNIT_EXPECT_EQ(test, memcmp(&k1, &k2, sizeof(k1)), 0);

	icmpx_src_key(&k1, ICMPX_FAMILY_IPV6, 128, -1, a6, 64);
	icmpx_src_key(&k2, ICMPX_FAMILY_IPV6, 128, -1, b6, 64);
	KUNIT_EXPECT_EQ(test, memcmp(&k1, &k2, sizeof(k1)), 0);
	icmpx_src_key(&k2, ICMPX_FAMILY_IPV6, 128, -1, b6, 56);
	KUNIT_EXPECT_NE(test, memcmp(&k1, &k2, sizeof(k1)), 0);
	/* /128 is the whole address; more is clamped to it. */
	icmpx_src_key(&k1, ICMPX_FAMILY_IPV6, 128, -1, a6, 128);
	KUNIT_EXPECT_EQ(test, k1.plen, 128);
	KUNIT_EXPECT_MEMEQ(test, k1.addr, a6, 16);
	icmpx_src_key(&k2, ICMPX_FAMILY_IPV6, 128, -1, a6, 200);
	KUNIT_EXPECT_EQ(test, memcmp(&k1, &k2, sizeof(k1)), 0);
	icmpx_src_key(&k1, ICMPX_FAMILY_IPV6, 128, -1, a6, 64);
	/* Types do not share a bucket. */
	icmpx_src_key(&k2, ICMPX_FAMILY_IPV6, 129, -1, b6, 64);
	KUNIT_EXPECT_NE(test, memcmp(&k1, &k2, sizeof(k1)), 0);
	/* Nor does a code rule share its type rule's, even for code 0. */
	icmpx_src_key(&k2, ICMPX_FAMILY_IPV6, 128, 0, b6, 64);
	KUNIT_EXPECT_NE(test, memcmp(&k1, &k2, sizeof(k1)), 0);
	KUNIT_EXPECT_EQ(test, sizeof(k1) % 8, 0);
}

/*
 * Every prefix length of both families keeps its last bit and drops
 * the first one after it: two addresses differing in the one make
 * different keys, in the other the same.
 */
static void sources_prefix_bits(struct kunit *test)
{
	static const u8 ones[16] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	};
	struct icmpx_src_key k1, k2;
	u8 a[16], b[16], want[16];
	unsigned int f, p, bits, i;

	for (f = 0; f < ICMPX_NFAMILY; f++) {
		bits = f == ICMPX_FAMILY_IPV6 ? 128 : 32;
		/* A key holds the prefix and nothing else: host bits zero. */
		for (p = 0; p <= bits; p++) {
			memset(want, 0, sizeof(want));
			for (i = 0; i < p; i++)
				want[i / 8] |= 0x80 >> (i % 8);
			icmpx_src_key(&k1, f, 8, -1, ones, p);
			KUNIT_EXPECT_MEMEQ_MSG(test, k1.addr, want, sizeof(want),
					       "family %u, /%u", f, p);
			KUNIT_EXPECT_EQ(test, k1.zone | k1.pad[0] | k1.pad[1], 0);
		}
		for (p = 1; p < bits; p++) {
			memset(a, 0x5a, sizeof(a));
			memcpy(b, a, sizeof(b));
			b[(p - 1) / 8] ^= 0x80 >> ((p - 1) % 8);
			icmpx_src_key(&k1, f, 8, -1, a, p);
			icmpx_src_key(&k2, f, 8, -1, b, p);
			KUNIT_EXPECT_NE_MSG(test, memcmp(&k1, &k2, sizeof(k1)), 0,
					    "family %u, /%u: last bit", f, p);
			memcpy(b, a, sizeof(b));
			b[p / 8] ^= 0x80 >> (p % 8);
			icmpx_src_key(&k2, f, 8, -1, b, p);
			KUNIT_EXPECT_EQ_MSG(test, memcmp(&k1, &k2, sizeof(k1)), 0,
					    "family %u, /%u: first host bit", f, p);
		}
	}
}

static void sources_limit_one(struct kunit *test)
{
	struct icmpx_sources *t = icmpx_src_alloc(16);
	struct icmpx_src_key k;
	struct icmpx_rate r;
	int i, ok = 0;
	u8 ev;

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 10, 20), 0);
	key4(&k, 198, 51, 100, 7, 32);
	KUNIT_EXPECT_EQ(test, limit(t, &k, &r, T0, &ev), ICMPX_SRC_PASS);
	KUNIT_EXPECT_EQ(test, ev, ICMPX_SRC_INSERTED);
	for (i = 0; i < 100; i++)
		ok += limit(t, &k, &r, T0, &ev) == ICMPX_SRC_PASS;
	KUNIT_EXPECT_EQ(test, ok, 19);
	KUNIT_EXPECT_EQ(test, ev, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->count), 1);
	KUNIT_EXPECT_EQ(test, limit(t, &k, &r, T0 + 100 * MS, &ev), ICMPX_SRC_PASS);
	icmpx_src_free(t);
}

/*
 * Full of sources seen just now, a new one is refused and evicts no one,
 * whatever their history; once they are stale, the collector frees
 * them, and there is room after the RCU grace period.  The table never
 * holds more than its cap, memory awaiting RCU included.
 */
static void sources_cap(struct kunit *test)
{
	struct icmpx_sources *t = icmpx_src_alloc(8);
	struct icmpx_src_key k;
	struct icmpx_rate r;
	int i, full = 0, inserted = 0, evicted = 0;
	u8 ev;

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 10, 20), 0);
	for (i = 0; i < 100; i++) {
		key4(&k, 10, 0, i / 256, i % 256, 32);
		if (limit(t, &k, &r, T0, &ev) == ICMPX_SRC_FULL)
			full++;
		inserted += !!(ev & ICMPX_SRC_INSERTED);
		evicted += !!(ev & ICMPX_SRC_EVICTED);
		if (i % 2)
			limit(t, &k, &r, T0, &ev);
		evicted += !!(ev & ICMPX_SRC_EVICTED);
		KUNIT_EXPECT_LE(test, atomic_read(&t->count), 8);
	}
	KUNIT_EXPECT_EQ(test, inserted, 8);
	KUNIT_EXPECT_EQ(test, full, 92);
	KUNIT_EXPECT_EQ(test, evicted, 0);

	/* Idle two seconds later, but not unseen long enough to go. */
	key4(&k, 10, 8, 0, 1, 32);
	KUNIT_EXPECT_EQ(test, limit(t, &k, &r, T0 + 2 * NSEC_PER_SEC, &ev),
			ICMPX_SRC_FULL);
	KUNIT_EXPECT_EQ(test, ev, 0);
	/* Unseen for ICMPX_SRC_TIMEOUT, they are collected; then there is room. */
	KUNIT_EXPECT_EQ(test, icmpx_src_gc(t, T0 + ICMPX_SRC_TIMEOUT), 8);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->count), 8);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, atomic_read(&t->count), 0);
	KUNIT_EXPECT_EQ(test, limit(t, &k, &r, T0 + ICMPX_SRC_TIMEOUT, &ev),
			ICMPX_SRC_PASS);
	KUNIT_EXPECT_EQ(test, ev, ICMPX_SRC_INSERTED);
	icmpx_src_free(t);
}

/*
 * New sources do not push out recent ones, even seen once (a spoofed
 * flood would otherwise cycle through the table, a packet answered per
 * eviction); a source that finds the table full removes a stale entry
 * at once rather than wait for the collector, and the next new source
 * gets its room.
 */
static void sources_evict_stale(struct kunit *test)
{
	struct icmpx_sources *t = icmpx_src_alloc(4);	/* one chain */
	struct icmpx_src_key k;
	struct icmpx_rate r;
	u64 later = T0 + ICMPX_SRC_TIMEOUT;
	int i, evicted = 0;
	u8 ev;

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 10, 20), 0);
	for (i = 0; i < 4; i++) {
		key4(&k, 10, 4, 0, i, 32);
		limit(t, &k, &r, T0, &ev);
	}
	for (i = 4; i < 8; i++) {
		key4(&k, 10, 4, 0, i, 32);
		KUNIT_EXPECT_EQ(test, limit(t, &k, &r, later - 1, &ev),
				ICMPX_SRC_FULL);
		evicted += !!(ev & ICMPX_SRC_EVICTED);
	}
	KUNIT_EXPECT_EQ(test, evicted, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->count), 4);

	key4(&k, 10, 4, 0, 8, 32);
	KUNIT_EXPECT_EQ(test, limit(t, &k, &r, later, &ev), ICMPX_SRC_FULL);
	KUNIT_EXPECT_EQ(test, ev, ICMPX_SRC_EVICTED);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->count), 4);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, atomic_read(&t->count), 3);
	KUNIT_EXPECT_EQ(test, limit(t, &k, &r, later, &ev), ICMPX_SRC_PASS);
	KUNIT_EXPECT_EQ(test, ev, ICMPX_SRC_INSERTED);
	icmpx_src_free(t);
}

/* A table of @n entries filled at T0 with 10.@b.0.0 to 10.@b.0.(@n - 1). */
static struct icmpx_sources *filled(struct kunit *test, unsigned int n, u8 b,
				    struct icmpx_rate *r)
{
	struct icmpx_sources *t = icmpx_src_alloc(n);
	struct icmpx_src_key k;
	unsigned int i;
	u8 ev;

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, icmpx_rate_init(r, 10, 20), 0);
	for (i = 0; i < n; i++) {
		key4(&k, 10, b, 0, i, 32);
		KUNIT_EXPECT_EQ(test, limit(t, &k, r, T0, &ev), ICMPX_SRC_PASS);
		KUNIT_EXPECT_EQ(test, ev, ICMPX_SRC_INSERTED);
	}
	return t;
}

/*
 * A chain's mark tells a source it has no entry there without a walk:
 * after entries come and go, every source still in the table is found
 * (no second entry inserted for it), and every one that went is not.
 */
static void sources_marks(struct kunit *test)
{
	u64 later = T0 + ICMPX_SRC_TIMEOUT;
	struct icmpx_sources *t;
	struct icmpx_src_key k;
	struct icmpx_rate r;
	int i;
	u8 ev;

	t = filled(test, 64, 5, &r);	/* 16 chains */
	/* The even ones are seen again; the odd ones go stale. */
	for (i = 0; i < 64; i += 2) {
		key4(&k, 10, 5, 0, i, 32);
		KUNIT_EXPECT_EQ(test, limit(t, &k, &r, later, &ev), ICMPX_SRC_PASS);
		KUNIT_EXPECT_EQ(test, ev, 0);
	}
	KUNIT_EXPECT_EQ(test, icmpx_src_gc(t, later + 1), 32);
	rcu_barrier();
	for (i = 0; i < 64; i++) {
		key4(&k, 10, 5, 0, i, 32);
		KUNIT_EXPECT_EQ(test, limit(t, &k, &r, later + 2, &ev), ICMPX_SRC_PASS);
		KUNIT_EXPECT_EQ_MSG(test, ev, i % 2 ? ICMPX_SRC_INSERTED : 0,
				    "source %d", i);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&t->count), 64);
	/* Full now: what is there is found by its mark alone. */
	for (i = 0; i < 64; i++) {
		key4(&k, 10, 5, 0, i, 32);
		KUNIT_EXPECT_EQ_MSG(test, limit(t, &k, &r, later + 3, &ev),
				    ICMPX_SRC_PASS, "source %d", i);
		KUNIT_EXPECT_EQ(test, ev, 0);
	}
	icmpx_src_free(t);
}

/*
 * After a collector's pass, a full table knows that nothing in it can
 * be stale before the oldest entry left is unseen for the timeout: a new
 * source meets the full table without a walk until then, and evicts a
 * stale entry from then on.
 */
static void sources_next_stale(struct kunit *test)
{
	u64 later = T0 + ICMPX_SRC_TIMEOUT;
	struct icmpx_sources *t;
	struct icmpx_src_key k;
	struct icmpx_rate r;
	u8 ev;

	t = filled(test, 4, 6, &r);	/* one chain */
	KUNIT_EXPECT_EQ(test, icmpx_src_gc(t, T0 + 10), 0);
	KUNIT_EXPECT_EQ(test, t->next_stale, later);
	key4(&k, 10, 6, 0, 9, 32);
	KUNIT_EXPECT_EQ(test, limit(t, &k, &r, later - 1, &ev), ICMPX_SRC_FULL);
	KUNIT_EXPECT_EQ(test, ev, 0);
	KUNIT_EXPECT_EQ(test, limit(t, &k, &r, later, &ev), ICMPX_SRC_FULL);
	KUNIT_EXPECT_EQ(test, ev, ICMPX_SRC_EVICTED);
	icmpx_src_free(t);
}

/* A source inserted after the pass does not put the bound off. */
static void sources_next_stale_insert(struct kunit *test)
{
	u64 later = T0 + ICMPX_SRC_TIMEOUT;
	struct icmpx_sources *t;
	struct icmpx_src_key k;
	struct icmpx_rate r;
	u8 ev;

	t = filled(test, 3, 7, &r);
	t->max = 4;	/* one chain, one place left */
	KUNIT_EXPECT_EQ(test, icmpx_src_gc(t, T0 + 10), 0);
	key4(&k, 10, 7, 0, 3, 32);
	KUNIT_EXPECT_EQ(test, limit(t, &k, &r, T0 + NSEC_PER_SEC, &ev), ICMPX_SRC_PASS);
	KUNIT_EXPECT_EQ(test, ev, ICMPX_SRC_INSERTED);
	KUNIT_EXPECT_EQ(test, t->next_stale, later);
	key4(&k, 10, 7, 0, 9, 32);
	KUNIT_EXPECT_EQ(test, limit(t, &k, &r, later, &ev), ICMPX_SRC_FULL);
	KUNIT_EXPECT_EQ(test, ev, ICMPX_SRC_EVICTED);
	icmpx_src_free(t);
}

/* evict(): the entries of a one-chain table of 2, and who goes. */
static void evict_one(struct kunit *test, const struct icmpx_rate *r,
		      int first, u64 t1, int second, u64 t2, u64 now,
		      bool first_stays)
{
	struct icmpx_sources *t = icmpx_src_alloc(2);	/* one chain */
	struct icmpx_src_key a, b, k;
	struct icmpx_src_info top[2];
	int i;
	u8 ev;

	KUNIT_ASSERT_NOT_NULL(test, t);
	key4(&a, 10, 3, 0, 1, 32);
	key4(&b, 10, 3, 0, 2, 32);
	for (i = 0; i < first; i++)
		limit(t, &a, r, t1, &ev);
	for (i = 0; i < second; i++)
		limit(t, &b, r, t2, &ev);
	key4(&k, 10, 3, 0, 3, 32);
	KUNIT_EXPECT_EQ(test, limit(t, &k, r, now, &ev), ICMPX_SRC_FULL);
	KUNIT_EXPECT_EQ(test, ev, ICMPX_SRC_EVICTED);
	rcu_barrier();
	KUNIT_ASSERT_EQ(test, icmpx_src_top(t, top, 2), 1);
	KUNIT_EXPECT_EQ(test, memcmp(&top[0].key, first_stays ? &a : &b,
				     sizeof(a)), 0);
	icmpx_src_free(t);
}

/* Who goes: of the stale sources, the one seen longest ago. */
static void sources_evict_choice(struct kunit *test)
{
	u64 timeout = ICMPX_SRC_TIMEOUT;
	struct icmpx_rate r, slow;

	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 10, 20), 0);
	/* 1/s with a burst of 20: 15 packets take 15 s to make good. */
	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&slow, 1, 20), 0);
	/* Both stale: the one seen longest ago goes, whatever it sent. */
	evict_one(test, &r, 15, T0 + NSEC_PER_SEC, 1, T0, T0 + 10 * NSEC_PER_SEC,
		  true);
	evict_one(test, &r, 1, T0, 15, T0 + NSEC_PER_SEC, T0 + 10 * NSEC_PER_SEC,
		  false);
	/* Only one unseen for the timeout: it goes, busy before or not. */
	evict_one(test, &r, 15, T0, 1, T0 + timeout, T0 + timeout, false);
	/* Unseen for long but its bucket not full again: it stays. */
	evict_one(test, &slow, 15, T0, 1, T0 + NSEC_PER_SEC,
		  T0 + timeout + NSEC_PER_SEC, true);
}

static void sources_gc(struct kunit *test)
{
	struct icmpx_sources *t = icmpx_src_alloc(64);
	struct icmpx_src_key k;
	struct icmpx_rate r;
	int i;
	u8 ev;

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 10, 2), 0);
	for (i = 0; i < 40; i++) {
		key4(&k, 10, 1, 0, i, 32);
		limit(t, &k, &r, T0 + (i < 20 ? 0 : NSEC_PER_SEC), &ev);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&t->count), 40);
	/* Refilled, but seen too recently. */
	KUNIT_EXPECT_EQ(test, icmpx_src_gc(t, T0 + 2 * NSEC_PER_SEC), 0);
	/* Unseen for ICMPX_SRC_TIMEOUT: the first 20, not the last. */
	KUNIT_EXPECT_EQ(test, icmpx_src_gc(t, T0 + ICMPX_SRC_TIMEOUT + MS), 20);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, atomic_read(&t->count), 20);
	KUNIT_EXPECT_EQ(test, icmpx_src_gc(t, T0 + 10 * NSEC_PER_SEC), 20);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, atomic_read(&t->count), 0);
	icmpx_src_free(t);
}

/* Each table draws its own key: sources cannot be aimed at one chain. */
/* Chains are a quarter of the cap, a power of two, one at least. */
static void sources_chains(struct kunit *test)
{
	static const struct {
		unsigned int max, chains;
	} cases[] = {
		{ 1, 1 }, { 4, 1 }, { 7, 1 }, { 8, 2 }, { 12, 4 }, { 100, 32 },
		{ ICMPX_SOURCES_DEFAULT, ICMPX_SOURCES_DEFAULT / 4 },
	};
	struct icmpx_sources *t;
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		t = icmpx_src_alloc(cases[i].max);
		KUNIT_ASSERT_NOT_NULL(test, t);
		KUNIT_EXPECT_EQ_MSG(test, t->mask + 1, cases[i].chains, "max %u", cases[i].max);
		icmpx_src_free(t);
	}
}

/* The longest chain of @t. */
static unsigned int longest_chain(const struct icmpx_sources *t)
{
	unsigned int i, n, most = 0;
	struct icmpx_src *e;

	for (i = 0; i <= t->mask; i++) {
		n = 0;
		hlist_for_each_entry(e, &t->chains[i], node)
			n++;
		most = max(most, n);
	}
	return most;
}

/*
 * The hash reads every word that tells keys apart, whichever branch of
 * icmpx_src_hash() a key takes: 2048 keys that differ in one 32-bit
 * word of the prefix only, or in the rule only (its type and zone, one
 * in each half of the key's first word), fill 512 chains evenly, four
 * on average: no chain past 24 (a chance below 10^-8 for a hash that
 * spreads them; one that missed the differing bits would put 32 or
 * more keys on one hash).
 */
static void sources_spread(struct kunit *test)
{
	static const struct {
		u8 family, plen, at;	/* the varying word's first byte */
		bool rule;		/* the rule varies, not the prefix */
	} keys[] = {
		{ ICMPX_FAMILY_IPV4, 32, 0 }, { ICMPX_FAMILY_IPV4, 24, 0 },
		{ ICMPX_FAMILY_IPV6, 32, 0 }, { ICMPX_FAMILY_IPV6, 64, 4 },
		{ ICMPX_FAMILY_IPV6, 96, 8 }, { ICMPX_FAMILY_IPV6, 128, 12 },
		{ ICMPX_FAMILY_IPV4, 32, 0, true },
		{ ICMPX_FAMILY_IPV6, 64, 0, true },
		{ ICMPX_FAMILY_IPV6, 128, 0, true },
	};
	struct icmpx_sources *t;
	struct icmpx_src_key k;
	struct icmpx_rate r;
	unsigned int c, i, end, shift;
	u8 addr[16], ev;
	__be32 w;

	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 10, 10), 0);
	for (c = 0; c < ARRAY_SIZE(keys); c++) {
		t = icmpx_src_alloc(2048);
		KUNIT_ASSERT_NOT_NULL(test, t);
		/* Within the prefix: shifted left past its end. */
		end = keys[c].at * 8 + 32;
		shift = end > keys[c].plen ? end - keys[c].plen : 0;
		for (i = 0; i < 2048; i++) {
			memset(addr, 0x5a, sizeof(addr));
			if (keys[c].rule) {
				icmpx_src_key(&k, keys[c].family, i & 0x1f, -1,
					      addr, keys[c].plen);
				k.zone = i >> 5;
			} else {
				w = cpu_to_be32(i << shift);
				memcpy(addr + keys[c].at, &w, sizeof(w));
				icmpx_src_key(&k, keys[c].family, 8, -1, addr,
					      keys[c].plen);
			}
			KUNIT_ASSERT_EQ(test, limit(t, &k, &r, T0, &ev),
					ICMPX_SRC_PASS);
			KUNIT_ASSERT_EQ(test, ev, ICMPX_SRC_INSERTED);
		}
		KUNIT_EXPECT_EQ(test, atomic_read(&t->count), 2048);
		KUNIT_EXPECT_LE_MSG(test, longest_chain(t), 24, "case %u", c);
		icmpx_src_free(t);
	}
}

static void sources_random_key(struct kunit *test)
{
	struct icmpx_sources *a = icmpx_src_alloc(64);
	struct icmpx_sources *b = icmpx_src_alloc(64);
	siphash_key_t zero = {};

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_MEMNEQ(test, &a->secret, &b->secret, sizeof(a->secret));
	KUNIT_EXPECT_MEMNEQ(test, &a->secret, &zero, sizeof(zero));
	icmpx_src_free(a);
	icmpx_src_free(b);
}

/* Each entry is a zone's: listed by zone, and a zone's forgotten alone. */
static void sources_zones(struct kunit *test)
{
	struct icmpx_sources *t = icmpx_src_alloc(64);
	struct icmpx_src_info top[8];
	struct icmpx_src_key k;
	struct icmpx_rate r;
	int i;
	u8 ev;

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 10, 5), 0);
	/* Sources 0 to 2 in zone 0, 3 to 5 in zone 1, 6 in zone 2. */
	for (i = 0; i < 7; i++) {
		key4(&k, 10, 2, 0, i, 32);
		k.zone = i < 3 ? 0 : i < 6 ? 1 : 2;
		limit(t, &k, &r, T0, &ev);
	}
	KUNIT_EXPECT_EQ(test, icmpx_src_top_of(t, top, 8, -1), 7);
	KUNIT_EXPECT_EQ(test, icmpx_src_top_of(t, top, 8, 0), 3);
	KUNIT_ASSERT_EQ(test, icmpx_src_top_of(t, top, 8, 1), 3);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, top[i].key.zone, 1);
	KUNIT_EXPECT_EQ(test, icmpx_src_forget(t, 1), 3);
	KUNIT_EXPECT_EQ(test, icmpx_src_top_of(t, top, 8, 1), 0);
	KUNIT_EXPECT_EQ(test, icmpx_src_top_of(t, top, 8, 0), 3);
	KUNIT_EXPECT_EQ(test, icmpx_src_top_of(t, top, 8, 2), 1);
	KUNIT_EXPECT_EQ(test, icmpx_src_top(t, top, 8), 4);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, atomic_read(&t->count), 4);
	icmpx_src_free(t);
}

static void sources_top(struct kunit *test)
{
	struct icmpx_sources *t = icmpx_src_alloc(64);
	struct icmpx_src_info top[10];
	struct icmpx_src_key k;
	struct icmpx_rate r;
	int i, j, n;
	u8 ev;

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 10, 5), 0);
	/* Source i sends i + 1 packets: each weight its own. */
	for (i = 0; i < 10; i++) {
		key4(&k, 10, 2, 0, i, 32);
		for (j = 0; j <= i; j++)
			limit(t, &k, &r, T0, &ev);
	}
	KUNIT_EXPECT_EQ(test, icmpx_src_top(t, top, 0), 0);
	KUNIT_ASSERT_EQ(test, icmpx_src_top(t, top, 3), 3);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, top[i].key.addr[3], 9 - i);
		KUNIT_EXPECT_EQ(test, top[i].passed, 5);
		KUNIT_EXPECT_EQ(test, top[i].dropped, 5 - i);
	}
	/* The heaviest n, in order, for every n. */
	for (n = 1; n <= 10; n++) {
		KUNIT_ASSERT_EQ(test, icmpx_src_top(t, top, n), n);
		for (i = 0; i < n; i++)
			KUNIT_EXPECT_EQ_MSG(test, top[i].key.addr[3], 9 - i, "n %d", n);
	}
	icmpx_src_free(t);
}

/*
 * The heaviest @n of many sources of random weights, against the
 * weights sorted the slow way; @n beyond the entries lists them all.
 */
static void sources_top_heap(struct kunit *test)
{
	static const unsigned int ns[] = { 1, 2, 7, 100, 999, 1000, 4096 };
	const unsigned int entries = 1000;
	struct icmpx_sources *t = icmpx_src_alloc(4096);
	struct icmpx_src_info *top;
	struct icmpx_src_key k;
	unsigned int i, j, got, want;
	struct icmpx_rate r;
	u16 *sent;
	u8 ev;

	KUNIT_ASSERT_NOT_NULL(test, t);
	top = kunit_kcalloc(test, 4096, sizeof(*top), GFP_KERNEL);
	sent = kunit_kcalloc(test, entries, sizeof(*sent), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, top);
	KUNIT_ASSERT_NOT_NULL(test, sent);
	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 10, 5), 0);
	for (i = 0; i < entries; i++) {
		sent[i] = 1 + get_random_u32_below(40);
		key4(&k, 10, 1, i >> 8, i & 255, 32);
		for (j = 0; j < sent[i]; j++)
			limit(t, &k, &r, T0, &ev);
	}
	/* The weights, heaviest first. */
	sort(sent, entries, sizeof(*sent), cmp_desc_u16, NULL);
	for (i = 0; i < ARRAY_SIZE(ns); i++) {
		want = min(ns[i], entries);
		got = icmpx_src_top(t, top, ns[i]);
		KUNIT_EXPECT_EQ_MSG(test, got, want, "n %u", ns[i]);
		for (j = 0; j < min(got, want); j++)
			KUNIT_EXPECT_EQ_MSG(test, top[j].passed + top[j].dropped,
					    (u64)sent[j], "n %u, place %u", ns[i], j);
	}
	icmpx_src_free(t);
}

/*
 * get-sources' worst case: the heaviest 65536 of a table of 2^20
 * entries.  It must come back, heaviest first, and reschedule as it
 * goes: under the debug kernel's soft-lockup detector and lockdep.
 */
static void sources_top_million(struct kunit *test)
{
	const unsigned int entries = 1u << 20, n = ICMPX_TOP_MAX;
	struct icmpx_sources *t = icmpx_src_alloc(entries);
	struct icmpx_src_info *top;
	struct icmpx_src_key k;
	unsigned int i, got;
	struct icmpx_rate r;
	u64 t0, t1;
	u8 ev;

	KUNIT_ASSERT_NOT_NULL(test, t);
	top = kvmalloc_array(n, sizeof(*top), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, top);
	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 1000, 1000), 0);
	for (i = 0; i < entries; i++) {
		key4(&k, 10, i >> 16, i >> 8, i, 32);
		/* Every seventh sends two messages, the others one: ties. */
		limit(t, &k, &r, T0, &ev);
		if (i % 7 == 6)
			limit(t, &k, &r, T0, &ev);
		if ((i & 4095) == 0)
			cond_resched();
	}
	KUNIT_ASSERT_EQ(test, atomic_read(&t->count), entries);
	t0 = ktime_get_ns();
	got = icmpx_src_top(t, top, n);
	t1 = ktime_get_ns();
	kunit_info(test, "top %u of %u entries in %llu ms\n", n, entries,
		   (t1 - t0) / NSEC_PER_MSEC);
	KUNIT_EXPECT_EQ(test, got, n);
	/* Every seventh sent 2: 149796 of them, more than the top holds. */
	for (i = 0; i < got; i++)
		KUNIT_ASSERT_EQ_MSG(test, top[i].passed + top[i].dropped, 2, "place %u", i);
	kvfree(top);
	icmpx_src_free(t);
}

/*
 * The collector sleeps while the table is empty: an empty namespace
 * costs no wakeups.  The first entry wakes it; once the entries are
 * gone, it does not come back.
 */
static void sources_collector_idle(struct kunit *test)
{
	struct icmpx_sources *t = icmpx_src_alloc(64);
	struct icmpx_src_key k;
	struct icmpx_rate r;
	u8 ev;

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, icmpx_rate_init(&r, 10, 5), 0);
	/* Not asked to collect yet: an entry wakes nothing. */
	key4(&k, 10, 1, 0, 2, 32);
	limit(t, &k, &r, ktime_get_ns(), &ev);
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&t->gc));
	KUNIT_EXPECT_EQ(test, icmpx_src_flush(t), 1);
	rcu_barrier();
	icmpx_src_collect(t);
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&t->gc));
	key4(&k, 10, 1, 0, 1, 32);
	limit(t, &k, &r, ktime_get_ns(), &ev);
	KUNIT_EXPECT_TRUE(test, delayed_work_pending(&t->gc));
	KUNIT_EXPECT_EQ(test, icmpx_src_flush(t), 1);
	rcu_barrier();
	/* Run now, it finds nothing and goes back to sleep. */
	flush_delayed_work(&t->gc);
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&t->gc));
	icmpx_src_free(t);
}

static struct kunit_case limit_cases[] = {
	KUNIT_CASE(rate_bounds),
	KUNIT_CASE(bucket_rate_and_burst),
	KUNIT_CASE(bucket_clock_backwards),
	KUNIT_CASE(bucket_extremes),
	KUNIT_CASE(bucket_idle),
	KUNIT_CASE(sources_prefixes),
	KUNIT_CASE(sources_limit_one),
	KUNIT_CASE(sources_cap),
	KUNIT_CASE(sources_evict_stale),
	KUNIT_CASE(sources_marks),
	KUNIT_CASE(sources_prefix_bits),
	KUNIT_CASE(sources_next_stale),
	KUNIT_CASE(sources_next_stale_insert),
	KUNIT_CASE(sources_evict_choice),
	KUNIT_CASE(sources_gc),
	KUNIT_CASE(sources_chains),
	KUNIT_CASE_SLOW(sources_spread),
	KUNIT_CASE(sources_random_key),
	KUNIT_CASE(sources_top),
	KUNIT_CASE(sources_zones),
	KUNIT_CASE(sources_top_heap),
	KUNIT_CASE_SLOW(sources_top_million),
	KUNIT_CASE(sources_collector_idle),
	{}
};

struct kunit_suite icmpx_limit_suite = {
	.name = "icmpx-limit",
	.test_cases = limit_cases,
};
