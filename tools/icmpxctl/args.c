// SPDX-License-Identifier: GPL-2.0
/*
 * icmpxctl's grammar: words, types, rules, settings, configuration files.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/icmpv6.h>
#include <linux/icmpx.h>

#include "args.h"
#include "types.h"	/* generated from icmpx/parse.c */

const struct word mode_words[] = {
	{ "enforce", ICMPX_MODE_ENFORCE }, { "monitor", ICMPX_MODE_MONITOR },
	{ "off", ICMPX_MODE_OFF }, { NULL, 0 }
};
const struct word preset_words[] = {
	{ "host", ICMPX_PRESET_HOST }, { "router", ICMPX_PRESET_ROUTER },
	{ "strict", ICMPX_PRESET_STRICT },
	{ "permissive", ICMPX_PRESET_PERMISSIVE }, { NULL, 0 }
};
const struct word sq_words[] = {
	{ "drop", ICMPX_ACTION_DROP }, { "accept", ICMPX_ACTION_ACCEPT },
	{ NULL, 0 }
};
const struct word redirect_words[] = {
	{ "drop", ICMPX_REDIRECT_DROP }, { "validate", ICMPX_REDIRECT_VALIDATE },
	{ "accept", ICMPX_REDIRECT_ACCEPT }, { NULL, 0 }
};
const struct word ra_words[] = {
	{ "accept", ICMPX_ROUTER_ADV_ACCEPT }, { "drop", ICMPX_ROUTER_ADV_DROP },
	{ "allow", ICMPX_ROUTER_ADV_ALLOW }, { NULL, 0 }
};
const struct word onoff_words[] = {
	{ "on", 1 }, { "off", 0 }, { NULL, 0 }
};
const struct word action_words[] = {
	{ "accept", ICMPX_ACTION_ACCEPT }, { "drop", ICMPX_ACTION_DROP },
	{ "limit", ICMPX_ACTION_LIMIT }, { NULL, 0 }
};
const struct word scope_words[] = {
	{ "global", ICMPX_SCOPE_GLOBAL }, { "per-source", ICMPX_SCOPE_SOURCE },
	{ NULL, 0 }
};

int word_value(const struct word *w, const char *s)
{
	for (; w->name; w++)
		if (!strcmp(w->name, s))
			return w->value;
	return -1;
}

const char *word_name(const struct word *w, int value)
{
	for (; w->name; w++)
		if (w->value == value)
			return w->name;
	return "?";
}

void word_list(const struct word *w, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = 0;
	for (; w->name && n < len; w++)
		n += snprintf(buf + n, len - n, "%s%s", w->name,
			      !w[1].name ? "" : !w[2].name ? " or " : ", ");
}

/* Inverse neighbor discovery (RFC 3122): icmpx/parse.h's ICMPX_IND_*. */
#define IND_SOLICIT	141
#define IND_ADVERT	142

/*
 * Where nftables names a type otherwise (nft describe icmpv6 type):
 * both names are understood, icmpx's own is the one printed.
 */
const struct type_alias type_aliases[] = {
	{ ICMPX_FAMILY_IPV6, ICMPV6_MGM_REDUCTION, "mld-listener-reduction" },
	{ ICMPX_FAMILY_IPV6, IND_SOLICIT, "ind-neighbor-solicit" },
	{ ICMPX_FAMILY_IPV6, IND_ADVERT, "ind-neighbor-advert" },
	{ 0, 0, NULL }
};

const char *family_name(int f)
{
	return f == ICMPX_FAMILY_IPV6 ? "ipv6" : "ipv4";
}

const char *type_name(int f, int type)
{
	if (type < 0 || type > 255)
		return NULL;
	return f == ICMPX_FAMILY_IPV6 ? types6[type] : types4[type];
}

/* A whole decimal number within [min, max]. */
static int number(const char *s, long min, long max, long *v)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	*v = strtol(s, &end, 10);
	if (errno || *end || *v < min || *v > max)
		return -1;
	return 0;
}

int type_parse(const char *s, int family, int type[NFAMILY],
	       unsigned int *families, char *err)
{
	const struct type_alias *a;
	long v;
	int f, t;

	*families = 0;
	if (!number(s, 0, 255, &v)) {
		if (family < 0) {
			snprintf(err, ERRLEN,
				 "type %s is a number: say -4 or -6 for its family", s);
			return -1;
		}
		type[family] = v;
		*families = 1u << family;
		return 0;
	}
	for (f = 0; f < NFAMILY; f++) {
		if (family >= 0 && f != family)
			continue;
		for (t = 0; t < 256; t++) {
			if (type_name(f, t) && !strcmp(type_name(f, t), s)) {
				type[f] = t;
				*families |= 1u << f;
			}
		}
		for (a = type_aliases; a->name; a++) {
			if (a->family == f && !strcmp(a->name, s)) {
				type[f] = a->type;
				*families |= 1u << f;
			}
		}
	}
	if (*families)
		return 0;
	snprintf(err, ERRLEN, "unknown ICMP%s type '%s' (a name or 0-255)",
		 family == ICMPX_FAMILY_IPV6 ? "v6" : "", s);
	return -1;
}

/* "10/s", "10": messages per second. */
static int rate_parse(const char *s, uint32_t *rate)
{
	char buf[32];
	size_t n = strcspn(s, "/");
	long v;

	if (n >= sizeof(buf) || (s[n] && strcmp(s + n, "/s") &&
				 strcmp(s + n, "/sec") && strcmp(s + n, "/second")))
		return -1;
	memcpy(buf, s, n);
	buf[n] = 0;
	if (number(buf, 1, ICMPX_RATE_MAX, &v))
		return -1;
	*rate = v;
	return 0;
}

/*
 * [-4|-6|ipv4|ipv6] TYPE [code N] ACTION [RATE [burst N]
 *	[global | per-source [/P] [/P6]]] [force] [unless-trusted]
 */
int rule_parse(int argc, char **argv, bool del, struct rule *r, char *err)
{
	unsigned int families;
	bool scoped = false;
	int i = 0, p, f;
	long v;

	memset(r, 0, sizeof(*r));
	r->family = -1;
	r->code = -1;
	r->action = -1;
	if (i < argc && (!strcmp(argv[i], "-4") || !strcmp(argv[i], "ipv4"))) {
		r->family = ICMPX_FAMILY_IPV4;
		i++;
	} else if (i < argc && (!strcmp(argv[i], "-6") || !strcmp(argv[i], "ipv6"))) {
		r->family = ICMPX_FAMILY_IPV6;
		i++;
	}
	if (i == argc) {
		snprintf(err, ERRLEN, "missing the ICMP type");
		return -1;
	}
	if (type_parse(argv[i++], r->family, r->type, &families, err))
		return -1;
	r->families = families;
	if (i < argc && !strcmp(argv[i], "code")) {
		if (++i == argc || number(argv[i], 0, 255, &v)) {
			snprintf(err, ERRLEN, "code needs a number 0-255");
			return -1;
		}
		r->code = v;
		i++;
	}
	if (del) {
		if (i < argc) {
			snprintf(err, ERRLEN, "unexpected '%s': rule del takes a type and a code",
				 argv[i]);
			return -1;
		}
		return 0;
	}
	if (i == argc) {
		snprintf(err, ERRLEN, "missing the action: accept, drop or limit");
		return -1;
	}
	r->action = word_value(action_words, argv[i]);
	if (r->action < 0) {
		snprintf(err, ERRLEN, "unknown action '%s': accept, drop or limit",
			 argv[i]);
		return -1;
	}
	i++;
	if (r->action == ICMPX_ACTION_LIMIT) {
		if (i == argc || rate_parse(argv[i], &r->rate)) {
			snprintf(err, ERRLEN, "limit needs a rate: 1-%u per second, as 10/s",
				 ICMPX_RATE_MAX);
			return -1;
		}
		i++;
	}
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "force")) {
			if (r->force) {
				snprintf(err, ERRLEN, "force given twice");
				return -1;
			}
			r->force = true;
			continue;
		}
		/* The kernel says what it is for: drop rules. */
		if (!strcmp(argv[i], "unless-trusted")) {
			if (r->unless_trusted) {
				snprintf(err, ERRLEN, "unless-trusted given twice");
				return -1;
			}
			r->unless_trusted = true;
			continue;
		}
		if (r->action != ICMPX_ACTION_LIMIT) {
			snprintf(err, ERRLEN, "unexpected '%s' after %s", argv[i],
				 word_name(action_words, r->action));
			return -1;
		}
		if (!strcmp(argv[i], "burst")) {
			if (r->burst) {
				snprintf(err, ERRLEN, "burst given twice");
				return -1;
			}
			if (++i == argc || number(argv[i], 1, ICMPX_BURST_MAX, &v)) {
				snprintf(err, ERRLEN, "burst needs a number 1-%u",
					 ICMPX_BURST_MAX);
				return -1;
			}
			r->burst = v;
		} else if (word_value(scope_words, argv[i]) >= 0) {
			if (scoped) {
				snprintf(err, ERRLEN, "'%s' after '%s': global or per-source, not both",
					 argv[i], word_name(scope_words, r->scope));
				return -1;
			}
			scoped = true;
			r->scope = word_value(scope_words, argv[i]);
			if (r->scope != ICMPX_SCOPE_SOURCE)
				continue;
			/* /P for the rule's family; without one, /P4 then /P6. */
			for (p = 0; p < 2 && i + 1 < argc && argv[i + 1][0] == '/'; p++) {
				i++;
				if (number(argv[i] + 1, 1, 128, &v)) {
					snprintf(err, ERRLEN, "bad prefix length '%s'", argv[i]);
					return -1;
				}
				f = r->family >= 0 ? r->family :
				    (p == 0 && v <= 32 && (families & 1)) ?
				    ICMPX_FAMILY_IPV4 : ICMPX_FAMILY_IPV6;
				if (r->prefix[f] || (f == ICMPX_FAMILY_IPV4 && v > 32)) {
					snprintf(err, ERRLEN, "bad prefix length '%s' for %s",
						 argv[i], family_name(f));
					return -1;
				}
				r->prefix[f] = v;
			}
		} else {
			snprintf(err, ERRLEN, "unexpected '%s' in a limit", argv[i]);
			return -1;
		}
	}
	if ((r->prefix[0] || r->prefix[1]) && r->scope != ICMPX_SCOPE_SOURCE) {
		snprintf(err, ERRLEN, "a prefix is for per-source limits");
		return -1;
	}
	return 0;
}

void rule_format(const struct rule *r, int f, char *buf, size_t len)
{
	const char *name = type_name(f, r->type[f]);
	size_t n;

	n = snprintf(buf, len, "-%c ", f == ICMPX_FAMILY_IPV6 ? '6' : '4');
	if (name)
		n += snprintf(buf + n, len - n, "%s", name);
	else
		n += snprintf(buf + n, len - n, "%d", r->type[f]);
	if (r->code >= 0)
		n += snprintf(buf + n, len - n, " code %d", r->code);
	n += snprintf(buf + n, len - n, " %s", word_name(action_words, r->action));
	if (r->action == ICMPX_ACTION_LIMIT) {
		n += snprintf(buf + n, len - n, " %u/s burst %u %s", r->rate,
			      r->burst, word_name(scope_words, r->scope));
		if (r->scope == ICMPX_SCOPE_SOURCE && r->prefix[f])
			n += snprintf(buf + n, len - n, " /%d", r->prefix[f]);
	}
	if (r->force && n < len)
		n += snprintf(buf + n, len - n, " force");
	if (r->unless_trusted && n < len)
		snprintf(buf + n, len - n, " unless-trusted");
}

void settings_init(struct settings *s)
{
	memset(s, 0, sizeof(*s));
	s->preset = s->mode = s->source_quench = s->redirect = -1;
	s->router_adv = s->validate_errors = s->nrouters = s->ntrusted = -1;
}

const char *prefix_str(const struct prefix *p, char *buf)
{
	size_t n;

	inet_ntop(p->family == ICMPX_FAMILY_IPV6 ? AF_INET6 : AF_INET, p->addr,
		  buf, INET6_ADDRSTRLEN);
	n = strlen(buf);
	snprintf(buf + n, INET6_ADDRSTRLEN + 4 - n, "/%d", p->plen);
	return buf;
}

/* ADDR or ADDR/LEN, no bit set past LEN: 0, or -1 and @err. */
static int prefix_parse(const char *s, size_t n, struct prefix *p, char *err)
{
	char buf[INET6_ADDRSTRLEN + 4], *slash, *end, hint[INET6_ADDRSTRLEN + 4];
	int bits, i;

	if (!n || n >= sizeof(buf)) {
		snprintf(err, ERRLEN, "'%.*s' is not a prefix (ADDR or ADDR/LEN)",
			 (int)n, s);
		return -1;
	}
	memcpy(buf, s, n);
	buf[n] = 0;
	slash = strchr(buf, '/');
	if (slash)
		*slash = 0;
	memset(p->addr, 0, sizeof(p->addr));
	if (inet_pton(AF_INET, buf, p->addr) == 1) {
		p->family = ICMPX_FAMILY_IPV4;
		bits = 32;
	} else if (inet_pton(AF_INET6, buf, p->addr) == 1) {
		p->family = ICMPX_FAMILY_IPV6;
		bits = 128;
	} else {
		snprintf(err, ERRLEN, "'%.*s' is not an IPv4 or IPv6 prefix",
			 (int)n, s);
		return -1;
	}
	p->plen = bits;
	if (slash) {
		errno = 0;
		p->plen = strtol(slash + 1, &end, 10);
		if (!isdigit((unsigned char)slash[1]) || *end || errno ||
		    p->plen > bits) {
			snprintf(err, ERRLEN, "'%.*s': the length is 0 to %d",
				 (int)n, s, bits);
			return -1;
		}
	}
	for (i = p->plen; i < bits; i++) {
		if (p->addr[i / 8] & (0x80 >> (i % 8))) {
			struct prefix cut = *p;

			for (; i < bits; i++)
				cut.addr[i / 8] &= ~(0x80 >> (i % 8));
			snprintf(err, ERRLEN, "'%.*s' has bits set past /%d (%s?)",
				 (int)n, s, p->plen, prefix_str(&cut, hint));
			return -1;
		}
	}
	return 0;
}

/* Comma-separated prefixes, or "none". */
int trusted_parse(const char *list, struct settings *s, char *err)
{
	const char *p = list;
	size_t n;

	s->ntrusted = 0;
	if (!strcmp(list, "none"))
		return 0;
	while (*p) {
		n = strcspn(p, ",");
		if (s->ntrusted == MAX_TRUSTED) {
			snprintf(err, ERRLEN, "too many trusted prefixes (8 per family)");
			return -1;
		}
		if (prefix_parse(p, n, &s->trusted[s->ntrusted], err))
			return -1;
		s->ntrusted++;
		p += n;
		if (*p && !*++p) {
			snprintf(err, ERRLEN, "a trusted list ends with a comma");
			return -1;
		}
	}
	return 0;
}

const char *router_str(const struct router *r, char *buf)
{
	size_t n;

	inet_ntop(r->family == ICMPX_FAMILY_IPV6 ? AF_INET6 : AF_INET, r->addr,
		  buf, INET6_ADDRSTRLEN);
	n = strlen(buf);
	if (r->link[0])
		snprintf(buf + n, ROUTER_STRLEN - n, "%%%s", r->link);
	return buf;
}

/* An interface name as the kernel takes one (dev_valid_name()). */
static bool link_name(const char *s)
{
	return *s && strlen(s) <= ICMPX_LINK_LEN && strcmp(s, ".") &&
	       strcmp(s, "..") && !strpbrk(s, "/: \t\n\v\f\r");
}

/* ADDR or ADDR%LINK, of @n bytes at @s: 0, or -1 and @err. */
static int router_parse(const char *s, size_t n, struct router *r, char *err)
{
	char buf[ROUTER_STRLEN], *pct;

	if (!n || n >= sizeof(buf)) {
		snprintf(err, ERRLEN, "'%.*s' is not an IPv4 or IPv6 address",
			 (int)n, s);
		return -1;
	}
	memcpy(buf, s, n);
	buf[n] = 0;
	memset(r, 0, sizeof(*r));
	pct = strchr(buf, '%');
	if (pct) {
		*pct = 0;
		if (!link_name(pct + 1)) {
			snprintf(err, ERRLEN, "'%s' is not an interface name (in '%.*s')",
				 pct + 1, (int)n, s);
			return -1;
		}
		strcpy(r->link, pct + 1);
	}
	if (inet_pton(AF_INET, buf, r->addr) == 1) {
		r->family = ICMPX_FAMILY_IPV4;
	} else if (inet_pton(AF_INET6, buf, r->addr) == 1) {
		r->family = ICMPX_FAMILY_IPV6;
	} else {
		snprintf(err, ERRLEN, "'%.*s' is not an IPv4 or IPv6 address",
			 (int)n, s);
		return -1;
	}
	return 0;
}

/* Comma-separated ADDR[%LINK], or "none". */
int routers_parse(const char *list, struct settings *s, char *err)
{
	const char *p = list;
	size_t n;

	s->nrouters = 0;
	if (!strcmp(list, "none"))
		return 0;
	while (*p) {
		n = strcspn(p, ",");
		if (s->nrouters == MAX_ROUTERS) {
			snprintf(err, ERRLEN, "too many routers (8 per family)");
			return -1;
		}
		if (router_parse(p, n, &s->routers[s->nrouters], err))
			return -1;
		s->nrouters++;
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

/* set KEY VALUE [KEY VALUE]... */
int set_parse(int argc, char **argv, struct settings *s, char *err)
{
	static const struct {
		const char *key;
		const struct word *words;
		size_t off;
	} keys[] = {
		{ "mode", mode_words, offsetof(struct settings, mode) },
		{ "source-quench", sq_words, offsetof(struct settings, source_quench) },
		{ "redirect", redirect_words, offsetof(struct settings, redirect) },
		{ "router-adv", ra_words, offsetof(struct settings, router_adv) },
		{ "validate-errors", onoff_words,
		  offsetof(struct settings, validate_errors) },
	};
	/* Lists, after the keys: a bit each in @seen too. */
	static const struct {
		const char *key;
		int (*parse)(const char *list, struct settings *s, char *err);
	} lists[] = {
		{ "routers", routers_parse }, { "trusted", trusted_parse },
	};
	const int nkeys = sizeof(keys) / sizeof(keys[0]);
	const int nlists = sizeof(lists) / sizeof(lists[0]);
	unsigned int seen = 0;	/* a bit a key, then a bit a list */
	char list[128];
	int i, k, v;

	if (!argc) {
		snprintf(err, ERRLEN, "set what? mode, source-quench, redirect, router-adv, validate-errors, routers or trusted");
		return -1;
	}
	for (i = 0; i < argc; i += 2) {
		for (k = 0; k < nkeys; k++)
			if (!strcmp(argv[i], keys[k].key))
				break;
		while (k >= nkeys && k < nkeys + nlists &&
		       strcmp(argv[i], lists[k - nkeys].key))
			k++;
		if (k == nkeys + nlists) {
			snprintf(err, ERRLEN, "unknown setting '%s'", argv[i]);
			return -1;
		}
		if (seen & (1u << k)) {
			snprintf(err, ERRLEN, "%s given twice", argv[i]);
			return -1;
		}
		seen |= 1u << k;
		if (i + 1 == argc) {
			snprintf(err, ERRLEN, "%s needs a value", argv[i]);
			return -1;
		}
		if (k >= nkeys) {
			if (lists[k - nkeys].parse(argv[i + 1], s, err))
				return -1;
			continue;
		}
		v = word_value(keys[k].words, argv[i + 1]);
		if (v < 0) {
			word_list(keys[k].words, list, sizeof(list));
			snprintf(err, ERRLEN, "%s is %s, not '%s'", argv[i], list,
				 argv[i + 1]);
			return -1;
		}
		*(int *)((char *)s + keys[k].off) = v;
	}
	return 0;
}

int split_words(char *line, char **argv, int max)
{
	int n = 0;
	char *p = line;

	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			return n;
		if (n == max)
			return -1;
		argv[n++] = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (*p)
			*p++ = 0;
	}
}

/*
 * A configuration file, as icmpxctl save writes it: "preset NAME",
 * "set KEY VALUE...", "rule add ...", comments and blank lines.
 */
bool zone_name_valid(const char *s)
{
	size_t n = strlen(s);

	return n && n <= ICMPX_LINK_LEN &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		      "0123456789_.-") == n;
}

long zone_link_index(const char *s)
{
	char *end;
	long v;

	if (strncmp(s, "if:", 3))
		return 0;
	if (s[3] < '1' || s[3] > '9')
		return -1;
	errno = 0;
	v = strtol(s + 3, &end, 10);
	return errno || *end || v > INT_MAX ? -1 : v;
}

int zone_link_check(const char *s, char *err, size_t len)
{
	/* Names the module checks, as it knows the kernel's rules. */
	if (!s[0] || strlen(s) > ICMPX_LINK_LEN || zone_link_index(s) < 0) {
		snprintf(err, len,
			 "'%.40s' is not an interface's name, nor if:INDEX", s);
		return -1;
	}
	return 0;
}

/* The zone a "zone NAME [LINK]..." line opens, checked against those before. */
static int zone_line(int argc, char **argv, struct config *c, int n, char *err)
{
	struct config_zone *z;
	char why[ERRLEN - 24];
	int i, j, k;

	if (argc < 2) {
		snprintf(err, ERRLEN, "line %d: zone needs a name", n);
		return -1;
	}
	if (!strcmp(argv[1], DEFAULT_ZONE)) {
		snprintf(err, ERRLEN,
			 "line %d: the default zone's lines come first, before any zone line",
			 n);
		return -1;
	}
	if (!zone_name_valid(argv[1])) {
		snprintf(err, ERRLEN,
			 "line %d: '%.40s' is not a zone's name (letters, digits and \"_.-\", at most %d)",
			 n, argv[1], ICMPX_LINK_LEN);
		return -1;
	}
	if (c->nzones == ICMPX_ZONES_MAX - 1) {
		snprintf(err, ERRLEN, "line %d: more than %d zones besides the default",
			 n, ICMPX_ZONES_MAX - 1);
		return -1;
	}
	if (argc - 2 > ICMPX_ZONE_LINKS_MAX) {
		snprintf(err, ERRLEN, "line %d: a zone names at most %d interfaces",
			 n, ICMPX_ZONE_LINKS_MAX);
		return -1;
	}
	for (i = 0; i < c->nzones; i++)
		if (!strcmp(c->zones[i].name, argv[1])) {
			snprintf(err, ERRLEN, "line %d: zone %s a second time", n, argv[1]);
			return -1;
		}
	for (k = 2; k < argc; k++) {
		if (zone_link_check(argv[k], why, sizeof(why))) {
			snprintf(err, ERRLEN, "line %d: %s", n, why);
			return -1;
		}
		for (j = 2; j < k; j++)
			if (!strcmp(argv[j], argv[k])) {
				snprintf(err, ERRLEN, "line %d: %s twice", n, argv[k]);
				return -1;
			}
		for (i = 0; i < c->nzones; i++)
			for (j = 0; j < c->zones[i].nlinks; j++)
				if (!strcmp(c->zones[i].links[j], argv[k])) {
					snprintf(err, ERRLEN, "line %d: %s is zone %s's already",
						 n, argv[k], c->zones[i].name);
					return -1;
				}
	}
	z = realloc(c->zones, (c->nzones + 1) * sizeof(*z));
	if (!z) {
		snprintf(err, ERRLEN, "out of memory");
		return -1;
	}
	c->zones = z;
	z = &c->zones[c->nzones++];
	memset(z, 0, sizeof(*z));
	settings_init(&z->set);
	snprintf(z->name, sizeof(z->name), "%s", argv[1]);
	for (k = 2; k < argc; k++)
		snprintf(z->links[z->nlinks++], sizeof(z->links[0]), "%s", argv[k]);
	return 0;
}

int config_parse(const char *text, struct config *c, char *err)
{
	char *copy = strdup(text), *line, *next, *argv[MAX_WORDS];
	struct settings *set = &c->set;
	struct rule **rules = &c->rules, *r;
	int *nrules = &c->nrules;
	int argc, n = 0, ret = -1;
	char sub[ERRLEN];

	memset(c, 0, sizeof(*c));
	settings_init(&c->set);
	if (!copy) {
		snprintf(err, ERRLEN, "out of memory");
		return -1;
	}
	for (line = copy; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		n++;
		argc = split_words(line, argv, MAX_WORDS);
		if (argc < 0) {
			snprintf(err, ERRLEN, "line %d: more than %d words", n, MAX_WORDS);
			goto out;
		}
		if (!argc)
			continue;
		c->lines++;
		if (!strcmp(argv[0], "zone")) {
			if (zone_line(argc, argv, c, n, err))
				goto out;
			set = &c->zones[c->nzones - 1].set;
			rules = &c->zones[c->nzones - 1].rules;
			nrules = &c->zones[c->nzones - 1].nrules;
		} else if (!strcmp(argv[0], "preset") && argc == 1) {
			snprintf(err, ERRLEN, "line %d: preset needs a name", n);
			goto out;
		} else if (!strcmp(argv[0], "preset") && argc > 2) {
			snprintf(err, ERRLEN, "line %d: unexpected '%s' after the preset",
				 n, argv[2]);
			goto out;
		} else if (!strcmp(argv[0], "rule") && (argc == 1 || strcmp(argv[1], "add"))) {
			snprintf(err, ERRLEN, "line %d: a configuration has rule add lines only (a rule left out is the preset's)",
				 n);
			goto out;
		} else if (!strcmp(argv[0], "preset")) {
			set->preset = word_value(preset_words, argv[1]);
			if (set->preset < 0) {
				snprintf(err, ERRLEN, "line %d: unknown preset '%s'", n,
					 argv[1]);
				goto out;
			}
		} else if (!strcmp(argv[0], "set")) {
			if (set_parse(argc - 1, argv + 1, set, sub)) {
				snprintf(err, ERRLEN, "line %d: %.140s", n, sub);
				goto out;
			}
		} else if (!strcmp(argv[0], "rule") && argc > 1 &&
			   !strcmp(argv[1], "add")) {
			r = realloc(*rules, (*nrules + 1) * sizeof(*r));
			if (!r) {
				snprintf(err, ERRLEN, "out of memory");
				goto out;
			}
			*rules = r;
			if (rule_parse(argc - 2, argv + 2, false, &r[*nrules], sub)) {
				snprintf(err, ERRLEN, "line %d: %.140s", n, sub);
				goto out;
			}
			(*nrules)++;
		} else {
			snprintf(err, ERRLEN,
				 "line %d: expected preset, set, rule add or zone, not '%s'",
				 n, argv[0]);
			goto out;
		}
	}
	ret = 0;
out:
	free(copy);
	if (ret)
		config_free(c);
	return ret;
}

void config_free(struct config *c)
{
	int i;

	for (i = 0; i < c->nzones; i++)
		free(c->zones[i].rules);
	free(c->zones);
	free(c->rules);
	c->zones = NULL;
	c->nzones = 0;
	c->rules = NULL;
	c->nrules = 0;
}
