// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU counters, folded into one consistent view on read.
 *
 * Writers never share a cache line across CPUs; a reader retries one
 * CPU's block until it saw no concurrent update, as the kernel's own
 * network statistics do.
 */
#include <kunit/visibility.h>
#include <linux/export.h>
#include <linux/percpu.h>
#include <linux/string.h>

#include "sources.h"
#include "stats.h"

static const char *const event_names[ICMPX_NEVENT] = {
	[ICMPX_EV_FRAGMENT]	= "fragment",
	[ICMPX_EV_NOHDR]	= "no-header",
	[ICMPX_EV_GUARDED]	= "guarded",
	[ICMPX_EV_MONITORED]	= "monitored",
	[ICMPX_EV_SRC_INSERT]	= "source-inserts",
	[ICMPX_EV_SRC_EVICT]	= "source-evictions",
	[ICMPX_EV_SRC_FULL]	= "source-full",
	[ICMPX_EV_SRC_NOMEM]	= "source-nomem",
	[ICMPX_EV_LOOPBACK]	= "loopback",
	[ICMPX_EV_EXT_LENGTH]	= ICMPX_N_EXT_LENGTH_NAME,
	[ICMPX_EV_EXT_INVALID]	= ICMPX_N_EXT_INVALID_NAME,
	[ICMPX_EV_MTU_LOW]	= ICMPX_N_MTU_NAME,
};

const char *icmpx_event_name(enum icmpx_skb_event event)
{
	if ((unsigned int)event >= ICMPX_NEVENT)
		return NULL;
	return event_names[event];
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_event_name);

/* What icmpx_src_limit() did to the table. */
void icmpx_count_sources(struct icmpx_pcpu_stats __percpu *stats,
			 enum icmpx_family family, u8 events)
{
	if (events & ICMPX_SRC_INSERTED)
		icmpx_count_event(stats, family, ICMPX_EV_SRC_INSERT);
	if (events & ICMPX_SRC_EVICTED)
		icmpx_count_event(stats, family, ICMPX_EV_SRC_EVICT);
	if (events & ICMPX_SRC_NOMEM)
		icmpx_count_event(stats, family, ICMPX_EV_SRC_NOMEM);
}

struct icmpx_pcpu_stats __percpu *icmpx_stats_alloc(void)
{
	struct icmpx_pcpu_stats __percpu *stats;
	int cpu;

	/* The namespace's creator pays: see Documentation/performance.rst. */
	stats = alloc_percpu_gfp(struct icmpx_pcpu_stats, GFP_KERNEL_ACCOUNT);
	if (!stats)
		return NULL;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(stats, cpu)->syncp);
	return stats;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_stats_alloc);

void icmpx_stats_free(struct icmpx_pcpu_stats __percpu *stats)
{
	free_percpu(stats);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_stats_free);

/*
 * Each counter is read under its CPU's sequence so that a 32-bit reader
 * never sees a torn value; counters are not snapshotted together, which
 * no reader needs since other CPUs keep counting meanwhile anyway.
 */
static u64 fetch(const struct u64_stats_sync *syncp, const u64_stats_t *v)
{
	unsigned int start;
	u64 val;

	do {
		start = u64_stats_fetch_begin(syncp);
		val = u64_stats_read(v);
	} while (u64_stats_fetch_retry(syncp, start));
	return val;
}

void icmpx_stats_read(struct icmpx_pcpu_stats __percpu *stats,
		      struct icmpx_stats *sum)
{
	int cpu, f, i;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct icmpx_pcpu_stats *s = per_cpu_ptr(stats, cpu);

		for (f = 0; f < ICMPX_NFAMILY; f++) {
			for (i = 0; i < 256; i++) {
				sum->rx[f][i] += fetch(&s->syncp, &s->rx[f][i]);
				sum->valid[f][i] += fetch(&s->syncp, &s->valid[f][i]);
				sum->accepted[f][i] +=
					fetch(&s->syncp, &s->accepted[f][i]);
				sum->dropped[f][i] +=
					fetch(&s->syncp, &s->dropped[f][i]);
				sum->limit_pass[f][i] +=
					fetch(&s->syncp, &s->limit_pass[f][i]);
				sum->limit_drop[f][i] +=
					fetch(&s->syncp, &s->limit_drop[f][i]);
			}
			for (i = 0; i < ICMPX_NREASON; i++)
				sum->malformed[f][i] +=
					fetch(&s->syncp, &s->malformed[f][i]);
			for (i = 0; i < ICMPX_NDROP; i++)
				sum->drop[f][i] += fetch(&s->syncp, &s->drop[f][i]);
			for (i = 0; i < ICMPX_NEVENT; i++)
				sum->event[f][i] += fetch(&s->syncp, &s->event[f][i]);
		}
	}
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_stats_read);

/*
 * The counters since @base, a reading taken earlier: a reset subtracts
 * instead of zeroing other CPUs' counters under their feet.
 */
void icmpx_stats_since(const struct icmpx_stats *base, struct icmpx_stats *sum)
{
	const u64 *b = (const u64 *)base;
	u64 *v = (u64 *)sum;
	size_t i;

	/* struct icmpx_stats is nothing but arrays of u64. */
	BUILD_BUG_ON(sizeof(*sum) % sizeof(u64));
	for (i = 0; i < sizeof(*sum) / sizeof(u64); i++)
		v[i] -= b[i];
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_stats_since);

/*
 * A family's totals over all types; malformed is received - valid, which
 * is also the sum of the reasons, since each message counts under one.
 */
void icmpx_stats_totals(const struct icmpx_stats *sum, enum icmpx_family f,
			struct icmpx_totals *t)
{
	int i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < 256; i++) {
		t->received += sum->rx[f][i];
		t->valid += sum->valid[f][i];
		t->accepted += sum->accepted[f][i];
		t->dropped += sum->dropped[f][i];
		t->limit_passed += sum->limit_pass[f][i];
		t->limit_dropped += sum->limit_drop[f][i];
	}
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_stats_totals);
