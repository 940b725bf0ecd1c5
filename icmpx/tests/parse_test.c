// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the parser, driven by a corpus of messages laid out by hand from
 * the RFCs.  Each case asserts the exact reason and, for well-formed
 * messages, the fields the parser must extract.  Every case is also cut
 * at every length into an exactly sized buffer, so KASAN sees any read
 * past the end.
 *
 * The corpus doubles as the seed set of the userspace fuzzer: tools/fuzz
 * includes corpus.h and writes each case out as a file.
 */
#include <kunit/test.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../parse.h"
#include "corpus.h"
#include "tests.h"

static void case_desc(const struct icmpx_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(corpus, icmpx_corpus, case_desc);

static void fill_pkt(const struct icmpx_case *c, struct icmpx_pkt *pkt,
		     const u8 *data, u32 avail, u32 len)
{
	icmpx_case_pkt(c, pkt);
	pkt->data = data;
	pkt->avail = avail;
	pkt->len = len;
}

/*
 * The case's bytes in a buffer of exactly their size: any read past the
 * end is a KASAN report.
 */
static u8 *case_data(struct kunit *test, const struct icmpx_case *c, u32 *len)
{
	u8 tmp[ICMPX_CASE_MAX];
	int n = icmpx_case_bytes(c, tmp, sizeof(tmp));
	u8 *buf;

	KUNIT_ASSERT_GE_MSG(test, n, 0, "malformed hex in case '%s'", c->name);
	buf = kunit_kmalloc(test, n ?: 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, tmp, n);
	*len = n;
	return buf;
}

/* Transport protocols whose header starts with two ports. */
static bool ported(u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == IPPROTO_SCTP || proto == IPPROTO_DCCP ||
	       proto == IPPROTO_UDPLITE;
}

/*
 * What the parser says of a quoted datagram, against the message's bytes
 * as RFC 792 and 4443 lay them out: the IP header right after the 8-byte
 * ICMP header, its addresses where the header format puts them, the
 * transport header after an IPv4 header's IHL (of a first fragment), or
 * after the IPv6 header when nothing comes between (else where the case
 * says), and in that header the quoted ICMP type, or the ports.
 */
static void check_inner(struct kunit *test, const struct icmpx_case *c,
			const struct icmpx_msg *msg, const u8 *buf, u32 len)
{
	const struct icmpx_inner *in = &msg->inner;
	bool v6 = c->family == ICMPX_FAMILY_IPV6;
	u32 end = msg->flags & ICMPX_F_EXT ? msg->ext_off : len;
	u32 th = c->thoff, i;

	KUNIT_EXPECT_EQ(test, in->family, c->family);
	KUNIT_EXPECT_EQ(test, in->proto, c->proto);
	KUNIT_EXPECT_EQ(test, in->sport, c->sport);
	KUNIT_EXPECT_EQ(test, in->dport, c->dport);
	KUNIT_EXPECT_EQ(test, in->offset, ICMPX_HDR_LEN);
	KUNIT_EXPECT_MEMEQ(test, in->saddr, buf + 8 + (v6 ? 8 : 12), v6 ? 16 : 4);
	KUNIT_EXPECT_MEMEQ(test, in->daddr, buf + 8 + (v6 ? 24 : 16), v6 ? 16 : 4);
	/* An IPv4 address leaves the rest of its 16 bytes zero. */
	for (i = v6 ? 16 : 4; i < 16; i++)
		KUNIT_EXPECT_EQ(test, in->saddr[i] | in->daddr[i], 0);
	if (!v6 && !((buf[14] << 8 | buf[15]) & 0x1fff))
		th = 8 + (buf[8] & 0x0f) * 4;
	else if (v6 && buf[14] == c->proto)
		th = 48;
	if (th >= end)
		th = 0;
	KUNIT_EXPECT_EQ(test, in->thoff, th);
	if (th && (c->proto == IPPROTO_ICMP || c->proto == IPPROTO_ICMPV6))
		KUNIT_EXPECT_EQ(test, in->type, buf[th]);
	KUNIT_EXPECT_EQ(test, in->ports, th && th + 4 <= end && ported(c->proto));
}

/* The exact verdict, and the fields a well-formed message yields. */
static void parse_corpus(struct kunit *test)
{
	const struct icmpx_case *c = test->param_value;
	struct icmpx_pkt pkt;
	struct icmpx_msg msg;
	enum icmpx_reason r;
	u32 len;
	u8 *buf;

	buf = case_data(test, c, &len);
	fill_pkt(c, &pkt, buf, len, len);

	r = icmpx_parse(&pkt, &msg);
	KUNIT_EXPECT_EQ_MSG(test, r, c->want, "got %s, want %s",
			    icmpx_reason_name(r), icmpx_reason_name(c->want));
	if (len >= 1)
		KUNIT_EXPECT_EQ(test, msg.type, buf[0]);
	if (len >= 2)
		KUNIT_EXPECT_EQ(test, msg.code, buf[1]);
	KUNIT_EXPECT_EQ(test, msg.family, c->family);
	KUNIT_EXPECT_EQ(test, msg.len, len);
	if (c->want != ICMPX_OK)
		return;

	KUNIT_EXPECT_EQ(test, msg.flags, c->flags);
	KUNIT_EXPECT_EQ(test, msg.notes, c->notes);
	if (c->check & CHK_MTU)
		KUNIT_EXPECT_EQ(test, msg.mtu, c->mtu);
	if (c->check & CHK_POINTER)
		KUNIT_EXPECT_EQ(test, msg.pointer, c->pointer);
	if (c->check & CHK_ECHO) {
		KUNIT_EXPECT_EQ(test, msg.echo.id, c->id);
		KUNIT_EXPECT_EQ(test, msg.echo.seq, c->seq);
	}
	if (c->check & CHK_INNER)
		check_inner(test, c, &msg, buf, len);
	if (c->check & CHK_EXT)
		KUNIT_EXPECT_EQ(test, msg.ext_off, c->ext_off);
	if (c->check & CHK_GATEWAY)
		KUNIT_EXPECT_EQ(test, memcmp(msg.gateway, buf + 4, 4), 0);
	if (c->check & CHK_TARGET)
		KUNIT_EXPECT_EQ(test, memcmp(msg.target, buf + 8, 16), 0);
}

/*
 * Every prefix of every message, in an exactly sized buffer: the parser
 * never reads past the end.  A message marked minimal fails at every
 * shorter length.
 */
static void parse_prefixes(struct kunit *test)
{
	const struct icmpx_case *c = test->param_value;
	struct icmpx_pkt pkt;
	struct icmpx_msg msg;
	u32 full, len, hdr = ICMPX_HDR_LEN;
	u8 *data;

	data = case_data(test, c, &full);
	/* RFC 4286's solicitation and termination end after 4 bytes. */
	if (c->family == ICMPX_FAMILY_IPV6 && full &&
	    (data[0] == ICMPX_MRD_SOLICIT || data[0] == ICMPX_MRD_TERMINATE))
		hdr = 4;
	for (len = 0; len < full; len++) {
		u8 *buf = kmalloc(len ?: 1, GFP_KERNEL);
		enum icmpx_reason r;

		KUNIT_ASSERT_NOT_NULL(test, buf);
		memcpy(buf, data, len);
		fill_pkt(c, &pkt, buf, len, len);
		r = icmpx_parse(&pkt, &msg);
		/* Type and code as far as they were there, else 0. */
		KUNIT_EXPECT_EQ_MSG(test, msg.type, len >= 1 ? data[0] : 0, "len %u", len);
		KUNIT_EXPECT_EQ_MSG(test, msg.code, len >= 2 ? data[1] : 0, "len %u", len);
		/* The length was claimed longer: avail bounds every read. */
		fill_pkt(c, &pkt, buf, len, full);
		icmpx_parse(&pkt, &msg);
		kfree(buf);
		if (c->minimal && c->want == ICMPX_OK)
			KUNIT_EXPECT_NE_MSG(test, r, ICMPX_OK, "len %u", len);
		if (len < hdr)
			KUNIT_EXPECT_EQ_MSG(test, r, ICMPX_R_TRUNCATED, "len %u", len);
	}
}

/*
 * A reference Internet checksum written differently from the parser's
 * (64-bit accumulator, folded once), used to seal corpus messages.
 */
static u16 ref_csum(const struct icmpx_pkt *pkt, const u8 *data, u32 len)
{
	u64 sum = 0;
	u32 i;

	if (pkt->family == ICMPX_FAMILY_IPV6) {
		for (i = 0; i < 16; i += 2)
			sum += (pkt->saddr[i] << 8 | pkt->saddr[i + 1]) +
			       (pkt->daddr[i] << 8 | pkt->daddr[i + 1]);
		sum += len + 58;
	}
	for (i = 0; i < len; i++)
		sum += i & 1 ? data[i] : data[i] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

/*
 * With the checksum left to the parser: sealed, every case gets the
 * same verdict as with a checksum verified beforehand; with one bit
 * flipped, every case past the header fails on its checksum.
 */
static void parse_checksum(struct kunit *test)
{
	const struct icmpx_case *c = test->param_value;
	struct icmpx_pkt pkt;
	struct icmpx_msg msg;
	u32 len;
	u16 sum;
	u8 *buf;

	buf = case_data(test, c, &len);
	if (len < ICMPX_HDR_LEN)
		return;
	fill_pkt(c, &pkt, buf, len, len);
	buf[2] = 0;
	buf[3] = 0;
	sum = ref_csum(&pkt, buf, len);
	buf[2] = sum >> 8;
	buf[3] = sum;
	pkt.csum = ICMPX_CSUM_UNKNOWN;
	KUNIT_EXPECT_EQ(test, icmpx_parse(&pkt, &msg), c->want);

	buf[len - 1] ^= 0x01;
	KUNIT_EXPECT_EQ(test, icmpx_parse(&pkt, &msg), ICMPX_R_CHECKSUM);

	/* A verdict from the NIC or the stack is taken as it is. */
	pkt.csum = ICMPX_CSUM_GOOD;
	icmpx_parse(&pkt, &msg);
	pkt.csum = ICMPX_CSUM_BAD;
	KUNIT_EXPECT_EQ(test, icmpx_parse(&pkt, &msg), ICMPX_R_CHECKSUM);
}

/*
 * A message seen in part (avail below len, as the hooks hand over a
 * long one) is judged on what was seen and never failed for what was
 * not: an RFC 4884 structure is trusted until its version, then each
 * object's length, comes into view; NDP options and MLDv2 records as
 * far as their headers are there.
 */
static void parse_partial_views(struct kunit *test)
{
#define ZERO100	"00000000 00000000 00000000 00000000 00000000 " \
		"00000000 00000000 00000000 00000000 00000000 " \
		"00000000 00000000 00000000 00000000 00000000 " \
		"00000000 00000000 00000000 00000000 00000000 " \
		"00000000 00000000 00000000 00000000 00000000"
	static const struct {
		struct icmpx_case c;
		u32 from, to;	/* the views, avail from @from to @to - 1 */
		u32 seen;	/* from this avail the fault is in view */
		u8 want;	/* then this reason, or the note below */
		u8 notes;
		bool ext;	/* an RFC 4884 structure, trusted until then */
	} views[] = {
		{ { "extension", .family = ICMPX_FAMILY_IPV4,
		    .hex = "0b000000 00200000" ICMPX_IN4_UDP ZERO100
			   "20009cf6 00080101 000141ff" }, 136, 148, 148, .ext = true },
		{ { "extension version 1", .family = ICMPX_FAMILY_IPV4,
		    .hex = "0b000000 00200000" ICMPX_IN4_UDP ZERO100
			   "10009cf6 00080101 000141ff" }, 136, 148, 140,
		  .notes = ICMPX_N_EXT_INVALID, .ext = true },
		{ { "extension object of 2 bytes", .family = ICMPX_FAMILY_IPV4,
		    .hex = "0b000000 00200000" ICMPX_IN4_UDP ZERO100
			   "20009cfc 00020101 000141ff" }, 136, 148, 144,
		  .notes = ICMPX_N_EXT_INVALID, .ext = true },
		{ { "router solicitation, 2 bytes past the view",
		    .family = ICMPX_FAMILY_IPV6, .hoplimit = 255,
		    .hex = "85000000 00000000 0101" }, 8, 10, 10, ICMPX_R_OPTION },
		{ { "mldv2 report of 100 sources, 28 bytes",
		    .family = ICMPX_FAMILY_IPV6,
		    .hex = "8f000000 00000001 01000064 ff020000 00000000 00000000 000000fb" },
		  8, 28, 12, ICMPX_R_SHORT },
	};
#undef ZERO100
	struct icmpx_pkt pkt;
	struct icmpx_msg msg;
	u32 i, avail, len;
	enum icmpx_reason r;
	bool seen;
	u8 *buf;

	for (i = 0; i < ARRAY_SIZE(views); i++) {
		buf = case_data(test, &views[i].c, &len);
		for (avail = views[i].from; avail < views[i].to; avail++) {
			fill_pkt(&views[i].c, &pkt, buf, avail, len);
			r = icmpx_parse(&pkt, &msg);
			seen = avail >= views[i].seen;
			KUNIT_EXPECT_EQ_MSG(test, r, seen ? views[i].want : ICMPX_OK,
					    "%s, avail %u", views[i].c.name, avail);
			KUNIT_EXPECT_EQ_MSG(test, msg.notes, seen ? views[i].notes : 0,
					    "%s, avail %u", views[i].c.name, avail);
			if (views[i].ext)
				KUNIT_EXPECT_EQ_MSG(test, !!(msg.flags & ICMPX_F_EXT), !seen,
						    "%s, avail %u", views[i].c.name, avail);
		}
	}
}

/*
 * ICMPv6 echo requests of 300 and 40000 bytes: the pseudo-header's
 * upper-layer length is 32 bits, each of its bytes in the sum.
 */
static void parse_checksum_long(struct kunit *test)
{
	static const u32 lens[] = { 300, 40000 };
	struct icmpx_pkt pkt = {
		.family = ICMPX_FAMILY_IPV6, .hoplimit = 64,
		.saddr = icmpx_corpus_a6_remote, .daddr = icmpx_corpus_a6_local,
		.csum = ICMPX_CSUM_UNKNOWN,
	};
	struct icmpx_msg msg;
	u32 i, n;
	u16 sum;
	u8 *buf;

	for (n = 0; n < ARRAY_SIZE(lens); n++) {
		buf = kunit_kzalloc(test, lens[n], GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, buf);
		buf[0] = ICMPV6_ECHO_REQUEST;
		for (i = 8; i < lens[n]; i++)
			buf[i] = i * 7;
		pkt.data = buf;
		pkt.avail = lens[n];
		pkt.len = lens[n];
		sum = ref_csum(&pkt, buf, lens[n]);
		buf[2] = sum >> 8;
		buf[3] = sum;
		KUNIT_EXPECT_EQ_MSG(test, icmpx_parse(&pkt, &msg), ICMPX_OK, "len %u", lens[n]);
		buf[lens[n] - 1] ^= 0x01;
		KUNIT_EXPECT_EQ_MSG(test, icmpx_parse(&pkt, &msg), ICMPX_R_CHECKSUM,
				    "len %u", lens[n]);
	}
}

/*
 * The module reads only what a message's type needs: for every case,
 * that much gives the verdict and the fields of all the parser may
 * look at.
 */
static void parse_need(struct kunit *test)
{
	const struct icmpx_case *c = test->param_value;
	struct icmpx_msg whole, part;
	struct icmpx_pkt pkt;
	enum icmpx_reason r;
	u32 len;
	u8 *buf;

	buf = case_data(test, c, &len);
	if (!len)
		return;
	/* All the module ever let the parser look at, against what it needs. */
	fill_pkt(c, &pkt, buf, min_t(u32, len, ICMPX_PARSE_MAX), len);
	r = icmpx_parse(&pkt, &whole);
	pkt.avail = icmpx_parse_need(pkt.family, buf[0], len);
	KUNIT_EXPECT_LE(test, pkt.avail, len);
	KUNIT_EXPECT_EQ(test, icmpx_parse(&pkt, &part), r);
	KUNIT_EXPECT_MEMEQ(test, &part, &whole, sizeof(whole));
	/* An echo request is read for its 8 bytes, whatever it carries. */
	if (!(whole.flags & ICMPX_F_ERROR) && whole.type == (pkt.family ?
	    ICMPV6_ECHO_REQUEST : ICMP_ECHO))
		KUNIT_EXPECT_EQ(test, pkt.avail, min_t(u32, len, ICMPX_HDR_LEN));
}

/* RFC 792's own arithmetic: echo id 1 seq 1 has checksum 0xf7fd. */
static void checksum_known_vector(struct kunit *test)
{
	static const u8 echo[] = { 8, 0, 0xf7, 0xfd, 0, 1, 0, 1 };
	static const u8 rfc1071[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5,
				      0xf6, 0xf7 };
	struct icmpx_pkt pkt = {
		.family = ICMPX_FAMILY_IPV4, .data = echo, .avail = 8, .len = 8,
		.csum = ICMPX_CSUM_UNKNOWN,
	};
	struct icmpx_msg msg;

	KUNIT_EXPECT_EQ(test, icmpx_parse(&pkt, &msg), ICMPX_OK);
	/* RFC 1071 1.2: these bytes sum to ddf2 (one's complement 220d). */
	KUNIT_EXPECT_EQ(test, icmpx_csum_add(0, rfc1071, 8), 0xddf2);
	KUNIT_EXPECT_EQ(test, icmpx_csum_fold(0xddf2), 0x220d);
	/* A sum past 16 bits folds its carries back in, however many. */
	KUNIT_EXPECT_EQ(test, icmpx_csum_fold(0x1fffe), 0);
	KUNIT_EXPECT_EQ(test, icmpx_csum_fold(0x12345678), 0x9753);
	KUNIT_EXPECT_EQ(test, icmpx_csum_fold(0x10001), 0xfffd);
	/* Odd lengths pad with a zero byte. */
	KUNIT_EXPECT_EQ(test, icmpx_csum_add(0, rfc1071, 7), 0xddf2 - 0xf7);
}

/* Without the whole message the parser cannot, and does not, judge. */
static void checksum_needs_whole_message(struct kunit *test)
{
	static const u8 echo[] = { 8, 0, 0xde, 0xad, 0, 1, 0, 1, 0, 0 };
	struct icmpx_pkt pkt = {
		.family = ICMPX_FAMILY_IPV4, .data = echo, .avail = 8, .len = 10,
		.csum = ICMPX_CSUM_UNKNOWN,
	};
	struct icmpx_msg msg;

	KUNIT_EXPECT_EQ(test, icmpx_parse(&pkt, &msg), ICMPX_OK);
	pkt.avail = 10;
	KUNIT_EXPECT_EQ(test, icmpx_parse(&pkt, &msg), ICMPX_R_CHECKSUM);
}

/*
 * RFC 4884: an error whose length attribute says the quoted datagram is
 * 128 bytes, followed by an extension structure (one MPLS label stack
 * object, RFC 4950).
 */
static u32 build_rfc4884(u8 *buf, u8 family, u8 words)
{
	static const u8 ext[] = {
		0x20, 0x00, 0x9c, 0xf6,		/* version 2, checksum */
		0x00, 0x08, 0x01, 0x01,		/* length 8, MPLS, incoming */
		0x00, 0x01, 0x41, 0xff,		/* label 20, TTL 255 */
	};
	static const struct icmpx_case in4 = { .hex = ICMPX_IN4_UDP };
	static const struct icmpx_case in6 = { .hex = ICMPX_IN6_UDP };
	u32 orig;

	memset(buf, 0, 300);
	if (family == ICMPX_FAMILY_IPV6) {
		buf[0] = 3;			/* time exceeded */
		buf[4] = words;			/* 64-bit words */
		icmpx_case_bytes(&in6, buf + 8, 292);
		orig = words * 8;
	} else {
		buf[0] = 11;
		buf[5] = words;			/* 32-bit words */
		icmpx_case_bytes(&in4, buf + 8, 292);
		orig = words * 4;
	}
	memcpy(buf + 8 + orig, ext, sizeof(ext));
	return 8 + orig + sizeof(ext);
}

static enum icmpx_reason parse_buf(u8 family, u8 *buf, u32 len,
				   struct icmpx_msg *msg)
{
	struct icmpx_pkt pkt = {
		.family = family, .data = buf, .avail = len, .len = len,
		.saddr = icmpx_corpus_a6_remote, .daddr = icmpx_corpus_a6_local,
		.hoplimit = 64, .csum = ICMPX_CSUM_GOOD,
	};

	return icmpx_parse(&pkt, msg);
}

/* Recompute the extension structure's own checksum after an edit. */
static void seal_ext(u8 *buf, u32 off, u32 len)
{
	u16 sum;

	buf[off + 2] = 0;
	buf[off + 3] = 0;
	sum = icmpx_csum_fold(icmpx_csum_add(0, buf + off, len - off));
	buf[off + 2] = sum >> 8;
	buf[off + 3] = sum;
}

static void rfc4884_extension(struct kunit *test)
{
	struct icmpx_msg msg;
	u8 *buf = kunit_kzalloc(test, 300, GFP_KERNEL);
	u32 len;

	KUNIT_ASSERT_NOT_NULL(test, buf);

	len = build_rfc4884(buf, ICMPX_FAMILY_IPV4, 32);
	KUNIT_EXPECT_EQ(test, parse_buf(ICMPX_FAMILY_IPV4, buf, len, &msg), ICMPX_OK);
	KUNIT_EXPECT_EQ(test, msg.flags, ICMPX_F_KNOWN | ICMPX_F_ERROR |
			ICMPX_F_INNER | ICMPX_F_EXT);
	KUNIT_EXPECT_EQ(test, msg.ext_off, 136);
	KUNIT_EXPECT_EQ(test, msg.inner.dport, 53);

	len = build_rfc4884(buf, ICMPX_FAMILY_IPV6, 16);
	KUNIT_EXPECT_EQ(test, parse_buf(ICMPX_FAMILY_IPV6, buf, len, &msg), ICMPX_OK);
	KUNIT_EXPECT_EQ(test, msg.ext_off, 136);
	KUNIT_EXPECT_EQ(test, msg.inner.dport, 53);

	/*
	 * What the stack would take with the extension flagged invalid is
	 * a message without extension here, noted by what was wrong: a
	 * quoted datagram under 128 bytes, and a length past the end.
	 */
	len = build_rfc4884(buf, ICMPX_FAMILY_IPV4, 31);
	KUNIT_EXPECT_EQ(test, parse_buf(ICMPX_FAMILY_IPV4, buf, len, &msg), ICMPX_OK);
	KUNIT_EXPECT_EQ(test, msg.notes, ICMPX_N_EXT_LENGTH);
	KUNIT_EXPECT_FALSE(test, msg.flags & ICMPX_F_EXT);
	KUNIT_EXPECT_TRUE(test, msg.flags & ICMPX_F_INNER);

	len = build_rfc4884(buf, ICMPX_FAMILY_IPV4, 32);
	KUNIT_EXPECT_EQ(test, parse_buf(ICMPX_FAMILY_IPV4, buf, 8 + 128 + 3, &msg),
			ICMPX_OK);
	KUNIT_EXPECT_EQ(test, msg.notes, ICMPX_N_EXT_LENGTH);

	/* Wrong version, checksum sealed. */
	buf[136] = 0x10;
	seal_ext(buf, 136, len);
	KUNIT_EXPECT_EQ(test, parse_buf(ICMPX_FAMILY_IPV4, buf, len, &msg), ICMPX_OK);
	KUNIT_EXPECT_EQ(test, msg.notes, ICMPX_N_EXT_INVALID);
	buf[136] = 0x20;
	seal_ext(buf, 136, len);
	KUNIT_EXPECT_EQ(test, parse_buf(ICMPX_FAMILY_IPV4, buf, len, &msg), ICMPX_OK);
	KUNIT_EXPECT_EQ(test, msg.notes, 0);
	KUNIT_EXPECT_TRUE(test, msg.flags & ICMPX_F_EXT);

	/* A wrong checksum over the structure. */
	buf[len - 1] ^= 0xff;
	KUNIT_EXPECT_EQ(test, parse_buf(ICMPX_FAMILY_IPV4, buf, len, &msg), ICMPX_OK);
	KUNIT_EXPECT_EQ(test, msg.notes, ICMPX_N_EXT_INVALID);
	KUNIT_EXPECT_FALSE(test, msg.flags & ICMPX_F_EXT);
	buf[len - 1] ^= 0xff;

	/* An object claiming more than is there. */
	buf[136 + 5] = 0x10;
	seal_ext(buf, 136, len);
	KUNIT_EXPECT_EQ(test, parse_buf(ICMPX_FAMILY_IPV4, buf, len, &msg), ICMPX_OK);
	KUNIT_EXPECT_EQ(test, msg.notes, ICMPX_N_EXT_INVALID);
	/* An object shorter than its own header. */
	buf[136 + 5] = 0x02;
	seal_ext(buf, 136, len);
	KUNIT_EXPECT_EQ(test, parse_buf(ICMPX_FAMILY_IPV4, buf, len, &msg), ICMPX_OK);
	KUNIT_EXPECT_EQ(test, msg.notes, ICMPX_N_EXT_INVALID);
	/* Two bytes after the last object. */
	buf[136 + 5] = 0x08;
	seal_ext(buf, 136, len + 2);
	KUNIT_EXPECT_EQ(test, parse_buf(ICMPX_FAMILY_IPV4, buf, len + 2, &msg),
			ICMPX_OK);
	KUNIT_EXPECT_EQ(test, msg.notes, ICMPX_N_EXT_INVALID);

	/* Without a length attribute, trailing bytes are just more quote. */
	len = build_rfc4884(buf, ICMPX_FAMILY_IPV4, 32);
	buf[5] = 0;
	KUNIT_EXPECT_EQ(test, parse_buf(ICMPX_FAMILY_IPV4, buf, len, &msg), ICMPX_OK);
	KUNIT_EXPECT_FALSE(test, msg.flags & ICMPX_F_EXT);
}

/* Only @avail bytes are read, however long the message claims to be. */
static void avail_bounds_reads(struct kunit *test)
{
	static const struct icmpx_case in4 = { .hex = ICMPX_IN4_UDP };
	struct icmpx_msg msg;
	u8 *buf = kunit_kmalloc(test, 30, GFP_KERNEL);
	u8 tmp[ICMPX_CASE_MAX];

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, icmpx_case_bytes(&in4, tmp, sizeof(tmp)), 28);
	buf[0] = 3;
	buf[1] = 3;
	memset(buf + 2, 0, 6);
	memcpy(buf + 8, tmp, 22);
	{
		struct icmpx_pkt pkt = {
			.family = ICMPX_FAMILY_IPV4, .data = buf, .avail = 30,
			.len = 1000, .csum = ICMPX_CSUM_GOOD,
		};

		KUNIT_EXPECT_EQ(test, icmpx_parse(&pkt, &msg),
				ICMPX_R_INNER_SHORT);
		KUNIT_EXPECT_EQ(test, msg.len, 1000);
	}
}

/*
 * The fixed part of every neighbor discovery, MLD, SEND and multicast
 * router discovery message, as its RFC draws it, independently of the
 * parser's own table: a message of exactly that length (zeros after the
 * type) is well formed, one byte less is not.
 */
struct fixed_len {
	u8 type;
	u8 len;
	bool ndp;		/* sent with hop limit 255 */
	const char *rfc;
};

static const struct fixed_len fixed_lengths[] = {
	{ 130, 24, false, "RFC 2710 3: MLDv1 query" },
	{ 131, 24, false, "RFC 2710 3: MLDv1 report" },
	{ 132, 24, false, "RFC 2710 3: MLDv1 done" },
	{ 133, 8, true, "RFC 4861 4.1: router solicitation" },
	{ 134, 16, true, "RFC 4861 4.2: router advertisement" },
	{ 135, 24, true, "RFC 4861 4.3: neighbor solicitation" },
	{ 136, 24, true, "RFC 4861 4.4: neighbor advertisement" },
	{ 137, 40, true, "RFC 4861 4.5: redirect" },
	{ 141, 8, true, "RFC 3122 2.1: inverse ND solicitation" },
	{ 142, 8, true, "RFC 3122 2.2: inverse ND advertisement" },
	{ 143, 8, false, "RFC 3810 5.2: MLDv2 report" },
	{ 148, 8, true, "RFC 3971 6.4.1: certification path solicitation" },
	{ 149, 12, true, "RFC 3971 6.4.2: certification path advertisement" },
	{ 151, 8, false, "RFC 4286 4: multicast router advertisement" },
	{ 152, 4, false, "RFC 4286 5.1: multicast router solicitation" },
	{ 153, 4, false, "RFC 4286 5.2: multicast router termination" },
};

static void fixed_length_desc(const struct fixed_len *f, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", f->rfc);
}

KUNIT_ARRAY_PARAM(fixed_length, fixed_lengths, fixed_length_desc);

static void fixed_length(struct kunit *test)
{
	const struct fixed_len *f = test->param_value;
	struct icmpx_pkt pkt = {
		.family = ICMPX_FAMILY_IPV6, .saddr = icmpx_corpus_a6_remote,
		.daddr = icmpx_corpus_a6_local, .hoplimit = f->ndp ? 255 : 1,
		.csum = ICMPX_CSUM_GOOD,
	};
	struct icmpx_msg msg;
	u8 *buf;

	/* Exactly sized: KASAN sees a read past the end. */
	buf = kunit_kzalloc(test, f->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	buf[0] = f->type;
	pkt.data = buf;
	pkt.avail = f->len;
	pkt.len = f->len;
	KUNIT_EXPECT_EQ(test, icmpx_parse(&pkt, &msg), ICMPX_OK);
	KUNIT_EXPECT_TRUE(test, msg.flags & ICMPX_F_KNOWN);
	KUNIT_EXPECT_EQ(test, !!(msg.flags & ICMPX_F_NDP), f->ndp);
	pkt.avail = f->len - 1;
	pkt.len = f->len - 1;
	KUNIT_EXPECT_NE(test, icmpx_parse(&pkt, &msg), ICMPX_OK);
}

/* Every note the parser can make is reached by at least one case. */
static void corpus_covers_notes(struct kunit *test)
{
	u8 seen = 0;
	int i;

	for (i = 0; i < ARRAY_SIZE(icmpx_corpus); i++)
		seen |= icmpx_corpus[i].notes;
	KUNIT_EXPECT_EQ(test, seen, ICMPX_N_EXT_LENGTH | ICMPX_N_EXT_INVALID |
			ICMPX_N_MTU);
}

static void names(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, icmpx_type_name(ICMPX_FAMILY_IPV4, 8), "echo-request");
	KUNIT_EXPECT_STREQ(test, icmpx_type_name(ICMPX_FAMILY_IPV6, 128), "echo-request");
	KUNIT_EXPECT_STREQ(test, icmpx_type_name(ICMPX_FAMILY_IPV6, 2), "packet-too-big");
	KUNIT_EXPECT_STREQ(test, icmpx_type_name(ICMPX_FAMILY_IPV6, 135),
			   "nd-neighbor-solicit");
	KUNIT_EXPECT_NULL(test, icmpx_type_name(ICMPX_FAMILY_IPV4, 2));
	KUNIT_EXPECT_NULL(test, icmpx_type_name(ICMPX_FAMILY_IPV6, 200));
	KUNIT_EXPECT_STREQ(test, icmpx_reason_name(ICMPX_R_TRUNCATED), "truncated");
	KUNIT_EXPECT_STREQ(test, icmpx_reason_name(ICMPX_R_EXTENSION), "extension");
	KUNIT_EXPECT_NULL(test, icmpx_reason_name(ICMPX_NREASON));
	KUNIT_EXPECT_STREQ(test, icmpx_family_name(ICMPX_FAMILY_IPV6), "ipv6");
}

/* Every reason has a name, and every name is distinct. */
static void reason_names_complete(struct kunit *test)
{
	int i, j;

	for (i = 0; i < ICMPX_NREASON; i++) {
		KUNIT_ASSERT_NOT_NULL(test, icmpx_reason_name(i));
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_STRNEQ(test, icmpx_reason_name(i),
					    icmpx_reason_name(j));
	}
}

/* Every reason the parser can give is reached by at least one case. */
static void corpus_covers_reasons(struct kunit *test)
{
	bool seen[ICMPX_NREASON] = {};
	int i;

	for (i = 0; i < ARRAY_SIZE(icmpx_corpus); i++)
		seen[icmpx_corpus[i].want] = true;
	for (i = 0; i < ICMPX_NREASON; i++)
		KUNIT_EXPECT_TRUE_MSG(test, seen[i] || i == ICMPX_R_CHECKSUM,
				      "no case for %s", icmpx_reason_name(i));
}

/* Every type the parser knows has a well-formed case and a malformed one. */
static void corpus_covers_types(struct kunit *test)
{
	int f, t, i;

	for (f = 0; f < ICMPX_NFAMILY; f++) {
		for (t = 0; t < 256; t++) {
			bool good = false, bad = false;

			if (!icmpx_type_name(f, t))
				continue;
			for (i = 0; i < ARRAY_SIZE(icmpx_corpus); i++) {
				const struct icmpx_case *c = &icmpx_corpus[i];
				u8 tmp[ICMPX_CASE_MAX];

				if (c->family != f ||
				    icmpx_case_bytes(c, tmp, sizeof(tmp)) < 1 ||
				    tmp[0] != t)
					continue;
				if (c->want == ICMPX_OK)
					good = true;
				else
					bad = true;
			}
			KUNIT_EXPECT_TRUE_MSG(test, good && bad,
					      "%s type %d (%s): good %d bad %d",
					      icmpx_family_name(f), t,
					      icmpx_type_name(f, t), good, bad);
		}
	}
}

static struct kunit_case parse_cases[] = {
	KUNIT_CASE_PARAM(parse_corpus, corpus_gen_params),
	KUNIT_CASE_PARAM(parse_prefixes, corpus_gen_params),
	KUNIT_CASE_PARAM(parse_checksum, corpus_gen_params),
	KUNIT_CASE_PARAM(parse_need, corpus_gen_params),
	KUNIT_CASE(checksum_known_vector),
	KUNIT_CASE(checksum_needs_whole_message),
	KUNIT_CASE(rfc4884_extension),
	KUNIT_CASE_PARAM(fixed_length, fixed_length_gen_params),
	KUNIT_CASE(corpus_covers_notes),
	KUNIT_CASE(avail_bounds_reads),
	KUNIT_CASE(parse_checksum_long),
	KUNIT_CASE(parse_partial_views),
	KUNIT_CASE(names),
	KUNIT_CASE(reason_names_complete),
	KUNIT_CASE(corpus_covers_reasons),
	KUNIT_CASE(corpus_covers_types),
	{}
};

struct kunit_suite icmpx_parse_suite = {
	.name = "icmpx-parse",
	.test_cases = parse_cases,
};
