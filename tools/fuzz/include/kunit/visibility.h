/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: nothing is exported from a program. */
#ifndef _FUZZ_KUNIT_VISIBILITY_H
#define _FUZZ_KUNIT_VISIBILITY_H
#define EXPORT_SYMBOL_IF_KUNIT(sym)
#endif
