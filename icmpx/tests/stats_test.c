// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: per-CPU counters fold into the right totals.
 */
#include <kunit/test.h>
#include <linux/bottom_half.h>
#include <linux/cpumask.h>
#include <linux/slab.h>

#include "../stats.h"
#include "tests.h"

struct stats_fixture {
	struct icmpx_pcpu_stats __percpu *pcpu;
	struct icmpx_stats *sum;
};

static int stats_init(struct kunit *test)
{
	struct stats_fixture *fx;

	fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx);
	fx->sum = kunit_kzalloc(test, sizeof(*fx->sum), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx->sum);
	fx->pcpu = icmpx_stats_alloc();
	KUNIT_ASSERT_TRUE(test, !!fx->pcpu);
	test->priv = fx;
	return 0;
}

static void stats_exit(struct kunit *test)
{
	struct stats_fixture *fx = test->priv;

	icmpx_stats_free(fx->pcpu);
}

/* The packet path counts with bottom halves off; so does the test. */
static void count_drop(struct icmpx_pcpu_stats __percpu *pcpu, u8 family,
		       u8 type, enum icmpx_reason reason, enum icmpx_drop drop)
{
	struct icmpx_msg msg = { .family = family, .type = type };

	local_bh_disable();
	icmpx_count_msg(pcpu, &msg, reason, drop);
	local_bh_enable();
}

static void count(struct icmpx_pcpu_stats __percpu *pcpu, u8 family, u8 type,
		  enum icmpx_reason reason)
{
	count_drop(pcpu, family, type, reason,
		   reason ? ICMPX_DROP_MALFORMED : ICMPX_DROP_NONE);
}

static void stats_start_at_zero(struct kunit *test)
{
	struct stats_fixture *fx = test->priv;
	int f, i;

	icmpx_stats_read(fx->pcpu, fx->sum);
	for (f = 0; f < ICMPX_NFAMILY; f++)
		for (i = 0; i < 256; i++)
			KUNIT_EXPECT_EQ(test, fx->sum->rx[f][i], 0);
}

static void stats_count_by_family_and_type(struct kunit *test)
{
	struct stats_fixture *fx = test->priv;
	int i;

	for (i = 0; i < 5; i++)
		count(fx->pcpu, ICMPX_FAMILY_IPV4, 8, ICMPX_OK);
	count(fx->pcpu, ICMPX_FAMILY_IPV6, 8, ICMPX_R_TRUNCATED);
	count(fx->pcpu, ICMPX_FAMILY_IPV6, 255, ICMPX_OK);

	icmpx_stats_read(fx->pcpu, fx->sum);
	KUNIT_EXPECT_EQ(test, fx->sum->rx[ICMPX_FAMILY_IPV4][8], 5);
	KUNIT_EXPECT_EQ(test, fx->sum->rx[ICMPX_FAMILY_IPV6][8], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->rx[ICMPX_FAMILY_IPV6][255], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->rx[ICMPX_FAMILY_IPV4][0], 0);
	KUNIT_EXPECT_EQ(test, fx->sum->valid[ICMPX_FAMILY_IPV4][8], 5);
	KUNIT_EXPECT_EQ(test, fx->sum->valid[ICMPX_FAMILY_IPV6][8], 0);
	KUNIT_EXPECT_EQ(test, fx->sum->valid[ICMPX_FAMILY_IPV6][255], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->malformed[ICMPX_FAMILY_IPV6][ICMPX_R_TRUNCATED], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->malformed[ICMPX_FAMILY_IPV4][ICMPX_R_TRUNCATED], 0);
	/* A well-formed message is not counted as a reason. */
	KUNIT_EXPECT_EQ(test, fx->sum->malformed[ICMPX_FAMILY_IPV4][ICMPX_OK], 0);
}

/* Every message is accepted or dropped, and a drop counts its reason. */
static void stats_count_verdicts(struct kunit *test)
{
	struct stats_fixture *fx = test->priv;
	struct icmpx_totals t;

	count(fx->pcpu, ICMPX_FAMILY_IPV4, 8, ICMPX_OK);
	count(fx->pcpu, ICMPX_FAMILY_IPV4, 8, ICMPX_R_CHECKSUM);
	count_drop(fx->pcpu, ICMPX_FAMILY_IPV4, 4, ICMPX_OK, ICMPX_DROP_SOURCE_QUENCH);
	count_drop(fx->pcpu, ICMPX_FAMILY_IPV6, 137, ICMPX_OK,
		   ICMPX_DROP_REDIRECT_GATEWAY);

	icmpx_stats_read(fx->pcpu, fx->sum);
	KUNIT_EXPECT_EQ(test, fx->sum->accepted[ICMPX_FAMILY_IPV4][8], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->dropped[ICMPX_FAMILY_IPV4][8], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->dropped[ICMPX_FAMILY_IPV4][4], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->accepted[ICMPX_FAMILY_IPV4][4], 0);
	KUNIT_EXPECT_EQ(test, fx->sum->drop[ICMPX_FAMILY_IPV4][ICMPX_DROP_MALFORMED], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->drop[ICMPX_FAMILY_IPV4][ICMPX_DROP_SOURCE_QUENCH], 1);
	KUNIT_EXPECT_EQ(test,
			fx->sum->drop[ICMPX_FAMILY_IPV6][ICMPX_DROP_REDIRECT_GATEWAY], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->drop[ICMPX_FAMILY_IPV4][ICMPX_DROP_NONE], 0);

	icmpx_stats_totals(fx->sum, ICMPX_FAMILY_IPV4, &t);
	KUNIT_EXPECT_EQ(test, t.received, 3);
	KUNIT_EXPECT_EQ(test, t.valid, 2);
	KUNIT_EXPECT_EQ(test, t.accepted, 1);
	KUNIT_EXPECT_EQ(test, t.dropped, 2);
	icmpx_stats_totals(fx->sum, ICMPX_FAMILY_IPV6, &t);
	KUNIT_EXPECT_EQ(test, t.received, t.accepted + t.dropped);
}

/* A reset is a reading to subtract: every counter starts again at 0. */
static void stats_since_reset(struct kunit *test)
{
	struct stats_fixture *fx = test->priv;
	struct icmpx_stats *base = kunit_kzalloc(test, sizeof(*base), GFP_KERNEL);
	struct icmpx_totals t;

	KUNIT_ASSERT_NOT_NULL(test, base);
	count(fx->pcpu, ICMPX_FAMILY_IPV4, 8, ICMPX_OK);
	count_drop(fx->pcpu, ICMPX_FAMILY_IPV6, 4, ICMPX_R_CHECKSUM, ICMPX_DROP_MALFORMED);
	icmpx_stats_read(fx->pcpu, base);
	count(fx->pcpu, ICMPX_FAMILY_IPV4, 8, ICMPX_OK);

	icmpx_stats_read(fx->pcpu, fx->sum);
	icmpx_stats_since(base, fx->sum);
	KUNIT_EXPECT_EQ(test, fx->sum->rx[ICMPX_FAMILY_IPV4][8], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->drop[ICMPX_FAMILY_IPV6][ICMPX_DROP_MALFORMED], 0);
	KUNIT_EXPECT_EQ(test, fx->sum->malformed[ICMPX_FAMILY_IPV6][ICMPX_R_CHECKSUM], 0);
	icmpx_stats_totals(fx->sum, ICMPX_FAMILY_IPV6, &t);
	KUNIT_EXPECT_EQ(test, t.received, 0);
}

/* Counts made on every CPU are all folded into the sum. */
static void stats_fold_all_cpus(struct kunit *test)
{
	struct stats_fixture *fx = test->priv;
	struct icmpx_pcpu_stats *s;
	int cpu, n = 0;

	for_each_possible_cpu(cpu) {
		s = per_cpu_ptr(fx->pcpu, cpu);
		u64_stats_add(&s->rx[ICMPX_FAMILY_IPV4][3], cpu + 1);
		u64_stats_add(&s->valid[ICMPX_FAMILY_IPV4][3], 1);
		u64_stats_add(&s->event[ICMPX_FAMILY_IPV6][ICMPX_EV_FRAGMENT], 2);
		n += cpu + 1;
	}
	icmpx_stats_read(fx->pcpu, fx->sum);
	KUNIT_EXPECT_EQ(test, fx->sum->rx[ICMPX_FAMILY_IPV4][3], n);
	KUNIT_EXPECT_EQ(test, fx->sum->valid[ICMPX_FAMILY_IPV4][3], num_possible_cpus());
	KUNIT_EXPECT_EQ(test, fx->sum->event[ICMPX_FAMILY_IPV6][ICMPX_EV_FRAGMENT],
			2 * num_possible_cpus());
}

static struct kunit_case stats_cases[] = {
	KUNIT_CASE(stats_start_at_zero),
	KUNIT_CASE(stats_count_by_family_and_type),
	KUNIT_CASE(stats_count_verdicts),
	KUNIT_CASE(stats_fold_all_cpus),
	KUNIT_CASE(stats_since_reset),
	{}
};

struct kunit_suite icmpx_stats_suite = {
	.name = "icmpx-stats",
	.init = stats_init,
	.exit = stats_exit,
	.test_cases = stats_cases,
};
