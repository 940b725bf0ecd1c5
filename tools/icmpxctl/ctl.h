/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What icmpxctl's commands share: the connection to the kernel, the
 * output mode, argument handling and errors.  main.c holds the command
 * table; show.c, set.c, stats.c and sources.c the commands.
 */
#ifndef ICMPXCTL_CTL_H
#define ICMPXCTL_CTL_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>

#include "args.h"
#include "nl.h"

#define EXIT_USAGE	2

extern bool json;		/* -j, or -p */
extern const char *zone;	/* -z: the zone a request is for */
extern struct nl nl;
extern char nlbuf[65536];	/* a request: apply may carry many rules */

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;	/* one line each form, as --help prints it */
	const char *help;
	bool json;		/* -j means something to it */
	bool zone;		/* -z means something to it */
};

/* A usage error of the command being run, with its usage: EXIT_USAGE. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The kernel said no: its words when it gave some.  Returns 1. */
int nl_error(const char *what);
int connect_kernel(void);
/* A request without attributes that only needs its ack. */
int simple(uint8_t cmd, const char *what);
const char *addr_str(int family, const void *addr, char *buf);
/* -z ZONE in a request, as its attribute @type. */
void put_zone(struct nlmsghdr *nlh, uint16_t type);

/*
 * The next option of the command being run, by getopt_long() over its
 * arguments (argv[0] is the command's name), with --help and -h added:
 * the option, -1 when the options are over (optind: the first operand),
 * 'h' when the command's help was printed, or '?' when a message was.
 * @posix: options stop at the first operand (rule: "-4" is a word of it).
 */
int cmd_opt(int argc, char **argv, const char *shorts,
	    const struct option *longs, bool posix);
/*
 * A command that takes no option: -1 to go on to its operands, or the
 * status to exit with (0 after its --help, 2 after a bad option).
 */
int no_options(int argc, char **argv, bool posix);
/* After cmd_opt()'s ':', the option as it was written: "-c", "--count". */
const char *opt_name(char **argv);
/* After an option with its value, the option as written: "-c", "--count". */
const char *opt_typed(char **argv);
/* The value of a numeric option within [min, max], or a usage error. */
int opt_number(const char *name, const char *arg, long min, long max, long *v);
/* Operands beyond @max: "unexpected 'X'". */
int too_many(int argc, char **argv, int max);

/* The policy in force, read back. */
struct kconfig {
	int mode, preset, source_quench, redirect, router_adv, validate_errors;
	int nrouters;
	struct router routers[MAX_ROUTERS];
	int ntrusted;
	struct prefix trusted[MAX_TRUSTED];
	uint32_t sources, sources_max;
};

struct rule_list {
	int n;
	struct rule *rules;
};

int get_config(struct kconfig *c);
int get_policy(struct kconfig *c, struct rule_list *l);
/*
 * The policy of the zone named (NULL: the default zone) as settings and
 * the rules apply would give it: those the preset does not make.
 */
int policy_read(const char *zone_name, struct settings *s, struct rule_list *l);

/* The zones, the default one first, as the kernel has them. */
struct kzones {
	int n;
	struct config_zone z[ICMPX_ZONES_MAX];
};

/* Read with get-zone; NULL once nl_error() has said why.  free() it. */
struct kzones *zones_read(void);
/* A zone request refused: "zone VERB NAME: the kernel's words".  1. */
int zone_failed(const char *verb, const char *name);
/* A zone request: new-zone, set-zone with @links, or del-zone. */
int zone_send(uint8_t cmd, const char *name,
	      const char (*links)[ICMPX_LINK_LEN + 1], int nlinks);

int cmd_show(int argc, char **argv);
int cmd_save(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_preset(int argc, char **argv);
int cmd_rule(int argc, char **argv);
int cmd_apply(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_reset(int argc, char **argv);
int cmd_sources(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_zone(int argc, char **argv);

#endif
