// SPDX-License-Identifier: GPL-2.0
/*
 * icmpxctl sources and monitor: who sends, and what happens as it does.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/icmpx.h>

#include "ctl.h"
#include "json.h"

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
	uint64_t passed, dropped;
	const char *zname;
	int f, type, plen;

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
	/* An entry of a zone deleted meanwhile has no name. */
	zname = tb[ICMPX_A_SOURCE_ZONE] &&
		!mnl_attr_validate(tb[ICMPX_A_SOURCE_ZONE], MNL_TYPE_NUL_STRING) ?
		mnl_attr_get_str(tb[ICMPX_A_SOURCE_ZONE]) : "-";
	if (json) {
		json_open(&o->j, NULL, '{');
		json_str(&o->j, "family", family_name(f));
		json_str(&o->j, "address", addr);
		json_int(&o->j, "prefix", plen);
		json_int(&o->j, "type", type);
		json_str(&o->j, "name", type_name(f, type) ?: "unknown");
		json_u64(&o->j, "passed", passed);
		json_u64(&o->j, "dropped", dropped);
		if (tb[ICMPX_A_SOURCE_ZONE])
			json_str(&o->j, "zone", zname);
		else
			json_null(&o->j, "zone");
		json_close(&o->j, '}');
	} else {
		if (!o->n)
			printf("%-4s %-44s %-24s %12s %12s  %s\n", "", "source", "type",
			       "passed", "dropped", "zone");
		snprintf(label, sizeof(label), "%s/%d", addr, plen);
		printf("%-4s %-44s %-24s %12" PRIu64 " %12" PRIu64 "  %s\n",
		       family_name(f), label, type_name(f, type) ?: "unknown",
		       passed, dropped, zname);
	}
	o->n++;
	return MNL_CB_OK;
}

int cmd_sources(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "top", required_argument, NULL, 't' }, { NULL, 0, NULL, 0 }
	};
	struct sources_out o = { .n = 0 };
	struct nlmsghdr *nlh;
	bool topped = false;
	long top = 64;
	int opt, ret;

	while ((opt = cmd_opt(argc, argv, "", longs, false)) != -1) {
		if (opt != 't')
			return opt == 'h' ? 0 : EXIT_USAGE;
		if (opt_number(opt_typed(argv), optarg, 1, ICMPX_TOP_MAX, &top))
			return EXIT_USAGE;
		topped = true;
	}
	if (optind < argc && !strcmp(argv[optind], "flush")) {
		if (topped)
			return usage_error("--top is for the list, not flush");
		if (too_many(argc, argv, 1))
			return EXIT_USAGE;
		if (zone)
			return usage_error("sources flush empties every zone's: no -z");
		return simple(ICMPX_CMD_FLUSH_SOURCES, "sources flush");
	}
	if (too_many(argc, argv, 0))
		return EXIT_USAGE;
	if (connect_kernel())
		return 1;
	nlh = nl_request(&nl, nlbuf, ICMPX_CMD_GET_SOURCES, NLM_F_DUMP);
	mnl_attr_put_u32(nlh, ICMPX_A_SOURCE_TOP, top);
	put_zone(nlh, ICMPX_A_SOURCE_ZONE);
	json_init(&o.j, stdout);
	if (json)
		json_open(&o.j, NULL, '[');
	ret = nl_talk(&nl, nlh, sources_cb, &o) ? nl_error("reading the sources") : 0;
	/* The array closed, whatever came of it: JSON, if not all of it. */
	if (json) {
		json_close(&o.j, ']');
		json_end(&o.j);
	} else if (!o.n && !ret) {
		printf("no sources\n");
	}
	return ret;
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

int cmd_monitor(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "count", required_argument, NULL, 'c' }, { NULL, 0, NULL, 0 }
	};
	int opt;

	while ((opt = cmd_opt(argc, argv, "c:", longs, false)) != -1) {
		if (opt != 'c')
			return opt == 'h' ? 0 : EXIT_USAGE;
		if (opt_number(opt_typed(argv), optarg, 1, LONG_MAX, &events_left))
			return EXIT_USAGE;
	}
	if (too_many(argc, argv, 0))
		return EXIT_USAGE;
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
