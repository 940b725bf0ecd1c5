// SPDX-License-Identifier: GPL-2.0
/*
 * icmpxctl zone: the zones of a namespace and the interfaces each names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/icmpx.h>
#include <net/if.h>

#include "ctl.h"
#include "json.h"

static int zone_cb(const struct nlmsghdr *nlh, void *data)
{
	struct kzones *zs = data;
	struct config_zone *z;
	const struct nlattr *a;

	if (zs->n == ICMPX_ZONES_MAX)
		return MNL_CB_OK;
	z = &zs->z[zs->n];
	memset(z, 0, sizeof(*z));
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		/* Names first, then indexes, as if:N. */
		if (mnl_attr_get_type(a) == ICMPX_A_ZONE_IFINDEX &&
		    !mnl_attr_validate(a, MNL_TYPE_U32) &&
		    z->nlinks < ICMPX_ZONE_LINKS_MAX) {
			snprintf(z->links[z->nlinks++], sizeof(z->links[0]), "if:%u",
				 mnl_attr_get_u32(a));
			continue;
		}
		if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) ||
		    mnl_attr_get_payload_len(a) > ICMPX_LINK_LEN + 1)
			continue;
		if (mnl_attr_get_type(a) == ICMPX_A_ZONE_NAME)
			strcpy(z->name, mnl_attr_get_str(a));
		else if (mnl_attr_get_type(a) == ICMPX_A_ZONE_LINK &&
			 z->nlinks < ICMPX_ZONE_LINKS_MAX)
			strcpy(z->links[z->nlinks++], mnl_attr_get_str(a));
	}
	if (z->name[0])
		zs->n++;
	return MNL_CB_OK;
}

struct kzones *zones_read(void)
{
	struct kzones *zs = calloc(1, sizeof(*zs));
	struct nlmsghdr *nlh;

	if (!zs) {
		fprintf(stderr, "icmpxctl: reading the zones: out of memory\n");
		return NULL;
	}
	nlh = nl_request(&nl, nlbuf, ICMPX_CMD_GET_ZONE, NLM_F_DUMP);
	if (nl_talk(&nl, nlh, zone_cb, zs)) {
		nl_error("reading the zones");
		free(zs);
		return NULL;
	}
	return zs;
}

static int zone_list(void)
{
	const struct config_zone *z;
	struct kzones *zs;
	struct json j;
	int i, k;

	if (connect_kernel())
		return 1;
	zs = zones_read();
	if (!zs)
		return 1;
	json_init(&j, stdout);
	if (json)
		json_open(&j, NULL, '[');
	for (i = 0; i < zs->n; i++) {
		z = &zs->z[i];
		if (json) {
			json_open(&j, NULL, '{');
			json_str(&j, "name", z->name);
			json_open(&j, "links", '[');
			for (k = 0; k < z->nlinks; k++)
				json_str(&j, NULL, z->links[k]);
			json_close(&j, ']');
			json_close(&j, '}');
			continue;
		}
		printf("%s", z->name);
		for (k = 0; k < z->nlinks; k++)
			printf(" %s", z->links[k]);
		if (!strcmp(z->name, DEFAULT_ZONE))
			printf(" (every interface no other zone names)");
		else if (!z->nlinks)
			printf(" (no interfaces)");
		printf("\n");
	}
	if (json) {
		json_close(&j, ']');
		json_end(&j);
	}
	free(zs);
	return 0;
}

int zone_failed(const char *verb, const char *name)
{
	char what[64];

	snprintf(what, sizeof(what), "zone %s %s", verb, name);
	return nl_error(what);
}

int zone_send(uint8_t cmd, const char *name,
	      const char (*links)[ICMPX_LINK_LEN + 1], int nlinks)
{
	struct nlmsghdr *nlh = nl_request(&nl, nlbuf, cmd, NLM_F_ACK);
	int i;

	mnl_attr_put_strz(nlh, ICMPX_A_ZONE_NAME, name);
	for (i = 0; i < nlinks; i++) {
		if (zone_link_index(links[i]) > 0)
			mnl_attr_put_u32(nlh, ICMPX_A_ZONE_IFINDEX,
					 zone_link_index(links[i]));
		else
			mnl_attr_put_strz(nlh, ICMPX_A_ZONE_LINK, links[i]);
	}
	return nl_talk(&nl, nlh, NULL, NULL);
}

/* zone add|set NAME [LINK | if:INDEX]..., zone del NAME. */
static int zone_change(uint8_t cmd, const char *what, int argc, char **argv)
{
	char links[ICMPX_ZONE_LINKS_MAX][ICMPX_LINK_LEN + 1], why[ERRLEN];
	int i;

	if (optind + 1 >= argc)
		return usage_error("zone %s needs a zone's name", what);
	if (cmd == ICMPX_CMD_DEL_ZONE && too_many(argc, argv, 2))
		return EXIT_USAGE;
	if (argc - optind - 2 > ICMPX_ZONE_LINKS_MAX)
		return usage_error("a zone names at most %d interfaces",
				   ICMPX_ZONE_LINKS_MAX);
	if (!argv[optind + 1][0] || strlen(argv[optind + 1]) > ICMPX_LINK_LEN)
		return usage_error("'%s' is not a zone's name", argv[optind + 1]);
	for (i = optind + 2; i < argc; i++)
		if (zone_link_check(argv[i], why, sizeof(why)))
			return usage_error("%s", why);
	if (connect_kernel())
		return 1;
	for (i = optind + 2; i < argc; i++)
		snprintf(links[i - optind - 2], sizeof(links[0]), "%s", argv[i]);
	if (zone_send(cmd, argv[optind + 1], links, argc - optind - 2))
		return zone_failed(what, argv[optind + 1]);
	return 0;
}

/* zone flush: every zone but the default deleted. */
static int zone_flush(void)
{
	struct kzones *zs;
	int i, ret = 0;

	if (connect_kernel())
		return 1;
	zs = zones_read();
	if (!zs)
		return 1;
	for (i = 0; i < zs->n && !ret; i++)
		if (strcmp(zs->z[i].name, DEFAULT_ZONE) &&
		    zone_send(ICMPX_CMD_DEL_ZONE, zs->z[i].name, NULL, 0))
			ret = zone_failed("flush: del", zs->z[i].name);
	free(zs);
	return ret;
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
	if (!strcmp(verb, "flush"))
		return too_many(argc, argv, 1) ? EXIT_USAGE : zone_flush();
	return usage_error("zone list, add, set, del or flush, not '%s'", verb);
}
