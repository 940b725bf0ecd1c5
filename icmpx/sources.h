/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-source table: one token bucket per rule and source prefix
 * (family, type, the code of a code rule, prefix), found under RCU,
 * bounded by a hard cap.
 */
#ifndef _ICMPX_SOURCES_H
#define _ICMPX_SOURCES_H

#include <asm/byteorder.h>
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/rculist.h>
#include <linux/siphash.h>
#include <linux/spinlock.h>
#include <linux/string.h>
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
enum icmpx_src_result icmpx_src_insert(struct icmpx_sources *t,
				       const struct icmpx_src_key *key, u32 hash,
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

/*
 * The key of @addr cut to @plen bits, host bits zeroed, for the rule of
 * @type, or with @code >= 0, for the rule of that code.  Inline: every
 * message a per-source rule limits makes one.
 */
static inline void icmpx_src_key(struct icmpx_src_key *key, u8 family,
				 u8 type, int code, const u8 *addr, u8 plen)
{
	__be64 a6[2];
	__be32 a4;

	key->w[0] = 0;
	key->w[1] = 0;
	key->w[2] = 0;
	key->family = family;
	key->type = type;
	if (code >= 0) {
		key->code = code;
		key->by_code = 1;
	}
	/* Copies of a constant size, masked as words: no loop, no call. */
	if (family == ICMPX_FAMILY_IPV4) {
		key->plen = min_t(u8, plen, 32);
		memcpy(&a4, addr, sizeof(a4));
		if (key->plen < 32)
			a4 &= cpu_to_be32(key->plen ? ~0U << (32 - key->plen) : 0);
		memcpy(key->addr, &a4, sizeof(a4));
		return;
	}
	key->plen = min_t(u8, plen, 128);
	memcpy(a6, addr, sizeof(a6));
	if (key->plen < 64) {
		a6[0] &= cpu_to_be64(key->plen ? ~0ULL << (64 - key->plen) : 0);
		a6[1] = 0;
	} else if (key->plen < 128) {
		a6[1] &= cpu_to_be64(key->plen > 64 ? ~0ULL << (128 - key->plen) : 0);
	}
	memcpy(key->addr, a6, sizeof(a6));
}

/* An entry: one source's bucket for one rule. */
struct icmpx_src {
	struct hlist_node node;
	struct rcu_head rcu;
	struct icmpx_sources *table;	/* counts the entry until freed */
	spinlock_t lock;		/* the bucket and the counts */
	u32 hash;			/* of @key: its chain and mark */
	struct icmpx_src_key key;
	u64 max;			/* the bucket's size as last used (GC) */
	struct icmpx_bucket bucket;
	u64 passed;
	u64 dropped;
};

/*
 * Each chain has a mark: a bit for each entry in it, picked by its
 * hash's top bits, so that a source in none of a chain's entries is
 * told so by one word, mostly, rather than by walking the chain.  A
 * flood of spoofed sources asks that for every packet.
 */
static inline u64 icmpx_src_mark(u32 hash)
{
	return BIT_ULL(hash >> 26);
}

/*
 * hsiphash, as the kernel's own tables keyed per boot use it (inet
 * hashes, the flow dissector): the table's key is random and never
 * leaves the kernel, and the hash only picks a chain, whose length the
 * cap bounds.  Of the key's words only those that can hold a bit are
 * hashed: an IPv4 source's prefix is one 32-bit word beside the
 * key's first (one compression: hsiphash_3u32), an IPv6 prefix of 64
 * bits or less one 64-bit word (two), and only a longer one needs the
 * whole key.  Equal keys take the same branch, so hash alike.
 */
static inline u32 icmpx_src_hash(const struct icmpx_sources *t,
				 const struct icmpx_src_key *key)
{
	u32 a4;

	if (key->family == ICMPX_FAMILY_IPV4) {
		memcpy(&a4, key->addr, sizeof(a4));
		return hsiphash_3u32(lower_32_bits(key->w[0]),
				     upper_32_bits(key->w[0]), a4, &t->secret);
	}
	if (key->plen <= 64)
		return hsiphash_4u32(lower_32_bits(key->w[0]),
				     upper_32_bits(key->w[0]),
				     lower_32_bits(key->w[1]),
				     upper_32_bits(key->w[1]), &t->secret);
	return hsiphash(key, sizeof(*key), &t->secret);
}

static inline bool icmpx_src_key_equal(const struct icmpx_src_key *a,
				       const struct icmpx_src_key *b)
{
	BUILD_BUG_ON(sizeof(*a) != sizeof(a->w));
	return !((a->w[0] ^ b->w[0]) | (a->w[1] ^ b->w[1]) |
		 (a->w[2] ^ b->w[2]));
}

/* The entry of @key in @chain, or NULL: under RCU or the table lock. */
static inline struct icmpx_src *icmpx_src_find(struct hlist_head *chain,
					       const struct icmpx_src_key *key)
{
	struct icmpx_src *e;

	hlist_for_each_entry_rcu(e, chain, node)
		if (icmpx_src_key_equal(&e->key, key))
			return e;
	return NULL;
}

/* Caller holds e->lock, or alone sees @e. */
static inline enum icmpx_src_result
icmpx_src_spend(struct icmpx_src *e, const struct icmpx_rate *r, u64 now)
{
	bool ok;

	e->max = r->max;
	ok = icmpx_bucket_take(&e->bucket, r, now);
	if (ok)
		e->passed++;
	else
		e->dropped++;
	return ok ? ICMPX_SRC_PASS : ICMPX_SRC_LIMIT;
}

static inline enum icmpx_src_result
icmpx_src_take(struct icmpx_src *e, const struct icmpx_rate *r, u64 now)
{
	enum icmpx_src_result ret;

	spin_lock(&e->lock);
	ret = icmpx_src_spend(e, r, now);
	spin_unlock(&e->lock);
	return ret;
}

/**
 * icmpx_src_limit - spend a packet's credit from its source's bucket
 * @t: the table
 * @key: the source, from icmpx_src_key()
 * @r: the limiter's rate
 * @now: the time in ns
 * @events: set to ICMPX_SRC_* flags of what happened to the table
 *
 * Inline as far as a source found in its chain: a flood from one
 * source needs no more of the table, and no call into it.
 *
 * Context: the packet path: an RCU read-side section (netfilter's), bottom
 * halves disabled.
 * Return: pass, limit, or full (no entry could be had).
 */
static inline enum icmpx_src_result
icmpx_src_limit(struct icmpx_sources *t, const struct icmpx_src_key *key,
		const struct icmpx_rate *r, u64 now, u8 *events)
{
	u32 hash = icmpx_src_hash(t, key);
	struct icmpx_src *e;

	*events = 0;
	/* Without its mark the chain has no entry of this source. */
	if (READ_ONCE(t->marks[hash & t->mask]) & icmpx_src_mark(hash)) {
		e = icmpx_src_find(&t->chains[hash & t->mask], key);
		if (e)
			return icmpx_src_take(e, r, now);
	}
	return icmpx_src_insert(t, key, hash, r, now, events);
}

#endif /* _ICMPX_SOURCES_H */
