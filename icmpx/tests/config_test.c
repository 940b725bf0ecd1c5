// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: what surrounds the policy in the module: the router list
 * parameter and replacing a namespace's policy (config.c), and the kind
 * of event a decision makes (netlink.c).
 */
#include <kunit/test.h>
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
	KUNIT_EXPECT_EQ(test, memcmp(pol->routers[V6][1], a, 16), 0);
	KUNIT_EXPECT_EQ(test, parse_routers(pol, "router1"), -EINVAL);
	KUNIT_EXPECT_EQ(test, parse_routers(pol, "192.0.2.1x"), -EINVAL);
	KUNIT_EXPECT_EQ(test, parse_routers(pol, "192.0.2.1,,"), -EINVAL);
	KUNIT_EXPECT_EQ(test, parse_routers(pol, nine), -E2BIG);
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
	KUNIT_CASE(policy_config_replace),
	KUNIT_CASE(policy_event_kinds),
	{}
};

struct kunit_suite icmpx_config_suite = {
	.name = "icmpx-config",
	.test_cases = config_cases,
};
