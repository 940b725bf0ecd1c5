/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: hash lists, their RCU forms the plain ones (one thread). */
#ifndef _FUZZ_LINUX_RCULIST_H
#define _FUZZ_LINUX_RCULIST_H
#include <linux/kernel.h>
#include <linux/spinlock.h>

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct hlist_head {
	struct hlist_node *first;
};

static inline void hlist_add_head(struct hlist_node *n, struct hlist_head *h)
{
	n->next = h->first;
	if (h->first)
		h->first->pprev = &n->next;
	h->first = n;
	n->pprev = &h->first;
}

static inline void hlist_del(struct hlist_node *n)
{
	*n->pprev = n->next;
	if (n->next)
		n->next->pprev = n->pprev;
	n->next = NULL;
	n->pprev = NULL;
}

#define hlist_add_head_rcu(n, h)	hlist_add_head(n, h)
#define hlist_del_rcu(n)		hlist_del(n)

#define hlist_entry_safe(p, type, member) \
	({ typeof(p) __p = (p); __p ? container_of(__p, type, member) : NULL; })

#define hlist_for_each_entry(pos, head, member)					\
	for (pos = hlist_entry_safe((head)->first, typeof(*(pos)), member);	\
	     pos; pos = hlist_entry_safe((pos)->member.next, typeof(*(pos)), member))
#define hlist_for_each_entry_rcu(pos, head, member) \
	hlist_for_each_entry(pos, head, member)
#define hlist_for_each_entry_safe(pos, n, head, member)				\
	for (pos = hlist_entry_safe((head)->first, typeof(*pos), member);	\
	     pos && ({ n = pos->member.next; 1; });				\
	     pos = hlist_entry_safe(n, typeof(*pos), member))
#endif
