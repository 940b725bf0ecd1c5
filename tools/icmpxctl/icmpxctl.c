// SPDX-License-Identifier: GPL-2.0
/*
 * icmpxctl: configure icmpx and read its counters over generic netlink.
 *
 * Exit status: 0 done, 1 an error (the kernel's message is shown),
 * 2 a usage error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/icmpx.h>

#include "../../icmpx/counters.h"
#include "args.h"
#include "json.h"
#include "nl.h"

#define EXIT_USAGE	2

static bool json;
static struct nl nl;
static char nlbuf[65536];	/* a request: apply may carry many rules */

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
	const char *help;
};

static const struct cmd *current;

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("icmpxctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (current)
		fprintf(stderr, "usage: icmpxctl %s %s\n", current->name,
			current->usage);
	return EXIT_USAGE;
}

/* The kernel said no: its own words when it gave some. */
static int nl_error(const char *what)
{
	int err = errno;

	if (nl.extack[0])
		fprintf(stderr, "icmpxctl: %s: %s\n", what, nl.extack);
	else if (err == EPERM)
		fprintf(stderr, "icmpxctl: %s: permission denied: this needs CAP_NET_ADMIN (run as root)\n",
			what);
	else
		fprintf(stderr, "icmpxctl: %s: %s\n", what, strerror(err));
	return 1;
}

static int connect_kernel(void)
{
	return nl_open(&nl) ? 1 : 0;
}

/* A request without attributes that only needs its ack. */
static int simple(uint8_t cmd, const char *what)
{
	struct nlmsghdr *nlh;

	if (connect_kernel())
		return 1;
	nlh = nl_request(&nl, nlbuf, cmd, NLM_F_ACK);
	if (nl_talk(&nl, nlh, NULL, NULL))
		return nl_error(what);
	return 0;
}

/* ---- reading the policy -------------------------------------------- */

struct kconfig {
	int mode, preset, source_quench, redirect, router_adv, validate_errors;
	int nrouters;
	int router_family[MAX_ROUTERS];
	uint8_t routers[MAX_ROUTERS][16];
	uint32_t sources, sources_max;
};

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
		mnl_attr_for_each_nested(a, tb[ICMPX_A_CONFIG_ROUTERS]) {
			uint16_t len = mnl_attr_get_payload_len(a);

			if (c->nrouters == MAX_ROUTERS || (len != 4 && len != 16))
				continue;
			c->router_family[c->nrouters] = len == 4 ? ICMPX_FAMILY_IPV4 :
							ICMPX_FAMILY_IPV6;
			memcpy(c->routers[c->nrouters++], mnl_attr_get_payload(a), len);
		}
	}
	if (tb[ICMPX_A_CONFIG_SOURCES])
		c->sources = mnl_attr_get_u32(tb[ICMPX_A_CONFIG_SOURCES]);
	if (tb[ICMPX_A_CONFIG_SOURCES_MAX])
		c->sources_max = mnl_attr_get_u32(tb[ICMPX_A_CONFIG_SOURCES_MAX]);
	return MNL_CB_OK;
}

static int get_config(struct kconfig *c)
{
	struct nlmsghdr *nlh = nl_request(&nl, nlbuf, ICMPX_CMD_GET_CONFIG, 0);

	memset(c, 0, sizeof(*c));
	if (nl_talk(&nl, nlh, config_cb, c))
		return nl_error("reading the configuration");
	return 0;
}

struct rule_list {
	int n;
	struct rule *rules;
};

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

	memset(l, 0, sizeof(*l));
	if (nl_talk(&nl, nlh, rules_cb, l))
		return nl_error("reading the rules");
	return 0;
}

static const char *addr_str(int family, const void *addr, char *buf)
{
	return inet_ntop(family == ICMPX_FAMILY_IPV6 ? AF_INET6 : AF_INET, addr,
			 buf, INET6_ADDRSTRLEN);
}

/* ---- show, save ------------------------------------------------------- */

/* What show lists: what is not plain accept, and what differs from the preset. */
static bool shown(const struct rule *r, bool all)
{
	return all || !r->preset || r->action != ICMPX_ACTION_ACCEPT || r->force;
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
	json_bool(j, "preset", r->preset);
	json_close(j, '}');
}

static void show_json(const struct kconfig *c, const struct rule_list *l, bool all)
{
	char addr[INET6_ADDRSTRLEN];
	struct json j;
	int i;

	json_init(&j, stdout);
	json_open(&j, NULL, '{');
	json_str(&j, "preset", word_name(preset_words, c->preset));
	json_str(&j, "mode", word_name(mode_words, c->mode));
	json_str(&j, "source_quench", word_name(sq_words, c->source_quench));
	json_str(&j, "redirect", word_name(redirect_words, c->redirect));
	json_str(&j, "router_adv", word_name(ra_words, c->router_adv));
	json_bool(&j, "validate_errors", c->validate_errors == 1);
	json_open(&j, "routers", '[');
	for (i = 0; i < c->nrouters; i++)
		json_str(&j, NULL, addr_str(c->router_family[i], c->routers[i], addr));
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
	char addr[INET6_ADDRSTRLEN], line[160], *p;
	const struct rule *r;
	int i;

	printf("preset %s, mode %s\n", word_name(preset_words, c->preset),
	       word_name(mode_words, c->mode));
	printf("  source-quench %s  redirect %s  router-adv %s  validate-errors %s\n",
	       word_name(sq_words, c->source_quench),
	       word_name(redirect_words, c->redirect),
	       word_name(ra_words, c->router_adv), c->validate_errors ? "on" : "off");
	printf("  routers");
	for (i = 0; i < c->nrouters; i++)
		printf(" %s", addr_str(c->router_family[i], c->routers[i], addr));
	printf("%s\n", c->nrouters ? "" : " none");
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
static int get_policy(struct kconfig *c, struct rule_list *l)
{
	if (connect_kernel())
		return 1;
	return get_config(c) ?: get_rules(l);
}

static int cmd_show(int argc, char **argv)
{
	struct kconfig c;
	struct rule_list l;
	bool all = false;

	if (argc > 1 && (!strcmp(argv[1], "--all") || !strcmp(argv[1], "-a")))
		all = true;
	else if (argc > 1)
		return usage_error("unexpected '%s'", argv[1]);
	if (get_policy(&c, &l))
		return 1;
	if (json)
		show_json(&c, &l, all);
	else
		show_text(&c, &l, all);
	free(l.rules);
	return 0;
}

static int cmd_save(int argc, char **argv)
{
	char addr[INET6_ADDRSTRLEN], line[160];
	struct rule_list l;
	struct kconfig c;
	int i;

	if (argc > 1)
		return usage_error("unexpected '%s'", argv[1]);
	if (get_policy(&c, &l))
		return 1;
	printf("# icmpx configuration, written by icmpxctl save\n"
	       "# icmpxctl apply FILE puts it in force, all of it or none.\n");
	printf("preset %s\n", word_name(preset_words, c.preset));
	printf("set mode %s\n", word_name(mode_words, c.mode));
	printf("set source-quench %s\n", word_name(sq_words, c.source_quench));
	printf("set redirect %s\n", word_name(redirect_words, c.redirect));
	printf("set router-adv %s\n", word_name(ra_words, c.router_adv));
	printf("set validate-errors %s\n", c.validate_errors ? "on" : "off");
	printf("set routers ");
	for (i = 0; i < c.nrouters; i++)
		printf("%s%s", i ? "," : "",
		       addr_str(c.router_family[i], c.routers[i], addr));
	printf("%s\n", c.nrouters ? "" : "none");
	for (i = 0; i < l.n; i++) {
		if (l.rules[i].preset)
			continue;
		rule_format(&l.rules[i], l.rules[i].family, line, sizeof(line));
		printf("rule add %s\n", line);
	}
	free(l.rules);
	return 0;
}

/* ---- changing the policy ------------------------------------------------ */

static void put_settings(struct nlmsghdr *nlh, const struct settings *s)
{
	const struct {
		int type, val;
	} u8s[] = {
		{ ICMPX_A_CONFIG_PRESET, s->preset },
		{ ICMPX_A_CONFIG_MODE, s->mode },
		{ ICMPX_A_CONFIG_SOURCE_QUENCH, s->source_quench },
		{ ICMPX_A_CONFIG_REDIRECT, s->redirect },
		{ ICMPX_A_CONFIG_ROUTER_ADV, s->router_adv },
		{ ICMPX_A_CONFIG_VALIDATE_ERRORS, s->validate_errors },
	};
	struct nlattr *nest;
	size_t i;
	int r;

	for (i = 0; i < sizeof(u8s) / sizeof(u8s[0]); i++)
		if (u8s[i].val >= 0)
			mnl_attr_put_u8(nlh, u8s[i].type, u8s[i].val);
	if (s->nrouters < 0)
		return;
	nest = mnl_attr_nest_start(nlh, ICMPX_A_CONFIG_ROUTERS);
	for (r = 0; r < s->nrouters; r++)
		mnl_attr_put(nlh, ICMPX_A_ROUTERS_ADDRESS,
			     s->router_family[r] == ICMPX_FAMILY_IPV6 ? 16 : 4,
			     s->routers[r]);
	mnl_attr_nest_end(nlh, nest);
}

/* A rule, once per family it covers. */
static void put_rule(struct nlmsghdr *nlh, const struct rule *r, bool del)
{
	struct nlattr *nest;
	int f;

	for (f = 0; f < NFAMILY; f++) {
		if (!(r->families & (1u << f)))
			continue;
		nest = mnl_attr_nest_start(nlh, ICMPX_A_CONFIG_RULE);
		mnl_attr_put_u8(nlh, ICMPX_A_RULE_FAMILY, f);
		mnl_attr_put_u8(nlh, ICMPX_A_RULE_TYPE, r->type[f]);
		if (r->code >= 0)
			mnl_attr_put_u8(nlh, ICMPX_A_RULE_CODE, r->code);
		if (!del) {
			mnl_attr_put_u8(nlh, ICMPX_A_RULE_ACTION, r->action);
			if (r->force)
				mnl_attr_put(nlh, ICMPX_A_RULE_FORCE, 0, NULL);
		}
		if (!del && r->action == ICMPX_ACTION_LIMIT) {
			mnl_attr_put_u8(nlh, ICMPX_A_RULE_SCOPE, r->scope);
			mnl_attr_put_u32(nlh, ICMPX_A_RULE_RATE, r->rate);
			if (r->burst)
				mnl_attr_put_u32(nlh, ICMPX_A_RULE_BURST, r->burst);
			if (r->prefix[f])
				mnl_attr_put_u8(nlh, ICMPX_A_RULE_PREFIX, r->prefix[f]);
		}
		mnl_attr_nest_end(nlh, nest);
	}
}

static int set_config(const struct settings *s, const struct rule *rules,
		      int nrules, const char *what)
{
	struct nlmsghdr *nlh;
	int i;

	if (connect_kernel())
		return 1;
	nlh = nl_request(&nl, nlbuf, ICMPX_CMD_SET_CONFIG, NLM_F_ACK);
	put_settings(nlh, s);
	for (i = 0; i < nrules; i++) {
		/* Room for the rule in both families, with every attribute. */
		if (nlh->nlmsg_len + 2 * 80 > sizeof(nlbuf)) {
			fprintf(stderr, "icmpxctl: %s: too many rules for one request (%d)\n",
				what, nrules);
			return 1;
		}
		put_rule(nlh, &rules[i], false);
	}
	if (nl_talk(&nl, nlh, NULL, NULL))
		return nl_error(what);
	return 0;
}

static int cmd_set(int argc, char **argv)
{
	char err[ERRLEN];
	struct settings s;

	settings_init(&s);
	if (set_parse(argc - 1, argv + 1, &s, err))
		return usage_error("%s", err);
	return set_config(&s, NULL, 0, "set");
}

static int cmd_preset(int argc, char **argv)
{
	struct settings s;

	settings_init(&s);
	if (argc != 2)
		return usage_error("which preset? host, router, strict or permissive");
	s.preset = word_value(preset_words, argv[1]);
	if (s.preset < 0)
		return usage_error("unknown preset '%s': host, router, strict or permissive",
				   argv[1]);
	return set_config(&s, NULL, 0, "preset");
}

static int cmd_rule(int argc, char **argv)
{
	struct nlmsghdr *nlh;
	char err[ERRLEN];
	struct rule r;
	bool del;

	if (argc < 2 || (strcmp(argv[1], "add") && strcmp(argv[1], "del")))
		return usage_error("rule add or rule del?");
	del = !strcmp(argv[1], "del");
	if (rule_parse(argc - 2, argv + 2, del, &r, err))
		return usage_error("%s", err);
	if (connect_kernel())
		return 1;
	nlh = nl_request(&nl, nlbuf, del ? ICMPX_CMD_DEL_RULE : ICMPX_CMD_SET_RULE,
			 NLM_F_ACK);
	put_rule(nlh, &r, del);
	if (nl_talk(&nl, nlh, NULL, NULL))
		return nl_error(del ? "rule del" : "rule add");
	return 0;
}

static int cmd_apply(int argc, char **argv)
{
	char err[ERRLEN], *text = NULL;
	size_t len = 0, n;
	struct config c;
	FILE *f;
	int ret;

	if (argc != 2)
		return usage_error("apply needs a file (or - for standard input)");
	f = strcmp(argv[1], "-") ? fopen(argv[1], "r") : stdin;
	if (!f) {
		fprintf(stderr, "icmpxctl: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	do {
		char *t = realloc(text, len + 4097);

		if (!t) {
			free(text);
			return 1;
		}
		text = t;
		n = fread(text + len, 1, 4096, f);
		len += n;
	} while (n == 4096);
	text[len] = 0;
	if (f != stdin)
		fclose(f);

	ret = config_parse(text, &c, err);
	free(text);
	if (ret) {
		fprintf(stderr, "icmpxctl: %s: %s\n", argv[1], err);
		return 1;
	}
	/* A whole configuration: from its preset, or the default one. */
	if (c.set.preset < 0)
		c.set.preset = ICMPX_PRESET_HOST;
	ret = set_config(&c.set, c.rules, c.nrules, argv[1]);
	config_free(&c);
	return ret;
}

/* ---- statistics ----------------------------------------------------------- */

#define MAX_COUNTERS	32

struct counter {
	char name[32];
	uint64_t value;
};

enum { C_MALFORMED, C_DROP, C_EVENT, NCOUNTERS };

static const char *const counter_keys[NCOUNTERS] = { "malformed", "drops", "events" };

/* The module's own table of its counters: names, attributes, help. */
static const struct icmpx_counter_info type_counters[ICMPX_NCOUNTER] =
	ICMPX_TYPE_COUNTER_INFO;
static const struct icmpx_counter_info events[ICMPX_NEVENT] = ICMPX_EVENT_INFO;

struct values {
	uint64_t v[ICMPX_NCOUNTER];
};

struct family_stats {
	bool present;
	struct values total;
	int ncounters[NCOUNTERS];
	struct counter counters[NCOUNTERS][MAX_COUNTERS];
	bool type_present[256];
	struct values types[256];
};

static struct family_stats stats[NFAMILY];

static void read_values(const struct nlattr **tb, struct values *v)
{
	int c, a;

	for (c = 0; c < ICMPX_NCOUNTER; c++) {
		a = type_counters[c].attr;
		v->v[c] = tb[a] ? mnl_attr_get_u64(tb[a]) : 0;
	}
}

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	static const int kinds[NCOUNTERS] = {
		ICMPX_A_STATS_MALFORMED, ICMPX_A_STATS_DROP, ICMPX_A_STATS_EVENT
	};
	const struct nlattr *tb[ICMPX_A_STATS_MAX + 1], *a;
	const struct nlattr *ct[ICMPX_A_COUNTER_MAX + 1];
	struct family_stats *s;
	struct counter *c;
	int f, k, t;

	nl_parse(NULL, nlh, tb, ICMPX_A_STATS_MAX);
	if (!tb[ICMPX_A_STATS_FAMILY])
		return MNL_CB_OK;
	f = mnl_attr_get_u8(tb[ICMPX_A_STATS_FAMILY]);
	if (f >= NFAMILY)
		return MNL_CB_OK;
	s = &stats[f];
	if (tb[ICMPX_A_STATS_TYPE]) {
		t = mnl_attr_get_u8(tb[ICMPX_A_STATS_TYPE]);
		s->type_present[t] = true;
		read_values(tb, &s->types[t]);
		return MNL_CB_OK;
	}
	s->present = true;
	read_values(tb, &s->total);
	/* Repeated nests: walk the message, not the table. */
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		for (k = 0; k < NCOUNTERS; k++)
			if (mnl_attr_get_type(a) == kinds[k])
				break;
		if (k == NCOUNTERS || s->ncounters[k] == MAX_COUNTERS)
			continue;
		nl_parse(a, NULL, ct, ICMPX_A_COUNTER_MAX);
		if (!ct[ICMPX_A_COUNTER_NAME] || !ct[ICMPX_A_COUNTER_VALUE])
			continue;
		c = &s->counters[k][s->ncounters[k]++];
		snprintf(c->name, sizeof(c->name), "%s",
			 mnl_attr_get_str(ct[ICMPX_A_COUNTER_NAME]));
		c->value = mnl_attr_get_u64(ct[ICMPX_A_COUNTER_VALUE]);
	}
	return MNL_CB_OK;
}

static int get_stats(int family, int type)
{
	struct nlmsghdr *nlh;

	nlh = nl_request(&nl, nlbuf, ICMPX_CMD_GET_STATS, NLM_F_DUMP);
	if (family >= 0)
		mnl_attr_put_u8(nlh, ICMPX_A_STATS_FAMILY, family);
	if (type >= 0)
		mnl_attr_put_u8(nlh, ICMPX_A_STATS_TYPE, type);
	if (nl_talk(&nl, nlh, stats_cb, NULL))
		return nl_error("reading the counters");
	return 0;
}

/* A counter's name as a JSON key or a metric's: "limit-passed", limit_passed. */
static const char *value_key(int c)
{
	static char keys[ICMPX_NCOUNTER][32];
	char *p;

	if (!keys[c][0]) {
		snprintf(keys[c], sizeof(keys[c]), "%s", type_counters[c].name);
		for (p = keys[c]; *p; p++)
			if (*p == '-')
				*p = '_';
	}
	return keys[c];
}

static void stats_json(void)
{
	const struct family_stats *s;
	struct json j;
	const char *name;
	int f, k, i, t;

	json_init(&j, stdout);
	json_open(&j, NULL, '{');
	for (f = 0; f < NFAMILY; f++) {
		s = &stats[f];
		if (!s->present)
			continue;
		json_open(&j, family_name(f), '{');
		for (i = 0; i < ICMPX_NCOUNTER; i++)
			json_u64(&j, value_key(i), s->total.v[i]);
		for (k = 0; k < NCOUNTERS; k++) {
			json_open(&j, counter_keys[k], '{');
			for (i = 0; i < s->ncounters[k]; i++)
				json_u64(&j, s->counters[k][i].name, s->counters[k][i].value);
			json_close(&j, '}');
		}
		json_open(&j, "types", '[');
		for (t = 0; t < 256; t++) {
			if (!s->type_present[t])
				continue;
			json_open(&j, NULL, '{');
			json_int(&j, "type", t);
			name = type_name(f, t);
			if (name)
				json_str(&j, "name", name);
			else
				json_null(&j, "name");
			for (i = 0; i < ICMPX_NCOUNTER; i++)
				json_u64(&j, value_key(i), s->types[t].v[i]);
			json_close(&j, '}');
		}
		json_close(&j, ']');
		json_close(&j, '}');
	}
	json_close(&j, '}');
	json_end(&j);
}

static void stats_text(void)
{
	const struct family_stats *s;
	const struct values *v;
	char label[48];
	int f, k, i, t, n;

	for (f = 0; f < NFAMILY; f++) {
		s = &stats[f];
		if (!s->present)
			continue;
		v = &s->total;
		printf("%s  received %" PRIu64 "  accepted %" PRIu64 "  dropped %" PRIu64
		       "  malformed %" PRIu64 "\n", family_name(f),
		       v->v[ICMPX_C_RECEIVED], v->v[ICMPX_C_ACCEPTED],
		       v->v[ICMPX_C_DROPPED],
		       /* What a limiter refused was not validated. */
		       v->v[ICMPX_C_RECEIVED] - v->v[ICMPX_C_VALID] -
		       v->v[ICMPX_C_LIMIT_DROPPED]);
		printf("      limited: passed %" PRIu64 "  dropped %" PRIu64 "\n",
		       v->v[ICMPX_C_LIMIT_PASSED], v->v[ICMPX_C_LIMIT_DROPPED]);
		/* Per reason and event: only what happened. */
		for (k = 0; k < NCOUNTERS; k++) {
			n = 0;
			for (i = 0; i < s->ncounters[k]; i++) {
				if (!s->counters[k][i].value)
					continue;
				if (!n++)
					printf("      %s:", counter_keys[k]);
				printf("  %s %" PRIu64, s->counters[k][i].name,
				       s->counters[k][i].value);
			}
			if (n)
				printf("\n");
		}
		printf("      %-32s %10s %10s %10s %10s\n", "type", "received",
		       "accepted", "dropped", "limited");
		for (t = 0; t < 256; t++) {
			if (!s->type_present[t])
				continue;
			v = &s->types[t];
			snprintf(label, sizeof(label), "%s (%d)",
				 type_name(f, t) ?: "unknown", t);
			printf("      %-32s %10" PRIu64 " %10" PRIu64 " %10" PRIu64
			       " %10" PRIu64 "\n", label, v->v[ICMPX_C_RECEIVED],
			       v->v[ICMPX_C_ACCEPTED], v->v[ICMPX_C_DROPPED],
			       v->v[ICMPX_C_LIMIT_DROPPED]);
		}
	}
}

/* The Prometheus text format, for node_exporter's textfile collector. */
static void stats_prometheus(void)
{
	static const char *const khelp[NCOUNTERS] = {
		"Malformed ICMP messages by reason",
		"Dropped ICMP messages by reason",
		"icmpx events",
	};
	static const char *const klabel[NCOUNTERS] = { "reason", "reason", "event" };
	const struct family_stats *s;
	int f, k, i, t;

	for (i = 0; i < ICMPX_NCOUNTER; i++) {
		printf("# HELP icmpx_%s_total %s, by family and type.\n", value_key(i),
		       type_counters[i].help);
		printf("# TYPE icmpx_%s_total counter\n", value_key(i));
		for (f = 0; f < NFAMILY; f++) {
			s = &stats[f];
			for (t = 0; t < 256; t++) {
				if (!s->type_present[t])
					continue;
				printf("icmpx_%s_total{family=\"%s\",type=\"%d\",name=\"%s\"} %" PRIu64 "\n",
				       value_key(i), family_name(f), t,
				       type_name(f, t) ?: "unknown", s->types[t].v[i]);
			}
		}
	}
	for (k = 0; k < NCOUNTERS; k++) {
		printf("# HELP icmpx_%s_total %s.\n", counter_keys[k], khelp[k]);
		printf("# TYPE icmpx_%s_total counter\n", counter_keys[k]);
		/* One HELP a metric: each event's own, as comments. */
		for (i = 0; k == C_EVENT && i < ICMPX_NEVENT; i++)
			printf("# event %s: %s\n", events[i].name, events[i].help);
		for (f = 0; f < NFAMILY; f++) {
			s = &stats[f];
			for (i = 0; i < s->ncounters[k]; i++)
				printf("icmpx_%s_total{family=\"%s\",%s=\"%s\"} %" PRIu64 "\n",
				       counter_keys[k], family_name(f), klabel[k],
				       s->counters[k][i].name, s->counters[k][i].value);
		}
	}
}

static int cmd_stats(int argc, char **argv)
{
	bool prometheus = false;
	unsigned int families = 3;
	const char *type = NULL;
	int family = -1, t[NFAMILY] = { -1, -1 }, f, i, ret;
	char err[ERRLEN];

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-4") || !strcmp(argv[i], "ipv4"))
			family = ICMPX_FAMILY_IPV4;
		else if (!strcmp(argv[i], "-6") || !strcmp(argv[i], "ipv6"))
			family = ICMPX_FAMILY_IPV6;
		else if (!strcmp(argv[i], "--prometheus"))
			prometheus = true;
		else if (!type && argv[i][0] != '-')
			type = argv[i];
		else
			return usage_error("unexpected '%s'", argv[i]);
	}
	if (prometheus && json)
		return usage_error("-j or --prometheus, not both");
	if (family >= 0)
		families = 1u << family;
	if (type && type_parse(type, family, t, &families, err))
		return usage_error("%s", err);
	if (connect_kernel())
		return 1;
	for (f = 0; f < NFAMILY; f++) {
		if (!(families & (1u << f)))
			continue;
		ret = get_stats(f, t[f]);
		if (ret)
			return ret;
	}
	if (prometheus)
		stats_prometheus();
	else if (json)
		stats_json();
	else
		stats_text();
	return 0;
}

static int cmd_reset(int argc, char **argv)
{
	if (argc > 1)
		return usage_error("unexpected '%s'", argv[1]);
	return simple(ICMPX_CMD_RESET_STATS, "reset");
}

/* ---- sources ------------------------------------------------------------- */

struct sources_out {
	struct json j;
	int n;
};

static int sources_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[ICMPX_A_SOURCE_MAX + 1];
	struct sources_out *o = data;
	char addr[INET6_ADDRSTRLEN], label[64];
	int f, type, plen;
	uint64_t passed, dropped;

	nl_parse(NULL, nlh, tb, ICMPX_A_SOURCE_MAX);
	if (!tb[ICMPX_A_SOURCE_FAMILY] || !tb[ICMPX_A_SOURCE_ADDRESS] ||
	    !tb[ICMPX_A_SOURCE_TYPE] || !tb[ICMPX_A_SOURCE_PREFIX])
		return MNL_CB_OK;
	f = mnl_attr_get_u8(tb[ICMPX_A_SOURCE_FAMILY]);
	if (mnl_attr_get_payload_len(tb[ICMPX_A_SOURCE_ADDRESS]) !=
	    (f == ICMPX_FAMILY_IPV6 ? 16 : 4))
		return MNL_CB_OK;
	addr_str(f, mnl_attr_get_payload(tb[ICMPX_A_SOURCE_ADDRESS]), addr);
	type = mnl_attr_get_u8(tb[ICMPX_A_SOURCE_TYPE]);
	plen = mnl_attr_get_u8(tb[ICMPX_A_SOURCE_PREFIX]);
	passed = tb[ICMPX_A_SOURCE_PASSED] ? mnl_attr_get_u64(tb[ICMPX_A_SOURCE_PASSED]) : 0;
	dropped = tb[ICMPX_A_SOURCE_DROPPED] ?
		  mnl_attr_get_u64(tb[ICMPX_A_SOURCE_DROPPED]) : 0;
	if (json) {
		json_open(&o->j, NULL, '{');
		json_str(&o->j, "family", family_name(f));
		json_str(&o->j, "address", addr);
		json_int(&o->j, "prefix", plen);
		json_int(&o->j, "type", type);
		json_str(&o->j, "name", type_name(f, type) ?: "unknown");
		json_u64(&o->j, "passed", passed);
		json_u64(&o->j, "dropped", dropped);
		json_close(&o->j, '}');
	} else {
		if (!o->n)
			printf("%-4s %-44s %-24s %12s %12s\n", "", "source", "type",
			       "passed", "dropped");
		snprintf(label, sizeof(label), "%s/%d", addr, plen);
		printf("%-4s %-44s %-24s %12" PRIu64 " %12" PRIu64 "\n",
		       family_name(f), label, type_name(f, type) ?: "unknown",
		       passed, dropped);
	}
	o->n++;
	return MNL_CB_OK;
}

static int cmd_sources(int argc, char **argv)
{
	struct sources_out o = { .n = 0 };
	struct nlmsghdr *nlh;
	long top = 64;
	char *end;

	if (argc == 2 && !strcmp(argv[1], "flush"))
		return simple(ICMPX_CMD_FLUSH_SOURCES, "sources flush");
	if (argc == 3 && !strcmp(argv[1], "--top")) {
		top = strtol(argv[2], &end, 10);
		if (*end || top < 1 || top > ICMPX_TOP_MAX)
			return usage_error("--top needs a number 1-%d", ICMPX_TOP_MAX);
	} else if (argc > 1) {
		return usage_error("unexpected '%s'", argv[1]);
	}
	if (connect_kernel())
		return 1;
	nlh = nl_request(&nl, nlbuf, ICMPX_CMD_GET_SOURCES, NLM_F_DUMP);
	mnl_attr_put_u32(nlh, ICMPX_A_SOURCE_TOP, top);
	json_init(&o.j, stdout);
	if (json)
		json_open(&o.j, NULL, '[');
	if (nl_talk(&nl, nlh, sources_cb, &o))
		return nl_error("reading the sources");
	if (json) {
		json_close(&o.j, ']');
		json_end(&o.j);
	} else if (!o.n) {
		printf("no sources\n");
	}
	return 0;
}

/* ---- monitor -------------------------------------------------------------- */

static long events_left = -1;

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[ICMPX_A_EVENT_MAX + 1];
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	const char *reason;
	int f, type, code;
	uint32_t suppressed;
	struct json j;

	if (g->cmd != ICMPX_CMD_EVENT)
		return MNL_CB_OK;
	nl_parse(NULL, nlh, tb, ICMPX_A_EVENT_MAX);
	if (!tb[ICMPX_A_EVENT_FAMILY] || !tb[ICMPX_A_EVENT_SADDR] ||
	    !tb[ICMPX_A_EVENT_DADDR] || !tb[ICMPX_A_EVENT_REASON_NAME])
		return MNL_CB_OK;
	f = mnl_attr_get_u8(tb[ICMPX_A_EVENT_FAMILY]);
	addr_str(f, mnl_attr_get_payload(tb[ICMPX_A_EVENT_SADDR]), src);
	addr_str(f, mnl_attr_get_payload(tb[ICMPX_A_EVENT_DADDR]), dst);
	type = tb[ICMPX_A_EVENT_TYPE] ? mnl_attr_get_u8(tb[ICMPX_A_EVENT_TYPE]) : 0;
	code = tb[ICMPX_A_EVENT_CODE] ? mnl_attr_get_u8(tb[ICMPX_A_EVENT_CODE]) : 0;
	reason = mnl_attr_get_str(tb[ICMPX_A_EVENT_REASON_NAME]);
	suppressed = tb[ICMPX_A_EVENT_SUPPRESSED] ?
		     mnl_attr_get_u32(tb[ICMPX_A_EVENT_SUPPRESSED]) : 0;
	if (json) {
		json_init(&j, stdout);
		json_open(&j, NULL, '{');
		json_str(&j, "family", family_name(f));
		json_int(&j, "type", type);
		json_str(&j, "name", type_name(f, type) ?: "unknown");
		json_int(&j, "code", code);
		json_str(&j, "source", src);
		json_str(&j, "destination", dst);
		json_str(&j, "reason", reason);
		json_bool(&j, "dropped", !tb[ICMPX_A_EVENT_MONITOR]);
		json_u64(&j, "suppressed", suppressed);
		json_close(&j, '}');
		json_end(&j);
	} else {
		printf("%s %s from %s to %s code %d: %s%s", family_name(f),
		       type_name(f, type) ?: "unknown", src, dst, code, reason,
		       tb[ICMPX_A_EVENT_MONITOR] ? " (monitor: let through)" : "");
		if (suppressed)
			printf(" (%u events suppressed before)", suppressed);
		printf("\n");
	}
	fflush(stdout);
	if (events_left > 0 && !--events_left)
		return MNL_CB_STOP;
	return MNL_CB_OK;
}

static int cmd_monitor(int argc, char **argv)
{
	char *end;

	if (argc == 3 && (!strcmp(argv[1], "-c") || !strcmp(argv[1], "--count"))) {
		events_left = strtol(argv[2], &end, 10);
		if (*end || events_left < 1)
			return usage_error("--count needs a positive number");
	} else if (argc > 1) {
		return usage_error("unexpected '%s'", argv[1]);
	}
	if (connect_kernel())
		return 1;
	if (nl_subscribe(&nl))
		return nl_error("joining the events group");
	if (!json)
		fprintf(stderr, "icmpxctl: listening for events (at most 20/s)\n");
	if (nl_listen(&nl, event_cb, NULL))
		return nl_error("listening");
	return 0;
}

/* ---- the commands ------------------------------------------------------------ */

static int cmd_help(int argc, char **argv);

static const struct cmd cmds[] = {
	{ "show", cmd_show, "[--all]",
	  "The policy in force: preset, mode, settings, routers, the per-source\n"
	  "table's use, and the rules other than accept or changed from the\n"
	  "preset (marked *); --all lists every type's rule." },
	{ "stats", cmd_stats, "[-4|-6] [TYPE] [--prometheus]",
	  "Counters: totals, drops and malformed messages by reason, events, and\n"
	  "each type that received anything (or the TYPE given, by name or number).\n"
	  "--prometheus prints the text exposition format, for node_exporter's\n"
	  "textfile collector." },
	{ "set", cmd_set, "KEY VALUE [KEY VALUE]...",
	  "Change settings, all in one request:\n"
	  "  mode enforce|monitor|off\n"
	  "  source-quench drop|accept\n"
	  "  redirect drop|validate|accept\n"
	  "  router-adv accept|drop|allow\n"
	  "  validate-errors on|off\n"
	  "  routers ADDR[,ADDR]...|none    (the routers router-adv allow accepts)" },
	{ "preset", cmd_preset, "host|router|strict|permissive",
	  "Start again from a preset: every setting and rule becomes the preset's." },
	{ "rule", cmd_rule,
	  "add|del [-4|-6] TYPE [code N] [accept | drop | limit RATE[/s] [burst N]\n"
	  "         [global | per-source [/PREFIX] [/PREFIX6]]] [force]",
	  "Set the rule of a type (by name or number), or of one of its codes.\n"
	  "Without -4 or -6 a type name applies in every family that has it.\n"
	  "limit: RATE messages a second, BURST at once (default: RATE), counted\n"
	  "globally (default) or per source cut to PREFIX bits (/32 and /64 by\n"
	  "default; without -4/-6, a first /N up to 32 is IPv4's, the next IPv6's).\n"
	  "force: drop or limit even what a host must keep: frag-needed and\n"
	  "packet-too-big (path MTU discovery), and what RFC 4890 4.4.1 lists\n"
	  "(neighbor discovery, MLD, SEND, multicast router discovery; never\n"
	  "dropped: ICMPv6 errors, echo).  Without it such a rule is refused.\n"
	  "source-quench, redirect and router advertisements follow their\n"
	  "settings: rules on them are refused.\n"
	  "rule del gives a type back its preset's rule, or removes a code rule." },
	{ "sources", cmd_sources, "[--top N] | flush",
	  "The per-source table's heaviest sources (64, or N), or empty it.\n"
	  "Needs CAP_NET_ADMIN: it holds the addresses of whoever sent." },
	{ "reset", cmd_reset, "",
	  "Start every counter again from zero." },
	{ "monitor", cmd_monitor, "[-c COUNT]",
	  "Print events as they happen: source quench dropped, redirect\n"
	  "rejected, limiter engaged; at most 20 a second (the rest are counted\n"
	  "as suppressed).  -c: stop after COUNT events.  Needs CAP_NET_ADMIN." },
	{ "apply", cmd_apply, "FILE|-",
	  "Put a whole configuration in force, all of it or none: its preset\n"
	  "(host if none), then its settings and rules.  The file holds lines\n"
	  "\"preset NAME\", \"set KEY VALUE\" and \"rule add ...\", as save writes." },
	{ "save", cmd_save, "",
	  "Print the configuration in force as apply reads it." },
	{ "help", cmd_help, "[COMMAND]", "Help on icmpxctl or one command." },
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: icmpxctl [-j|--json] COMMAND [ARGUMENTS]\n\n"
		"Configure icmpx, the kernel's inbound ICMP policy, and read its counters.\n\n");
	for (i = 0; i < NCMDS; i++)
		fprintf(f, "  %-8s %.*s\n", cmds[i].name,
			(int)strcspn(cmds[i].usage, "\n"), cmds[i].usage);
	fprintf(f, "\nWithout a command: show.  -j: JSON output for show, stats, sources\n"
		"and monitor.  icmpxctl COMMAND --help says more.  Exit status: 0 done,\n"
		"1 error, 2 usage error.  See icmpxctl(8).\n");
}

static const struct cmd *find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < NCMDS; i++)
		if (!strcmp(cmds[i].name, name))
			return &cmds[i];
	return NULL;
}

static void cmd_usage(const struct cmd *c)
{
	printf("usage: icmpxctl %s %s\n\n%s\n", c->name, c->usage, c->help);
}

static int cmd_help(int argc, char **argv)
{
	const struct cmd *c;

	if (argc < 2) {
		usage(stdout);
		return 0;
	}
	c = find_cmd(argv[1]);
	if (!c)
		return usage_error("no command '%s'", argv[1]);
	cmd_usage(c);
	return 0;
}

int main(int argc, char **argv)
{
	static char *show[] = { "show", NULL };
	const struct cmd *c;
	int i = 1, ret;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version")) {
			printf("icmpxctl %s (netlink family %s version %d)\n", ICMPX_VERSION,
			       ICMPX_FAMILY_NAME, ICMPX_FAMILY_VERSION);
			return 0;
		} else {
			fprintf(stderr, "icmpxctl: unknown option '%s'\n", argv[i]);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (i == argc) {
		argv = show;
		argc = 1;
		i = 0;
	}
	c = find_cmd(argv[i]);
	if (!c) {
		fprintf(stderr, "icmpxctl: no command '%s'\n", argv[i]);
		usage(stderr);
		return EXIT_USAGE;
	}
	current = c;
	if (argc - i > 1 && (!strcmp(argv[i + 1], "--help") || !strcmp(argv[i + 1], "-h"))) {
		cmd_usage(c);
		return 0;
	}
	if (json && c->fn != cmd_show && c->fn != cmd_stats && c->fn != cmd_sources &&
	    c->fn != cmd_monitor && c->fn != cmd_help)
		return usage_error("-j is for show, stats, sources and monitor");
	signal(SIGPIPE, SIG_DFL);
	ret = c->fn(argc - i, argv + i);
	nl_close(&nl);
	return ret;
}
