/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parser corpus: ICMP and ICMPv6 messages written out byte by byte
 * from the RFC layouts, each with the verdict the parser must give.
 *
 * Included by the KUnit suite (parse_test.c) and by the userspace fuzzer
 * (tools/fuzz), which turns every case into a seed; keep it free of
 * anything but plain C.  Checksums are left zero: the cases are parsed
 * with the checksum already verified (ICMPX_CSUM_GOOD), and the KUnit
 * suite seals each one with a real checksum to test that path too.
 */
#ifndef _ICMPX_CORPUS_H
#define _ICMPX_CORPUS_H

#include <linux/kernel.h>
#include <linux/string.h>

#include "../parse.h"

/* What a case checks besides the verdict, type, code and flags. */
#define CHK_MTU		0x01
#define CHK_POINTER	0x02
#define CHK_ECHO	0x04
#define CHK_INNER	0x08
#define CHK_EXT		0x10
#define CHK_GATEWAY	0x20
#define CHK_TARGET	0x40

/* Which addresses the IP header carried. */
enum { SRC_DEFAULT, SRC_GLOBAL, SRC_UNSPEC };
enum { DST_DEFAULT, DST_ALLNODES, DST_SNM };

struct icmpx_case {
	const char *name;
	const u8 *data;
	u16 len;
	u8 family;
	u8 hoplimit;	/* 0: 64 */
	u8 src;
	u8 dst;
	u8 want;	/* enum icmpx_reason */
	u8 flags;	/* msg->flags a well-formed message yields */
	u8 check;	/* CHK_* */
	u8 minimal;	/* every shorter prefix must fail */
	u8 proto;
	u16 sport;
	u16 dport;
	u32 mtu;
	u32 pointer;
	u16 id;
	u16 seq;
	u16 ext_off;
};

/* 192.0.2.1 sends to us, 192.0.2.2; fe80::1 (a router) to fe80::2. */
static const u8 icmpx_corpus_a4_remote[4] = { 192, 0, 2, 1 };
static const u8 icmpx_corpus_a4_local[4] = { 192, 0, 2, 2 };
#define A6_LL1	0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
#define A6_LL2	0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2
#define A6_G1	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
#define A6_G99	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x99
#define A6_MC1	0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
#define A6_MLD	0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfb
static const u8 icmpx_corpus_a6_remote[16] = { A6_LL1 };
static const u8 icmpx_corpus_a6_local[16] = { A6_LL2 };
static const u8 icmpx_corpus_a6_global[16] = { A6_G1 };
static const u8 icmpx_corpus_a6_unspec[16];
static const u8 icmpx_corpus_a6_allnodes[16] = { A6_MC1 };
static const u8 icmpx_corpus_a6_snm[16] = {
	0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff, 0, 0, 2
};

/*
 * Quoted datagrams.  IPv4: 192.0.2.2 -> 198.51.100.1, UDP 33434 -> 53.
 * IPv6: fe80::2 -> 2001:db8::99, the same UDP header.
 */
#define UDP8		0x82, 0x9a, 0x00, 0x35, 0x00, 0x08, 0x00, 0x00
#define IN4(b0, tot, frag, proto) \
	b0, 0x00, 0x00, tot, 0x00, 0x00, 0x40 | (frag), 0x00, \
	0x40, proto, 0x00, 0x00, 192, 0, 2, 2, 198, 51, 100, 1
#define ICMPX_IN4_UDP	IN4(0x45, 28, 0, 17), UDP8
#define IN6(b0, plen, next) \
	b0, 0, 0, 0, 0, plen, next, 0x40, A6_LL2, A6_G99
#define ICMPX_IN6_UDP	IN6(0x60, 8, 17), UDP8

/* An ICMP extension structure (RFC 4884 7) for extended echo: interface
 * identification object (RFC 8335), by ifindex 1; checksum sealed.
 */
#define EXT_IFINDEX	0x20, 0x00, 0xdc, 0xf4, 0x00, 0x08, 0x03, 0x02, \
			0x00, 0x00, 0x00, 0x01
#define EXT_BADVER	0x10, 0x00, 0xdc, 0xf4, 0x00, 0x08, 0x03, 0x02, \
			0x00, 0x00, 0x00, 0x01

#define MAC6		0x02, 0x00, 0x00, 0x00, 0x00, 0x01

#define D(...)	.data = (const u8[]){ __VA_ARGS__ }, \
		.len = sizeof((const u8[]){ __VA_ARGS__ })

#define K	ICMPX_F_KNOWN
#define E	ICMPX_F_ERROR
#define I	ICMPX_F_INNER
#define N	ICMPX_F_NDP
#define M	ICMPX_F_MLD
#define DP	ICMPX_F_DEPRECATED
#define X	ICMPX_F_EXT

#define V4	.family = ICMPX_INET
#define V6	.family = ICMPX_INET6
#define OK(f)	.want = ICMPX_OK, .flags = (f)
#define BAD(r)	.want = ICMPX_R_##r
#define H255	.hoplimit = 255
#define UDP_INNER .check = CHK_INNER, .proto = 17, .sport = 33434, .dport = 53

/* A type with nothing past its header: well formed at 8 bytes, not at 7. */
#define PLAIN(fam, t, f, ...) \
	{ "" #fam " type " #t, fam, D(t, 0, 0, 0, 0, 0, 0, 0), OK(f), \
	  .minimal = 1, __VA_ARGS__ }, \
	{ "" #fam " type " #t " truncated", fam, D(t, 0, 0, 0, 0, 0, 0), \
	  BAD(TRUNCATED), __VA_ARGS__ }

static const struct icmpx_case icmpx_corpus[] = {
	/* ---- ICMPv4 ---- */
	{ "v4 echo-request", V4, D(8, 0, 0, 0, 0x12, 0x34, 0, 7), OK(K),
	  .check = CHK_ECHO, .id = 0x1234, .seq = 7, .minimal = 1 },
	{ "v4 echo-request with data", V4,
	  D(8, 0, 0, 0, 0, 1, 0, 2, 'i', 'c', 'm', 'p'), OK(K),
	  .check = CHK_ECHO, .id = 1, .seq = 2 },
	{ "v4 echo-request 7 bytes", V4, D(8, 0, 0, 0, 0, 1, 0), BAD(TRUNCATED) },
	{ "v4 echo-request 1 byte", V4, D(8), BAD(TRUNCATED) },
	{ "v4 empty", V4, .data = (const u8[]){ 0 }, .len = 0, BAD(TRUNCATED) },
	{ "v4 echo-reply", V4, D(0, 0, 0, 0, 0, 1, 0, 1), OK(K),
	  .check = CHK_ECHO, .id = 1, .seq = 1, .minimal = 1 },
	{ "v4 echo-reply truncated", V4, D(0, 0, 0, 0, 0, 1), BAD(TRUNCATED) },

	{ "v4 port unreachable", V4, D(3, 3, 0, 0, 0, 0, 0, 0, ICMPX_IN4_UDP),
	  OK(K | E | I), UDP_INNER, .minimal = 1 },
	{ "v4 unreachable, header only", V4, D(3, 1, 0, 0, 0, 0, 0, 0),
	  BAD(INNER_SHORT) },
	{ "v4 unreachable, half an inner header", V4,
	  D(3, 1, 0, 0, 0, 0, 0, 0, 0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17),
	  BAD(INNER_SHORT) },
	{ "v4 unreachable, inner header without 8 bytes", V4,
	  D(3, 1, 0, 0, 0, 0, 0, 0, IN4(0x45, 28, 0, 17)), BAD(INNER_SHORT) },
	{ "v4 unreachable, inner version 6", V4,
	  D(3, 1, 0, 0, 0, 0, 0, 0, IN4(0x65, 28, 0, 17), UDP8), BAD(INNER_HDR) },
	{ "v4 unreachable, inner IHL 4", V4,
	  D(3, 1, 0, 0, 0, 0, 0, 0, IN4(0x44, 28, 0, 17), UDP8), BAD(INNER_HDR) },
	{ "v4 unreachable, inner total length below IHL", V4,
	  D(3, 1, 0, 0, 0, 0, 0, 0, IN4(0x45, 19, 0, 17), UDP8), BAD(INNER_HDR) },
	{ "v4 unreachable, inner IHL 6 without options", V4,
	  D(3, 1, 0, 0, 0, 0, 0, 0, IN4(0x46, 32, 0, 17), UDP8), BAD(INNER_SHORT) },
	{ "v4 unreachable, a header-only datagram quoted whole", V4,
	  D(3, 2, 0, 0, 0, 0, 0, 0, IN4(0x45, 20, 0, 17)), OK(K | E | I),
	  .check = CHK_INNER, .proto = 17 },
	{ "v4 unreachable, inner non-first fragment", V4,
	  D(3, 3, 0, 0, 0, 0, 0, 0, IN4(0x45, 28, 0x01, 17), UDP8),
	  OK(K | E | I), .check = CHK_INNER, .proto = 17 },
	{ "v4 unreachable, inner ICMP echo", V4,
	  D(3, 1, 0, 0, 0, 0, 0, 0, IN4(0x45, 28, 0, 1), 8, 0, 0, 0, 0x12, 0x34, 0, 1),
	  OK(K | E | I), .check = CHK_INNER, .proto = 1, .sport = 0x1234 },
	{ "v4 frag-needed mtu 1400", V4,
	  D(3, 4, 0, 0, 0, 0, 0x05, 0x78, ICMPX_IN4_UDP), OK(K | E | I),
	  .check = CHK_MTU, .mtu = 1400 },
	{ "v4 frag-needed mtu 68", V4,
	  D(3, 4, 0, 0, 0, 0, 0, 68, ICMPX_IN4_UDP), OK(K | E | I),
	  .check = CHK_MTU, .mtu = 68 },
	{ "v4 frag-needed mtu 0 (RFC 1191 legacy router)", V4,
	  D(3, 4, 0, 0, 0, 0, 0, 0, ICMPX_IN4_UDP), OK(K | E | I),
	  .check = CHK_MTU, .mtu = 0 },
	{ "v4 frag-needed mtu 67", V4,
	  D(3, 4, 0, 0, 0, 0, 0, 67, ICMPX_IN4_UDP), BAD(MTU) },
	{ "v4 frag-needed mtu 1", V4,
	  D(3, 4, 0, 0, 0, 0, 0, 1, ICMPX_IN4_UDP), BAD(MTU) },

	{ "v4 source-quench", V4, D(4, 0, 0, 0, 0, 0, 0, 0, ICMPX_IN4_UDP),
	  OK(K | E | I | DP), UDP_INNER, .minimal = 1 },
	{ "v4 source-quench without a datagram", V4, D(4, 0, 0, 0, 0, 0, 0, 0),
	  BAD(INNER_SHORT) },

	{ "v4 redirect host", V4,
	  D(5, 1, 0, 0, 192, 0, 2, 254, ICMPX_IN4_UDP), OK(K | E | I),
	  .check = CHK_GATEWAY | CHK_INNER, .proto = 17, .sport = 33434,
	  .dport = 53, .minimal = 1 },
	{ "v4 redirect code 3", V4,
	  D(5, 3, 0, 0, 192, 0, 2, 254, ICMPX_IN4_UDP), OK(K | E | I) },
	{ "v4 redirect code 4", V4,
	  D(5, 4, 0, 0, 192, 0, 2, 254, ICMPX_IN4_UDP), BAD(CODE) },
	{ "v4 redirect without a datagram", V4,
	  D(5, 1, 0, 0, 192, 0, 2, 254), BAD(INNER_SHORT) },

	{ "v4 time-exceeded", V4, D(11, 0, 0, 0, 0, 0, 0, 0, ICMPX_IN4_UDP),
	  OK(K | E | I), UDP_INNER, .minimal = 1 },
	{ "v4 time-exceeded, inner version 0", V4,
	  D(11, 1, 0, 0, 0, 0, 0, 0, IN4(0x05, 28, 0, 17), UDP8), BAD(INNER_HDR) },

	{ "v4 parameter-problem pointer 9", V4,
	  D(12, 0, 0, 0, 9, 0, 0, 0, ICMPX_IN4_UDP), OK(K | E | I),
	  .check = CHK_POINTER, .pointer = 9, .minimal = 1 },
	{ "v4 parameter-problem, short datagram", V4,
	  D(12, 0, 0, 0, 9, 0, 0, 0, IN4(0x45, 28, 0, 17), 0x82, 0x9a),
	  BAD(INNER_SHORT) },

	{ "v4 timestamp-request", V4,
	  D(13, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0),
	  OK(K), .minimal = 1 },
	{ "v4 timestamp-request 19 bytes", V4,
	  D(13, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0), BAD(SHORT) },
	{ "v4 timestamp-reply", V4,
	  D(14, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3),
	  OK(K), .minimal = 1 },
	{ "v4 timestamp-reply 8 bytes", V4, D(14, 0, 0, 0, 0, 1, 0, 1), BAD(SHORT) },

	{ "v4 info-request", V4, D(15, 0, 0, 0, 0, 9, 0, 1), OK(K | DP),
	  .check = CHK_ECHO, .id = 9, .seq = 1, .minimal = 1 },
	{ "v4 info-request truncated", V4, D(15, 0, 0, 0), BAD(TRUNCATED) },
	{ "v4 info-reply", V4, D(16, 0, 0, 0, 0, 9, 0, 1), OK(K | DP),
	  .minimal = 1 },
	{ "v4 info-reply truncated", V4, D(16, 0, 0), BAD(TRUNCATED) },
	{ "v4 address-mask-request", V4,
	  D(17, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0), OK(K | DP), .minimal = 1 },
	{ "v4 address-mask-request 11 bytes", V4,
	  D(17, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0), BAD(SHORT) },
	{ "v4 address-mask-reply", V4,
	  D(18, 0, 0, 0, 0, 1, 0, 1, 255, 255, 255, 0), OK(K | DP), .minimal = 1 },
	{ "v4 address-mask-reply 8 bytes", V4,
	  D(18, 0, 0, 0, 0, 1, 0, 1), BAD(SHORT) },

	{ "v4 router-advertisement", V4,
	  D(9, 0, 0, 0, 1, 2, 0x07, 0x08, 192, 0, 2, 1, 0, 0, 0, 0), OK(K),
	  .minimal = 1 },
	{ "v4 router-advertisement code 16 (mobile IP)", V4,
	  D(9, 16, 0, 0, 1, 2, 0x07, 0x08, 192, 0, 2, 1, 0, 0, 0, 0), OK(K) },
	{ "v4 router-advertisement code 1", V4,
	  D(9, 1, 0, 0, 1, 2, 0x07, 0x08, 192, 0, 2, 1, 0, 0, 0, 0), BAD(CODE) },
	{ "v4 router-advertisement no addresses", V4,
	  D(9, 0, 0, 0, 0, 2, 0x07, 0x08), BAD(FIELD) },
	{ "v4 router-advertisement entry size 1", V4,
	  D(9, 0, 0, 0, 1, 1, 0x07, 0x08, 192, 0, 2, 1), BAD(FIELD) },
	{ "v4 router-advertisement 2 addresses, room for 1", V4,
	  D(9, 0, 0, 0, 2, 2, 0x07, 0x08, 192, 0, 2, 1, 0, 0, 0, 0), BAD(SHORT) },
	{ "v4 router-solicitation", V4, D(10, 0, 0, 0, 0, 0, 0, 0), OK(K),
	  .minimal = 1 },
	{ "v4 router-solicitation code 1", V4, D(10, 1, 0, 0, 0, 0, 0, 0),
	  BAD(CODE) },

	{ "v4 photuris", V4, D(40, 0, 0, 0, 0, 0, 0, 0, ICMPX_IN4_UDP),
	  OK(K | E | I), UDP_INNER },
	{ "v4 photuris without a datagram", V4, D(40, 0, 0, 0, 0, 0, 0, 0),
	  BAD(INNER_SHORT) },

	{ "v4 extended-echo-request", V4,
	  D(42, 0, 0, 0, 0x12, 0x34, 5, 0, EXT_IFINDEX), OK(K | X),
	  .check = CHK_ECHO | CHK_EXT, .id = 0x1234, .seq = 5, .ext_off = 8,
	  .minimal = 1 },
	{ "v4 extended-echo-request without extension", V4,
	  D(42, 0, 0, 0, 0x12, 0x34, 5, 0), BAD(SHORT) },
	{ "v4 extended-echo-request code 1", V4,
	  D(42, 1, 0, 0, 0x12, 0x34, 5, 0, EXT_IFINDEX), BAD(CODE) },
	{ "v4 extended-echo-request extension version 1", V4,
	  D(42, 0, 0, 0, 0x12, 0x34, 5, 0, EXT_BADVER), BAD(EXTENSION) },
	{ "v4 extended-echo-reply", V4, D(43, 4, 0, 0, 0x12, 0x34, 5, 0),
	  OK(K), .check = CHK_ECHO, .id = 0x1234, .seq = 5, .minimal = 1 },
	{ "v4 extended-echo-reply code 5", V4, D(43, 5, 0, 0, 0x12, 0x34, 5, 0),
	  BAD(CODE) },

	PLAIN(V4, 6, K | DP),
	PLAIN(V4, 30, K | DP),
	PLAIN(V4, 31, K | DP),
	PLAIN(V4, 32, K | DP),
	PLAIN(V4, 33, K | DP),
	PLAIN(V4, 34, K | DP),
	PLAIN(V4, 35, K | DP),
	PLAIN(V4, 36, K | DP),
	PLAIN(V4, 37, K | DP),
	PLAIN(V4, 38, K | DP),
	PLAIN(V4, 39, K | DP),
	PLAIN(V4, 41, K),
	/* RFC 1122 3.2.2: unknown types are the policy's to discard. */
	PLAIN(V4, 7, 0),
	PLAIN(V4, 255, 0),

	/* ---- ICMPv6 ---- */
	{ "v6 echo-request", V6, D(128, 0, 0, 0, 0x12, 0x34, 0, 7), OK(K),
	  .check = CHK_ECHO, .id = 0x1234, .seq = 7, .minimal = 1 },
	{ "v6 echo-request truncated", V6, D(128, 0, 0, 0), BAD(TRUNCATED) },
	{ "v6 echo-reply", V6, D(129, 0, 0, 0, 0, 1, 0, 1, 0xde, 0xad), OK(K),
	  .check = CHK_ECHO, .id = 1, .seq = 1 },
	{ "v6 echo-reply truncated", V6, D(129, 0), BAD(TRUNCATED) },

	{ "v6 unreachable", V6, D(1, 4, 0, 0, 0, 0, 0, 0, ICMPX_IN6_UDP),
	  OK(K | E | I), UDP_INNER, .minimal = 1 },
	{ "v6 unreachable, inner header without 8 bytes", V6,
	  D(1, 4, 0, 0, 0, 0, 0, 0, IN6(0x60, 8, 17)), BAD(INNER_SHORT) },
	{ "v6 unreachable, half an inner header", V6,
	  D(1, 4, 0, 0, 0, 0, 0, 0, 0x60, 0, 0, 0, 0, 8, 17, 64, A6_LL2),
	  BAD(INNER_SHORT) },
	{ "v6 unreachable, empty datagram quoted whole", V6,
	  D(1, 4, 0, 0, 0, 0, 0, 0, IN6(0x60, 0, 59)), OK(K | E | I),
	  .check = CHK_INNER, .proto = 59 },
	{ "v6 unreachable, inner version 4", V6,
	  D(1, 4, 0, 0, 0, 0, 0, 0, IN6(0x40, 8, 17), UDP8), BAD(INNER_HDR) },
	{ "v6 unreachable, inner hop-by-hop then UDP", V6,
	  D(1, 4, 0, 0, 0, 0, 0, 0, IN6(0x60, 16, 0),
	    17, 0, 1, 4, 0, 0, 0, 0, UDP8), OK(K | E | I), UDP_INNER },
	{ "v6 unreachable, inner non-first fragment", V6,
	  D(1, 4, 0, 0, 0, 0, 0, 0, IN6(0x60, 16, 44),
	    17, 0, 0x00, 0x08, 0, 0, 0, 1, UDP8), OK(K | E | I),
	  .check = CHK_INNER, .proto = 17 },
	{ "v6 unreachable, inner ICMPv6 echo", V6,
	  D(1, 3, 0, 0, 0, 0, 0, 0, IN6(0x60, 8, 58),
	    128, 0, 0, 0, 0x56, 0x78, 0, 1), OK(K | E | I),
	  .check = CHK_INNER, .proto = 58, .sport = 0x5678 },

	{ "v6 packet-too-big 1280", V6,
	  D(2, 0, 0, 0, 0, 0, 0x05, 0x00, ICMPX_IN6_UDP), OK(K | E | I),
	  .check = CHK_MTU | CHK_INNER, .mtu = 1280, .proto = 17,
	  .sport = 33434, .dport = 53, .minimal = 1 },
	{ "v6 packet-too-big 9000", V6,
	  D(2, 0, 0, 0, 0, 0, 0x23, 0x28, ICMPX_IN6_UDP), OK(K | E | I),
	  .check = CHK_MTU, .mtu = 9000 },
	{ "v6 packet-too-big 1279", V6,
	  D(2, 0, 0, 0, 0, 0, 0x04, 0xff, ICMPX_IN6_UDP), BAD(MTU) },
	{ "v6 packet-too-big 0", V6,
	  D(2, 0, 0, 0, 0, 0, 0, 0, ICMPX_IN6_UDP), BAD(MTU) },
	{ "v6 packet-too-big without a datagram", V6,
	  D(2, 0, 0, 0, 0, 0, 0x05, 0x00), BAD(INNER_SHORT) },

	{ "v6 time-exceeded", V6, D(3, 0, 0, 0, 0, 0, 0, 0, ICMPX_IN6_UDP),
	  OK(K | E | I), UDP_INNER, .minimal = 1 },
	{ "v6 time-exceeded without a datagram", V6, D(3, 0, 0, 0, 0, 0, 0, 0),
	  BAD(INNER_SHORT) },
	{ "v6 parameter-problem pointer 6", V6,
	  D(4, 0, 0, 0, 0, 0, 0, 6, ICMPX_IN6_UDP), OK(K | E | I),
	  .check = CHK_POINTER, .pointer = 6, .minimal = 1 },
	{ "v6 parameter-problem, inner version 0", V6,
	  D(4, 0, 0, 0, 0, 0, 0, 6, IN6(0x00, 8, 17), UDP8), BAD(INNER_HDR) },

	/* RFC 4443 2.4 (b): an unknown error goes to the transport. */
	{ "v6 unknown error type 5", V6, D(5, 0, 0, 0, 0, 0, 0, 0, ICMPX_IN6_UDP),
	  OK(E | I), UDP_INNER },
	{ "v6 unknown error type 100, nothing quoted", V6,
	  D(100, 0, 0, 0, 0, 0, 0, 0), OK(E) },
	{ "v6 unknown error type 100 truncated", V6, D(100, 0, 0, 0),
	  BAD(TRUNCATED) },
	PLAIN(V6, 200, 0),
	PLAIN(V6, 255, 0),

	/* MLD (RFC 2710, 3810) */
	{ "v6 mld query v1", V6, D(130, 0, 0, 0, 0, 0, 0, 0, A6_MLD), OK(K | M),
	  .minimal = 1 },
	{ "v6 mld query v2", V6,
	  D(130, 0, 0, 0, 0, 0, 0, 0, A6_MLD, 0, 0x7d, 0, 0), OK(K | M) },
	{ "v6 mld query v2 one source", V6,
	  D(130, 0, 0, 0, 0, 0, 0, 0, A6_MLD, 0, 0x7d, 0, 1, A6_G1), OK(K | M) },
	{ "v6 mld query 26 bytes", V6,
	  D(130, 0, 0, 0, 0, 0, 0, 0, A6_MLD, 0, 0x7d), BAD(SHORT) },
	{ "v6 mld query v2 source missing", V6,
	  D(130, 0, 0, 0, 0, 0, 0, 0, A6_MLD, 0, 0x7d, 0, 1), BAD(SHORT) },
	{ "v6 mld query 23 bytes", V6,
	  D(130, 0, 0, 0, 0, 0, 0, 0, 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
	  BAD(SHORT) },
	{ "v6 mld report", V6, D(131, 0, 0, 0, 0, 0, 0, 0, A6_MLD), OK(K | M),
	  .minimal = 1 },
	{ "v6 mld report 8 bytes", V6, D(131, 0, 0, 0, 0, 0, 0, 0), BAD(SHORT) },
	{ "v6 mld done", V6, D(132, 0, 0, 0, 0, 0, 0, 0, A6_MLD), OK(K | M),
	  .minimal = 1 },
	{ "v6 mld done 8 bytes", V6, D(132, 0, 0, 0, 0, 0, 0, 0), BAD(SHORT) },
	{ "v6 mldv2 report one record", V6,
	  D(143, 0, 0, 0, 0, 0, 0, 1, 4, 0, 0, 0, A6_MLD), OK(K | M),
	  .minimal = 1 },
	{ "v6 mldv2 report one record with a source", V6,
	  D(143, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, A6_MLD, A6_G1), OK(K | M) },
	{ "v6 mldv2 report two records, one present", V6,
	  D(143, 0, 0, 0, 0, 0, 0, 2, 4, 0, 0, 0, A6_MLD), BAD(SHORT) },
	{ "v6 mldv2 report source missing", V6,
	  D(143, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, A6_MLD), BAD(SHORT) },
	{ "v6 mldv2 report aux data missing", V6,
	  D(143, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, A6_MLD), BAD(SHORT) },

	/* Neighbor discovery (RFC 4861) */
	{ "v6 router solicitation", V6, D(133, 0, 0, 0, 0, 0, 0, 0), H255,
	  OK(K | N), .minimal = 1 },
	{ "v6 router solicitation with SLLA", V6,
	  D(133, 0, 0, 0, 0, 0, 0, 0, 1, 1, MAC6), H255, OK(K | N) },
	{ "v6 router solicitation from ::", V6, D(133, 0, 0, 0, 0, 0, 0, 0),
	  H255, .src = SRC_UNSPEC, OK(K | N) },
	{ "v6 router solicitation from :: with SLLA", V6,
	  D(133, 0, 0, 0, 0, 0, 0, 0, 1, 1, MAC6), H255, .src = SRC_UNSPEC,
	  BAD(OPTION) },
	{ "v6 router solicitation hop limit 64", V6,
	  D(133, 0, 0, 0, 0, 0, 0, 0), BAD(HOPLIMIT) },
	{ "v6 router solicitation code 1", V6, D(133, 1, 0, 0, 0, 0, 0, 0), H255,
	  BAD(CODE) },
	{ "v6 router solicitation option length 0", V6,
	  D(133, 0, 0, 0, 0, 0, 0, 0, 1, 0, MAC6), H255, BAD(OPTION) },
	{ "v6 router solicitation option overruns", V6,
	  D(133, 0, 0, 0, 0, 0, 0, 0, 1, 2, MAC6), H255, BAD(OPTION) },
	{ "v6 router solicitation one stray byte", V6,
	  D(133, 0, 0, 0, 0, 0, 0, 0, 1), H255, BAD(OPTION) },

	{ "v6 router advertisement", V6,
	  D(134, 0, 0, 0, 64, 0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0), H255,
	  OK(K | N), .minimal = 1 },
	{ "v6 router advertisement with MTU option", V6,
	  D(134, 0, 0, 0, 64, 0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0,
	    5, 1, 0, 0, 0, 0, 0x05, 0xdc), H255, OK(K | N) },
	{ "v6 router advertisement 15 bytes", V6,
	  D(134, 0, 0, 0, 64, 0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0), H255, BAD(SHORT) },
	{ "v6 router advertisement hop limit 254", V6,
	  D(134, 0, 0, 0, 64, 0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0),
	  .hoplimit = 254, BAD(HOPLIMIT) },
	{ "v6 router advertisement from a global address", V6,
	  D(134, 0, 0, 0, 64, 0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0), H255,
	  .src = SRC_GLOBAL, BAD(SOURCE) },
	{ "v6 router advertisement prefix option overruns", V6,
	  D(134, 0, 0, 0, 64, 0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0,
	    3, 4, 64, 0xc0, 0, 0, 0, 0), H255, BAD(OPTION) },

	{ "v6 neighbor solicitation", V6,
	  D(135, 0, 0, 0, 0, 0, 0, 0, A6_LL2, 1, 1, MAC6), H255, OK(K | N),
	  .check = CHK_TARGET },
	{ "v6 neighbor solicitation for DAD", V6,
	  D(135, 0, 0, 0, 0, 0, 0, 0, A6_LL2), H255, .src = SRC_UNSPEC,
	  .dst = DST_SNM, OK(K | N), .check = CHK_TARGET },
	{ "v6 neighbor solicitation from :: to a unicast address", V6,
	  D(135, 0, 0, 0, 0, 0, 0, 0, A6_LL2), H255, .src = SRC_UNSPEC,
	  BAD(FIELD) },
	{ "v6 neighbor solicitation from :: with SLLA", V6,
	  D(135, 0, 0, 0, 0, 0, 0, 0, A6_LL2, 1, 1, MAC6), H255,
	  .src = SRC_UNSPEC, .dst = DST_SNM, BAD(OPTION) },
	{ "v6 neighbor solicitation for a multicast target", V6,
	  D(135, 0, 0, 0, 0, 0, 0, 0, A6_MC1), H255, BAD(FIELD) },
	{ "v6 neighbor solicitation hop limit 1", V6,
	  D(135, 0, 0, 0, 0, 0, 0, 0, A6_LL2), .hoplimit = 1, BAD(HOPLIMIT) },
	{ "v6 neighbor solicitation code 1", V6,
	  D(135, 1, 0, 0, 0, 0, 0, 0, A6_LL2), H255, BAD(CODE) },
	{ "v6 neighbor solicitation 23 bytes", V6,
	  D(135, 0, 0, 0, 0, 0, 0, 0, 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0), H255, BAD(SHORT) },

	{ "v6 neighbor advertisement", V6,
	  D(136, 0, 0, 0, 0x60, 0, 0, 0, A6_LL1, 2, 1, MAC6), H255, OK(K | N),
	  .check = CHK_TARGET },
	{ "v6 unsolicited neighbor advertisement to all nodes", V6,
	  D(136, 0, 0, 0, 0x20, 0, 0, 0, A6_LL1), H255, .dst = DST_ALLNODES,
	  OK(K | N) },
	{ "v6 solicited neighbor advertisement to all nodes", V6,
	  D(136, 0, 0, 0, 0x60, 0, 0, 0, A6_LL1), H255, .dst = DST_ALLNODES,
	  BAD(FIELD) },
	{ "v6 neighbor advertisement for a multicast target", V6,
	  D(136, 0, 0, 0, 0x20, 0, 0, 0, A6_MC1), H255, BAD(FIELD) },
	{ "v6 neighbor advertisement hop limit 64", V6,
	  D(136, 0, 0, 0, 0x20, 0, 0, 0, A6_LL1), BAD(HOPLIMIT) },

	{ "v6 redirect to a link-local router", V6,
	  D(137, 0, 0, 0, 0, 0, 0, 0, A6_LL1, A6_G99), H255, OK(K | N),
	  .check = CHK_TARGET, .minimal = 1 },
	{ "v6 redirect to the destination itself", V6,
	  D(137, 0, 0, 0, 0, 0, 0, 0, A6_G99, A6_G99), H255, OK(K | N) },
	{ "v6 redirect to a global router", V6,
	  D(137, 0, 0, 0, 0, 0, 0, 0, A6_G1, A6_G99), H255, BAD(FIELD) },
	{ "v6 redirect for a multicast destination", V6,
	  D(137, 0, 0, 0, 0, 0, 0, 0, A6_LL1, A6_MC1), H255, BAD(FIELD) },
	{ "v6 redirect from a global address", V6,
	  D(137, 0, 0, 0, 0, 0, 0, 0, A6_LL1, A6_G99), H255, .src = SRC_GLOBAL,
	  BAD(SOURCE) },
	{ "v6 redirect 39 bytes", V6,
	  D(137, 0, 0, 0, 0, 0, 0, 0, A6_LL1, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0), H255, BAD(SHORT) },

	{ "v6 router renumbering", V6,
	  D(138, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0), OK(K), .minimal = 1 },
	{ "v6 router renumbering 15 bytes", V6,
	  D(138, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0), BAD(SHORT) },
	{ "v6 node information query", V6,
	  D(139, 0, 0, 0, 0, 2, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8), OK(K), .minimal = 1 },
	{ "v6 node information query 12 bytes", V6,
	  D(139, 0, 0, 0, 0, 2, 0, 0, 1, 2, 3, 4), BAD(SHORT) },
	{ "v6 node information response", V6,
	  D(140, 0, 0, 0, 0, 2, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8), OK(K), .minimal = 1 },
	{ "v6 node information response 8 bytes", V6,
	  D(140, 0, 0, 0, 0, 2, 0, 0), BAD(SHORT) },

	PLAIN(V6, 141, K | N, H255),
	{ "v6 type 141 hop limit 64", V6, D(141, 0, 0, 0, 0, 0, 0, 0),
	  BAD(HOPLIMIT) },
	PLAIN(V6, 142, K | N, H255),
	{ "v6 type 142 code 1", V6, D(142, 1, 0, 0, 0, 0, 0, 0), H255, BAD(CODE) },
	PLAIN(V6, 148, K | N, H255),
	{ "v6 type 148 hop limit 64", V6, D(148, 0, 0, 0, 0, 0, 0, 0),
	  BAD(HOPLIMIT) },
	PLAIN(V6, 149, K | N, H255),
	{ "v6 type 149 option length 0", V6,
	  D(149, 0, 0, 0, 0, 0, 0, 0, 1, 0, MAC6), H255, BAD(OPTION) },
	PLAIN(V6, 144, K),
	PLAIN(V6, 145, K),
	PLAIN(V6, 146, K),
	PLAIN(V6, 147, K),
	PLAIN(V6, 151, K),
	PLAIN(V6, 152, K),
	PLAIN(V6, 153, K),
	PLAIN(V6, 154, K),
	PLAIN(V6, 155, K),
	PLAIN(V6, 157, K),
	PLAIN(V6, 158, K),

	{ "v6 extended-echo-request", V6,
	  D(160, 0, 0, 0, 0x12, 0x34, 5, 0, EXT_IFINDEX), OK(K | X),
	  .check = CHK_ECHO | CHK_EXT, .id = 0x1234, .seq = 5, .ext_off = 8,
	  .minimal = 1 },
	{ "v6 extended-echo-request without extension", V6,
	  D(160, 0, 0, 0, 0x12, 0x34, 5, 0), BAD(SHORT) },
	{ "v6 extended-echo-request extension version 1", V6,
	  D(160, 0, 0, 0, 0x12, 0x34, 5, 0, EXT_BADVER), BAD(EXTENSION) },
	{ "v6 extended-echo-reply", V6, D(161, 0, 0, 0, 0x12, 0x34, 5, 0), OK(K),
	  .check = CHK_ECHO, .id = 0x1234, .seq = 5, .minimal = 1 },
	{ "v6 extended-echo-reply code 5", V6, D(161, 5, 0, 0, 0x12, 0x34, 5, 0),
	  BAD(CODE) },
};

static inline void icmpx_case_pkt(const struct icmpx_case *c,
				  struct icmpx_pkt *pkt)
{
	memset(pkt, 0, sizeof(*pkt));
	pkt->family = c->family;
	pkt->hoplimit = c->hoplimit ?: 64;
	pkt->csum = ICMPX_CSUM_GOOD;
	if (c->family == ICMPX_INET) {
		pkt->saddr = icmpx_corpus_a4_remote;
		pkt->daddr = icmpx_corpus_a4_local;
		return;
	}
	pkt->saddr = c->src == SRC_GLOBAL ? icmpx_corpus_a6_global :
		     c->src == SRC_UNSPEC ? icmpx_corpus_a6_unspec :
		     icmpx_corpus_a6_remote;
	pkt->daddr = c->dst == DST_ALLNODES ? icmpx_corpus_a6_allnodes :
		     c->dst == DST_SNM ? icmpx_corpus_a6_snm :
		     icmpx_corpus_a6_local;
}

#undef D
#undef K
#undef E
#undef I
#undef N
#undef M
#undef DP
#undef X
#undef V4
#undef V6
#undef OK
#undef BAD
#undef H255
#undef UDP_INNER
#undef PLAIN

#endif /* _ICMPX_CORPUS_H */
