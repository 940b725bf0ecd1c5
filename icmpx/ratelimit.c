// SPDX-License-Identifier: GPL-2.0
/*
 * Limiters applied to the messages a rule accepts within a rate: the
 * rule's global bucket, or its source's bucket in the per-source table
 * (and the rule's global bucket when that table has no room).  Each
 * rule spends only its own buckets: a code rule's limit does not drain
 * its type's, nor the other way round.
 */
#include <kunit/visibility.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "netns.h"
#include "ratelimit.h"

static unsigned int sources_max = ICMPX_SOURCES_DEFAULT;
module_param(sources_max, uint, 0444);
MODULE_PARM_DESC(sources_max, "Entries of the per-source table of each namespace, its hard cap (default 32768, about 4 MiB)");

/* 4 Mi entries is half a GiB: more is a typo, not a plan. */
#define SOURCES_MAX_MAX	((unsigned int)BIT(22))

int icmpx_ratelimit_init(void)
{
	if (!sources_max || sources_max > SOURCES_MAX_MAX) {
		pr_err("invalid sources_max=%u: 1-%u\n", sources_max,
		       SOURCES_MAX_MAX);
		return -EINVAL;
	}
	return 0;
}

/* Full, whatever the rate it will be used with. */
static void gbucket_init(struct icmpx_gbucket *g)
{
	spin_lock_init(&g->lock);
	g->key = 0;
	g->bucket.last = 0;
	g->bucket.credit = U64_MAX;
}

int icmpx_limits_net_init(struct icmpx_net *in)
{
	struct icmpx_limits *lim;
	int f, i;

	lim = kvzalloc(sizeof(*lim), GFP_KERNEL);
	if (!lim)
		return -ENOMEM;
	lim->src = icmpx_src_alloc(sources_max);
	if (!lim->src) {
		kvfree(lim);
		return -ENOMEM;
	}
	for (f = 0; f < ICMPX_NFAMILY; f++) {
		for (i = 0; i < 256; i++)
			gbucket_init(&lim->global[f][i]);
		for (i = 0; i < ICMPX_MAX_CODE_RULES; i++)
			gbucket_init(&lim->code[f][i]);
	}
	icmpx_src_start_gc(lim->src);
	in->limits = lim;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_limits_net_init);

void icmpx_limits_net_exit(struct icmpx_net *in)
{
	icmpx_src_free(in->limits->src);
	kvfree(in->limits);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_limits_net_exit);

/* The global bucket of the rule @d names for @msg. */
static struct icmpx_gbucket *gbucket(struct icmpx_limits *lim,
				     const struct icmpx_decision *d,
				     const struct icmpx_msg *msg)
{
	if (!d->code_rule)
		return &lim->global[msg->family][msg->type];
	return &lim->code[msg->family][d->code_rule - 1];
}

static bool global_take(struct icmpx_gbucket *g, const struct icmpx_rate *r,
			const struct icmpx_decision *d,
			const struct icmpx_msg *msg, u64 now)
{
	u16 key = msg->type << 8 | msg->code;
	bool ok;

	spin_lock(&g->lock);
	/* A code rule's place, taken over by another code rule. */
	if (d->code_rule && g->key != key) {
		g->key = key;
		g->bucket.credit = U64_MAX;
	}
	ok = icmpx_bucket_take(&g->bucket, r, now);
	spin_unlock(&g->lock);
	return ok;
}

/**
 * icmpx_ratelimit - spend a message's credit from its rule's limiter
 * @in: the namespace
 * @l: the limiter its rule names
 * @d: the decision: which rule that is
 * @pkt: the message
 * @msg: what the parser made of it
 *
 * Context: the packet path, bottom halves disabled.
 * Return: ICMPX_DROP_NONE, or ICMPX_DROP_LIMIT when over the rate.
 */
enum icmpx_drop icmpx_ratelimit(struct icmpx_net *in,
				const struct icmpx_limiter *l,
				const struct icmpx_decision *d,
				const struct icmpx_pkt *pkt,
				const struct icmpx_msg *msg)
{
	struct icmpx_gbucket *g = gbucket(in->limits, d, msg);
	u64 now = ktime_get_ns();
	struct icmpx_src_key key;
	enum icmpx_src_result r;
	u8 events;

	if (l->scope == ICMPX_SCOPE_GLOBAL)
		return global_take(g, &l->rate, d, msg, now) ?
		       ICMPX_DROP_NONE : ICMPX_DROP_LIMIT;

	icmpx_src_key(&key, msg->family, msg->type,
		      d->code_rule ? msg->code : -1, pkt->saddr,
		      l->plen[msg->family]);
	r = icmpx_src_limit(in->limits->src, &key, &l->rate, now, &events);
	if (unlikely(events))
		icmpx_count_sources(in->stats, msg->family, events);
	if (r == ICMPX_SRC_FULL) {
		if (!(events & ICMPX_SRC_NOMEM))
			icmpx_count_event(in->stats, msg->family, ICMPX_EV_SRC_FULL);
		return global_take(g, &l->rate, d, msg, now) ?
		       ICMPX_DROP_NONE : ICMPX_DROP_LIMIT;
	}
	return r == ICMPX_SRC_PASS ? ICMPX_DROP_NONE : ICMPX_DROP_LIMIT;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_ratelimit);
