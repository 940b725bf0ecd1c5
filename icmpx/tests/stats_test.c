// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: shared per-type and per-CPU counters fold into the right totals.
 */
#include <kunit/test.h>
#include <linux/bottom_half.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/icmp.h>
#include <linux/slab.h>

#include "../stats.h"
#include "tests.h"

struct stats_fixture {
	struct icmpx_counters *stats;
	struct icmpx_stats *sum;
};

static int stats_init(struct kunit *test)
{
	struct stats_fixture *fx;

	fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx);
	fx->sum = kunit_kzalloc(test, sizeof(*fx->sum), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx->sum);
	fx->stats = icmpx_stats_alloc();
	KUNIT_ASSERT_TRUE(test, !!fx->stats);
	test->priv = fx;
	return 0;
}

static void stats_exit(struct kunit *test)
{
	struct stats_fixture *fx = test->priv;

	icmpx_stats_free(fx->stats);
}

/* The packet path counts with bottom halves off; so does the test. */
static void count_drop(struct icmpx_counters *stats, u8 family,
		       u8 type, enum icmpx_reason reason, enum icmpx_drop drop)
{
	struct icmpx_msg msg = { .family = family, .type = type };

	local_bh_disable();
	icmpx_count_msg(stats, &msg, reason, drop, false);
	local_bh_enable();
}

static void count(struct icmpx_counters *stats, u8 family, u8 type,
		  enum icmpx_reason reason)
{
	count_drop(stats, family, type, reason,
		   reason ? ICMPX_DROP_MALFORMED : ICMPX_DROP_NONE);
}

static u64 total(const struct icmpx_stats *sum, enum icmpx_family f,
		 enum icmpx_type_counter c)
{
	return icmpx_counter(sum, f, -1, c);
}

static void stats_start_at_zero(struct kunit *test)
{
	struct stats_fixture *fx = test->priv;
	int f, i;

	icmpx_stats_read(fx->stats, fx->sum);
	for (f = 0; f < ICMPX_NFAMILY; f++)
		for (i = 0; i < 256; i++)
			KUNIT_EXPECT_EQ(test, fx->sum->types[ICMPX_C_RECEIVED][f][i], 0);
}

static void stats_count_by_family_and_type(struct kunit *test)
{
	struct stats_fixture *fx = test->priv;
	int i;

	for (i = 0; i < 5; i++)
		count(fx->stats, ICMPX_FAMILY_IPV4, 8, ICMPX_OK);
	count(fx->stats, ICMPX_FAMILY_IPV6, 8, ICMPX_R_TRUNCATED);
	count(fx->stats, ICMPX_FAMILY_IPV6, 255, ICMPX_OK);

	icmpx_stats_read(fx->stats, fx->sum);
	KUNIT_EXPECT_EQ(test, fx->sum->types[ICMPX_C_RECEIVED][ICMPX_FAMILY_IPV4][8], 5);
	KUNIT_EXPECT_EQ(test, fx->sum->types[ICMPX_C_RECEIVED][ICMPX_FAMILY_IPV6][8], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->types[ICMPX_C_RECEIVED][ICMPX_FAMILY_IPV6][255], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->types[ICMPX_C_RECEIVED][ICMPX_FAMILY_IPV4][0], 0);
	KUNIT_EXPECT_EQ(test, fx->sum->types[ICMPX_C_VALID][ICMPX_FAMILY_IPV4][8], 5);
	KUNIT_EXPECT_EQ(test, fx->sum->types[ICMPX_C_VALID][ICMPX_FAMILY_IPV6][8], 0);
	KUNIT_EXPECT_EQ(test, fx->sum->types[ICMPX_C_VALID][ICMPX_FAMILY_IPV6][255], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->malformed[ICMPX_FAMILY_IPV6][ICMPX_R_TRUNCATED], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->malformed[ICMPX_FAMILY_IPV4][ICMPX_R_TRUNCATED], 0);
	/* A well-formed message is not counted as a reason. */
	KUNIT_EXPECT_EQ(test, fx->sum->malformed[ICMPX_FAMILY_IPV4][ICMPX_OK], 0);
}

/* Every message is accepted or dropped, and a drop counts its reason. */
static void stats_count_verdicts(struct kunit *test)
{
	struct stats_fixture *fx = test->priv;

	count(fx->stats, ICMPX_FAMILY_IPV4, 8, ICMPX_OK);
	count(fx->stats, ICMPX_FAMILY_IPV4, 8, ICMPX_R_CHECKSUM);
	count_drop(fx->stats, ICMPX_FAMILY_IPV4, 4, ICMPX_OK, ICMPX_DROP_SOURCE_QUENCH);
	count_drop(fx->stats, ICMPX_FAMILY_IPV6, 137, ICMPX_OK,
		   ICMPX_DROP_REDIRECT_GATEWAY);

	icmpx_stats_read(fx->stats, fx->sum);
	KUNIT_EXPECT_EQ(test, fx->sum->types[ICMPX_C_ACCEPTED][ICMPX_FAMILY_IPV4][8], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->types[ICMPX_C_DROPPED][ICMPX_FAMILY_IPV4][8], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->types[ICMPX_C_DROPPED][ICMPX_FAMILY_IPV4][4], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->types[ICMPX_C_ACCEPTED][ICMPX_FAMILY_IPV4][4], 0);
	KUNIT_EXPECT_EQ(test, fx->sum->drop[ICMPX_FAMILY_IPV4][ICMPX_DROP_MALFORMED], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->drop[ICMPX_FAMILY_IPV4][ICMPX_DROP_SOURCE_QUENCH], 1);
	KUNIT_EXPECT_EQ(test,
			fx->sum->drop[ICMPX_FAMILY_IPV6][ICMPX_DROP_REDIRECT_GATEWAY], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->drop[ICMPX_FAMILY_IPV4][ICMPX_DROP_NONE], 0);

	KUNIT_EXPECT_EQ(test, total(fx->sum, ICMPX_FAMILY_IPV4, ICMPX_C_RECEIVED), 3);
	KUNIT_EXPECT_EQ(test, total(fx->sum, ICMPX_FAMILY_IPV4, ICMPX_C_VALID), 2);
	KUNIT_EXPECT_EQ(test, total(fx->sum, ICMPX_FAMILY_IPV4, ICMPX_C_ACCEPTED), 1);
	KUNIT_EXPECT_EQ(test, total(fx->sum, ICMPX_FAMILY_IPV4, ICMPX_C_DROPPED), 2);
	KUNIT_EXPECT_EQ(test, total(fx->sum, ICMPX_FAMILY_IPV6, ICMPX_C_RECEIVED),
			total(fx->sum, ICMPX_FAMILY_IPV6, ICMPX_C_ACCEPTED) +
			total(fx->sum, ICMPX_FAMILY_IPV6, ICMPX_C_DROPPED));
}

/* A reset is a reading to subtract: every counter starts again at 0. */
static void stats_since_reset(struct kunit *test)
{
	struct stats_fixture *fx = test->priv;
	struct icmpx_stats *base = kunit_kzalloc(test, sizeof(*base), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, base);
	count(fx->stats, ICMPX_FAMILY_IPV4, 8, ICMPX_OK);
	count_drop(fx->stats, ICMPX_FAMILY_IPV6, 4, ICMPX_R_CHECKSUM, ICMPX_DROP_MALFORMED);
	icmpx_stats_read(fx->stats, base);
	count(fx->stats, ICMPX_FAMILY_IPV4, 8, ICMPX_OK);

	icmpx_stats_read(fx->stats, fx->sum);
	icmpx_stats_since(base, fx->sum);
	KUNIT_EXPECT_EQ(test, fx->sum->types[ICMPX_C_RECEIVED][ICMPX_FAMILY_IPV4][8], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->drop[ICMPX_FAMILY_IPV6][ICMPX_DROP_MALFORMED], 0);
	KUNIT_EXPECT_EQ(test, fx->sum->malformed[ICMPX_FAMILY_IPV6][ICMPX_R_CHECKSUM], 0);
	KUNIT_EXPECT_EQ(test, total(fx->sum, ICMPX_FAMILY_IPV6, ICMPX_C_RECEIVED), 0);
}

/* Counts made on every CPU are all folded into the sum. */
static void stats_fold_all_cpus(struct kunit *test)
{
	struct stats_fixture *fx = test->priv;
	struct icmpx_pcpu_stats *s;
	int cpu, n = 0;

	for_each_possible_cpu(cpu) {
		s = per_cpu_ptr(fx->stats->pcpu, cpu);
		u64_stats_add(&s->malformed[ICMPX_FAMILY_IPV4][ICMPX_R_CHECKSUM],
			      cpu + 1);
		u64_stats_add(&s->event[ICMPX_FAMILY_IPV6][ICMPX_EV_FRAGMENT], 2);
		n += cpu + 1;
	}
	icmpx_stats_read(fx->stats, fx->sum);
	KUNIT_EXPECT_EQ(test, fx->sum->malformed[ICMPX_FAMILY_IPV4][ICMPX_R_CHECKSUM], n);
	KUNIT_EXPECT_EQ(test, fx->sum->event[ICMPX_FAMILY_IPV6][ICMPX_EV_FRAGMENT],
			2 * num_possible_cpus());
}

struct on_cpu {
	struct icmpx_counters *stats;
	int n;
};

/* Counts a checksum failure n times, on the CPU it runs on. */
static int count_here(void *arg)
{
	struct on_cpu *c = arg;
	int i;

	for (i = 0; i < c->n; i++)
		count(c->stats, ICMPX_FAMILY_IPV4, ICMP_ECHO, ICMPX_R_CHECKSUM);
	return 0;
}

/*
 * Counts a CPU made stay in the sum while it is offline: a CPU going
 * away does not take its share with it.  Counted on CPU 1 through the
 * packet path's own calls, then CPU 1 taken offline.
 */
static void stats_fold_offline_cpu(struct kunit *test)
{
	struct stats_fixture *fx = test->priv;
	struct on_cpu c = { .stats = fx->stats, .n = 7 };
	u64 drops;
	int err;

	if (num_online_cpus() < 2 || !cpu_online(1))
		kunit_skip(test, "needs a CPU 1 to take offline");
	count(fx->stats, ICMPX_FAMILY_IPV4, ICMP_ECHO, ICMPX_R_CHECKSUM);
	KUNIT_ASSERT_EQ(test, smp_call_on_cpu(1, count_here, &c, false), 0);
	err = remove_cpu(1);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "remove_cpu(1)");
	icmpx_stats_read(fx->stats, fx->sum);
	drops = fx->sum->drop[ICMPX_FAMILY_IPV4][ICMPX_DROP_MALFORMED];
	KUNIT_EXPECT_EQ(test, add_cpu(1), 0);
	KUNIT_EXPECT_EQ(test, fx->sum->malformed[ICMPX_FAMILY_IPV4][ICMPX_R_CHECKSUM], 8);
	KUNIT_EXPECT_EQ(test, drops, 8);
	KUNIT_EXPECT_EQ(test, total(fx->sum, ICMPX_FAMILY_IPV4, ICMPX_C_RECEIVED), 8);
}

/*
 * What a namespace costs for its counters: the per-type ones once, a
 * few hundred bytes a CPU for the rest (Documentation/performance.rst).
 */
static void stats_footprint(struct kunit *test)
{
	KUNIT_EXPECT_LE(test, sizeof(struct icmpx_pcpu_stats), 1024);
	/* A page, allocated as one: kmalloc rounds nothing up. */
	KUNIT_EXPECT_LE(test, sizeof(struct icmpx_per_type), PAGE_SIZE);
}

/*
 * Limiter counts are per type.  A message the limiter passed is counted
 * received as it passes, and not again when it is validated; one it
 * refused, on its header alone, is counted once and read as received,
 * dropped for the limit and limit-dropped, neither valid nor malformed.
 */
static void stats_count_limits(struct kunit *test)
{
	struct stats_fixture *fx = test->priv;
	struct icmpx_msg msg = { .family = ICMPX_FAMILY_IPV6, .type = 128 };
	const u8 f = ICMPX_FAMILY_IPV6;
	u64 (*v)[ICMPX_NFAMILY][256] = fx->sum->types;

	local_bh_disable();
	icmpx_count_limit(fx->stats, f, 128, true);
	icmpx_count_msg(fx->stats, &msg, ICMPX_OK, ICMPX_DROP_NONE, true);
	icmpx_count_limit(fx->stats, f, 128, false);
	icmpx_count_limit(fx->stats, f, 128, false);
	/* Passed, then found malformed. */
	icmpx_count_limit(fx->stats, f, 128, true);
	icmpx_count_msg(fx->stats, &msg, ICMPX_R_CHECKSUM, ICMPX_DROP_MALFORMED,
			true);
	local_bh_enable();
	icmpx_stats_read(fx->stats, fx->sum);
	KUNIT_EXPECT_EQ(test, v[ICMPX_C_LIMIT_PASSED][f][128], 2);
	KUNIT_EXPECT_EQ(test, v[ICMPX_C_LIMIT_DROPPED][f][128], 2);
	KUNIT_EXPECT_EQ(test, v[ICMPX_C_LIMIT_DROPPED][ICMPX_FAMILY_IPV4][128], 0);
	KUNIT_EXPECT_EQ(test, v[ICMPX_C_RECEIVED][f][128], 4);
	KUNIT_EXPECT_EQ(test, v[ICMPX_C_VALID][f][128], 1);
	KUNIT_EXPECT_EQ(test, icmpx_malformed(fx->sum, f, 128), 1);
	KUNIT_EXPECT_EQ(test, v[ICMPX_C_DROPPED][f][128], 3);
	KUNIT_EXPECT_EQ(test, v[ICMPX_C_ACCEPTED][f][128], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->drop[f][ICMPX_DROP_LIMIT], 2);
	KUNIT_EXPECT_EQ(test, fx->sum->drop[f][ICMPX_DROP_MALFORMED], 1);
	KUNIT_EXPECT_EQ(test, fx->sum->malformed[f][ICMPX_R_CHECKSUM], 1);
}

/*
 * Every counter has a name (and an event its help), and the names of a
 * family's totals, reasons and events, which share one namespace in
 * /proc/net/icmpx and sysfs, are all different.
 */
static void stats_names(struct kunit *test)
{
	const char *names[ICMPX_NCOUNTER + 1 + ICMPX_NREASON + ICMPX_NEVENT];
	int i, j, n = 0;

	for (i = 0; i < ICMPX_NCOUNTER; i++) {
		KUNIT_ASSERT_NOT_NULL_MSG(test, icmpx_counter_name(i), "counter %d", i);
		KUNIT_EXPECT_NE_MSG(test, icmpx_counter_attr(i), 0, "counter %d", i);
		names[n++] = icmpx_counter_name(i);
	}
	names[n++] = "malformed";
	for (i = ICMPX_OK + 1; i < ICMPX_NREASON; i++)
		names[n++] = icmpx_reason_name(i);
	for (i = 0; i < ICMPX_NEVENT; i++) {
		KUNIT_ASSERT_NOT_NULL_MSG(test, icmpx_event_name(i), "event %d", i);
		KUNIT_EXPECT_NOT_NULL_MSG(test, icmpx_event_help(i), "event %d", i);
		names[n++] = icmpx_event_name(i);
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			KUNIT_EXPECT_STRNEQ(test, names[i], names[j]);
}

static struct kunit_case stats_cases[] = {
	KUNIT_CASE(stats_start_at_zero),
	KUNIT_CASE(stats_count_by_family_and_type),
	KUNIT_CASE(stats_count_verdicts),
	KUNIT_CASE(stats_fold_all_cpus),
	KUNIT_CASE(stats_fold_offline_cpu),
	KUNIT_CASE(stats_footprint),
	KUNIT_CASE(stats_names),
	KUNIT_CASE(stats_count_limits),
	KUNIT_CASE(stats_since_reset),
	{}
};

struct kunit_suite icmpx_stats_suite = {
	.name = "icmpx-stats",
	.init = stats_init,
	.exit = stats_exit,
	.test_cases = stats_cases,
};
