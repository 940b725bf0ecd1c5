/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The packet counters of one network namespace: per type, one shared
 * word each; per reason and event, per CPU.
 */
#ifndef _ICMPX_STATS_H
#define _ICMPX_STATS_H

#include <linux/atomic.h>
#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>

#include "counters.h"
#include "parse.h"
#include "policy.h"

/*
 * Per family, per CPU: malformed by reason (index ICMPX_OK unused),
 * drops by reason (ICMPX_DROP_NONE unused) and events.  Only messages
 * that are malformed, dropped or noteworthy touch them.
 */
struct icmpx_pcpu_stats {
	u64_stats_t malformed[ICMPX_NFAMILY][ICMPX_NREASON];
	u64_stats_t drop[ICMPX_NFAMILY][ICMPX_NDROP];
	u64_stats_t event[ICMPX_NFAMILY][ICMPX_NEVENT];
	struct u64_stats_sync syncp;
};

/*
 * One per-type counter of counters.h, in both families: one word a type,
 * shared by every CPU, as the kernel keeps its own per-type ICMP counters
 * (icmpmsg_mib).  A page each on 64-bit, whatever the number of CPUs,
 * where per-CPU copies would cost that much a CPU.
 */
struct icmpx_per_type {
	atomic_long_t v[ICMPX_NFAMILY][256];
};

/*
 * Per type: received and valid (malformed is the difference), dropped,
 * and of those a limiter saw, how many it passed and dropped; accepted
 * is received less dropped, and has no page (@type[ICMPX_C_ACCEPTED] is
 * NULL).  In monitor mode "dropped" counts what enforce mode would have
 * dropped, and the monitored event how many of those went through.
 */
struct icmpx_counters {
	struct icmpx_pcpu_stats __percpu *pcpu;
	struct icmpx_per_type *type[ICMPX_NCOUNTER];
};

static inline void icmpx_count_type(struct icmpx_counters *stats,
				    enum icmpx_type_counter c,
				    const struct icmpx_msg *msg)
{
	atomic_long_inc(&stats->type[c]->v[msg->family][msg->type]);
}

/* The counters as readers see them: the CPUs' summed, the derived made. */
struct icmpx_stats {
	u64 types[ICMPX_NCOUNTER][ICMPX_NFAMILY][256];
	u64 malformed[ICMPX_NFAMILY][ICMPX_NREASON];
	u64 drop[ICMPX_NFAMILY][ICMPX_NDROP];
	u64 event[ICMPX_NFAMILY][ICMPX_NEVENT];
};

struct icmpx_counters *icmpx_stats_alloc(void);
void icmpx_stats_free(struct icmpx_counters *stats);
void icmpx_stats_read(struct icmpx_counters *stats, struct icmpx_stats *sum);
void icmpx_stats_since(const struct icmpx_stats *base, struct icmpx_stats *sum);

/*
 * The counting helpers run in the packet path with bottom halves
 * disabled, as netfilter hooks do, so this CPU's block is ours alone.
 * An accepted, well-formed message costs two shared increments.
 */
static inline void icmpx_count_msg(struct icmpx_counters *stats,
				   const struct icmpx_msg *msg,
				   enum icmpx_reason reason, enum icmpx_drop drop)
{
	struct icmpx_pcpu_stats *s;
	u8 f = msg->family;

	icmpx_count_type(stats, ICMPX_C_RECEIVED, msg);
	if (reason == ICMPX_OK)
		icmpx_count_type(stats, ICMPX_C_VALID, msg);
	if (drop != ICMPX_DROP_NONE)
		icmpx_count_type(stats, ICMPX_C_DROPPED, msg);
	if (reason == ICMPX_OK && drop == ICMPX_DROP_NONE)
		return;

	s = this_cpu_ptr(stats->pcpu);
	u64_stats_update_begin(&s->syncp);
	if (reason != ICMPX_OK)
		u64_stats_inc(&s->malformed[f][reason]);
	if (drop != ICMPX_DROP_NONE)
		u64_stats_inc(&s->drop[f][drop]);
	u64_stats_update_end(&s->syncp);
}

static inline void icmpx_count_event(struct icmpx_counters *stats,
				     enum icmpx_family family,
				     enum icmpx_skb_event event)
{
	struct icmpx_pcpu_stats *s = this_cpu_ptr(stats->pcpu);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->event[family][event]);
	u64_stats_update_end(&s->syncp);
}

/* A message a limiter saw: @passed or not. */
static inline void icmpx_count_limit(struct icmpx_counters *stats,
				     const struct icmpx_msg *msg, bool passed)
{
	icmpx_count_type(stats, passed ? ICMPX_C_LIMIT_PASSED :
			 ICMPX_C_LIMIT_DROPPED, msg);
}

void icmpx_count_sources(struct icmpx_counters *stats,
			 enum icmpx_family family, u8 events);
const char *icmpx_event_name(enum icmpx_skb_event event);
const char *icmpx_event_help(enum icmpx_skb_event event);
const char *icmpx_counter_name(enum icmpx_type_counter c);
u16 icmpx_counter_attr(enum icmpx_type_counter c);
u64 icmpx_counter(const struct icmpx_stats *sum, enum icmpx_family f, int type,
		  enum icmpx_type_counter c);
u64 icmpx_malformed(const struct icmpx_stats *sum, enum icmpx_family f, int type);

#endif /* _ICMPX_STATS_H */
