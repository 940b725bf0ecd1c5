// SPDX-License-Identifier: GPL-2.0
/*
 * icmpxctl show and save: the policy in force, read back, for people
 * and as a configuration apply reads.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/icmpx.h>

#include "ctl.h"
#include "json.h"

/* ---- reading the policy -------------------------------------------- */

/* One router: an address (on any link), or a nest of address and link. */
static void router_cb(const struct nlattr *a, struct kconfig *c)
{
	const struct nlattr *tb[ICMPX_A_ROUTER_MAX + 1] = { NULL };
	struct router *r = &c->routers[c->nrouters];
	const struct nlattr *addr = a;
	uint16_t len;

	if (c->nrouters == MAX_ROUTERS)
		return;
	memset(r, 0, sizeof(*r));
	if (mnl_attr_get_type(a) == ICMPX_A_ROUTERS_ROUTER) {
		nl_parse(a, NULL, tb, ICMPX_A_ROUTER_MAX);
		addr = tb[ICMPX_A_ROUTER_ADDRESS];
		if (!addr || !tb[ICMPX_A_ROUTER_LINK])
			return;
		snprintf(r->link, sizeof(r->link), "%s",
			 mnl_attr_get_str(tb[ICMPX_A_ROUTER_LINK]));
	} else if (mnl_attr_get_type(a) != ICMPX_A_ROUTERS_ADDRESS) {
		return;
	}
	len = mnl_attr_get_payload_len(addr);
	if (len != 4 && len != 16)
		return;
	r->family = len == 4 ? ICMPX_FAMILY_IPV4 : ICMPX_FAMILY_IPV6;
	memcpy(r->addr, mnl_attr_get_payload(addr), len);
	c->nrouters++;
}

/* One prefix of the trusted list. */
static void trusted_cb(const struct nlattr *nest, struct kconfig *c)
{
	const struct nlattr *tb[ICMPX_A_PREFIX_MAX + 1];
	struct prefix *p = &c->trusted[c->ntrusted];
	uint16_t len;

	if (c->ntrusted == MAX_TRUSTED)
		return;
	nl_parse(nest, NULL, tb, ICMPX_A_PREFIX_MAX);
	if (!tb[ICMPX_A_PREFIX_ADDRESS] || !tb[ICMPX_A_PREFIX_LENGTH])
		return;
	len = mnl_attr_get_payload_len(tb[ICMPX_A_PREFIX_ADDRESS]);
	if (len != 4 && len != 16)
		return;
	p->family = len == 4 ? ICMPX_FAMILY_IPV4 : ICMPX_FAMILY_IPV6;
	memset(p->addr, 0, sizeof(p->addr));
	memcpy(p->addr, mnl_attr_get_payload(tb[ICMPX_A_PREFIX_ADDRESS]), len);
	p->plen = mnl_attr_get_u8(tb[ICMPX_A_PREFIX_LENGTH]);
	c->ntrusted++;
}

static int config_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[ICMPX_A_CONFIG_MAX + 1], *a;
	struct kconfig *c = data;
	int *fields[] = {
		[ICMPX_A_CONFIG_MODE] = &c->mode,
		[ICMPX_A_CONFIG_PRESET] = &c->preset,
		[ICMPX_A_CONFIG_SOURCE_QUENCH] = &c->source_quench,
		[ICMPX_A_CONFIG_REDIRECT] = &c->redirect,
		[ICMPX_A_CONFIG_ROUTER_ADV] = &c->router_adv,
		[ICMPX_A_CONFIG_VALIDATE_ERRORS] = &c->validate_errors,
	};
	int i;

	nl_parse(NULL, nlh, tb, ICMPX_A_CONFIG_MAX);
	for (i = ICMPX_A_CONFIG_MODE; i <= ICMPX_A_CONFIG_VALIDATE_ERRORS; i++)
		*fields[i] = tb[i] ? mnl_attr_get_u8(tb[i]) : -1;
	c->nrouters = 0;
	if (tb[ICMPX_A_CONFIG_ROUTERS]) {
		mnl_attr_for_each_nested(a, tb[ICMPX_A_CONFIG_ROUTERS])
			router_cb(a, c);
	}
	c->ntrusted = 0;
	if (tb[ICMPX_A_CONFIG_TRUSTED]) {
		mnl_attr_for_each_nested(a, tb[ICMPX_A_CONFIG_TRUSTED])
			trusted_cb(a, c);
	}
	if (tb[ICMPX_A_CONFIG_SOURCES])
		c->sources = mnl_attr_get_u32(tb[ICMPX_A_CONFIG_SOURCES]);
	if (tb[ICMPX_A_CONFIG_SOURCES_MAX])
		c->sources_max = mnl_attr_get_u32(tb[ICMPX_A_CONFIG_SOURCES_MAX]);
	return MNL_CB_OK;
}

int get_config(struct kconfig *c)
{
	struct nlmsghdr *nlh = nl_request(&nl, nlbuf, ICMPX_CMD_GET_CONFIG, 0);

	put_zone(nlh, ICMPX_A_CONFIG_ZONE);
	memset(c, 0, sizeof(*c));
	if (nl_talk(&nl, nlh, config_cb, c))
		return nl_error("reading the configuration");
	return 0;
}

static int rules_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *top[ICMPX_A_CONFIG_MAX + 1];
	const struct nlattr *tb[ICMPX_A_RULE_MAX + 1];
	struct rule_list *l = data;
	struct rule *r;

	nl_parse(NULL, nlh, top, ICMPX_A_CONFIG_MAX);
	if (!top[ICMPX_A_CONFIG_RULE])
		return MNL_CB_OK;
	nl_parse(top[ICMPX_A_CONFIG_RULE], NULL, tb, ICMPX_A_RULE_MAX);
	if (!tb[ICMPX_A_RULE_FAMILY] || !tb[ICMPX_A_RULE_TYPE] ||
	    !tb[ICMPX_A_RULE_ACTION])
		return MNL_CB_OK;
	r = realloc(l->rules, (l->n + 1) * sizeof(*r));
	if (!r)
		return MNL_CB_ERROR;
	l->rules = r;
	r = &l->rules[l->n++];
	memset(r, 0, sizeof(*r));
	r->family = mnl_attr_get_u8(tb[ICMPX_A_RULE_FAMILY]);
	r->families = 1u << r->family;
	r->type[r->family] = mnl_attr_get_u8(tb[ICMPX_A_RULE_TYPE]);
	r->code = tb[ICMPX_A_RULE_CODE] ? mnl_attr_get_u8(tb[ICMPX_A_RULE_CODE]) : -1;
	r->action = mnl_attr_get_u8(tb[ICMPX_A_RULE_ACTION]);
	r->force = tb[ICMPX_A_RULE_FORCE];
	r->unless_trusted = tb[ICMPX_A_RULE_UNLESS_TRUSTED];
	r->preset = tb[ICMPX_A_RULE_PRESET];
	if (tb[ICMPX_A_RULE_SCOPE])
		r->scope = mnl_attr_get_u8(tb[ICMPX_A_RULE_SCOPE]);
	if (tb[ICMPX_A_RULE_RATE])
		r->rate = mnl_attr_get_u32(tb[ICMPX_A_RULE_RATE]);
	if (tb[ICMPX_A_RULE_BURST])
		r->burst = mnl_attr_get_u32(tb[ICMPX_A_RULE_BURST]);
	if (tb[ICMPX_A_RULE_PREFIX])
		r->prefix[r->family] = mnl_attr_get_u8(tb[ICMPX_A_RULE_PREFIX]);
	return MNL_CB_OK;
}

static int get_rules(struct rule_list *l)
{
	struct nlmsghdr *nlh = nl_request(&nl, nlbuf, ICMPX_CMD_GET_RULE, NLM_F_DUMP);

	put_zone(nlh, ICMPX_A_CONFIG_ZONE);
	memset(l, 0, sizeof(*l));
	if (nl_talk(&nl, nlh, rules_cb, l))
		return nl_error("reading the rules");
	return 0;
}

/* ---- show, save ------------------------------------------------------- */

/* What show lists: what is not plain accept, and what differs from the preset. */
static bool shown(const struct rule *r, bool all)
{
	return all || !r->preset || r->action != ICMPX_ACTION_ACCEPT || r->force ||
	       r->unless_trusted;
}

static void rule_json(struct json *j, const struct rule *r)
{
	const char *name = type_name(r->family, r->type[r->family]);

	json_open(j, NULL, '{');
	json_str(j, "family", family_name(r->family));
	json_int(j, "type", r->type[r->family]);
	if (name)
		json_str(j, "name", name);
	else
		json_null(j, "name");
	if (r->code >= 0)
		json_int(j, "code", r->code);
	else
		json_null(j, "code");
	json_str(j, "action", word_name(action_words, r->action));
	if (r->action == ICMPX_ACTION_LIMIT) {
		json_u64(j, "rate", r->rate);
		json_u64(j, "burst", r->burst);
		json_str(j, "scope", word_name(scope_words, r->scope));
		if (r->scope == ICMPX_SCOPE_SOURCE)
			json_int(j, "prefix", r->prefix[r->family]);
	}
	json_bool(j, "force", r->force);
	json_bool(j, "unless_trusted", r->unless_trusted);
	json_bool(j, "preset", r->preset);
	json_close(j, '}');
}

static void show_json(const struct kconfig *c, const struct rule_list *l, bool all)
{
	char addr[ROUTER_STRLEN], pfx[INET6_ADDRSTRLEN + 4];
	struct json j;
	int i;

	json_init(&j, stdout);
	json_open(&j, NULL, '{');
	if (zone)
		json_str(&j, "zone", zone);
	json_str(&j, "preset", word_name(preset_words, c->preset));
	json_str(&j, "mode", word_name(mode_words, c->mode));
	json_str(&j, "source_quench", word_name(sq_words, c->source_quench));
	json_str(&j, "redirect", word_name(redirect_words, c->redirect));
	json_str(&j, "router_adv", word_name(ra_words, c->router_adv));
	json_bool(&j, "validate_errors", c->validate_errors == 1);
	json_open(&j, "routers", '[');
	for (i = 0; i < c->nrouters; i++)
		json_str(&j, NULL, router_str(&c->routers[i], addr));
	json_close(&j, ']');
	json_open(&j, "trusted", '[');
	for (i = 0; i < c->ntrusted; i++)
		json_str(&j, NULL, prefix_str(&c->trusted[i], pfx));
	json_close(&j, ']');
	json_u64(&j, "sources", c->sources);
	json_u64(&j, "sources_max", c->sources_max);
	json_open(&j, "rules", '[');
	for (i = 0; i < l->n; i++)
		if (shown(&l->rules[i], all))
			rule_json(&j, &l->rules[i]);
	json_close(&j, ']');
	json_close(&j, '}');
	json_end(&j);
}

static void show_text(const struct kconfig *c, const struct rule_list *l, bool all)
{
	char addr[ROUTER_STRLEN], pfx[INET6_ADDRSTRLEN + 4], line[160], *p;
	const struct rule *r;
	int i;

	if (zone)
		printf("zone %s: ", zone);
	printf("preset %s, mode %s\n", word_name(preset_words, c->preset),
	       word_name(mode_words, c->mode));
	printf("  source-quench %s  redirect %s  router-adv %s  validate-errors %s\n",
	       word_name(sq_words, c->source_quench),
	       word_name(redirect_words, c->redirect),
	       word_name(ra_words, c->router_adv), c->validate_errors ? "on" : "off");
	printf("  routers");
	for (i = 0; i < c->nrouters; i++)
		printf(" %s", router_str(&c->routers[i], addr));
	printf("%s\n", c->nrouters ? "" : " none");
	printf("  trusted");
	for (i = 0; i < c->ntrusted; i++)
		printf(" %s", prefix_str(&c->trusted[i], pfx));
	printf("%s\n", c->ntrusted ? "" : " none");
	printf("  sources %u of %u\n", c->sources, c->sources_max);
	printf("rules%s:\n", all ? "" : " (other than accept, or changed: *)");
	for (i = 0; i < l->n; i++) {
		r = &l->rules[i];
		if (!shown(r, all))
			continue;
		rule_format(r, r->family, line, sizeof(line));
		/* "-4 echo-request ..." reads "ipv4 echo-request ..." here. */
		p = line + 3;
		printf("  %c %s %s\n", r->preset ? ' ' : '*', family_name(r->family), p);
	}
}

/* The whole policy: its settings and every rule. */
int get_policy(struct kconfig *c, struct rule_list *l)
{
	if (connect_kernel())
		return 1;
	return get_config(c) ?: get_rules(l);
}

int cmd_show(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "all", no_argument, NULL, 'a' }, { NULL, 0, NULL, 0 }
	};
	struct kconfig c;
	struct rule_list l;
	bool all = false;
	int opt;

	while ((opt = cmd_opt(argc, argv, "a", longs, false)) != -1) {
		if (opt != 'a')
			return opt == 'h' ? 0 : EXIT_USAGE;
		all = true;
	}
	if (too_many(argc, argv, 0))
		return EXIT_USAGE;
	if (get_policy(&c, &l))
		return 1;
	if (json)
		show_json(&c, &l, all);
	else
		show_text(&c, &l, all);
	free(l.rules);
	return 0;
}

/* The policy of @zone_name (NULL: the default zone) as apply takes it. */
int policy_read(const char *zone_name, struct settings *s, struct rule_list *l)
{
	const char *was = zone;
	struct kconfig c;
	int i, j, ret;

	zone = zone_name;
	ret = get_policy(&c, l);
	zone = was;
	if (ret)
		return ret;
	settings_init(s);
	s->preset = c.preset;
	s->mode = c.mode;
	s->source_quench = c.source_quench;
	s->redirect = c.redirect;
	s->router_adv = c.router_adv;
	s->validate_errors = c.validate_errors;
	s->nrouters = c.nrouters;
	memcpy(s->routers, c.routers, sizeof(s->routers));
	s->ntrusted = c.ntrusted;
	memcpy(s->trusted, c.trusted, sizeof(s->trusted));
	/* The preset's own rules come with the preset. */
	for (i = j = 0; i < l->n; i++)
		if (!l->rules[i].preset)
			l->rules[j++] = l->rules[i];
	l->n = j;
	return 0;
}

static void policy_print(const struct settings *s, const struct rule_list *l)
{
	char addr[ROUTER_STRLEN], pfx[INET6_ADDRSTRLEN + 4], line[160];
	int i;

	printf("preset %s\n", word_name(preset_words, s->preset));
	printf("set mode %s\n", word_name(mode_words, s->mode));
	printf("set source-quench %s\n", word_name(sq_words, s->source_quench));
	printf("set redirect %s\n", word_name(redirect_words, s->redirect));
	printf("set router-adv %s\n", word_name(ra_words, s->router_adv));
	printf("set validate-errors %s\n", s->validate_errors ? "on" : "off");
	printf("set routers ");
	for (i = 0; i < s->nrouters; i++)
		printf("%s%s", i ? "," : "", router_str(&s->routers[i], addr));
	printf("%s\n", s->nrouters ? "" : "none");
	printf("set trusted ");
	for (i = 0; i < s->ntrusted; i++)
		printf("%s%s", i ? "," : "", prefix_str(&s->trusted[i], pfx));
	printf("%s\n", s->ntrusted ? "" : "none");
	for (i = 0; i < l->n; i++) {
		rule_format(&l->rules[i], l->rules[i].family, line, sizeof(line));
		printf("rule add %s\n", line);
	}
}

int cmd_save(int argc, char **argv)
{
	struct rule_list l;
	struct settings s;
	struct kzones *zs;
	int i, j, ret;

	ret = no_options(argc, argv, false);
	if (ret >= 0)
		return ret;
	if (too_many(argc, argv, 0))
		return EXIT_USAGE;
	if (connect_kernel())
		return 1;
	zs = zones_read();
	if (!zs)
		return 1;
	ret = policy_read(NULL, &s, &l);
	if (ret)
		goto out;
	printf("# icmpx configuration, written by icmpxctl save\n"
	       "# icmpxctl apply FILE puts it in force, all of it or none.\n");
	policy_print(&s, &l);
	free(l.rules);
	for (i = 0; i < zs->n; i++) {
		if (!strcmp(zs->z[i].name, DEFAULT_ZONE))
			continue;
		ret = policy_read(zs->z[i].name, &s, &l);
		if (ret)
			goto out;
		printf("zone %s", zs->z[i].name);
		for (j = 0; j < zs->z[i].nlinks; j++)
			printf(" %s", zs->z[i].links[j]);
		printf("\n");
		policy_print(&s, &l);
		free(l.rules);
	}
out:
	free(zs);
	return ret;
}
