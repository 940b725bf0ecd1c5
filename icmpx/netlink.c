// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "icmpx", per network namespace: the policy
 * and its rules, read and changed; the counters, read and reset; the
 * per-source table, listed and flushed; and events for listeners.
 * Documentation/netlink/specs/icmpx.yaml is its description.
 *
 * A change builds a whole new policy from a copy of the one in force and
 * puts it in force only once every part of the request was accepted: a
 * request that fails changes nothing.
 */
#include <kunit/visibility.h>
#include <linux/icmp.h>
#include <linux/icmpx.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/ndisc.h>
#include <net/sock.h>

#include "compat.h"
#include "hooks.h"
#include "netlink.h"
#include "netns.h"
#include "sysfs.h"

static struct netlink_range_validation rate_range = {
	.min = 1, .max = ICMPX_RATE_MAX,
};

static struct netlink_range_validation burst_range = {
	.min = 1, .max = ICMPX_BURST_MAX,
};

static struct netlink_range_validation top_range = {
	.min = 1, .max = ICMPX_TOP_MAX,
};

static struct netlink_range_validation ifindex_range = {
	.min = 1, .max = ICMPX_IFINDEX_MAX,
};

static const struct nla_policy rule_policy[ICMPX_A_RULE_MAX + 1] = {
	[ICMPX_A_RULE_FAMILY]	= NLA_POLICY_MAX(NLA_U8, ICMPX_FAMILY_MAX),
	[ICMPX_A_RULE_TYPE]	= { .type = NLA_U8 },
	[ICMPX_A_RULE_CODE]	= { .type = NLA_U8 },
	[ICMPX_A_RULE_ACTION]	= NLA_POLICY_MAX(NLA_U8, ICMPX_ACTION_MAX),
	[ICMPX_A_RULE_FORCE]	= { .type = NLA_FLAG },
	[ICMPX_A_RULE_UNLESS_TRUSTED] = { .type = NLA_FLAG },
	[ICMPX_A_RULE_SCOPE]	= NLA_POLICY_MAX(NLA_U8, ICMPX_SCOPE_MAX),
	[ICMPX_A_RULE_RATE]	= NLA_POLICY_FULL_RANGE(NLA_U32, &rate_range),
	[ICMPX_A_RULE_BURST]	= NLA_POLICY_FULL_RANGE(NLA_U32, &burst_range),
	[ICMPX_A_RULE_PREFIX]	= NLA_POLICY_RANGE(NLA_U8, 1, 128),
};

static const struct nla_policy router_policy[ICMPX_A_ROUTER_MAX + 1] = {
	[ICMPX_A_ROUTER_ADDRESS] = { .type = NLA_BINARY, .len = 16 },
	[ICMPX_A_ROUTER_LINK]	= { .type = NLA_NUL_STRING, .len = ICMPX_LINK_LEN },
};

static const struct nla_policy routers_policy[ICMPX_A_ROUTERS_MAX + 1] = {
	[ICMPX_A_ROUTERS_ADDRESS] = { .type = NLA_BINARY, .len = 16 },
	[ICMPX_A_ROUTERS_ROUTER] = NLA_POLICY_NESTED(router_policy),
};

static const struct nla_policy prefix_policy[ICMPX_A_PREFIX_MAX + 1] = {
	[ICMPX_A_PREFIX_ADDRESS] = { .type = NLA_BINARY, .len = 16 },
	[ICMPX_A_PREFIX_LENGTH]	= NLA_POLICY_MAX(NLA_U8, 128),
};

static const struct nla_policy trusted_policy[ICMPX_A_TRUSTED_MAX + 1] = {
	[ICMPX_A_TRUSTED_PREFIX] = NLA_POLICY_NESTED(prefix_policy),
};

/*
 * set-config.  sources and sources-max, for replies, stay NLA_UNSPEC,
 * which strict validation refuses.
 */
static const struct nla_policy config_policy[ICMPX_A_CONFIG_ZONE + 1] = {
	[ICMPX_A_CONFIG_MODE]		= NLA_POLICY_MAX(NLA_U8, ICMPX_MODE_MAX),
	[ICMPX_A_CONFIG_PRESET]		= NLA_POLICY_MAX(NLA_U8, ICMPX_PRESET_MAX),
	[ICMPX_A_CONFIG_SOURCE_QUENCH]	= NLA_POLICY_MAX(NLA_U8, ICMPX_ACTION_DROP),
	[ICMPX_A_CONFIG_REDIRECT]	= NLA_POLICY_MAX(NLA_U8, ICMPX_REDIRECT_MAX),
	[ICMPX_A_CONFIG_ROUTER_ADV]	= NLA_POLICY_MAX(NLA_U8, ICMPX_ROUTER_ADV_MAX),
	[ICMPX_A_CONFIG_VALIDATE_ERRORS] = NLA_POLICY_MAX(NLA_U8, 1),
	[ICMPX_A_CONFIG_ROUTERS]	= NLA_POLICY_NESTED(routers_policy),
	[ICMPX_A_CONFIG_RULE]		= NLA_POLICY_NESTED(rule_policy),
	[ICMPX_A_CONFIG_DRY_RUN]	= { .type = NLA_FLAG },
	[ICMPX_A_CONFIG_TRUSTED]	= NLA_POLICY_NESTED(trusted_policy),
	[ICMPX_A_CONFIG_ZONE]		= { .type = NLA_NUL_STRING, .len = ICMPX_LINK_LEN },
};

/*
 * set-rule and del-rule: rules only.  dry-run, past their maxattr, is
 * refused by the netlink core as an unknown attribute: ignoring it
 * would change the policy of a request that asked for nothing to
 * change.
 */
static const struct nla_policy rules_policy[ICMPX_A_CONFIG_ZONE + 1] = {
	[ICMPX_A_CONFIG_RULE]		= NLA_POLICY_NESTED(rule_policy),
	[ICMPX_A_CONFIG_ZONE]		= { .type = NLA_NUL_STRING, .len = ICMPX_LINK_LEN },
};

/* get-config and get-rule: which zone's. */
static const struct nla_policy zone_only_policy[ICMPX_A_CONFIG_ZONE + 1] = {
	[ICMPX_A_CONFIG_ZONE]		= { .type = NLA_NUL_STRING, .len = ICMPX_LINK_LEN },
};

static const struct nla_policy stats_policy[ICMPX_A_STATS_ZONE + 1] = {
	[ICMPX_A_STATS_FAMILY]	= NLA_POLICY_MAX(NLA_U8, ICMPX_FAMILY_MAX),
	[ICMPX_A_STATS_TYPE]	= { .type = NLA_U8 },
	[ICMPX_A_STATS_ZONE]	= { .type = NLA_NUL_STRING, .len = ICMPX_LINK_LEN },
};

/* reset-stats: which zone's. */
static const struct nla_policy stats_zone_policy[ICMPX_A_STATS_ZONE + 1] = {
	[ICMPX_A_STATS_ZONE]	= { .type = NLA_NUL_STRING, .len = ICMPX_LINK_LEN },
};

static const struct nla_policy zone_name_policy[ICMPX_A_ZONE_NAME + 1] = {
	[ICMPX_A_ZONE_NAME]	= { .type = NLA_NUL_STRING, .len = ICMPX_LINK_LEN },
};

static const struct nla_policy zone_policy[ICMPX_A_ZONE_MAX + 1] = {
	[ICMPX_A_ZONE_NAME]	= { .type = NLA_NUL_STRING, .len = ICMPX_LINK_LEN },
	[ICMPX_A_ZONE_LINK]	= { .type = NLA_NUL_STRING, .len = ICMPX_LINK_LEN },
	[ICMPX_A_ZONE_IFINDEX]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ifindex_range),
};

static const struct nla_policy sources_policy[ICMPX_A_SOURCE_ZONE + 1] = {
	[ICMPX_A_SOURCE_TOP]	= NLA_POLICY_FULL_RANGE(NLA_U32, &top_range),
	[ICMPX_A_SOURCE_ZONE]	= { .type = NLA_NUL_STRING, .len = ICMPX_LINK_LEN },
};

static struct icmpx_net *info_net(struct genl_info *info)
{
	return icmpx_pernet(genl_info_net(info));
}

static struct icmpx_net *cb_net(struct netlink_callback *cb)
{
	return icmpx_pernet(sock_net(cb->skb->sk));
}

/*
 * The zone @a names, the default zone without it; NULL, said in
 * @extack, when no zone has the name.  Zones come and go under
 * config_lock (and RTNL): the caller holds it.
 */
static struct icmpx_zone *zone_named(struct icmpx_net *in,
				     const struct nlattr *a,
				     struct netlink_ext_ack *extack)
{
	struct icmpx_zone *z;

	lockdep_assert_held(&in->config_lock);
	if (!a || !nla_strcmp(a, ICMPX_DEFAULT_ZONE))
		return &in->dflt;
	list_for_each_entry(z, &in->zones, node)
		if (!nla_strcmp(a, z->name))
			return z;
	NL_SET_ERR_MSG_ATTR(extack, a, "no zone of that name");
	return NULL;
}

static int addr_len(u8 family)
{
	return family == ICMPX_FAMILY_IPV6 ? 16 : 4;
}

/* ---- rules ---------------------------------------------------------- */

/* A rule's attributes into @def, checked beyond what the policy can. */
static int parse_rule(const struct nlattr *nest, u8 *family, u8 *type,
		      int *code, struct icmpx_rule_def *def, bool del,
		      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[ICMPX_A_RULE_MAX + 1];
	struct icmpx_limiter *l = &def->limiter;
	u8 f, plen;
	int err;

	err = nla_parse_nested(tb, ICMPX_A_RULE_MAX, nest, rule_policy, extack);
	if (err)
		return err;
	if (!tb[ICMPX_A_RULE_FAMILY] || !tb[ICMPX_A_RULE_TYPE]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "a rule needs a family and a type");
		return -EINVAL;
	}
	f = nla_get_u8(tb[ICMPX_A_RULE_FAMILY]);
	*family = f;
	*type = nla_get_u8(tb[ICMPX_A_RULE_TYPE]);
	*code = tb[ICMPX_A_RULE_CODE] ? nla_get_u8(tb[ICMPX_A_RULE_CODE]) : -1;
	if (del) {
		if (tb[ICMPX_A_RULE_ACTION] || tb[ICMPX_A_RULE_FORCE] ||
		    tb[ICMPX_A_RULE_UNLESS_TRUSTED] ||
		    tb[ICMPX_A_RULE_SCOPE] || tb[ICMPX_A_RULE_RATE] ||
		    tb[ICMPX_A_RULE_BURST] || tb[ICMPX_A_RULE_PREFIX]) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "a rule to delete names only family, type and code");
			return -EINVAL;
		}
		return 0;
	}

	memset(def, 0, sizeof(*def));
	if (!tb[ICMPX_A_RULE_ACTION]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "a rule needs an action");
		return -EINVAL;
	}
	def->action = nla_get_u8(tb[ICMPX_A_RULE_ACTION]);
	if (tb[ICMPX_A_RULE_FORCE])
		def->flags |= ICMPX_RULE_FORCE;
	if (tb[ICMPX_A_RULE_UNLESS_TRUSTED])
		def->flags |= ICMPX_RULE_UNLESS_TRUSTED;
	if (def->action != ICMPX_ACTION_LIMIT) {
		if (tb[ICMPX_A_RULE_SCOPE] || tb[ICMPX_A_RULE_RATE] ||
		    tb[ICMPX_A_RULE_BURST] || tb[ICMPX_A_RULE_PREFIX]) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "scope, rate, burst and prefix are for action limit");
			return -EINVAL;
		}
		return 0;
	}

	if (!tb[ICMPX_A_RULE_RATE]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "action limit needs a rate");
		return -EINVAL;
	}
	l->scope = tb[ICMPX_A_RULE_SCOPE] ? nla_get_u8(tb[ICMPX_A_RULE_SCOPE]) :
					    ICMPX_SCOPE_GLOBAL;
	if (l->scope == ICMPX_SCOPE_SOURCE) {
		l->plen[ICMPX_FAMILY_IPV4] = 32;
		l->plen[ICMPX_FAMILY_IPV6] = 64;
		if (tb[ICMPX_A_RULE_PREFIX]) {
			plen = nla_get_u8(tb[ICMPX_A_RULE_PREFIX]);
			if (plen > addr_len(f) * 8) {
				NL_SET_ERR_MSG_ATTR(extack, tb[ICMPX_A_RULE_PREFIX],
						    "an IPv4 prefix is at most 32 bits long");
				return -EINVAL;
			}
			l->plen[f] = plen;
		}
	} else if (tb[ICMPX_A_RULE_PREFIX]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[ICMPX_A_RULE_PREFIX],
				    "a prefix is for scope source");
		return -EINVAL;
	}
	/* Within the policy's ranges the arithmetic cannot overflow. */
	return icmpx_rate_init(&l->rate, nla_get_u32(tb[ICMPX_A_RULE_RATE]),
			       tb[ICMPX_A_RULE_BURST] ?
			       nla_get_u32(tb[ICMPX_A_RULE_BURST]) :
			       nla_get_u32(tb[ICMPX_A_RULE_RATE]));
}

/* Set (or with @preset, delete) one rule of a request in @pol. */
static int apply_rule(struct icmpx_policy *pol, const struct icmpx_policy *preset,
		      const struct nlattr *nest, struct netlink_ext_ack *extack)
{
	enum icmpx_refusal refusal;
	struct icmpx_rule_def def;
	u8 family, type;
	int code, err;

	err = parse_rule(nest, &family, &type, &code, &def, !!preset, extack);
	if (err)
		return err;
	/* Deleting gives back the preset's rule, which no guard refuses. */
	if (preset)
		refusal = icmpx_own_setting(family, type) ? ICMPX_REFUSE_SETTING :
							     ICMPX_REFUSE_NONE;
	else
		refusal = icmpx_rule_refusal(family, type, code, &def);
	switch (refusal) {
	case ICMPX_REFUSE_NONE:
		break;
	case ICMPX_REFUSE_SETTING:
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "source quench, redirects and router advertisements follow their own settings, not rules");
		return -EINVAL;
	case ICMPX_REFUSE_RFC4890:
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "RFC 4890 4.4.1: a host must not drop this message; add force to drop or limit it anyway");
		return -EINVAL;
	case ICMPX_REFUSE_PMTUD:
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "path MTU discovery (RFC 1191, 8201) needs this message; add force to drop or limit it anyway");
		return -EINVAL;
	case ICMPX_REFUSE_FORCE:
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "force changes nothing here: on accept it is for frag-needed and packet too big (error validation)");
		return -EINVAL;
	case ICMPX_REFUSE_UNLESS_TRUSTED:
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "unless-trusted is for drop rules: no limit holds a trusted source");
		return -EINVAL;
	}
	if (preset)
		err = icmpx_policy_del_rule(pol, preset, family, type, code);
	else
		err = icmpx_policy_set_rule(pol, family, type, code, &def);
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(extack, nest, "no such code rule");
	else if (err == -E2BIG)
		NL_SET_ERR_MSG_ATTR(extack, nest, "too many code rules (32 per family)");
	else if (err == -ENOSPC)
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "too many different limiters (8): rules may share one");
	return err;
}

/* Every rule of a request, in order; @n: how many. */
static int apply_rules(struct icmpx_policy *pol, const struct icmpx_policy *preset,
		       struct genl_info *info, int *n)
{
	const struct nlattr *a;
	int err, rem;

	*n = 0;
	/* A request holds many rules: info->attrs has only the last. */
	nla_for_each_attr(a, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem) {
		if (nla_type(a) != ICMPX_A_CONFIG_RULE)
			continue;
		err = apply_rule(pol, preset, a, info->extack);
		if (err)
			return err;
		(*n)++;
	}
	return 0;
}

static int put_rule(struct sk_buff *skb, const struct icmpx_policy *pol,
		    const struct icmpx_policy *preset, u8 f, u8 type, int code,
		    const struct icmpx_rule *rule)
{
	struct icmpx_rule_def def, base;
	struct nlattr *nest;

	icmpx_policy_rule_def(pol, rule, &def);
	icmpx_policy_rule_def(preset, &preset->type[f][type], &base);

	nest = nla_nest_start(skb, ICMPX_A_CONFIG_RULE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, ICMPX_A_RULE_FAMILY, f) ||
	    nla_put_u8(skb, ICMPX_A_RULE_TYPE, type) ||
	    (code >= 0 && nla_put_u8(skb, ICMPX_A_RULE_CODE, code)) ||
	    nla_put_u8(skb, ICMPX_A_RULE_ACTION, def.action) ||
	    ((def.flags & ICMPX_RULE_FORCE) && nla_put_flag(skb, ICMPX_A_RULE_FORCE)) ||
	    ((def.flags & ICMPX_RULE_UNLESS_TRUSTED) &&
	     nla_put_flag(skb, ICMPX_A_RULE_UNLESS_TRUSTED)))
		goto cancel;
	if (def.action == ICMPX_ACTION_LIMIT &&
	    (nla_put_u8(skb, ICMPX_A_RULE_SCOPE, def.limiter.scope) ||
	     nla_put_u32(skb, ICMPX_A_RULE_RATE, def.limiter.rate.rate) ||
	     nla_put_u32(skb, ICMPX_A_RULE_BURST, def.limiter.rate.burst) ||
	     (def.limiter.scope == ICMPX_SCOPE_SOURCE &&
	      nla_put_u8(skb, ICMPX_A_RULE_PREFIX, def.limiter.plen[f]))))
		goto cancel;
	/* A code rule is never the preset's: presets have none. */
	if (code < 0 && icmpx_rule_def_equal(&def, &base, f) &&
	    nla_put_flag(skb, ICMPX_A_RULE_PRESET))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* ---- get-config, set-config ------------------------------------------ */

/* A router on any link is an address; one bound to a link, a nest. */
static int put_router(struct sk_buff *skb, enum icmpx_family f,
		      const struct icmpx_router *r)
{
	struct nlattr *nest;

	if (!r->link[0])
		return nla_put(skb, ICMPX_A_ROUTERS_ADDRESS, addr_len(f), r->addr);
	nest = nla_nest_start(skb, ICMPX_A_ROUTERS_ROUTER);
	if (!nest || nla_put(skb, ICMPX_A_ROUTER_ADDRESS, addr_len(f), r->addr) ||
	    nla_put_string(skb, ICMPX_A_ROUTER_LINK, r->link))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_routers(struct sk_buff *skb, const struct icmpx_policy *pol)
{
	struct nlattr *nest;
	int f, i;

	nest = nla_nest_start(skb, ICMPX_A_CONFIG_ROUTERS);
	if (!nest)
		return -EMSGSIZE;
	for (f = 0; f < ICMPX_NFAMILY; f++)
		for (i = 0; i < pol->nrouters[f]; i++)
			if (put_router(skb, f, &pol->routers[f][i]))
				return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_trusted(struct sk_buff *skb, const struct icmpx_policy *pol)
{
	const struct icmpx_prefix *p;
	struct nlattr *nest, *one;
	int f, i;

	nest = nla_nest_start(skb, ICMPX_A_CONFIG_TRUSTED);
	if (!nest)
		return -EMSGSIZE;
	for (f = 0; f < ICMPX_NFAMILY; f++) {
		for (i = 0; i < pol->ntrusted[f]; i++) {
			p = &pol->trusted[f][i];
			one = nla_nest_start(skb, ICMPX_A_TRUSTED_PREFIX);
			if (!one ||
			    nla_put(skb, ICMPX_A_PREFIX_ADDRESS, addr_len(f), p->addr) ||
			    nla_put_u8(skb, ICMPX_A_PREFIX_LENGTH, p->plen))
				return -EMSGSIZE;
			nla_nest_end(skb, one);
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int get_config(struct sk_buff *skb, struct genl_info *info)
{
	struct icmpx_net *in = info_net(info);
	struct icmpx_sources *t = icmpx_sources(in->limits);
	struct icmpx_policy *pol;
	struct sk_buff *msg;
	void *hdr;
	int err = -EMSGSIZE;

	struct icmpx_zone *z;

	pol = kvmalloc(sizeof(*pol), GFP_KERNEL_ACCOUNT);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!pol || !msg) {
		err = -ENOMEM;
		goto out;
	}
	mutex_lock(&in->config_lock);
	z = zone_named(in, info->attrs[ICMPX_A_CONFIG_ZONE], info->extack);
	if (z)
		*pol = *icmpx_config_locked(in, z);
	mutex_unlock(&in->config_lock);
	if (!z) {
		err = -ENOENT;
		goto out;
	}

	hdr = genlmsg_put_reply(msg, info, &icmpx_family, 0,
				ICMPX_CMD_GET_CONFIG);
	if (!hdr)
		goto out;
	if (nla_put_u8(msg, ICMPX_A_CONFIG_MODE, pol->mode) ||
	    nla_put_u8(msg, ICMPX_A_CONFIG_PRESET, pol->preset) ||
	    nla_put_u8(msg, ICMPX_A_CONFIG_SOURCE_QUENCH, pol->source_quench) ||
	    nla_put_u8(msg, ICMPX_A_CONFIG_REDIRECT, pol->redirect) ||
	    nla_put_u8(msg, ICMPX_A_CONFIG_ROUTER_ADV, pol->router_adv) ||
	    nla_put_u8(msg, ICMPX_A_CONFIG_VALIDATE_ERRORS, pol->validate_errors) ||
	    put_routers(msg, pol) ||
	    put_trusted(msg, pol) ||
	    nla_put_u32(msg, ICMPX_A_CONFIG_SOURCES, t ? atomic_read(&t->count) : 0) ||
	    nla_put_u32(msg, ICMPX_A_CONFIG_SOURCES_MAX, icmpx_sources_cap()))
		goto out;
	genlmsg_end(msg, hdr);
	kvfree(pol);
	return genlmsg_reply(msg, info);

out:
	nlmsg_free(msg);
	kvfree(pol);
	return err;
}

/* The family of an address attribute, by its length. */
static int addr_family(const struct nlattr *a, struct netlink_ext_ack *extack)
{
	if (nla_len(a) == 4)
		return ICMPX_FAMILY_IPV4;
	if (nla_len(a) == 16)
		return ICMPX_FAMILY_IPV6;
	NL_SET_ERR_MSG_ATTR(extack, a, "an address is 4 (IPv4) or 16 (IPv6) bytes");
	return -EINVAL;
}

/* The routers of a request replace the lists of both families. */
static int parse_routers(struct icmpx_policy *pol, const struct nlattr *nest,
			 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[ICMPX_A_ROUTER_MAX + 1];
	const struct nlattr *a, *addr;
	const char *link;
	int f, rem, err;

	memset(pol->nrouters, 0, sizeof(pol->nrouters));
	nla_for_each_nested(a, nest, rem) {
		link = NULL;
		if (nla_type(a) == ICMPX_A_ROUTERS_ADDRESS) {
			addr = a;
		} else if (nla_type(a) == ICMPX_A_ROUTERS_ROUTER) {
			err = nla_parse_nested(tb, ICMPX_A_ROUTER_MAX, a,
					       router_policy, extack);
			if (err)
				return err;
			addr = tb[ICMPX_A_ROUTER_ADDRESS];
			if (!addr || !tb[ICMPX_A_ROUTER_LINK]) {
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "a router on a link needs an address and the link");
				return -EINVAL;
			}
			link = nla_data(tb[ICMPX_A_ROUTER_LINK]);
			if (!dev_valid_name(link)) {
				NL_SET_ERR_MSG_ATTR(extack, tb[ICMPX_A_ROUTER_LINK],
						    "not an interface name");
				return -EINVAL;
			}
		} else {
			continue;
		}
		f = addr_family(addr, extack);
		if (f < 0)
			return f;
		if (icmpx_policy_add_router(pol, f, nla_data(addr), link)) {
			NL_SET_ERR_MSG_ATTR(extack, a, "too many routers (8 per family)");
			return -E2BIG;
		}
	}
	return 0;
}

/* The extack of a refused prefix (static strings: NL_SET_ERR_MSG's). */
static int trust_refused(enum icmpx_trust_refusal why, const struct nlattr *a,
			 struct netlink_ext_ack *extack)
{
	switch (why) {
	case ICMPX_TRUST_LENGTH:
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "a prefix length is at most 32 (IPv4) or 128 (IPv6)");
		break;
	case ICMPX_TRUST_HOSTBITS:
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "the address has bits set past the prefix length");
		break;
	case ICMPX_TRUST_TWICE:
		NL_SET_ERR_MSG_ATTR(extack, a, "a trusted prefix listed twice");
		break;
	case ICMPX_TRUST_FULL:
		NL_SET_ERR_MSG_ATTR(extack, a, "too many trusted prefixes (8 per family)");
		return -E2BIG;
	case ICMPX_TRUST_OK:
		return 0;
	}
	return -EINVAL;
}

/* The trusted prefixes of a request replace the lists of both families. */
static int parse_trusted(struct icmpx_policy *pol, const struct nlattr *nest,
			 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[ICMPX_A_PREFIX_MAX + 1];
	enum icmpx_trust_refusal why;
	const struct nlattr *a, *addr;
	int f, rem, err;

	memset(pol->ntrusted, 0, sizeof(pol->ntrusted));
	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != ICMPX_A_TRUSTED_PREFIX)
			continue;
		err = nla_parse_nested(tb, ICMPX_A_PREFIX_MAX, a, prefix_policy,
				       extack);
		if (err)
			return err;
		addr = tb[ICMPX_A_PREFIX_ADDRESS];
		if (!addr || !tb[ICMPX_A_PREFIX_LENGTH]) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "a trusted prefix needs an address and a length");
			return -EINVAL;
		}
		f = addr_family(addr, extack);
		if (f < 0)
			return f;
		why = icmpx_policy_add_trusted(pol, f, nla_data(addr),
					       nla_get_u8(tb[ICMPX_A_PREFIX_LENGTH]));
		if (why != ICMPX_TRUST_OK)
			return trust_refused(why, a, extack);
	}
	return 0;
}

static void get_u8(u8 *to, struct nlattr *a)
{
	if (a)
		*to = nla_get_u8(a);
}

/*
 * What set-config, set-rule and del-rule share: under the lock, a copy
 * of the policy in force, changed by @change, put in force if all went
 * well, unless the request is a @dry_run.
 */
static int change_config(struct genl_info *info,
			 int (*change)(struct icmpx_policy *pol,
				       struct genl_info *info),
			 bool dry_run)
{
	struct icmpx_net *in = info_net(info);
	struct icmpx_policy *pol;
	struct icmpx_zone *z;
	int err;

	pol = kvmalloc(sizeof(*pol), GFP_KERNEL_ACCOUNT);
	if (!pol)
		return -ENOMEM;
	mutex_lock(&in->config_lock);
	z = zone_named(in, info->attrs[ICMPX_A_CONFIG_ZONE], info->extack);
	if (!z) {
		err = -ENOENT;
		goto out;
	}
	*pol = *icmpx_config_locked(in, z);
	err = change(pol, info);
	/*
	 * A dry run has been through every check of a change, against the
	 * policy in force and under the same lock.  Putting the result in
	 * force checks nothing of the request: it can fail only for want
	 * of the kernel's resources (memory, netfilter hooks).
	 */
	if (!err && !dry_run)
		err = icmpx_net_set_policy(genl_info_net(info), z, pol);
out:
	mutex_unlock(&in->config_lock);
	kvfree(pol);
	return err;
}

static int change_settings(struct icmpx_policy *pol, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	int err, n;
	u8 v;

	if (attrs[ICMPX_A_CONFIG_PRESET])
		icmpx_policy_init(pol, nla_get_u8(attrs[ICMPX_A_CONFIG_PRESET]));
	get_u8(&pol->mode, attrs[ICMPX_A_CONFIG_MODE]);
	get_u8(&pol->source_quench, attrs[ICMPX_A_CONFIG_SOURCE_QUENCH]);
	get_u8(&pol->redirect, attrs[ICMPX_A_CONFIG_REDIRECT]);
	get_u8(&pol->router_adv, attrs[ICMPX_A_CONFIG_ROUTER_ADV]);
	if (attrs[ICMPX_A_CONFIG_VALIDATE_ERRORS]) {
		v = nla_get_u8(attrs[ICMPX_A_CONFIG_VALIDATE_ERRORS]);
		pol->validate_errors = v;
	}
	if (attrs[ICMPX_A_CONFIG_ROUTERS]) {
		err = parse_routers(pol, attrs[ICMPX_A_CONFIG_ROUTERS], info->extack);
		if (err)
			return err;
	}
	if (attrs[ICMPX_A_CONFIG_TRUSTED]) {
		err = parse_trusted(pol, attrs[ICMPX_A_CONFIG_TRUSTED], info->extack);
		if (err)
			return err;
	}
	return apply_rules(pol, NULL, info, &n);
}

/*
 * With dry-run, as icmpxctl apply --check sends it: the whole request
 * is checked, with the same errors and extack messages, and nothing
 * changes.  Only set-config reads the flag: the info->attrs of set-rule
 * and del-rule end before it.
 */
static int set_config(struct sk_buff *skb, struct genl_info *info)
{
	return change_config(info, change_settings,
			     nla_get_flag(info->attrs[ICMPX_A_CONFIG_DRY_RUN]));
}

static int change_rules(struct icmpx_policy *pol, struct genl_info *info,
			bool del)
{
	struct icmpx_policy *preset = NULL;
	int err, n;

	if (del) {
		preset = kvmalloc(sizeof(*preset), GFP_KERNEL_ACCOUNT);
		if (!preset)
			return -ENOMEM;
		icmpx_policy_init(preset, pol->preset);
	}
	err = apply_rules(pol, preset, info, &n);
	if (!err && !n) {
		NL_SET_ERR_MSG(info->extack, "no rule in the request");
		err = -EINVAL;
	}
	kvfree(preset);
	return err;
}

static int change_set_rules(struct icmpx_policy *pol, struct genl_info *info)
{
	return change_rules(pol, info, false);
}

static int change_del_rules(struct icmpx_policy *pol, struct genl_info *info)
{
	return change_rules(pol, info, true);
}

static int set_rule(struct sk_buff *skb, struct genl_info *info)
{
	return change_config(info, change_set_rules, false);
}

static int del_rule(struct sk_buff *skb, struct genl_info *info)
{
	return change_config(info, change_del_rules, false);
}

/*
 * ---- dumps ------------------------------------------------------------
 *
 * Each dump reads what it lists once, so that the messages of one dump
 * describe one moment however many calls it takes: cb->args[0] is the
 * position, cb->args[1] the snapshot, freed in .done.  A dump that can
 * be refused (a zone of no such name) reads in its first call, not in
 * .start: before 6.2 a dump's .start has no extack to say why, a dump
 * call has (the refusal then ends the dump, in NLMSG_DONE).
 */

static int dump_done(struct netlink_callback *cb)
{
	kvfree((void *)cb->args[1]);
	return 0;
}

/* get-rule: the policy and the policy of its preset. */
static int rules_read(struct netlink_callback *cb)
{
	struct nlattr **attrs = icmpx_dump_attrs(cb);
	struct icmpx_net *in = cb_net(cb);
	struct icmpx_policy *pol;
	struct icmpx_zone *z;

	pol = kvmalloc_array(2, sizeof(*pol), GFP_KERNEL_ACCOUNT);
	if (!pol)
		return -ENOMEM;
	mutex_lock(&in->config_lock);
	z = zone_named(in, attrs[ICMPX_A_CONFIG_ZONE], cb->extack);
	if (z)
		pol[0] = *icmpx_config_locked(in, z);
	mutex_unlock(&in->config_lock);
	if (!z) {
		kvfree(pol);
		return -ENOENT;
	}
	icmpx_policy_init(&pol[1], pol[0].preset);
	cb->args[1] = (long)pol;
	return 0;
}

static int rules_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct icmpx_policy *pol;
	const struct icmpx_code_rule *c;
	unsigned int f, i;
	void *hdr;
	int err;

	if (!cb->args[1]) {
		err = rules_read(cb);
		if (err)
			return err;
	}
	pol = (void *)cb->args[1];

	/* Per family: the 256 types' rules, then its code rules. */
	for (; cb->args[0] < ICMPX_NFAMILY * (256 + ICMPX_MAX_CODE_RULES);
	     cb->args[0]++) {
		f = cb->args[0] / (256 + ICMPX_MAX_CODE_RULES);
		i = cb->args[0] % (256 + ICMPX_MAX_CODE_RULES);
		/* Types a setting decides have no rule to show. */
		if (i >= 256 + pol->ncodes[f] || (i < 256 && icmpx_own_setting(f, i)))
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &icmpx_family,
				  NLM_F_MULTI, ICMPX_CMD_GET_RULE);
		if (!hdr)
			break;
		if (i < 256) {
			err = put_rule(skb, pol, &pol[1], f, i, -1,
				       &pol->type[f][i]);
		} else {
			c = &pol->code[f][i - 256];
			err = put_rule(skb, pol, &pol[1], f, c->type, c->code,
				       &c->rule);
		}
		if (err) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	return skb->len;
}

/* get-stats: the counters, and the filter in cb->args[2] and [3]. */
static int stats_read(struct netlink_callback *cb)
{
	struct nlattr **attrs = icmpx_dump_attrs(cb);
	struct icmpx_net *in = cb_net(cb);
	struct icmpx_stats *sum;
	struct icmpx_zone *z;
	int err = 0;

	sum = kvmalloc(sizeof(*sum), GFP_KERNEL_ACCOUNT);
	if (!sum)
		return -ENOMEM;
	if (attrs[ICMPX_A_STATS_ZONE]) {
		mutex_lock(&in->config_lock);
		z = zone_named(in, attrs[ICMPX_A_STATS_ZONE], cb->extack);
		if (z)
			icmpx_zone_stats(in, z, sum);
		mutex_unlock(&in->config_lock);
		err = z ? 0 : -ENOENT;
	} else {
		err = icmpx_net_stats(in, sum);
	}
	if (err) {
		kvfree(sum);
		return err;
	}
	cb->args[1] = (long)sum;
	cb->args[2] = attrs[ICMPX_A_STATS_FAMILY] ?
		      nla_get_u8(attrs[ICMPX_A_STATS_FAMILY]) : -1;
	cb->args[3] = attrs[ICMPX_A_STATS_TYPE] ?
		      nla_get_u8(attrs[ICMPX_A_STATS_TYPE]) : -1;
	return 0;
}

static int put_counters(struct sk_buff *skb, int type, const u64 *val, int n,
			const char *(*name)(int i))
{
	struct nlattr *nest;
	int i;

	/* Index 0 is "none": no reason to be malformed, or to drop. */
	for (i = 0; i < n; i++) {
		if (!name(i))
			continue;
		nest = nla_nest_start(skb, type);
		if (!nest ||
		    nla_put_string(skb, ICMPX_A_COUNTER_NAME, name(i)) ||
		    nla_put_u64_64bit(skb, ICMPX_A_COUNTER_VALUE, val[i],
				      ICMPX_A_COUNTER_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

static const char *reason_name(int i)
{
	return i == ICMPX_OK ? NULL : icmpx_reason_name(i);
}

static const char *drop_name(int i)
{
	return i == ICMPX_DROP_NONE ? NULL : icmpx_drop_name(i);
}

static const char *event_name(int i)
{
	return icmpx_event_name(i);
}

static int put_u64(struct sk_buff *skb, int type, u64 v)
{
	return nla_put_u64_64bit(skb, type, v, ICMPX_A_STATS_PAD);
}

/* The per-type counters of counters.h: one type's, or all summed. */
static int put_type_counters(struct sk_buff *skb, const struct icmpx_stats *sum,
			     u8 f, int t)
{
	enum icmpx_type_counter c;

	for (c = 0; c < ICMPX_NCOUNTER; c++)
		if (put_u64(skb, icmpx_counter_attr(c), icmpx_counter(sum, f, t, c)))
			return -EMSGSIZE;
	return 0;
}

static int put_family_stats(struct sk_buff *skb, const struct icmpx_stats *sum,
			    u8 f)
{
	return nla_put_u8(skb, ICMPX_A_STATS_FAMILY, f) ||
	       put_type_counters(skb, sum, f, -1) ||
	       put_counters(skb, ICMPX_A_STATS_MALFORMED, sum->malformed[f],
			    ICMPX_NREASON, reason_name) ||
	       put_counters(skb, ICMPX_A_STATS_DROP, sum->drop[f],
			    ICMPX_NDROP, drop_name) ||
	       put_counters(skb, ICMPX_A_STATS_EVENT, sum->event[f],
			    ICMPX_NEVENT, event_name) ? -EMSGSIZE : 0;
}

static int put_type_stats(struct sk_buff *skb, const struct icmpx_stats *sum,
			  u8 f, u8 t)
{
	const char *name = icmpx_type_name(f, t);

	return nla_put_u8(skb, ICMPX_A_STATS_FAMILY, f) ||
	       nla_put_u8(skb, ICMPX_A_STATS_TYPE, t) ||
	       (name && nla_put_string(skb, ICMPX_A_STATS_TYPE_NAME, name)) ||
	       put_type_counters(skb, sum, f, t) ? -EMSGSIZE : 0;
}

/*
 * Positions 0 and 1: the families' totals; then 256 per family: the
 * types that received anything, or the one type asked for.
 */
static int stats_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct icmpx_stats *sum;
	unsigned int f, t;
	long family, type;
	void *hdr;
	int err;

	if (!cb->args[1]) {
		err = stats_read(cb);
		if (err)
			return err;
	}
	sum = (void *)cb->args[1];
	family = cb->args[2];
	type = cb->args[3];

	for (; cb->args[0] < ICMPX_NFAMILY * 257; cb->args[0]++) {
		if (cb->args[0] < ICMPX_NFAMILY) {
			f = cb->args[0];
			t = 0;
		} else {
			f = (cb->args[0] - ICMPX_NFAMILY) / 256;
			t = (cb->args[0] - ICMPX_NFAMILY) % 256;
			if (type >= 0 ? t != type : !sum->types[ICMPX_C_RECEIVED][f][t])
				continue;
		}
		if (family >= 0 && f != family)
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &icmpx_family,
				  NLM_F_MULTI, ICMPX_CMD_GET_STATS);
		if (!hdr)
			break;
		if (cb->args[0] < ICMPX_NFAMILY)
			err = put_family_stats(skb, sum, f);
		else
			err = put_type_stats(skb, sum, f, t);
		if (err) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	return skb->len;
}

static int reset_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct icmpx_net *in = info_net(info);
	struct icmpx_zone *z;
	int err;

	if (!info->attrs[ICMPX_A_STATS_ZONE])
		return icmpx_net_stats_reset(in);
	mutex_lock(&in->config_lock);
	z = zone_named(in, info->attrs[ICMPX_A_STATS_ZONE], info->extack);
	err = z ? icmpx_zone_stats_reset(in, z) : -ENOENT;
	mutex_unlock(&in->config_lock);
	return err;
}

#define TOP_DEFAULT	64

/*
 * get-sources: the heaviest sources, of one zone's rules or of all, and
 * the zones' names by id; cb->args[2] is how many.
 */
struct sources_snap {
	char names[ICMPX_ZONES_MAX][IFNAMSIZ];
	struct icmpx_src_info top[];
};

static int sources_read(struct netlink_callback *cb)
{
	struct nlattr **attrs = icmpx_dump_attrs(cb);
	struct icmpx_net *in = cb_net(cb);
	struct icmpx_sources *t = icmpx_sources(in->limits);
	struct sources_snap *snap;
	struct icmpx_zone *one;
	u32 n = TOP_DEFAULT;

	if (attrs[ICMPX_A_SOURCE_TOP])
		n = nla_get_u32(attrs[ICMPX_A_SOURCE_TOP]);
	/* No table yet: nothing to list. */
	n = t ? min(n, t->max) : 0;
	snap = kvzalloc(struct_size(snap, top, n), GFP_KERNEL_ACCOUNT);
	if (!snap)
		return -ENOMEM;
	mutex_lock(&in->config_lock);
	one = zone_named(in, attrs[ICMPX_A_SOURCE_ZONE], cb->extack);
	icmpx_zone_names(in, snap->names);
	mutex_unlock(&in->config_lock);
	if (!one) {
		kvfree(snap);
		return -ENOENT;
	}
	cb->args[1] = (long)snap;
	cb->args[2] = t ? icmpx_src_top_of(t, snap->top, n,
					   attrs[ICMPX_A_SOURCE_ZONE] ? one->id : -1) : 0;
	return 0;
}

static int put_source(struct sk_buff *skb, const struct icmpx_src_info *s,
		      const char *zone)
{
	return nla_put_u8(skb, ICMPX_A_SOURCE_FAMILY, s->key.family) ||
	       nla_put_u8(skb, ICMPX_A_SOURCE_TYPE, s->key.type) ||
	       nla_put_u8(skb, ICMPX_A_SOURCE_PREFIX, s->key.plen) ||
	       nla_put(skb, ICMPX_A_SOURCE_ADDRESS, addr_len(s->key.family),
		       s->key.addr) ||
	       nla_put_u64_64bit(skb, ICMPX_A_SOURCE_PASSED, s->passed,
				 ICMPX_A_SOURCE_PAD) ||
	       nla_put_u64_64bit(skb, ICMPX_A_SOURCE_DROPPED, s->dropped,
				 ICMPX_A_SOURCE_PAD) ||
	       (zone[0] && nla_put_string(skb, ICMPX_A_SOURCE_ZONE, zone)) ?
	       -EMSGSIZE : 0;
}

static int sources_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct sources_snap *snap;
	const struct icmpx_src_info *e;
	void *hdr;
	int err;

	if (!cb->args[1]) {
		err = sources_read(cb);
		if (err)
			return err;
	}
	snap = (void *)cb->args[1];
	for (; cb->args[0] < cb->args[2]; cb->args[0]++) {
		e = &snap->top[cb->args[0]];
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &icmpx_family,
				  NLM_F_MULTI, ICMPX_CMD_GET_SOURCES);
		if (!hdr)
			break;
		if (put_source(skb, e, snap->names[e->key.zone])) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	return skb->len;
}

static int flush_sources(struct sk_buff *skb, struct genl_info *info)
{
	struct icmpx_sources *t = icmpx_sources(info_net(info)->limits);

	if (t)
		icmpx_src_flush(t);
	return 0;
}

/* ---- events ------------------------------------------------------------ */

/*
 * Whoever can make a host drop messages can make it send events: at
 * most 20 a second, 40 at once, per kind and namespace, and each event
 * says how many of its kind were held back before it.
 */
#define EVENT_RATE	20
#define EVENT_BURST	40

static struct icmpx_rate event_rate;

/* An event's attributes; the longest reason name is under 32 bytes. */
#define EVENT_SIZE	(4 * nla_total_size(sizeof(u8)) +		\
			 2 * nla_total_size(16) + nla_total_size(32) +	\
			 nla_total_size(0) + nla_total_size(sizeof(u32)))

/**
 * icmpx_event_kind - what kind of event a message dropped for @drop makes
 * @msg: the message
 * @drop: why it was dropped
 *
 * Source quench, redirects and router advertisements make one whatever
 * the reason; other messages only when a limiter held them back.
 */
enum icmpx_event_kind icmpx_event_kind(const struct icmpx_msg *msg,
				       enum icmpx_drop drop)
{
	if (msg->family == ICMPX_FAMILY_IPV4) {
		switch (msg->type) {
		case ICMP_SOURCE_QUENCH:
			return ICMPX_EVK_QUENCH;
		case ICMP_REDIRECT:
			return ICMPX_EVK_REDIRECT;
		case ICMPX_ROUTERADVERT:
			return ICMPX_EVK_ROUTER_ADV;
		}
	} else {
		switch (msg->type) {
		case NDISC_REDIRECT:
			return ICMPX_EVK_REDIRECT;
		case NDISC_ROUTER_ADVERTISEMENT:
			return ICMPX_EVK_ROUTER_ADV;
		}
	}
	return drop == ICMPX_DROP_LIMIT ? ICMPX_EVK_LIMIT : ICMPX_EVK_NONE;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_event_kind);

void icmpx_events_init(struct icmpx_events *ev)
{
	int k;

	spin_lock_init(&ev->lock);
	for (k = 0; k < ICMPX_NEVK; k++) {
		/* Full, as the global buckets start. */
		ev->bucket[k].last = 0;
		ev->bucket[k].credit = U64_MAX;
		atomic_set(&ev->suppressed[k], 0);
	}
	/* Not asked yet: the first refusal asks. */
	ev->heard_at = jiffies - 1;
	ev->heard = false;
}

/*
 * Under a flood every CPU may get here at once: one takes the bucket,
 * the others do not wait for it and count their event as held back, as
 * the kernel's own ___ratelimit() does.
 */
static bool event_allowed(struct icmpx_events *ev, enum icmpx_event_kind k)
{
	atomic_t *suppressed = &ev->suppressed[k];
	bool ok;

	if (!spin_trylock(&ev->lock)) {
		atomic_inc(suppressed);
		return false;
	}
	ok = icmpx_bucket_take(&ev->bucket[k], &event_rate, ktime_get_ns());
	spin_unlock(&ev->lock);
	if (!ok)
		atomic_inc(suppressed);
	return ok;
}

/**
 * icmpx_notify - tell the events group of a drop worth knowing about
 * @net: the namespace the message arrived in
 * @pkt: the message
 * @msg: what the parser made of it
 * @drop: why it was dropped
 * @enforced: false in monitor mode, where the message went through
 *
 * Context: the packet path, bottom halves disabled.
 */
void icmpx_notify(struct net *net, const struct icmpx_pkt *pkt,
		  const struct icmpx_msg *msg, enum icmpx_drop drop,
		  bool enforced)
{
	enum icmpx_event_kind kind = icmpx_event_kind(msg, drop);
	struct icmpx_events *ev = &icmpx_pernet(net)->events;
	int len = addr_len(pkt->family);
	struct sk_buff *skb;
	void *hdr;

	if (kind == ICMPX_EVK_NONE || !icmpx_heard_lately(net, ev))
		return;
	if (!event_allowed(ev, kind))
		return;

	skb = genlmsg_new(EVENT_SIZE, GFP_ATOMIC);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &icmpx_family, 0, ICMPX_CMD_EVENT);
	if (!hdr ||
	    nla_put_u8(skb, ICMPX_A_EVENT_FAMILY, pkt->family) ||
	    nla_put_u8(skb, ICMPX_A_EVENT_TYPE, msg->type) ||
	    nla_put_u8(skb, ICMPX_A_EVENT_CODE, msg->code) ||
	    nla_put(skb, ICMPX_A_EVENT_SADDR, len, pkt->saddr) ||
	    nla_put(skb, ICMPX_A_EVENT_DADDR, len, pkt->daddr) ||
	    nla_put_u8(skb, ICMPX_A_EVENT_REASON, drop) ||
	    nla_put_string(skb, ICMPX_A_EVENT_REASON_NAME, icmpx_drop_name(drop)) ||
	    (!enforced && nla_put_flag(skb, ICMPX_A_EVENT_MONITOR)) ||
	    nla_put_u32(skb, ICMPX_A_EVENT_SUPPRESSED,
			atomic_xchg(&ev->suppressed[kind], 0))) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&icmpx_family, net, skb, 0, ICMPX_NLGRP_EVENTS,
				GFP_ATOMIC);
}

/* ---- the family ---------------------------------------------------------- */

/* ---- zones ---------------------------------------------------------- */

/*
 * The interfaces a new-zone or set-zone request lists, into @links:
 * their count, or an error said in @extack.
 */
/* The interfaces a zone request lists: by name and by index. */
struct zone_links {
	char (*names)[IFNAMSIZ];
	int index[ICMPX_ZONE_LINKS_MAX];
	u8 n;
	u8 nindex;
};

static int parse_links(struct genl_info *info, struct zone_links *l)
{
	const struct nlattr *a, *last = NULL;
	int rem, i;

	l->n = 0;
	l->nindex = 0;
	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(a) != ICMPX_A_ZONE_LINK &&
		    nla_type(a) != ICMPX_A_ZONE_IFINDEX)
			continue;
		if (l->n + l->nindex == ICMPX_ZONE_LINKS_MAX) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "a zone names at most 16 interfaces");
			return -EINVAL;
		}
		if (nla_type(a) == ICMPX_A_ZONE_IFINDEX) {
			l->index[l->nindex] = nla_get_u32(a);
			for (i = 0; i < l->nindex; i++)
				if (l->index[i] == l->index[l->nindex])
					goto twice;
			l->nindex++;
			continue;
		}
		last = a;
		nla_strscpy(l->names[l->n], a, IFNAMSIZ);
		if (!dev_valid_name(l->names[l->n])) {
			NL_SET_ERR_MSG_ATTR(info->extack, a, "not an interface's name");
			return -EINVAL;
		}
		l->n++;
	}
	if (icmpx_zone_links_refusal(l->names, l->n) == ICMPX_ZONE_LINK_TWICE) {
		a = last;
		goto twice;
	}
	return 0;

twice:
	NL_SET_ERR_MSG_ATTR(info->extack, a, "an interface listed twice");
	return -EINVAL;
}

/* Another zone than @self that has @dev, by index or by name (RTNL). */
static bool in_other_zone(struct icmpx_net *in, const struct icmpx_zone *self,
			  const struct net_device *dev)
{
	struct icmpx_zone *z = icmpx_zone_of_dev(in, dev);

	return z && z != self;
}

/*
 * None of @l's interfaces in a zone other than @self, each index an
 * interface's that is not also among @l's names.  RTNL and config_lock
 * held.
 */
static int links_free(struct net *net, struct icmpx_net *in,
		      const struct icmpx_zone *self, const struct zone_links *l,
		      struct netlink_ext_ack *extack)
{
	const struct net_device *dev;
	struct icmpx_zone *z;
	int i;

	list_for_each_entry(z, &in->zones, node) {
		if (z == self)
			continue;
		for (i = 0; i < l->n; i++) {
			dev = __dev_get_by_name(net, l->names[i]);
			if (icmpx_zone_has_link(z, l->names[i]) ||
			    (dev && icmpx_zone_has_index(z, dev->ifindex)))
				goto busy;
		}
	}
	for (i = 0; i < l->nindex; i++) {
		dev = __dev_get_by_index(net, l->index[i]);
		if (!dev) {
			NL_SET_ERR_MSG(extack, "no interface has that index");
			return -ENODEV;
		}
		if (in_other_zone(in, self, dev))
			goto busy;
		if (icmpx_zone_links_has(l->names, l->n, dev->name)) {
			NL_SET_ERR_MSG(extack, "an interface listed twice, by name and by index");
			return -EINVAL;
		}
	}
	return 0;

busy:
	NL_SET_ERR_MSG(extack, "an interface is in another zone: remove it there first");
	return -EBUSY;
}

/* A zone request names its zone, said so in words too. */
static bool zone_name_given(struct genl_info *info)
{
	if (!GENL_REQ_ATTR_CHECK(info, ICMPX_A_ZONE_NAME))
		return true;
	NL_SET_ERR_MSG(info->extack, "a zone's name is needed");
	return false;
}

/* The lowest id no zone has (0 is the default zone's). */
static int free_id(struct icmpx_net *in)
{
	DECLARE_BITMAP(used, ICMPX_ZONES_MAX) = { 1 };
	struct icmpx_zone *z;
	int id;

	list_for_each_entry(z, &in->zones, node)
		__set_bit(z->id, used);
	id = find_first_zero_bit(used, ICMPX_ZONES_MAX);
	return id < ICMPX_ZONES_MAX ? id : -ENOSPC;
}

/*
 * Zones change under RTNL, which the notifier that keeps the interfaces'
 * zones holds, then config_lock, which every request that reads a zone's
 * policy holds.
 */
static int new_zone(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct icmpx_net *in = icmpx_pernet(net);
	struct zone_links l = {};
	char name[IFNAMSIZ];
	struct icmpx_zone *z, *old;
	int id, err;

	if (!zone_name_given(info))
		return -EINVAL;
	nla_strscpy(name, info->attrs[ICMPX_A_ZONE_NAME], sizeof(name));
	if (!icmpx_zone_name_valid(name) || !strcmp(name, ICMPX_DEFAULT_ZONE)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[ICMPX_A_ZONE_NAME],
				    "a zone's name: letters, digits and \"_.-\", at most 15, not \"default\"");
		return -EINVAL;
	}
	z = icmpx_zone_alloc(name);
	if (!z)
		return -ENOMEM;
	l.names = z->links;
	err = parse_links(info, &l);
	if (err) {
		icmpx_zone_free(z);
		return err;
	}
	z->nlinks = l.n;
	z->nindexes = l.nindex;
	memcpy(z->ifindexes, l.index, sizeof(z->ifindexes));

	rtnl_lock();
	mutex_lock(&in->config_lock);
	err = -EEXIST;
	list_for_each_entry(old, &in->zones, node) {
		if (!strcmp(old->name, name)) {
			NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[ICMPX_A_ZONE_NAME],
					    "a zone of that name exists");
			goto out;
		}
	}
	id = free_id(in);
	if (id < 0) {
		err = id;
		NL_SET_ERR_MSG(info->extack, "64 zones already, the default zone among them");
		goto out;
	}
	z->id = id;
	err = links_free(net, in, z, &l, info->extack);
	if (err)
		goto out;
	/* Its policy may be on while every other zone is off. */
	if (icmpx_config_locked(in, z)->mode != ICMPX_MODE_OFF && !in->hooked) {
		err = icmpx_hooks_register(net);
		if (err)
			goto out;
		in->hooked = true;
	}
	err = icmpx_sysfs_zone_add(net, z);
	if (err) {
		NL_SET_ERR_MSG(info->extack, "no memory for the zone's files in sysfs");
		goto out;
	}
	list_add_tail(&z->node, &in->zones);
	err = icmpx_zone_relink(net);
	if (err) {
		list_del(&z->node);	/* never in the packet path's map */
		icmpx_sysfs_zone_del(z);
	} else {
		z = NULL;
	}
out:
	mutex_unlock(&in->config_lock);
	rtnl_unlock();
	if (z)
		icmpx_zone_free(z);
	return err;
}

/* The zone a zone request names, not the default one; config_lock held. */
static struct icmpx_zone *zone_of_request(struct icmpx_net *in,
					  struct genl_info *info)
{
	const struct nlattr *a = info->attrs[ICMPX_A_ZONE_NAME];
	struct icmpx_zone *z;

	if (!nla_strcmp(a, ICMPX_DEFAULT_ZONE)) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "the default zone holds every interface no zone names");
		return ERR_PTR(-EINVAL);
	}
	list_for_each_entry(z, &in->zones, node)
		if (!nla_strcmp(a, z->name))
			return z;
	NL_SET_ERR_MSG_ATTR(info->extack, a, "no zone of that name");
	return ERR_PTR(-ENOENT);
}

static int del_zone(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct icmpx_net *in = icmpx_pernet(net);
	struct icmpx_sources *t;
	struct icmpx_zone *z;

	if (!zone_name_given(info))
		return -EINVAL;
	rtnl_lock();
	mutex_lock(&in->config_lock);
	z = zone_of_request(in, info);
	if (!IS_ERR(z)) {
		list_del(&z->node);
		/* Its interfaces to the default zone, memory or none. */
		if (icmpx_zone_relink(net))
			icmpx_zone_unlink(in, z);
		if (in->hooked && !icmpx_net_any_on(in)) {
			icmpx_hooks_unregister(net);
			in->hooked = false;
		}
	}
	rtnl_unlock();
	if (!IS_ERR(z)) {
		/* Before another zone may take its name. */
		icmpx_sysfs_zone_del(z);
		/*
		 * No packet still holds it; then its per-source entries go
		 * before another zone can take its id (config_lock).
		 */
		synchronize_rcu();
		t = icmpx_sources(in->limits);
		if (t)
			icmpx_src_forget(t, z->id);
	}
	mutex_unlock(&in->config_lock);
	if (IS_ERR(z))
		return PTR_ERR(z);
	icmpx_zone_free(z);
	return 0;
}

static void swap_links(struct icmpx_zone *z, struct zone_links *l)
{
	int i;

	swap(z->links, l->names);
	swap(z->nlinks, l->n);
	swap(z->nindexes, l->nindex);
	for (i = 0; i < ICMPX_ZONE_LINKS_MAX; i++)
		swap(z->ifindexes[i], l->index[i]);
}

static int set_zone(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct icmpx_net *in = icmpx_pernet(net);
	struct zone_links l = {};
	struct icmpx_zone *z;
	int err;

	if (!zone_name_given(info))
		return -EINVAL;
	l.names = kcalloc(ICMPX_ZONE_LINKS_MAX, IFNAMSIZ, GFP_KERNEL);
	if (!l.names)
		return -ENOMEM;
	err = parse_links(info, &l);
	if (err) {
		kfree(l.names);
		return err;
	}
	rtnl_lock();
	mutex_lock(&in->config_lock);
	z = zone_of_request(in, info);
	err = IS_ERR(z) ? PTR_ERR(z) : links_free(net, in, z, &l, info->extack);
	if (err)
		goto out;
	/* The old lists kept in @l, to put back if memory runs out. */
	swap_links(z, &l);
	err = icmpx_zone_relink(net);
	if (err)
		swap_links(z, &l);	/* the map is still the old lists' */
out:
	mutex_unlock(&in->config_lock);
	rtnl_unlock();
	/* The packet path reads the map, not the lists: they go at once. */
	kfree(l.names);
	return err;
}

static int put_zone(struct sk_buff *skb, const struct icmpx_zone *z)
{
	unsigned int i;

	if (nla_put_string(skb, ICMPX_A_ZONE_NAME, z->name))
		return -EMSGSIZE;
	for (i = 0; i < z->nlinks; i++)
		if (nla_put_string(skb, ICMPX_A_ZONE_LINK, z->links[i]))
			return -EMSGSIZE;
	for (i = 0; i < z->nindexes; i++)
		if (nla_put_u32(skb, ICMPX_A_ZONE_IFINDEX, z->ifindexes[i]))
			return -EMSGSIZE;
	return 0;
}

static int dump_zone(struct sk_buff *skb, struct netlink_callback *cb,
		     const struct icmpx_zone *z)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &icmpx_family, NLM_F_MULTI, ICMPX_CMD_GET_ZONE);
	if (!hdr)
		return -EMSGSIZE;
	if (put_zone(skb, z)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	cb->args[0]++;
	return 0;
}

/* get-zone: the default zone, then the others; cb->args[0]: how many sent. */
static int zones_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct icmpx_net *in = cb_net(cb);
	struct icmpx_zone *z;
	long i = 0;
	int err = 0;

	mutex_lock(&in->config_lock);
	if (!cb->args[0])
		err = dump_zone(skb, cb, &in->dflt);
	list_for_each_entry(z, &in->zones, node) {
		if (err)
			break;
		if (++i < cb->args[0])
			continue;
		err = dump_zone(skb, cb, z);
	}
	mutex_unlock(&in->config_lock);
	return skb->len;
}

/*
 * Writes, and the per-source table (addresses of whoever sent), need
 * CAP_NET_ADMIN in the user namespace owning the network namespace;
 * the policy and the counters are for anyone to read.
 */
static const struct genl_ops icmpx_ops[] = {
	{
		.cmd = ICMPX_CMD_GET_CONFIG,
		.doit = get_config,
		.policy = zone_only_policy,
		.maxattr = ICMPX_A_CONFIG_ZONE,
	}, {
		.cmd = ICMPX_CMD_SET_CONFIG,
		.doit = set_config,
		.policy = config_policy,
		.maxattr = ICMPX_A_CONFIG_ZONE,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = ICMPX_CMD_GET_RULE,
		.dumpit = rules_dump,
		.done = dump_done,
		.policy = zone_only_policy,
		.maxattr = ICMPX_A_CONFIG_ZONE,
	}, {
		.cmd = ICMPX_CMD_SET_RULE,
		.doit = set_rule,
		.policy = rules_policy,
		.maxattr = ICMPX_A_CONFIG_ZONE,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = ICMPX_CMD_DEL_RULE,
		.doit = del_rule,
		.policy = rules_policy,
		.maxattr = ICMPX_A_CONFIG_ZONE,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = ICMPX_CMD_GET_STATS,
		.dumpit = stats_dump,
		.done = dump_done,
		.policy = stats_policy,
		.maxattr = ICMPX_A_STATS_ZONE,
	}, {
		.cmd = ICMPX_CMD_RESET_STATS,
		.doit = reset_stats,
		.policy = stats_zone_policy,
		.maxattr = ICMPX_A_STATS_ZONE,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = ICMPX_CMD_GET_SOURCES,
		.dumpit = sources_dump,
		.done = dump_done,
		.policy = sources_policy,
		.maxattr = ICMPX_A_SOURCE_ZONE,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = ICMPX_CMD_FLUSH_SOURCES,
		.doit = flush_sources,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = ICMPX_CMD_NEW_ZONE,
		.doit = new_zone,
		.policy = zone_policy,
		.maxattr = ICMPX_A_ZONE_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = ICMPX_CMD_DEL_ZONE,
		.doit = del_zone,
		.policy = zone_name_policy,
		.maxattr = ICMPX_A_ZONE_NAME,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = ICMPX_CMD_SET_ZONE,
		.doit = set_zone,
		.policy = zone_policy,
		.maxattr = ICMPX_A_ZONE_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = ICMPX_CMD_GET_ZONE,
		.dumpit = zones_dump,
	},
};

/* Events carry addresses: only for those who may list the sources. */
static const struct genl_multicast_group icmpx_mcgrps[] = {
	[ICMPX_NLGRP_EVENTS] = {
		.name = ICMPX_MCGRP_EVENTS,
		/* In the user namespace owning the network namespace. */
		.flags = GENL_MCAST_CAP_NET_ADMIN,
	},
};

struct genl_family icmpx_family __ro_after_init = {
	.name = ICMPX_FAMILY_NAME,
	.version = ICMPX_FAMILY_VERSION,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = icmpx_ops,
	.n_ops = ARRAY_SIZE(icmpx_ops),
	/* Every operation strict: unknown attributes and header bytes refused. */
	.resv_start_op = 0,
	/*
	 * Each state has its own lock (config_lock, stats_lock, the table's
	 * locks), and a dump's snapshot is its own: no request needs
	 * genl_mutex, nor holds up the other families behind it.
	 */
	.parallel_ops = true,
	.mcgrps = icmpx_mcgrps,
	.n_mcgrps = ARRAY_SIZE(icmpx_mcgrps),
};

int __init icmpx_netlink_init(void)
{
	int err = icmpx_rate_init(&event_rate, EVENT_RATE, EVENT_BURST);

	/* The API's longest link name is what a router keeps. */
	BUILD_BUG_ON(sizeof_field(struct icmpx_router, link) != ICMPX_LINK_LEN + 1);
	return err ?: genl_register_family(&icmpx_family);
}

void icmpx_netlink_exit(void)
{
	genl_unregister_family(&icmpx_family);
}

MODULE_ALIAS_GENL_FAMILY(ICMPX_FAMILY_NAME);
