/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for the kernel header, for building parse.c. */
#include <string.h>
