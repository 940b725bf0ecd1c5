// SPDX-License-Identifier: GPL-2.0
/*
 * The per-source table, after WireGuard's ratelimiter: entries keyed by
 * (family, type, source prefix), hashed with hsiphash under a random key,
 * found without a lock under RCU, each with its own bucket and lock.
 *
 * A spoofed-source flood cannot grow it past its cap, which counts every
 * entry until its memory is freed, after the RCU grace period: the cap
 * bounds the memory, not only the entries in sight.  A source that finds
 * the table full is limited by its type's global bucket instead
 * (ICMPX_SRC_FULL).  Entries go when they are idle (their bucket full
 * again: forgetting them loses nothing) and unseen for ICMPX_SRC_TIMEOUT:
 * a background pass frees those every second, and a source that finds
 * the table full removes one of its chain at once, so that room made by
 * time is not lost waiting for the pass.  Nothing younger is pushed
 * out: a flood of new sources, spoofed ones each seen once, cannot
 * displace a well-behaved source, nor churn the table (allocating and
 * freeing an entry per packet) to get each of its packets answered; it
 * is held to the global bucket until time makes room.  The packet path
 * never sleeps and allocates one small object at most, without waiting.
 *
 * The memory is the namespace's: the chains are allocated on behalf of
 * its creator's memory cgroup, and each entry, though allocated in
 * softirq where no task is there to charge, is charged to that cgroup
 * too (set_active_memcg()).  The collector sleeps while the table is
 * empty; the first entry wakes it.
 */
#include <asm/byteorder.h>
#include <kunit/visibility.h>
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/export.h>
#include <linux/log2.h>
#include <linux/memcontrol.h>
#include <linux/random.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "sources.h"

static struct kmem_cache *src_cache;

int icmpx_sources_init(void)
{
	src_cache = KMEM_CACHE(icmpx_src, SLAB_ACCOUNT);
	return src_cache ? 0 : -ENOMEM;
}

void icmpx_sources_exit(void)
{
	/* Entries freed by call_rcu() must be gone before their cache. */
	rcu_barrier();
	kmem_cache_destroy(src_cache);
}

size_t icmpx_src_entry_size(void)
{
	return kmem_cache_size(src_cache);
}

static void src_free_rcu(struct rcu_head *head)
{
	struct icmpx_src *e = container_of(head, struct icmpx_src, rcu);

	atomic_dec(&e->table->count);
	kmem_cache_free(src_cache, e);
}

/* Caller holds t->lock: the chain's mark, made again from its entries. */
static void remark(struct icmpx_sources *t, unsigned int i)
{
	struct icmpx_src *e;
	u64 m = 0;

	hlist_for_each_entry(e, &t->chains[i], node)
		m |= icmpx_src_mark(e->hash);
	WRITE_ONCE(t->marks[i], m);
}

/* Caller holds t->lock.  The entry still counts until it is freed. */
static void src_remove(struct icmpx_src *e)
{
	hlist_del_rcu(&e->node);
	remark(e->table, e->hash & e->table->mask);
	call_rcu(&e->rcu, src_free_rcu);
}

static void gc_work(struct work_struct *work)
{
	struct icmpx_sources *t = container_of(to_delayed_work(work),
					       struct icmpx_sources, gc);

	icmpx_src_gc(t, ktime_get_ns());
	/* Entries still counted are on their way out or still in use. */
	if (atomic_read(&t->count))
		queue_delayed_work(system_power_efficient_wq, &t->gc, HZ);
}

/**
 * icmpx_src_alloc - an empty table
 * @max: the cap on entries; chains are a quarter of it
 *
 * Charged to the caller's memory cgroup, or the one set_active_memcg()
 * names.
 *
 * Context: process context.
 */
struct icmpx_sources *icmpx_src_alloc(unsigned int max)
{
	struct icmpx_sources *t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	unsigned int chains = roundup_pow_of_two(max(max / 4, 1U));

	if (!t)
		return NULL;
	t->chains = kvcalloc(chains, sizeof(*t->chains), GFP_KERNEL_ACCOUNT);
	t->marks = kvcalloc(chains, sizeof(*t->marks), GFP_KERNEL_ACCOUNT);
	if (!t->chains || !t->marks) {
		kvfree(t->chains);
		kvfree(t->marks);
		kfree(t);
		return NULL;
	}
	get_random_bytes(&t->secret, sizeof(t->secret));
	spin_lock_init(&t->lock);
	t->max = max;
	t->mask = chains - 1;
	atomic_set(&t->count, 0);
	INIT_DELAYED_WORK(&t->gc, gc_work);
	return t;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_src_alloc);

/*
 * Free stale entries in the background from now on, whenever the table
 * has any: the first entry inserted wakes the collector.
 */
void icmpx_src_collect(struct icmpx_sources *t)
{
	WRITE_ONCE(t->collect, true);
	if (atomic_read(&t->count))
		queue_delayed_work(system_power_efficient_wq, &t->gc, HZ);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_src_collect);

/* No packet can reach @t any more: its namespace's hooks are gone. */
void icmpx_src_stop(struct icmpx_sources *t)
{
	cancel_delayed_work_sync(&t->gc);
}

/*
 * After icmpx_src_stop() and an rcu_barrier(): the entries removed
 * earlier, which still point at the table, are gone.  One barrier can
 * serve every table of a batch of namespaces.
 */
void icmpx_src_destroy(struct icmpx_sources *t)
{
	struct icmpx_src *e;
	struct hlist_node *tmp;
	unsigned int i;

	for (i = 0; i <= t->mask; i++) {
		hlist_for_each_entry_safe(e, tmp, &t->chains[i], node) {
			hlist_del(&e->node);
			kmem_cache_free(src_cache, e);
		}
	}
	kvfree(t->chains);
	kvfree(t->marks);
	kfree(t);
}

void icmpx_src_free(struct icmpx_sources *t)
{
	icmpx_src_stop(t);
	rcu_barrier();
	icmpx_src_destroy(t);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_src_free);

/* How long @e has been unseen at @now; a clock a moment behind: not at all. */
static u64 unseen(const struct icmpx_src *e, u64 now)
{
	u64 last = READ_ONCE(e->bucket.last);

	return now > last ? now - last : 0;
}

/* Whether the collector would free @e: idle and unseen for the timeout. */
static bool stale(struct icmpx_src *e, u64 now)
{
	bool ret;

	spin_lock(&e->lock);
	ret = unseen(e, now) >= ICMPX_SRC_TIMEOUT &&
	      icmpx_bucket_full(&e->bucket, e->max, now);
	spin_unlock(&e->lock);
	return ret;
}

/* The entry of @chain seen longest ago of those the collector would free. */
static struct icmpx_src *victim(struct hlist_head *chain, u64 now)
{
	struct icmpx_src *e, *best = NULL;
	u64 longest = 0;

	hlist_for_each_entry(e, chain, node) {
		if (stale(e, now) && unseen(e, now) >= longest) {
			best = e;
			longest = unseen(e, now);
		}
	}
	return best;
}

/*
 * A new entry, charged to the table's memory cgroup: in softirq no task
 * is there to charge, so the cgroup is named for the allocation.
 */
static struct icmpx_src *entry_alloc(struct icmpx_sources *t)
{
	struct mem_cgroup *old = set_active_memcg(t->memcg);
	struct icmpx_src *e = kmem_cache_alloc(src_cache, GFP_ATOMIC);

	set_active_memcg(old);
	return e;
}

/**
 * icmpx_src_insert - the rest of icmpx_src_limit(), for a source its chain's
 * mark says is not there, or that was not found there
 * @t: the table
 * @key: the source
 * @hash: its hash
 * @r: the limiter's rate
 * @now: the time in ns
 * @events: set to ICMPX_SRC_* flags of what happened to the table
 *
 * Context: as icmpx_src_limit().
 * Return: pass, limit, or full (no entry could be had).
 */
enum icmpx_src_result icmpx_src_insert(struct icmpx_sources *t,
				       const struct icmpx_src_key *key, u32 hash,
				       const struct icmpx_rate *r, u64 now,
				       u8 *events)
{
	struct hlist_head *chain = &t->chains[hash & t->mask];
	u64 *mark = &t->marks[hash & t->mask];
	enum icmpx_src_result ret;
	struct icmpx_src *e, *old;
	bool room = false;

	/*
	 * Full, with nothing of this chain old enough to go: the common
	 * case of a flood of new sources, answered without the table lock.
	 * Before the collector's bound nothing can be old enough, and the
	 * chain is not even walked.
	 */
	if (atomic_read(&t->count) >= t->max) {
		if (now < READ_ONCE(t->next_stale))
			return ICMPX_SRC_FULL;
		/* A hint, checked again under the lock. */
		hlist_for_each_entry_rcu(e, chain, node)
			room |= unseen(e, now) >= ICMPX_SRC_TIMEOUT;
		if (!room)
			return ICMPX_SRC_FULL;
	}

	spin_lock(&t->lock);
	/*
	 * Another CPU may have inserted it meanwhile: then its mark is
	 * there, exact under the lock.  Without it, the chain's entries
	 * (cold, in a table a flood fills) are not read at all.
	 */
	e = *mark & icmpx_src_mark(hash) ? icmpx_src_find(chain, key) : NULL;
	if (e) {
		ret = icmpx_src_take(e, r, now);
		goto out;
	}
	if (atomic_read(&t->count) >= t->max) {
		old = victim(chain, now);
		if (old) {
			src_remove(old);
			*events |= ICMPX_SRC_EVICTED;
		}
		ret = ICMPX_SRC_FULL;
		goto out;
	}
	e = entry_alloc(t);
	if (!e) {
		*events |= ICMPX_SRC_NOMEM;
		ret = ICMPX_SRC_FULL;
		goto out;
	}
	spin_lock_init(&e->lock);
	e->table = t;
	e->hash = hash;
	e->key = *key;
	e->max = r->max;
	icmpx_bucket_init(&e->bucket, r, now);
	e->passed = 0;
	e->dropped = 0;
	/* Out of sight until added below: no lock to take yet. */
	ret = icmpx_src_spend(e, r, now);
	/* Marked before it is in sight: a reader that finds it, marks it. */
	WRITE_ONCE(*mark, *mark | icmpx_src_mark(hash));
	hlist_add_head_rcu(&e->node, chain);
	if (now + ICMPX_SRC_TIMEOUT < t->next_stale)
		WRITE_ONCE(t->next_stale, now + ICMPX_SRC_TIMEOUT);
	/* The first entry wakes the collector. */
	if (atomic_inc_return(&t->count) == 1 && READ_ONCE(t->collect))
		queue_delayed_work(system_power_efficient_wq, &t->gc, HZ);
	*events |= ICMPX_SRC_INSERTED;
out:
	spin_unlock(&t->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_src_insert);

/*
 * Free every entry, or with @all false those of @zone's rules, or with
 * @zone -1 those idle and unseen for long.
 * Then bound when the next may go stale: not before the oldest of those
 * left is unseen for ICMPX_SRC_TIMEOUT (entries are only ever seen
 * later, and new ones lower the bound as they come).  A hint for the
 * packet path, which looks for a stale entry only after it; one that
 * an insert during the sweep made stale a tick early is freed by the
 * next pass.
 */
static unsigned int sweep(struct icmpx_sources *t, u64 now, bool all,
			  int zone)
{
	u64 oldest = U64_MAX, last;
	struct icmpx_src *e;
	struct hlist_node *tmp;
	unsigned int i, n = 0;

	for (i = 0; i <= t->mask; i++) {
		spin_lock_bh(&t->lock);
		hlist_for_each_entry_safe(e, tmp, &t->chains[i], node) {
			if (all || (zone >= 0 ? e->key.zone == zone :
				    stale(e, now))) {
				src_remove(e);
				n++;
				continue;
			}
			last = READ_ONCE(e->bucket.last);
			oldest = min(oldest, last);
		}
		spin_unlock_bh(&t->lock);
		if ((i & 255) == 255)
			cond_resched();
	}
	spin_lock_bh(&t->lock);
	oldest = min(oldest, now);
	WRITE_ONCE(t->next_stale, oldest == U64_MAX ? U64_MAX :
				  oldest + ICMPX_SRC_TIMEOUT);
	spin_unlock_bh(&t->lock);
	return n;
}

/**
 * icmpx_src_gc - free the entries idle and unseen for ICMPX_SRC_TIMEOUT
 * @t: the table
 * @now: the time in ns
 *
 * Context: process context.
 * Return: how many were freed.
 */
unsigned int icmpx_src_gc(struct icmpx_sources *t, u64 now)
{
	return sweep(t, now, false, -1);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_src_gc);

/**
 * icmpx_src_flush - empty the table: every source starts again full
 * @t: the table
 *
 * Context: process context.
 * Return: how many entries were removed.
 */
unsigned int icmpx_src_flush(struct icmpx_sources *t)
{
	return sweep(t, 0, true, -1);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_src_flush);

/**
 * icmpx_src_forget - remove the entries of a zone's rules
 * @t: the table
 * @zone: the zone's id
 *
 * A zone deleted leaves its entries under its id, which the next zone
 * to take the id would otherwise inherit, its sources' buckets spent.
 * The caller makes sure no packet still sees the zone.
 *
 * Context: process context.
 * Return: how many entries were removed.
 */
unsigned int icmpx_src_forget(struct icmpx_sources *t, u8 zone)
{
	return sweep(t, ktime_get_ns(), false, zone);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_src_forget);

static u64 weight(const struct icmpx_src_info *s)
{
	return s->passed + s->dropped;
}

/* Move heap[i] down to its place in a min-heap of @n, by weight. */
static void sift_down(struct icmpx_src_info *heap, unsigned int n,
		      unsigned int i)
{
	unsigned int c;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && weight(&heap[c + 1]) < weight(&heap[c]))
			c++;
		if (weight(&heap[i]) <= weight(&heap[c]))
			break;
		swap(heap[i], heap[c]);
		i = c;
	}
}

static void sift_up(struct icmpx_src_info *heap, unsigned int i)
{
	unsigned int p;

	while (i && weight(&heap[p = (i - 1) / 2]) > weight(&heap[i])) {
		swap(heap[i], heap[p]);
		i = p;
	}
}

/* Chains walked under one RCU read section before a rescheduling point. */
#define TOP_CHAINS	64

/**
 * icmpx_src_top_of - the sources that sent the most
 * @t: the table
 * @top: filled with up to @n entries, heaviest first
 * @n: room in @top
 * @zone: only the entries of this zone's rules; -1: every entry
 *
 * A min-heap of the @n heaviest seen so far: each entry costs log @n,
 * whatever @n.  The table is walked a few chains at a time, each batch
 * in its own RCU read section, with a rescheduling point between: a
 * large table neither holds off a grace period nor the CPU.  Entries
 * come and go meanwhile, as they would between two readings.
 *
 * Context: process context.
 * Return: how many were filled in.
 */
unsigned int icmpx_src_top_of(struct icmpx_sources *t,
			      struct icmpx_src_info *top, unsigned int n,
			      int zone)
{
	struct icmpx_src_info cur;
	unsigned int i, j, used = 0;
	struct icmpx_src *e;

	if (!n)
		return 0;
	for (i = 0; i <= t->mask; i += TOP_CHAINS) {
		rcu_read_lock();
		for (j = i; j <= min(i + TOP_CHAINS - 1, t->mask); j++) {
			hlist_for_each_entry_rcu(e, &t->chains[j], node) {
				if (zone >= 0 && e->key.zone != zone)
					continue;
				cur.key = e->key;
				cur.passed = READ_ONCE(e->passed);
				cur.dropped = READ_ONCE(e->dropped);
				if (used < n) {
					top[used] = cur;
					sift_up(top, used++);
				} else if (weight(&cur) > weight(&top[0])) {
					top[0] = cur;
					sift_down(top, n, 0);
				}
			}
		}
		rcu_read_unlock();
		cond_resched();
	}
	/* Heaviest first: the lightest of the heap goes to the end each time. */
	for (i = used; i > 1; i--) {
		swap(top[0], top[i - 1]);
		sift_down(top, i - 1, 0);
	}
	return used;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_src_top_of);
