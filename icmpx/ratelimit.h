/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_RATELIMIT_H
#define _ICMPX_RATELIMIT_H

#include <linux/spinlock.h>

#include "policy.h"
#include "sources.h"

struct icmpx_net;

/*
 * A bucket of global scope.  Every rule has its own: a type's rule the
 * one of its type, a code rule the one of its place in the policy, which
 * remembers the (type, code) it counts for and starts again full when a
 * new policy puts another code rule there.  A rule of per-source scope
 * uses its global bucket when the per-source table has no room.
 */
struct icmpx_gbucket {
	spinlock_t lock;		/* the bucket: every CPU shares it */
	u16 key;			/* code rules: type << 8 | code */
	struct icmpx_bucket bucket;
};

/* A zone's global buckets: one for each rule. */
struct icmpx_buckets {
	struct icmpx_gbucket global[ICMPX_NFAMILY][256];
	struct icmpx_gbucket code[ICMPX_NFAMILY][ICMPX_MAX_CODE_RULES];
};

/*
 * A namespace's per-source table, one for all its zones (the zone is in
 * each key), so that its cap bounds the namespace.  @src is allocated by
 * @grow when a message first needs a per-source bucket, and stays until
 * the namespace goes; until then such messages spend their rule's
 * global bucket, as when the table is full.
 */
struct icmpx_limits {
	struct icmpx_sources *src;	/* NULL until needed: icmpx_sources() */
	struct mem_cgroup *memcg;	/* of the namespace's creator */
	struct work_struct grow;
};

/* The per-source table, or NULL before any message needed it. */
static inline struct icmpx_sources *icmpx_sources(struct icmpx_limits *lim)
{
	/* Pairs with the release in grow(): the table is whole. */
	return smp_load_acquire(&lim->src);
}

struct icmpx_zone;

int icmpx_ratelimit_init(void);
unsigned int icmpx_sources_cap(void);
struct icmpx_buckets *icmpx_buckets_alloc(void);
void icmpx_buckets_free(struct icmpx_buckets *b);
void icmpx_limits_net_stop(struct icmpx_net *in);
int icmpx_limits_net_init(struct icmpx_net *in);
void icmpx_limits_net_exit(struct icmpx_net *in);
enum icmpx_drop icmpx_ratelimit(struct icmpx_net *in, struct icmpx_zone *z,
				const struct icmpx_limiter *l,
				const struct icmpx_decision *d,
				const struct icmpx_pkt *pkt);

#endif /* _ICMPX_RATELIMIT_H */
