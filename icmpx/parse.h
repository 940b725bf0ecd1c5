/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The packet parser: bytes in, a description or a reason out.
 *
 * Nothing here touches an skb, takes a lock or allocates, so the same
 * source is driven by the hooks, by KUnit and by a userspace fuzzer
 * (tools/fuzz), which compiles parse.c with a few stand-in headers.
 */
#ifndef _ICMPX_PARSE_H
#define _ICMPX_PARSE_H

#include <linux/icmpx.h>
#include <linux/types.h>

#include "counters.h"

/*
 * ICMP types the kernel's headers have no name for: IPv4 router
 * discovery (RFC 1256), inverse neighbor discovery (RFC 3122), SEND's
 * certification path messages (RFC 3971) and multicast router discovery
 * (RFC 4286; the kernel names only its advertisement).
 */
#define ICMPX_ROUTERADVERT	9
#define ICMPX_ROUTERSOLICIT	10
#define ICMPX_IND_SOLICIT	141
#define ICMPX_IND_ADVERT	142
#define ICMPX_CERT_PATH_SOLICIT	148
#define ICMPX_CERT_PATH_ADVERT	149
#define ICMPX_MRD_SOLICIT	152
#define ICMPX_MRD_TERMINATE	153

/* enum icmpx_family is the netlink API's. */
#define ICMPX_NFAMILY	__ICMPX_FAMILY_MAX

/*
 * Why a message is not well formed.  ICMPX_OK is not a failure; every
 * other value names exactly one thing that was wrong and is counted on
 * its own.  Checks run in this order, and a message is blamed for the
 * first thing found wrong.
 */
enum icmpx_reason {
	ICMPX_OK,
	ICMPX_R_TRUNCATED,	/* shorter than its ICMP header: 8 bytes (RFC 4286: 4) */
	ICMPX_R_CHECKSUM,	/* ICMP checksum (v6: with pseudo-header) */
	ICMPX_R_SHORT,		/* shorter than its type requires */
	ICMPX_R_CODE,		/* a code its type does not allow */
	ICMPX_R_HOPLIMIT,	/* NDP not sent with hop limit 255 */
	ICMPX_R_SOURCE,		/* a source address its type forbids */
	ICMPX_R_FIELD,		/* a field with a value its type forbids */
	ICMPX_R_OPTION,		/* NDP option of length 0 or overrunning */
	ICMPX_R_INNER_SHORT,	/* error without inner IP header + 8 bytes */
	ICMPX_R_INNER_HDR,	/* inner IP header not sane */
	ICMPX_R_EXTENSION,	/* RFC 8335 extended echo request's structure */
	ICMPX_NREASON
};

/*
 * msg->notes: what is wrong with a message that the stack takes all the
 * same.  Such a message is well formed to icmpx too: it is counted by
 * the note, not dropped, so that nothing the kernel would have used (a
 * frag-needed from a router that gets RFC 4884 wrong, say) is lost.
 */
#define ICMPX_N_EXT_LENGTH	0x01	/* RFC 4884 length under 128 or past the end */
#define ICMPX_N_EXT_INVALID	0x02	/* RFC 4884 extension structure malformed */
#define ICMPX_N_MTU		0x04	/* an MTU below any link's: the stack clamps it */

/* The counters of what was noted: events of counters.h's names. */

/* What the caller knows of the checksum before parsing. */
enum icmpx_csum {
	ICMPX_CSUM_UNKNOWN,	/* parse verifies it (needs the whole message) */
	ICMPX_CSUM_GOOD,	/* verified already: by the NIC or the stack */
	ICMPX_CSUM_BAD,		/* verified already, and wrong */
};

/*
 * One inbound ICMP message and what the IP layer knew of it.  @saddr and
 * @daddr are 4 or 16 bytes in network order, as in the IP header.
 */
struct icmpx_pkt {
	const u8 *data;		/* the ICMP message, from its type byte */
	u32 avail;		/* bytes readable at @data */
	u32 len;		/* length of the whole message */
	const u8 *saddr;
	const u8 *daddr;
	u8 family;		/* enum icmpx_family */
	u8 hoplimit;		/* IPv4 TTL or IPv6 hop limit */
	u8 csum;		/* enum icmpx_csum */
	bool loopback;		/* arrived on loopback: sent by this namespace */
	const char *link;	/* the arrival interface's name; NULL: unknown */
};

/*
 * The fixed part nearly every ICMP and ICMPv6 message starts with (the
 * multicast router solicitation and termination of RFC 4286 stop after
 * four bytes), and how much
 * of a long message the parser may look at: an error's inner datagram
 * and RFC 4884 extensions lie within it (ICMPv6 errors stop at the
 * 1280-byte minimum MTU, ICMPv4 ones at 576 bytes in practice).
 */
#define ICMPX_HDR_LEN	8
#define ICMPX_PARSE_MAX	1280

/* msg->flags */
#define ICMPX_F_KNOWN	0x01	/* a type this parser knows */
#define ICMPX_F_ERROR	0x02	/* an error message: carries a datagram */
#define ICMPX_F_NDP	0x04	/* neighbor discovery: hop limit 255 */
#define ICMPX_F_MLD	0x08	/* multicast listener discovery */
#define ICMPX_F_DEPRECATED 0x10	/* RFC 6918 deprecated ICMPv4 type */
#define ICMPX_F_EXT	0x20	/* carries an RFC 4884 extension structure */
#define ICMPX_F_INNER	0x40	/* msg->inner describes the quoted datagram */

/* The original datagram an error message quotes. */
struct icmpx_inner {
	u8 family;
	u8 proto;		/* transport protocol, after v6 ext headers */
	u8 saddr[16];		/* 4 or 16 bytes used */
	u8 daddr[16];
	u16 sport;		/* TCP, UDP, SCTP, DCCP: ports; ICMP: id */
	u16 dport;
	u16 offset;		/* of the inner IP header within the message */
	u16 thoff;		/* of the inner transport header, 0 if unseen */
	u8 type;		/* ICMP, ICMPv6: the quoted message's type */
	bool ports;		/* @sport and @dport were read */
};

struct icmpx_msg {
	u8 family;
	u8 type;
	u8 code;
	u8 flags;		/* ICMPX_F_* */
	u8 notes;		/* ICMPX_N_* */
	u32 len;
	union {
		struct {
			u16 id;
			u16 seq;
		} echo;
		u32 mtu;	/* frag-needed (0: RFC 1191 legacy), PTB */
		u32 pointer;	/* parameter problem */
		u8 gateway[4];	/* ICMPv4 redirect */
		u8 target[16];	/* NS, NA, ICMPv6 redirect */
		struct {
			u8 naddrs;
			u8 entsize;
		} ra4;		/* ICMPv4 router advertisement */
	};
	u8 dest[16];		/* ICMPv6 redirect: the redirected destination */
	u16 ext_off;		/* RFC 4884: extension structure, or 0 */
	struct icmpx_inner inner;	/* valid when ICMPX_F_INNER */
};

static inline bool icmpx_multicast6(const u8 *a)
{
	return a[0] == 0xff;
}

static inline bool icmpx_linklocal6(const u8 *a)
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}

enum icmpx_reason icmpx_parse(const struct icmpx_pkt *pkt,
			      struct icmpx_msg *msg);
u32 icmpx_parse_need(enum icmpx_family family, u8 type, u32 len);

u16 icmpx_csum_fold(u32 sum);
u32 icmpx_csum_add(u32 sum, const u8 *p, u32 len);

const char *icmpx_family_name(enum icmpx_family family);
const char *icmpx_type_name(enum icmpx_family family, u8 type);
const char *icmpx_reason_name(enum icmpx_reason reason);
const char *icmpx_note_name(u8 note);

#endif /* _ICMPX_PARSE_H */
