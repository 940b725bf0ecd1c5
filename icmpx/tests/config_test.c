// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: what surrounds the policy in the module: the router list and
 * trusted prefix parameters and replacing a namespace's policy (config.c), and the kind
 * of event a decision makes (netlink.c).
 */
#include <kunit/test.h>
#include <linux/icmp.h>
#include <linux/inet.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../config.h"
#include "../netlink.h"
#include "../netns.h"
#include "../policy.h"
#include "tests.h"

#define V4	ICMPX_FAMILY_IPV4
#define V6	ICMPX_FAMILY_IPV6

static int parse_routers(struct icmpx_policy *pol, const char *list)
{
	return icmpx_config_parse_routers(pol, list);
}

static void policy_routers_param(struct kunit *test)
{
	static const char nine[] =
		"1.1.1.1,1.1.1.2,1.1.1.3,1.1.1.4,1.1.1.5,1.1.1.6,1.1.1.7,1.1.1.8,1.1.1.9";
	struct icmpx_policy *pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);
	u8 a[16];

	KUNIT_ASSERT_NOT_NULL(test, pol);
	KUNIT_EXPECT_EQ(test, parse_routers(pol, ""), 0);
	KUNIT_EXPECT_EQ(test, parse_routers(pol, "192.0.2.1,fe80::1,fe80::2"), 0);
	KUNIT_EXPECT_EQ(test, pol->nrouters[V4], 1);
	KUNIT_EXPECT_EQ(test, pol->nrouters[V6], 2);
	KUNIT_ASSERT_TRUE(test, in6_pton("fe80::2", -1, a, -1, NULL));
	KUNIT_EXPECT_EQ(test, memcmp(pol->routers[V6][1].addr, a, 16), 0);
	KUNIT_EXPECT_EQ(test, parse_routers(pol, "router1"), -EINVAL);
	KUNIT_EXPECT_EQ(test, parse_routers(pol, "192.0.2.1x"), -EINVAL);
	KUNIT_EXPECT_EQ(test, parse_routers(pol, "192.0.2.1,,"), -EINVAL);
	KUNIT_EXPECT_EQ(test, parse_routers(pol, "192.0.2.1,"), 0);
	KUNIT_EXPECT_EQ(test, parse_routers(pol, nine), -E2BIG);

	/* A router bound to its link: ADDR%LINK. */
	KUNIT_EXPECT_EQ(test, parse_routers(pol, "fe80::1%lan0,192.0.2.1,fe80::1"), 0);
	KUNIT_ASSERT_EQ(test, pol->nrouters[V6], 2);
	KUNIT_EXPECT_STREQ(test, pol->routers[V6][0].link, "lan0");
	KUNIT_EXPECT_STREQ(test, pol->routers[V6][1].link, "");
	KUNIT_EXPECT_STREQ(test, pol->routers[V4][0].link, "");
	KUNIT_EXPECT_EQ(test, parse_routers(pol, "192.0.2.1%a123456789abcde"), 0);
	KUNIT_EXPECT_STREQ(test, pol->routers[V4][0].link, "a123456789abcde");
	KUNIT_EXPECT_EQ(test, parse_routers(pol, "fe80::1%"), -EINVAL);
	KUNIT_EXPECT_EQ(test, parse_routers(pol, "fe80::1%a/b"), -EINVAL);
	KUNIT_EXPECT_EQ(test, parse_routers(pol, "fe80::1%.."), -EINVAL);
	KUNIT_EXPECT_EQ(test, parse_routers(pol, "192.0.2.1%a123456789abcdef"), -EINVAL);
	KUNIT_EXPECT_EQ(test, parse_routers(pol, "%lan0"), -EINVAL);
}

/* trusted=: hosts and prefixes of both families, each refusal by its errno. */
static void policy_trusted_param(struct kunit *test)
{
	static const char nine[] =
		"1.1.1.1,1.1.1.2,1.1.1.3,1.1.1.4,1.1.1.5,1.1.1.6,1.1.1.7,1.1.1.8,1.1.1.0/31";
	static const char four[] = "192.0.2.0/24,2001:db8:1::/48,198.51.100.7,::/0";
	static const char *const bad[] = {
		"monitor", "192.0.2.0/", "192.0.2.0/33", "2001:db8::/129",
		"192.0.2.1/24", "192.0.2.0/24,192.0.2.0/24", "192.0.2.0/24,",
		"192.0.2.0/+24", "192.0.2.0/024x", "/24", "192.0.2.0/1000",
	};
	struct icmpx_policy *pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);
	u8 a[16];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, pol);
	KUNIT_EXPECT_EQ(test, icmpx_config_parse_trusted(pol, ""), 0);
	KUNIT_EXPECT_EQ(test, pol->ntrusted[V4] + pol->ntrusted[V6], 0);
	KUNIT_EXPECT_EQ(test, icmpx_config_parse_trusted(pol, four), 0);
	KUNIT_ASSERT_EQ(test, pol->ntrusted[V4], 2);
	KUNIT_ASSERT_EQ(test, pol->ntrusted[V6], 2);
	KUNIT_EXPECT_EQ(test, pol->trusted[V4][0].plen, 24);
	KUNIT_EXPECT_EQ(test, pol->trusted[V4][1].plen, 32);
	KUNIT_EXPECT_EQ(test, pol->trusted[V6][0].plen, 48);
	KUNIT_EXPECT_EQ(test, pol->trusted[V6][1].plen, 0);
	KUNIT_ASSERT_TRUE(test, in6_pton("2001:db8:1::", -1, a, -1, NULL));
	KUNIT_EXPECT_EQ(test, memcmp(pol->trusted[V6][0].addr, a, 16), 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, icmpx_config_parse_trusted(pol, bad[i]),
				    -EINVAL, "%s", bad[i]);
	KUNIT_EXPECT_EQ(test, icmpx_config_parse_trusted(pol, nine), -E2BIG);
}

/* A policy set is the one read back; the one it replaced is freed. */
static void policy_config_replace(struct kunit *test)
{
	struct icmpx_net *in = kunit_kzalloc(test, sizeof(*in), GFP_KERNEL);
	struct icmpx_policy *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	struct icmpx_policy *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, icmpx_config_net_init(in), 0);
	for (i = 0; i < 100; i++) {
		icmpx_policy_init(a, i % ICMPX_NPRESET);
		a->mode = i % ICMPX_NMODE;
		KUNIT_EXPECT_EQ(test, icmpx_config_set(in, a), 0);
		icmpx_config_get(in, b);
		KUNIT_EXPECT_EQ(test, memcmp(a, b, sizeof(*a)), 0);
	}
	/* kmemleak, run after the suites, finds any policy not freed. */
	icmpx_config_net_exit(in);
}

/* @a: the host preset and a limit rule for each code of destination unreachable in @codes. */
static void unreach_codes(struct kunit *test, struct icmpx_policy *a,
			  const u8 *codes, unsigned int n)
{
	struct icmpx_rule lim = { .action = ICMPX_ACTION_LIMIT,
				  .limit = ICMPX_LIMITER_ERRORS };
	unsigned int i;

	icmpx_policy_init(a, ICMPX_PRESET_HOST);
	for (i = 0; i < n; i++)
		KUNIT_ASSERT_EQ(test, icmpx_policy_set_code(a, V4, ICMP_DEST_UNREACH,
							    codes[i], &lim), 0);
}

/* The slot of (@type, @code)'s code rule in the policy in force, or -1. */
static int slot_of(struct icmpx_net *in, struct icmpx_policy *tmp, u8 type,
		   u8 code)
{
	unsigned int i;

	icmpx_config_get(in, tmp);
	for (i = 0; i < tmp->ncodes[V4]; i++)
		if (tmp->code[V4][i].type == type && tmp->code[V4][i].code == code)
			return tmp->code[V4][i].slot;
	return -1;
}

/*
 * A code rule keeps its bucket's slot for as long as it is there: when
 * another code rule goes (del moves the last one into its place), and
 * when the whole policy is built again from its preset in another
 * order (set-config, icmpxctl apply).  New ones take the lowest free.
 */
static void policy_code_slots_kept(struct kunit *test)
{
	struct icmpx_net *in = kunit_kzalloc(test, sizeof(*in), GFP_KERNEL);
	struct icmpx_policy *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	struct icmpx_policy *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	struct icmpx_policy *tmp = kunit_kzalloc(test, sizeof(*tmp), GFP_KERNEL);
	static const u8 first[] = { ICMP_NET_UNREACH, ICMP_HOST_UNREACH, ICMP_PORT_UNREACH };
	static const u8 again[] = { ICMP_PROT_UNREACH, ICMP_PORT_UNREACH, ICMP_HOST_UNREACH };
	struct icmpx_pkt pkt = { .family = V4, .avail = 2 };
	struct icmpx_decision d;
	u8 hdr[2] = { ICMP_DEST_UNREACH, ICMP_PORT_UNREACH };

	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, tmp);
	KUNIT_ASSERT_EQ(test, icmpx_config_net_init(in), 0);
	icmpx_policy_init(p, ICMPX_PRESET_HOST);

	/* Slots as rules come: 0, 1, 2. */
	unreach_codes(test, a, first, ARRAY_SIZE(first));
	KUNIT_ASSERT_EQ(test, icmpx_config_set(in, a), 0);
	KUNIT_EXPECT_EQ(test, slot_of(in, tmp, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH), 2);

	/* The first goes: the last takes its place, not its slot. */
	KUNIT_ASSERT_EQ(test, icmpx_policy_del_rule(a, p, V4, ICMP_DEST_UNREACH,
						    ICMP_NET_UNREACH), 0);
	KUNIT_EXPECT_EQ(test, a->code[V4][0].code, ICMP_PORT_UNREACH);
	KUNIT_ASSERT_EQ(test, icmpx_config_set(in, a), 0);
	KUNIT_EXPECT_EQ(test, slot_of(in, tmp, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH), 2);
	KUNIT_EXPECT_EQ(test, slot_of(in, tmp, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH), 1);
	pkt.data = hdr;
	icmpx_header_limiter(tmp, &pkt, &d);
	KUNIT_EXPECT_EQ(test, d.limiter, ICMPX_LIMITER_ERRORS + 1);
	KUNIT_EXPECT_EQ(test, d.code_rule, 3);

	/* Built again from the preset, in another order, with a new rule. */
	unreach_codes(test, a, again, ARRAY_SIZE(again));
	KUNIT_EXPECT_EQ(test, a->code[V4][0].slot, 0);
	KUNIT_ASSERT_EQ(test, icmpx_config_set(in, a), 0);
	KUNIT_EXPECT_EQ(test, slot_of(in, tmp, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH), 2);
	KUNIT_EXPECT_EQ(test, slot_of(in, tmp, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH), 1);
	KUNIT_EXPECT_EQ(test, slot_of(in, tmp, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH), 0);
	icmpx_header_limiter(tmp, &pkt, &d);
	KUNIT_EXPECT_EQ(test, d.code_rule, 3);

	/* Back to the preset: no code rule, no slot held. */
	icmpx_policy_init(a, ICMPX_PRESET_HOST);
	KUNIT_ASSERT_EQ(test, icmpx_config_set(in, a), 0);
	KUNIT_EXPECT_EQ(test, slot_of(in, tmp, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH), -1);
	icmpx_config_net_exit(in);
}

/*
 * Source quench, redirects and RAs make an event whatever became of
 * them, each kind with its own rate; other types only under a limiter.
 */
static void policy_event_kinds(struct kunit *test)
{
	static const struct {
		u8 family, type;
		u8 drop;
		u8 kind;
	} cases[] = {
		{ V4, 4, ICMPX_DROP_SOURCE_QUENCH, ICMPX_EVK_QUENCH },
		{ V4, 5, ICMPX_DROP_ERROR_SOURCE, ICMPX_EVK_REDIRECT },
		{ V4, 5, ICMPX_DROP_MALFORMED, ICMPX_EVK_REDIRECT },
		{ V6, 137, ICMPX_DROP_REDIRECT_ROUTE, ICMPX_EVK_REDIRECT },
		{ V4, 9, ICMPX_DROP_ROUTER_ADV, ICMPX_EVK_ROUTER_ADV },
		{ V6, 134, ICMPX_DROP_ROUTER_UNLISTED, ICMPX_EVK_ROUTER_ADV },
		{ V6, 134, ICMPX_DROP_MALFORMED, ICMPX_EVK_ROUTER_ADV },
		{ V4, 8, ICMPX_DROP_LIMIT, ICMPX_EVK_LIMIT },
		{ V6, 128, ICMPX_DROP_LIMIT, ICMPX_EVK_LIMIT },
		{ V4, 8, ICMPX_DROP_RULE, ICMPX_EVK_NONE },
		{ V6, 4, ICMPX_DROP_ERROR_SOURCE, ICMPX_EVK_NONE },
		{ V6, 9, ICMPX_DROP_RULE, ICMPX_EVK_NONE },
	};
	struct icmpx_msg msg = {};
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		msg.family = cases[i].family;
		msg.type = cases[i].type;
		KUNIT_EXPECT_EQ_MSG(test, icmpx_event_kind(&msg, cases[i].drop),
				    cases[i].kind, "case %d", i);
	}
}

static struct kunit_case config_cases[] = {
	KUNIT_CASE(policy_routers_param),
	KUNIT_CASE(policy_trusted_param),
	KUNIT_CASE(policy_config_replace),
	KUNIT_CASE(policy_code_slots_kept),
	KUNIT_CASE(policy_event_kinds),
	{}
};

struct kunit_suite icmpx_config_suite = {
	.name = "icmpx-config",
	.test_cases = config_cases,
};
