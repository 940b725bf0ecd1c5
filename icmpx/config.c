// SPDX-License-Identifier: GPL-2.0
/*
 * The policy in force in each namespace: built at load time from the
 * module parameters, copied into every namespace as it appears, and
 * replaced whole, never edited in place, so that a packet sees either
 * the old policy or the new one.
 */
#include <kunit/visibility.h>
#include <linux/ctype.h>
#include <linux/inet.h>
#include <linux/netdevice.h>
#include <linux/moduleparam.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "config.h"
#include "netns.h"

/*
 * Empty strings leave a setting as the preset has it.  The parameters
 * are read once, at load; later changes go through netlink.
 */
static char *preset = "host";
module_param(preset, charp, 0444);
MODULE_PARM_DESC(preset, "Policy preset: host (default), router, strict or permissive");

static char *mode = "enforce";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "enforce (default), monitor (count what would be dropped, drop nothing) or off");

static char *source_quench = "";
module_param(source_quench, charp, 0444);
MODULE_PARM_DESC(source_quench, "Source quench: drop (every preset; RFC 6633) or accept");

static char *redirect = "";
module_param(redirect, charp, 0444);
MODULE_PARM_DESC(redirect, "Redirects: drop, validate (host preset) or accept");

static char *router_adv = "";
module_param(router_adv, charp, 0444);
MODULE_PARM_DESC(router_adv, "Router advertisements: accept, drop, or allow (only from routers=)");

static char *validate_errors = "";
module_param(validate_errors, charp, 0444);
MODULE_PARM_DESC(validate_errors, "Drop ICMP errors quoting datagrams this host never sent (RFC 5927): on (default) or off");

static char *routers = "";
module_param(routers, charp, 0444);
MODULE_PARM_DESC(routers, "Comma-separated IPv4/IPv6 addresses of the routers router_adv=allow accepts, ADDR%LINK for one link only");

static char *trusted = "";
module_param(trusted, charp, 0444);
MODULE_PARM_DESC(trusted, "Comma-separated IPv4/IPv6 prefixes (ADDR[/LEN]) whose messages no limiter judges");

/* The presets' limiters, changed; "0" for a rate lifts the limit. */
static int echo_rate = -1;
module_param(echo_rate, int, 0444);
MODULE_PARM_DESC(echo_rate, "Echo requests per second and source (preset: 10; 0: no limit)");
static int echo_burst = -1;
module_param(echo_burst, int, 0444);
MODULE_PARM_DESC(echo_burst, "Echo requests a source may send at once (preset: 20)");
static int echo_prefix4 = -1;
module_param(echo_prefix4, int, 0444);
MODULE_PARM_DESC(echo_prefix4, "IPv4 prefix length a source is counted by, 1-32 (preset: 32)");
static int echo_prefix6 = -1;
module_param(echo_prefix6, int, 0444);
MODULE_PARM_DESC(echo_prefix6, "IPv6 prefix length a source is counted by, 1-128 (preset: 64)");
static int error_rate = -1;
module_param(error_rate, int, 0444);
MODULE_PARM_DESC(error_rate, "Errors per second and type, globally (preset: 500; 0: no limit)");
static int error_burst = -1;
module_param(error_burst, int, 0444);
MODULE_PARM_DESC(error_burst, "Errors of a type at once (preset: 1000)");

static struct icmpx_policy initial;

static const char *const onoff_names[] = { "off", "on" };

/* One parameter: empty keeps @cur, anything else must be in @names. */
static int param(const char *name, const char *val, const char *const *names,
		 int n, u8 *cur)
{
	int i;

	if (!*val)
		return 0;
	i = icmpx_name_index(names, n, val);
	if (i < 0) {
		pr_err("invalid %s=%s\n", name, val);
		return -EINVAL;
	}
	*cur = i;
	return 0;
}

/*
 * One item of a comma-separated list, ADDR or ADDR<@sep>WORD, @n bytes
 * at @p: the address into @addr, WORD (if any) into @word, a string of
 * at most @size - 1 bytes, at least one.
 *
 * Return: the family, or -EINVAL.
 */
static int list_item(const char *p, int n, char sep, u8 *addr, char *word,
		     size_t size)
{
	const char *s = memchr(p, sep, n), *end;
	int a = s ? s - p : n;

	word[0] = '\0';
	if (s) {
		if (n - a - 1 < 1 || n - a - 1 >= size)
			return -EINVAL;
		memcpy(word, s + 1, n - a - 1);
		word[n - a - 1] = '\0';
	}
	if (a && in4_pton(p, a, addr, -1, &end) && end == p + a)
		return ICMPX_FAMILY_IPV4;
	if (a && in6_pton(p, a, addr, -1, &end) && end == p + a)
		return ICMPX_FAMILY_IPV6;
	return -EINVAL;
}

/* The next item after one of @n bytes at @p: NULL for a trailing comma. */
static const char *list_next(const char *p, int n)
{
	p += n;
	if (!*p)
		return p;
	return *++p ? p : NULL;
}

/**
 * icmpx_config_parse_routers - fill a policy's router list from text
 * @pol: the policy; its lists are replaced
 * @list: ADDR or ADDR%LINK separated by commas, IPv4 and IPv6 mixed;
 *	LINK, an interface name, is the only link ADDR is accepted on
 *
 * Return: 0, -EINVAL for an address that is not one or a link that is
 * not an interface name, or -E2BIG for more than ICMPX_MAX_ROUTERS of a
 * family.
 */
int icmpx_config_parse_routers(struct icmpx_policy *pol, const char *list)
{
	const char *p = list;
	char link[IFNAMSIZ];
	u8 addr[16];
	int f, n;

	memset(pol->nrouters, 0, sizeof(pol->nrouters));
	while (*p) {
		n = strchrnul(p, ',') - p;
		f = list_item(p, n, '%', addr, link, sizeof(link));
		if (f < 0 || (link[0] && !dev_valid_name(link)))
			return -EINVAL;
		if (icmpx_policy_add_router(pol, f, addr, link))
			return -E2BIG;
		/* A trailing comma has always been let be here. */
		p = list_next(p, n) ?: "";
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_config_parse_routers);

/**
 * icmpx_config_parse_trusted - fill a policy's trusted prefixes from text
 * @pol: the policy; its lists are replaced
 * @list: ADDR or ADDR/LEN separated by commas, IPv4 and IPv6 mixed; an
 *	address alone is a host
 *
 * Return: 0, -E2BIG for more than ICMPX_MAX_TRUSTED of a family, or
 * -EINVAL for anything else icmpx_policy_add_trusted() refuses or that
 * is not a prefix.
 */
int icmpx_config_parse_trusted(struct icmpx_policy *pol, const char *list)
{
	enum icmpx_trust_refusal why;
	const char *p = list;
	char len[4];
	u8 addr[16], plen;
	int f, n;

	memset(pol->ntrusted, 0, sizeof(pol->ntrusted));
	while (p && *p) {
		n = strchrnul(p, ',') - p;
		f = list_item(p, n, '/', addr, len, sizeof(len));
		if (f < 0)
			return -EINVAL;
		plen = f == ICMPX_FAMILY_IPV4 ? 32 : 128;
		/* Digits only: kstrtou8() takes a sign too. */
		if (len[0] && (!isdigit(len[0]) || kstrtou8(len, 10, &plen)))
			return -EINVAL;
		why = icmpx_policy_add_trusted(pol, f, addr, plen);
		if (why != ICMPX_TRUST_OK)
			return why == ICMPX_TRUST_FULL ? -E2BIG : -EINVAL;
		p = list_next(p, n);
	}
	return p ? 0 : -EINVAL;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_config_parse_trusted);

/* Rules using limiter @i accept without a limit from now on. */
static void unlimit(struct icmpx_policy *pol, u8 i)
{
	int f, t;

	for (f = 0; f < ICMPX_NFAMILY; f++)
		for (t = 0; t < 256; t++)
			if (pol->type[f][t].action == ICMPX_ACTION_LIMIT &&
			    pol->type[f][t].limit == i)
				pol->type[f][t].action = ICMPX_ACTION_ACCEPT;
}

/* One limiter's parameters over the preset's values. */
static int limiter_params(struct icmpx_policy *pol, u8 i, const char *name,
			  int rate, int burst)
{
	struct icmpx_limiter *l = &pol->limiters[i];

	if (i >= pol->nlimiters)
		return 0;	/* the preset limits nothing */
	if (!rate) {
		unlimit(pol, i);
		return 0;
	}
	if (icmpx_rate_init(&l->rate, rate < 0 ? l->rate.rate : rate,
			    burst < 0 ? l->rate.burst : burst)) {
		pr_err("invalid %s_rate=%d %s_burst=%d: rate 1-%u, burst 1-%u\n",
		       name, rate, name, burst, ICMPX_RATE_MAX, ICMPX_BURST_MAX);
		return -EINVAL;
	}
	return 0;
}

static int limit_params(struct icmpx_policy *pol)
{
	struct icmpx_limiter *l = &pol->limiters[ICMPX_LIMITER_ECHO];

	if ((echo_prefix4 >= 0 && (echo_prefix4 < 1 || echo_prefix4 > 32)) ||
	    (echo_prefix6 >= 0 && (echo_prefix6 < 1 || echo_prefix6 > 128))) {
		pr_err("invalid echo_prefix4=%d echo_prefix6=%d: 1-32, 1-128\n",
		       echo_prefix4, echo_prefix6);
		return -EINVAL;
	}
	if (echo_prefix4 > 0)
		l->plen[ICMPX_FAMILY_IPV4] = echo_prefix4;
	if (echo_prefix6 > 0)
		l->plen[ICMPX_FAMILY_IPV6] = echo_prefix6;
	return limiter_params(pol, ICMPX_LIMITER_ECHO, "echo", echo_rate,
			      echo_burst) ?:
	       limiter_params(pol, ICMPX_LIMITER_ERRORS, "error", error_rate,
			      error_burst);
}

/* The module parameters, checked: a bad one fails the load. */
int icmpx_config_init(void)
{
	u8 p = ICMPX_PRESET_HOST, v;
	int err;

	err = param("preset", preset, icmpx_preset_names, ICMPX_NPRESET, &p);
	if (err)
		return err;
	icmpx_policy_init(&initial, p);

	v = initial.validate_errors;
	err = param("mode", mode, icmpx_mode_names, ICMPX_NMODE, &initial.mode) ?:
	      param("source_quench", source_quench, icmpx_action_names,
		    ICMPX_NACTION, &initial.source_quench) ?:
	      param("redirect", redirect, icmpx_redirect_names,
		    ICMPX_NREDIRECT, &initial.redirect) ?:
	      param("router_adv", router_adv, icmpx_router_adv_names,
		    ICMPX_NRA, &initial.router_adv) ?:
	      param("validate_errors", validate_errors, onoff_names,
		    ARRAY_SIZE(onoff_names), &v);
	if (err)
		return err;
	initial.validate_errors = v;

	err = icmpx_config_parse_routers(&initial, routers);
	if (err) {
		pr_err("invalid routers=%s: %s\n", routers,
		       err == -E2BIG ? "too many addresses" : "not an address list");
		return -EINVAL;
	}
	err = icmpx_config_parse_trusted(&initial, trusted);
	if (err) {
		pr_err("invalid trusted=%s: %s\n", trusted,
		       err == -E2BIG ? "more than 8 prefixes of a family" :
		       "not a list of prefixes, each once and without bits set past its length");
		return -EINVAL;
	}
	return limit_params(&initial);
}

/* A zone's first policy: the module parameters'. */
int icmpx_config_zone_init(struct icmpx_zone *z)
{
	struct icmpx_config *cfg = kvmalloc(sizeof(*cfg), GFP_KERNEL_ACCOUNT);

	if (!cfg)
		return -ENOMEM;
	cfg->pol = initial;
	icmpx_header_table(&cfg->pol, cfg->limiter);
	RCU_INIT_POINTER(z->config, cfg);
	return 0;
}

/* No packet sees the zone any more: RCU has synchronised since. */
void icmpx_config_zone_exit(struct icmpx_zone *z)
{
	kvfree(rcu_dereference_protected(z->config, true));
}

int icmpx_config_net_init(struct icmpx_net *in)
{
	mutex_init(&in->config_lock);
	return icmpx_config_zone_init(&in->dflt);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_config_net_init);

/* Packets are gone: the hooks were unregistered and RCU has synchronised. */
void icmpx_config_net_exit(struct icmpx_net *in)
{
	icmpx_config_zone_exit(&in->dflt);
	mutex_destroy(&in->config_lock);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_config_net_exit);

/* A zone's policy in force, for a caller that holds @in->config_lock. */
const struct icmpx_policy *icmpx_config_locked(struct icmpx_net *in,
					       struct icmpx_zone *z)
{
	return &rcu_dereference_protected(z->config,
					  lockdep_is_held(&in->config_lock))->pol;
}

/**
 * icmpx_config_replace - put a new policy in force in a zone
 * @in: the namespace, its config_lock held
 * @z: the zone
 * @pol: copied; the caller keeps it
 *
 * Context: process context; may sleep.
 * Return: 0 or -ENOMEM, in which case the old policy stays in force.
 */
int icmpx_config_replace(struct icmpx_net *in, struct icmpx_zone *z,
			 const struct icmpx_policy *pol)
{
	struct icmpx_config *cfg, *old;

	cfg = kvmalloc(sizeof(*cfg), GFP_KERNEL_ACCOUNT);
	if (!cfg)
		return -ENOMEM;
	cfg->pol = *pol;
	old = rcu_dereference_protected(z->config,
					lockdep_is_held(&in->config_lock));
	/* What stays keeps counting where it did. */
	if (old)
		icmpx_policy_keep_slots(&cfg->pol, &old->pol);
	icmpx_header_table(&cfg->pol, cfg->limiter);
	rcu_assign_pointer(z->config, cfg);
	kvfree_rcu(old, rcu);
	return 0;
}

/* icmpx_config_replace() in the default zone, taking the lock. */
int icmpx_config_set(struct icmpx_net *in, const struct icmpx_policy *pol)
{
	int err;

	mutex_lock(&in->config_lock);
	err = icmpx_config_replace(in, &in->dflt, pol);
	mutex_unlock(&in->config_lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_config_set);

/* A copy of a zone's policy in force, to change and set again. */
void icmpx_config_zone_get(struct icmpx_zone *z, struct icmpx_policy *pol)
{
	rcu_read_lock();
	*pol = rcu_dereference(z->config)->pol;
	rcu_read_unlock();
}

/* The default zone's. */
void icmpx_config_get(struct icmpx_net *in, struct icmpx_policy *pol)
{
	icmpx_config_zone_get(&in->dflt, pol);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_config_get);
