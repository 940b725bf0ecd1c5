/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: nothing is exported from a program. */
