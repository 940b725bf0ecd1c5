/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for the kernel header, for building icmpx's pure parts. */
#ifndef _FUZZ_LINUX_KERNEL_H
#define _FUZZ_LINUX_KERNEL_H
#include <stdio.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/types.h>

#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))
#define min_t(t, a, b)	((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b)	((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define swap(a, b)	do { typeof(a) __t = (a); (a) = (b); (b) = __t; } while (0)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define fallthrough	__attribute__((__fallthrough__))
#define container_of(p, type, member) \
	((type *)((char *)(p) - offsetof(type, member)))
#define U64_MAX		UINT64_MAX
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))
#define upper_32_bits(n)	((u32)((n) >> 32))
#define HZ		1000
#endif
