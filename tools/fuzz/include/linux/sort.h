/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: the C library's sort. */
#ifndef _FUZZ_LINUX_SORT_H
#define _FUZZ_LINUX_SORT_H
#include <stdlib.h>
#define sort(base, n, size, cmp, swp)	qsort(base, n, size, cmp)
#endif
