/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel header, for building policy.c.  The
 * C library's <errno.h> includes <linux/errno.h> itself, which would be
 * this file: hence the values, the same as the kernel's.
 */
#ifndef _FUZZ_LINUX_ERRNO_H
#define _FUZZ_LINUX_ERRNO_H
#define ENOENT		2
#define E2BIG		7
#define ENOMEM		12
#define EINVAL		22
#define ENOSPC		28
#endif
