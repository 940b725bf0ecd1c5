/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU packet counters of one network namespace.
 */
#ifndef _ICMPX_STATS_H
#define _ICMPX_STATS_H

#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>

#include "parse.h"
#include "policy.h"

/* What happened to a packet before it could be parsed at all. */
enum icmpx_skb_event {
	ICMPX_EV_FRAGMENT,	/* a fragment that was not reassembled */
	ICMPX_EV_NOHDR,		/* not one byte of ICMP could be read */
	ICMPX_EV_GUARDED,	/* a rule or validation yielded to a guard */
	ICMPX_EV_MONITORED,	/* a drop decided but, in monitor mode, not done */
	ICMPX_EV_SRC_INSERT,	/* a source entered the per-source table */
	ICMPX_EV_SRC_EVICT,	/* a stale entry made room for it */
	ICMPX_EV_SRC_FULL,	/* no room: the global bucket limited it */
	ICMPX_EV_SRC_NOMEM,	/* no memory for an entry: likewise */
	ICMPX_EV_LOOPBACK,	/* sent by the namespace to itself: not limited */
	ICMPX_EV_EXT_LENGTH,	/* RFC 4884 length wrong: read without extension */
	ICMPX_EV_EXT_INVALID,	/* RFC 4884 extension malformed: likewise */
	ICMPX_EV_MTU_LOW,	/* an MTU below any link's, which the stack clamps */
	ICMPX_NEVENT
};

/*
 * Per type: received and valid (malformed is the difference), accepted
 * and dropped (received is their sum), and of those a limiter saw, how
 * many it passed and dropped; per family: malformed by reason
 * (index ICMPX_OK unused), drops by reason (ICMPX_DROP_NONE unused) and
 * events.  In monitor mode "dropped" counts what enforce mode would
 * have dropped, and the monitored event how many of those went through.
 */
struct icmpx_pcpu_stats {
	u64_stats_t rx[ICMPX_NFAMILY][256];
	u64_stats_t valid[ICMPX_NFAMILY][256];
	u64_stats_t accepted[ICMPX_NFAMILY][256];
	u64_stats_t dropped[ICMPX_NFAMILY][256];
	u64_stats_t limit_pass[ICMPX_NFAMILY][256];
	u64_stats_t limit_drop[ICMPX_NFAMILY][256];
	u64_stats_t malformed[ICMPX_NFAMILY][ICMPX_NREASON];
	u64_stats_t drop[ICMPX_NFAMILY][ICMPX_NDROP];
	u64_stats_t event[ICMPX_NFAMILY][ICMPX_NEVENT];
	struct u64_stats_sync syncp;
};

/* The sum over all CPUs, as readers see it. */
struct icmpx_stats {
	u64 rx[ICMPX_NFAMILY][256];
	u64 valid[ICMPX_NFAMILY][256];
	u64 accepted[ICMPX_NFAMILY][256];
	u64 dropped[ICMPX_NFAMILY][256];
	u64 limit_pass[ICMPX_NFAMILY][256];
	u64 limit_drop[ICMPX_NFAMILY][256];
	u64 malformed[ICMPX_NFAMILY][ICMPX_NREASON];
	u64 drop[ICMPX_NFAMILY][ICMPX_NDROP];
	u64 event[ICMPX_NFAMILY][ICMPX_NEVENT];
};

/* A family's totals over all types. */
struct icmpx_totals {
	u64 received;
	u64 valid;
	u64 accepted;
	u64 dropped;
	u64 limit_passed;
	u64 limit_dropped;
};

struct icmpx_pcpu_stats __percpu *icmpx_stats_alloc(void);
void icmpx_stats_free(struct icmpx_pcpu_stats __percpu *stats);
void icmpx_stats_read(struct icmpx_pcpu_stats __percpu *stats,
		      struct icmpx_stats *sum);
void icmpx_stats_since(const struct icmpx_stats *base, struct icmpx_stats *sum);
void icmpx_stats_totals(const struct icmpx_stats *sum, enum icmpx_family f,
			struct icmpx_totals *t);

/*
 * The counting helpers run in the packet path with bottom halves
 * disabled, as netfilter hooks do, so this CPU's block is ours alone.
 */
static inline void icmpx_count_msg(struct icmpx_pcpu_stats __percpu *stats,
				   const struct icmpx_msg *msg,
				   enum icmpx_reason reason, enum icmpx_drop drop)
{
	struct icmpx_pcpu_stats *s = this_cpu_ptr(stats);
	u8 f = msg->family;

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->rx[f][msg->type]);
	if (reason == ICMPX_OK)
		u64_stats_inc(&s->valid[f][msg->type]);
	else
		u64_stats_inc(&s->malformed[f][reason]);
	if (drop == ICMPX_DROP_NONE) {
		u64_stats_inc(&s->accepted[f][msg->type]);
	} else {
		u64_stats_inc(&s->dropped[f][msg->type]);
		u64_stats_inc(&s->drop[f][drop]);
	}
	u64_stats_update_end(&s->syncp);
}

static inline void icmpx_count_event(struct icmpx_pcpu_stats __percpu *stats,
				     enum icmpx_family family,
				     enum icmpx_skb_event event)
{
	struct icmpx_pcpu_stats *s = this_cpu_ptr(stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->event[family][event]);
	u64_stats_update_end(&s->syncp);
}

/* A message a limiter saw: @passed or not. */
static inline void icmpx_count_limit(struct icmpx_pcpu_stats __percpu *stats,
				     const struct icmpx_msg *msg, bool passed)
{
	struct icmpx_pcpu_stats *s = this_cpu_ptr(stats);

	u64_stats_update_begin(&s->syncp);
	if (passed)
		u64_stats_inc(&s->limit_pass[msg->family][msg->type]);
	else
		u64_stats_inc(&s->limit_drop[msg->family][msg->type]);
	u64_stats_update_end(&s->syncp);
}

void icmpx_count_sources(struct icmpx_pcpu_stats __percpu *stats,
			 enum icmpx_family family, u8 events);
const char *icmpx_event_name(enum icmpx_skb_event event);

#endif /* _ICMPX_STATS_H */
