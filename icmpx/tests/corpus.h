/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parser corpus: ICMP and ICMPv6 messages written out byte by byte
 * from the RFC layouts, each with the verdict the parser must give.
 *
 * Included by the KUnit suite (parse_test.c) and by the userspace fuzzer
 * (tools/fuzz), which turns every case into a seed; keep it free of
 * anything but plain C.  Messages are hex strings, grouped by 32-bit
 * words as RFC diagrams are drawn; icmpx_case_bytes() turns them into
 * bytes.  Checksums are left zero: the cases are parsed with the checksum
 * already verified (ICMPX_CSUM_GOOD), and the KUnit suite seals each one
 * with a real checksum to test that path too.
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
enum { SRC_DEFAULT, SRC_GLOBAL, SRC_UNSPEC, SRC_ONE };
enum { DST_DEFAULT, DST_ALLNODES, DST_SNM, DST_SNM2, DST_NOT_SNM };

struct icmpx_case {
	const char *name;
	const char *hex;	/* the message; spaces are ignored */
	u8 family;
	u8 hoplimit;	/* 0: 64 */
	u8 src;
	u8 dst;
	u8 want;	/* enum icmpx_reason */
	u8 flags;	/* msg->flags a well-formed message yields */
	u8 notes;	/* and msg->notes */
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
	u16 thoff;	/* CHK_INNER past IPv6 extension headers: where the
			 * transport header is (else it follows the IP header)
			 */
	u8 unsendable;	/* addresses no link delivers to the receiver (::1
			 * as a source, a group it has not joined): the
			 * parser's alone, left out of the VM's corpus
			 */
};

/* 192.0.2.1 sends to us, 192.0.2.2; fe80::1 (a router) to fe80::2. */
static const u8 icmpx_corpus_a4_remote[4] = { 192, 0, 2, 1 };
static const u8 icmpx_corpus_a4_local[4] = { 192, 0, 2, 2 };
static const u8 icmpx_corpus_a6_remote[16] = { 0xfe, 0x80, [15] = 1 };
static const u8 icmpx_corpus_a6_local[16] = { 0xfe, 0x80, [15] = 2 };
static const u8 icmpx_corpus_a6_global[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
static const u8 icmpx_corpus_a6_unspec[16];
static const u8 icmpx_corpus_a6_allnodes[16] = { 0xff, 0x02, [15] = 1 };
static const u8 icmpx_corpus_a6_snm[16] = {
	0xff, 0x02, [11] = 0x01, [12] = 0xff, [15] = 2
};

/* Another solicited-node address, and one a byte away from being one. */
static const u8 icmpx_corpus_a6_snm2[16] = {
	0xff, 0x02, [11] = 0x01, [12] = 0xff, 0x12, 0x34, 0x56
};

static const u8 icmpx_corpus_a6_not_snm[16] = {
	0xff, 0x02, [11] = 0x01, [12] = 0xfe, [15] = 2
};

/* ::1: all but its last byte zero, and not unspecified. */
static const u8 icmpx_corpus_a6_one[16] = { [15] = 1 };

/* Addresses inside messages. */
#define A6_LL1	"fe800000 00000000 00000000 00000001"
#define A6_LL2	"fe800000 00000000 00000000 00000002"
#define A6_G1	"20010db8 00000000 00000000 00000001"
#define A6_G99	"20010db8 00000000 00000000 00000099"
#define A6_MC1	"ff020000 00000000 00000000 00000001"
#define A6_MLD	"ff020000 00000000 00000000 000000fb"
#define MAC6	"02000000 0001"

/*
 * Quoted datagrams.  IPv4: 192.0.2.2 -> 198.51.100.1, UDP 33434 -> 53.
 * IPv6: fe80::2 -> 2001:db8::99, the same UDP header.
 */
#define UDP8		"829a0035 00080000"
/* Ports 33434 -> 53 and four more bytes, for other transports. */
#define PORTS8		"829a0035 00000000"
#define ICMPX_IN4_UDP	"4500001c 00004000 40110000 c0000202 c6336401 " UDP8
#define ICMPX_IN6_UDP	"60000000 00081140 " A6_LL2 A6_G99 UDP8

/* Zero padding of a quoted datagram up to RFC 4884's 128 bytes. */
#define Z16	"00000000 00000000 00000000 00000000"
#define Z20	"00000000 00000000 00000000 00000000 00000000"

/*
 * An RFC 4884 extension structure with one MPLS label stack object
 * (RFC 4950), checksum sealed; then the same with the object's length
 * past the structure, below its own header, and with two stray bytes.
 */
#define EXT_MPLS	"20009cf6 00080101 000141ff"
#define EXT_MPLS_LONG	"20009cee 00100101 000141ff"
#define EXT_MPLS_TINY	"20009cfc 00020101 000141ff"
#define EXT_MPLS_TAIL	"20009cf6 00080101 000141ff 0000"

/*
 * ICMP extension structures (RFC 4884 7) for extended echo: an interface
 * identification object (RFC 8335) by ifindex 1, checksum sealed; and
 * the same with version 1.
 */
#define EXT_IFINDEX	"2000dcf4 00080302 00000001"
#define EXT_BADVER	"1000dcf4 00080302 00000001"

#define K	ICMPX_F_KNOWN
#define E	ICMPX_F_ERROR
#define I	ICMPX_F_INNER
#define N	ICMPX_F_NDP
#define M	ICMPX_F_MLD
#define DP	ICMPX_F_DEPRECATED
#define X	ICMPX_F_EXT

#define V4	.family = ICMPX_FAMILY_IPV4
#define V6	.family = ICMPX_FAMILY_IPV6
#define OK(f)	.want = ICMPX_OK, .flags = (f)
#define BAD(r)	.want = ICMPX_R_##r
#define H255	.hoplimit = 255
#define UDP_INNER .check = CHK_INNER, .proto = 17, .sport = 33434, .dport = 53

static const struct icmpx_case icmpx_corpus[] = {
	/* ---- ICMPv4 ---- */
	{ "v4 echo-request", V4, .hex = "08000000 12340007", OK(K),
	  .check = CHK_ECHO, .id = 0x1234, .seq = 7, .minimal = 1 },
	{ "v4 echo-request with data", V4,
	  .hex = "08000000 00010002 69636d70", OK(K),
	  .check = CHK_ECHO, .id = 1, .seq = 2 },
	{ "v4 echo-request 7 bytes", V4, .hex = "08000000 000100", BAD(TRUNCATED) },
	{ "v4 echo-request 1 byte", V4, .hex = "08", BAD(TRUNCATED) },
	{ "v4 empty", V4, .hex = "", BAD(TRUNCATED) },
	{ "v4 echo-reply", V4, .hex = "00000000 00010001", OK(K),
	  .check = CHK_ECHO, .id = 1, .seq = 1, .minimal = 1 },
	{ "v4 echo-reply truncated", V4, .hex = "00000000 0001", BAD(TRUNCATED) },

	{ "v4 port unreachable", V4, .hex = "03030000 00000000" ICMPX_IN4_UDP,
	  OK(K | E | I), UDP_INNER, .minimal = 1 },
	{ "v4 unreachable, header only", V4, .hex = "03010000 00000000",
	  BAD(INNER_SHORT) },
	{ "v4 unreachable, half an inner header", V4,
	  .hex = "03010000 00000000 4500001c 00000000 4011",
	  BAD(INNER_SHORT) },
	{ "v4 unreachable, inner header without 8 bytes", V4,
	  .hex =
		"03010000 00000000 4500001c 00004000 40110000 c0000202 c6336401",
	  BAD(INNER_SHORT) },
	{ "v4 unreachable, inner version 6", V4,
	  .hex =
		"03010000 00000000 6500001c 00004000 40110000 c0000202 c6336401"
		UDP8, BAD(INNER_HDR) },
	{ "v4 unreachable, inner IHL 4", V4,
	  .hex =
		"03010000 00000000 4400001c 00004000 40110000 c0000202 c6336401"
		UDP8, BAD(INNER_HDR) },
	{ "v4 unreachable, inner total length below IHL", V4,
	  .hex =
		"03010000 00000000 45000013 00004000 40110000 c0000202 c6336401"
		UDP8, BAD(INNER_HDR) },
	{ "v4 unreachable, inner IHL 6 without options", V4,
	  .hex =
		"03010000 00000000 46000020 00004000 40110000 c0000202 c6336401"
		UDP8, BAD(INNER_SHORT) },
	{ "v4 unreachable, a header-only datagram quoted whole", V4,
	  .hex =
		"03020000 00000000 45000014 00004000 40110000 c0000202 c6336401", OK(K | E | I),
	  .check = CHK_INNER, .proto = 17 },
	{ "v4 unreachable, inner non-first fragment", V4,
	  .hex =
		"03030000 00000000 4500001c 00004100 40110000 c0000202 c6336401"
		UDP8,
	  OK(K | E | I), .check = CHK_INNER, .proto = 17 },
	{ "v4 unreachable, inner ICMP echo", V4,
	  .hex =
		"03010000 00000000 4500001c 00004000 40010000 c0000202 c6336401 08000000 12340001",
	  OK(K | E | I), .check = CHK_INNER, .proto = 1, .sport = 0x1234 },
	{ "v4 frag-needed mtu 1400", V4,
	  .hex = "03040000 00000578" ICMPX_IN4_UDP, OK(K | E | I),
	  .check = CHK_MTU, .mtu = 1400 },
	{ "v4 frag-needed mtu 68", V4,
	  .hex = "03040000 00000044" ICMPX_IN4_UDP, OK(K | E | I),
	  .check = CHK_MTU, .mtu = 68 },
	{ "v4 frag-needed mtu 0 (RFC 1191 legacy router)", V4,
	  .hex = "03040000 00000000" ICMPX_IN4_UDP, OK(K | E | I),
	  .check = CHK_MTU, .mtu = 0 },
	/* The stack takes these as saying min_pmtu: noted, not dropped. */
	{ "v4 frag-needed mtu 67", V4,
	  .hex = "03040000 00000043" ICMPX_IN4_UDP, OK(K | E | I),
	  .notes = ICMPX_N_MTU, .check = CHK_MTU, .mtu = 67 },
	{ "v4 frag-needed mtu 1", V4,
	  .hex = "03040000 00000001" ICMPX_IN4_UDP, OK(K | E | I),
	  .notes = ICMPX_N_MTU },

	{ "v4 source-quench", V4, .hex = "04000000 00000000" ICMPX_IN4_UDP,
	  OK(K | E | I | DP), UDP_INNER, .minimal = 1 },
	{ "v4 source-quench without a datagram", V4, .hex = "04000000 00000000",
	  BAD(INNER_SHORT) },

	{ "v4 redirect host", V4,
	  .hex = "05010000 c00002fe" ICMPX_IN4_UDP, OK(K | E | I),
	  .check = CHK_GATEWAY | CHK_INNER, .proto = 17, .sport = 33434,
	  .dport = 53, .minimal = 1 },
	{ "v4 redirect code 3", V4,
	  .hex = "05030000 c00002fe" ICMPX_IN4_UDP, OK(K | E | I) },
	{ "v4 redirect code 4", V4,
	  .hex = "05040000 c00002fe" ICMPX_IN4_UDP, BAD(CODE) },
	{ "v4 redirect without a datagram", V4,
	  .hex = "05010000 c00002fe", BAD(INNER_SHORT) },

	{ "v4 time-exceeded", V4, .hex = "0b000000 00000000" ICMPX_IN4_UDP,
	  OK(K | E | I), UDP_INNER, .minimal = 1 },
	{ "v4 time-exceeded, inner version 0", V4,
	  .hex =
		"0b010000 00000000 0500001c 00004000 40110000 c0000202 c6336401"
		UDP8, BAD(INNER_HDR) },

	{ "v4 time-exceeded with an RFC 4884 extension", V4,
	  .hex = "0b000000 00200000" ICMPX_IN4_UDP Z20 Z20 Z20 Z20 Z20 EXT_MPLS,
	  OK(K | E | I | X), .check = CHK_EXT | CHK_INNER, .ext_off = 136,
	  .proto = 17, .sport = 33434, .dport = 53 },
	/*
	 * A wrong extension makes a message without extension, as to the
	 * stack (ip_icmp_error_rfc4884()): noted by what was wrong.
	 */
	{ "v4 time-exceeded, RFC 4884 quote under 128 bytes", V4,
	  .hex = "0b000000 001f0000" ICMPX_IN4_UDP Z20 Z20 Z20 Z20 Z16 EXT_MPLS,
	  OK(K | E | I), .notes = ICMPX_N_EXT_LENGTH, UDP_INNER },
	{ "v4 time-exceeded, RFC 4884 length past the end", V4,
	  .hex = "0b000000 00200000" ICMPX_IN4_UDP Z20 Z20 Z20 Z20 Z20 "2000",
	  OK(K | E | I), .notes = ICMPX_N_EXT_LENGTH },
	{ "v4 time-exceeded, RFC 4884 object past the structure", V4,
	  .hex = "0b000000 00200000" ICMPX_IN4_UDP Z20 Z20 Z20 Z20 Z20 EXT_MPLS_LONG,
	  OK(K | E | I), .notes = ICMPX_N_EXT_INVALID },
	{ "v4 time-exceeded, RFC 4884 object below its header", V4,
	  .hex = "0b000000 00200000" ICMPX_IN4_UDP Z20 Z20 Z20 Z20 Z20 EXT_MPLS_TINY,
	  OK(K | E | I), .notes = ICMPX_N_EXT_INVALID },
	{ "v4 time-exceeded, RFC 4884 stray bytes after the objects", V4,
	  .hex = "0b000000 00200000" ICMPX_IN4_UDP Z20 Z20 Z20 Z20 Z20 EXT_MPLS_TAIL,
	  OK(K | E | I), .notes = ICMPX_N_EXT_INVALID },
	{ "v4 frag-needed, RFC 4884 length 20 bytes", V4,
	  .hex = "03040000 00050578" ICMPX_IN4_UDP EXT_MPLS,
	  OK(K | E | I), .notes = ICMPX_N_EXT_LENGTH, .check = CHK_MTU | CHK_INNER,
	  .mtu = 1400, .proto = 17, .sport = 33434, .dport = 53 },
	{ "v4 unreachable with an RFC 4884 extension", V4,
	  .hex = "03030000 00200000" ICMPX_IN4_UDP Z20 Z20 Z20 Z20 Z20 EXT_MPLS,
	  OK(K | E | I | X), .check = CHK_EXT, .ext_off = 136 },
	{ "v4 parameter-problem pointer 9", V4,
	  .hex = "0c000000 09000000" ICMPX_IN4_UDP, OK(K | E | I),
	  .check = CHK_POINTER, .pointer = 9, .minimal = 1 },
	{ "v4 parameter-problem, short datagram", V4,
	  .hex =
		"0c000000 09000000 4500001c 00004000 40110000 c0000202 c6336401 829a",
	  BAD(INNER_SHORT) },

	{ "v4 timestamp-request", V4,
	  .hex = "0d000000 00010001 00000001 00000000 00000000",
	  OK(K), .minimal = 1 },
	{ "v4 timestamp-request 19 bytes", V4,
	  .hex = "0d000000 00010001 00000001 00000000 000000", BAD(SHORT) },
	{ "v4 timestamp-reply", V4,
	  .hex = "0e000000 00010001 00000001 00000002 00000003",
	  OK(K), .minimal = 1 },
	{ "v4 timestamp-reply 8 bytes", V4, .hex = "0e000000 00010001", BAD(SHORT) },

	{ "v4 info-request", V4, .hex = "0f000000 00090001", OK(K | DP),
	  .check = CHK_ECHO, .id = 9, .seq = 1, .minimal = 1 },
	{ "v4 info-request truncated", V4, .hex = "0f000000", BAD(TRUNCATED) },
	{ "v4 info-reply", V4, .hex = "10000000 00090001", OK(K | DP),
	  .check = CHK_ECHO, .id = 9, .seq = 1, .minimal = 1 },
	{ "v4 info-reply truncated", V4, .hex = "100000", BAD(TRUNCATED) },
	{ "v4 address-mask-request", V4,
	  .hex = "11000000 00010001 00000000", OK(K | DP), .minimal = 1 },
	{ "v4 address-mask-request 11 bytes", V4,
	  .hex = "11000000 00010001 000000", BAD(SHORT) },
	{ "v4 address-mask-reply", V4,
	  .hex = "12000000 00010001 ffffff00", OK(K | DP), .minimal = 1 },
	{ "v4 address-mask-reply 8 bytes", V4,
	  .hex = "12000000 00010001", BAD(SHORT) },

	{ "v4 router-advertisement", V4,
	  .hex = "09000000 01020708 c0000201 00000000", OK(K),
	  .minimal = 1 },
	{ "v4 router-advertisement code 16 (mobile IP)", V4,
	  .hex = "09100000 01020708 c0000201 00000000", OK(K) },
	{ "v4 router-advertisement code 1", V4,
	  .hex = "09010000 01020708 c0000201 00000000", BAD(CODE) },
	{ "v4 router-advertisement no addresses", V4,
	  .hex = "09000000 00020708", BAD(FIELD) },
	{ "v4 router-advertisement entry size 1", V4,
	  .hex = "09000000 01010708 c0000201", BAD(FIELD) },
	{ "v4 router-advertisement 2 addresses, room for 1", V4,
	  .hex = "09000000 02020708 c0000201 00000000", BAD(SHORT) },
	{ "v4 router-solicitation", V4, .hex = "0a000000 00000000", OK(K),
	  .minimal = 1 },
	{ "v4 router-solicitation code 1", V4, .hex = "0a010000 00000000",
	  BAD(CODE) },

	{ "v4 photuris", V4, .hex = "28000000 00000000" ICMPX_IN4_UDP,
	  OK(K | E | I), UDP_INNER },
	{ "v4 photuris without a datagram", V4, .hex = "28000000 00000000",
	  BAD(INNER_SHORT) },

	{ "v4 extended-echo-request", V4,
	  .hex = "2a000000 12340500" EXT_IFINDEX, OK(K | X),
	  .check = CHK_ECHO | CHK_EXT, .id = 0x1234, .seq = 5, .ext_off = 8,
	  .minimal = 1 },
	{ "v4 extended-echo-request without extension", V4,
	  .hex = "2a000000 12340500", BAD(SHORT) },
	{ "v4 extended-echo-request code 1", V4,
	  .hex = "2a010000 12340500" EXT_IFINDEX, BAD(CODE) },
	{ "v4 extended-echo-request extension version 1", V4,
	  .hex = "2a000000 12340500" EXT_BADVER, BAD(EXTENSION) },
	{ "v4 extended-echo-reply", V4, .hex = "2b040000 12340500",
	  OK(K), .check = CHK_ECHO, .id = 0x1234, .seq = 5, .minimal = 1 },
	{ "v4 extended-echo-reply code 5", V4, .hex = "2b050000 12340500",
	  BAD(CODE) },

	{ "V4 type 6", V4, .hex = "06000000 00000000", OK(K | DP),
	  .minimal = 1 },
	{ "V4 type 6 truncated", V4, .hex = "06000000 000000",
	  BAD(TRUNCATED) },
	{ "V4 type 30", V4, .hex = "1e000000 00000000", OK(K | DP),
	  .minimal = 1 },
	{ "V4 type 30 truncated", V4, .hex = "1e000000 000000",
	  BAD(TRUNCATED) },
	{ "V4 type 31", V4, .hex = "1f000000 00000000", OK(K | DP),
	  .minimal = 1 },
	{ "V4 type 31 truncated", V4, .hex = "1f000000 000000",
	  BAD(TRUNCATED) },
	{ "V4 type 32", V4, .hex = "20000000 00000000", OK(K | DP),
	  .minimal = 1 },
	{ "V4 type 32 truncated", V4, .hex = "20000000 000000",
	  BAD(TRUNCATED) },
	{ "V4 type 33", V4, .hex = "21000000 00000000", OK(K | DP),
	  .minimal = 1 },
	{ "V4 type 33 truncated", V4, .hex = "21000000 000000",
	  BAD(TRUNCATED) },
	{ "V4 type 34", V4, .hex = "22000000 00000000", OK(K | DP),
	  .minimal = 1 },
	{ "V4 type 34 truncated", V4, .hex = "22000000 000000",
	  BAD(TRUNCATED) },
	{ "V4 type 35", V4, .hex = "23000000 00000000", OK(K | DP),
	  .minimal = 1 },
	{ "V4 type 35 truncated", V4, .hex = "23000000 000000",
	  BAD(TRUNCATED) },
	{ "V4 type 36", V4, .hex = "24000000 00000000", OK(K | DP),
	  .minimal = 1 },
	{ "V4 type 36 truncated", V4, .hex = "24000000 000000",
	  BAD(TRUNCATED) },
	{ "V4 type 37", V4, .hex = "25000000 00000000", OK(K | DP),
	  .minimal = 1 },
	{ "V4 type 37 truncated", V4, .hex = "25000000 000000",
	  BAD(TRUNCATED) },
	{ "V4 type 38", V4, .hex = "26000000 00000000", OK(K | DP),
	  .minimal = 1 },
	{ "V4 type 38 truncated", V4, .hex = "26000000 000000",
	  BAD(TRUNCATED) },
	{ "V4 type 39", V4, .hex = "27000000 00000000", OK(K | DP),
	  .minimal = 1 },
	{ "V4 type 39 truncated", V4, .hex = "27000000 000000",
	  BAD(TRUNCATED) },
	{ "V4 type 41", V4, .hex = "29000000 00000000", OK(K),
	  .minimal = 1 },
	{ "V4 type 41 truncated", V4, .hex = "29000000 000000",
	  BAD(TRUNCATED) },
	/* RFC 1122 3.2.2: unknown types are the policy's to discard. */
	{ "V4 type 7", V4, .hex = "07000000 00000000", OK(0),
	  .minimal = 1 },
	{ "V4 type 7 truncated", V4, .hex = "07000000 000000",
	  BAD(TRUNCATED) },
	{ "V4 type 255", V4, .hex = "ff000000 00000000", OK(0),
	  .minimal = 1 },
	{ "V4 type 255 truncated", V4, .hex = "ff000000 000000",
	  BAD(TRUNCATED) },

	/*
	 * Edges, each pinning a bound, an offset or a table entry of
	 * parse.c that a mechanical mutant showed no case held
	 * (tools/fuzz/mutants.py, Documentation/testing.rst).
	 */
	{ "v4 time-exceeded without a datagram", V4, .hex = "0b000000 00000000",
	  BAD(INNER_SHORT) },
	{ "v4 parameter-problem without a datagram", V4,
	  .hex = "0c000000 00000000", BAD(INNER_SHORT) },
	{ "v4 unreachable, 8 bytes of a longer datagram", V4,
	  .hex =
		"03030000 00000000 45000064 00004000 40110000 c0000202 c6336401"
		UDP8, OK(K | E | I), UDP_INNER, .minimal = 1 },
	{ "v4 unreachable, 19 bytes of a bad inner header", V4,
	  .hex = "03010000 00000000 65000014 00004000 40110000 c0000202 c63364",
	  BAD(INNER_SHORT) },
	{ "v4 unreachable, inner fragment at offset 8", V4,
	  .hex =
		"03030000 00000000 4500001c 00000001 40110000 c0000202 c6336401"
		UDP8, OK(K | E | I), .check = CHK_INNER, .proto = 17 },
	{ "v4 unreachable, inner IHL 6 with its option", V4,
	  .hex =
		"03030000 00000000 46000024 00004000 40110000 c0000202 c6336401 01010101"
		UDP8, OK(K | E | I), UDP_INNER, .minimal = 1 },
	{ "v4 unreachable, inner SCTP", V4,
	  .hex =
		"03030000 00000000 4500001c 00004000 40840000 c0000202 c6336401" PORTS8,
	  OK(K | E | I), .check = CHK_INNER,
	  .proto = 132, .sport = 33434, .dport = 53 },
	{ "v4 unreachable, inner DCCP", V4,
	  .hex =
		"03030000 00000000 4500001c 00004000 40210000 c0000202 c6336401" PORTS8,
	  OK(K | E | I), .check = CHK_INNER,
	  .proto = 33, .sport = 33434, .dport = 53 },
	{ "v4 unreachable, inner UDP-Lite", V4,
	  .hex =
		"03030000 00000000 4500001c 00004000 40880000 c0000202 c6336401" PORTS8,
	  OK(K | E | I), .check = CHK_INNER,
	  .proto = 136, .sport = 33434, .dport = 53 },
	{ "v4 unreachable, RFC 4884 structure without objects", V4,
	  .hex = "03010000 00200000" ICMPX_IN4_UDP Z20 Z20 Z20 Z20 Z20 "2000dfff",
	  OK(K | E | I | X), .check = CHK_EXT | CHK_INNER, .ext_off = 136,
	  .proto = 17, .sport = 33434, .dport = 53 },
	{ "v4 unreachable, RFC 4884 object of 4 bytes", V4,
	  .hex = "03010000 00200000" ICMPX_IN4_UDP Z20 Z20 Z20 Z20 Z20
		 "2000dcf9 00040302",
	  OK(K | E | I | X), .check = CHK_EXT, .ext_off = 136 },
	{ "v4 unreachable, RFC 4884 object of 4 bytes last", V4,
	  .hex = "03010000 00200000" ICMPX_IN4_UDP Z20 Z20 Z20 Z20 Z20
		 "200099f0 00080101 000141ff 00040302",
	  OK(K | E | I | X), .check = CHK_EXT, .ext_off = 136 },
	{ "v4 unreachable, RFC 4884 object of 3 bytes", V4,
	  .hex = "03010000 00200000" ICMPX_IN4_UDP Z20 Z20 Z20 Z20 Z20
		 "2000dcfa 00030302",
	  OK(K | E | I), .notes = ICMPX_N_EXT_INVALID },
	{ "v4 extended-echo-request with a 4-byte object", V4,
	  .hex = "2a000000 12340500 2000dcf9 00040302", OK(K | X),
	  .check = CHK_ECHO | CHK_EXT, .id = 0x1234, .seq = 5, .ext_off = 8,
	  .minimal = 1 },
	{ "v4 extended-echo-request 15 bytes", V4,
	  .hex = "2a000000 12340500 2000dcf9 000403", BAD(SHORT) },
	{ "v4 unreachable, a 4-byte datagram quoted whole", V4,
	  .hex =
		"03030000 00000000 45000018 00004000 40110000 c0000202 c6336401 829a0035",
	  OK(K | E | I), UDP_INNER },
	{ "v4 unreachable, inner ICMP of 6 bytes", V4,
	  .hex =
		"03010000 00000000 4500001a 00004000 40010000 c0000202 c6336401 08000000 1234",
	  OK(K | E | I), .check = CHK_INNER, .proto = 1, .sport = 0x1234 },
	{ "v4 unreachable, inner ICMP of 5 bytes", V4,
	  .hex =
		"03010000 00000000 45000019 00004000 40010000 c0000202 c6336401 08000000 12",
	  OK(K | E | I), .check = CHK_INNER, .proto = 1 },
	{ "v4 unreachable, inner ESP", V4,
	  .hex =
		"03030000 00000000 4500001c 00004000 40320000 c0000202 c6336401" PORTS8,
	  OK(K | E | I), .check = CHK_INNER, .proto = 50 },
	{ "v4 time-exceeded, RFC 4884 structure with 3 stray bytes", V4,
	  .hex = "0b000000 00200000" ICMPX_IN4_UDP Z20 Z20 Z20 Z20 Z20 EXT_MPLS
		 "000000", OK(K | E | I), .notes = ICMPX_N_EXT_INVALID },
	{ "v4 time-exceeded, RFC 4884 objects of 3 and 5 bytes", V4,
	  .hex = "0b000000 00200000" ICMPX_IN4_UDP Z20 Z20 Z20 Z20 Z20
		 "2000d5f9 00030300 05030200", OK(K | E | I),
	  .notes = ICMPX_N_EXT_INVALID },
	{ "v4 parameter-problem with an RFC 4884 extension", V4,
	  .hex = "0c000000 00200000" ICMPX_IN4_UDP Z20 Z20 Z20 Z20 Z20 EXT_MPLS,
	  OK(K | E | I | X), .check = CHK_EXT, .ext_off = 136 },
	/* Its second word is the gateway, no RFC 4884 length. */
	{ "v4 redirect to 10.20.30.40", V4,
	  .hex = "05010000 0a141e28" ICMPX_IN4_UDP, OK(K | E | I),
	  .check = CHK_GATEWAY | CHK_INNER, .proto = 17, .sport = 33434,
	  .dport = 53 },
	{ "v4 type 100 code 5", V4, .hex = "64050000 00000000", OK(0) },
	{ "v4 unreachable, 2 bytes", V4, .hex = "0301", BAD(TRUNCATED) },

	/* ---- ICMPv6 ---- */
	{ "v6 echo-request", V6, .hex = "80000000 12340007", OK(K),
	  .check = CHK_ECHO, .id = 0x1234, .seq = 7, .minimal = 1 },
	{ "v6 echo-request truncated", V6, .hex = "80000000", BAD(TRUNCATED) },
	{ "v6 echo-reply", V6, .hex = "81000000 00010001 dead", OK(K),
	  .check = CHK_ECHO, .id = 1, .seq = 1 },
	{ "v6 echo-reply truncated", V6, .hex = "8100", BAD(TRUNCATED) },

	{ "v6 unreachable", V6, .hex = "01040000 00000000" ICMPX_IN6_UDP,
	  OK(K | E | I), UDP_INNER, .minimal = 1 },
	{ "v6 unreachable, inner header without 8 bytes", V6,
	  .hex =
		"01040000 00000000 60000000 00081140 " A6_LL2 A6_G99, BAD(INNER_SHORT) },
	{ "v6 unreachable, half an inner header", V6,
	  .hex = "01040000 00000000 60000000 00081140" A6_LL2,
	  BAD(INNER_SHORT) },
	{ "v6 unreachable, empty datagram quoted whole", V6,
	  .hex =
		"01040000 00000000 60000000 00003b40 " A6_LL2 A6_G99, OK(K | E | I),
	  .check = CHK_INNER, .proto = 59 },
	{ "v6 unreachable, inner version 4", V6,
	  .hex =
		"01040000 00000000 40000000 00081140 " A6_LL2 A6_G99
		UDP8, BAD(INNER_HDR) },
	{ "v6 unreachable, inner hop-by-hop then UDP", V6,
	  .hex =
		"01040000 00000000 60000000 00100040 " A6_LL2 A6_G99 " 11000104 00000000"
		UDP8, OK(K | E | I), UDP_INNER, .thoff = 56 },
	{ "v6 unreachable, inner non-first fragment", V6,
	  .hex =
		"01040000 00000000 60000000 00102c40 " A6_LL2 A6_G99 " 11000008 00000001"
		UDP8, OK(K | E | I),
	  .check = CHK_INNER, .proto = 17 },
	{ "v6 unreachable, inner ICMPv6 echo", V6,
	  .hex =
		"01030000 00000000 60000000 00083a40 " A6_LL2 A6_G99 " 80000000 56780001",
	  OK(K | E | I),
	  .check = CHK_INNER, .proto = 58, .sport = 0x5678 },

	{ "v6 packet-too-big 1280", V6,
	  .hex = "02000000 00000500" ICMPX_IN6_UDP, OK(K | E | I),
	  .check = CHK_MTU | CHK_INNER, .mtu = 1280, .proto = 17,
	  .sport = 33434, .dport = 53, .minimal = 1 },
	{ "v6 packet-too-big 9000", V6,
	  .hex = "02000000 00002328" ICMPX_IN6_UDP, OK(K | E | I),
	  .check = CHK_MTU, .mtu = 9000 },
	/* The stack takes these as saying 1280 (RFC 8021): noted. */
	{ "v6 packet-too-big 1279", V6,
	  .hex = "02000000 000004ff" ICMPX_IN6_UDP, OK(K | E | I),
	  .notes = ICMPX_N_MTU, .check = CHK_MTU, .mtu = 1279 },
	{ "v6 packet-too-big 0", V6,
	  .hex = "02000000 00000000" ICMPX_IN6_UDP, OK(K | E | I),
	  .notes = ICMPX_N_MTU },
	{ "v6 packet-too-big without a datagram", V6,
	  .hex = "02000000 00000500", BAD(INNER_SHORT) },

	{ "v6 time-exceeded", V6, .hex = "03000000 00000000" ICMPX_IN6_UDP,
	  OK(K | E | I), UDP_INNER, .minimal = 1 },
	{ "v6 time-exceeded without a datagram", V6, .hex = "03000000 00000000",
	  BAD(INNER_SHORT) },
	{ "v6 time-exceeded with an RFC 4884 extension", V6,
	  .hex = "03000000 10000000" ICMPX_IN6_UDP Z20 Z20 Z20 Z20 EXT_MPLS,
	  OK(K | E | I | X), .check = CHK_EXT | CHK_INNER, .ext_off = 136,
	  .proto = 17, .sport = 33434, .dport = 53 },
	{ "v6 unreachable, RFC 4884 extension checksum wrong", V6,
	  .hex = "01040000 10000000" ICMPX_IN6_UDP Z20 Z20 Z20 Z20
		 "20000000 00080101 000141ff",
	  OK(K | E | I), .notes = ICMPX_N_EXT_INVALID },
	{ "v6 parameter-problem pointer 6", V6,
	  .hex = "04000000 00000006" ICMPX_IN6_UDP, OK(K | E | I),
	  .check = CHK_POINTER, .pointer = 6, .minimal = 1 },
	{ "v6 parameter-problem, inner version 0", V6,
	  .hex =
		"04000000 00000006 00000000 00081140 " A6_LL2 A6_G99
		UDP8, BAD(INNER_HDR) },

	/* RFC 4443 2.4 (b): an unknown error goes to the transport. */
	{ "v6 unknown error type 5", V6, .hex = "05000000 00000000" ICMPX_IN6_UDP,
	  OK(E | I), UDP_INNER },
	{ "v6 unknown error type 100, nothing quoted", V6,
	  .hex = "64000000 00000000", OK(E) },
	{ "v6 unknown error type 100 truncated", V6, .hex = "64000000",
	  BAD(TRUNCATED) },
	{ "V6 type 200", V6, .hex = "c8000000 00000000", OK(0),
	  .minimal = 1 },
	{ "V6 type 200 truncated", V6, .hex = "c8000000 000000",
	  BAD(TRUNCATED) },
	{ "V6 type 255", V6, .hex = "ff000000 00000000", OK(0),
	  .minimal = 1 },
	{ "V6 type 255 truncated", V6, .hex = "ff000000 000000",
	  BAD(TRUNCATED) },

	/* MLD (RFC 2710, 3810) */
	{ "v6 mld query v1", V6, .hex = "82000000 00000000" A6_MLD, OK(K | M),
	  .minimal = 1 },
	{ "v6 mld query v2", V6,
	  .hex = "82000000 00000000" A6_MLD "007d0000", OK(K | M) },
	{ "v6 mld query v2 one source", V6,
	  .hex = "82000000 00000000" A6_MLD "007d0001" A6_G1, OK(K | M) },
	{ "v6 mld query 26 bytes", V6,
	  .hex = "82000000 00000000" A6_MLD "007d", BAD(SHORT) },
	{ "v6 mld query v2 source missing", V6,
	  .hex = "82000000 00000000" A6_MLD "007d0001", BAD(SHORT) },
	{ "v6 mld query 23 bytes", V6,
	  .hex =
		"82000000 00000000 ff020000 00000000 00000000 000000",
	  BAD(SHORT) },
	{ "v6 mld report", V6, .hex = "83000000 00000000" A6_MLD, OK(K | M),
	  .minimal = 1 },
	{ "v6 mld report 8 bytes", V6, .hex = "83000000 00000000", BAD(SHORT) },
	{ "v6 mld done", V6, .hex = "84000000 00000000" A6_MLD, OK(K | M),
	  .minimal = 1 },
	{ "v6 mld done 8 bytes", V6, .hex = "84000000 00000000", BAD(SHORT) },
	{ "v6 mldv2 report one record", V6,
	  .hex = "8f000000 00000001 04000000" A6_MLD, OK(K | M),
	  .minimal = 1 },
	{ "v6 mldv2 report one record with a source", V6,
	  .hex = "8f000000 00000001 01000001" A6_MLD A6_G1, OK(K | M) },
	{ "v6 mldv2 report two records, one present", V6,
	  .hex = "8f000000 00000002 04000000" A6_MLD, BAD(SHORT) },
	{ "v6 mldv2 report source missing", V6,
	  .hex = "8f000000 00000001 01000001" A6_MLD, BAD(SHORT) },
	{ "v6 mldv2 report aux data missing", V6,
	  .hex = "8f000000 00000001 01010000" A6_MLD, BAD(SHORT) },

	/* Neighbor discovery (RFC 4861) */
	{ "v6 router solicitation", V6, .hex = "85000000 00000000", H255,
	  OK(K | N), .minimal = 1 },
	{ "v6 router solicitation with SLLA", V6,
	  .hex = "85000000 00000000 0101" MAC6, H255, OK(K | N) },
	{ "v6 router solicitation from ::", V6, .hex = "85000000 00000000",
	  H255, .src = SRC_UNSPEC, OK(K | N) },
	{ "v6 router solicitation from :: with SLLA", V6,
	  .hex = "85000000 00000000 0101" MAC6, H255, .src = SRC_UNSPEC,
	  BAD(OPTION) },
	{ "v6 router solicitation hop limit 64", V6,
	  .hex = "85000000 00000000", BAD(HOPLIMIT) },
	{ "v6 router solicitation code 1", V6, .hex = "85010000 00000000", H255,
	  BAD(CODE) },
	{ "v6 router solicitation option length 0", V6,
	  .hex = "85000000 00000000 0100" MAC6, H255, BAD(OPTION) },
	{ "v6 router solicitation option overruns", V6,
	  .hex = "85000000 00000000 0102" MAC6, H255, BAD(OPTION) },
	{ "v6 router solicitation one stray byte", V6,
	  .hex = "85000000 00000000 01", H255, BAD(OPTION) },

	{ "v6 router advertisement", V6,
	  .hex = "86000000 40000708 00000000 00000000", H255,
	  OK(K | N), .minimal = 1 },
	{ "v6 router advertisement with MTU option", V6,
	  .hex =
		"86000000 40000708 00000000 00000000 05010000 000005dc", H255, OK(K | N) },
	{ "v6 router advertisement 15 bytes", V6,
	  .hex = "86000000 40000708 00000000 000000", H255, BAD(SHORT) },
	{ "v6 router advertisement hop limit 254", V6,
	  .hex = "86000000 40000708 00000000 00000000",
	  .hoplimit = 254, BAD(HOPLIMIT) },
	{ "v6 router advertisement from a global address", V6,
	  .hex = "86000000 40000708 00000000 00000000", H255,
	  .src = SRC_GLOBAL, BAD(SOURCE) },
	{ "v6 router advertisement prefix option overruns", V6,
	  .hex =
		"86000000 40000708 00000000 00000000 030440c0 00000000", H255, BAD(OPTION) },

	{ "v6 neighbor solicitation", V6,
	  .hex = "87000000 00000000" A6_LL2 "0101" MAC6, H255, OK(K | N),
	  .check = CHK_TARGET },
	{ "v6 neighbor solicitation for DAD", V6,
	  .hex = "87000000 00000000" A6_LL2, H255, .src = SRC_UNSPEC,
	  .dst = DST_SNM, OK(K | N), .check = CHK_TARGET },
	{ "v6 neighbor solicitation from :: to a unicast address", V6,
	  .hex = "87000000 00000000" A6_LL2, H255, .src = SRC_UNSPEC,
	  BAD(FIELD) },
	{ "v6 neighbor solicitation from :: with SLLA", V6,
	  .hex = "87000000 00000000" A6_LL2 "0101" MAC6, H255,
	  .src = SRC_UNSPEC, .dst = DST_SNM, BAD(OPTION) },
	{ "v6 neighbor solicitation for a multicast target", V6,
	  .hex = "87000000 00000000" A6_MC1, H255, BAD(FIELD) },
	{ "v6 neighbor solicitation hop limit 1", V6,
	  .hex = "87000000 00000000" A6_LL2, .hoplimit = 1, BAD(HOPLIMIT) },
	{ "v6 neighbor solicitation code 1", V6,
	  .hex = "87010000 00000000" A6_LL2, H255, BAD(CODE) },
	{ "v6 neighbor solicitation 23 bytes", V6,
	  .hex =
		"87000000 00000000 fe800000 00000000 00000000 000000", H255, BAD(SHORT) },

	{ "v6 neighbor advertisement", V6,
	  .hex = "88000000 60000000" A6_LL1 "0201" MAC6, H255, OK(K | N),
	  .check = CHK_TARGET },
	{ "v6 unsolicited neighbor advertisement to all nodes", V6,
	  .hex = "88000000 20000000" A6_LL1, H255, .dst = DST_ALLNODES,
	  OK(K | N) },
	{ "v6 solicited neighbor advertisement to all nodes", V6,
	  .hex = "88000000 60000000" A6_LL1, H255, .dst = DST_ALLNODES,
	  BAD(FIELD) },
	{ "v6 neighbor advertisement for a multicast target", V6,
	  .hex = "88000000 20000000" A6_MC1, H255, BAD(FIELD) },
	{ "v6 neighbor advertisement hop limit 64", V6,
	  .hex = "88000000 20000000" A6_LL1, BAD(HOPLIMIT) },

	{ "v6 redirect to a link-local router", V6,
	  .hex = "89000000 00000000" A6_LL1 A6_G99, H255, OK(K | N),
	  .check = CHK_TARGET, .minimal = 1 },
	{ "v6 redirect to the destination itself", V6,
	  .hex = "89000000 00000000" A6_G99 A6_G99, H255, OK(K | N) },
	{ "v6 redirect to a global router", V6,
	  .hex = "89000000 00000000" A6_G1 A6_G99, H255, BAD(FIELD) },
	{ "v6 redirect for a multicast destination", V6,
	  .hex = "89000000 00000000" A6_LL1 A6_MC1, H255, BAD(FIELD) },
	{ "v6 redirect from a global address", V6,
	  .hex = "89000000 00000000" A6_LL1 A6_G99, H255, .src = SRC_GLOBAL,
	  BAD(SOURCE) },
	{ "v6 redirect 39 bytes", V6,
	  .hex =
		"89000000 00000000"
		A6_LL1
		"20010db8 00000000 00000000 000000", H255, BAD(SHORT) },

	{ "v6 router renumbering", V6,
	  .hex = "8a000000 00000001 00000000 00000000", OK(K), .minimal = 1 },
	{ "v6 router renumbering 15 bytes", V6,
	  .hex = "8a000000 00000001 00000000 000000", BAD(SHORT) },
	{ "v6 node information query", V6,
	  .hex = "8b000000 00020000 01020304 05060708", OK(K), .minimal = 1 },
	{ "v6 node information query 12 bytes", V6,
	  .hex = "8b000000 00020000 01020304", BAD(SHORT) },
	{ "v6 node information response", V6,
	  .hex = "8c000000 00020000 01020304 05060708", OK(K), .minimal = 1 },
	{ "v6 node information response 8 bytes", V6,
	  .hex = "8c000000 00020000", BAD(SHORT) },

	{ "V6 type 141", V6, .hex = "8d000000 00000000", OK(K | N),
	  .minimal = 1, H255 },
	{ "V6 type 141 truncated", V6, .hex = "8d000000 000000",
	  BAD(TRUNCATED), H255 },
	{ "v6 type 141 hop limit 64", V6, .hex = "8d000000 00000000",
	  BAD(HOPLIMIT) },
	{ "V6 type 142", V6, .hex = "8e000000 00000000", OK(K | N),
	  .minimal = 1, H255 },
	{ "V6 type 142 truncated", V6, .hex = "8e000000 000000",
	  BAD(TRUNCATED), H255 },
	{ "v6 type 142 code 1", V6, .hex = "8e010000 00000000", H255, BAD(CODE) },
	{ "V6 type 148", V6, .hex = "94000000 00000000", OK(K | N),
	  .minimal = 1, H255 },
	{ "V6 type 148 truncated", V6, .hex = "94000000 000000",
	  BAD(TRUNCATED), H255 },
	{ "v6 type 148 hop limit 64", V6, .hex = "94000000 00000000",
	  BAD(HOPLIMIT) },
	/* RFC 3971 6.4.2: the advertisement's fixed part is 12 bytes. */
	{ "V6 type 149", V6, .hex = "95000000 00010001 00000000", OK(K | N),
	  .minimal = 1, H255 },
	{ "V6 type 149 with a certificate option", V6,
	  .hex = "95000000 00010001 00000000 10020100 00000000 00000000 00000000",
	  OK(K | N), H255 },
	{ "V6 type 149 11 bytes", V6, .hex = "95000000 00010001 000000",
	  BAD(SHORT), H255 },
	{ "V6 type 149 truncated", V6, .hex = "95000000 000000",
	  BAD(TRUNCATED), H255 },
	{ "v6 type 149 option length 0", V6,
	  .hex = "95000000 00000000 00000000 0100" MAC6, H255, BAD(OPTION) },
	{ "V6 type 144", V6, .hex = "90000000 00000000", OK(K),
	  .minimal = 1 },
	{ "V6 type 144 truncated", V6, .hex = "90000000 000000",
	  BAD(TRUNCATED) },
	{ "V6 type 145", V6, .hex = "91000000 00000000", OK(K),
	  .minimal = 1 },
	{ "V6 type 145 truncated", V6, .hex = "91000000 000000",
	  BAD(TRUNCATED) },
	{ "V6 type 146", V6, .hex = "92000000 00000000", OK(K),
	  .minimal = 1 },
	{ "V6 type 146 truncated", V6, .hex = "92000000 000000",
	  BAD(TRUNCATED) },
	{ "V6 type 147", V6, .hex = "93000000 00000000", OK(K),
	  .minimal = 1 },
	{ "V6 type 147 truncated", V6, .hex = "93000000 000000",
	  BAD(TRUNCATED) },
	{ "V6 type 151", V6, .hex = "97000000 00000000", OK(K),
	  .minimal = 1 },
	{ "V6 type 151 truncated", V6, .hex = "97000000 000000",
	  BAD(TRUNCATED) },
	/* RFC 4286 5.1, 5.2: four bytes, type, reserved, checksum. */
	{ "V6 type 152", V6, .hex = "98000000", OK(K), .minimal = 1 },
	{ "V6 type 152 with 4 bytes more", V6, .hex = "98000000 00000000", OK(K) },
	{ "V6 type 152 truncated", V6, .hex = "980000", BAD(TRUNCATED) },
	{ "V6 type 153", V6, .hex = "99000000", OK(K), .minimal = 1 },
	{ "V6 type 153 truncated", V6, .hex = "990000", BAD(TRUNCATED) },
	{ "V6 type 154", V6, .hex = "9a000000 00000000", OK(K),
	  .minimal = 1 },
	{ "V6 type 154 truncated", V6, .hex = "9a000000 000000",
	  BAD(TRUNCATED) },
	{ "V6 type 155", V6, .hex = "9b000000 00000000", OK(K),
	  .minimal = 1 },
	{ "V6 type 155 truncated", V6, .hex = "9b000000 000000",
	  BAD(TRUNCATED) },
	{ "V6 type 157", V6, .hex = "9d000000 00000000", OK(K),
	  .minimal = 1 },
	{ "V6 type 157 truncated", V6, .hex = "9d000000 000000",
	  BAD(TRUNCATED) },
	{ "V6 type 158", V6, .hex = "9e000000 00000000", OK(K),
	  .minimal = 1 },
	{ "V6 type 158 truncated", V6, .hex = "9e000000 000000",
	  BAD(TRUNCATED) },

	{ "v6 extended-echo-request", V6,
	  .hex = "a0000000 12340500" EXT_IFINDEX, OK(K | X),
	  .check = CHK_ECHO | CHK_EXT, .id = 0x1234, .seq = 5, .ext_off = 8,
	  .minimal = 1 },
	{ "v6 extended-echo-request without extension", V6,
	  .hex = "a0000000 12340500", BAD(SHORT) },
	{ "v6 extended-echo-request extension version 1", V6,
	  .hex = "a0000000 12340500" EXT_BADVER, BAD(EXTENSION) },
	{ "v6 extended-echo-reply", V6, .hex = "a1000000 12340500", OK(K),
	  .check = CHK_ECHO, .id = 0x1234, .seq = 5, .minimal = 1 },
	{ "v6 extended-echo-reply code 5", V6, .hex = "a1050000 12340500",
	  BAD(CODE) },

	/* Edges, as for ICMPv4 above. */
	{ "v6 echo-reply 8 bytes", V6, .hex = "81000000 00010001", OK(K),
	  .minimal = 1 },
	{ "v6 unreachable without a datagram", V6, .hex = "01000000 00000000",
	  BAD(INNER_SHORT) },
	{ "v6 parameter-problem without a datagram", V6,
	  .hex = "04000000 00000000", BAD(INNER_SHORT) },
	{ "v6 packet-too-big, an MTU of four bytes", V6,
	  .hex = "02000000 01020304" ICMPX_IN6_UDP, OK(K | E | I),
	  .check = CHK_MTU, .mtu = 0x01020304 },
	{ "v6 unreachable, 8 bytes of a longer datagram", V6,
	  .hex = "01040000 00000000 60000000 00641140 " A6_LL2 A6_G99 UDP8,
	  OK(K | E | I), UDP_INNER, .minimal = 1 },
	{ "v6 unreachable, 39 bytes of a bad inner header", V6,
	  .hex = "01040000 00000000 40000000 00081140 " A6_LL2
		 "20010db8 00000000 00000000 000000", BAD(INNER_SHORT) },
	{ "v6 unreachable, inner AH then UDP", V6,
	  .hex = "01040000 00000000 60000000 00203340 " A6_LL2 A6_G99
		 "11040000 00000000 00000000 00000000 00000000 00000000" UDP8,
	  OK(K | E | I), UDP_INNER, .thoff = 72 },
	{ "v6 unreachable, inner destination options of 16 bytes then UDP", V6,
	  .hex = "01040000 00000000 60000000 00183c40 " A6_LL2 A6_G99
		 "11010000 00000000 00000000 00000000" UDP8,
	  OK(K | E | I), UDP_INNER, .thoff = 64 },
	{ "v6 unreachable, inner routing header then UDP", V6,
	  .hex = "01040000 00000000 60000000 00102b40 " A6_LL2 A6_G99
		 "11000000 00000000" UDP8,
	  OK(K | E | I), UDP_INNER, .thoff = 56 },
	{ "v6 unreachable, inner first fragment", V6,
	  .hex = "01040000 00000000 60000000 00102c40 " A6_LL2 A6_G99
		 "11000001 12345678" UDP8,
	  OK(K | E | I), UDP_INNER, .thoff = 56 },
	{ "v6 unreachable, quote ends with an extension header", V6,
	  .hex = "01040000 00000000 60000000 00080040 " A6_LL2 A6_G99
		 "11000000 00000000",
	  OK(K | E | I), .check = CHK_INNER, .proto = 17 },
	{ "v6 unreachable, quote cut inside its second extension header", V6,
	  .hex = "01040000 00000000 60000000 00180040 " A6_LL2 A6_G99
		 "3c000000 00000000 11000000 000000",
	  OK(K | E | I), .check = CHK_INNER, .proto = 60 },
	{ "v6 extended-echo-request with a 4-byte object", V6,
	  .hex = "a0000000 12340500 2000dcf9 00040302", OK(K | X),
	  .check = CHK_ECHO | CHK_EXT, .id = 0x1234, .seq = 5, .ext_off = 8,
	  .minimal = 1 },
	{ "v6 extended-echo-request 15 bytes", V6,
	  .hex = "a0000000 12340500 2000dcf9 000403", BAD(SHORT) },
	{ "v6 extended-echo-request code 1", V6,
	  .hex = "a0010000 12340500" EXT_IFINDEX, BAD(CODE) },
	{ "v6 extended-echo-reply code 4", V6, .hex = "a1040000 12340500", OK(K) },
	{ "v6 router solicitation, two stray bytes", V6,
	  .hex = "85000000 00000000 0101", H255, BAD(OPTION) },
	{ "v6 redirect with a target link-layer option", V6,
	  .hex = "89000000 00000000" A6_LL1 A6_G99 "0201" MAC6, H255, OK(K | N),
	  .check = CHK_TARGET },
	{ "V6 type 141 with both link-layer options", V6,
	  .hex = "8d000000 00000000 0101" MAC6 "0201" MAC6, H255, OK(K | N) },
	{ "V6 type 142 with both link-layer options", V6,
	  .hex = "8e000000 00000000 0101" MAC6 "0201" MAC6, H255, OK(K | N) },
	{ "V6 type 148 with a trust anchor option", V6,
	  .hex = "94000000 00000000 0f010000 00000000", H255, OK(K | N) },
	{ "v6 neighbor solicitation for DAD to another solicited-node group", V6,
	  .hex = "87000000 00000000" A6_LL2, H255, .src = SRC_UNSPEC,
	  .dst = DST_SNM2, OK(K | N), .unsendable = 1 },
	{ "v6 neighbor solicitation for DAD to ff02::1:fe00:2", V6,
	  .hex = "87000000 00000000" A6_LL2, H255, .src = SRC_UNSPEC,
	  .dst = DST_NOT_SNM, BAD(FIELD), .unsendable = 1 },
	{ "v6 unreachable, quote cut inside a routing header", V6,
	  .hex = "01040000 00000000 60000000 00180040 " A6_LL2 A6_G99
		 "2b000000 00000000 11000000 000000",
	  OK(K | E | I), .check = CHK_INNER, .proto = 43 },
	{ "v6 unreachable, quote cut inside an AH", V6,
	  .hex = "01040000 00000000 60000000 00180040 " A6_LL2 A6_G99
		 "33000000 00000000 11000000 000000",
	  OK(K | E | I), .check = CHK_INNER, .proto = 51 },
	/* The RFC 4884 original datagram field ends 4 bytes into UDP ... */
	{ "v6 time-exceeded, RFC 4884, UDP at the field's last 4 bytes", V6,
	  .hex = "03000000 10000000 60000000 005c3340 " A6_LL2 A6_G99
		 "11130000" Z20 Z20 Z20 Z20 "829a0035" EXT_MPLS,
	  OK(K | E | I | X), .check = CHK_EXT | CHK_INNER, .ext_off = 136,
	  .proto = 17, .sport = 33434, .dport = 53, .thoff = 132 },
	/* ... or right at its end, where nothing of it is quoted. */
	{ "v6 time-exceeded, RFC 4884, UDP past the field", V6,
	  .hex = "03000000 10000000 60000000 00603340 " A6_LL2 A6_G99
		 "11140000" Z20 Z20 Z20 Z20 "00000000" EXT_MPLS,
	  OK(K | E | I | X), .check = CHK_EXT | CHK_INNER, .ext_off = 136,
	  .proto = 17 },
	{ "v6 unknown error type 127, nothing quoted", V6,
	  .hex = "7f000000 00000000", OK(E) },
	{ "v6 echo-request carrying an IPv6 header", V6,
	  .hex = "80000000 00010001 60000000 00081140 " A6_LL2 A6_G99 UDP8,
	  OK(K) },
	{ "v6 unsolicited neighbor advertisement to all nodes, reserved bit", V6,
	  .hex = "88000000 01000000" A6_LL1, H255, .dst = DST_ALLNODES,
	  OK(K | N) },
	{ "v6 mld query 25 bytes", V6,
	  .hex = "82000000 00000000" A6_MLD "00", BAD(SHORT) },
	{ "v6 mld query 27 bytes", V6,
	  .hex = "82000000 00000000" A6_MLD "007d00", BAD(SHORT) },
	{ "v6 mld query v2 one source, 43 bytes", V6,
	  .hex = "82000000 00000000" A6_MLD "007d0001 20010db8 00000000 00000000 000000",
	  BAD(SHORT) },
	/*
	 * Two records, the first with a source and a word of aux data, all
	 * ones: a second record looked for a byte off finds lengths that
	 * run past the end.
	 */
	{ "v6 mldv2 report two records, a source and aux data", V6,
	  .hex = "8f000000 00000002 01010001" A6_MLD
		 "ffffffff ffffffff ffffffff ffffffff ffffffff 04000000" A6_MLD,
	  OK(K | M) },
	{ "v6 neighbor solicitation from ::1 with SLLA", V6,
	  .hex = "87000000 00000000" A6_LL2 "0101" MAC6, H255, .src = SRC_ONE,
	  OK(K | N), .unsendable = 1 },
};

/* Large enough for any message in the corpus. */
#define ICMPX_CASE_MAX 256

static inline int icmpx_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The message as bytes; its length, or -1 if the hex is malformed. */
static inline int icmpx_case_bytes(const struct icmpx_case *c, u8 *buf,
				   unsigned int size)
{
	const char *p = c->hex;
	unsigned int n = 0;
	int hi, lo;

	while (*p) {
		if (*p == ' ') {
			p++;
			continue;
		}
		hi = icmpx_hexval(p[0]);
		lo = hi < 0 ? -1 : icmpx_hexval(p[1]);
		if (lo < 0 || n >= size)
			return -1;
		buf[n++] = hi << 4 | lo;
		p += 2;
	}
	return n;
}

static inline void icmpx_case_pkt(const struct icmpx_case *c,
				  struct icmpx_pkt *pkt)
{
	memset(pkt, 0, sizeof(*pkt));
	pkt->family = c->family;
	pkt->hoplimit = c->hoplimit ?: 64;
	pkt->csum = ICMPX_CSUM_GOOD;
	if (c->family == ICMPX_FAMILY_IPV4) {
		pkt->saddr = icmpx_corpus_a4_remote;
		pkt->daddr = icmpx_corpus_a4_local;
		return;
	}
	pkt->saddr = c->src == SRC_GLOBAL ? icmpx_corpus_a6_global :
		     c->src == SRC_UNSPEC ? icmpx_corpus_a6_unspec :
		     c->src == SRC_ONE ? icmpx_corpus_a6_one :
		     icmpx_corpus_a6_remote;
	pkt->daddr = c->dst == DST_ALLNODES ? icmpx_corpus_a6_allnodes :
		     c->dst == DST_SNM ? icmpx_corpus_a6_snm :
		     c->dst == DST_SNM2 ? icmpx_corpus_a6_snm2 :
		     c->dst == DST_NOT_SNM ? icmpx_corpus_a6_not_snm :
		     icmpx_corpus_a6_local;
}

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
#undef PORTS8
#undef Z16
#undef Z20
#undef EXT_MPLS
#undef EXT_MPLS_LONG
#undef EXT_MPLS_TINY
#undef EXT_MPLS_TAIL

#endif /* _ICMPX_CORPUS_H */
