/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: cond_resched() is in linux/workqueue.h. */
