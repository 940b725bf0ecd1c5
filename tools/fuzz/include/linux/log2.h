/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel header, for building sources.c: the
 * kernel's 1UL << fls_long(n - 1), undefined for 0 as there (UBSan
 * reports the shift).
 */
#ifndef _FUZZ_LINUX_LOG2_H
#define _FUZZ_LINUX_LOG2_H
#define roundup_pow_of_two(n) \
	((n) == 1 ? 1UL : 1UL << (64 - __builtin_clzl((unsigned long)(n) - 1)))
#endif
