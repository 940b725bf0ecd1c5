/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel header, for building policy.c: the
 * first zero bit, undefined when there is none, as the kernel's.
 */
#ifndef _FUZZ_LINUX_BITOPS_H
#define _FUZZ_LINUX_BITOPS_H
#include <linux/bits.h>
#define ffz(word)	((unsigned long)__builtin_ctzl(~(unsigned long)(word)))
#endif
