/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-source table: one token bucket per rule and source prefix
 * (family, type, the code of a code rule, prefix), found under RCU,
 * bounded by a hard cap.
 */
#ifndef _ICMPX_SOURCES_H
#define _ICMPX_SOURCES_H

#include <linux/siphash.h>
#include <linux/spinlock.h>
#include <linux/time64.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "limit.h"

/*
 * Aligned and a whole number of words, so that it is hashed by the
 * aligned path of hsiphash() and compared word by word.
 */
struct icmpx_src_key {
	union {
		struct {
			u8 family;
			u8 type;
			u8 plen;	/* prefix length the address is cut to */
			u8 code;	/* a code rule's code ... */
			u8 by_code;	/* ... when this is 1 */
			u8 zone;	/* the zone of the rule (zone.h) */
			u8 pad[2];
			u8 addr[16];	/* the prefix, host bits zero */
		};
		u64 w[3];
	};
};

/* What one entry has seen, for the top-talkers view. */
struct icmpx_src_info {
	struct icmpx_src_key key;
	u64 passed;
	u64 dropped;
};

struct mem_cgroup;

struct icmpx_sources {
	hsiphash_key_t secret;	/* random per table: no hash flooding */
	spinlock_t lock;	/* serialises inserts and removals */
	unsigned int max;	/* hard cap on entries */
	unsigned int mask;	/* chains - 1 */
	atomic_t count;
	bool collect;		/* the collector runs while there are entries */
	struct hlist_head *chains;
	u64 *marks;		/* per chain: a bit per entry (sources.c) */
	u64 next_stale;		/* no entry is stale before (the collector's) */
	struct mem_cgroup *memcg; /* charged for the entries; the owner's ref */
	struct delayed_work gc;
};

enum icmpx_src_result {
	ICMPX_SRC_PASS,
	ICMPX_SRC_LIMIT,	/* the source's bucket is empty */
	ICMPX_SRC_FULL,		/* no entry and no room: use the global bucket */
};

/* What a lookup did to the table, for the counters. */
#define ICMPX_SRC_INSERTED	0x01
#define ICMPX_SRC_EVICTED	0x02
#define ICMPX_SRC_NOMEM		0x04

#define ICMPX_SOURCES_DEFAULT	32768
#define ICMPX_SRC_TIMEOUT	(5 * NSEC_PER_SEC)

int icmpx_sources_init(void);
void icmpx_sources_exit(void);
struct icmpx_sources *icmpx_src_alloc(unsigned int max);
void icmpx_src_collect(struct icmpx_sources *t);
void icmpx_src_stop(struct icmpx_sources *t);
void icmpx_src_destroy(struct icmpx_sources *t);
void icmpx_src_free(struct icmpx_sources *t);
void icmpx_src_key(struct icmpx_src_key *key, u8 family, u8 type, int code,
		   const u8 *addr, u8 plen);
enum icmpx_src_result icmpx_src_limit(struct icmpx_sources *t,
				      const struct icmpx_src_key *key,
				      const struct icmpx_rate *r, u64 now,
				      u8 *events);
unsigned int icmpx_src_gc(struct icmpx_sources *t, u64 now);
unsigned int icmpx_src_flush(struct icmpx_sources *t);
unsigned int icmpx_src_forget(struct icmpx_sources *t, u8 zone);
unsigned int icmpx_src_top_of(struct icmpx_sources *t,
			      struct icmpx_src_info *top, unsigned int n,
			      int zone);

/* The heaviest sources of every zone. */
static inline unsigned int icmpx_src_top(struct icmpx_sources *t,
					 struct icmpx_src_info *top,
					 unsigned int n)
{
	return icmpx_src_top_of(t, top, n, -1);
}

size_t icmpx_src_entry_size(void);

#endif /* _ICMPX_SOURCES_H */
