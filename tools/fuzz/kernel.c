// SPDX-License-Identifier: GPL-2.0
/*
 * What the userspace stand-ins of include/linux need at run time: RCU
 * callbacks kept until rcu_barrier(), slab caches, and a random source
 * with a fixed seed.
 */
#include <stdlib.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

static struct rcu_head *rcu_pending;

void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head))
{
	head->func = func;
	head->next = rcu_pending;
	rcu_pending = head;
}

void rcu_barrier(void)
{
	struct rcu_head *head;

	while ((head = rcu_pending)) {
		rcu_pending = head->next;
		head->func(head);
	}
}

struct kmem_cache *kmem_cache_create_size(size_t size)
{
	struct kmem_cache *c = malloc(sizeof(*c));

	if (c)
		c->size = size;
	return c;
}

void kmem_cache_destroy(struct kmem_cache *c)
{
	free(c);
}

/* xorshift64*, from a fixed seed. */
u32 get_random_u32(void)
{
	static u64 x = 0x9e3779b97f4a7c15ULL;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	return (x * 0x2545f4914f6cdd1dULL) >> 32;
}

void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;

	while (len--)
		*p++ = get_random_u32();
}
