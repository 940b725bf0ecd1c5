// SPDX-License-Identifier: GPL-2.0
/*
 * Pure ICMP/ICMPv6 message parsing.  See parse.h.
 */
#include <kunit/visibility.h>
#include <linux/export.h>
#include <linux/kernel.h>

#include "parse.h"

/*
 * Names as iproute2, nftables and tcpdump spell them, so that what
 * icmpx prints can be pasted into a ruleset.  Unnamed types print as
 * their number.
 */
static const char *const icmp_names[256] = {
	[0]  = "echo-reply",
	[3]  = "destination-unreachable",
	[4]  = "source-quench",
	[5]  = "redirect",
	[8]  = "echo-request",
	[9]  = "router-advertisement",
	[10] = "router-solicitation",
	[11] = "time-exceeded",
	[12] = "parameter-problem",
	[13] = "timestamp-request",
	[14] = "timestamp-reply",
	[15] = "info-request",
	[16] = "info-reply",
	[17] = "address-mask-request",
	[18] = "address-mask-reply",
	[42] = "extended-echo-request",
	[43] = "extended-echo-reply",
};

static const char *const icmp6_names[256] = {
	[1]   = "destination-unreachable",
	[2]   = "packet-too-big",
	[3]   = "time-exceeded",
	[4]   = "parameter-problem",
	[128] = "echo-request",
	[129] = "echo-reply",
	[130] = "mld-listener-query",
	[131] = "mld-listener-report",
	[132] = "mld-listener-done",
	[133] = "nd-router-solicit",
	[134] = "nd-router-advert",
	[135] = "nd-neighbor-solicit",
	[136] = "nd-neighbor-advert",
	[137] = "nd-redirect",
	[143] = "mld2-listener-report",
	[160] = "extended-echo-request",
	[161] = "extended-echo-reply",
};

static const char *const reason_names[ICMPX_NREASON] = {
	[ICMPX_OK]		= "ok",
	[ICMPX_R_TRUNCATED]	= "truncated",
};

const char *icmpx_family_name(enum icmpx_family family)
{
	return family == ICMPX_INET6 ? "ipv6" : "ipv4";
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_family_name);

const char *icmpx_type_name(enum icmpx_family family, u8 type)
{
	return family == ICMPX_INET6 ? icmp6_names[type] : icmp_names[type];
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_type_name);

const char *icmpx_reason_name(enum icmpx_reason reason)
{
	if ((unsigned int)reason >= ICMPX_NREASON)
		return NULL;
	return reason_names[reason];
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_reason_name);

/**
 * icmpx_parse - describe one ICMP or ICMPv6 message
 * @msg: filled in; valid fields depend on the return value
 * @family: which protocol @data holds
 * @data: the message, starting at the ICMP header
 * @avail: bytes readable at @data: all of the message, or a prefix of a
 *	long one that covers every header the parser looks at
 * @len: length of the whole message
 *
 * Return: ICMPX_OK, or the reason the message is malformed.  On failure
 * @msg->type and @msg->code are still set when they could be read, so
 * the caller can count the failure against the type it claimed to be.
 */
enum icmpx_reason icmpx_parse(struct icmpx_msg *msg, enum icmpx_family family,
			      const u8 *data, u32 avail, u32 len)
{
	avail = min(avail, len);
	msg->family = family;
	msg->type = avail >= 1 ? data[0] : 0;
	msg->code = avail >= 2 ? data[1] : 0;
	msg->len = len;

	if (avail < ICMPX_HDR_LEN)
		return ICMPX_R_TRUNCATED;
	return ICMPX_OK;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_parse);
