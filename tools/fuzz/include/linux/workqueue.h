/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in: delayed work that runs only when flushed, so a
 * test sees whether it is pending, as in the kernel within its delay.
 */
#ifndef _FUZZ_LINUX_WORKQUEUE_H
#define _FUZZ_LINUX_WORKQUEUE_H
#include <linux/kernel.h>
#include <linux/rculist.h>

struct work_struct {
	void (*func)(struct work_struct *work);
};

struct delayed_work {
	struct work_struct work;
	bool pending;
};

#define system_power_efficient_wq	NULL
#define INIT_DELAYED_WORK(dw, fn) \
	do { (dw)->work.func = (fn); (dw)->pending = false; } while (0)
#define to_delayed_work(w)	container_of(w, struct delayed_work, work)
#define delayed_work_pending(dw) ((dw)->pending)

static inline bool queue_delayed_work(void *wq, struct delayed_work *dw,
				      unsigned long delay)
{
	bool was = dw->pending;

	dw->pending = true;
	return !was;
}

static inline bool flush_delayed_work(struct delayed_work *dw)
{
	if (!dw->pending)
		return false;
	dw->pending = false;
	dw->work.func(&dw->work);
	return true;
}

static inline bool cancel_delayed_work_sync(struct delayed_work *dw)
{
	bool was = dw->pending;

	dw->pending = false;
	return was;
}

#define cond_resched()		do { } while (0)
#endif
