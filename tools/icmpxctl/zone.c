// SPDX-License-Identifier: GPL-2.0
/*
 * icmpxctl zone: the zones of a namespace and the interfaces each names.
 */
#include <stdio.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/icmpx.h>
#include <net/if.h>

#include "ctl.h"
#include "json.h"

struct zones_out {
	struct json j;
};

static int zone_cb(const struct nlmsghdr *nlh, void *data)
{
	struct zones_out *o = data;
	const struct nlattr *a;
	const char *name = NULL;
	int n = 0;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == ICMPX_A_ZONE_NAME)
			name = mnl_attr_get_str(a);
	if (!name)
		return MNL_CB_OK;
	if (json) {
		json_open(&o->j, NULL, '{');
		json_str(&o->j, "name", name);
		json_open(&o->j, "links", '[');
	} else {
		printf("%s", name);
	}
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) != ICMPX_A_ZONE_LINK)
			continue;
		if (json)
			json_str(&o->j, NULL, mnl_attr_get_str(a));
		else
			printf(" %s", mnl_attr_get_str(a));
		n++;
	}
	if (json) {
		json_close(&o->j, ']');
		json_close(&o->j, '}');
	} else {
		if (!strcmp(name, "default"))
			printf(" (every interface no other zone names)");
		else if (!n)
			printf(" (no interfaces)");
		printf("\n");
	}
	return MNL_CB_OK;
}

static int zone_list(void)
{
	struct zones_out o;
	struct nlmsghdr *nlh;
	int ret;

	if (connect_kernel())
		return 1;
	nlh = nl_request(&nl, nlbuf, ICMPX_CMD_GET_ZONE, NLM_F_DUMP);
	json_init(&o.j, stdout);
	if (json)
		json_open(&o.j, NULL, '[');
	ret = nl_talk(&nl, nlh, zone_cb, &o) ? nl_error("reading the zones") : 0;
	if (json) {
		json_close(&o.j, ']');
		json_end(&o.j);
	}
	return ret;
}

/* zone add|set NAME [LINK]..., zone del NAME. */
static int zone_change(uint8_t cmd, const char *what, int argc, char **argv)
{
	struct nlmsghdr *nlh;
	int i;

	if (optind + 1 >= argc)
		return usage_error("zone %s needs a zone's name", what);
	if (cmd == ICMPX_CMD_DEL_ZONE && too_many(argc, argv, 2))
		return EXIT_USAGE;
	if (argc - optind - 2 > ICMPX_ZONE_LINKS_MAX)
		return usage_error("a zone names at most %d interfaces",
				   ICMPX_ZONE_LINKS_MAX);
	for (i = optind + 1; i < argc; i++)
		if (!argv[i][0] || strlen(argv[i]) > ICMPX_LINK_LEN)
			return usage_error("'%s' is not %s's name", argv[i],
					   i == optind + 1 ? "a zone" : "an interface");
	if (connect_kernel())
		return 1;
	nlh = nl_request(&nl, nlbuf, cmd, NLM_F_ACK);
	mnl_attr_put_strz(nlh, ICMPX_A_ZONE_NAME, argv[optind + 1]);
	for (i = optind + 2; i < argc; i++)
		mnl_attr_put_strz(nlh, ICMPX_A_ZONE_LINK, argv[i]);
	if (nl_talk(&nl, nlh, NULL, NULL)) {
		char w[64];

		snprintf(w, sizeof(w), "zone %s %s", what, argv[optind + 1]);
		return nl_error(w);
	}
	return 0;
}

int cmd_zone(int argc, char **argv)
{
	int ret = no_options(argc, argv, true);
	const char *verb;

	if (ret >= 0)
		return ret;
	verb = optind < argc ? argv[optind] : "list";
	if (!strcmp(verb, "list")) {
		if (too_many(argc, argv, optind < argc ? 1 : 0))
			return EXIT_USAGE;
		return zone_list();
	}
	if (json)
		return usage_error("-j is for zone list");
	if (!strcmp(verb, "add"))
		return zone_change(ICMPX_CMD_NEW_ZONE, "add", argc, argv);
	if (!strcmp(verb, "set"))
		return zone_change(ICMPX_CMD_SET_ZONE, "set", argc, argv);
	if (!strcmp(verb, "del"))
		return zone_change(ICMPX_CMD_DEL_ZONE, "del", argc, argv);
	return usage_error("zone list, add, set or del, not '%s'", verb);
}
