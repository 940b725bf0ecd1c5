/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for the kernel header, for building limit.c. */
#ifndef _FUZZ_LINUX_OVERFLOW_H
#define _FUZZ_LINUX_OVERFLOW_H
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)
#endif
