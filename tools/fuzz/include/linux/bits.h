/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for the kernel header, for building parse.c. */
#ifndef _FUZZ_LINUX_BITS_H
#define _FUZZ_LINUX_BITS_H
#define BIT(n)	(1UL << (n))
#define BIT_ULL(n)	(1ULL << (n))
#endif
