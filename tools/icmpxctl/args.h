/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What icmpxctl understands, without a socket in sight: type names,
 * rules, settings and configuration files.  The unit tests drive it.
 */
#ifndef ICMPXCTL_ARGS_H
#define ICMPXCTL_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include <linux/icmpx.h>

#define NFAMILY		2
#define MAX_ROUTERS	16	/* both families; the kernel has 8 each */
#define MAX_TRUSTED	16	/* likewise */
#define ERRLEN		160

/* A word and the number the API has for it. */
struct word {
	const char *name;
	int value;
};

extern const struct word mode_words[], preset_words[], sq_words[],
	redirect_words[], ra_words[], onoff_words[], action_words[],
	scope_words[];

int word_value(const struct word *w, const char *s);
const char *word_name(const struct word *w, int value);
/* "drop, validate or accept" */
void word_list(const struct word *w, char *buf, size_t len);

/* Other names of a type: those nftables gives where icmpx's differ. */
struct type_alias {
	int family;
	int type;
	const char *name;
};

extern const struct type_alias type_aliases[];	/* ends with a NULL name */

const char *family_name(int f);
/* The name of @type in family @f, or NULL. */
const char *type_name(int f, int type);
/*
 * A type by name or number: 0, the families it is in (a bit each) and
 * its number in each (echo-request: 8 and 128).
 */
int type_parse(const char *s, int family, int type[NFAMILY],
	       unsigned int *families, char *err);

/* A rule, as given on the command line or in a configuration file. */
struct rule {
	int family;		/* -1: every family the type is in */
	unsigned int families;	/* bit per family, once resolved */
	int type[NFAMILY];	/* its number in each */
	int code;		/* -1: the type's rule */
	int action;		/* ICMPX_ACTION_* */
	bool force;
	bool unless_trusted;	/* a drop rule trusted sources pass */
	int scope;		/* ICMPX_SCOPE_* */
	uint32_t rate;		/* 0: none given */
	uint32_t burst;		/* 0: the rate */
	int prefix[NFAMILY];	/* 0: the kernel's default */
	bool preset;		/* read back: the preset's own rule */
};

int rule_parse(int argc, char **argv, bool del, struct rule *r, char *err);
/* One rule as a line "rule add ..." reads back, into @buf. */
void rule_format(const struct rule *r, int family, char *buf, size_t len);

/* A source prefix: the first @plen bits of @addr. */
struct prefix {
	int family;
	uint8_t addr[16];
	int plen;
};

/* "192.0.2.0/24" into @buf, INET6_ADDRSTRLEN + 4 bytes. */
const char *prefix_str(const struct prefix *p, char *buf);

/* A router router-adv allow accepts: on the link @link, or any if "". */
struct router {
	int family;
	uint8_t addr[16];
	char link[ICMPX_LINK_LEN + 1];
};

#define ROUTER_STRLEN	(INET6_ADDRSTRLEN + ICMPX_LINK_LEN + 1)

/* "fe80::1%lan0" into @buf, ROUTER_STRLEN bytes. */
const char *router_str(const struct router *r, char *buf);

/* Settings of set-config; -1 for what is not to change. */
struct settings {
	int preset, mode, source_quench, redirect, router_adv, validate_errors;
	int nrouters;		/* -1: keep the list */
	struct router routers[MAX_ROUTERS];
	int ntrusted;		/* -1: keep the list */
	struct prefix trusted[MAX_TRUSTED];
};

void settings_init(struct settings *s);
int set_parse(int argc, char **argv, struct settings *s, char *err);
int routers_parse(const char *list, struct settings *s, char *err);
int trusted_parse(const char *list, struct settings *s, char *err);

/* A zone of a configuration: its name, its interfaces, its policy. */
struct config_zone {
	char name[ICMPX_LINK_LEN + 1];
	int nlinks;
	char links[ICMPX_ZONE_LINKS_MAX][ICMPX_LINK_LEN + 1];
	struct settings set;
	int nrules;
	struct rule *rules;
};

/*
 * A whole configuration: the default zone's preset, settings and rules,
 * then each zone's, from its "zone NAME [LINK]..." line on.
 */
struct config {
	struct settings set;
	int nrules;
	struct rule *rules;
	int lines;		/* that say something: none is an empty file */
	int nzones;
	struct config_zone *zones;
};

#define DEFAULT_ZONE	"default"

/* A zone's name: 1 to 15 letters, digits and "_.-" (as the module says). */
bool zone_name_valid(const char *s);
/*
 * A zone's interface by index, "if:N" (no interface's name has a colon):
 * N, 1 to INT_MAX; 0 when @s is a name; -1 when it is "if:" and no index.
 */
long zone_link_index(const char *s);
/* What a zone's interface is: 0, or -1 and why in @err. */
int zone_link_check(const char *s, char *err, size_t len);

#define MAX_WORDS	32	/* on a line of a configuration */

/* 0, or -1 and @err: then @c holds nothing to free. */
int config_parse(const char *text, struct config *c, char *err);
void config_free(struct config *c);

/* Split @line into words, in place; at most @max. */
int split_words(char *line, char **argv, int max);

#endif
