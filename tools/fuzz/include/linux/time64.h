/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for the kernel header, for building limit.c. */
#ifndef _FUZZ_LINUX_TIME64_H
#define _FUZZ_LINUX_TIME64_H
#define NSEC_PER_SEC	1000000000ULL
#define NSEC_PER_MSEC	1000000ULL
#endif
