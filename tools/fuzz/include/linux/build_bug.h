/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: a compile-time assertion. */
#ifndef _FUZZ_LINUX_BUILD_BUG_H
#define _FUZZ_LINUX_BUILD_BUG_H

#define BUILD_BUG_ON(c)	_Static_assert(!(c), #c)
#endif
