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
 * One per-type word (below), in both families: one word a type,
 * shared by every CPU, as the kernel keeps its own per-type ICMP counters
 * (icmpmsg_mib).  A page each on 64-bit, whatever the number of CPUs,
 * where per-CPU copies would cost that much a CPU.
 */
struct icmpx_per_type {
	atomic_long_t v[ICMPX_NFAMILY][256];
};

/*
 * The per-type words kept, from which the counters of counters.h are
 * read (icmpx_stats_read()).  A message is counted received by one
 * word: @ICMPX_W_RECEIVED when no limiter saw it, @ICMPX_W_LIMIT_PASSED
 * when its limiter admitted it, @ICMPX_W_REFUSED when its limiter
 * refused it, on its header alone and before it was validated (which
 * also reads as dropped and limit-dropped): the flood's path, and the
 * path of a message its limiter admits, each write one shared word.
 * Malformed and dropped are counted on top, for the few that are; valid
 * is what was validated and not malformed.  Received words first: they
 * are read last (icmpx_stats_read()).
 */
enum icmpx_word {
	ICMPX_W_RECEIVED,	/* received, no limiter involved */
	ICMPX_W_LIMIT_PASSED,	/* received, admitted by its limiter */
	ICMPX_W_MALFORMED,
	ICMPX_W_DROPPED,	/* of those received above */
	ICMPX_W_REFUSED,	/* received, refused by its limiter */
	ICMPX_NWORD
};

/*
 * In monitor mode "dropped" counts what enforce mode would have
 * dropped, and the monitored event how many of those went through.
 */
struct icmpx_counters {
	struct icmpx_pcpu_stats __percpu *pcpu;
	struct icmpx_per_type *word[ICMPX_NWORD];
};

static inline void icmpx_count_type(struct icmpx_counters *stats,
				    enum icmpx_word w, u8 family, u8 type)
{
	atomic_long_inc(&stats->word[w]->v[family][type]);
}

static inline void icmpx_count_word(struct icmpx_counters *stats,
				    enum icmpx_word w,
				    const struct icmpx_msg *msg)
{
	icmpx_count_type(stats, w, msg->family, msg->type);
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
void icmpx_stats_add(const struct icmpx_stats *part, struct icmpx_stats *sum);

/*
 * The counting helpers run in the packet path with bottom halves
 * disabled, as netfilter hooks do, so this CPU's block is ours alone.
 * An accepted, well-formed message costs one shared increment: none
 * here when its limiter admitted it, for icmpx_count_limit() counted it
 * received then (@admitted).
 */
static inline void icmpx_count_msg(struct icmpx_counters *stats,
				   const struct icmpx_msg *msg,
				   enum icmpx_reason reason, enum icmpx_drop drop,
				   bool admitted)
{
	struct icmpx_pcpu_stats *s;
	u8 f = msg->family;

	if (!admitted)
		icmpx_count_word(stats, ICMPX_W_RECEIVED, msg);
	if (reason == ICMPX_OK && drop == ICMPX_DROP_NONE)
		return;
	if (reason != ICMPX_OK)
		icmpx_count_word(stats, ICMPX_W_MALFORMED, msg);
	if (drop != ICMPX_DROP_NONE)
		icmpx_count_word(stats, ICMPX_W_DROPPED, msg);

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

/*
 * A message a limiter saw, counted received: passed, then validated and
 * counted by icmpx_count_msg() as admitted, or refused, and counted by
 * this alone (received, dropped by ICMPX_DROP_LIMIT and limit-dropped,
 * as read).
 */
static inline void icmpx_count_limit(struct icmpx_counters *stats,
				     u8 family, u8 type, bool passed)
{
	icmpx_count_type(stats, passed ? ICMPX_W_LIMIT_PASSED :
			 ICMPX_W_REFUSED, family, type);
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
