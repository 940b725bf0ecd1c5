// SPDX-License-Identifier: GPL-2.0
/*
 * icmpxctl: configure icmpx and read its counters over generic netlink.
 * The command table, the options before a command, and what commands
 * share: errors, arguments, the connection to the kernel.
 *
 * Exit status: 0 done, 1 an error (the kernel's message is shown),
 * 2 a usage error.
 */
#define _GNU_SOURCE	/* setns() */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/icmpx.h>

#include "ctl.h"
#include "json.h"

bool json;
const char *zone;
struct nl nl;
char nlbuf[65536];

static const struct cmd *current;

int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("icmpxctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (current)
		fprintf(stderr, "see: icmpxctl %s --help\n", current->name);
	return EXIT_USAGE;
}

int nl_error(const char *what)
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

int connect_kernel(void)
{
	return nl_open(&nl) ? 1 : 0;
}

int simple(uint8_t cmd, const char *what)
{
	struct nlmsghdr *nlh;

	if (connect_kernel())
		return 1;
	nlh = nl_request(&nl, nlbuf, cmd, NLM_F_ACK);
	if (nl_talk(&nl, nlh, NULL, NULL))
		return nl_error(what);
	return 0;
}

void put_zone(struct nlmsghdr *nlh, uint16_t type)
{
	if (zone)
		mnl_attr_put_strz(nlh, type, zone);
}

const char *addr_str(int family, const void *addr, char *buf)
{
	return inet_ntop(family == ICMPX_FAMILY_IPV6 ? AF_INET6 : AF_INET, addr,
			 buf, INET6_ADDRSTRLEN);
}

/* ---- arguments ---------------------------------------------------------- */

static void cmd_usage(FILE *f, const struct cmd *c, const char *first);

#define MAX_LONGS	8

/*
 * What getopt_long() refused, named as it was written.  An unknown long
 * option is the last "--" word read; optopt is set for a short one, and
 * for a long one given a value it does not take, whose val it is.
 */
static void bad_option(char **argv, const struct option *longs)
{
	const char *w;
	size_t n;
	int i;

	for (i = optind - 1; optopt && i > 0; i--) {
		w = argv[i];
		if (strncmp(w, "--", 2) || !strchr(w, '='))
			continue;
		n = strcspn(w + 2, "=");
		for (; longs->name; longs++)
			if (longs->val == optopt && longs->has_arg == no_argument &&
			    strlen(longs->name) == n && !strncmp(longs->name, w + 2, n)) {
				fprintf(stderr, "icmpxctl: --%s takes no value\n",
					longs->name);
				return;
			}
		break;
	}
	if (optopt) {
		fprintf(stderr, "icmpxctl: unknown option '-%c'\n", optopt);
		return;
	}
	for (i = optind - 1; i > 0 && strncmp(argv[i], "--", 2); i--)
		;
	w = i > 0 ? argv[i] : "?";
	fprintf(stderr, "icmpxctl: unknown option '%.*s'\n",
		(int)strcspn(w, "="), w);
}

const char *opt_typed(char **argv)
{
	static char name[32];
	const char *w = optarg == argv[optind - 1] ? argv[optind - 2] : argv[optind - 1];

	/* "-c3": "-c"; "--count=3", "--count 3": "--count". */
	snprintf(name, sizeof(name), "%.*s", w[1] == '-' ? (int)strcspn(w, "=") : 2, w);
	return name;
}

int cmd_opt(int argc, char **argv, const char *shorts,
	    const struct option *longs, bool posix)
{
	struct option all[MAX_LONGS + 2];
	char opts[32];
	size_t n = 0;
	int c;

	/* "+": no operand moves; ":": a missing value is told apart. */
	snprintf(opts, sizeof(opts), "%s:%sh", posix ? "+" : "", shorts);
	for (; longs && longs[n].name && n < MAX_LONGS; n++)
		all[n] = longs[n];
	all[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	all[n] = (struct option){ NULL, 0, NULL, 0 };
	opterr = 0;
	c = getopt_long(argc, argv, opts, all, NULL);
	switch (c) {
	case 'h':
		cmd_usage(stdout, current, "usage: ");
		return 'h';
	case ':':
		usage_error("%s needs a value", opt_name(argv));
		return '?';
	case '?':
		bad_option(argv, all);
		if (current)
			fprintf(stderr, "see: icmpxctl %s --help\n", current->name);
		return '?';
	}
	return c;
}

/* After ':' the option is the last word read. */
const char *opt_name(char **argv)
{
	return argv[optind - 1];
}

int no_options(int argc, char **argv, bool posix)
{
	int opt = cmd_opt(argc, argv, "", NULL, posix);

	return opt == -1 ? -1 : opt == 'h' ? 0 : EXIT_USAGE;
}

int opt_number(const char *name, const char *arg, long min, long max, long *v)
{
	char *end;

	errno = 0;
	*v = arg[0] >= '0' && arg[0] <= '9' ? strtol(arg, &end, 10) : -1;
	if (arg[0] < '0' || arg[0] > '9' || errno || *end || *v < min || *v > max)
		return usage_error("%s needs a number %ld-%ld, not '%s'", name, min,
				   max, arg);
	return 0;
}

int too_many(int argc, char **argv, int max)
{
	if (argc - optind > max)
		return usage_error("unexpected '%s'", argv[optind + max]);
	return 0;
}

/* ---- the commands ------------------------------------------------------- */

static int cmd_help(int argc, char **argv);

static const struct cmd cmds[] = {
	{ "show", cmd_show, "[-a|--all]",
	  "The policy in force: preset, mode, settings, routers, trusted\n"
	  "prefixes, the per-source table's use, and the rules other than\n"
	  "accept or changed from the preset (marked *); --all lists every\n"
	  "type's rule.", true, true },
	{ "stats", cmd_stats, "[-4|-6] [--prometheus] [TYPE]",
	  "Counters: totals, drops and malformed messages by reason, events, and\n"
	  "each type that received anything (or the TYPE given, by name or number).\n"
	  "--prometheus prints the text exposition format, for node_exporter's\n"
	  "textfile collector.", true, true },
	{ "set", cmd_set, "KEY VALUE [KEY VALUE]...",
	  "Change settings, all in one request:\n"
	  "  mode enforce|monitor|off\n"
	  "  source-quench drop|accept\n"
	  "  redirect drop|validate|accept\n"
	  "  router-adv accept|drop|allow\n"
	  "  validate-errors on|off\n"
	  "  routers ROUTER[,ROUTER]...|none\n"
	  "      (the routers router-adv allow accepts: ADDR on any link, or\n"
	  "      ADDR%LINK on the interface LINK only; 8 per family)\n"
	  "  trusted PREFIX[,PREFIX]...|none\n"
	  "      (sources no limit holds: a monitoring system; PREFIX is ADDR\n"
	  "      or ADDR/LEN, 8 per family)", false, true },
	{ "preset", cmd_preset, "host|router|strict|permissive",
	  "Start again from a preset: every setting and rule becomes the preset's.", false,
	  true },
	{ "rule", cmd_rule,
	  "add [-4|-6] TYPE [code N] accept|drop [force] [unless-trusted]\n"
	  "add [-4|-6] TYPE [code N] limit RATE[/s] [burst N]\n"
	  "    [global | per-source [/PREFIX] [/PREFIX6]] [force]\n"
	  "del [-4|-6] TYPE [code N]",
	  "Set the rule of a type (by name or number), or of one of its codes.\n"
	  "Without -4 or -6 a type name applies in every family that has it;\n"
	  "'icmpxctl help types' lists the names.\n"
	  "limit: RATE messages a second, BURST at once (default: RATE), counted\n"
	  "globally (default) or per source cut to PREFIX bits (/32 and /64 by\n"
	  "default; without -4/-6, a first /N up to 32 is IPv4's, the next IPv6's).\n"
	  "force: drop or limit even what a host must keep: frag-needed and\n"
	  "packet-too-big (path MTU discovery), and what RFC 4890 4.4.1 lists\n"
	  "(neighbor discovery, MLD, SEND, multicast router discovery; never\n"
	  "dropped: ICMPv6 errors, echo).  Without it such a rule is refused.\n"
	  "unless-trusted: a drop rule the trusted sources (set trusted) pass.\n"
	  "source-quench, redirect and router advertisements follow their\n"
	  "settings: rules on them are refused.\n"
	  "rule del gives a type back its preset's rule, or removes a code rule.", false,
	  true },
	{ "sources", cmd_sources, "[--top N]\nflush",
	  "The per-source table's heaviest sources (64, or N), each with the\n"
	  "zone whose rule it is of (-z: that zone's only), or empty it.\n"
	  "Needs CAP_NET_ADMIN: it holds the addresses of whoever sent.", true, true },
	{ "reset", cmd_reset, "",
	  "Start every counter again from zero, or a zone's (-z).", false, true },
	{ "monitor", cmd_monitor, "[-c|--count COUNT]",
	  "Print events as they happen: source quench dropped, redirect\n"
	  "rejected, limiter engaged; at most 20 a second (the rest are counted\n"
	  "as suppressed).  -c: stop after COUNT events.  Needs CAP_NET_ADMIN.", true, false },
	{ "apply", cmd_apply, "[-c|--check] FILE|-",
	  "Put a whole configuration in force, all of it or none: its preset\n"
	  "(host if none), then its settings and rules, and each zone's.  The\n"
	  "file holds lines \"preset NAME\", \"set KEY VALUE\", \"rule add ...\"\n"
	  "and \"zone NAME [LINK]...\" (the lines after it are that zone's), as\n"
	  "save writes.  Zones the file does not name are deleted.\n"
	  "What the file leaves as it is keeps its state: a limiter's bucket,\n"
	  "its sources, the counters.  An empty file is refused.\n"
	  "--check: have the module check it all, and change nothing.", false, false },
	{ "zone", cmd_zone, "[list]\nadd NAME [LINK|if:INDEX]...\nset NAME [LINK|if:INDEX]...\ndel NAME\nflush",
	  "Zones: a policy for some interfaces, named (an interface deleted\n"
	  "and made again returns to its zone) or by index, if:INDEX (that\n"
	  "interface while it lives, renamed or not; its index wins over\n"
	  "another zone's name).  Every interface no zone has\n"
	  "is in the zone \"default\", the namespace's policy without zones.  add\n"
	  "makes a zone with the module parameters' policy; set replaces its\n"
	  "interfaces; del returns them to the default zone; flush deletes\n"
	  "every zone but the default.  A name: letters, digits and \"_.-\", at\n"
	  "most 15.  -z ZONE before show, stats, set, preset, rule, reset or\n"
	  "sources reads or changes that zone's.", true, false },
	{ "save", cmd_save, "",
	  "Print the configuration in force as apply reads it, every zone's.", false, false },
	{ "help", cmd_help, "[COMMAND|types]",
	  "Help on icmpxctl or one command; 'types' lists the type names\n"
	  "(family, number, name; aliases too).", true, false },
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

/* Each line of @c's usage, the first after @first, as "icmpxctl NAME ...". */
static void cmd_usage_lines(FILE *f, const struct cmd *c, const char *first,
			    const char *indent)
{
	const char *u = c->usage, *pre = first;
	int n;

	do {
		n = strcspn(u, "\n");
		if (u[0] == ' ')
			fprintf(f, "%*s%.*s\n", (int)(strlen(indent) + strlen(c->name) + 1),
				"", n, u);
		else
			fprintf(f, "%s%s%s%.*s\n", pre, c->name, n ? " " : "", n, u);
		pre = indent;
		u += n;
	} while (*u++);
}

static void cmd_usage(FILE *f, const struct cmd *c, const char *first)
{
	cmd_usage_lines(f, c, first ? "usage: icmpxctl " : "", "       icmpxctl ");
	fprintf(f, "\n%s\n", c->help);
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: icmpxctl [-j|--json] [-p|--pretty] [-n|--netns NETNS] [-z|--zone ZONE]\n"
		"                COMMAND [ARGUMENTS]\n\n"
		"Configure icmpx, the kernel's inbound ICMP policy, and read its counters.\n\n");
	for (i = 0; i < NCMDS; i++)
		cmd_usage_lines(f, &cmds[i], "  ", "  ");
	fprintf(f, "\nWithout a command: show.  -j: JSON output of show, stats, sources,\n"
		"monitor, zone and help types; -p: the same, indented.  -n: in the\n"
		"network namespace NETNS (a name of ip netns).  -z: the zone ZONE's\n"
		"policy or counters (show, stats, set, preset, rule, reset).\n"
		"icmpxctl COMMAND --help says more.  Exit status: 0 done, 1 error,\n"
		"2 usage error.  See icmpxctl(8).\n");
}

static const struct cmd *find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < NCMDS; i++)
		if (!strcmp(cmds[i].name, name))
			return &cmds[i];
	return NULL;
}

/* "FAMILY NUMBER NAME" a line, aliases after each type's own name. */
static void help_types(void)
{
	const struct type_alias *a;
	struct json j;
	int f, t;

	json_init(&j, stdout);
	if (json)
		json_open(&j, NULL, '[');
	for (f = 0; f < NFAMILY; f++) {
		for (t = 0; t < 256; t++) {
			if (!type_name(f, t))
				continue;
			for (a = NULL; !a || a->name; a = a ? a + 1 : type_aliases) {
				const char *name = a ? a->name : type_name(f, t);

				if (a && (a->family != f || a->type != t))
					continue;
				if (!json) {
					printf("%s %d %s\n", family_name(f), t, name);
					continue;
				}
				json_open(&j, NULL, '{');
				json_str(&j, "family", family_name(f));
				json_int(&j, "type", t);
				json_str(&j, "name", name);
				json_bool(&j, "alias", a);
				json_close(&j, '}');
			}
		}
	}
	if (json) {
		json_close(&j, ']');
		json_end(&j);
	}
}

static int cmd_help(int argc, char **argv)
{
	const struct cmd *c;
	int ret;

	ret = no_options(argc, argv, false);
	if (ret >= 0)
		return ret;
	if (too_many(argc, argv, 1))
		return EXIT_USAGE;
	if (optind == argc) {
		if (json)
			return usage_error("-j is for help types");
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[optind], "types")) {
		help_types();
		return 0;
	}
	if (json)
		return usage_error("-j is for help types");
	c = find_cmd(argv[optind]);
	if (!c)
		return usage_error("no command '%s'", argv[optind]);
	cmd_usage(stdout, c, "usage: ");
	return 0;
}

/* -n NETNS: as ip -n, a name under /run/netns. */
static int enter_netns(const char *name)
{
	char path[PATH_MAX];
	int fd;

	if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..")) {
		fprintf(stderr, "icmpxctl: '%s' is not a network namespace's name\n", name);
		return EXIT_USAGE;
	}
	snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "icmpxctl: network namespace '%s': %s\n", name,
			strerror(errno));
		return 1;
	}
	if (setns(fd, CLONE_NEWNET)) {
		fprintf(stderr, "icmpxctl: network namespace '%s': %s%s\n", name,
			strerror(errno),
			errno == EPERM ? " (entering one needs CAP_SYS_ADMIN)" : "");
		close(fd);
		return 1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "netns", required_argument, NULL, 'n' },
		{ "zone", required_argument, NULL, 'z' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static char *show[] = { "show", NULL };
	const char *netns = NULL;
	const struct cmd *c;
	int opt, ret;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:jpn:z:hV", longs, NULL)) != -1) {
		switch (opt) {
		case 'p':
			json_pretty = true;
			/* fall through */
		case 'j':
			json = true;
			break;
		case 'n':
			if (netns) {
				fprintf(stderr, "icmpxctl: -n given twice\n");
				return EXIT_USAGE;
			}
			netns = optarg;
			break;
		case 'z':
			if (zone) {
				fprintf(stderr, "icmpxctl: -z given twice\n");
				return EXIT_USAGE;
			}
			zone = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("icmpxctl %s (netlink family %s version %d)\n", ICMPX_VERSION,
			       ICMPX_FAMILY_NAME, ICMPX_FAMILY_VERSION);
			return 0;
		case ':':
			fprintf(stderr, "icmpxctl: %s needs a value\n", argv[optind - 1]);
			return EXIT_USAGE;
		default:
			bad_option(argv, longs);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind == argc) {
		argv = show;
		argc = 1;
	} else {
		argv += optind;
		argc -= optind;
	}
	c = find_cmd(argv[0]);
	if (!c) {
		fprintf(stderr, "icmpxctl: no command '%s'\n", argv[0]);
		usage(stderr);
		return EXIT_USAGE;
	}
	current = c;
	if (json && !c->json && !(argc > 1 && (!strcmp(argv[1], "--help") ||
						    !strcmp(argv[1], "-h"))))
		return usage_error("-j is for show, stats, sources, monitor, zone and help types");
	if (zone && !c->zone && !(argc > 1 && (!strcmp(argv[1], "--help") ||
						    !strcmp(argv[1], "-h"))))
		return usage_error("-z is for show, stats, set, preset, rule, reset and sources");
	if (netns) {
		ret = enter_netns(netns);
		if (ret)
			return ret;
	}
	signal(SIGPIPE, SIG_DFL);
	optind = 0;	/* each command's options from its own start */
	ret = c->fn(argc, argv);
	nl_close(&nl);
	return ret;
}
