// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the policy decision over the table of policy_cases.h, plus the
 * presets, modes, code rules, the router list parameter and replacing a
 * namespace's policy.
 */
#include <kunit/test.h>
#include <linux/inet.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../config.h"
#include "../netns.h"
#include "../policy.h"
#include "policy_cases.h"
#include "tests.h"

static bool pc_addr(u8 family, const char *s, u8 *out)
{
	memset(out, 0, 16);
	if (family == ICMPX_INET)
		return in4_pton(s, -1, out, -1, NULL);
	return in6_pton(s, -1, out, -1, NULL);
}

static void pcase_desc(const struct pcase *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(pcases, pc_cases, pcase_desc);

static void policy_decide(struct kunit *test)
{
	const struct pcase *c = test->param_value;
	struct icmpx_env env = { .ops = &pc_ops };
	struct icmpx_policy *pol;
	u8 saddr[16], daddr[16];
	struct icmpx_pkt pkt;
	struct icmpx_msg msg;
	enum icmpx_drop got;
	struct icmpx_decision d = { 0xff, 0xff };

	pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pol);
	KUNIT_ASSERT_EQ(test, pc_policy(c, pol), 0);
	KUNIT_ASSERT_EQ_MSG(test, pc_message(c, &pkt, &msg, saddr, daddr), 0,
			    "an address in case '%s' is not one", c->name);

	got = icmpx_decide(pol, &pkt, &msg, c->parsed, &env, &d);
	KUNIT_EXPECT_EQ_MSG(test, got, c->want, "got %s, want %s",
			    icmpx_drop_name(got), icmpx_drop_name(c->want));
	KUNIT_EXPECT_EQ(test, d.notes, c->notes);
	KUNIT_EXPECT_EQ(test, d.limiter, c->limiter);
}

/* The mode decides whether a drop is carried out, never what is decided. */
static void policy_modes(struct kunit *test)
{
	struct icmpx_policy *pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, pol);
	icmpx_policy_init(pol, ICMPX_PRESET_HOST);
	KUNIT_EXPECT_EQ(test, pol->mode, ICMPX_MODE_ENFORCE);
	KUNIT_EXPECT_TRUE(test, icmpx_enforced(pol, ICMPX_D_SOURCE_QUENCH));
	KUNIT_EXPECT_FALSE(test, icmpx_enforced(pol, ICMPX_D_NONE));
	pol->mode = ICMPX_MODE_MONITOR;
	KUNIT_EXPECT_FALSE(test, icmpx_enforced(pol, ICMPX_D_SOURCE_QUENCH));
	KUNIT_EXPECT_FALSE(test, icmpx_enforced(pol, ICMPX_D_MALFORMED));
	pol->mode = ICMPX_MODE_OFF;
	KUNIT_EXPECT_FALSE(test, icmpx_enforced(pol, ICMPX_D_RULE));
}

/* The settings each preset starts from (Documentation/policy.rst). */
static void policy_presets(struct kunit *test)
{
	struct icmpx_policy *pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);
	int i, t, n4, n6;

	KUNIT_ASSERT_NOT_NULL(test, pol);
	for (i = 0; i < ARRAY_SIZE(pc_presets); i++) {
		icmpx_policy_init(pol, pc_presets[i].preset);
		KUNIT_EXPECT_EQ(test, pol->preset, pc_presets[i].preset);
		KUNIT_EXPECT_EQ(test, pol->mode, ICMPX_MODE_ENFORCE);
		KUNIT_EXPECT_EQ(test, pol->source_quench, ICMPX_DROP);
		KUNIT_EXPECT_EQ(test, pol->redirect, pc_presets[i].redirect);
		KUNIT_EXPECT_EQ(test, pol->router_adv, pc_presets[i].router_adv);
		KUNIT_EXPECT_EQ(test, pol->validate_errors, pc_presets[i].validate);
		KUNIT_EXPECT_EQ(test, pol->nrouters[V4] + pol->nrouters[V6], 0);
		KUNIT_EXPECT_EQ(test, pol->ncodes[V4] + pol->ncodes[V6], 0);
		for (n4 = n6 = t = 0; t < 256; t++) {
			n4 += pol->type[V4][t].action == ICMPX_ACCEPT;
			n6 += pol->type[V6][t].action == ICMPX_ACCEPT;
		}
		KUNIT_EXPECT_EQ(test, n4, pc_presets[i].accepted4);
		KUNIT_EXPECT_EQ(test, n6, pc_presets[i].accepted6);
	}
	/* An unknown preset is the host preset, not a permissive accident. */
	icmpx_policy_init(pol, ICMPX_NPRESET);
	KUNIT_EXPECT_EQ(test, pol->preset, H);
	KUNIT_EXPECT_EQ(test, pol->type[V4][13].action, ICMPX_DROP);
}

static void policy_code_rules_bounded(struct kunit *test)
{
	struct icmpx_policy *pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);
	struct icmpx_rule drop = { .action = ICMPX_DROP };
	int i;

	KUNIT_ASSERT_NOT_NULL(test, pol);
	icmpx_policy_init(pol, H);
	for (i = 0; i < ICMPX_MAX_CODE_RULES; i++)
		KUNIT_EXPECT_EQ(test, icmpx_policy_set_code(pol, V4, 3, i, &drop), 0);
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_code(pol, V4, 3, 200, &drop),
			-ENOSPC);
	/* Replacing one in place needs no room. */
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_code(pol, V4, 3, 7, &drop), 0);
	KUNIT_EXPECT_EQ(test, pol->ncodes[V4], ICMPX_MAX_CODE_RULES);
	KUNIT_EXPECT_EQ(test, pol->ncodes[V6], 0);
}

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
	KUNIT_ASSERT_TRUE(test, pc_addr(V6, "fe80::2", a));
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

static struct kunit_case policy_cases[] = {
	KUNIT_CASE_PARAM(policy_decide, pcases_gen_params),
	KUNIT_CASE(policy_modes),
	KUNIT_CASE(policy_presets),
	KUNIT_CASE(policy_code_rules_bounded),
	KUNIT_CASE(policy_routers_param),
	KUNIT_CASE(policy_config_replace),
	{}
};

struct kunit_suite icmpx_policy_suite = {
	.name = "icmpx-policy",
	.test_cases = policy_cases,
};
