/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for the kernel header, for building limit.c. */
#ifndef _FUZZ_LINUX_COMPILER_H
#define _FUZZ_LINUX_COMPILER_H
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))
#endif
