// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: a namespace's limits as the packet path spends them
 * (ratelimit.c), over the token buckets and the per-source table.
 */
#include <kunit/test.h>
#include <linux/bottom_half.h>
#include <linux/workqueue.h>

#include "../limit.h"
#include "../netns.h"
#include "../parse.h"
#include "../ratelimit.h"
#include "../sources.h"
#include "../stats.h"
#include "tests.h"

/*
 * A namespace's limits as the packet path spends them: every rule its
 * own buckets.  Rates of 1/s with a burst of 1: the test is over long
 * before any credit comes back.
 */
struct rl_env {
	struct icmpx_net in;
	struct icmpx_zone *zone;	/* the rule's zone; NULL: the default */
	struct icmpx_limiter global, per_source;
	u8 saddr[4];
	struct icmpx_pkt pkt;
};

static int rl_init(struct rl_env *e, unsigned int cap)
{
	e->in.dflt.stats = icmpx_stats_alloc();
	e->in.dflt.buckets = icmpx_buckets_alloc();
	if (!e->in.dflt.stats || !e->in.dflt.buckets ||
	    icmpx_limits_net_init(&e->in))
		return -ENOMEM;
	/* A table of @cap entries, to see what its fallback spends. */
	if (cap) {
		e->in.limits->src = icmpx_src_alloc(cap);
		if (!e->in.limits->src)
			return -ENOMEM;
	}
	icmpx_rate_init(&e->global.rate, 1, 1);
	e->global.scope = ICMPX_SCOPE_GLOBAL;
	e->per_source = e->global;
	e->per_source.scope = ICMPX_SCOPE_SOURCE;
	e->per_source.plen[ICMPX_FAMILY_IPV4] = 32;
	e->pkt.family = ICMPX_FAMILY_IPV4;
	e->pkt.saddr = e->saddr;
	return 0;
}

static void rl_exit(struct rl_env *e)
{
	icmpx_limits_net_stop(&e->in);
	rcu_barrier();
	icmpx_limits_net_exit(&e->in);
	icmpx_buckets_free(e->in.dflt.buckets);
	icmpx_stats_free(e->in.dflt.stats);
}

/* One message of (@type, @code) from 10.0.0.@src, under @code_rule. */
static bool rl_pass(struct rl_env *e, const struct icmpx_limiter *l, u8 type,
		    u8 code, u8 code_rule, u8 src)
{
	struct icmpx_decision d = { .limiter = 1, .code_rule = code_rule };
	u8 head[2] = { type, code };
	enum icmpx_drop drop;

	e->saddr[0] = 10;
	e->saddr[3] = src;
	e->pkt.data = head;
	e->pkt.avail = sizeof(head);
	e->pkt.len = 8;
	rcu_read_lock();
	local_bh_disable();
	drop = icmpx_ratelimit(&e->in, e->zone ?: &e->in.dflt, l, &d, &e->pkt);
	local_bh_enable();
	rcu_read_unlock();
	return drop == ICMPX_DROP_NONE;
}

static void limit_buckets_per_rule(struct kunit *test)
{
	struct rl_env *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_ASSERT_EQ(test, rl_init(e, 16), 0);

	/* Global scope: the type's rule, then two code rules of the type. */
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->global, 3, 1, 0, 1));
	KUNIT_EXPECT_FALSE(test, rl_pass(e, &e->global, 3, 1, 0, 1));
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->global, 3, 3, 1, 1));
	KUNIT_EXPECT_FALSE(test, rl_pass(e, &e->global, 3, 3, 1, 1));
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->global, 3, 13, 2, 1));
	/* Another type's bucket is its own too. */
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->global, 11, 0, 0, 1));
	/* A new policy puts another code rule in the first one's place. */
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->global, 3, 9, 1, 1));
	KUNIT_EXPECT_FALSE(test, rl_pass(e, &e->global, 3, 9, 1, 1));

	/* Per source: the type's and a code rule's buckets for one source. */
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->per_source, 8, 0, 0, 5));
	KUNIT_EXPECT_FALSE(test, rl_pass(e, &e->per_source, 8, 0, 0, 5));
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->per_source, 8, 0, 3, 5));
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->per_source, 8, 0, 0, 6));
	rl_exit(e);
}

/* With the table full, a rule falls back on its own global bucket. */
static void limit_full_table_fallback(struct kunit *test)
{
	struct rl_env *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_ASSERT_EQ(test, rl_init(e, 1), 0);

	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->per_source, 3, 1, 0, 1));
	/* Full: sources 2 and 3 share the type rule's global bucket. */
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->per_source, 3, 1, 0, 2));
	KUNIT_EXPECT_FALSE(test, rl_pass(e, &e->per_source, 3, 1, 0, 3));
	/* A code rule's fallback is its own, and so is another type's. */
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->per_source, 3, 3, 1, 2));
	KUNIT_EXPECT_FALSE(test, rl_pass(e, &e->per_source, 3, 3, 1, 3));
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->per_source, 11, 0, 0, 2));
	/* A global rule of that type spends the same bucket: the rule's. */
	KUNIT_EXPECT_FALSE(test, rl_pass(e, &e->global, 3, 1, 0, 9));
	/* The source that has an entry keeps its own bucket. */
	KUNIT_EXPECT_FALSE(test, rl_pass(e, &e->per_source, 3, 1, 0, 1));
	rl_exit(e);
}

/*
 * A namespace has no per-source table until a message needs one: that
 * message spends its rule's global bucket, and the table is made for
 * the next ones.
 */
static void limit_table_on_demand(struct kunit *test)
{
	struct rl_env *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_ASSERT_EQ(test, rl_init(e, 0), 0);
	KUNIT_EXPECT_NULL(test, icmpx_sources(e->in.limits));
	/* Global scope needs no table. */
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->global, 3, 1, 0, 1));
	flush_work(&e->in.limits->grow);
	KUNIT_EXPECT_NULL(test, icmpx_sources(e->in.limits));
	/* The first per-source message: the rule's global bucket, spent. */
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->per_source, 8, 0, 0, 1));
	flush_work(&e->in.limits->grow);
	KUNIT_ASSERT_NOT_NULL(test, icmpx_sources(e->in.limits));
	KUNIT_EXPECT_EQ(test, icmpx_sources(e->in.limits)->max, icmpx_sources_cap());
	/* From now on each source has its bucket; the global one is empty. */
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->per_source, 8, 0, 0, 2));
	KUNIT_EXPECT_FALSE(test, rl_pass(e, &e->per_source, 8, 0, 0, 2));
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->per_source, 8, 0, 0, 1));
	KUNIT_EXPECT_FALSE(test, rl_pass(e, &e->global, 8, 0, 0, 3));
	rl_exit(e);
}

/*
 * Zones share the per-source table, not buckets: the same source under
 * the same rule of two zones has an entry in each, and each zone has
 * its own global buckets.
 */
static void limit_zones_apart(struct kunit *test)
{
	struct rl_env *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	struct icmpx_zone *wan = kunit_kzalloc(test, sizeof(*wan), GFP_KERNEL);
	struct icmpx_src_info top[4];
	struct icmpx_sources *t;

	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_ASSERT_NOT_NULL(test, wan);
	KUNIT_ASSERT_EQ(test, rl_init(e, 16), 0);
	wan->id = 1;
	wan->stats = icmpx_stats_alloc();
	wan->buckets = icmpx_buckets_alloc();
	KUNIT_ASSERT_NOT_NULL(test, wan->stats);
	KUNIT_ASSERT_NOT_NULL(test, wan->buckets);

	/* Source 1 spends its bucket in the default zone ... */
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->per_source, 8, 0, 0, 1));
	KUNIT_EXPECT_FALSE(test, rl_pass(e, &e->per_source, 8, 0, 0, 1));
	/* ... and has a full one in wan, spent there alone. */
	e->zone = wan;
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->per_source, 8, 0, 0, 1));
	KUNIT_EXPECT_FALSE(test, rl_pass(e, &e->per_source, 8, 0, 0, 1));
	t = icmpx_sources(e->in.limits);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->count), 2);
	/* Listed by zone: wan's alone, or both. */
	KUNIT_EXPECT_EQ(test, icmpx_src_top_of(t, top, 4, wan->id), 1);
	KUNIT_EXPECT_EQ(test, top[0].key.zone, wan->id);
	KUNIT_EXPECT_EQ(test, icmpx_src_top_of(t, top, 4, -1), 2);
	/*
	 * wan deleted: its entry goes, and a zone taking its id starts full;
	 * the default zone's entry stays, spent.
	 */
	KUNIT_EXPECT_EQ(test, icmpx_src_forget(t, wan->id), 1);
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->per_source, 8, 0, 0, 1));
	e->zone = NULL;
	KUNIT_EXPECT_FALSE(test, rl_pass(e, &e->per_source, 8, 0, 0, 1));
	/* Global buckets: wan's first message passes after the default's. */
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->global, 3, 1, 0, 1));
	KUNIT_EXPECT_FALSE(test, rl_pass(e, &e->global, 3, 1, 0, 1));
	e->zone = wan;
	KUNIT_EXPECT_TRUE(test, rl_pass(e, &e->global, 3, 1, 0, 1));
	KUNIT_EXPECT_FALSE(test, rl_pass(e, &e->global, 3, 1, 0, 1));
	rl_exit(e);
	icmpx_buckets_free(wan->buckets);
	icmpx_stats_free(wan->stats);
}

static struct kunit_case ratelimit_cases[] = {
	KUNIT_CASE(limit_buckets_per_rule),
	KUNIT_CASE(limit_full_table_fallback),
	KUNIT_CASE(limit_table_on_demand),
	KUNIT_CASE(limit_zones_apart),
	{}
};

struct kunit_suite icmpx_ratelimit_suite = {
	.name = "icmpx-ratelimit",
	.test_cases = ratelimit_cases,
};
