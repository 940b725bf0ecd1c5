// SPDX-License-Identifier: GPL-2.0
/*
 * The counters, folded into one view on read.
 *
 * Per-CPU counters are written without sharing a cache line across
 * CPUs; a reader retries one CPU's block until it saw no concurrent
 * update, as the kernel's own network statistics do.  Per-type counters
 * are one shared word each, as the kernel's own per-type ICMP counters.
 */
#include <kunit/visibility.h>
#include <linux/export.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "sources.h"
#include "stats.h"

static const struct icmpx_counter_info counters[ICMPX_NCOUNTER] =
	ICMPX_TYPE_COUNTER_INFO;
static const struct icmpx_counter_info events[ICMPX_NEVENT] = ICMPX_EVENT_INFO;

const char *icmpx_event_name(enum icmpx_skb_event event)
{
	if ((unsigned int)event >= ICMPX_NEVENT)
		return NULL;
	return events[event].name;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_event_name);

const char *icmpx_event_help(enum icmpx_skb_event event)
{
	if ((unsigned int)event >= ICMPX_NEVENT)
		return NULL;
	return events[event].help;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_event_help);

const char *icmpx_counter_name(enum icmpx_type_counter c)
{
	if ((unsigned int)c >= ICMPX_NCOUNTER)
		return NULL;
	return counters[c].name;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_counter_name);

/* The get-stats attribute of a per-type counter. */
u16 icmpx_counter_attr(enum icmpx_type_counter c)
{
	return counters[c].attr;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_counter_attr);

/*
 * One per-type counter of @type, or with @type < 0 the family's sum of
 * it over all types.
 */
u64 icmpx_counter(const struct icmpx_stats *sum, enum icmpx_family f, int type,
		  enum icmpx_type_counter c)
{
	u64 n = 0;
	int i;

	if ((unsigned int)c >= ICMPX_NCOUNTER)
		return 0;
	if (type >= 0)
		return sum->types[c][f][type];
	for (i = 0; i < 256; i++)
		n += sum->types[c][f][i];
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_counter);

/*
 * Malformed, of @type or with @type < 0 of the family: a message
 * received was validated and found valid or malformed, or refused by
 * its limiter unvalidated (limit-dropped).  Shown beside the counters,
 * but none of its own in their table; also the sum of the reasons
 * (each malformed message counts under one).
 */
u64 icmpx_malformed(const struct icmpx_stats *sum, enum icmpx_family f, int type)
{
	return icmpx_counter(sum, f, type, ICMPX_C_RECEIVED) -
	       icmpx_counter(sum, f, type, ICMPX_C_VALID) -
	       icmpx_counter(sum, f, type, ICMPX_C_LIMIT_DROPPED);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_malformed);

/* What icmpx_src_limit() did to the table. */
void icmpx_count_sources(struct icmpx_counters *stats,
			 enum icmpx_family family, u8 events)
{
	if (events & ICMPX_SRC_INSERTED)
		icmpx_count_event(stats, family, ICMPX_EV_SRC_INSERT);
	if (events & ICMPX_SRC_EVICTED)
		icmpx_count_event(stats, family, ICMPX_EV_SRC_EVICT);
	if (events & ICMPX_SRC_NOMEM)
		icmpx_count_event(stats, family, ICMPX_EV_SRC_NOMEM);
}

void icmpx_stats_free(struct icmpx_counters *stats)
{
	int c;

	if (!stats)
		return;
	for (c = 0; c < ICMPX_NWORD; c++)
		kfree(stats->word[c]);
	free_percpu(stats->pcpu);
	kfree(stats);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_stats_free);

/*
 * Charged to the namespace's creator: a page a per-type counter, and a
 * few hundred bytes a CPU (Documentation/performance.rst).
 */
struct icmpx_counters *icmpx_stats_alloc(void)
{
	struct icmpx_counters *stats;
	int c, cpu;

	stats = kzalloc(sizeof(*stats), GFP_KERNEL_ACCOUNT);
	if (!stats)
		return NULL;
	stats->pcpu = alloc_percpu_gfp(struct icmpx_pcpu_stats, GFP_KERNEL_ACCOUNT);
	if (!stats->pcpu)
		goto err;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(stats->pcpu, cpu)->syncp);
	for (c = 0; c < ICMPX_NWORD; c++) {
		stats->word[c] = kzalloc(sizeof(*stats->word[c]), GFP_KERNEL_ACCOUNT);
		if (!stats->word[c])
			goto err;
	}
	return stats;

err:
	icmpx_stats_free(stats);
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_stats_alloc);

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

void icmpx_stats_read(struct icmpx_counters *stats, struct icmpx_stats *sum)
{
	u64 (*v)[ICMPX_NFAMILY][256] = sum->types;
	u64 w[ICMPX_NWORD], seen;
	int c, cpu, f, i;

	memset(sum, 0, sizeof(*sum));
	for (f = 0; f < ICMPX_NFAMILY; f++) {
		for (i = 0; i < 256; i++) {
			/*
			 * A message is counted received before it is found
			 * malformed or dropped: read in the other order, a
			 * reading racing the packet path never has more of
			 * those than were received.
			 */
			for (c = ICMPX_NWORD - 1; c >= 0; c--)
				w[c] = atomic_long_read(&stats->word[c]->v[f][i]);
			/* Validated: all but what a limiter refused. */
			seen = w[ICMPX_W_RECEIVED] + w[ICMPX_W_LIMIT_PASSED];
			v[ICMPX_C_RECEIVED][f][i] = seen + w[ICMPX_W_REFUSED];
			v[ICMPX_C_VALID][f][i] = seen -
				min(w[ICMPX_W_MALFORMED], seen);
			v[ICMPX_C_DROPPED][f][i] = min(w[ICMPX_W_DROPPED], seen) +
						   w[ICMPX_W_REFUSED];
			v[ICMPX_C_ACCEPTED][f][i] = v[ICMPX_C_RECEIVED][f][i] -
						    v[ICMPX_C_DROPPED][f][i];
			v[ICMPX_C_LIMIT_PASSED][f][i] = w[ICMPX_W_LIMIT_PASSED];
			v[ICMPX_C_LIMIT_DROPPED][f][i] = w[ICMPX_W_REFUSED];
			/* Refusals have no per-CPU count of their own. */
			sum->drop[f][ICMPX_DROP_LIMIT] += w[ICMPX_W_REFUSED];
		}
	}
	for_each_possible_cpu(cpu) {
		const struct icmpx_pcpu_stats *s = per_cpu_ptr(stats->pcpu, cpu);

		for (f = 0; f < ICMPX_NFAMILY; f++) {
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

/* @part's counters added to @sum's. */
void icmpx_stats_add(const struct icmpx_stats *part, struct icmpx_stats *sum)
{
	const u64 *p = (const u64 *)part;
	u64 *v = (u64 *)sum;
	size_t i;

	for (i = 0; i < sizeof(*sum) / sizeof(u64); i++)
		v[i] += p[i];
}

