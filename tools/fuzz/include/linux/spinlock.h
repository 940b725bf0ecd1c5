/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in: one thread, so locks, bottom halves and RCU read
 * sections are nothing; atomics are plain.  What RCU defers is kept
 * until rcu_barrier() (tools/fuzz/kernel.c), as the kernel keeps it
 * until a grace period.
 */
#ifndef _FUZZ_LINUX_SPINLOCK_H
#define _FUZZ_LINUX_SPINLOCK_H
#include <linux/types.h>

typedef struct { int locked; } spinlock_t;
#define spin_lock_init(l)	((l)->locked = 0)
#define spin_lock(l)		((l)->locked++)
#define spin_unlock(l)		((l)->locked--)
#define spin_lock_bh(l)		spin_lock(l)
#define spin_unlock_bh(l)	spin_unlock(l)
#define local_bh_disable()	do { } while (0)
#define local_bh_enable()	do { } while (0)

typedef struct { int counter; } atomic_t;
#define atomic_set(a, v)	((a)->counter = (v))
#define atomic_read(a)		((a)->counter)
#define atomic_dec(a)		((a)->counter--)
#define atomic_inc_return(a)	(++(a)->counter)

struct rcu_head {
	struct rcu_head *next;
	void (*func)(struct rcu_head *head);
};

#define rcu_read_lock()		do { } while (0)
#define rcu_read_unlock()	do { } while (0)
void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head));
void rcu_barrier(void);
#endif
