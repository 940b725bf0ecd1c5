// SPDX-License-Identifier: GPL-2.0
/*
 * Limiters applied to the messages a rule accepts within a rate: the
 * rule's global bucket, or its source's bucket in the per-source table
 * (and the rule's global bucket when that table has no room).  Each
 * rule spends only its own buckets: a code rule's limit does not drain
 * its type's, nor the other way round.
 */
#include <kunit/visibility.h>
#include <linux/jiffies.h>
#include <linux/memcontrol.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "netns.h"
#include "ratelimit.h"
#include "zone.h"

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

unsigned int icmpx_sources_cap(void)
{
	return sources_max;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_sources_cap);

/*
 * The per-source table, made when a message first needs it: most
 * namespaces never see a message a per-source rule limits, and need not
 * carry its chains.  Charged to the namespace's creator.
 */
static void grow(struct work_struct *work)
{
	struct icmpx_limits *lim = container_of(work, struct icmpx_limits, grow);
	struct icmpx_sources *t;
	struct mem_cgroup *old;

	if (lim->src)
		return;
	old = set_active_memcg(lim->memcg);
	t = icmpx_src_alloc(sources_max);
	set_active_memcg(old);
	/* No memory: the next message that needs the table asks again. */
	if (!t) {
		pr_debug("no memory for a per-source table\n");
		return;
	}
	pr_debug("per-source table made, %u entries at most\n", sources_max);
	t->memcg = lim->memcg;
	icmpx_src_collect(t);
	/* The table whole before it is seen: pairs with icmpx_sources(). */
	smp_store_release(&lim->src, t);
}

/* Full, whatever the rate it will be used with. */
static void gbucket_init(struct icmpx_gbucket *g)
{
	spin_lock_init(&g->lock);
	g->key = 0;
	g->bucket.last = 0;
	g->bucket.credit = U64_MAX;
}

/* A zone's global buckets, each full. */
struct icmpx_buckets *icmpx_buckets_alloc(void)
{
	struct icmpx_buckets *b = kvmalloc(sizeof(*b), GFP_KERNEL_ACCOUNT);
	int f, i;

	if (!b)
		return NULL;
	for (f = 0; f < ICMPX_NFAMILY; f++) {
		for (i = 0; i < 256; i++)
			gbucket_init(&b->global[f][i]);
		for (i = 0; i < ICMPX_MAX_CODE_RULES; i++)
			gbucket_init(&b->code[f][i]);
	}
	return b;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_buckets_alloc);

void icmpx_buckets_free(struct icmpx_buckets *b)
{
	kvfree(b);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_buckets_free);

int icmpx_limits_net_init(struct icmpx_net *in)
{
	struct icmpx_limits *lim;

	lim = kzalloc(sizeof(*lim), GFP_KERNEL_ACCOUNT);
	if (!lim)
		return -ENOMEM;
	/* Whoever creates the namespace pays for what it allocates later. */
	lim->memcg = get_mem_cgroup_from_mm(current->mm);
	INIT_WORK(&lim->grow, grow);
	in->limits = lim;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_limits_net_init);

/*
 * No packet reaches the namespace any more: nothing runs in the
 * background after this.  Its table's removed entries are freed by
 * RCU callbacks: icmpx_limits_net_exit() after an rcu_barrier().
 */
void icmpx_limits_net_stop(struct icmpx_net *in)
{
	cancel_work_sync(&in->limits->grow);
	if (in->limits->src)
		icmpx_src_stop(in->limits->src);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_limits_net_stop);

void icmpx_limits_net_exit(struct icmpx_net *in)
{
	if (in->limits->src)
		icmpx_src_destroy(in->limits->src);
	mem_cgroup_put(in->limits->memcg);
	kfree(in->limits);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_limits_net_exit);

/* The global bucket of the rule @d names for a message of @family, @type. */
static struct icmpx_gbucket *gbucket(struct icmpx_buckets *b,
				     const struct icmpx_decision *d,
				     u8 family, u8 type)
{
	if (!d->code_rule)
		return &b->global[family][type];
	return &b->code[family][d->code_rule - 1];
}

/* @key: the message's type and code. */
static bool global_take(struct icmpx_gbucket *g, const struct icmpx_rate *r,
			const struct icmpx_decision *d, u16 key, u64 now)
{
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

/*
 * The coarse clock as this CPU last read it, and in which tick: within
 * a tick it does not move, so it is read once a tick on each CPU, not
 * through the timekeeper's seqcount and a timespec's normalisation for
 * every message.  A read in the moment between jiffies' increment and
 * the timekeeper's update keeps the tick before for the rest of this
 * one: a bucket is then refilled a tick late, and loses nothing.
 */
struct coarse_clock {
	unsigned long tick;
	u64 ns;
};

static DEFINE_PER_CPU(struct coarse_clock, coarse_clock);

/* Context: bottom halves disabled, as on the packet path. */
static u64 coarse_ns(void)
{
	struct coarse_clock *c = this_cpu_ptr(&coarse_clock);
	unsigned long tick = READ_ONCE(jiffies);

	if (unlikely(c->tick != tick || !c->ns)) {
		c->ns = ktime_get_coarse_ns();
		c->tick = tick;
	}
	return c->ns;
}

/*
 * One clock read a message.  A limiter whose bucket holds a tick's
 * credit or more (10/s with a burst of 10 holds a second) reads the
 * coarse clock, the time of the last tick, as xt_hashlimit reads
 * jiffies: refilled a tick at a time, such a bucket loses nothing to
 * its cap, and the read costs no clocksource.  A faster limiter with a
 * smaller burst needs the nanoseconds, as nft_limit reads them.
 */
static u64 clock_for(const struct icmpx_rate *r)
{
	return r->max >= TICK_NSEC ? coarse_ns() : ktime_get_ns();
}

/**
 * icmpx_ratelimit - spend a message's credit from its rule's limiter
 * @in: the namespace
 * @z: the zone whose policy has the rule
 * @l: the limiter its rule names
 * @d: the decision: which rule that is
 * @pkt: the message, its type and code readable (two bytes at least)
 *
 * Context: the packet path, bottom halves disabled.
 * Return: ICMPX_DROP_NONE, or ICMPX_DROP_LIMIT when over the rate.
 */
enum icmpx_drop icmpx_ratelimit(struct icmpx_net *in, struct icmpx_zone *z,
				const struct icmpx_limiter *l,
				const struct icmpx_decision *d,
				const struct icmpx_pkt *pkt)
{
	u8 family = pkt->family, type = pkt->data[0], code = pkt->data[1];
	struct icmpx_gbucket *g = gbucket(z->buckets, d, family, type);
	u16 gkey = type << 8 | code;
	u64 now = clock_for(&l->rate);
	struct icmpx_sources *t;
	struct icmpx_src_key key;
	enum icmpx_src_result r;
	u8 events = 0;

	if (l->scope == ICMPX_SCOPE_GLOBAL)
		return global_take(g, &l->rate, d, gkey, now) ?
		       ICMPX_DROP_NONE : ICMPX_DROP_LIMIT;

	t = icmpx_sources(in->limits);
	if (unlikely(!t)) {
		/* Made in process context; meanwhile, as if it were full. */
		schedule_work(&in->limits->grow);
		r = ICMPX_SRC_FULL;
		goto full;
	}
	icmpx_src_key(&key, family, type, d->code_rule ? code : -1,
		      pkt->saddr, l->plen[family]);
	/* One table for every zone: a rule's buckets are its zone's. */
	key.zone = z->id;
	r = icmpx_src_limit(t, &key, &l->rate, now, &events);
	if (unlikely(events))
		icmpx_count_sources(z->stats, family, events);
full:
	if (r == ICMPX_SRC_FULL) {
		if (!(events & ICMPX_SRC_NOMEM))
			icmpx_count_event(z->stats, family, ICMPX_EV_SRC_FULL);
		return global_take(g, &l->rate, d, gkey, now) ?
		       ICMPX_DROP_NONE : ICMPX_DROP_LIMIT;
	}
	return r == ICMPX_SRC_PASS ? ICMPX_DROP_NONE : ICMPX_DROP_LIMIT;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_ratelimit);
