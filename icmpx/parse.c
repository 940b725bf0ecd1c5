// SPDX-License-Identifier: GPL-2.0
/*
 * Pure ICMP/ICMPv6 message parsing.  See parse.h.
 *
 * Every read is bounded by pkt->avail, every length claimed by a field
 * is checked against pkt->len before it is trusted, and nothing is read
 * through a pointer the packet supplied.  Multi-byte fields are read a
 * byte at a time: the data has no alignment guarantee.
 */
#include <kunit/visibility.h>
#include <linux/bits.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "parse.h"

/* Transport protocol numbers we look into, as in IP headers. */
#define P_HOPOPTS	0
#define P_ICMP		1
#define P_TCP		6
#define P_UDP		17
#define P_DCCP		33
#define P_ROUTING	43
#define P_FRAGMENT	44
#define P_AH		51
#define P_ICMPV6	58
#define P_DSTOPTS	60
#define P_SCTP		132
#define P_UDPLITE	136

#define ANY_CODE	0xff

struct type_info {
	const char *name;
	u16 min_len;	/* whole message, header included */
	u8 flags;	/* ICMPX_F_* */
	u8 max_code;	/* highest code the RFC lets a receiver accept */
	u8 opt_off;	/* NDP: where options begin; 0: no options */
	bool fixed;	/* nothing to read past min_len: icmpx_parse_need() */
};

#define T(_name, _min, _flags) \
	{ .name = _name, .min_len = _min, .flags = ICMPX_F_KNOWN | (_flags), \
	  .max_code = ANY_CODE }
/* A type of fixed fields alone: the parser reads nothing after them. */
#define FIX(_name, _min, _flags) \
	{ .name = _name, .min_len = _min, .flags = ICMPX_F_KNOWN | (_flags), \
	  .max_code = ANY_CODE, .fixed = true }
#define NDP(_name, _min, _opt) \
	{ .name = _name, .min_len = _min, .flags = ICMPX_F_KNOWN | ICMPX_F_NDP, \
	  .max_code = 0, .opt_off = _opt }

#define ERR	ICMPX_F_ERROR
#define DEPR	ICMPX_F_DEPRECATED

/*
 * ICMPv4 types: RFC 792, 950 (address mask), 1256 (router discovery),
 * 6918 (deprecations), 8335 (extended echo).  min_len covers the fixed
 * fields; what an error message quotes is checked by inner4().
 * Names as nftables and tcpdump spell them, so that they can be pasted
 * into a ruleset.
 */
static const struct type_info icmp_types[256] = {
	[0]  = FIX("echo-reply", 8, 0),
	[3]  = T("destination-unreachable", 8, ERR),
	[4]  = T("source-quench", 8, ERR | DEPR),
	[5]  = T("redirect", 8, ERR),
	[6]  = T("alternate-host-address", 8, DEPR),
	[8]  = FIX("echo-request", 8, 0),
	[9]  = T("router-advertisement", 8, 0),
	[10] = FIX("router-solicitation", 8, 0),
	[11] = T("time-exceeded", 8, ERR),
	[12] = T("parameter-problem", 8, ERR),
	[13] = FIX("timestamp-request", 20, 0),
	[14] = FIX("timestamp-reply", 20, 0),
	[15] = FIX("info-request", 8, DEPR),
	[16] = FIX("info-reply", 8, DEPR),
	[17] = FIX("address-mask-request", 12, DEPR),
	[18] = FIX("address-mask-reply", 12, DEPR),
	[30] = T("traceroute", 8, DEPR),
	[31] = T("datagram-conversion-error", 8, DEPR),
	[32] = T("mobile-host-redirect", 8, DEPR),
	[33] = T("ipv6-where-are-you", 8, DEPR),
	[34] = T("ipv6-i-am-here", 8, DEPR),
	[35] = T("mobile-registration-request", 8, DEPR),
	[36] = T("mobile-registration-reply", 8, DEPR),
	[37] = T("domain-name-request", 8, DEPR),
	[38] = T("domain-name-reply", 8, DEPR),
	[39] = T("skip", 8, DEPR),
	[40] = T("photuris", 8, ERR),
	[41] = T("experimental-mobility", 8, 0),
	[42] = { .name = "extended-echo-request", .min_len = 16,
		 .flags = ICMPX_F_KNOWN, .max_code = 0 },
	[43] = { .name = "extended-echo-reply", .min_len = 8,
		 .flags = ICMPX_F_KNOWN, .max_code = 4 },
};

/*
 * ICMPv6 types: RFC 4443, 4861 (neighbor discovery), 2710 and 3810
 * (MLD), 3122, 3971, 4286, 4620, 6275, 6550, 6775, 8335.  What an
 * error message quotes is checked by inner6().
 */
static const struct type_info icmp6_types[256] = {
	[1]   = T("destination-unreachable", 8, ERR),
	[2]   = T("packet-too-big", 8, ERR),
	[3]   = T("time-exceeded", 8, ERR),
	[4]   = T("parameter-problem", 8, ERR),
	[128] = FIX("echo-request", 8, 0),
	[129] = FIX("echo-reply", 8, 0),
	[130] = T("mld-listener-query", 24, ICMPX_F_MLD),
	[131] = T("mld-listener-report", 24, ICMPX_F_MLD),
	[132] = T("mld-listener-done", 24, ICMPX_F_MLD),
	[133] = NDP("nd-router-solicit", 8, 8),
	[134] = NDP("nd-router-advert", 16, 16),
	[135] = NDP("nd-neighbor-solicit", 24, 24),
	[136] = NDP("nd-neighbor-advert", 24, 24),
	[137] = NDP("nd-redirect", 40, 40),
	[138] = T("router-renumbering", 16, 0),
	[139] = T("node-info-query", 16, 0),
	[140] = T("node-info-response", 16, 0),
	[141] = NDP("inverse-nd-solicit", 8, 8),
	[142] = NDP("inverse-nd-advert", 8, 8),
	[143] = T("mld2-listener-report", 8, ICMPX_F_MLD),
	[144] = T("haad-request", 8, 0),
	[145] = T("haad-reply", 8, 0),
	[146] = T("mobile-prefix-solicit", 8, 0),
	[147] = T("mobile-prefix-advert", 8, 0),
	/* RFC 3971 6.4: identifier, all components, component, reserved. */
	[148] = NDP("cert-path-solicit", 8, 8),
	[149] = NDP("cert-path-advert", 12, 12),
	/* RFC 4286 5: a solicitation and a termination are 4 bytes long. */
	[151] = T("mrd-advert", 8, 0),
	[152] = T("mrd-solicit", 4, 0),
	[153] = T("mrd-terminate", 4, 0),
	[154] = T("fmipv6", 8, 0),
	[155] = T("rpl-control", 8, 0),
	[157] = T("duplicate-address-request", 8, 0),
	[158] = T("duplicate-address-confirm", 8, 0),
	[160] = { .name = "extended-echo-request", .min_len = 16,
		  .flags = ICMPX_F_KNOWN, .max_code = 0 },
	[161] = { .name = "extended-echo-reply", .min_len = 8,
		  .flags = ICMPX_F_KNOWN, .max_code = 4 },
};

static const char *const reason_names[ICMPX_NREASON] = {
	[ICMPX_OK]		= "ok",
	[ICMPX_R_TRUNCATED]	= "truncated",
	[ICMPX_R_CHECKSUM]	= "checksum",
	[ICMPX_R_SHORT]		= "short",
	[ICMPX_R_CODE]		= "code",
	[ICMPX_R_HOPLIMIT]	= "hop-limit",
	[ICMPX_R_SOURCE]	= "source",
	[ICMPX_R_FIELD]		= "field",
	[ICMPX_R_OPTION]	= "option",
	[ICMPX_R_INNER_SHORT]	= "inner-short",
	[ICMPX_R_INNER_HDR]	= "inner-header",
	[ICMPX_R_EXTENSION]	= "extension",
};

/* The name of one ICMPX_N_* bit, or NULL. */
const char *icmpx_note_name(u8 note)
{
	switch (note) {
	case ICMPX_N_EXT_LENGTH:
		return ICMPX_EXT_LENGTH_NAME;
	case ICMPX_N_EXT_INVALID:
		return ICMPX_EXT_INVALID_NAME;
	case ICMPX_N_MTU:
		return ICMPX_MTU_LOW_NAME;
	}
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_note_name);

static const struct type_info *type_info(u8 family, u8 type)
{
	return family == ICMPX_FAMILY_IPV6 ? &icmp6_types[type] : &icmp_types[type];
}

/**
 * icmpx_parse_need - how much of a message the parser reads
 * @family: the message's family
 * @type: its type, its first byte
 * @len: its length
 *
 * The fixed fields of a type that has nothing after them (an echo
 * request: 8 bytes, whatever its payload), else all the parser may look
 * at: an error's quoted datagram and extensions, NDP's options.  A
 * caller that hands the parser this much gets the verdict it would get
 * for the whole message.
 *
 * Return: the bytes to read, at most @len and ICMPX_PARSE_MAX.
 */
u32 icmpx_parse_need(enum icmpx_family family, u8 type, u32 len)
{
	const struct type_info *ti = type_info(family, type);
	u32 need = ti->fixed ? max_t(u32, ti->min_len, ICMPX_HDR_LEN) :
		   ICMPX_PARSE_MAX;

	return min(need, len);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_parse_need);

const char *icmpx_family_name(enum icmpx_family family)
{
	return family == ICMPX_FAMILY_IPV6 ? "ipv6" : "ipv4";
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_family_name);

const char *icmpx_type_name(enum icmpx_family family, u8 type)
{
	return type_info(family, type)->name;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_type_name);

const char *icmpx_reason_name(enum icmpx_reason reason)
{
	if ((unsigned int)reason >= ICMPX_NREASON)
		return NULL;
	return reason_names[reason];
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_reason_name);

static u16 get16(const u8 *p)
{
	return (u16)p[0] << 8 | p[1];
}

static u32 get32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/*
 * The Internet checksum (RFC 1071), on bytes in network order.  Kept
 * here in plain C rather than csum_partial() so the fuzzer runs the very
 * code the KUnit corpus checks; the hooks use the kernel's own checksum
 * helpers and pass the verdict in.
 */
u32 icmpx_csum_add(u32 sum, const u8 *p, u32 len)
{
	u32 i;

	for (i = 0; i + 1 < len; i += 2) {
		sum += get16(p + i);
		sum = (sum & 0xffff) + (sum >> 16);
	}
	if (len & 1) {
		sum += (u32)p[len - 1] << 8;
		sum = (sum & 0xffff) + (sum >> 16);
	}
	return sum;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_csum_add);

u16 icmpx_csum_fold(u32 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_csum_fold);

static bool csum_ok(const struct icmpx_pkt *pkt)
{
	u32 sum = 0;

	if (pkt->family == ICMPX_FAMILY_IPV6) {
		/* RFC 8200 8.1: addresses, upper-layer length, next header. */
		const u8 pseudo[8] = { pkt->len >> 24, pkt->len >> 16,
				       pkt->len >> 8, pkt->len, 0, 0, 0, P_ICMPV6 };

		sum = icmpx_csum_add(sum, pkt->saddr, 16);
		sum = icmpx_csum_add(sum, pkt->daddr, 16);
		sum = icmpx_csum_add(sum, pseudo, sizeof(pseudo));
	}
	sum = icmpx_csum_add(sum, pkt->data, pkt->len);
	return icmpx_csum_fold(sum) == 0;
}

static bool is_unspecified6(const u8 *a)
{
	static const u8 zero[16];

	return !memcmp(a, zero, 16);
}

/* ff02::1:ffXX:XXXX, where a neighbor solicitation for DAD goes. */
static bool is_solicited_node6(const u8 *a)
{
	static const u8 prefix[13] = {
		0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff
	};

	return !memcmp(a, prefix, sizeof(prefix));
}

static bool has_ports(u8 proto)
{
	return proto == P_TCP || proto == P_UDP || proto == P_SCTP ||
	       proto == P_DCCP || proto == P_UDPLITE;
}

/* Ports (or an ICMP echo identifier) of the quoted transport header. */
static void inner_transport(const u8 *d, u32 end, struct icmpx_inner *in,
			    u32 off)
{
	if (off >= end)
		return;
	in->thoff = off;
	if (in->proto == P_ICMP || in->proto == P_ICMPV6)
		in->type = d[off];
	if (has_ports(in->proto) && off + 4 <= end) {
		in->sport = get16(d + off);
		in->dport = get16(d + off + 2);
		in->ports = true;
	} else if ((in->proto == P_ICMP || in->proto == P_ICMPV6) &&
		   off + 6 <= end) {
		in->sport = get16(d + off + 4);
	}
}

/*
 * The IPv4 datagram an ICMPv4 error quotes, at @off and ending at @end
 * (the message, or the RFC 4884 original datagram field).  RFC 792 asks
 * for its header and the first 64 bits of its data.
 */
static enum icmpx_reason inner4(const u8 *d, u32 off, u32 end,
				struct icmpx_inner *in)
{
	u32 ihl, tot, need;

	if (off + 20 > end)
		return ICMPX_R_INNER_SHORT;
	ihl = (d[off] & 0x0f) * 4;
	tot = get16(d + off + 2);
	if (d[off] >> 4 != 4 || ihl < 20 || tot < ihl)
		return ICMPX_R_INNER_HDR;
	/* A datagram shorter than header + 8 bytes is quoted whole. */
	need = ihl + min_t(u32, tot - ihl, 8);
	if (off + need > end)
		return ICMPX_R_INNER_SHORT;

	in->family = ICMPX_FAMILY_IPV4;
	in->proto = d[off + 9];
	in->offset = off;
	memcpy(in->saddr, d + off + 12, 4);
	memcpy(in->daddr, d + off + 16, 4);
	/* Only a first fragment starts with the transport header. */
	if (!(get16(d + off + 6) & 0x1fff))
		inner_transport(d, end, in, off + ihl);
	return ICMPX_OK;
}

/*
 * The IPv6 datagram an ICMPv6 error quotes.  Extension headers are
 * walked as far as the quote goes, to find the transport header.
 */
static enum icmpx_reason inner6(const u8 *d, u32 off, u32 end,
				struct icmpx_inner *in)
{
	u32 plen, p, hlen;
	u8 next;

	if (off + 40 > end)
		return ICMPX_R_INNER_SHORT;
	if (d[off] >> 4 != 6)
		return ICMPX_R_INNER_HDR;
	plen = get16(d + off + 4);
	if (off + 40 + min_t(u32, plen, 8) > end)
		return ICMPX_R_INNER_SHORT;

	in->family = ICMPX_FAMILY_IPV6;
	in->offset = off;
	memcpy(in->saddr, d + off + 8, 16);
	memcpy(in->daddr, d + off + 24, 16);

	next = d[off + 6];
	p = off + 40;
	/* Each header is at least 8 bytes long, so the walk ends. */
	for (;;) {
		if (next != P_HOPOPTS && next != P_ROUTING &&
		    next != P_DSTOPTS && next != P_FRAGMENT && next != P_AH)
			break;
		if (p + 8 > end)
			break;
		if (next == P_FRAGMENT) {
			if (get16(d + p + 2) & 0xfff8) {
				/* Not a first fragment: no transport header. */
				in->proto = d[p];
				return ICMPX_OK;
			}
			hlen = 8;
		} else if (next == P_AH) {
			hlen = (d[p + 1] + 2) * 4;
		} else {
			hlen = (d[p + 1] + 1) * 8;
		}
		next = d[p];
		p += hlen;
	}
	in->proto = next;
	if (p < end && !(next == P_HOPOPTS || next == P_ROUTING ||
			 next == P_DSTOPTS || next == P_FRAGMENT || next == P_AH))
		inner_transport(d, end, in, p);
	return ICMPX_OK;
}

/*
 * An ICMP extension structure (RFC 4884 section 7) from @off to the end
 * of the message: version 2, a checksum over the whole structure, then
 * objects whose lengths add up exactly.  Checked as far as @avail goes;
 * @off + 4 <= @len.
 */
static bool extension_ok(const u8 *d, u32 off, u32 avail, u32 len)
{
	u32 p, olen;

	/* Callers leave room for the structure's header within @len. */
	avail = min(avail, len);
	if (off + 4 > avail)
		return true;
	if (d[off] >> 4 != 2)
		return false;
	if (avail == len &&
	    icmpx_csum_fold(icmpx_csum_add(0, d + off, len - off)) != 0)
		return false;
	for (p = off + 4; p < len; p += olen) {
		if (p + 4 > len)
			return false;
		if (p + 4 > avail)
			return true;
		olen = get16(d + p);
		if (olen < 4 || olen > len - p)
			return false;
	}
	return true;
}

/*
 * RFC 4884: ICMPv4 unreachable, time exceeded and parameter problem, and
 * ICMPv6 unreachable and time exceeded, may say how long the quoted
 * datagram is (in 32-bit or 64-bit words); an extension structure then
 * follows it.  The stack takes such a message whatever the extension
 * looks like (ip_icmp_error_rfc4884() only flags it invalid), so one
 * that is wrong is read as a message without extension, and noted.
 * Narrows @end to where the quoted datagram ends.
 */
static void rfc4884(const struct icmpx_pkt *pkt, struct icmpx_msg *msg,
		    u32 *end)
{
	const u8 *d = pkt->data;
	u32 orig;

	if (pkt->family == ICMPX_FAMILY_IPV6)
		orig = d[4] * 8;
	else
		orig = d[5] * 4;
	if (!orig)
		return;
	/* Zero-padded to at least 128 bytes, and a structure header after. */
	if (orig < 128 || 8 + orig + 4 > pkt->len) {
		msg->notes |= ICMPX_N_EXT_LENGTH;
		return;
	}
	if (!extension_ok(d, 8 + orig, pkt->avail, pkt->len)) {
		msg->notes |= ICMPX_N_EXT_INVALID;
		return;
	}
	msg->flags |= ICMPX_F_EXT;
	msg->ext_off = 8 + orig;
	*end = min(*end, 8 + orig);
}

/* Walk NDP options (RFC 4861 4.6); returns a bitmap of types below 32. */
static enum icmpx_reason ndp_options(const u8 *d, u32 off, u32 avail, u32 len,
				     u32 *seen)
{
	u32 p = off;

	*seen = 0;
	while (p < len && p + 2 <= avail) {
		u32 olen = d[p + 1] * 8;

		if (!olen || p + olen > len)
			return ICMPX_R_OPTION;
		if (d[p] < 32)
			*seen |= BIT(d[p]);
		p += olen;
	}
	/* One byte left over cannot hold an option header. */
	if (p < len && p + 2 > len)
		return ICMPX_R_OPTION;
	return ICMPX_OK;
}

#define OPT_SLLA BIT(1)		/* source link-layer address */

static enum icmpx_reason parse_error(const struct icmpx_pkt *pkt,
				     struct icmpx_msg *msg)
{
	const u8 *d = pkt->data;
	u32 end = min(pkt->avail, pkt->len);
	enum icmpx_reason r;
	bool v6 = pkt->family == ICMPX_FAMILY_IPV6;

	if ((!v6 && (msg->type == 3 || msg->type == 11 || msg->type == 12)) ||
	    (v6 && (msg->type == 1 || msg->type == 3)))
		rfc4884(pkt, msg, &end);
	r = v6 ? inner6(d, 8, end, &msg->inner) : inner4(d, 8, end, &msg->inner);
	if (r)
		return r;
	msg->flags |= ICMPX_F_INNER;
	return ICMPX_OK;
}

/*
 * RFC 8335 extended echo: identifier, 8-bit sequence; a request carries
 * an extension structure naming the interface to probe.
 */
static enum icmpx_reason parse_ext_echo(const struct icmpx_pkt *pkt,
					struct icmpx_msg *msg, bool request)
{
	const u8 *d = pkt->data;

	msg->echo.id = get16(d + 4);
	msg->echo.seq = d[6];
	if (!request)
		return ICMPX_OK;
	if (!extension_ok(d, 8, pkt->avail, pkt->len))
		return ICMPX_R_EXTENSION;
	msg->flags |= ICMPX_F_EXT;
	msg->ext_off = 8;
	return ICMPX_OK;
}

static enum icmpx_reason parse_v4(const struct icmpx_pkt *pkt,
				  struct icmpx_msg *msg)
{
	const u8 *d = pkt->data;
	u32 need;

	switch (msg->type) {
	case 0:
	case 8:
	case 15:
	case 16:
		msg->echo.id = get16(d + 4);
		msg->echo.seq = get16(d + 6);
		break;
	case 3:
		/*
		 * RFC 1191: code 4 carries the next-hop MTU; 0 from old
		 * routers.  Below 68 no link has it, but the stack raises
		 * what it learns to min_pmtu (552): noted, not dropped.
		 */
		if (msg->code == 4) {
			msg->mtu = get16(d + 6);
			if (msg->mtu && msg->mtu < 68)
				msg->notes |= ICMPX_N_MTU;
		}
		break;
	case 5:
		if (msg->code > 3)
			return ICMPX_R_CODE;
		memcpy(msg->gateway, d + 4, 4);
		break;
	case 9:
		/* RFC 1256 5.2; code 16 is RFC 5944 (mobile IP). */
		if (msg->code != 0 && msg->code != 16)
			return ICMPX_R_CODE;
		msg->ra4.naddrs = d[4];
		msg->ra4.entsize = d[5];
		if (!msg->ra4.naddrs || msg->ra4.entsize < 2)
			return ICMPX_R_FIELD;
		need = 8 + msg->ra4.naddrs * msg->ra4.entsize * 4;
		if (pkt->len < need)
			return ICMPX_R_SHORT;
		break;
	case 10:
		if (msg->code)
			return ICMPX_R_CODE;
		break;
	case 12:
		msg->pointer = d[4];
		break;
	case 42:
		return parse_ext_echo(pkt, msg, true);
	case 43:
		return parse_ext_echo(pkt, msg, false);
	}
	return ICMPX_OK;
}

static enum icmpx_reason parse_mld(const struct icmpx_pkt *pkt,
				   struct icmpx_msg *msg)
{
	const u8 *d = pkt->data;
	u32 p, n, i;

	if (msg->type == 130 && pkt->len > 24) {
		/* RFC 3810 8.1: 24 bytes is MLDv1, 28 and up MLDv2. */
		if (pkt->len < 28)
			return ICMPX_R_SHORT;
		if (pkt->avail >= 28 && pkt->len < 28 + get16(d + 26) * 16)
			return ICMPX_R_SHORT;
	} else if (msg->type == 143) {
		/* Multicast address records, each with sources and aux data. */
		n = get16(d + 6);
		for (i = 0, p = 8; i < n; i++) {
			if (p + 20 > pkt->len)
				return ICMPX_R_SHORT;
			if (p + 4 > pkt->avail)
				break;
			p += 20 + get16(d + p + 2) * 16 + d[p + 1] * 4;
		}
		if (p > pkt->len)
			return ICMPX_R_SHORT;
	}
	return ICMPX_OK;
}

static enum icmpx_reason parse_ndp(const struct icmpx_pkt *pkt,
				   struct icmpx_msg *msg, u8 opt_off)
{
	const u8 *d = pkt->data;
	enum icmpx_reason r;
	u32 seen;

	/* RFC 4861 6.1, 7.1, 8.1: the packet cannot have left its link. */
	if (pkt->hoplimit != 255)
		return ICMPX_R_HOPLIMIT;

	switch (msg->type) {
	case 134:
	case 137:
		/* Only a router's link-local address may advertise or redirect. */
		if (!icmpx_linklocal6(pkt->saddr))
			return ICMPX_R_SOURCE;
		break;
	}

	switch (msg->type) {
	case 135:
	case 136:
		memcpy(msg->target, d + 8, 16);
		if (icmpx_multicast6(msg->target))
			return ICMPX_R_FIELD;
		/* A solicited advertisement answers one node, never a group. */
		if (msg->type == 136 && (d[4] & 0x40) && icmpx_multicast6(pkt->daddr))
			return ICMPX_R_FIELD;
		/* DAD probes come from :: and go to a solicited-node group. */
		if (msg->type == 135 && is_unspecified6(pkt->saddr) &&
		    !is_solicited_node6(pkt->daddr))
			return ICMPX_R_FIELD;
		break;
	case 137:
		memcpy(msg->target, d + 8, 16);
		memcpy(msg->dest, d + 24, 16);
		if (icmpx_multicast6(msg->dest))
			return ICMPX_R_FIELD;
		/* RFC 4861 8.1: a link-local router, or the destination itself. */
		if (!icmpx_linklocal6(msg->target) && memcmp(msg->target, msg->dest, 16))
			return ICMPX_R_FIELD;
		break;
	}

	r = ndp_options(d, opt_off, pkt->avail, pkt->len, &seen);
	if (r)
		return r;
	/* From :: there is no link-layer address to tell (RFC 4861 6.1.1, 7.1.1). */
	if ((msg->type == 133 || msg->type == 135) &&
	    is_unspecified6(pkt->saddr) && (seen & OPT_SLLA))
		return ICMPX_R_OPTION;
	return ICMPX_OK;
}

static enum icmpx_reason parse_v6(const struct icmpx_pkt *pkt,
				  struct icmpx_msg *msg)
{
	const u8 *d = pkt->data;

	switch (msg->type) {
	case 2:
		msg->mtu = get32(d + 4);
		/*
		 * RFC 8200 5: no IPv6 link has an MTU below 1280.  The stack
		 * learns nothing from such an MTU (RFC 8021), but still
		 * tells the sockets it concerns: noted, not dropped.
		 */
		if (msg->mtu < 1280)
			msg->notes |= ICMPX_N_MTU;
		break;
	case 4:
		msg->pointer = get32(d + 4);
		break;
	case 128:
	case 129:
		msg->echo.id = get16(d + 4);
		msg->echo.seq = get16(d + 6);
		break;
	case 160:
		return parse_ext_echo(pkt, msg, true);
	case 161:
		return parse_ext_echo(pkt, msg, false);
	}
	if (msg->flags & ICMPX_F_MLD)
		return parse_mld(pkt, msg);
	return ICMPX_OK;
}

/**
 * icmpx_parse - describe one ICMP or ICMPv6 message
 * @pkt: the message and what the IP layer knew of it
 * @msg: filled in; on failure, the fields read before the failure
 *
 * Return: ICMPX_OK, or the reason the message is malformed.  msg->type
 * and msg->code are set whenever they could be read, so a failure can be
 * counted against the type the message claimed to be.
 */
enum icmpx_reason icmpx_parse(const struct icmpx_pkt *pkt,
			      struct icmpx_msg *msg)
{
	const struct type_info *ti;
	const u8 *d = pkt->data;
	u32 avail = min(pkt->avail, pkt->len);
	enum icmpx_reason r;

	memset(msg, 0, sizeof(*msg));
	msg->family = pkt->family;
	msg->len = pkt->len;
	msg->type = avail >= 1 ? d[0] : 0;
	msg->code = avail >= 2 ? d[1] : 0;
	ti = type_info(pkt->family, msg->type);
	msg->flags = ti->flags;
	/*
	 * RFC 4443 2.1: types below 128 are errors, and an unknown error is
	 * still passed to the transport that caused it (2.4 b).
	 */
	if (pkt->family == ICMPX_FAMILY_IPV6 && msg->type < 128)
		msg->flags |= ICMPX_F_ERROR;

	/* Every ICMP header is 8 bytes long, but for RFC 4286's 4. */
	if (avail < min_t(u32, ICMPX_HDR_LEN, ti->min_len ?: ICMPX_HDR_LEN))
		return ICMPX_R_TRUNCATED;

	if (pkt->csum == ICMPX_CSUM_BAD ||
	    (pkt->csum == ICMPX_CSUM_UNKNOWN && pkt->avail >= pkt->len &&
	     !csum_ok(pkt)))
		return ICMPX_R_CHECKSUM;

	/* The fixed fields must be there, and within what we may read. */
	if (avail < ti->min_len)
		return ICMPX_R_SHORT;
	if ((ti->flags & ICMPX_F_KNOWN) && ti->max_code != ANY_CODE &&
	    msg->code > ti->max_code)
		return ICMPX_R_CODE;

	if (ti->flags & ICMPX_F_NDP) {
		r = parse_ndp(pkt, msg, ti->opt_off);
		if (r)
			return r;
	}

	r = pkt->family == ICMPX_FAMILY_IPV6 ? parse_v6(pkt, msg) : parse_v4(pkt, msg);
	if (r)
		return r;

	if (ti->flags & ICMPX_F_ERROR)
		return parse_error(pkt, msg);
	/* An unknown ICMPv6 error: describe what it quotes if it can. */
	if ((msg->flags & ICMPX_F_ERROR) &&
	    inner6(d, 8, avail, &msg->inner) == ICMPX_OK)
		msg->flags |= ICMPX_F_INNER;
	return ICMPX_OK;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_parse);
