// SPDX-License-Identifier: GPL-2.0
/*
 * The decision: a parsed message and a policy in, a drop reason out
 * (ICMPX_DROP_NONE to accept).  Pure, like the parser: the routing tables
 * are consulted only through struct icmpx_env, and only for the few
 * messages whose validity depends on them (redirects and errors).
 *
 * The presets and every rule are documented type by type, with the RFC
 * behind each, in Documentation/policy.rst.
 */
#include <kunit/visibility.h>
#include <linux/bitops.h>
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <net/ndisc.h>

#include "policy.h"

#define P_ICMP		1
#define P_TCP		6
#define P_UDP		17
#define P_ICMPV6	58

const char *const icmpx_mode_names[ICMPX_NMODE] = {
	[ICMPX_MODE_ENFORCE]	= "enforce",
	[ICMPX_MODE_MONITOR]	= "monitor",
	[ICMPX_MODE_OFF]	= "off",
};

const char *const icmpx_preset_names[ICMPX_NPRESET] = {
	[ICMPX_PRESET_HOST]		= "host",
	[ICMPX_PRESET_ROUTER]		= "router",
	[ICMPX_PRESET_STRICT]		= "strict",
	[ICMPX_PRESET_PERMISSIVE]	= "permissive",
};
EXPORT_SYMBOL_IF_KUNIT(icmpx_preset_names);

const char *const icmpx_action_names[ICMPX_NACTION] = {
	[ICMPX_ACTION_ACCEPT]	= "accept",
	[ICMPX_ACTION_DROP]	= "drop",
	[ICMPX_ACTION_LIMIT]	= "limit",
};
EXPORT_SYMBOL_IF_KUNIT(icmpx_action_names);

const char *const icmpx_scope_names[ICMPX_NSCOPE] = {
	[ICMPX_SCOPE_GLOBAL]	= "global",
	[ICMPX_SCOPE_SOURCE]	= "per-source",
};

const char *const icmpx_redirect_names[ICMPX_NREDIRECT] = {
	[ICMPX_REDIRECT_DROP]		= "drop",
	[ICMPX_REDIRECT_VALIDATE]	= "validate",
	[ICMPX_REDIRECT_ACCEPT]		= "accept",
};

const char *const icmpx_router_adv_names[ICMPX_NRA] = {
	[ICMPX_ROUTER_ADV_ACCEPT]	= "accept",
	[ICMPX_ROUTER_ADV_DROP]		= "drop",
	[ICMPX_ROUTER_ADV_ALLOW]	= "allow",
};

static const char *const drop_names[ICMPX_NDROP] = {
	[ICMPX_DROP_NONE]			= "accepted",
	[ICMPX_DROP_MALFORMED]		= "malformed",
	[ICMPX_DROP_RULE]			= "rule",
	[ICMPX_DROP_LIMIT]			= "limit",
	[ICMPX_DROP_SOURCE_QUENCH]		= "source-quench",
	[ICMPX_DROP_REDIRECT]		= "redirect",
	[ICMPX_DROP_REDIRECT_ROUTE]	= "redirect-route",
	[ICMPX_DROP_REDIRECT_GATEWAY]	= "redirect-gateway",
	[ICMPX_DROP_REDIRECT_TARGET]	= "redirect-target",
	[ICMPX_DROP_REDIRECT_OFFLINK]	= "redirect-offlink",
	[ICMPX_DROP_ROUTER_ADV]		= "router-adv",
	[ICMPX_DROP_ROUTER_UNLISTED]	= "router-unlisted",
	[ICMPX_DROP_ERROR_SOURCE]		= "error-source",
	[ICMPX_DROP_ERROR_DATAGRAM]	= "error-datagram",
};

const char *icmpx_drop_name(enum icmpx_drop drop)
{
	if ((unsigned int)drop >= ICMPX_NDROP)
		return NULL;
	return drop_names[drop];
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_drop_name);

/* The index of @s in @names, or -1: how settings are parsed from text. */
int icmpx_name_index(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (names[i] && !strcmp(names[i], s))
			return i;
	return -1;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_name_index);

/*
 * RFC 6918 deprecated ICMPv4 types, and timestamp request (13), which
 * tells anyone the host's clock (CVE-1999-0524): no host needs them.
 * Source quench (4) has a setting of its own.
 */
static const u8 host4_drop[] = {
	6, 13, 15, 16, 17, 18, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39,
};

/*
 * The strict preset accepts only these and drops every other type,
 * unknown ones included.  Redirects, router advertisements and source
 * quench follow their own settings.
 */
static const u8 strict4_accept[] = {
	ICMP_ECHOREPLY, ICMP_DEST_UNREACH, ICMP_ECHO, ICMP_TIME_EXCEEDED,
	ICMP_PARAMETERPROB,
};

/*
 * What a host must keep, and from what: RFC 4890 4.4.1's list for
 * ICMPv6, and for both families the messages of path MTU discovery,
 * which dies silently without them (RFC 2923 "black holes").  A rule
 * that would drop or limit one of these exactly is refused unless it
 * says force; a type's rule that covers one among other codes applies
 * to the others, and yields to it here (counted as guarded).  The
 * strict preset accepts every ICMPv6 type listed, whole.
 */
#define G_DROP		BIT(ICMPX_ACTION_DROP)
#define G_LIMIT		BIT(ICMPX_ACTION_LIMIT)
#define ANY		-1

#define PMTUD(t, c)	{ t, c, G_DROP | G_LIMIT, ICMPX_REFUSE_PMTUD }
/* Never dropped; limited, like any flood, by the presets. */
#define KEPT(t, c)	{ t, c, G_DROP, ICMPX_REFUSE_RFC4890 }
/* Neither dropped nor limited: a link's own signalling. */
#define LINK(t)		{ t, ANY, G_DROP | G_LIMIT, ICMPX_REFUSE_RFC4890 }

struct icmpx_guard {
	u8 type;
	s16 code;		/* ANY: every code */
	u8 actions;		/* G_*: what the message is kept from */
	u8 refusal;		/* enum icmpx_refusal of a rule that would */
};

/* A table per family: the packet path scans its family's alone. */
static const struct icmpx_guard guards4[] = {
	PMTUD(ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED),
};

static const struct icmpx_guard guards6[] = {
	PMTUD(ICMPV6_PKT_TOOBIG, ANY),
	KEPT(ICMPV6_DEST_UNREACH, ANY),
	KEPT(ICMPV6_TIME_EXCEED, ICMPV6_EXC_HOPLIMIT),
	KEPT(ICMPV6_PARAMPROB, ICMPV6_UNK_NEXTHDR),
	KEPT(ICMPV6_PARAMPROB, ICMPV6_UNK_OPTION),
	KEPT(ICMPV6_ECHO_REQUEST, ANY),
	KEPT(ICMPV6_ECHO_REPLY, ANY),
	LINK(ICMPV6_MGM_QUERY),
	LINK(ICMPV6_MGM_REPORT),
	LINK(ICMPV6_MGM_REDUCTION),
	LINK(ICMPV6_MLD2_REPORT),
	LINK(NDISC_ROUTER_SOLICITATION),
	LINK(NDISC_NEIGHBOUR_SOLICITATION),
	LINK(NDISC_NEIGHBOUR_ADVERTISEMENT),
	LINK(ICMPX_IND_SOLICIT),
	LINK(ICMPX_IND_ADVERT),
	LINK(ICMPX_CERT_PATH_SOLICIT),
	LINK(ICMPX_CERT_PATH_ADVERT),
	LINK(ICMPV6_MRDISC_ADV),
	LINK(ICMPX_MRD_SOLICIT),
	LINK(ICMPX_MRD_TERMINATE),
};

static const struct {
	const struct icmpx_guard *g;
	unsigned int n;
} guards[ICMPX_NFAMILY] = {
	[ICMPX_FAMILY_IPV4] = { guards4, ARRAY_SIZE(guards4) },
	[ICMPX_FAMILY_IPV6] = { guards6, ARRAY_SIZE(guards6) },
};

/* The guard of (@type, @code), or with @code ANY, of the whole type. */
static const struct icmpx_guard *guard_of(u8 family, u8 type, int code)
{
	const struct icmpx_guard *g = guards[family].g;
	unsigned int i;

	for (i = 0; i < guards[family].n; i++)
		if (g[i].type == type && (g[i].code == ANY || g[i].code == code))
			return &g[i];
	return NULL;
}

/* Does the rule of (@type, @code), or with @code < 0 of @type, cover a PMTUD message? */
static bool covers_pmtud(u8 family, u8 type, int code)
{
	const struct icmpx_guard *g = guards[family].g;
	unsigned int i;

	for (i = 0; i < guards[family].n; i++)
		if (g[i].refusal == ICMPX_REFUSE_PMTUD && g[i].type == type &&
		    (code < 0 || g[i].code == ANY || g[i].code == code))
			return true;
	return false;
}

/* Is (@type, @code) kept from @action unless a rule forces it? */
static bool guarded(u8 family, u8 type, int code, enum icmpx_action action)
{
	const struct icmpx_guard *g = guard_of(family, type, code);

	return g && (g->actions & BIT(action));
}

static void set_types(struct icmpx_policy *pol, enum icmpx_family f,
		      const u8 *types, unsigned int n, enum icmpx_action action)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		pol->type[f][types[i]].action = action;
}

/* Errors the presets limit; frag-needed is exempt (the guard). */
static const u8 errors4[] = {
	ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED, ICMP_PARAMETERPROB,
};

static const u8 errors6[] = {
	ICMPV6_DEST_UNREACH, ICMPV6_TIME_EXCEED, ICMPV6_PARAMPROB,
};

static void limit_types(struct icmpx_policy *pol, enum icmpx_family f,
			const u8 *types, unsigned int n, u8 limiter)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		pol->type[f][types[i]].action = ICMPX_ACTION_LIMIT;
		pol->type[f][types[i]].limit = limiter;
	}
}

/*
 * Echo requests: 10 per second and source, 20 at once, which no ping
 * and no monitoring system exceeds and which makes a ping flood cost a
 * reply per 100 ms.  Errors: 500 per second, type and source, 1000 at
 * once, more than a router sends (Linux: 1000 a second in all), far
 * below a flood; per source, so that one sender (a spoofed one quoting
 * our own addresses, say) cannot use up what every other router's
 * errors need.  Packet too big and frag-needed are never limited.
 */
#define ECHO_RATE	10
#define ECHO_BURST	20
#define ERROR_RATE	500
#define ERROR_BURST	1000

static void per_source(struct icmpx_limiter *l, u32 rate, u32 burst)
{
	icmpx_rate_init(&l->rate, rate, burst);
	l->scope = ICMPX_SCOPE_SOURCE;
	l->plen[ICMPX_FAMILY_IPV4] = 32;
	l->plen[ICMPX_FAMILY_IPV6] = 64;
}

static void default_limits(struct icmpx_policy *pol)
{
	static const u8 echo4[] = { ICMP_ECHO }, echo6[] = { ICMPV6_ECHO_REQUEST };

	per_source(&pol->limiters[ICMPX_LIMITER_ECHO], ECHO_RATE, ECHO_BURST);
	per_source(&pol->limiters[ICMPX_LIMITER_ERRORS], ERROR_RATE, ERROR_BURST);
	pol->nlimiters = 2;

	limit_types(pol, ICMPX_FAMILY_IPV4, echo4, 1, ICMPX_LIMITER_ECHO);
	limit_types(pol, ICMPX_FAMILY_IPV6, echo6, 1, ICMPX_LIMITER_ECHO);
	limit_types(pol, ICMPX_FAMILY_IPV4, errors4, ARRAY_SIZE(errors4),
		    ICMPX_LIMITER_ERRORS);
	limit_types(pol, ICMPX_FAMILY_IPV6, errors6, ARRAY_SIZE(errors6),
		    ICMPX_LIMITER_ERRORS);
}

/**
 * icmpx_policy_init - a preset's policy, in enforce mode
 * @pol: filled in whole
 * @preset: which
 */
void icmpx_policy_init(struct icmpx_policy *pol, enum icmpx_preset preset)
{
	unsigned int i;
	int t;

	memset(pol, 0, sizeof(*pol));
	pol->mode = ICMPX_MODE_ENFORCE;
	pol->preset = preset;
	/* RFC 6633: hosts, routers and firewalls MUST drop source quench. */
	pol->source_quench = ICMPX_ACTION_DROP;
	pol->validate_errors = true;

	switch (preset) {
	case ICMPX_PRESET_ROUTER:
		/* RFC 1812 4.3.3.2, RFC 4861 8: routers do not follow either. */
		pol->redirect = ICMPX_REDIRECT_DROP;
		pol->router_adv = ICMPX_ROUTER_ADV_DROP;
		set_types(pol, ICMPX_FAMILY_IPV4, host4_drop, ARRAY_SIZE(host4_drop),
			  ICMPX_ACTION_DROP);
		default_limits(pol);
		break;
	case ICMPX_PRESET_STRICT:
		pol->redirect = ICMPX_REDIRECT_DROP;
		pol->router_adv = ICMPX_ROUTER_ADV_ALLOW;
		for (t = 0; t < 256; t++) {
			if (!icmpx_own_setting(ICMPX_FAMILY_IPV4, t))
				pol->type[ICMPX_FAMILY_IPV4][t].action = ICMPX_ACTION_DROP;
			if (!icmpx_own_setting(ICMPX_FAMILY_IPV6, t))
				pol->type[ICMPX_FAMILY_IPV6][t].action = ICMPX_ACTION_DROP;
		}
		set_types(pol, ICMPX_FAMILY_IPV4, strict4_accept,
			  ARRAY_SIZE(strict4_accept), ICMPX_ACTION_ACCEPT);
		for (i = 0; i < ARRAY_SIZE(guards6); i++)
			pol->type[ICMPX_FAMILY_IPV6][guards6[i].type].action =
				ICMPX_ACTION_ACCEPT;
		default_limits(pol);
		break;
	case ICMPX_PRESET_PERMISSIVE:
		pol->redirect = ICMPX_REDIRECT_ACCEPT;
		pol->router_adv = ICMPX_ROUTER_ADV_ACCEPT;
		pol->validate_errors = false;
		break;
	default:
		pol->preset = ICMPX_PRESET_HOST;
		pol->redirect = ICMPX_REDIRECT_VALIDATE;
		pol->router_adv = ICMPX_ROUTER_ADV_ACCEPT;
		set_types(pol, ICMPX_FAMILY_IPV4, host4_drop, ARRAY_SIZE(host4_drop),
			  ICMPX_ACTION_DROP);
		default_limits(pol);
		break;
	}
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_policy_init);

/* The lowest bucket slot no code rule of @f holds; there is one while ncodes < max. */
static u8 free_slot(const struct icmpx_policy *pol, enum icmpx_family f)
{
	u32 used = 0;
	unsigned int i;

	BUILD_BUG_ON(ICMPX_MAX_CODE_RULES > 32);
	for (i = 0; i < pol->ncodes[f]; i++)
		used |= BIT(pol->code[f][i].slot);
	return ffz(used);
}

/**
 * icmpx_policy_keep_slots - give code rules the buckets they had
 * @pol: a policy about to be put in force
 * @old: the policy in force
 *
 * A code rule that was in @old keeps its slot, and so its bucket and
 * what it has counted; the others take the slots left.  A policy built
 * again from its preset (set-config, icmpxctl apply) lists its code
 * rules in whatever order it was given them: without this, a rule that
 * changed place would find another rule's bucket and start full again.
 */
void icmpx_policy_keep_slots(struct icmpx_policy *pol,
			     const struct icmpx_policy *old)
{
	struct icmpx_code_rule *c;
	unsigned int f, i, j;
	u32 used;

	for (f = 0; f < ICMPX_NFAMILY; f++) {
		used = 0;
		for (i = 0; i < pol->ncodes[f]; i++) {
			c = &pol->code[f][i];
			c->slot = ICMPX_MAX_CODE_RULES;
			for (j = 0; j < old->ncodes[f]; j++) {
				if (old->code[f][j].type == c->type &&
				    old->code[f][j].code == c->code) {
					c->slot = old->code[f][j].slot;
					used |= BIT(c->slot);
					break;
				}
			}
		}
		for (i = 0; i < pol->ncodes[f]; i++) {
			c = &pol->code[f][i];
			if (c->slot == ICMPX_MAX_CODE_RULES) {
				c->slot = ffz(used);
				used |= BIT(c->slot);
			}
		}
	}
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_policy_keep_slots);

/**
 * icmpx_policy_set_code - narrow a type's rule for one of its codes
 * @pol: the policy to change
 * @f: family
 * @type: ICMP type
 * @code: ICMP code
 * @rule: what to do with (@type, @code); replaces an earlier one
 *
 * Return: 0, or -ENOSPC when ICMPX_MAX_CODE_RULES are in use already.
 */
int icmpx_policy_set_code(struct icmpx_policy *pol, enum icmpx_family f,
			  u8 type, u8 code, const struct icmpx_rule *rule)
{
	struct icmpx_code_rule *c;
	unsigned int i;

	for (i = 0; i < pol->ncodes[f]; i++) {
		c = &pol->code[f][i];
		if (c->type == type && c->code == code)
			goto set;
	}
	if (pol->ncodes[f] == ICMPX_MAX_CODE_RULES)
		return -ENOSPC;
	c = &pol->code[f][pol->ncodes[f]];
	c->slot = free_slot(pol, f);
	pol->ncodes[f]++;
	c->type = type;
	c->code = code;
set:
	c->rule = *rule;
	c->rule.flags &= ~ICMPX_RULE_CODES;
	pol->type[f][type].flags |= ICMPX_RULE_CODES;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_policy_set_code);

/* Two limiters that count alike, so that rules may share one. */
static bool same_limiter(const struct icmpx_limiter *a,
			 const struct icmpx_limiter *b)
{
	return a->rate.rate == b->rate.rate && a->rate.burst == b->rate.burst &&
	       a->scope == b->scope &&
	       (a->scope == ICMPX_SCOPE_GLOBAL ||
		!memcmp(a->plen, b->plen, sizeof(a->plen)));
}

/*
 * Every rule that limits, but @skip: with @map NULL, mark its limiter in
 * @used; otherwise renumber it through @map.
 */
static void limiters_used(struct icmpx_policy *pol, const struct icmpx_rule *skip,
			  bool *used, const u8 *map)
{
	struct icmpx_rule *r;
	int f, i;

	for (f = 0; f < ICMPX_NFAMILY; f++) {
		for (i = 0; i < 256 + pol->ncodes[f]; i++) {
			r = i < 256 ? &pol->type[f][i] : &pol->code[f][i - 256].rule;
			if (r == skip || r->action != ICMPX_ACTION_LIMIT)
				continue;
			if (map)
				r->limit = map[r->limit];
			else
				used[r->limit] = true;
		}
	}
}

/* Drop the limiters no rule names, keeping the others in order. */
static void compact_limiters(struct icmpx_policy *pol)
{
	bool used[ICMPX_MAX_LIMITERS] = {};
	u8 map[ICMPX_MAX_LIMITERS] = {};
	unsigned int i, n = 0;

	limiters_used(pol, NULL, used, NULL);
	for (i = 0; i < pol->nlimiters; i++) {
		if (!used[i])
			continue;
		map[i] = n;
		pol->limiters[n++] = pol->limiters[i];
	}
	limiters_used(pol, NULL, NULL, map);
	pol->nlimiters = n;
}

static struct icmpx_code_rule *find_code(struct icmpx_policy *pol,
					 enum icmpx_family f, u8 type, u8 code)
{
	unsigned int i;

	for (i = 0; i < pol->ncodes[f]; i++)
		if (pol->code[f][i].type == type && pol->code[f][i].code == code)
			return &pol->code[f][i];
	return NULL;
}

/**
 * icmpx_policy_set_rule - set the rule of a type, or of one of its codes
 * @pol: the policy
 * @f: the family
 * @type: the type
 * @code: the code, or -1 for the type's own rule
 * @def: the rule, its limiter given by value
 *
 * Rules whose limiters count alike share one; a limiter no rule names
 * any more goes.
 *
 * Return: 0; with @pol unchanged, -EINVAL for a rule
 * icmpx_rule_refusal() refuses, -ENOSPC when it has no room left for
 * another limiter (ICMPX_MAX_LIMITERS), -E2BIG for another code rule
 * (ICMPX_MAX_CODE_RULES).
 */
int icmpx_policy_set_rule(struct icmpx_policy *pol, enum icmpx_family f,
			  u8 type, int code, const struct icmpx_rule_def *def)
{
	struct icmpx_rule rule = { .action = def->action,
				   .flags = def->flags & ICMPX_RULE_API_FLAGS };
	bool used[ICMPX_MAX_LIMITERS] = {};
	struct icmpx_code_rule *c = NULL;
	struct icmpx_rule *cur;
	unsigned int i, n = 0;
	int err;

	if (icmpx_rule_refusal(f, type, code, def))
		return -EINVAL;
	if (code >= 0) {
		c = find_code(pol, f, type, code);
		if (!c && pol->ncodes[f] == ICMPX_MAX_CODE_RULES)
			return -E2BIG;
	}
	cur = code < 0 ? &pol->type[f][type] : c ? &c->rule : NULL;

	if (def->action == ICMPX_ACTION_LIMIT) {
		for (i = 0; i < pol->nlimiters; i++)
			if (same_limiter(&pol->limiters[i], &def->limiter))
				break;
		rule.limit = i;
		if (i == pol->nlimiters) {
			/* A new one: room once the limiters unused are gone? */
			limiters_used(pol, cur, used, NULL);
			for (i = 0; i < ICMPX_MAX_LIMITERS; i++)
				n += used[i];
			if (n == ICMPX_MAX_LIMITERS)
				return -ENOSPC;
			if (cur)
				cur->action = ICMPX_ACTION_ACCEPT;
			compact_limiters(pol);
			rule.limit = pol->nlimiters;
			pol->limiters[pol->nlimiters++] = def->limiter;
		}
	}

	if (code >= 0) {
		err = icmpx_policy_set_code(pol, f, type, code, &rule);
		if (err)
			return err;
	} else {
		rule.flags |= cur->flags & ICMPX_RULE_CODES;
		*cur = rule;
	}
	compact_limiters(pol);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_policy_set_rule);

/**
 * icmpx_policy_del_rule - give a type back its preset's rule, or drop a code rule
 * @pol: the policy
 * @preset: the policy of @pol's preset, as icmpx_policy_init() builds it
 * @f: the family
 * @type: the type
 * @code: the code rule to remove, or -1 for the type's own rule
 *
 * Return: 0, -ENOENT when there is no such code rule, or -ENOSPC when
 * the preset's limiter finds no room.
 */
int icmpx_policy_del_rule(struct icmpx_policy *pol,
			  const struct icmpx_policy *preset,
			  enum icmpx_family f, u8 type, int code)
{
	struct icmpx_code_rule *c;
	struct icmpx_rule_def def;
	unsigned int i;

	if (code < 0) {
		icmpx_policy_rule_def(preset, &preset->type[f][type], &def);
		return icmpx_policy_set_rule(pol, f, type, -1, &def);
	}
	c = find_code(pol, f, type, code);
	if (!c)
		return -ENOENT;
	*c = pol->code[f][--pol->ncodes[f]];
	pol->type[f][type].flags &= ~ICMPX_RULE_CODES;
	for (i = 0; i < pol->ncodes[f]; i++)
		if (pol->code[f][i].type == type)
			pol->type[f][type].flags |= ICMPX_RULE_CODES;
	compact_limiters(pol);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_policy_del_rule);

/**
 * icmpx_own_setting - does a setting, not a rule, decide this type?
 * @f: the family
 * @type: the type
 *
 * Source quench, redirects and router advertisements have settings of
 * their own, which say more than accept, drop or limit can; rules on
 * them would never be consulted, so there are none.
 */
bool icmpx_own_setting(enum icmpx_family f, u8 type)
{
	if (f == ICMPX_FAMILY_IPV4)
		return type == ICMP_SOURCE_QUENCH || type == ICMP_REDIRECT ||
		       type == ICMPX_ROUTERADVERT;
	return type == NDISC_ROUTER_ADVERTISEMENT || type == NDISC_REDIRECT;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_own_setting);

/**
 * icmpx_rule_refusal - why a rule may not be set, if it may not
 * @f: the family
 * @type: the type
 * @code: the code, or -1 for the type's rule
 * @def: the rule
 *
 * One answer for every rule that could not take effect as written: on
 * a type a setting decides, or dropping or limiting what a host must
 * keep (the guards above) without saying force.  Deleting a rule,
 * which gives back a preset's, is never refused.
 *
 * Return: ICMPX_REFUSE_NONE, or why not.
 */
enum icmpx_refusal icmpx_rule_refusal(enum icmpx_family f, u8 type, int code,
				      const struct icmpx_rule_def *def)
{
	const struct icmpx_guard *g = guard_of(f, type, code);

	if (icmpx_own_setting(f, type))
		return ICMPX_REFUSE_SETTING;
	/*
	 * Accepting, force only lets error validation drop what path MTU
	 * discovery needs (icmpx_decide()): said of anything else, it
	 * would be read back and saved as if it meant something.
	 */
	if ((def->flags & ICMPX_RULE_FORCE) && def->action == ICMPX_ACTION_ACCEPT &&
	    !covers_pmtud(f, type, code))
		return ICMPX_REFUSE_FORCE;
	/* No limit holds a trusted source, and accept needs no exception. */
	if ((def->flags & ICMPX_RULE_UNLESS_TRUSTED) && def->action != ICMPX_ACTION_DROP)
		return ICMPX_REFUSE_UNLESS_TRUSTED;
	if (def->flags & ICMPX_RULE_FORCE)
		return ICMPX_REFUSE_NONE;
	/* A guard of one code leaves the type's rule alone: guard_of() misses it. */
	if (g && (g->actions & BIT(def->action)))
		return g->refusal;
	return ICMPX_REFUSE_NONE;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_rule_refusal);

/**
 * icmpx_policy_rule_def - a rule of @pol with its limiter by value
 * @pol: the policy
 * @rule: one of its rules
 * @def: filled in whole
 */
void icmpx_policy_rule_def(const struct icmpx_policy *pol,
			   const struct icmpx_rule *rule,
			   struct icmpx_rule_def *def)
{
	memset(def, 0, sizeof(*def));
	def->action = rule->action;
	def->flags = rule->flags & ICMPX_RULE_API_FLAGS;
	if (rule->action == ICMPX_ACTION_LIMIT && rule->limit < pol->nlimiters)
		def->limiter = pol->limiters[rule->limit];
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_policy_rule_def);

/* Do two rules of family @f do the same? */
bool icmpx_rule_def_equal(const struct icmpx_rule_def *a,
			  const struct icmpx_rule_def *b, enum icmpx_family f)
{
	const struct icmpx_limiter *x = &a->limiter, *y = &b->limiter;

	if (a->action != b->action || a->flags != b->flags)
		return false;
	if (a->action != ICMPX_ACTION_LIMIT)
		return true;
	return x->rate.rate == y->rate.rate && x->rate.burst == y->rate.burst &&
	       x->scope == y->scope &&
	       (x->scope == ICMPX_SCOPE_GLOBAL || x->plen[f] == y->plen[f]);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_rule_def_equal);

/**
 * icmpx_policy_add_router - list a router router-adv allow accepts
 * @pol: the policy
 * @f: the family of @addr
 * @addr: 4 or 16 bytes
 * @link: the name of the only link it is accepted on, NULL or "" for
 *	any; its caller checked it is an interface name
 *
 * Return: 0, or -E2BIG past ICMPX_MAX_ROUTERS of the family.
 */
int icmpx_policy_add_router(struct icmpx_policy *pol, enum icmpx_family f,
			    const u8 *addr, const char *link)
{
	struct icmpx_router *r;

	if (pol->nrouters[f] == ICMPX_MAX_ROUTERS)
		return -E2BIG;
	r = &pol->routers[f][pol->nrouters[f]++];
	memset(r, 0, sizeof(*r));
	memcpy(r->addr, addr, f == ICMPX_FAMILY_IPV4 ? 4 : 16);
	if (link)
		memcpy(r->link, link, strnlen(link, IFNAMSIZ - 1));
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_policy_add_router);

/* Does @addr begin with @p's bits? */
static bool prefix_match(const struct icmpx_prefix *p, const u8 *addr)
{
	unsigned int n = p->plen / 8, bits = p->plen % 8;

	if (memcmp(addr, p->addr, n))
		return false;
	return !bits || !((addr[n] ^ p->addr[n]) & (u8)(0xff00 >> bits));
}

/**
 * icmpx_policy_add_trusted - list a prefix whose sources no limiter judges
 * @pol: the policy
 * @f: the family of @addr
 * @addr: 4 or 16 bytes
 * @plen: the prefix length
 *
 * A prefix with bits set past its length is refused, as ip-route refuses
 * one, rather than cut: what is read back is then what was written.
 *
 * Return: ICMPX_TRUST_OK, or why not (and @pol unchanged).
 */
enum icmpx_trust_refusal icmpx_policy_add_trusted(struct icmpx_policy *pol,
						  enum icmpx_family f,
						  const u8 *addr, u8 plen)
{
	unsigned int len = f == ICMPX_FAMILY_IPV4 ? 4 : 16;
	struct icmpx_prefix p = { .plen = plen };
	unsigned int i;

	if (plen > len * 8)
		return ICMPX_TRUST_LENGTH;
	memcpy(p.addr, addr, len);
	for (i = 0; i < len * 8; i++)
		if (i >= plen && (p.addr[i / 8] & (0x80 >> (i % 8))))
			return ICMPX_TRUST_HOSTBITS;
	for (i = 0; i < pol->ntrusted[f]; i++)
		if (pol->trusted[f][i].plen == plen &&
		    !memcmp(pol->trusted[f][i].addr, p.addr, len))
			return ICMPX_TRUST_TWICE;
	if (pol->ntrusted[f] == ICMPX_MAX_TRUSTED)
		return ICMPX_TRUST_FULL;
	pol->trusted[f][pol->ntrusted[f]++] = p;
	return ICMPX_TRUST_OK;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_policy_add_trusted);

/**
 * icmpx_trusted - is @saddr in one of the policy's trusted prefixes?
 * @pol: the policy
 * @f: the family
 * @saddr: a message's source, 4 or 16 bytes
 *
 * A monitoring system must reach every host at its own rate, not at
 * the rate that holds everyone else; its messages are still parsed and
 * validated in full, and the rules' drops apply to them.
 */
bool icmpx_trusted(const struct icmpx_policy *pol, enum icmpx_family f,
		   const u8 *saddr)
{
	unsigned int i;

	for (i = 0; i < pol->ntrusted[f]; i++)
		if (prefix_match(&pol->trusted[f][i], saddr))
			return true;
	return false;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_trusted);

/**
 * icmpx_guarded - is this message kept from @action unless a rule forces it?
 * @msg: a well-formed message
 * @action: ICMPX_ACTION_DROP or ICMPX_ACTION_LIMIT
 */
bool icmpx_guarded(const struct icmpx_msg *msg, enum icmpx_action action)
{
	return guarded(msg->family, msg->type, msg->code, action);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_guarded);

/*
 * Path MTU discovery's own messages.  The stack takes them whatever
 * they quote (the transport checks its own state), so error validation
 * does not drop them either, unless their rule says force.
 */
bool icmpx_pmtud(const struct icmpx_msg *msg)
{
	if (msg->family == ICMPX_FAMILY_IPV4)
		return msg->type == ICMP_DEST_UNREACH && msg->code == ICMP_FRAG_NEEDED;
	return msg->type == ICMPV6_PKT_TOOBIG;
}

/*
 * The rule for (@type, @code); *@code_rule: 0, or 1 + the code rule's
 * slot.  This and limit_rule() are inlined: every message the limiter
 * admits asks them again, in icmpx_decide().
 */
static __always_inline const struct icmpx_rule *
rule_for(const struct icmpx_policy *pol, u8 family, u8 type, u8 code,
	 u8 *code_rule)
{
	const struct icmpx_rule *rule = &pol->type[family][type];
	const struct icmpx_code_rule *c;
	unsigned int i;

	*code_rule = 0;
	if (!(rule->flags & ICMPX_RULE_CODES))
		return rule;
	for (i = 0; i < pol->ncodes[family]; i++) {
		c = &pol->code[family][i];
		if (c->type == type && c->code == code) {
			*code_rule = c->slot + 1;
			return &c->rule;
		}
	}
	return rule;
}

/*
 * The limiter a limit rule puts (@type, @code) under, noted in @d, or
 * why none: sent by this namespace to itself, or kept by a guard.
 */
static __always_inline void limit_rule(const struct icmpx_policy *pol,
				       u8 family, u8 type, u8 code,
				       bool loopback,
				       const struct icmpx_rule *rule,
				       u8 code_rule, struct icmpx_decision *d)
{
	if (rule->limit >= pol->nlimiters || loopback)
		return;
	if (!(rule->flags & ICMPX_RULE_FORCE) &&
	    guarded(family, type, code, ICMPX_ACTION_LIMIT)) {
		d->notes |= ICMPX_DECIDE_GUARDED;
		return;
	}
	d->limiter = rule->limit + 1;
	d->code_rule = code_rule;
}

/**
 * icmpx_header_limiter - the limiter a message's first two bytes name
 * @pol: the policy in force
 * @pkt: the message, of which only the type and code are read
 * @d: filled in whole: the limiter, as icmpx_decide() would name it for
 *     a well-formed message of that type and code, or none
 *
 * The hook asks before anything else, so that a limiter refuses a flood
 * on its header alone, before a checksum, a parse or a route lookup is
 * spent on a message it drops anyway.  What the limiter admits is then
 * validated in full.  Types with settings of their own are never
 * limited; neither are messages too short to have a code.
 */
void icmpx_header_limiter(const struct icmpx_policy *pol,
			  const struct icmpx_pkt *pkt, struct icmpx_decision *d)
{
	const struct icmpx_rule *rule;
	u8 type, code, code_rule;

	memset(d, 0, sizeof(*d));
	if (pkt->avail < 2)
		return;
	type = pkt->data[0];
	code = pkt->data[1];
	rule = rule_for(pol, pkt->family, type, code, &code_rule);
	if (rule->action != ICMPX_ACTION_LIMIT ||
	    icmpx_own_setting(pkt->family, type))
		return;
	limit_rule(pol, pkt->family, type, code, pkt->loopback, rule,
		   code_rule, d);
	/* The guard's note is icmpx_decide()'s to make, once. */
	d->notes = 0;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_header_limiter);

/* How much of @type a guard of @family keeps from @action: ANY, some codes, none. */
static int type_guard(u8 family, u8 type, enum icmpx_action action)
{
	const struct icmpx_guard *g = guards[family].g;
	unsigned int i;
	int found = 0;

	for (i = 0; i < guards[family].n; i++) {
		if (g[i].type != type || !(g[i].actions & BIT(action)))
			continue;
		if (g[i].code == ANY)
			return ANY;
		found = 1;
	}
	return found;
}

/**
 * icmpx_header_table - each type's limiter, where the type alone says it
 * @pol: a policy about to be put in force
 * @tbl: filled in, per family and type: 0 for none, 1 + the limiter
 *       (a type's rule, code_rule 0), or ICMPX_HDR_ASK where the code
 *       decides (code rules, a guard of some codes), which
 *       icmpx_header_limiter() answers
 *
 * Made once for each policy, so that a flood's message finds its
 * limiter with one load.  What a namespace sends itself, and a message
 * too short to have a code, are never limited: the hook does not ask.
 */
void icmpx_header_table(const struct icmpx_policy *pol,
			u8 tbl[ICMPX_NFAMILY][256])
{
	const struct icmpx_rule *rule;
	unsigned int f, t;
	int guard;

	for (f = 0; f < ICMPX_NFAMILY; f++) {
		for (t = 0; t < 256; t++) {
			rule = &pol->type[f][t];
			tbl[f][t] = 0;
			if (icmpx_own_setting(f, t))
				continue;
			if (rule->flags & ICMPX_RULE_CODES) {
				tbl[f][t] = ICMPX_HDR_ASK;
				continue;
			}
			if (rule->action != ICMPX_ACTION_LIMIT ||
			    rule->limit >= pol->nlimiters)
				continue;
			guard = rule->flags & ICMPX_RULE_FORCE ? 0 :
				type_guard(f, t, ICMPX_ACTION_LIMIT);
			if (guard == ANY)
				continue;
			tbl[f][t] = guard ? ICMPX_HDR_ASK : rule->limit + 1;
		}
	}
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_header_table);

static bool error_type(enum icmpx_family f, u8 type)
{
	if (f == ICMPX_FAMILY_IPV6)
		return type <= ICMPV6_ERRMSG_MAX;
	return type == ICMP_DEST_UNREACH || type == ICMP_SOURCE_QUENCH ||
	       type == ICMP_REDIRECT || type == ICMP_TIME_EXCEEDED ||
	       type == ICMP_PARAMETERPROB;
}

static bool multicast_or_broadcast(const struct icmpx_inner *in)
{
	static const u8 bcast[4] = { 0xff, 0xff, 0xff, 0xff };

	if (in->family == ICMPX_FAMILY_IPV6)
		return icmpx_multicast6(in->daddr);
	return (in->daddr[0] & 0xf0) == 0xe0 || !memcmp(in->daddr, bcast, 4);
}

/*
 * Datagrams no host sends, whatever its addresses: an ICMP error about an
 * ICMP error (RFC 1122 3.2.2, RFC 4443 2.4 e), TCP from or to port 0 or
 * to a group, UDP to port 0 (the stack refuses to send either).
 */
static bool never_sent(const struct icmpx_inner *in)
{
	if (!in->thoff)
		return false;
	switch (in->proto) {
	case P_ICMP:
		return in->family == ICMPX_FAMILY_IPV4 && error_type(ICMPX_FAMILY_IPV4, in->type);
	case P_ICMPV6:
		return in->family == ICMPX_FAMILY_IPV6 && error_type(ICMPX_FAMILY_IPV6, in->type);
	case P_TCP:
		return multicast_or_broadcast(in) ||
		       (in->ports && (!in->sport || !in->dport));
	case P_UDP:
		return in->ports && !in->dport;
	}
	return false;
}

/*
 * Could this host have sent the datagram @in?  From one of its own
 * addresses, as the stack would deliver to them (VRF, AnyIP, anycast),
 * or from a socket that may use any address (IP_TRANSPARENT, TPROXY).
 */
static bool ours(const struct icmpx_env *env, const struct icmpx_inner *in)
{
	return env->ops->local(env, in->family, in->saddr) ||
	       (env->ops->owner && env->ops->owner(env, in));
}

/*
 * RFC 5927 4: an error is believable only if it quotes a datagram this
 * host could have sent.  The transports check more (TCP: the sequence
 * number is in the window); this is what holds for every protocol.
 */
static enum icmpx_drop check_error(const struct icmpx_msg *msg,
				   const struct icmpx_env *env)
{
	const struct icmpx_inner *in = &msg->inner;

	if (!(msg->flags & ICMPX_F_INNER))
		return ICMPX_DROP_NONE;
	if (never_sent(in))
		return ICMPX_DROP_ERROR_DATAGRAM;
	if (!ours(env, in))
		return ICMPX_DROP_ERROR_SOURCE;
	return ICMPX_DROP_NONE;
}

/* Addresses no neighbor can have: zero, loopback, multicast, broadcast. */
static bool not_unicast4(const u8 *a)
{
	static const u8 bcast[4] = { 0xff, 0xff, 0xff, 0xff };

	return a[0] == 0 || a[0] == 127 || (a[0] & 0xf0) == 0xe0 ||
	       !memcmp(a, bcast, 4);
}

/* What RFC 1122 3.2.2.2 asks of the routes, the quoted source found ours. */
static enum icmpx_drop redirect4_routes(const struct icmpx_pkt *pkt,
					const struct icmpx_msg *msg,
					const struct icmpx_env *env)
{
	const u8 *gw = msg->gateway;
	struct icmpx_route rt;

	/* Our own addresses are RTN_LOCAL: the route lookup below finds them. */
	if (not_unicast4(gw))
		return ICMPX_DROP_REDIRECT_TARGET;
	/* The route the redirected datagram took, from its own source. */
	if (!env->ops->route(env, ICMPX_FAMILY_IPV4, msg->inner.daddr,
			     msg->inner.saddr, &rt) || !rt.arrival)
		return ICMPX_DROP_REDIRECT_ROUTE;
	if (!rt.gateway || memcmp(rt.gw, pkt->saddr, 4))
		return ICMPX_DROP_REDIRECT_GATEWAY;
	if (!env->ops->route(env, ICMPX_FAMILY_IPV4, gw, NULL, &rt))
		return ICMPX_DROP_REDIRECT_OFFLINK;
	if (rt.type != ICMPX_RT_UNICAST)
		return ICMPX_DROP_REDIRECT_TARGET;
	if (rt.gateway || !rt.arrival)
		return ICMPX_DROP_REDIRECT_OFFLINK;
	return ICMPX_DROP_NONE;
}

/*
 * RFC 1122 3.2.2.2: discard a redirect unless it comes from the current
 * first hop towards the destination and names a new gateway on the
 * network it arrived through.  The kernel relaxes the second test when
 * the interface has shared_media set; this does not.
 *
 * A flood of one redirect asks the same of the same routes each time:
 * the verdict is remembered (env->ops->recall), unless it rested on a
 * socket's address, which can change without a route changing.
 */
static enum icmpx_drop redirect4(const struct icmpx_pkt *pkt,
				 const struct icmpx_msg *msg,
				 const struct icmpx_env *env)
{
	const struct icmpx_inner *in = &msg->inner;
	u8 key[ICMPX_REDIRECT_KEY], known;
	enum icmpx_drop drop;

	if (!(msg->flags & ICMPX_F_INNER))
		return ICMPX_DROP_ERROR_SOURCE;
	memcpy(key, pkt->saddr, 4);
	memcpy(key + 4, in->saddr, 4);
	memcpy(key + 8, in->daddr, 4);
	memcpy(key + 12, msg->gateway, 4);
	if (env->ops->recall && env->ops->recall(env, key, &known))
		return known;
	if (!env->ops->local(env, ICMPX_FAMILY_IPV4, in->saddr)) {
		if (!env->ops->owner || !env->ops->owner(env, in))
			return ICMPX_DROP_ERROR_SOURCE;
		return redirect4_routes(pkt, msg, env);
	}
	drop = redirect4_routes(pkt, msg, env);
	if (env->ops->remember)
		env->ops->remember(env, key, drop);
	return drop;
}

/*
 * RFC 4861 8.1.  The parser has checked the link-local source, hop limit
 * 255, a destination that is no group and a target that is link-local
 * or the destination itself; what is left needs the routing table.
 */
static enum icmpx_drop redirect6(const struct icmpx_pkt *pkt,
				 const struct icmpx_msg *msg,
				 const struct icmpx_env *env)
{
	struct icmpx_route rt;

	if (env->ops->local(env, ICMPX_FAMILY_IPV6, msg->target))
		return ICMPX_DROP_REDIRECT_TARGET;
	/* From the address the redirect came to, as ip6_redirect_no_header(). */
	if (!env->ops->route(env, ICMPX_FAMILY_IPV6, msg->dest, pkt->daddr, &rt) ||
	    !rt.arrival)
		return ICMPX_DROP_REDIRECT_ROUTE;
	if (!rt.gateway || memcmp(rt.gw, pkt->saddr, 16))
		return ICMPX_DROP_REDIRECT_GATEWAY;
	return ICMPX_DROP_NONE;
}

static enum icmpx_drop redirect(const struct icmpx_policy *pol,
				const struct icmpx_pkt *pkt,
				const struct icmpx_msg *msg,
				const struct icmpx_env *env)
{
	switch (pol->redirect) {
	case ICMPX_REDIRECT_ACCEPT:
		return ICMPX_DROP_NONE;
	case ICMPX_REDIRECT_VALIDATE:
		if (msg->family == ICMPX_FAMILY_IPV4)
			return redirect4(pkt, msg, env);
		return redirect6(pkt, msg, env);
	}
	return ICMPX_DROP_REDIRECT;
}

static enum icmpx_drop router_adv(const struct icmpx_policy *pol,
				  const struct icmpx_pkt *pkt)
{
	unsigned int len = pkt->family == ICMPX_FAMILY_IPV6 ? 16 : 4;
	const struct icmpx_router *r;
	unsigned int i;

	switch (pol->router_adv) {
	case ICMPX_ROUTER_ADV_ACCEPT:
		return ICMPX_DROP_NONE;
	case ICMPX_ROUTER_ADV_ALLOW:
		for (i = 0; i < pol->nrouters[pkt->family]; i++) {
			r = &pol->routers[pkt->family][i];
			if (memcmp(r->addr, pkt->saddr, len))
				continue;
			/*
			 * A link-local address is only an address on its
			 * link: the same one sent from another link is
			 * another router, or someone posing as it.
			 */
			if (!r->link[0] ||
			    (pkt->link && !strncmp(r->link, pkt->link, IFNAMSIZ)))
				return ICMPX_DROP_NONE;
		}
		return ICMPX_DROP_ROUTER_UNLISTED;
	}
	return ICMPX_DROP_ROUTER_ADV;
}

/*
 * A rule's verdict on @msg, short of validation: drop, or accept subject
 * to a limiter (noted in @d), or accept.  What a guard keeps is kept
 * unless the rule says force, and noted.
 */
static enum icmpx_drop apply_rule(const struct icmpx_policy *pol,
				  const struct icmpx_pkt *pkt,
				  const struct icmpx_msg *msg,
				  const struct icmpx_rule *rule, u8 code_rule,
				  struct icmpx_decision *d)
{
	bool forced = rule->flags & ICMPX_RULE_FORCE;

	if (rule->action == ICMPX_ACTION_DROP) {
		/* Then validated as any message the rules accept. */
		if ((rule->flags & ICMPX_RULE_UNLESS_TRUSTED) &&
		    icmpx_trusted(pol, msg->family, pkt->saddr)) {
			d->notes |= ICMPX_DECIDE_TRUSTED;
			return ICMPX_DROP_NONE;
		}
		if (forced || !icmpx_guarded(msg, ICMPX_ACTION_DROP))
			return ICMPX_DROP_RULE;
		d->notes |= ICMPX_DECIDE_GUARDED;
	} else if (rule->action == ICMPX_ACTION_LIMIT) {
		limit_rule(pol, msg->family, msg->type, msg->code, pkt->loopback,
			   rule, code_rule, d);
	}
	return ICMPX_DROP_NONE;
}

/**
 * icmpx_decide - what the policy says of one message
 * @pol: the policy in force
 * @pkt: the message as it arrived
 * @msg: what the parser made of it
 * @parsed: the parser's verdict
 * @env: answers about this namespace's addresses and routes
 * @d: what else the caller must know: notes, and the limiter an accepted
 *     message is still subject to
 *
 * The mode is not applied here, nor the limiter: the caller asks
 * icmpx_enforced() and spends the limiter's tokens.  What arrived on
 * loopback was sent by this namespace itself: it is neither limited
 * nor validated (the kernel does not limit the errors it sends there).
 *
 * Return: ICMPX_DROP_NONE to accept, or why to drop.
 */
enum icmpx_drop icmpx_decide(const struct icmpx_policy *pol,
			     const struct icmpx_pkt *pkt,
			     const struct icmpx_msg *msg,
			     enum icmpx_reason parsed,
			     const struct icmpx_env *env,
			     struct icmpx_decision *d)
{
	const struct icmpx_rule *rule = NULL;
	enum icmpx_drop drop;
	u8 code_rule;

	memset(d, 0, sizeof(*d));
	/* NDP sent from off-link ends here, whatever the type. */
	if (parsed != ICMPX_OK)
		return ICMPX_DROP_MALFORMED;

	/* Types with a setting of their own: there are no rules for them. */
	if (msg->family == ICMPX_FAMILY_IPV4) {
		switch (msg->type) {
		case ICMP_SOURCE_QUENCH:
			if (pol->source_quench == ICMPX_ACTION_DROP)
				return ICMPX_DROP_SOURCE_QUENCH;
			goto validate;
		case ICMP_REDIRECT:
			return redirect(pol, pkt, msg, env);
		case ICMPX_ROUTERADVERT:
			return router_adv(pol, pkt);
		}
	} else {
		switch (msg->type) {
		case NDISC_ROUTER_ADVERTISEMENT:
			return router_adv(pol, pkt);
		case NDISC_REDIRECT:
			return redirect(pol, pkt, msg, env);
		}
	}

	rule = rule_for(pol, msg->family, msg->type, msg->code, &code_rule);
	drop = apply_rule(pol, pkt, msg, rule, code_rule, d);
	if (drop != ICMPX_DROP_NONE)
		return drop;

validate:
	if (!pol->validate_errors || !(msg->flags & ICMPX_F_ERROR) || pkt->loopback)
		return ICMPX_DROP_NONE;
	drop = check_error(msg, env);
	if (drop == ICMPX_DROP_NONE)
		return ICMPX_DROP_NONE;
	/* A limiter is spent on what is accepted, nothing else. */
	d->limiter = 0;
	if (icmpx_pmtud(msg) && !(rule->flags & ICMPX_RULE_FORCE)) {
		d->notes |= ICMPX_DECIDE_GUARDED;
		return ICMPX_DROP_NONE;
	}
	return drop;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_decide);
