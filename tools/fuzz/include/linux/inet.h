/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: in4_pton() and in6_pton() of whole strings. */
#ifndef _FUZZ_LINUX_INET_H
#define _FUZZ_LINUX_INET_H
#include <arpa/inet.h>
#include <linux/types.h>

#define in4_pton(s, n, out, d, end)	(inet_pton(AF_INET, s, out) == 1)
#define in6_pton(s, n, out, d, end)	(inet_pton(AF_INET6, s, out) == 1)
#endif
