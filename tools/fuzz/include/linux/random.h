/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: a fixed-seed generator, so every run is the same run. */
#ifndef _FUZZ_LINUX_RANDOM_H
#define _FUZZ_LINUX_RANDOM_H
#include <linux/types.h>

u32 get_random_u32(void);
void get_random_bytes(void *buf, size_t len);
#define get_random_u32_below(n)	(get_random_u32() % (n))
#endif
