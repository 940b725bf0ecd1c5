/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The packet parser: bytes in, a description or a reason out.
 *
 * Nothing here touches an skb, takes a lock or allocates, so the same
 * source is driven by the hooks, by KUnit and by a userspace fuzzer.
 */
#ifndef _ICMPX_PARSE_H
#define _ICMPX_PARSE_H

#include <linux/types.h>

enum icmpx_family {
	ICMPX_INET,
	ICMPX_INET6,
	ICMPX_NFAMILY
};

/*
 * Why a message is not well formed.  ICMPX_OK is not a failure; every
 * other value names exactly one thing that was wrong, and is counted
 * on its own.
 */
enum icmpx_reason {
	ICMPX_OK,
	ICMPX_R_TRUNCATED,	/* shorter than the fixed ICMP header */
	ICMPX_NREASON
};

/* The fixed part every ICMP and ICMPv6 message starts with. */
#define ICMPX_HDR_LEN 8

struct icmpx_msg {
	u8 family;
	u8 type;
	u8 code;
	u32 len;		/* whole ICMP message, header included */
};

enum icmpx_reason icmpx_parse(struct icmpx_msg *msg, enum icmpx_family family,
			      const u8 *data, u32 avail, u32 len);

const char *icmpx_family_name(enum icmpx_family family);
const char *icmpx_type_name(enum icmpx_family family, u8 type);
const char *icmpx_reason_name(enum icmpx_reason reason);

#endif /* _ICMPX_PARSE_H */
