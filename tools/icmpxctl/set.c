// SPDX-License-Identifier: GPL-2.0
/*
 * icmpxctl set, preset, rule and apply: changing the policy, each in
 * one request, all of it or none.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <linux/genetlink.h>
#include <linux/icmpx.h>

#include "ctl.h"
#include "json.h"

/* ---- changing the policy ------------------------------------------------ */

/* A router on any link is an address; one on a link, a nest. */
static void put_router(struct nlmsghdr *nlh, const struct router *r)
{
	size_t len = r->family == ICMPX_FAMILY_IPV6 ? 16 : 4;
	struct nlattr *nest;

	if (!r->link[0]) {
		mnl_attr_put(nlh, ICMPX_A_ROUTERS_ADDRESS, len, r->addr);
		return;
	}
	nest = mnl_attr_nest_start(nlh, ICMPX_A_ROUTERS_ROUTER);
	mnl_attr_put(nlh, ICMPX_A_ROUTER_ADDRESS, len, r->addr);
	mnl_attr_put_strz(nlh, ICMPX_A_ROUTER_LINK, r->link);
	mnl_attr_nest_end(nlh, nest);
}

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
	struct nlattr *nest, *one;
	size_t i;
	int r;

	for (i = 0; i < sizeof(u8s) / sizeof(u8s[0]); i++)
		if (u8s[i].val >= 0)
			mnl_attr_put_u8(nlh, u8s[i].type, u8s[i].val);
	if (s->nrouters >= 0) {
		nest = mnl_attr_nest_start(nlh, ICMPX_A_CONFIG_ROUTERS);
		for (r = 0; r < s->nrouters; r++)
			put_router(nlh, &s->routers[r]);
		mnl_attr_nest_end(nlh, nest);
	}
	if (s->ntrusted >= 0) {
		nest = mnl_attr_nest_start(nlh, ICMPX_A_CONFIG_TRUSTED);
		for (r = 0; r < s->ntrusted; r++) {
			const struct prefix *p = &s->trusted[r];

			one = mnl_attr_nest_start(nlh, ICMPX_A_TRUSTED_PREFIX);
			mnl_attr_put(nlh, ICMPX_A_PREFIX_ADDRESS,
				     p->family == ICMPX_FAMILY_IPV6 ? 16 : 4, p->addr);
			mnl_attr_put_u8(nlh, ICMPX_A_PREFIX_LENGTH, p->plen);
			mnl_attr_nest_end(nlh, one);
		}
		mnl_attr_nest_end(nlh, nest);
	}
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
			if (r->unless_trusted)
				mnl_attr_put(nlh, ICMPX_A_RULE_UNLESS_TRUSTED, 0, NULL);
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

/* A set-config request; @check: the kernel checks it and changes nothing. */
static int set_config(const struct settings *s, const struct rule *rules,
		      int nrules, bool check, const char *what)
{
	struct nlmsghdr *nlh;
	int i;

	if (connect_kernel())
		return 1;
	nlh = nl_request(&nl, nlbuf, ICMPX_CMD_SET_CONFIG, NLM_F_ACK);
	put_zone(nlh, ICMPX_A_CONFIG_ZONE);
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
	if (check)
		mnl_attr_put(nlh, ICMPX_A_CONFIG_DRY_RUN, 0, NULL);
	if (nl_talk(&nl, nlh, NULL, NULL))
		return nl_error(what);
	return 0;
}

int cmd_set(int argc, char **argv)
{
	char err[ERRLEN];
	struct settings s;
	int ret;

	ret = no_options(argc, argv, false);
	if (ret >= 0)
		return ret;
	settings_init(&s);
	if (set_parse(argc - optind, argv + optind, &s, err))
		return usage_error("%s", err);
	return set_config(&s, NULL, 0, false, "set");
}

int cmd_preset(int argc, char **argv)
{
	struct settings s;
	int ret;

	ret = no_options(argc, argv, false);
	if (ret >= 0)
		return ret;
	if (optind == argc)
		return usage_error("which preset? host, router, strict or permissive");
	if (too_many(argc, argv, 1))
		return EXIT_USAGE;
	settings_init(&s);
	s.preset = word_value(preset_words, argv[optind]);
	if (s.preset < 0)
		return usage_error("unknown preset '%s': host, router, strict or permissive",
				   argv[optind]);
	return set_config(&s, NULL, 0, false, "preset");
}

int cmd_rule(int argc, char **argv)
{
	struct nlmsghdr *nlh;
	char err[ERRLEN], **words;
	struct rule r;
	int ret, n;
	bool del;

	/* Options before add or del only: "-4" is a word of the rule. */
	ret = no_options(argc, argv, true);
	if (ret >= 0)
		return ret;
	words = argv + optind;
	n = argc - optind;
	if (!n)
		return usage_error("rule add or rule del?");
	if (strcmp(words[0], "add") && strcmp(words[0], "del"))
		return usage_error("rule add or rule del, not '%s'", words[0]);
	del = !strcmp(words[0], "del");
	if (rule_parse(n - 1, words + 1, del, &r, err))
		return usage_error("%s", err);
	if (connect_kernel())
		return 1;
	nlh = nl_request(&nl, nlbuf, del ? ICMPX_CMD_DEL_RULE : ICMPX_CMD_SET_RULE,
			 NLM_F_ACK);
	put_zone(nlh, ICMPX_A_CONFIG_ZONE);
	put_rule(nlh, &r, del);
	if (nl_talk(&nl, nlh, NULL, NULL))
		return nl_error(del ? "rule del" : "rule add");
	return 0;
}

/* A configuration is a page or two; anything past this is not one. */
#define CONFIG_MAX	(1 << 20)

/*
 * The whole of @name (- for standard input), or NULL and why not: a
 * configuration is text, so a directory, a read error, a NUL byte or
 * more than CONFIG_MAX bytes stop it before anything is sent.
 */
static char *read_config(const char *name, size_t *len)
{
	FILE *f = strcmp(name, "-") ? fopen(name, "r") : stdin;
	size_t n, size = 0, line = 1;
	char *text = NULL, *t, *nul;
	struct stat st;

	if (!f) {
		fprintf(stderr, "icmpxctl: %s: %s\n", name, strerror(errno));
		return NULL;
	}
	if (!fstat(fileno(f), &st) && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "icmpxctl: %s: is a directory, not a configuration\n", name);
		goto fail;
	}
	*len = 0;
	do {
		if (*len + 4096 + 1 > size) {
			size = size ? 2 * size : 8192;
			t = realloc(text, size);
			if (!t) {
				fprintf(stderr, "icmpxctl: %s: out of memory\n", name);
				goto fail;
			}
			text = t;
		}
		n = fread(text + *len, 1, 4096, f);
		nul = memchr(text + *len, 0, n);
		if (nul) {
			for (t = text; t < nul; t++)
				line += *t == '\n';
			fprintf(stderr, "icmpxctl: %s: line %zu holds a NUL byte: not a configuration\n",
				name, line);
			goto fail;
		}
		*len += n;
		if (*len > CONFIG_MAX) {
			fprintf(stderr, "icmpxctl: %s: more than %d bytes: not a configuration\n",
				name, CONFIG_MAX);
			goto fail;
		}
	} while (n == 4096);
	if (ferror(f)) {
		fprintf(stderr, "icmpxctl: %s: %s\n", name, strerror(errno ?: EIO));
		goto fail;
	}
	text[*len] = 0;
	if (f != stdin)
		fclose(f);
	return text;
fail:
	free(text);
	if (f != stdin)
		fclose(f);
	return NULL;
}

/* ---- apply: every zone, all or none ----------------------------------- */

static const struct config_zone *zone_in(const struct config_zone *zs, int n,
					 const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(zs[i].name, name))
			return &zs[i];
	return NULL;
}

static bool has_link(const struct config_zone *z, const char *link)
{
	int i;

	for (i = 0; i < z->nlinks; i++)
		if (!strcmp(z->links[i], link))
			return true;
	return false;
}

/*
 * A zone's policy (@name; NULL: the default zone's) put in force, or
 * with @check only checked: then against the default zone, since a
 * policy's checks do not depend on its zone and the zone may not be yet.
 */
static int zone_policy(const struct settings *set, const struct rule *rules,
		       int nrules, const char *name, bool check, const char *what)
{
	struct settings s = *set;
	const char *was = zone;
	char w[80];
	int ret;

	/* A whole configuration: from its preset, or the default one. */
	if (s.preset < 0)
		s.preset = ICMPX_PRESET_HOST;
	snprintf(w, sizeof(w), "%s%s%s", what, name ? ", zone " : "", name ?: "");
	zone = check ? NULL : name;
	ret = set_config(&s, rules, nrules, check, w);
	zone = was;
	return ret;
}

/*
 * Put @c's zones and policies in force over @had, the zones that were:
 * those @c does not name go (their interfaces to the default zone), the
 * interfaces that move are let go of before they are taken, then each
 * zone is made or given its interfaces, and each policy is set.  A zone
 * that stays keeps its state (its buckets, its counters).
 */
static int put_zones(const struct config *c, const struct kzones *had,
		     const char *what)
{
	char keep[ICMPX_ZONE_LINKS_MAX][ICMPX_LINK_LEN + 1];
	const struct config_zone *z, *old;
	int i, j, n;

	for (i = 0; i < had->n; i++) {
		old = &had->z[i];
		if (strcmp(old->name, DEFAULT_ZONE) &&
		    !zone_in(c->zones, c->nzones, old->name) &&
		    zone_send(ICMPX_CMD_DEL_ZONE, old->name, NULL, 0))
			return zone_failed("del", old->name);
	}
	for (i = 0; i < c->nzones; i++) {
		z = &c->zones[i];
		old = zone_in(had->z, had->n, z->name);
		if (!old)
			continue;
		for (n = 0, j = 0; j < old->nlinks; j++)
			if (has_link(z, old->links[j]))
				strcpy(keep[n++], old->links[j]);
		if (n < old->nlinks &&
		    zone_send(ICMPX_CMD_SET_ZONE, z->name, keep, n))
			return zone_failed("set", z->name);
	}
	for (i = 0; i < c->nzones; i++) {
		z = &c->zones[i];
		old = zone_in(had->z, had->n, z->name);
		if (zone_send(old ? ICMPX_CMD_SET_ZONE : ICMPX_CMD_NEW_ZONE, z->name,
			      (const char (*)[ICMPX_LINK_LEN + 1])z->links, z->nlinks))
			return zone_failed(old ? "set" : "add", z->name);
	}
	if (zone_policy(&c->set, c->rules, c->nrules, NULL, false, what))
		return 1;
	for (i = 0; i < c->nzones; i++) {
		z = &c->zones[i];
		if (zone_policy(&z->set, z->rules, z->nrules, z->name, false, what))
			return 1;
	}
	return 0;
}

/* What is in force, as a configuration that puts it back. */
static int config_read(struct config *c, const struct kzones *had)
{
	struct rule_list l;
	struct config_zone *z;
	int i;

	memset(c, 0, sizeof(*c));
	c->zones = calloc(had->n, sizeof(*c->zones));
	if (!c->zones) {
		fprintf(stderr, "icmpxctl: apply: out of memory\n");
		return 1;
	}
	if (policy_read(NULL, &c->set, &l))
		return 1;
	c->rules = l.rules;
	c->nrules = l.n;
	for (i = 0; i < had->n; i++) {
		if (!strcmp(had->z[i].name, DEFAULT_ZONE))
			continue;
		z = &c->zones[c->nzones];
		*z = had->z[i];
		if (policy_read(z->name, &z->set, &l))
			return 1;
		z->rules = l.rules;
		z->nrules = l.n;
		c->nzones++;
	}
	return 0;
}

/*
 * @c in force, all of it or none.  Every zone's policy is checked by the
 * module first (a policy's checks do not depend on its zone), so that
 * what is refused is refused before anything changes; what fails after
 * that (a zone changed meanwhile, memory) is undone by putting back what
 * was read before.
 */
static int apply_config(const struct config *c, bool check, const char *name)
{
	struct config was;
	struct kzones *had, *now;
	int i, ret;

	if (zone_policy(&c->set, c->rules, c->nrules, NULL, true, name))
		return 1;
	for (i = 0; i < c->nzones; i++)
		if (zone_policy(&c->zones[i].set, c->zones[i].rules,
				c->zones[i].nrules, c->zones[i].name, true, name))
			return 1;
	if (check)
		return 0;
	had = zones_read();
	if (!had)
		return 1;
	ret = config_read(&was, had);
	if (!ret && put_zones(c, had, name)) {
		ret = 1;
		now = zones_read();
		if (now && !put_zones(&was, now, "putting back what was"))
			fprintf(stderr, "icmpxctl: %s: nothing changed: what was is back in force\n",
				name);
		else
			fprintf(stderr, "icmpxctl: %s: what was could not be put back in full: see icmpxctl save\n",
				name);
		free(now);
	}
	config_free(&was);
	free(had);
	return ret;
}

int cmd_apply(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "check", no_argument, NULL, 'c' }, { NULL, 0, NULL, 0 }
	};
	char err[ERRLEN], *text;
	bool check = false;
	const char *name;
	struct config c;
	size_t len;
	int opt, ret;

	while ((opt = cmd_opt(argc, argv, "c", longs, false)) != -1) {
		if (opt != 'c')
			return opt == 'h' ? 0 : EXIT_USAGE;
		check = true;
	}
	if (optind == argc)
		return usage_error("apply needs a file (or - for standard input)");
	if (too_many(argc, argv, 1))
		return EXIT_USAGE;
	name = argv[optind];
	text = read_config(name, &len);
	if (!text)
		return 1;
	ret = config_parse(text, &c, err);
	free(text);
	if (ret) {
		fprintf(stderr, "icmpxctl: %s: %s\n", name, err);
		return 1;
	}
	/* Sent as it is, it would put preset host in force: not what was meant. */
	if (!c.lines) {
		fprintf(stderr, "icmpxctl: %s: no configuration in it (%s)\n", name,
			len ? "only comments and blank lines" : "empty");
		config_free(&c);
		return 1;
	}
	/* The module carries over what stays the same, with its state. */
	ret = connect_kernel() ?: apply_config(&c, check, name);
	config_free(&c);
	return ret;
}
