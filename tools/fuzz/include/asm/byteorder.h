/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in: the system's uapi header (the __cpu_to_* of
 * linux/byteorder, which linux/icmp.h needs too), and the kernel's
 * names for them that sources.c uses.
 */
#ifndef _FUZZ_ASM_BYTEORDER_H
#define _FUZZ_ASM_BYTEORDER_H
#include_next <asm/byteorder.h>

#define cpu_to_be32(x)	__cpu_to_be32(x)
#define cpu_to_be64(x)	__cpu_to_be64(x)
#endif
