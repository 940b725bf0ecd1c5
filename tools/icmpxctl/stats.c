// SPDX-License-Identifier: GPL-2.0
/*
 * icmpxctl stats and reset: the counters, as text, JSON or the
 * Prometheus exposition format.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/icmpx.h>

#include "../../icmpx/counters.h"
#include "ctl.h"
#include "json.h"

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
	put_zone(nlh, ICMPX_A_STATS_ZONE);
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

/* One metric's HELP and TYPE lines. */
static void metric(const char *name, const char *type, const char *help)
{
	printf("# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* A gauge of which one label value holds: icmpx_mode{mode="enforce"} 1. */
static void state_set(const char *name, const char *label,
		      const struct word *words, int value, const char *help)
{
	char metric_name[48];

	snprintf(metric_name, sizeof(metric_name), "icmpx_%s", name);
	metric(metric_name, "gauge", help);
	for (; words->name; words++)
		printf("%s{%s=\"%s\"} %d\n", metric_name, label, words->name,
		       words->value == value);
}

/*
 * The Prometheus text format, for node_exporter's textfile collector:
 * counters named for what they count, messages or events, one name for
 * one count (the drops of a type and the drops of a reason are two
 * counts of the same messages, so two names); gauges for the policy's
 * mode and preset and the per-source table.
 */
static int stats_prometheus(void)
{
	static const char *const kname[NCOUNTERS] = {
		"malformed_by_reason_messages", "dropped_by_reason_messages", "events",
	};
	static const char *const khelp[NCOUNTERS] = {
		"ICMP messages malformed, by family and reason.",
		"ICMP messages dropped, by family and reason.",
		"icmpx events, by family and event.",
	};
	static const char *const klabel[NCOUNTERS] = { "reason", "reason", "event" };
	const struct family_stats *s;
	char name[64], help[128];
	struct kconfig c;
	int f, k, i, t;

	if (get_config(&c))
		return 1;
	for (i = 0; i < ICMPX_NCOUNTER; i++) {
		snprintf(name, sizeof(name), "icmpx_%s_messages_total", value_key(i));
		snprintf(help, sizeof(help), "%s, by family and type.", type_counters[i].help);
		metric(name, "counter", help);
		for (f = 0; f < NFAMILY; f++) {
			s = &stats[f];
			for (t = 0; t < 256; t++) {
				if (!s->type_present[t])
					continue;
				printf("%s{family=\"%s\",type=\"%d\",name=\"%s\"} %" PRIu64 "\n",
				       name, family_name(f), t,
				       type_name(f, t) ?: "unknown", s->types[t].v[i]);
			}
		}
	}
	for (k = 0; k < NCOUNTERS; k++) {
		snprintf(name, sizeof(name), "icmpx_%s_total", kname[k]);
		metric(name, "counter", khelp[k]);
		/* One HELP a metric: each event's own, as comments. */
		for (i = 0; k == C_EVENT && i < ICMPX_NEVENT; i++)
			printf("# event %s: %s\n", events[i].name, events[i].help);
		for (f = 0; f < NFAMILY; f++) {
			s = &stats[f];
			for (i = 0; i < s->ncounters[k]; i++)
				printf("%s{family=\"%s\",%s=\"%s\"} %" PRIu64 "\n", name,
				       family_name(f), klabel[k], s->counters[k][i].name,
				       s->counters[k][i].value);
		}
	}
	metric("icmpx_source_table_entries", "gauge",
	       "Entries of the per-source table in use.");
	printf("icmpx_source_table_entries %u\n", c.sources);
	metric("icmpx_source_table_max_entries", "gauge",
	       "Entries the per-source table may hold (sources_max).");
	printf("icmpx_source_table_max_entries %u\n", c.sources_max);
	state_set("mode", "mode", mode_words, c.mode,
		  "The policy's mode: 1 for the one in force.");
	state_set("preset", "preset", preset_words, c.preset,
		  "The preset the policy was built from: 1 for it.");
	return 0;
}

int cmd_stats(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "prometheus", no_argument, NULL, 'P' }, { NULL, 0, NULL, 0 }
	};
	bool prometheus = false;
	unsigned int families = 3;
	int family = -1, t[NFAMILY] = { -1, -1 }, f, opt, ret = 0;
	char err[ERRLEN];

	while ((opt = cmd_opt(argc, argv, "46", longs, false)) != -1) {
		switch (opt) {
		case '4':
		case '6':
			f = opt == '4' ? ICMPX_FAMILY_IPV4 : ICMPX_FAMILY_IPV6;
			if (family >= 0 && family != f)
				return usage_error("-4 and -6: one family, or neither for both");
			family = f;
			break;
		case 'P':
			prometheus = true;
			break;
		default:
			return opt == 'h' ? 0 : EXIT_USAGE;
		}
	}
	if (too_many(argc, argv, 1))
		return EXIT_USAGE;
	if (prometheus && json)
		return usage_error("-j or --prometheus, not both");
	if (family >= 0)
		families = 1u << family;
	if (optind < argc && type_parse(argv[optind], family, t, &families, err))
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
		ret = stats_prometheus();
	else if (json)
		stats_json();
	else
		stats_text();
	return ret;
}

int cmd_reset(int argc, char **argv)
{
	int ret = no_options(argc, argv, false);
	struct nlmsghdr *nlh;

	if (ret >= 0)
		return ret;

	if (too_many(argc, argv, 0))
		return EXIT_USAGE;
	if (connect_kernel())
		return 1;
	nlh = nl_request(&nl, nlbuf, ICMPX_CMD_RESET_STATS, NLM_F_ACK);
	put_zone(nlh, ICMPX_A_STATS_ZONE);
	if (nl_talk(&nl, nlh, NULL, NULL))
		return nl_error("reset");
	return 0;
}
