/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: see linux/spinlock.h. */
#include <linux/spinlock.h>
