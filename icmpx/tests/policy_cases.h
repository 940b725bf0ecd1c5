/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The policy cases: (preset and changes, message, network) -> (drop
 * reason, notes), over a small made-up network.  Shared by the KUnit
 * suite (policy_test.c) and the userspace check that tools/fuzz/mutate.sh
 * runs against mutants of policy.c, so that each rule is shown to have
 * a case that fails when the rule is removed.
 *
 *   eth0 (arrival)  192.0.2.10/24      2001:db8:1::10/64, fe80::10
 *                   default via 192.0.2.1, via fe80::1; 192.0.2.2 and
 *                   fe80::2 are other routers on the link
 *   eth1            198.51.100.10/24   10.0.0.0/8 via 198.51.100.1
 *                                      2001:db8:99::/64 via fe80::99
 *   no route        100.64.0.0/10      2001:db8:dead::/48
 *
 * The includer defines pc_addr(), text to address bytes (in4_pton() in
 * the kernel, inet_pton() in userspace).
 */
#ifndef _ICMPX_POLICY_CASES_H
#define _ICMPX_POLICY_CASES_H

#include <linux/errno.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "../policy.h"

static bool pc_addr(u8 family, const char *s, u8 *out);

struct pc_route {
	const char *prefix;
	u8 plen;
	bool none;		/* unreachable: the lookup fails */
	u8 type;
	const char *gw;
	bool arrival;
};

static const struct pc_route pc_routes4[] = {
	{ "192.0.2.10", 32, .type = ICMPX_RT_LOCAL },
	{ "198.51.100.10", 32, .type = ICMPX_RT_LOCAL },
	{ "192.0.2.255", 32, .type = ICMPX_RT_BROADCAST, .arrival = true },
	{ "192.0.2.0", 24, .type = ICMPX_RT_UNICAST, .arrival = true },
	{ "198.51.100.0", 24, .type = ICMPX_RT_UNICAST },
	{ "10.0.0.0", 8, .type = ICMPX_RT_UNICAST, .gw = "198.51.100.1" },
	{ "100.64.0.0", 10, .none = true },
	{ "0.0.0.0", 0, .type = ICMPX_RT_UNICAST, .gw = "192.0.2.1",
	  .arrival = true },
};

static const struct pc_route pc_routes6[] = {
	{ "2001:db8:1::10", 128, .type = ICMPX_RT_LOCAL },
	{ "2001:db8:1::", 64, .type = ICMPX_RT_UNICAST, .arrival = true },
	{ "2001:db8:99::", 64, .type = ICMPX_RT_UNICAST, .gw = "fe80::99" },
	{ "2001:db8:dead::", 48, .none = true },
	{ "::", 0, .type = ICMPX_RT_UNICAST, .gw = "fe80::1", .arrival = true },
};

static const char *const pc_local4[] = { "192.0.2.10", "198.51.100.10", "127.0.0.1" };
static const char *const pc_local6[] = { "2001:db8:1::10", "fe80::10", "::1" };

static bool pc_prefix_match(const u8 *a, const u8 *p, unsigned int plen)
{
	unsigned int bytes = plen / 8, bits = plen % 8;

	if (memcmp(a, p, bytes))
		return false;
	return !bits || !((a[bytes] ^ p[bytes]) & (0xff00 >> bits));
}

static bool pc_local(const struct icmpx_env *env, u8 family, const u8 *a)
{
	const char *const *list = family == ICMPX_FAMILY_IPV4 ? pc_local4 : pc_local6;
	u8 l[16];
	int i;

	for (i = 0; i < 3; i++)
		if (pc_addr(family, list[i], l) &&
		    !memcmp(a, l, family == ICMPX_FAMILY_IPV4 ? 4 : 16))
			return true;
	return false;
}

static bool pc_route(const struct icmpx_env *env, u8 family, const u8 *dst,
		     const u8 *src, struct icmpx_route *rt)
{
	const struct pc_route *r = family == ICMPX_FAMILY_IPV4 ? pc_routes4 : pc_routes6;
	int i, n = family == ICMPX_FAMILY_IPV4 ? ARRAY_SIZE(pc_routes4) : ARRAY_SIZE(pc_routes6);
	u8 p[16];

	memset(rt, 0, sizeof(*rt));
	for (i = 0; i < n; i++, r++) {
		if (!pc_addr(family, r->prefix, p) ||
		    !pc_prefix_match(dst, p, r->plen))
			continue;
		if (r->none)
			return false;
		rt->type = r->type;
		rt->arrival = r->arrival;
		rt->gateway = r->gw;
		if (r->gw && !pc_addr(family, r->gw, rt->gw))
			return false;
		return true;
	}
	return false;
}

static const struct icmpx_env_ops pc_ops = {
	.local = pc_local,
	.route = pc_route,
};

/* Changes made to a preset's policy before a case runs. */
enum tweak {
	NONE,
	DROP_V4_3,		/* a rule drops every destination unreachable */
	DROP_V4_3_FORCE,
	DROP_V6_ALL,		/* a rule drops every ICMPv6 type */
	DROP_V6_ALL_FORCE,
	LIMIT_V6_ALL,		/* every ICMPv6 type limited by the errors limiter */
	LIMIT_V6_ALL_FORCE,
	CODES,			/* v4 3/13 dropped, 3/3 limited; v6 139/1 accepted */
	CODES_DELETED,		/* v4 3/13 dropped, 3/3 limited, then deleted */
	FORCE_PMTUD,		/* frag-needed and packet too big: accept, force */
	SQ_ACCEPT,
	REDIRECT_DROP,
	REDIRECT_ACCEPT,
	ROUTERS,		/* allow 192.0.2.1 and fe80::1 */
	ROUTERS_LINK,		/* 192.0.2.1 and fe80::1 on eth0, fe80::2 on eth1 */
	/* trusted 198.18.0.0/15, 2001:db8:77::/48; v4 13, 3/3 and v6 128 (forced) drop
	 * unless-trusted, v4 15 drop
	 */
	UNLESS_TRUSTED,
	NO_VALIDATE,
};

struct pcase {
	const char *name;
	u8 preset;
	u8 tweak;
	u8 family;
	u8 type;
	u8 code;
	u8 parsed;		/* the parser's verdict */
	const char *src;	/* IP source of the message */
	const char *addr;	/* v4 redirect: gateway; v6 redirect: target */
	const char *dest;	/* v6 redirect: destination */
	const char *isrc;	/* the quoted datagram, if any */
	const char *idst;
	u8 iproto;
	u8 itype;
	bool ports;
	u16 sport;
	u16 dport;
	bool unseen;		/* the quote stops before its transport header */
	bool loopback;		/* arrived on loopback */
	const char *link;	/* the arrival link: eth0 unless named */
	bool nolink;		/* ... or unknown */
	u8 want;		/* enum icmpx_drop */
	u8 notes;
	u8 limiter;		/* 1 + the limiter an accept is subject to */
	u8 code_rule;		/* 1 + the place of the code rule limiting it */
};

#define H	ICMPX_PRESET_HOST
#define R	ICMPX_PRESET_ROUTER
#define S	ICMPX_PRESET_STRICT
#define P	ICMPX_PRESET_PERMISSIVE
#define V4	ICMPX_FAMILY_IPV4
#define V6	ICMPX_FAMILY_IPV6
#define GW4	"192.0.2.1"
#define ME4	"192.0.2.10"
#define GW6	"fe80::1"
#define ME6	"2001:db8:1::10"

/* An error quoting a UDP datagram from @isrc to port 33434. */
#define UDP4(_isrc)	.isrc = _isrc, .idst = "203.0.113.5", .iproto = 17, \
			.ports = true, .sport = 40000, .dport = 33434
#define UDP6(_isrc)	.isrc = _isrc, .idst = "2001:db8:5::1", .iproto = 17, \
			.ports = true, .sport = 40000, .dport = 33434
/* A v4 redirect from @_src for the datagram we sent to @_dst: use @_gw. */
#define REDIR4Q(_src, _isrc, _dst, _gw) .family = V4, .type = 5, \
			.code = 1, .src = _src, .addr = _gw, .isrc = _isrc, \
			.idst = _dst, .iproto = 17, .ports = true, .sport = 1, \
			.dport = 2
#define REDIR4(_src, _dst, _gw) REDIR4Q(_src, ME4, _dst, _gw)
#define REDIR6(_src, _dst, _target) .family = V6, .type = 137, \
			.src = _src, .addr = _target, .dest = _dst

static const struct pcase pc_cases[] = {
	/* Malformed messages are dropped in every preset, with the parser's reason. */
	{ "checksum", H, .family = V4, .type = 8, .parsed = ICMPX_R_CHECKSUM,
	  .want = ICMPX_DROP_MALFORMED },
	{ "checksum, permissive", P, .family = V6, .type = 128,
	  .parsed = ICMPX_R_CHECKSUM, .want = ICMPX_DROP_MALFORMED },
	{ "frag-needed quoting too little, permissive", P, .family = V4,
	  .type = 3, .code = 4, .parsed = ICMPX_R_INNER_SHORT,
	  .want = ICMPX_DROP_MALFORMED },
	{ "packet-too-big truncated", H, .family = V6, .type = 2,
	  .parsed = ICMPX_R_TRUNCATED, .want = ICMPX_DROP_MALFORMED },
	{ "RA hop limit < 255, permissive", P, .family = V6, .type = 134,
	  .parsed = ICMPX_R_HOPLIMIT, .want = ICMPX_DROP_MALFORMED },
	{ "RA from global source, permissive", P, .family = V6, .type = 134,
	  .parsed = ICMPX_R_SOURCE, .want = ICMPX_DROP_MALFORMED },

	/* Types the presets accept and drop. */
	{ "echo request, host", H, .family = V4, .type = 8, .limiter = 1 },
	{ "echo request, strict", S, .family = V4, .type = 8, .limiter = 1 },
	{ "echo request v6, strict", S, .family = V6, .type = 128, .limiter = 1 },
	{ "timestamp request, host", H, .family = V4, .type = 13,
	  .want = ICMPX_DROP_RULE },
	{ "timestamp request, router", R, .family = V4, .type = 13,
	  .want = ICMPX_DROP_RULE },
	{ "timestamp request, permissive", P, .family = V4, .type = 13 },
	{ "timestamp reply, host", H, .family = V4, .type = 14 },
	{ "alternate host address, host", H, .family = V4, .type = 6,
	  .want = ICMPX_DROP_RULE },
	{ "info request, host", H, .family = V4, .type = 15,
	  .want = ICMPX_DROP_RULE },
	{ "address mask request, host", H, .family = V4, .type = 17,
	  .want = ICMPX_DROP_RULE },
	{ "address mask reply, host", H, .family = V4, .type = 18,
	  .want = ICMPX_DROP_RULE },
	{ "traceroute (30), host", H, .family = V4, .type = 30,
	  .want = ICMPX_DROP_RULE },
	{ "skip (39), router", R, .family = V4, .type = 39,
	  .want = ICMPX_DROP_RULE },
	{ "photuris (40), host", H, .family = V4, .type = 40 },
	{ "photuris (40), strict", S, .family = V4, .type = 40,
	  .want = ICMPX_DROP_RULE },
	{ "unknown v4 type, host", H, .family = V4, .type = 200 },
	{ "unknown v4 type, strict", S, .family = V4, .type = 200,
	  .want = ICMPX_DROP_RULE },
	{ "node information query, strict", S, .family = V6, .type = 139,
	  .want = ICMPX_DROP_RULE },
	{ "node information query, host", H, .family = V6, .type = 139 },
	{ "neighbor solicitation, strict", S, .family = V6, .type = 135 },
	{ "MLDv2 report, strict", S, .family = V6, .type = 143 },
	{ "unknown v6 informational, strict", S, .family = V6, .type = 200,
	  .want = ICMPX_DROP_RULE },

	/* The PMTUD guard and RFC 4890 4.3.1. */
	{ "frag-needed guarded", H, DROP_V4_3, V4, 3, 4, .isrc = ME4,
	  .idst = "203.0.113.5", .iproto = 6, .notes = ICMPX_DECIDE_GUARDED },
	{ "frag-needed forced", H, DROP_V4_3_FORCE, V4, 3, 4,
	  .want = ICMPX_DROP_RULE },
	{ "port unreachable not guarded", H, DROP_V4_3, V4, 3, 3,
	  .want = ICMPX_DROP_RULE },
	{ "packet too big guarded", H, DROP_V6_ALL, V6, 2, 0, UDP6(ME6),
	  .notes = ICMPX_DECIDE_GUARDED },
	{ "packet too big forced", H, DROP_V6_ALL_FORCE, V6, 2, 0,
	  .want = ICMPX_DROP_RULE },
	{ "v6 unreachable guarded", H, DROP_V6_ALL, V6, 1, 4, UDP6(ME6),
	  .notes = ICMPX_DECIDE_GUARDED },
	{ "v6 hop limit exceeded guarded", H, DROP_V6_ALL, V6, 3, 0, UDP6(ME6),
	  .notes = ICMPX_DECIDE_GUARDED },
	{ "v6 reassembly time exceeded not guarded", H, DROP_V6_ALL, V6, 3, 1,
	  .want = ICMPX_DROP_RULE },
	{ "v6 parameter problem, next header, guarded", H, DROP_V6_ALL, V6, 4, 1,
	  UDP6(ME6), .notes = ICMPX_DECIDE_GUARDED },
	{ "v6 parameter problem, option, guarded", H, DROP_V6_ALL, V6, 4, 2,
	  UDP6(ME6), .notes = ICMPX_DECIDE_GUARDED },
	{ "v6 parameter problem, header field, not guarded", H, DROP_V6_ALL,
	  V6, 4, 0, .want = ICMPX_DROP_RULE },
	{ "v6 echo request guarded", H, DROP_V6_ALL, V6, 128, 0,
	  .notes = ICMPX_DECIDE_GUARDED },
	{ "v6 echo reply guarded", H, DROP_V6_ALL, V6, 129, 0,
	  .notes = ICMPX_DECIDE_GUARDED },
	{ "v6 echo reply forced", H, DROP_V6_ALL_FORCE, V6, 129, 0,
	  .want = ICMPX_DROP_RULE },
	{ "v6 router solicitation guarded (RFC 4890 4.4.1)", H, DROP_V6_ALL, V6,
	  133, 0, .notes = ICMPX_DECIDE_GUARDED },
	{ "v6 node information query not guarded", H, DROP_V6_ALL, V6, 139, 0,
	  .want = ICMPX_DROP_RULE },
	/*
	 * The stack takes PMTUD messages whatever they quote (a socket's
	 * own checks decide): validation keeps them too, unless forced.
	 */
	{ "PTB for a datagram not ours kept", H, DROP_V6_ALL, V6, 2, 0,
	  UDP6("2001:db8:1::77"), .notes = ICMPX_DECIDE_GUARDED },
	{ "PTB for a datagram not ours, host preset", H, .family = V6,
	  .type = 2, UDP6("2001:db8:1::77"), .notes = ICMPX_DECIDE_GUARDED },
	{ "PTB quoting an error kept", H, .family = V6, .type = 2,
	  .isrc = ME6, .idst = "2001:db8:5::1", .iproto = 58, .itype = 1,
	  .notes = ICMPX_DECIDE_GUARDED },
	{ "frag-needed for a datagram not ours, host", H, .family = V4,
	  .type = 3, .code = 4, UDP4("192.0.2.77"), .notes = ICMPX_DECIDE_GUARDED },
	{ "frag-needed for a datagram not ours, strict", S, .family = V4,
	  .type = 3, .code = 4, UDP4("192.0.2.77"), .notes = ICMPX_DECIDE_GUARDED },
	{ "frag-needed not ours, validation forced", H, FORCE_PMTUD, V4, 3, 4,
	  UDP4("192.0.2.77"), .want = ICMPX_DROP_ERROR_SOURCE },
	{ "PTB not ours, validation forced", H, FORCE_PMTUD, V6, 2, 0,
	  UDP6("2001:db8:1::77"), .want = ICMPX_DROP_ERROR_SOURCE },
	{ "frag-needed ours, validation forced", H, FORCE_PMTUD, V4, 3, 4,
	  UDP4(ME4) },
	{ "neighbor solicitation: exempt from a limit rule", H, LIMIT_V6_ALL,
	  V6, 135, 0, .notes = ICMPX_DECIDE_GUARDED },
	{ "MLDv2 report: exempt from a limit rule", H, LIMIT_V6_ALL,
	  V6, 143, 0, .notes = ICMPX_DECIDE_GUARDED },
	{ "MRD solicitation: kept from a drop rule", H, DROP_V6_ALL,
	  V6, 152, 0, .notes = ICMPX_DECIDE_GUARDED },
	{ "certification path advertisement: kept from a drop rule", H,
	  DROP_V6_ALL, V6, 149, 0, .notes = ICMPX_DECIDE_GUARDED },

	/* Loopback: what this namespace sent itself is neither limited nor validated. */
	{ "echo request on loopback: no limiter", H, .family = V4, .type = 8,
	  .loopback = true },
	{ "port unreachable on loopback: no limiter", H, .family = V4,
	  .type = 3, .code = 3, UDP4("127.0.0.1"), .loopback = true },
	{ "error on loopback for a datagram not ours: not validated", H,
	  .family = V6, .type = 1, .code = 4, UDP6("2001:db8:1::77"),
	  .loopback = true },
	{ "drop rule on loopback: still a rule", S, .family = V4, .type = 13,
	  .loopback = true, .want = ICMPX_DROP_RULE },

	/* Limits: which limiter an accepted message is subject to. */
	{ "echo request v6, host: per-source limiter", H, .family = V6,
	  .type = 128, .limiter = 1 },
	{ "echo request, permissive: no limiter", P, .family = V4, .type = 8 },
	{ "echo reply, host: no limiter", H, .family = V4, .type = 0 },
	{ "time exceeded, host: errors limiter", H, .family = V4, .type = 11,
	  UDP4(ME4), .limiter = 2 },
	{ "frag-needed, host: exempt from the errors limiter", H, .family = V4,
	  .type = 3, .code = 4, UDP4(ME4), .notes = ICMPX_DECIDE_GUARDED },
	{ "packet too big: exempt from a limit rule", H, LIMIT_V6_ALL, V6, 2, 0,
	  UDP6(ME6), .notes = ICMPX_DECIDE_GUARDED },
	{ "packet too big: limited when forced", H, LIMIT_V6_ALL_FORCE, V6, 2,
	  0, UDP6(ME6), .limiter = 2 },
	{ "v6 unreachable: limited, only drops are guarded", H, LIMIT_V6_ALL,
	  V6, 1, 4, UDP6(ME6), .limiter = 2 },
	{ "a limit naming no limiter accepts", P, LIMIT_V6_ALL, V6, 128, 0 },

	/* Rules narrowed to a code. */
	{ "code rule drops 3/13", H, CODES, V4, 3, 13, UDP4(ME4),
	  .want = ICMPX_DROP_RULE },
	{ "code rule leaves 3/1", H, CODES, V4, 3, 1, UDP4(ME4), .limiter = 2 },
	{ "code rule limits 3/3 with a bucket of its own", H, CODES, V4, 3, 3,
	  UDP4(ME4), .limiter = 2, .code_rule = 2 },
	{ "a deleted code rule leaves 3/3 to the type's rule", H, CODES_DELETED,
	  V4, 3, 3, UDP4(ME4), .limiter = 2 },
	{ "code rule accepts 139/1", S, CODES, V6, 139, 1 },
	{ "code rule leaves 139/0", S, CODES, V6, 139, 0,
	  .want = ICMPX_DROP_RULE },

	/* Source quench, RFC 6633. */
	{ "source quench, host", H, .family = V4, .type = 4, UDP4(ME4),
	  .want = ICMPX_DROP_SOURCE_QUENCH },
	{ "source quench, permissive", P, .family = V4, .type = 4, UDP4(ME4),
	  .want = ICMPX_DROP_SOURCE_QUENCH },
	{ "source quench accepted", H, SQ_ACCEPT, V4, 4, 0, UDP4(ME4) },
	{ "source quench accepted, still validated", H, SQ_ACCEPT, V4, 4, 0,
	  UDP4("192.0.2.77"), .want = ICMPX_DROP_ERROR_SOURCE },

	/* Redirects, RFC 1122 3.2.2.2. */
	{ "v4 redirect from the gateway", H, REDIR4(GW4, "203.0.113.5", "192.0.2.2") },
	{ "v4 redirect from another router", H,
	  REDIR4("192.0.2.2", "203.0.113.5", "192.0.2.3"),
	  .want = ICMPX_DROP_REDIRECT_GATEWAY },
	{ "v4 redirect for an on-link destination", H,
	  REDIR4(GW4, "192.0.2.50", "192.0.2.2"),
	  .want = ICMPX_DROP_REDIRECT_GATEWAY },
	{ "v4 redirect from 0.0.0.0 for an on-link destination", H,
	  REDIR4("0.0.0.0", "192.0.2.50", "192.0.2.2"),
	  .want = ICMPX_DROP_REDIRECT_GATEWAY },
	{ "v4 redirect to a group gateway", H,
	  REDIR4(GW4, "203.0.113.5", "225.0.0.1"), .want = ICMPX_DROP_REDIRECT_TARGET },
	{ "v4 redirect to a gateway in 240/4", H,
	  REDIR4(GW4, "203.0.113.5", "240.0.0.1"), .want = ICMPX_DROP_REDIRECT_OFFLINK },
	{ "v4 redirect to 255.255.255.254", H,
	  REDIR4(GW4, "203.0.113.5", "255.255.255.254"),
	  .want = ICMPX_DROP_REDIRECT_OFFLINK },
	{ "v4 redirect for a destination via eth1", H,
	  REDIR4(GW4, "10.1.1.1", "192.0.2.2"), .want = ICMPX_DROP_REDIRECT_ROUTE },
	{ "v4 redirect for an unroutable destination", H,
	  REDIR4(GW4, "100.64.0.1", "192.0.2.2"), .want = ICMPX_DROP_REDIRECT_ROUTE },
	{ "v4 redirect to a multicast gateway", H,
	  REDIR4(GW4, "203.0.113.5", "224.0.0.1"),
	  .want = ICMPX_DROP_REDIRECT_TARGET },
	{ "v4 redirect to the limited broadcast", H,
	  REDIR4(GW4, "203.0.113.5", "255.255.255.255"),
	  .want = ICMPX_DROP_REDIRECT_TARGET },
	{ "v4 redirect to 0.0.0.0", H, REDIR4(GW4, "203.0.113.5", "0.0.0.0"),
	  .want = ICMPX_DROP_REDIRECT_TARGET },
	{ "v4 redirect to loopback", H, REDIR4(GW4, "203.0.113.5", "127.0.0.1"),
	  .want = ICMPX_DROP_REDIRECT_TARGET },
	{ "v4 redirect to ourselves", H, REDIR4(GW4, "203.0.113.5", ME4),
	  .want = ICMPX_DROP_REDIRECT_TARGET },
	{ "v4 redirect to the subnet broadcast", H,
	  REDIR4(GW4, "203.0.113.5", "192.0.2.255"),
	  .want = ICMPX_DROP_REDIRECT_TARGET },
	{ "v4 redirect to a gateway on eth1", H,
	  REDIR4(GW4, "203.0.113.5", "198.51.100.7"),
	  .want = ICMPX_DROP_REDIRECT_OFFLINK },
	{ "v4 redirect to an off-link gateway", H,
	  REDIR4(GW4, "203.0.113.5", "203.0.113.9"),
	  .want = ICMPX_DROP_REDIRECT_OFFLINK },
	{ "v4 redirect to an unroutable gateway", H,
	  REDIR4(GW4, "203.0.113.5", "100.64.0.9"),
	  .want = ICMPX_DROP_REDIRECT_OFFLINK },
	{ "v4 redirect for a datagram not ours", H,
	  REDIR4Q(GW4, "192.0.2.77", "203.0.113.5", "192.0.2.2"),
	  .want = ICMPX_DROP_ERROR_SOURCE },
	{ "v4 redirect, policy drop", H, REDIRECT_DROP,
	  REDIR4(GW4, "203.0.113.5", "192.0.2.2"), .want = ICMPX_DROP_REDIRECT },
	{ "v4 redirect, router preset", R,
	  REDIR4(GW4, "203.0.113.5", "192.0.2.2"), .want = ICMPX_DROP_REDIRECT },
	{ "v4 redirect, accept takes anything", H, REDIRECT_ACCEPT,
	  REDIR4("192.0.2.2", "10.1.1.1", "224.0.0.1") },

	/* Redirects, RFC 4861 8.1. */
	{ "v6 redirect from the gateway", H,
	  REDIR6(GW6, "2001:db8:5::1", "fe80::2") },
	{ "v6 redirect to the destination itself", H,
	  REDIR6(GW6, "2001:db8:5::1", "2001:db8:5::1") },
	{ "v6 redirect from another router", H,
	  REDIR6("fe80::2", "2001:db8:5::1", "fe80::3"),
	  .want = ICMPX_DROP_REDIRECT_GATEWAY },
	{ "v6 redirect for an on-link destination", H,
	  REDIR6(GW6, "2001:db8:1::50", "fe80::2"),
	  .want = ICMPX_DROP_REDIRECT_GATEWAY },
	{ "v6 redirect from :: for an on-link destination", H,
	  REDIR6("::", "2001:db8:1::50", "fe80::2"),
	  .want = ICMPX_DROP_REDIRECT_GATEWAY },
	{ "v6 redirect for a destination via eth1", H,
	  REDIR6(GW6, "2001:db8:99::1", "fe80::2"),
	  .want = ICMPX_DROP_REDIRECT_ROUTE },
	{ "v6 redirect for an unroutable destination", H,
	  REDIR6(GW6, "2001:db8:dead::1", "fe80::2"),
	  .want = ICMPX_DROP_REDIRECT_ROUTE },
	{ "v6 redirect to ourselves", H, REDIR6(GW6, "2001:db8:5::1", "fe80::10"),
	  .want = ICMPX_DROP_REDIRECT_TARGET },
	{ "v6 redirect, strict", S, REDIR6(GW6, "2001:db8:5::1", "fe80::2"),
	  .want = ICMPX_DROP_REDIRECT },
	{ "v6 redirect, permissive", P,
	  REDIR6("fe80::2", "2001:db8:dead::1", "fe80::10") },

	/* Router advertisements. */
	{ "v4 RA, host", H, .family = V4, .type = 9, .src = GW4 },
	{ "v6 RA, host", H, .family = V6, .type = 134, .src = GW6 },
	{ "v4 RA, router", R, .family = V4, .type = 9, .src = GW4,
	  .want = ICMPX_DROP_ROUTER_ADV },
	{ "v6 RA, router", R, .family = V6, .type = 134, .src = GW6,
	  .want = ICMPX_DROP_ROUTER_ADV },
	{ "v6 RA, strict, none listed", S, .family = V6, .type = 134,
	  .src = GW6, .want = ICMPX_DROP_ROUTER_UNLISTED },
	{ "v6 RA, strict, listed", S, ROUTERS, V6, 134, 0, .src = GW6 },
	{ "v6 RA, strict, not listed", S, ROUTERS, V6, 134, 0, .src = "fe80::2",
	  .want = ICMPX_DROP_ROUTER_UNLISTED },
	{ "v4 RA, strict, listed", S, ROUTERS, V4, 9, 0, .src = GW4 },
	{ "v4 RA, strict, not listed", S, ROUTERS, V4, 9, 0, .src = "192.0.2.2",
	  .want = ICMPX_DROP_ROUTER_UNLISTED },
	{ "v4 RA, a v6 router listed does not count", S, ROUTERS, V4, 9, 0,
	  .src = "254.128.0.0", .want = ICMPX_DROP_ROUTER_UNLISTED },
	/* Drop rules that trusted sources pass (the default source is trusted). */
	{ "v4 timestamp dropped unless trusted, from a trusted source", H, UNLESS_TRUSTED,
	  V4, 13, 0, .notes = ICMPX_DECIDE_TRUSTED },
	{ "v4 timestamp dropped unless trusted, from another", H, UNLESS_TRUSTED,
	  V4, 13, 0, .src = "198.20.0.1", .want = ICMPX_DROP_RULE },
	{ "v4 information request dropped, from a trusted source", H, UNLESS_TRUSTED,
	  V4, 15, 0, .want = ICMPX_DROP_RULE },
	{ "v6 echo request dropped unless trusted, from a trusted source", H,
	  UNLESS_TRUSTED, V6, 128, 0, .notes = ICMPX_DECIDE_TRUSTED },
	{ "v6 echo request dropped unless trusted, from another", H, UNLESS_TRUSTED,
	  V6, 128, 0, .src = "2001:db8:78::1", .want = ICMPX_DROP_RULE },
	{ "v4 timestamp dropped unless trusted, trusted, on loopback", H, UNLESS_TRUSTED,
	  V4, 13, 0, .loopback = true, .notes = ICMPX_DECIDE_TRUSTED },
	/* Let be by the rule, then validated: an error about another's datagram. */
	{ "v4 port unreachable dropped unless trusted, trusted, not ours", H,
	  UNLESS_TRUSTED, V4, 3, 3, UDP4("192.0.2.77"), .want = ICMPX_DROP_ERROR_SOURCE,
	  .notes = ICMPX_DECIDE_TRUSTED },
	{ "v6 RA, a router listed on any link, from another", S, ROUTERS, V6, 134, 0,
	  .src = GW6, .link = "eth1" },
	{ "v6 RA, a router listed on its link, from it", S, ROUTERS_LINK, V6, 134, 0,
	  .src = GW6 },
	{ "v6 RA, a router listed on its link, from another", S, ROUTERS_LINK, V6, 134, 0,
	  .src = GW6, .link = "eth1", .want = ICMPX_DROP_ROUTER_UNLISTED },
	{ "v6 RA, a router listed on its link, from one named longer", S, ROUTERS_LINK,
	  V6, 134, 0, .src = GW6, .link = "eth01", .want = ICMPX_DROP_ROUTER_UNLISTED },
	{ "v6 RA, a router listed on its link, arrival unknown", S, ROUTERS_LINK, V6,
	  134, 0, .src = GW6, .nolink = true, .want = ICMPX_DROP_ROUTER_UNLISTED },
	{ "v6 RA, a router listed on another link, from ours", S, ROUTERS_LINK, V6, 134, 0,
	  .src = "fe80::2", .want = ICMPX_DROP_ROUTER_UNLISTED },
	{ "v6 RA, a router listed on another link, from it", S, ROUTERS_LINK, V6, 134, 0,
	  .src = "fe80::2", .link = "eth1" },
	{ "v4 RA, a router listed on its link, from it", S, ROUTERS_LINK, V4, 9, 0,
	  .src = GW4 },
	{ "v4 RA, a router listed on its link, from another", S, ROUTERS_LINK, V4, 9, 0,
	  .src = GW4, .link = "eth1", .want = ICMPX_DROP_ROUTER_UNLISTED },

	/* Errors, RFC 5927. */
	{ "port unreachable for our datagram", H, .family = V4, .type = 3,
	  .code = 3, UDP4(ME4), .limiter = 2 },
	{ "port unreachable from our other interface", H, .family = V4,
	  .type = 3, .code = 3, UDP4("198.51.100.10"), .limiter = 2 },
	{ "port unreachable for a datagram not ours", H, .family = V4,
	  .type = 3, .code = 3, UDP4("192.0.2.77"),
	  .want = ICMPX_DROP_ERROR_SOURCE },
	{ "not ours, validation off", H, NO_VALIDATE, V4, 3, 3,
	  UDP4("192.0.2.77"), .limiter = 2 },
	{ "not ours, permissive", P, .family = V4, .type = 11,
	  UDP4("192.0.2.77") },
	{ "time exceeded quoting an error", H, .family = V4, .type = 11,
	  .isrc = ME4, .idst = "203.0.113.5", .iproto = 1, .itype = 3,
	  .want = ICMPX_DROP_ERROR_DATAGRAM },
	{ "unreachable quoting a time exceeded", H, .family = V4, .type = 3,
	  .code = 1, .isrc = ME4, .idst = "203.0.113.5", .iproto = 1, .itype = 11,
	  .want = ICMPX_DROP_ERROR_DATAGRAM },
	{ "time exceeded quoting an echo request", H, .family = V4, .type = 11,
	  .isrc = ME4, .idst = "203.0.113.5", .iproto = 1, .itype = 8, .limiter = 2 },
	{ "unreachable quoting TCP from port 0", H, .family = V4, .type = 3,
	  .code = 1, .isrc = ME4, .idst = "203.0.113.5", .iproto = 6,
	  .ports = true, .dport = 80, .want = ICMPX_DROP_ERROR_DATAGRAM },
	{ "unreachable quoting TCP to port 0", H, .family = V4, .type = 3,
	  .code = 1, .isrc = ME4, .idst = "203.0.113.5", .iproto = 6,
	  .ports = true, .sport = 80, .want = ICMPX_DROP_ERROR_DATAGRAM },
	{ "unreachable quoting TCP, ports unseen", H, .family = V4, .type = 3,
	  .code = 1, .isrc = ME4, .idst = "203.0.113.5", .iproto = 6, .limiter = 2 },
	{ "unreachable quoting TCP to a group", H, .family = V4, .type = 3,
	  .code = 1, .isrc = ME4, .idst = "224.0.0.5", .iproto = 6,
	  .ports = true, .sport = 1, .dport = 2,
	  .want = ICMPX_DROP_ERROR_DATAGRAM },
	{ "unreachable quoting TCP to the broadcast", H, .family = V4,
	  .type = 3, .code = 1, .isrc = ME4, .idst = "255.255.255.255",
	  .iproto = 6, .want = ICMPX_DROP_ERROR_DATAGRAM },
	{ "unreachable quoting UDP to a group", H, .family = V4, .type = 3,
	  .code = 1, .isrc = ME4, .idst = "224.0.0.251", .iproto = 17,
	  .ports = true, .sport = 5353, .dport = 5353, .limiter = 2 },
	{ "unreachable quoting UDP to port 0", H, .family = V4, .type = 3,
	  .code = 3, .isrc = ME4, .idst = "203.0.113.5", .iproto = 17,
	  .ports = true, .sport = 1, .want = ICMPX_DROP_ERROR_DATAGRAM },
	{ "unreachable quoting UDP from port 0", H, .family = V4, .type = 3,
	  .code = 3, .isrc = ME4, .idst = "203.0.113.5", .iproto = 17,
	  .ports = true, .dport = 53, .limiter = 2 },
	{ "parameter problem for our datagram", H, .family = V4, .type = 12,
	  UDP4(ME4), .limiter = 2 },
	{ "v6 unreachable for our datagram", H, .family = V6, .type = 1,
	  .code = 4, UDP6(ME6), .limiter = 2 },
	{ "v6 unreachable for our link-local datagram", H, .family = V6,
	  .type = 1, .code = 4, UDP6("fe80::10"), .limiter = 2 },
	{ "v6 unreachable for a datagram not ours", H, .family = V6, .type = 1,
	  .code = 4, UDP6("2001:db8:1::77"), .want = ICMPX_DROP_ERROR_SOURCE },
	{ "v6 time exceeded quoting an error", H, .family = V6, .type = 3,
	  .isrc = ME6, .idst = "2001:db8:5::1", .iproto = 58, .itype = 1,
	  .want = ICMPX_DROP_ERROR_DATAGRAM },
	{ "v6 time exceeded quoting an echo request", H, .family = V6,
	  .type = 3, .isrc = ME6, .idst = "2001:db8:5::1", .iproto = 58,
	  .itype = 128, .limiter = 2 },
	{ "v6 unknown error for a datagram not ours", H, .family = V6,
	  .type = 50, UDP6("2001:db8:1::77"), .want = ICMPX_DROP_ERROR_SOURCE },
	{ "v6 unknown error quoting nothing", H, .family = V6, .type = 50 },
	{ "v6 error quoting ICMPv4 is no error about an error", H, .family = V6, .type = 1,
	  .isrc = ME6, .idst = "2001:db8:5::1", .iproto = 1, .itype = 3, .limiter = 2 },
	{ "v6 unreachable quoting an ICMPv6 error of type 127", H, .family = V6,
	  .type = 1, .isrc = ME6, .idst = "2001:db8:5::1", .iproto = 58,
	  .itype = 127, .want = ICMPX_DROP_ERROR_DATAGRAM },
	{ "unreachable quoting a source quench", H, .family = V4, .type = 3,
	  .code = 1, .isrc = ME4, .idst = "203.0.113.5", .iproto = 1, .itype = 4,
	  .want = ICMPX_DROP_ERROR_DATAGRAM },
	{ "unreachable quoting ICMP, its header unseen", H, .family = V4,
	  .type = 3, .code = 1, .isrc = ME4, .idst = "203.0.113.5", .iproto = 1,
	  .itype = 3, .unseen = true, .limiter = 2 },
	{ "unreachable quoting SCTP from port 0", H, .family = V4, .type = 3,
	  .code = 1, .isrc = ME4, .idst = "203.0.113.5", .iproto = 132,
	  .ports = true, .dport = 80, .limiter = 2 },
	{ "unreachable quoting TCP to 225.1.1.1", H, .family = V4, .type = 3,
	  .code = 1, .isrc = ME4, .idst = "225.1.1.1", .iproto = 6,
	  .ports = true, .sport = 1, .dport = 2,
	  .want = ICMPX_DROP_ERROR_DATAGRAM },
	{ "unreachable quoting TCP to 240.0.0.1", H, .family = V4, .type = 3,
	  .code = 1, .isrc = ME4, .idst = "240.0.0.1", .iproto = 6,
	  .ports = true, .sport = 1, .dport = 2, .limiter = 2 },
	{ "unreachable quoting TCP to 255.255.255.254", H, .family = V4,
	  .type = 3, .code = 1, .isrc = ME4, .idst = "255.255.255.254",
	  .iproto = 6, .ports = true, .sport = 1, .dport = 2, .limiter = 2 },
};

/* Each preset's settings, as Documentation/policy.rst lists them. */
static const struct {
	u8 preset, redirect, router_adv;
	bool validate;
	u16 accepted4, accepted6;	/* types whose rule accepts */
} pc_presets[] = {
	{ H, ICMPX_REDIRECT_VALIDATE, ICMPX_ROUTER_ADV_ACCEPT, true, 236, 252 },
	{ R, ICMPX_REDIRECT_DROP, ICMPX_ROUTER_ADV_DROP, true, 236, 252 },
	{ S, ICMPX_REDIRECT_DROP, ICMPX_ROUTER_ADV_ALLOW, true, 4, 18 },
	{ P, ICMPX_REDIRECT_ACCEPT, ICMPX_ROUTER_ADV_ACCEPT, false, 256, 256 },
};

static bool pc_error_type(u8 family, u8 type)
{
	if (family == ICMPX_FAMILY_IPV6)
		return type < 128;
	return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
}

/* A preset's policy with a case's changes.  Returns 0 or -1. */
static int pc_policy(const struct pcase *c, struct icmpx_policy *pol)
{
	struct icmpx_rule drop = { .action = ICMPX_ACTION_DROP };
	struct icmpx_rule accept = { .action = ICMPX_ACTION_ACCEPT };
	struct icmpx_rule limit = { .action = ICMPX_ACTION_LIMIT };
	u8 a4[16], a6[16];
	int t;

	icmpx_policy_init(pol, c->preset);
	switch (c->tweak) {
	case DROP_V4_3_FORCE:
		drop.flags = ICMPX_RULE_FORCE;
		fallthrough;
	case DROP_V4_3:
		pol->type[ICMPX_FAMILY_IPV4][3] = drop;
		break;
	case DROP_V6_ALL_FORCE:
		drop.flags = ICMPX_RULE_FORCE;
		fallthrough;
	case DROP_V6_ALL:
		for (t = 0; t < 256; t++)
			pol->type[ICMPX_FAMILY_IPV6][t] = drop;
		break;
	case LIMIT_V6_ALL_FORCE:
		drop.flags = ICMPX_RULE_FORCE;
		fallthrough;
	case LIMIT_V6_ALL:
		drop.action = ICMPX_ACTION_LIMIT;
		drop.limit = ICMPX_LIMITER_ERRORS;
		for (t = 0; t < 256; t++)
			pol->type[ICMPX_FAMILY_IPV6][t] = drop;
		break;
	case CODES:
		limit.limit = ICMPX_LIMITER_ERRORS;
		if (icmpx_policy_set_code(pol, ICMPX_FAMILY_IPV4, 3, 13, &drop) ||
		    icmpx_policy_set_code(pol, ICMPX_FAMILY_IPV4, 3, 3, &limit) ||
		    icmpx_policy_set_code(pol, ICMPX_FAMILY_IPV6, 139, 1, &accept))
			return -1;
		break;
	case CODES_DELETED:
		limit.limit = ICMPX_LIMITER_ERRORS;
		if (icmpx_policy_set_code(pol, ICMPX_FAMILY_IPV4, 3, 13, &drop) ||
		    icmpx_policy_set_code(pol, ICMPX_FAMILY_IPV4, 3, 3, &limit) ||
		    icmpx_policy_del_rule(pol, pol, ICMPX_FAMILY_IPV4, 3, 3))
			return -1;
		break;
	case FORCE_PMTUD:
		accept.flags = ICMPX_RULE_FORCE;
		if (icmpx_policy_set_code(pol, ICMPX_FAMILY_IPV4, 3, 4, &accept))
			return -1;
		pol->type[ICMPX_FAMILY_IPV6][2] = accept;
		break;
	case SQ_ACCEPT:
		pol->source_quench = ICMPX_ACTION_ACCEPT;
		break;
	case REDIRECT_DROP:
		pol->redirect = ICMPX_REDIRECT_DROP;
		break;
	case REDIRECT_ACCEPT:
		pol->redirect = ICMPX_REDIRECT_ACCEPT;
		break;
	case ROUTERS:
		pol->nrouters[ICMPX_FAMILY_IPV4] = 1;
		pol->nrouters[ICMPX_FAMILY_IPV6] = 1;
		if (!pc_addr(ICMPX_FAMILY_IPV4, GW4, pol->routers[ICMPX_FAMILY_IPV4][0].addr) ||
		    !pc_addr(ICMPX_FAMILY_IPV6, GW6, pol->routers[ICMPX_FAMILY_IPV6][0].addr))
			return -1;
		break;
	case UNLESS_TRUSTED:
		drop.flags = ICMPX_RULE_UNLESS_TRUSTED;
		pol->type[ICMPX_FAMILY_IPV4][ICMP_TIMESTAMP] = drop;
		if (icmpx_policy_set_code(pol, ICMPX_FAMILY_IPV4, ICMP_DEST_UNREACH,
					  ICMP_PORT_UNREACH, &drop))
			return -1;
		/* RFC 4890 4.4.1 guards echo: force to drop it. */
		drop.flags |= ICMPX_RULE_FORCE;
		pol->type[ICMPX_FAMILY_IPV6][ICMPV6_ECHO_REQUEST] = drop;
		drop.flags = 0;
		pol->type[ICMPX_FAMILY_IPV4][ICMP_INFO_REQUEST] = drop;
		if (!pc_addr(ICMPX_FAMILY_IPV4, "198.18.0.0", a4) ||
		    !pc_addr(ICMPX_FAMILY_IPV6, "2001:db8:77::", a6) ||
		    icmpx_policy_add_trusted(pol, ICMPX_FAMILY_IPV4, a4, 15) ||
		    icmpx_policy_add_trusted(pol, ICMPX_FAMILY_IPV6, a6, 48))
			return -1;
		break;
	case ROUTERS_LINK:
		if (!pc_addr(ICMPX_FAMILY_IPV4, GW4, a4) ||
		    !pc_addr(ICMPX_FAMILY_IPV6, GW6, a6) ||
		    icmpx_policy_add_router(pol, ICMPX_FAMILY_IPV4, a4, "eth0") ||
		    icmpx_policy_add_router(pol, ICMPX_FAMILY_IPV6, a6, "eth0") ||
		    !pc_addr(ICMPX_FAMILY_IPV6, "fe80::2", a6) ||
		    icmpx_policy_add_router(pol, ICMPX_FAMILY_IPV6, a6, "eth1"))
			return -1;
		break;
	case NO_VALIDATE:
		pol->validate_errors = false;
		break;
	}
	return 0;
}

/*
 * The message a case describes, as the parser would have left it.
 * @saddr and @daddr hold the IP addresses @pkt points to.  Returns 0,
 * or -1 for an address in the case that is not one.
 */
static int pc_message(const struct pcase *c, struct icmpx_pkt *pkt,
		      struct icmpx_msg *msg, u8 *saddr, u8 *daddr)
{
	const char *src = c->src ?: (c->family == V4 ? "198.18.0.1" :
				     "2001:db8:77::1");
	bool ok;

	memset(pkt, 0, sizeof(*pkt));
	memset(msg, 0, sizeof(*msg));
	ok = pc_addr(c->family, src, saddr) &&
	     pc_addr(c->family, c->family == V4 ? ME4 : ME6, daddr);
	pkt->family = c->family;
	pkt->saddr = saddr;
	pkt->daddr = daddr;
	pkt->hoplimit = 255;
	pkt->loopback = c->loopback;
	pkt->link = c->nolink ? NULL : c->link ?: "eth0";

	msg->family = c->family;
	msg->type = c->type;
	msg->code = c->code;
	msg->flags = ICMPX_F_KNOWN;
	if (pc_error_type(c->family, c->type))
		msg->flags |= ICMPX_F_ERROR;
	if (c->isrc) {
		msg->flags |= ICMPX_F_INNER;
		msg->inner.family = c->family;
		msg->inner.proto = c->iproto;
		ok = ok && pc_addr(c->family, c->isrc, msg->inner.saddr) &&
		     pc_addr(c->family, c->idst, msg->inner.daddr);
		msg->inner.thoff = c->unseen ? 0 : c->family == V4 ? 28 : 48;
		msg->inner.type = c->itype;
		msg->inner.ports = c->ports;
		msg->inner.sport = c->sport;
		msg->inner.dport = c->dport;
	}
	if (c->addr && c->family == V4)
		ok = ok && pc_addr(V4, c->addr, msg->gateway);
	if (c->addr && c->family == V6)
		ok = ok && pc_addr(V6, c->addr, msg->target);
	if (c->dest)
		ok = ok && pc_addr(V6, c->dest, msg->dest);
	return ok ? 0 : -1;
}

/* What icmpx_rule_refusal() answers, and icmpx_policy_set_rule() with it. */
static const struct refusal_case {
	u8 family;
	u8 type;
	s16 code;
	u8 action;
	bool force;
	u8 want;		/* enum icmpx_refusal */
	bool unless_trusted;
} refusal_cases[] = {
	/* unless-trusted: for drop rules, under the guards as any drop. */
	{ V4, 8, -1, ICMPX_ACTION_ACCEPT, false, ICMPX_REFUSE_UNLESS_TRUSTED, true },
	{ V4, 8, -1, ICMPX_ACTION_LIMIT, false, ICMPX_REFUSE_UNLESS_TRUSTED, true },
	{ V4, 8, 0, ICMPX_ACTION_LIMIT, true, ICMPX_REFUSE_UNLESS_TRUSTED, true },
	{ V4, 8, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_NONE, true },
	{ V4, 3, 4, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_PMTUD, true },
	{ V6, 128, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890, true },
	{ V6, 128, -1, ICMPX_ACTION_DROP, true, ICMPX_REFUSE_NONE, true },
	/* Types a setting decides: no rule at all, forced or not. */
	{ V4, 4, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_SETTING },
	{ V4, 5, -1, ICMPX_ACTION_ACCEPT, false, ICMPX_REFUSE_SETTING },
	{ V4, 5, 1, ICMPX_ACTION_DROP, true, ICMPX_REFUSE_SETTING },
	{ V4, 9, -1, ICMPX_ACTION_LIMIT, false, ICMPX_REFUSE_SETTING },
	{ V6, 134, -1, ICMPX_ACTION_DROP, true, ICMPX_REFUSE_SETTING },
	{ V6, 137, -1, ICMPX_ACTION_LIMIT, false, ICMPX_REFUSE_SETTING },
	/* Path MTU discovery. */
	{ V4, 3, 4, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_PMTUD },
	{ V4, 3, 4, ICMPX_ACTION_LIMIT, false, ICMPX_REFUSE_PMTUD },
	{ V4, 3, 4, ICMPX_ACTION_DROP, true, ICMPX_REFUSE_NONE },
	{ V4, 3, 4, ICMPX_ACTION_ACCEPT, false, ICMPX_REFUSE_NONE },
	{ V4, 3, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_NONE },
	{ V4, 3, 3, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_NONE },
	{ V6, 2, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_PMTUD },
	{ V6, 2, 0, ICMPX_ACTION_LIMIT, false, ICMPX_REFUSE_PMTUD },
	{ V6, 2, -1, ICMPX_ACTION_LIMIT, true, ICMPX_REFUSE_NONE },
	/* Accepting, force only lets validation drop what PMTUD needs. */
	{ V4, 3, 4, ICMPX_ACTION_ACCEPT, true, ICMPX_REFUSE_NONE },
	{ V4, 3, -1, ICMPX_ACTION_ACCEPT, true, ICMPX_REFUSE_NONE },
	{ V6, 2, -1, ICMPX_ACTION_ACCEPT, true, ICMPX_REFUSE_NONE },
	{ V6, 2, 0, ICMPX_ACTION_ACCEPT, true, ICMPX_REFUSE_NONE },
	{ V4, 3, 3, ICMPX_ACTION_ACCEPT, true, ICMPX_REFUSE_FORCE },
	{ V4, 3, 0, ICMPX_ACTION_ACCEPT, true, ICMPX_REFUSE_FORCE },
	{ V4, 8, -1, ICMPX_ACTION_ACCEPT, true, ICMPX_REFUSE_FORCE },
	{ V4, 11, -1, ICMPX_ACTION_ACCEPT, true, ICMPX_REFUSE_FORCE },
	{ V6, 128, -1, ICMPX_ACTION_ACCEPT, true, ICMPX_REFUSE_FORCE },
	{ V6, 135, -1, ICMPX_ACTION_ACCEPT, true, ICMPX_REFUSE_FORCE },
	{ V6, 1, 4, ICMPX_ACTION_ACCEPT, true, ICMPX_REFUSE_FORCE },
	{ V6, 4, -1, ICMPX_ACTION_ACCEPT, true, ICMPX_REFUSE_FORCE },
	/* RFC 4890 4.4.1: errors and echo may be limited, not dropped. */
	{ V6, 1, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 1, 3, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 1, -1, ICMPX_ACTION_LIMIT, false, ICMPX_REFUSE_NONE },
	{ V6, 3, 0, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 3, 1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_NONE },
	{ V6, 3, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_NONE },
	{ V6, 4, 1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 4, 2, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 4, 0, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_NONE },
	{ V6, 128, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 128, -1, ICMPX_ACTION_LIMIT, false, ICMPX_REFUSE_NONE },
	{ V6, 129, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	/* NDP, MLD, inverse ND, SEND, MRD: neither dropped nor limited. */
	{ V6, 130, -1, ICMPX_ACTION_LIMIT, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 131, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 132, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 133, -1, ICMPX_ACTION_LIMIT, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 135, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 135, 0, ICMPX_ACTION_LIMIT, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 135, -1, ICMPX_ACTION_DROP, true, ICMPX_REFUSE_NONE },
	{ V6, 136, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 141, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 142, -1, ICMPX_ACTION_LIMIT, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 143, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 148, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 149, -1, ICMPX_ACTION_LIMIT, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 151, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 152, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_RFC4890 },
	{ V6, 153, -1, ICMPX_ACTION_LIMIT, false, ICMPX_REFUSE_RFC4890 },
	/* What a host may do without. */
	{ V6, 139, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_NONE },
	{ V6, 200, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_NONE },
	{ V4, 8, -1, ICMPX_ACTION_DROP, false, ICMPX_REFUSE_NONE },
	{ V4, 13, -1, ICMPX_ACTION_LIMIT, false, ICMPX_REFUSE_NONE },
};

/* NULL, or what is wrong with a refusal case; @pol: room for two. */
static const char *pc_refusal_check(const struct refusal_case *c,
				    struct icmpx_policy *pol)
{
	struct icmpx_rule_def def = { .action = c->action };
	int err;

	if (c->force)
		def.flags = ICMPX_RULE_FORCE;
	if (c->unless_trusted)
		def.flags |= ICMPX_RULE_UNLESS_TRUSTED;
	if (c->action == ICMPX_ACTION_LIMIT) {
		icmpx_rate_init(&def.limiter.rate, 7, 7);
		def.limiter.scope = ICMPX_SCOPE_GLOBAL;
	}
	if (icmpx_rule_refusal(c->family, c->type, c->code, &def) != c->want)
		return "icmpx_rule_refusal() answers otherwise";
	icmpx_policy_init(pol, ICMPX_PRESET_HOST);
	memcpy(&pol[1], pol, sizeof(*pol));
	err = icmpx_policy_set_rule(pol, c->family, c->type, c->code, &def);
	if (c->want == ICMPX_REFUSE_NONE)
		return err ? "set-rule refuses it" : NULL;
	if (err != -EINVAL)
		return "set-rule takes it";
	if (memcmp(pol, &pol[1], sizeof(*pol)))
		return "set-rule refuses it but changes the policy";
	return NULL;
}

/* NULL, or what preset @p gets wrong of the guards and settings. */
static const char *pc_preset_guards(u8 p, struct icmpx_policy *pol)
{
	struct icmpx_rule_def drop = { .action = ICMPX_ACTION_DROP };
	int f, t;

	icmpx_policy_init(pol, p);
	if (pol->nlimiters > ICMPX_LIMITER_ERRORS &&
	    pol->limiters[ICMPX_LIMITER_ERRORS].scope != ICMPX_SCOPE_SOURCE)
		return "its error limiter is not per source";
	for (f = 0; f < ICMPX_NFAMILY; f++) {
		for (t = 0; t < 256; t++) {
			if (icmpx_own_setting(f, t)) {
				if (pol->type[f][t].action != ICMPX_ACTION_ACCEPT)
					return "a rule on a type a setting decides";
				continue;
			}
			if (icmpx_rule_refusal(f, t, -1, &drop) != ICMPX_REFUSE_NONE &&
			    pol->type[f][t].action == ICMPX_ACTION_DROP)
				return "drops a type a host must keep";
		}
	}
	return NULL;
}

#endif /* _ICMPX_POLICY_CASES_H */
