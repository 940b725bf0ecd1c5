// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the policy decision over the table of policy_cases.h, plus the
 * presets, modes, code rules, rules set and deleted, refusals and
 * trusted prefixes.
 * Nothing here needs the kernel but KUnit: tools/fuzz builds it for
 * userspace too, for the mutation tests.
 */
#include <kunit/test.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/inet.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../policy.h"
#include "policy_cases.h"
#include "tests.h"

static bool pc_addr(u8 family, const char *s, u8 *out)
{
	memset(out, 0, 16);
	if (family == ICMPX_FAMILY_IPV4)
		return in4_pton(s, -1, out, -1, NULL);
	return in6_pton(s, -1, out, -1, NULL);
}

static void pcase_desc(const struct pcase *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(pcases, pc_cases, pcase_desc);

/* A memo of one redirect's verdict, as the hooks' route memo keeps them. */
struct pc_memo {
	bool valid;
	u8 key[ICMPX_REDIRECT_KEY];
	u8 drop;
	unsigned int asked;	/* questions to local() and route() */
	bool owned;		/* what owner() answers */
};

static bool memo_local(const struct icmpx_env *env, u8 family, const u8 *a)
{
	((struct pc_memo *)env->ctx)->asked++;
	return pc_local(env, family, a);
}

static bool memo_route(const struct icmpx_env *env, u8 family, const u8 *dst,
		       const u8 *src, struct icmpx_route *rt)
{
	((struct pc_memo *)env->ctx)->asked++;
	return pc_route(env, family, dst, src, rt);
}

static bool memo_recall(const struct icmpx_env *env, const u8 *key, u8 *drop)
{
	struct pc_memo *m = env->ctx;

	if (!m->valid || memcmp(m->key, key, ICMPX_REDIRECT_KEY))
		return false;
	*drop = m->drop;
	return true;
}

static void memo_remember(const struct icmpx_env *env, const u8 *key, u8 drop)
{
	struct pc_memo *m = env->ctx;

	m->valid = true;
	memcpy(m->key, key, ICMPX_REDIRECT_KEY);
	m->drop = drop;
}

static const struct icmpx_env_ops memo_ops = {
	.local = memo_local,
	.route = memo_route,
	.recall = memo_recall,
	.remember = memo_remember,
};

/* A transparent socket's datagram, when @owned says so. */
static bool memo_owner(const struct icmpx_env *env, const struct icmpx_inner *in)
{
	return ((struct pc_memo *)env->ctx)->owned;
}

static const struct icmpx_env_ops owner_ops = {
	.local = memo_local,
	.route = memo_route,
	.owner = memo_owner,
	.recall = memo_recall,
	.remember = memo_remember,
};

/*
 * A redirect quoting a datagram from an address not ours: validated
 * like any other when a socket owns it (IP_TRANSPARENT), refused when
 * none does, and neither verdict kept, since a socket can come and go
 * with no route changing.
 */
static void policy_redirect_owner(struct kunit *test)
{
	static const struct pcase c = {
		"v4 redirect for a transparent socket's datagram", H,
		REDIR4Q(GW4, "198.18.7.7", "203.0.113.5", "192.0.2.2"),
	};
	struct pc_memo *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct icmpx_policy *pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);
	struct icmpx_env env = { .ops = &owner_ops };
	u8 saddr[16], daddr[16];
	struct icmpx_decision d;
	struct icmpx_pkt pkt;
	struct icmpx_msg msg;

	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_NOT_NULL(test, pol);
	env.ctx = m;
	KUNIT_ASSERT_EQ(test, pc_policy(&c, pol), 0);
	KUNIT_ASSERT_EQ(test, pc_message(&c, &pkt, &msg, saddr, daddr), 0);
	m->owned = true;
	KUNIT_EXPECT_EQ(test, icmpx_decide(pol, &pkt, &msg, ICMPX_OK, &env, &d),
			ICMPX_DROP_NONE);
	KUNIT_EXPECT_FALSE(test, m->valid);
	m->owned = false;
	KUNIT_EXPECT_EQ(test, icmpx_decide(pol, &pkt, &msg, ICMPX_OK, &env, &d),
			ICMPX_DROP_ERROR_SOURCE);
	KUNIT_EXPECT_FALSE(test, m->valid);
}

/*
 * The case again, with a memo of verdicts: the same verdict, and for an
 * IPv4 redirect validated against one of our addresses, the same again
 * from the memo without a question to the routes.  A verdict that
 * rested on anything else is not kept.
 */
static void decide_memo(struct kunit *test, const struct pcase *c,
			const struct icmpx_policy *pol, struct icmpx_pkt *pkt,
			struct icmpx_msg *msg)
{
	struct pc_memo *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct icmpx_env env = { .ops = &memo_ops };
	struct icmpx_decision d;
	enum icmpx_drop got;
	unsigned int asked;
	bool kept;

	KUNIT_ASSERT_NOT_NULL(test, m);
	env.ctx = m;
	kept = c->family == V4 && c->type == ICMP_REDIRECT &&
	       c->parsed == ICMPX_OK && pol->redirect == ICMPX_REDIRECT_VALIDATE &&
	       (msg->flags & ICMPX_F_INNER) &&
	       pc_local(&env, V4, msg->inner.saddr);
	got = icmpx_decide(pol, pkt, msg, c->parsed, &env, &d);
	KUNIT_EXPECT_EQ(test, got, c->want);
	KUNIT_EXPECT_EQ_MSG(test, m->valid, kept, "verdict kept");
	if (!m->valid)
		return;
	KUNIT_EXPECT_EQ(test, m->drop, c->want);
	/* The key: the redirect's source, the quote's source and destination, the gateway. */
	KUNIT_EXPECT_MEMEQ(test, m->key, pkt->saddr, 4);
	KUNIT_EXPECT_MEMEQ(test, m->key + 4, msg->inner.saddr, 4);
	KUNIT_EXPECT_MEMEQ(test, m->key + 8, msg->inner.daddr, 4);
	KUNIT_EXPECT_MEMEQ(test, m->key + 12, msg->gateway, 4);
	asked = m->asked;
	got = icmpx_decide(pol, pkt, msg, c->parsed, &env, &d);
	KUNIT_EXPECT_EQ(test, got, c->want);
	KUNIT_EXPECT_EQ_MSG(test, m->asked, asked, "routes asked again");
}

static void policy_decide(struct kunit *test)
{
	const struct pcase *c = test->param_value;
	struct icmpx_env env = { .ops = &pc_ops };
	struct icmpx_policy *pol;
	u8 saddr[16], daddr[16];
	struct icmpx_pkt pkt;
	struct icmpx_msg msg;
	enum icmpx_drop got;
	struct icmpx_decision d = { 0xff, 0xff, 0xff };
	u8 *src;

	pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pol);
	KUNIT_ASSERT_EQ(test, pc_policy(c, pol), 0);
	KUNIT_ASSERT_EQ_MSG(test, pc_message(c, &pkt, &msg, saddr, daddr), 0,
			    "an address in case '%s' is not one", c->name);

	/* The source as the hooks pass it: exactly as long as an address. */
	src = kunit_kmalloc(test, c->family == V4 ? 4 : 16, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, src);
	memcpy(src, saddr, c->family == V4 ? 4 : 16);
	pkt.saddr = src;

	got = icmpx_decide(pol, &pkt, &msg, c->parsed, &env, &d);
	KUNIT_EXPECT_EQ_MSG(test, got, c->want, "got %s, want %s",
			    icmpx_drop_name(got), icmpx_drop_name(c->want));
	KUNIT_EXPECT_EQ(test, d.notes, c->notes);
	KUNIT_EXPECT_EQ(test, d.limiter, c->limiter);
	KUNIT_EXPECT_EQ(test, d.code_rule, c->code_rule);
	decide_memo(test, c, pol, &pkt, &msg);
}

/* The mode decides whether a drop is carried out, never what is decided. */
static void policy_modes(struct kunit *test)
{
	struct icmpx_policy *pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, pol);
	icmpx_policy_init(pol, ICMPX_PRESET_HOST);
	KUNIT_EXPECT_EQ(test, pol->mode, ICMPX_MODE_ENFORCE);
	KUNIT_EXPECT_TRUE(test, icmpx_enforced(pol, ICMPX_DROP_SOURCE_QUENCH));
	KUNIT_EXPECT_FALSE(test, icmpx_enforced(pol, ICMPX_DROP_NONE));
	pol->mode = ICMPX_MODE_MONITOR;
	KUNIT_EXPECT_FALSE(test, icmpx_enforced(pol, ICMPX_DROP_SOURCE_QUENCH));
	KUNIT_EXPECT_FALSE(test, icmpx_enforced(pol, ICMPX_DROP_MALFORMED));
	pol->mode = ICMPX_MODE_OFF;
	KUNIT_EXPECT_FALSE(test, icmpx_enforced(pol, ICMPX_DROP_RULE));
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
		KUNIT_EXPECT_EQ(test, pol->source_quench, ICMPX_ACTION_DROP);
		KUNIT_EXPECT_EQ(test, pol->redirect, pc_presets[i].redirect);
		KUNIT_EXPECT_EQ(test, pol->router_adv, pc_presets[i].router_adv);
		KUNIT_EXPECT_EQ(test, pol->validate_errors, pc_presets[i].validate);
		KUNIT_EXPECT_EQ(test, pol->nrouters[V4] + pol->nrouters[V6], 0);
		KUNIT_EXPECT_EQ(test, pol->ncodes[V4] + pol->ncodes[V6], 0);
		for (n4 = n6 = t = 0; t < 256; t++) {
			n4 += pol->type[V4][t].action == ICMPX_ACTION_ACCEPT;
			n6 += pol->type[V6][t].action == ICMPX_ACTION_ACCEPT;
		}
		KUNIT_EXPECT_EQ(test, n4, pc_presets[i].accepted4);
		KUNIT_EXPECT_EQ(test, n6, pc_presets[i].accepted6);
	}
	/* An unknown preset is the host preset, not a permissive accident. */
	icmpx_policy_init(pol, ICMPX_NPRESET);
	KUNIT_EXPECT_EQ(test, pol->preset, H);
	KUNIT_EXPECT_EQ(test, pol->type[V4][13].action, ICMPX_ACTION_DROP);
}

static void policy_code_rules_bounded(struct kunit *test)
{
	struct icmpx_policy *pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);
	struct icmpx_rule drop = { .action = ICMPX_ACTION_DROP };
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

	/*
	 * Type 0 code 0 is a rule like any, replaced in place at the
	 * first place too; a code rule keeps its own flags, never the
	 * type's mark of having code rules.
	 */
	icmpx_policy_init(pol, H);
	drop.flags = ICMPX_RULE_FORCE | ICMPX_RULE_CODES;
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_code(pol, V4, 0, 0, &drop), 0);
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_code(pol, V4, 0, 0, &drop), 0);
	KUNIT_EXPECT_EQ(test, pol->ncodes[V4], 1);
	KUNIT_EXPECT_EQ(test, pol->code[V4][0].rule.flags, ICMPX_RULE_FORCE);
	KUNIT_EXPECT_TRUE(test, pol->type[V4][0].flags & ICMPX_RULE_CODES);
}

/* The slot of (@type, @code)'s code rule in @pol, or -1. */
static int slot_of(const struct icmpx_policy *pol, u8 f, u8 type, u8 code)
{
	unsigned int i;

	for (i = 0; i < pol->ncodes[f]; i++)
		if (pol->code[f][i].type == type && pol->code[f][i].code == code)
			return pol->code[f][i].slot;
	return -1;
}

/* The code_rule a header of (@type, @code) names in @pol: 1 + its slot. */
static u8 header_slot(const struct icmpx_policy *pol, u8 f, u8 type, u8 code)
{
	struct icmpx_pkt pkt = { .family = f, .avail = 2 };
	u8 hdr[2] = { type, code };
	struct icmpx_decision d;

	pkt.data = hdr;
	icmpx_header_limiter(pol, &pkt, &d);
	return d.code_rule;
}

/* @pol: the host preset and a limit rule for each IPv4 (type, code) of @tc. */
static void with_codes(struct kunit *test, struct icmpx_policy *pol,
		       const u8 (*tc)[2], unsigned int n)
{
	struct icmpx_rule lim = { .action = ICMPX_ACTION_LIMIT,
				  .limit = ICMPX_LIMITER_ERRORS };
	unsigned int i;

	icmpx_policy_init(pol, H);
	for (i = 0; i < n; i++)
		KUNIT_ASSERT_EQ(test, icmpx_policy_set_code(pol, V4, tc[i][0], tc[i][1],
							    &lim), 0);
}

/*
 * A code rule's bucket slot is its own while it lasts: new ones take the
 * lowest free, per family; deleting one moves the last into its place
 * but not into its slot; a policy built again in another order gets its
 * old slots back from the policy in force, the new rules the free ones.
 */
static void policy_code_slots(struct kunit *test)
{
	struct icmpx_policy *pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);
	struct icmpx_policy *old = kunit_kzalloc(test, sizeof(*old), GFP_KERNEL);
	struct icmpx_policy *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	struct icmpx_rule lim = { .action = ICMPX_ACTION_LIMIT,
				  .limit = ICMPX_LIMITER_ERRORS };
	static const u8 again[][2] = {
		{ ICMP_DEST_UNREACH, 9 }, { ICMP_DEST_UNREACH, 2 }, { ICMP_DEST_UNREACH, 7 },
		{ ICMP_DEST_UNREACH, 0 }, { ICMP_DEST_UNREACH, 5 }, { ICMP_DEST_UNREACH, 13 },
		{ ICMP_DEST_UNREACH, 3 },
	};
	static const u8 other_type[][2] = { { ICMP_TIME_EXCEEDED, 3 }, { ICMP_DEST_UNREACH, 1 } };
	static const u8 one[][2] = { { ICMP_DEST_UNREACH, 1 } };
	static const u8 reply_first[][2] = { { ICMP_ECHOREPLY, 0 }, { ICMP_DEST_UNREACH, 1 } };
	static const u8 timex_last[][2] = { { ICMP_DEST_UNREACH, 1 }, { ICMP_TIME_EXCEEDED, 0 } };
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, pol);
	KUNIT_ASSERT_NOT_NULL(test, old);
	KUNIT_ASSERT_NOT_NULL(test, p);
	icmpx_policy_init(p, H);
	icmpx_policy_init(pol, H);
	for (i = 0; i < 4; i++)
		KUNIT_ASSERT_EQ(test, icmpx_policy_set_code(pol, V4, ICMP_DEST_UNREACH,
							    i, &lim), 0);
	KUNIT_ASSERT_EQ(test, icmpx_policy_set_code(pol, V6, ICMPV6_DEST_UNREACH,
						    ICMPV6_ADM_PROHIBITED, &lim), 0);
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_DEST_UNREACH, i), i);
		KUNIT_EXPECT_EQ(test, header_slot(pol, V4, ICMP_DEST_UNREACH, i), i + 1);
	}
	/* Each family counts its own. */
	KUNIT_EXPECT_EQ(test, slot_of(pol, V6, ICMPV6_DEST_UNREACH, ICMPV6_ADM_PROHIBITED), 0);
	/* Set again in place: the slot stays. */
	KUNIT_ASSERT_EQ(test, icmpx_policy_set_code(pol, V4, ICMP_DEST_UNREACH, 1, &lim), 0);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_DEST_UNREACH, 1), 1);

	/* Code 0 goes: code 3 takes its place, keeps slot 3; a new one gets 0. */
	KUNIT_ASSERT_EQ(test, icmpx_policy_del_rule(pol, p, V4, ICMP_DEST_UNREACH, 0), 0);
	KUNIT_EXPECT_EQ(test, pol->code[V4][0].code, 3);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_DEST_UNREACH, 3), 3);
	KUNIT_EXPECT_EQ(test, header_slot(pol, V4, ICMP_DEST_UNREACH, 3), 4);
	KUNIT_ASSERT_EQ(test, icmpx_policy_set_code(pol, V4, ICMP_DEST_UNREACH, 12, &lim), 0);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_DEST_UNREACH, 12), 0);
	/* Slots 0 to 3 held: the next is 4. */
	KUNIT_ASSERT_EQ(test, icmpx_policy_set_code(pol, V4, ICMP_DEST_UNREACH, 13, &lim), 0);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_DEST_UNREACH, 13), 4);

	/*
	 * In force: codes 3 (slot 3), 1 (1), 2 (2), 12 (0), 13 (4).  Built
	 * again from the preset with 9, 2, 7, 0, 5 then 13 and 3: 2, 13 and
	 * 3 get theirs back, the new ones 0, 5, 6, 7 in order.
	 */
	*old = *pol;
	with_codes(test, pol, again, ARRAY_SIZE(again));
	icmpx_policy_keep_slots(pol, old);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_DEST_UNREACH, 2), 2);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_DEST_UNREACH, 13), 4);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_DEST_UNREACH, 3), 3);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_DEST_UNREACH, 9), 0);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_DEST_UNREACH, 7), 1);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_DEST_UNREACH, 0), 5);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_DEST_UNREACH, 5), 6);
	KUNIT_EXPECT_EQ(test, header_slot(pol, V4, ICMP_DEST_UNREACH, 2), 3);
	/* The other family's rule is gone: nothing of it is kept. */
	KUNIT_EXPECT_EQ(test, pol->ncodes[V6], 0);
	/* A rule whose code matches but type does not is a new rule. */
	with_codes(test, pol, other_type, ARRAY_SIZE(other_type));
	icmpx_policy_keep_slots(pol, old);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_DEST_UNREACH, 1), 1);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_TIME_EXCEEDED, 3), 0);

	/*
	 * Only the rules there are count, not what lies past them: a new
	 * echo-reply code 0 rule is not the zeroed place after the one
	 * rule in force, and the zeroed place after the new policy's rules
	 * is not the echo-reply rule in force.
	 */
	with_codes(test, old, one, ARRAY_SIZE(one));
	with_codes(test, pol, reply_first, ARRAY_SIZE(reply_first));
	icmpx_policy_keep_slots(pol, old);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_DEST_UNREACH, 1), 0);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_ECHOREPLY, 0), 1);
	*old = *pol;
	with_codes(test, pol, timex_last, ARRAY_SIZE(timex_last));
	icmpx_policy_keep_slots(pol, old);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_DEST_UNREACH, 1), 0);
	KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_TIME_EXCEEDED, 0), 1);

	/* 32 rules, all new: every slot once. */
	icmpx_policy_init(pol, H);
	for (i = 0; i < ICMPX_MAX_CODE_RULES; i++)
		KUNIT_ASSERT_EQ(test, icmpx_policy_set_code(pol, V4, ICMP_PARAMETERPROB,
							    i, &lim), 0);
	icmpx_policy_keep_slots(pol, old);
	for (i = 0; i < ICMPX_MAX_CODE_RULES; i++)
		KUNIT_EXPECT_EQ(test, slot_of(pol, V4, ICMP_PARAMETERPROB, i), i);
}

/* One trusted prefix and an address it does or does not cover. */
struct trust_case {
	u8 family;
	const char *prefix;
	u8 plen;
	const char *addr;
	bool trusted;
};

static const struct trust_case trust_cases[] = {
	{ ICMPX_FAMILY_IPV4, "192.0.2.0", 24, "192.0.2.255", true },
	{ ICMPX_FAMILY_IPV4, "192.0.2.0", 24, "192.0.3.0", false },
	{ ICMPX_FAMILY_IPV4, "192.0.2.0", 23, "192.0.3.9", true },
	{ ICMPX_FAMILY_IPV4, "192.0.2.0", 25, "192.0.2.127", true },
	{ ICMPX_FAMILY_IPV4, "192.0.2.0", 25, "192.0.2.128", false },
	{ ICMPX_FAMILY_IPV4, "192.0.2.7", 32, "192.0.2.7", true },
	{ ICMPX_FAMILY_IPV4, "192.0.2.7", 32, "192.0.2.6", false },
	{ ICMPX_FAMILY_IPV4, "128.0.0.0", 1, "200.1.2.3", true },
	{ ICMPX_FAMILY_IPV4, "128.0.0.0", 1, "127.255.255.255", false },
	{ ICMPX_FAMILY_IPV4, "0.0.0.0", 0, "203.0.113.1", true },
	{ ICMPX_FAMILY_IPV6, "2001:db8::", 64, "2001:db8::ffff:1", true },
	{ ICMPX_FAMILY_IPV6, "2001:db8::", 64, "2001:db8:0:1::1", false },
	{ ICMPX_FAMILY_IPV6, "2001:db8::", 33, "2001:db8:7fff::1", true },
	{ ICMPX_FAMILY_IPV6, "2001:db8::", 33, "2001:db8:8000::1", false },
	{ ICMPX_FAMILY_IPV6, "2001:db8::1", 128, "2001:db8::1", true },
	{ ICMPX_FAMILY_IPV6, "2001:db8::1", 128, "2001:db8::3", false },
	{ ICMPX_FAMILY_IPV6, "2001:db8::", 127, "2001:db8::1", true },
	{ ICMPX_FAMILY_IPV6, "2001:db8::", 127, "2001:db8::2", false },
	{ ICMPX_FAMILY_IPV6, "::", 0, "fe80::1", true },
};

/* Prefixes match on their bits, each family on its own list. */
static void policy_trusted(struct kunit *test)
{
	struct icmpx_policy *pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);
	const struct trust_case *c;
	u8 pfx[16], addr[16];
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, pol);
	for (i = 0; i < ARRAY_SIZE(trust_cases); i++) {
		c = &trust_cases[i];
		memset(pol, 0, sizeof(*pol));
		KUNIT_ASSERT_TRUE(test, pc_addr(c->family, c->prefix, pfx));
		KUNIT_ASSERT_TRUE(test, pc_addr(c->family, c->addr, addr));
		KUNIT_EXPECT_FALSE_MSG(test, icmpx_trusted(pol, c->family, addr),
				       "%s: no prefix listed", c->addr);
		KUNIT_ASSERT_EQ_MSG(test, icmpx_policy_add_trusted(pol, c->family,
								   pfx, c->plen),
				    ICMPX_TRUST_OK, "%s/%u", c->prefix, c->plen);
		KUNIT_EXPECT_EQ_MSG(test, icmpx_trusted(pol, c->family, addr),
				    c->trusted, "%s/%u and %s", c->prefix,
				    c->plen, c->addr);
		/* The other family's list is not consulted. */
		KUNIT_EXPECT_FALSE(test, icmpx_trusted(pol, !c->family, addr));
	}

	/* The second of two prefixes matches as well as the first. */
	memset(pol, 0, sizeof(*pol));
	pc_addr(ICMPX_FAMILY_IPV4, "10.0.0.0", pfx);
	icmpx_policy_add_trusted(pol, ICMPX_FAMILY_IPV4, pfx, 8);
	pc_addr(ICMPX_FAMILY_IPV4, "192.0.2.0", pfx);
	icmpx_policy_add_trusted(pol, ICMPX_FAMILY_IPV4, pfx, 24);
	pc_addr(ICMPX_FAMILY_IPV4, "192.0.2.1", addr);
	KUNIT_EXPECT_TRUE(test, icmpx_trusted(pol, ICMPX_FAMILY_IPV4, addr));
}

/* The RA of @c from @src on @link (NULL: unknown), decided under @pol. */
static enum icmpx_drop ra_from(struct kunit *test, const struct icmpx_policy *pol,
			       const char *src, const char *link)
{
	struct pcase c = { "RA", S, .family = V6, .type = 134, .src = src,
			   .link = link, .nolink = !link };
	struct icmpx_env env = { .ops = &pc_ops };
	u8 saddr[16], daddr[16];
	struct icmpx_decision d;
	struct icmpx_pkt pkt;
	struct icmpx_msg msg;

	KUNIT_EXPECT_EQ(test, pc_message(&c, &pkt, &msg, saddr, daddr), 0);
	return icmpx_decide(pol, &pkt, &msg, ICMPX_OK, &env, &d);
}

/*
 * Routers as the lists leave them: an address kept as long as its
 * family's, a link of one letter or of 15 kept whole, and a list
 * replaced by a shorter one (icmpx_config_parse_routers() and netlink
 * count again from 0) accepting none of the entries past its end.
 */
static void policy_routers_kept(struct kunit *test)
{
	static const u8 four[16] = { 192, 0, 2, 1, 0xff, 0xff, 0xff, 0xff };
	static const u8 want[16] = { 192, 0, 2, 1 };
	struct icmpx_policy *pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);
	u8 a[16];

	KUNIT_ASSERT_NOT_NULL(test, pol);
	icmpx_policy_init(pol, S);
	pol->router_adv = ICMPX_ROUTER_ADV_ALLOW;
	KUNIT_EXPECT_EQ(test, icmpx_policy_add_router(pol, V4, four, NULL), 0);
	KUNIT_EXPECT_MEMEQ(test, pol->routers[V4][0].addr, want, 16);

	pc_addr(V6, "fe80::3", a);
	KUNIT_EXPECT_EQ(test, icmpx_policy_add_router(pol, V6, a, "x"), 0);
	KUNIT_EXPECT_EQ(test, ra_from(test, pol, "fe80::3", "eth0"),
			ICMPX_DROP_ROUTER_UNLISTED);
	KUNIT_EXPECT_EQ(test, ra_from(test, pol, "fe80::3", "x"), ICMPX_DROP_NONE);
	pc_addr(V6, "fe80::4", a);
	KUNIT_EXPECT_EQ(test, icmpx_policy_add_router(pol, V6, a, "a123456789abcde"), 0);
	KUNIT_EXPECT_STREQ(test, pol->routers[V6][1].link, "a123456789abcde");
	KUNIT_EXPECT_EQ(test, ra_from(test, pol, "fe80::4", "a123456789abcde"),
			ICMPX_DROP_NONE);

	/* The list replaced by its first entry alone. */
	pol->nrouters[V6] = 1;
	KUNIT_EXPECT_EQ(test, ra_from(test, pol, "fe80::4", "a123456789abcde"),
			ICMPX_DROP_ROUTER_UNLISTED);
	KUNIT_EXPECT_EQ(test, ra_from(test, pol, "fe80::3", "x"), ICMPX_DROP_NONE);
}

/* What may not be listed, and the policy left as it was. */
static void policy_trusted_refused(struct kunit *test)
{
	struct icmpx_policy *pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);
	u8 a[16];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, pol);
	pc_addr(ICMPX_FAMILY_IPV4, "192.0.2.0", a);
	KUNIT_EXPECT_EQ(test, icmpx_policy_add_trusted(pol, ICMPX_FAMILY_IPV4, a, 33),
			ICMPX_TRUST_LENGTH);
	KUNIT_EXPECT_EQ(test, icmpx_policy_add_trusted(pol, ICMPX_FAMILY_IPV4, a, 22),
			ICMPX_TRUST_HOSTBITS);
	KUNIT_EXPECT_EQ(test, icmpx_policy_add_trusted(pol, ICMPX_FAMILY_IPV4, a, 23),
			ICMPX_TRUST_OK);
	KUNIT_EXPECT_EQ(test, icmpx_policy_add_trusted(pol, ICMPX_FAMILY_IPV4, a, 23),
			ICMPX_TRUST_TWICE);
	/* The same address with another length is another prefix. */
	KUNIT_EXPECT_EQ(test, icmpx_policy_add_trusted(pol, ICMPX_FAMILY_IPV4, a, 24),
			ICMPX_TRUST_OK);
	/* The first bit is past a length of 0 too. */
	pc_addr(ICMPX_FAMILY_IPV4, "128.0.0.0", a);
	KUNIT_EXPECT_EQ(test, icmpx_policy_add_trusted(pol, ICMPX_FAMILY_IPV4, a, 0),
			ICMPX_TRUST_HOSTBITS);
	pc_addr(ICMPX_FAMILY_IPV6, "2001:db8::1", a);
	KUNIT_EXPECT_EQ(test, icmpx_policy_add_trusted(pol, ICMPX_FAMILY_IPV6, a, 129),
			ICMPX_TRUST_LENGTH);
	KUNIT_EXPECT_EQ(test, icmpx_policy_add_trusted(pol, ICMPX_FAMILY_IPV6, a, 127),
			ICMPX_TRUST_HOSTBITS);
	for (i = 0; i < ICMPX_MAX_TRUSTED; i++) {
		a[0] = 0x20 + i;
		KUNIT_EXPECT_EQ(test, icmpx_policy_add_trusted(pol, ICMPX_FAMILY_IPV6,
							       a, 128),
				ICMPX_TRUST_OK);
	}
	a[0] = 0x30;
	KUNIT_EXPECT_EQ(test, icmpx_policy_add_trusted(pol, ICMPX_FAMILY_IPV6, a, 128),
			ICMPX_TRUST_FULL);
	KUNIT_EXPECT_EQ(test, pol->ntrusted[ICMPX_FAMILY_IPV4], 2);
	KUNIT_EXPECT_EQ(test, pol->ntrusted[ICMPX_FAMILY_IPV6], ICMPX_MAX_TRUSTED);
}

/* Setting names are found by index, the first and past a hole too. */
static void policy_name_index(struct kunit *test)
{
	static const char *const names[3] = { "drop", NULL, "limit" };

	KUNIT_EXPECT_EQ(test, icmpx_name_index(names, 3, "drop"), 0);
	KUNIT_EXPECT_EQ(test, icmpx_name_index(names, 3, "limit"), 2);
	KUNIT_EXPECT_EQ(test, icmpx_name_index(names, 3, "accept"), -1);
	KUNIT_EXPECT_EQ(test, icmpx_name_index(names, 2, "limit"), -1);
	KUNIT_EXPECT_NULL(test, icmpx_drop_name(ICMPX_NDROP));
	KUNIT_EXPECT_STREQ(test, icmpx_drop_name(ICMPX_NDROP - 1), "error-datagram");
}

static void limit_def(struct icmpx_rule_def *def, u32 rate, u8 scope, u8 plen4)
{
	memset(def, 0, sizeof(*def));
	def->action = ICMPX_ACTION_LIMIT;
	icmpx_rate_init(&def->limiter.rate, rate, rate);
	def->limiter.scope = scope;
	if (scope == ICMPX_SCOPE_SOURCE) {
		def->limiter.plen[ICMPX_FAMILY_IPV4] = plen4;
		def->limiter.plen[ICMPX_FAMILY_IPV6] = 64;
	}
}

/*
 * Rules set through the API: equal limiters are shared, unused ones go,
 * at most ICMPX_MAX_LIMITERS, and a refused rule changes nothing.
 */
static void policy_set_rule_limiters(struct kunit *test)
{
	struct icmpx_policy *pol = kunit_kzalloc(test, 2 * sizeof(*pol), GFP_KERNEL);
	struct icmpx_rule_def def, got;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, pol);
	icmpx_policy_init(pol, ICMPX_PRESET_HOST);
	KUNIT_EXPECT_EQ(test, pol->nlimiters, 2);

	/* The same as the preset's echo limiter: shared, none added. */
	limit_def(&def, 10, ICMPX_SCOPE_SOURCE, 32);
	icmpx_rate_init(&def.limiter.rate, 10, 20);
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 13, -1, &def), 0);
	KUNIT_EXPECT_EQ(test, pol->nlimiters, 2);
	KUNIT_EXPECT_EQ(test, pol->type[V4][13].limit, pol->type[V4][8].limit);

	/* Echo at /24: a new limiter; the old one still serves v6 and 13. */
	limit_def(&def, 50, ICMPX_SCOPE_SOURCE, 24);
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 8, -1, &def), 0);
	KUNIT_EXPECT_EQ(test, pol->nlimiters, 3);
	icmpx_policy_rule_def(pol, &pol->type[V4][8], &got);
	KUNIT_EXPECT_TRUE(test, icmpx_rule_def_equal(&got, &def, V4));
	KUNIT_EXPECT_EQ(test, got.limiter.plen[V4], 24);

	/* Five more distinct limiters fill the table; the ninth is refused. */
	for (i = 0; i < 5; i++) {
		limit_def(&def, 100 + i, ICMPX_SCOPE_GLOBAL, 0);
		KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 40 + i, -1, &def), 0);
	}
	KUNIT_EXPECT_EQ(test, pol->nlimiters, ICMPX_MAX_LIMITERS);
	memcpy(&pol[1], pol, sizeof(*pol));
	limit_def(&def, 999, ICMPX_SCOPE_GLOBAL, 0);
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 50, -1, &def), -ENOSPC);
	KUNIT_EXPECT_EQ(test, memcmp(pol, &pol[1], sizeof(*pol)), 0);

	/* Replacing the only user of a limiter frees its slot for the new one. */
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 44, -1, &def), 0);
	KUNIT_EXPECT_EQ(test, pol->nlimiters, ICMPX_MAX_LIMITERS);
	icmpx_policy_rule_def(pol, &pol->type[V4][44], &got);
	KUNIT_EXPECT_EQ(test, got.limiter.rate.rate, 999);

	/* Accepting frees it again; every remaining index stays right. */
	def.action = ICMPX_ACTION_ACCEPT;
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 44, -1, &def), 0);
	KUNIT_EXPECT_EQ(test, pol->nlimiters, ICMPX_MAX_LIMITERS - 1);
	for (i = 0; i < 4; i++) {
		icmpx_policy_rule_def(pol, &pol->type[V4][40 + i], &got);
		KUNIT_EXPECT_EQ(test, got.limiter.rate.rate, 100 + i);
	}
	icmpx_policy_rule_def(pol, &pol->type[V6][128], &got);
	KUNIT_EXPECT_EQ(test, got.limiter.rate.rate, 10);
	KUNIT_EXPECT_EQ(test, got.limiter.plen[V6], 64);
}

/*
 * Rules set through the API, at their edges: limiters told apart by
 * burst alone and by prefix alone; every rule's limiter kept through a
 * compaction (types 0 and 255, a code rule in the first place); code 0
 * a code like any; a type's own rule set, or one of its code rules
 * deleted, without losing its other code rules.
 */
static void policy_set_rule_edges(struct kunit *test)
{
	struct icmpx_policy *pol = kunit_kzalloc(test, 2 * sizeof(*pol), GFP_KERNEL);
	struct icmpx_policy *preset = &pol[1];
	struct icmpx_rule_def def, got;
	unsigned int n;

	KUNIT_ASSERT_NOT_NULL(test, pol);
	icmpx_policy_init(pol, H);
	icmpx_policy_init(preset, H);
	n = pol->nlimiters;

	/* The echo limiter (10/s, burst 20, per /32) but for its burst. */
	limit_def(&def, 10, ICMPX_SCOPE_SOURCE, 32);
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 13, -1, &def), 0);
	KUNIT_EXPECT_EQ(test, pol->nlimiters, n + 1);
	/* And but for its prefix. */
	limit_def(&def, 10, ICMPX_SCOPE_SOURCE, 24);
	icmpx_rate_init(&def.limiter.rate, 10, 20);
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 14, -1, &def), 0);
	KUNIT_EXPECT_EQ(test, pol->nlimiters, n + 2);

	/* A code 0 rule, with a limiter of its own: the type's rule stays. */
	limit_def(&def, 31, ICMPX_SCOPE_GLOBAL, 0);
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 11, 0, &def), 0);
	KUNIT_EXPECT_EQ(test, pol->ncodes[V4], 1);
	KUNIT_EXPECT_EQ(test, pol->code[V4][0].code, 0);
	KUNIT_EXPECT_EQ(test, pol->type[V4][11].action, ICMPX_ACTION_LIMIT);
	limit_def(&def, 32, ICMPX_SCOPE_GLOBAL, 0);
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 0, -1, &def), 0);
	limit_def(&def, 33, ICMPX_SCOPE_GLOBAL, 0);
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 255, -1, &def), 0);
	/* A rule set after them compacts the limiters: each keeps its own. */
	def.action = ICMPX_ACTION_DROP;
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 13, -1, &def), 0);
	icmpx_policy_rule_def(pol, &pol->code[V4][0].rule, &got);
	KUNIT_EXPECT_EQ(test, got.limiter.rate.rate, 31);
	icmpx_policy_rule_def(pol, &pol->type[V4][0], &got);
	KUNIT_EXPECT_EQ(test, got.limiter.rate.rate, 32);
	icmpx_policy_rule_def(pol, &pol->type[V4][255], &got);
	KUNIT_EXPECT_EQ(test, got.limiter.rate.rate, 33);
	/* A rule that does not limit is read back with no limiter at all. */
	icmpx_policy_rule_def(pol, &pol->type[V4][13], &got);
	KUNIT_EXPECT_EQ(test, got.action, ICMPX_ACTION_DROP);
	KUNIT_EXPECT_EQ(test, got.limiter.rate.rate, 0);
	KUNIT_EXPECT_EQ(test, got.limiter.scope, 0);

	/* The type's own rule set: its code rule stays in force. */
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 11, -1, &def), 0);
	KUNIT_EXPECT_TRUE(test, pol->type[V4][11].flags & ICMPX_RULE_CODES);
	KUNIT_EXPECT_FALSE(test, pol->type[V4][13].flags & ICMPX_RULE_CODES);

	/*
	 * Another code rule of 11, one of 12; deleting one keeps the rest,
	 * the one left for 11 first in the list.
	 */
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 11, 1, &def), 0);
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 12, 0, &def), 0);
	KUNIT_EXPECT_EQ(test, icmpx_policy_del_rule(pol, preset, V4, 11, 1), 0);
	KUNIT_EXPECT_EQ(test, pol->ncodes[V4], 2);
	KUNIT_EXPECT_EQ(test, pol->code[V4][0].type, 11);
	KUNIT_EXPECT_TRUE(test, pol->type[V4][11].flags & ICMPX_RULE_CODES);
	KUNIT_EXPECT_EQ(test, pol->type[V4][11].action, ICMPX_ACTION_DROP);
	KUNIT_EXPECT_EQ(test, icmpx_policy_del_rule(pol, preset, V4, 11, 0), 0);
	KUNIT_EXPECT_FALSE(test, pol->type[V4][11].flags & ICMPX_RULE_CODES);
	KUNIT_EXPECT_TRUE(test, pol->type[V4][12].flags & ICMPX_RULE_CODES);

	/* Code 0 counts against the bound like any code. */
	while (pol->ncodes[V4] < ICMPX_MAX_CODE_RULES)
		KUNIT_ASSERT_EQ(test, icmpx_policy_set_rule(pol, V4, 11,
							    100 + pol->ncodes[V4], &def), 0);
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 3, 0, &def), -E2BIG);
}

/* Rules compared as the API reads them back. */
static void policy_rule_def_equal(struct kunit *test)
{
	struct icmpx_rule_def a, b;

	memset(&a, 0, sizeof(a));
	a.action = ICMPX_ACTION_DROP;
	b = a;
	KUNIT_EXPECT_TRUE(test, icmpx_rule_def_equal(&a, &b, V4));
	b.flags = ICMPX_RULE_FORCE;
	KUNIT_EXPECT_FALSE(test, icmpx_rule_def_equal(&a, &b, V4));
	b = a;
	b.action = ICMPX_ACTION_ACCEPT;
	KUNIT_EXPECT_FALSE(test, icmpx_rule_def_equal(&a, &b, V4));

	limit_def(&a, 10, ICMPX_SCOPE_SOURCE, 32);
	b = a;
	KUNIT_EXPECT_TRUE(test, icmpx_rule_def_equal(&a, &b, V4));
	limit_def(&b, 11, ICMPX_SCOPE_SOURCE, 32);
	KUNIT_EXPECT_FALSE(test, icmpx_rule_def_equal(&a, &b, V4));
	b = a;
	icmpx_rate_init(&b.limiter.rate, 10, 11);
	KUNIT_EXPECT_FALSE(test, icmpx_rule_def_equal(&a, &b, V4));
	limit_def(&b, 10, ICMPX_SCOPE_SOURCE, 24);
	KUNIT_EXPECT_FALSE(test, icmpx_rule_def_equal(&a, &b, V4));
	/* Only the family's own prefix counts. */
	KUNIT_EXPECT_TRUE(test, icmpx_rule_def_equal(&a, &b, V6));
	limit_def(&b, 10, ICMPX_SCOPE_GLOBAL, 0);
	KUNIT_EXPECT_FALSE(test, icmpx_rule_def_equal(&a, &b, V4));
	KUNIT_EXPECT_FALSE(test, icmpx_rule_def_equal(&b, &a, V4));
	/* Global limiters have no prefix to differ in. */
	a = b;
	a.limiter.plen[V4] = 24;
	KUNIT_EXPECT_TRUE(test, icmpx_rule_def_equal(&a, &b, V4));
}

/* Deleting gives a type its preset's rule back and removes code rules. */
static void policy_del_rule(struct kunit *test)
{
	struct icmpx_policy *pol = kunit_kzalloc(test, 2 * sizeof(*pol), GFP_KERNEL);
	struct icmpx_policy *preset = &pol[1];
	struct icmpx_rule_def def = { .action = ICMPX_ACTION_DROP }, got, want;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, pol);
	icmpx_policy_init(pol, ICMPX_PRESET_HOST);
	icmpx_policy_init(preset, ICMPX_PRESET_HOST);

	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 8, -1, &def), 0);
	KUNIT_EXPECT_EQ(test, pol->nlimiters, 2);	/* v6 echo keeps it */
	KUNIT_EXPECT_EQ(test, icmpx_policy_del_rule(pol, preset, V4, 8, -1), 0);
	icmpx_policy_rule_def(pol, &pol->type[V4][8], &got);
	icmpx_policy_rule_def(preset, &preset->type[V4][8], &want);
	KUNIT_EXPECT_TRUE(test, icmpx_rule_def_equal(&got, &want, V4));

	/* Code rules (frag-needed's aside): set, refused past the bound, deleted. */
	for (i = 0; i < ICMPX_MAX_CODE_RULES; i++)
		KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 3, 100 + i, &def), 0);
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 3, 200, &def), -E2BIG);
	KUNIT_EXPECT_EQ(test, icmpx_policy_set_rule(pol, V4, 3, 105, &def), 0);
	KUNIT_EXPECT_TRUE(test, pol->type[V4][3].flags & ICMPX_RULE_CODES);
	for (i = 0; i < ICMPX_MAX_CODE_RULES; i++)
		KUNIT_EXPECT_EQ(test, icmpx_policy_del_rule(pol, preset, V4, 3, 100 + i), 0);
	KUNIT_EXPECT_EQ(test, pol->ncodes[V4], 0);
	KUNIT_EXPECT_FALSE(test, pol->type[V4][3].flags & ICMPX_RULE_CODES);
	KUNIT_EXPECT_EQ(test, icmpx_policy_del_rule(pol, preset, V4, 3, 100), -ENOENT);
	/* The type's own rule was the preset's throughout. */
	KUNIT_EXPECT_EQ(test, pol->type[V4][3].action, ICMPX_ACTION_LIMIT);
}

static void refusal_desc(const struct refusal_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s type %u code %d %s%s%s",
		 c->family ? "v6" : "v4", c->type, c->code,
		 icmpx_action_names[c->action], c->force ? " force" : "",
		 c->unless_trusted ? " unless-trusted" : "");
}

KUNIT_ARRAY_PARAM(refusals, refusal_cases, refusal_desc);

/* A refused rule is refused by set-rule too, and changes nothing. */
static void policy_rule_refusal(struct kunit *test)
{
	const struct refusal_case *c = test->param_value;
	struct icmpx_policy *pol = kunit_kzalloc(test, 2 * sizeof(*pol), GFP_KERNEL);
	const char *why;

	KUNIT_ASSERT_NOT_NULL(test, pol);
	why = pc_refusal_check(c, pol);
	KUNIT_EXPECT_NULL_MSG(test, why, "%s", why);
}

/*
 * No preset drops what a rule may not drop unforced (strict completed
 * to RFC 4890 4.4.1), none has a rule for a type a setting decides, and
 * their error limiters count per source.
 */
static void policy_presets_keep_guarded(struct kunit *test)
{
	struct icmpx_policy *pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);
	int p;

	KUNIT_ASSERT_NOT_NULL(test, pol);
	for (p = 0; p < ICMPX_NPRESET; p++) {
		const char *why = pc_preset_guards(p, pol);

		KUNIT_EXPECT_NULL_MSG(test, why, "%s: %s", icmpx_preset_names[p], why);
	}
}

/*
 * Both answers for one message, from elsewhere or on loopback, and the
 * policy's table where it answers for the type.
 */
static void header_agrees_one(struct kunit *test,
			      const struct icmpx_policy *pol,
			      const u8 tbl[ICMPX_NFAMILY][256], const char *what,
			      u8 f, u8 t, u8 code, bool lo)
{
	static const u8 addr[16] = { 10, 0, 0, 1 };
	struct icmpx_env env = { .ops = &pc_ops };
	struct icmpx_decision d, h;
	u8 head[2] = { t, code };
	struct icmpx_pkt pkt = {
		.family = f, .data = head, .avail = 2, .len = 8,
		.saddr = addr, .daddr = addr, .loopback = lo,
	};
	/* Not an error: no validation to take the limiter back. */
	struct icmpx_msg msg = { .family = f, .type = t, .code = code };

	icmpx_decide(pol, &pkt, &msg, ICMPX_OK, &env, &d);
	icmpx_header_limiter(pol, &pkt, &h);
	KUNIT_EXPECT_EQ_MSG(test, h.limiter, d.limiter, "%s: %s %u/%u%s", what,
			    f ? "ipv6" : "ipv4", t, code, lo ? " on loopback" : "");
	KUNIT_EXPECT_EQ_MSG(test, h.code_rule, d.code_rule, "%s: %s %u/%u",
			    what, f ? "ipv6" : "ipv4", t, code);
	/* The guard's note is the decision's, counted once. */
	KUNIT_EXPECT_EQ(test, h.notes, 0);
	/* The hook asks no table for what comes on loopback. */
	if (!lo && tbl[f][t] != ICMPX_HDR_ASK) {
		KUNIT_EXPECT_EQ_MSG(test, tbl[f][t], h.limiter, "%s: table, %s %u/%u",
				    what, f ? "ipv6" : "ipv4", t, code);
		KUNIT_EXPECT_EQ(test, h.code_rule, 0);
	}
	/* Too short to have a code: the header names no limiter. */
	pkt.avail = 1;
	icmpx_header_limiter(pol, &pkt, &h);
	KUNIT_EXPECT_EQ(test, h.limiter, 0);
}

/*
 * Every type, a few codes of each.  Return: how many types the table
 * leaves to icmpx_header_limiter().
 */
static int header_agrees(struct kunit *test, const struct icmpx_policy *pol,
			 const char *what)
{
	static const u8 codes[] = { 0, 1, 3, 4, 9, 13, 255 };
	u8 (*tbl)[256] = kunit_kzalloc(test, ICMPX_NFAMILY * 256, GFP_KERNEL);
	unsigned int f, t, c;
	int asked = 0;

	KUNIT_ASSERT_NOT_NULL(test, tbl);
	/* Not a value it can hold: an entry left unfilled shows. */
	memset(tbl, 0x5a, ICMPX_NFAMILY * 256);
	icmpx_header_table(pol, tbl);
	for (f = 0; f < ICMPX_NFAMILY; f++) {
		for (t = 0; t < 256; t++) {
			asked += tbl[f][t] == ICMPX_HDR_ASK;
			for (c = 0; c < ARRAY_SIZE(codes); c++) {
				header_agrees_one(test, pol, tbl, what, f, t,
						  codes[c], false);
				header_agrees_one(test, pol, tbl, what, f, t,
						  codes[c], true);
			}
		}
	}
	return asked;
}

/*
 * The hook asks the header for a message's limiter before it parses;
 * the policy names one for the parsed message.  They must be the same,
 * in every preset, with code rules, a forced limit and on loopback.
 */
static void policy_header_limiter(struct kunit *test)
{
	struct icmpx_policy *pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);
	struct icmpx_rule_def def;
	int p;

	KUNIT_ASSERT_NOT_NULL(test, pol);
	/*
	 * A preset leaves to the slower path only what a limit guard keeps
	 * for some codes: IPv4's destination unreachable (fragmentation
	 * needed), where the preset limits it.
	 */
	for (p = 0; p < ICMPX_NPRESET; p++) {
		icmpx_policy_init(pol, p);
		KUNIT_EXPECT_EQ_MSG(test, header_agrees(test, pol, icmpx_preset_names[p]),
				    p == ICMPX_PRESET_PERMISSIVE ? 0 : 1, "%s",
				    icmpx_preset_names[p]);
	}

	icmpx_policy_init(pol, ICMPX_PRESET_HOST);
	limit_def(&def, 5, ICMPX_SCOPE_GLOBAL, 0);
	KUNIT_ASSERT_EQ(test, icmpx_policy_set_rule(pol, V4, ICMP_DEST_UNREACH,
						    ICMP_PORT_UNREACH, &def), 0);
	KUNIT_ASSERT_EQ(test, icmpx_policy_set_rule(pol, V4, ICMP_TIMESTAMP, 0,
						    &def), 0);
	limit_def(&def, 7, ICMPX_SCOPE_SOURCE, 24);
	KUNIT_ASSERT_EQ(test, icmpx_policy_set_rule(pol, V6, ICMPV6_ECHO_REQUEST,
						    0, &def), 0);
	def.flags = ICMPX_RULE_FORCE;
	KUNIT_ASSERT_EQ(test, icmpx_policy_set_rule(pol, V6, ICMPV6_PKT_TOOBIG,
						    -1, &def), 0);
	memset(&def, 0, sizeof(def));
	def.action = ICMPX_ACTION_ACCEPT;
	KUNIT_ASSERT_EQ(test, icmpx_policy_set_rule(pol, V4, ICMP_ECHO, 0, &def),
			0);
	/* Unreachable, timestamp (code rules), and what the presets ask. */
	/*
	 * The types with code rules (unreachable, timestamp, echo request
	 * of both families); packet too big's forced limit is the type's.
	 */
	KUNIT_EXPECT_EQ(test, header_agrees(test, pol, "host with code rules"), 4);
}

static struct kunit_case policy_cases[] = {
	KUNIT_CASE_PARAM(policy_decide, pcases_gen_params),
	KUNIT_CASE(policy_modes),
	KUNIT_CASE(policy_presets),
	KUNIT_CASE(policy_code_rules_bounded),
	KUNIT_CASE(policy_code_slots),
	KUNIT_CASE(policy_name_index),
	KUNIT_CASE(policy_trusted),
	KUNIT_CASE(policy_trusted_refused),
	KUNIT_CASE(policy_routers_kept),
	KUNIT_CASE(policy_set_rule_limiters),
	KUNIT_CASE(policy_set_rule_edges),
	KUNIT_CASE(policy_rule_def_equal),
	KUNIT_CASE(policy_del_rule),
	KUNIT_CASE_PARAM(policy_rule_refusal, refusals_gen_params),
	KUNIT_CASE(policy_presets_keep_guarded),
	KUNIT_CASE(policy_header_limiter),
	KUNIT_CASE(policy_redirect_owner),
	{}
};

struct kunit_suite icmpx_policy_suite = {
	.name = "icmpx-policy",
	.test_cases = policy_cases,
};
