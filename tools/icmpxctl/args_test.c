// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of icmpxctl's grammar and JSON writer, on the host.
 *
 *   args_test [JSON-FILE]	JSON-FILE: where to write a sample for
 *				cli_test.sh to parse back with python3
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/icmpx.h>

#include "args.h"
#include "json.h"

static int passed, failed;

#define CHECK(cond, ...) do {						\
	if (cond) {							\
		passed++;						\
	} else {							\
		failed++;						\
		printf("FAIL %s:%d: ", __FILE__, __LINE__);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
	}								\
} while (0)

/* Parse a rule from one string of words. */
static int rule_of(const char *text, bool del, struct rule *r, char *err)
{
	char buf[256], *argv[32];
	int argc;

	snprintf(buf, sizeof(buf), "%s", text);
	argc = split_words(buf, argv, 32);
	return rule_parse(argc, argv, del, r, err);
}

static void test_types(void)
{
	unsigned int fams;
	int t[NFAMILY] = { -1, -1 };
	char err[ERRLEN];

	CHECK(!strcmp(type_name(ICMPX_FAMILY_IPV4, 8), "echo-request"), "v4 8");
	CHECK(!strcmp(type_name(ICMPX_FAMILY_IPV6, 128), "echo-request"), "v6 128");
	CHECK(!strcmp(type_name(ICMPX_FAMILY_IPV6, 2), "packet-too-big"), "v6 2");
	CHECK(!type_name(ICMPX_FAMILY_IPV4, 200), "v4 200 has no name");
	CHECK(!type_parse("echo-request", -1, t, &fams, err) && fams == 3 &&
	      t[0] == 8 && t[1] == 128, "echo-request in both");
	CHECK(!type_parse("echo-request", ICMPX_FAMILY_IPV6, t, &fams, err) &&
	      fams == 2 && t[1] == 128, "echo-request -6");
	CHECK(!type_parse("packet-too-big", -1, t, &fams, err) && fams == 2 &&
	      t[1] == 2, "packet-too-big only in v6");
	CHECK(!type_parse("13", ICMPX_FAMILY_IPV4, t, &fams, err) && fams == 1 &&
	      t[0] == 13, "a number with -4");
	CHECK(type_parse("13", -1, t, &fams, err) && strstr(err, "-4 or -6"),
	      "a number without a family: %s", err);
	CHECK(type_parse("256", ICMPX_FAMILY_IPV4, t, &fams, err), "256");
	CHECK(type_parse("echo", -1, t, &fams, err) && strstr(err, "unknown"),
	      "unknown name: %s", err);
}

static void test_rules(void)
{
	char err[ERRLEN] = "";
	struct rule r;

	CHECK(!rule_of("echo-request limit 10/s burst 20 per-source /24", false, &r, err),
	      "issue example: %s", err);
	CHECK(r.families == 3 && r.action == ICMPX_ACTION_LIMIT && r.rate == 10 &&
	      r.burst == 20 && r.scope == ICMPX_SCOPE_SOURCE &&
	      r.prefix[ICMPX_FAMILY_IPV4] == 24 && !r.prefix[ICMPX_FAMILY_IPV6],
	      "issue example fields");
	CHECK(!rule_of("echo-request limit 5 per-source /24 /56", false, &r, err) &&
	      r.prefix[0] == 24 && r.prefix[1] == 56 && !r.burst,
	      "two prefixes: %s", err);
	CHECK(!rule_of("-6 echo-request limit 5/s per-source /48", false, &r, err) &&
	      r.prefix[1] == 48 && r.families == 2, "-6 prefix: %s", err);
	CHECK(rule_of("-4 echo-request limit 5/s per-source /33", false, &r, err),
	      "/33 for IPv4");
	CHECK(!rule_of("-4 3 code 4 drop force", false, &r, err) && r.code == 4 &&
	      r.force && r.type[0] == 3 && r.action == ICMPX_ACTION_DROP,
	      "code rule: %s", err);
	CHECK(!rule_of("-4 13 drop unless-trusted", false, &r, err) && r.unless_trusted &&
	      !r.force, "unless-trusted: %s", err);
	CHECK(!rule_of("-6 128 drop unless-trusted force", false, &r, err) &&
	      r.unless_trusted && r.force, "unless-trusted force: %s", err);
	CHECK(rule_of("-4 13 drop unless-trusted unless-trusted", false, &r, err) &&
	      strstr(err, "unless-trusted given twice"), "twice: %s", err);
	CHECK(rule_of("-4 13 unless-trusted", false, &r, err) &&
	      strstr(err, "unknown action"), "no action: %s", err);
	CHECK(!rule_of("ipv6 1 accept", false, &r, err) && r.code == -1 &&
	      r.families == 2, "ipv6 keyword: %s", err);
	CHECK(rule_of("echo-request", false, &r, err) && strstr(err, "action"),
	      "missing action: %s", err);
	CHECK(rule_of("echo-request limit", false, &r, err) && strstr(err, "rate"),
	      "missing rate: %s", err);
	CHECK(rule_of("echo-request limit 0/s", false, &r, err), "rate 0");
	CHECK(rule_of("echo-request limit 1000000001/s", false, &r, err), "rate too big");
	CHECK(rule_of("echo-request limit 10/min", false, &r, err), "per minute");
	CHECK(rule_of("echo-request limit 10/s burst 0", false, &r, err), "burst 0");
	CHECK(rule_of("echo-request drop burst 3", false, &r, err) &&
	      strstr(err, "unexpected"), "burst after drop: %s", err);
	CHECK(rule_of("echo-request limit 10/s /24", false, &r, err), "stray prefix");
	CHECK(rule_of("echo-request limit 10/s global /24", false, &r, err),
	      "prefix of a global limit");
	CHECK(rule_of("echo-request frobnicate", false, &r, err) &&
	      strstr(err, "unknown action"), "bad action: %s", err);
	CHECK(!rule_of("-4 3 code 4", true, &r, err) && r.code == 4, "del: %s", err);
	CHECK(rule_of("-4 3 drop", true, &r, err), "del with an action");
	CHECK(rule_of("-4 3 code 256 drop", false, &r, err), "code 256");
}

/* What save writes, apply reads back to the same rule. */
static void test_round_trip(void)
{
	static const char *const rules[] = {
		"-4 echo-request limit 50/s burst 10 per-source /24",
		"-6 echo-request limit 10/s burst 20 per-source /56",
		"-4 destination-unreachable code 4 drop force",
		"-4 200 drop",
		"-6 packet-too-big limit 7/s burst 7 global",
		"-4 timestamp-request drop unless-trusted",
		"-6 echo-request drop force unless-trusted",
	};
	char line[160], err[ERRLEN];
	struct rule r, back;
	size_t i;
	int f;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		CHECK(!rule_of(rules[i], false, &r, err), "%s: %s", rules[i], err);
		f = r.families == 2 ? 1 : 0;
		rule_format(&r, f, line, sizeof(line));
		CHECK(!strcmp(line, rules[i]), "format: got '%s', want '%s'", line,
		      rules[i]);
		CHECK(!rule_of(line, false, &back, err) &&
		      !memcmp(&back, &r, sizeof(r)), "round trip of %s", rules[i]);
	}
}

static void test_settings(void)
{
	char buf[128], *argv[16], err[ERRLEN];
	struct settings s;
	int argc;

	settings_init(&s);
	snprintf(buf, sizeof(buf), "redirect validate mode monitor validate-errors off");
	argc = split_words(buf, argv, 16);
	CHECK(!set_parse(argc, argv, &s, err) && s.redirect == ICMPX_REDIRECT_VALIDATE &&
	      s.mode == ICMPX_MODE_MONITOR && s.validate_errors == 0 &&
	      s.router_adv == -1 && s.nrouters == -1, "settings: %s", err);
	snprintf(buf, sizeof(buf), "redirect sometimes");
	argc = split_words(buf, argv, 16);
	CHECK(set_parse(argc, argv, &s, err) &&
	      strstr(err, "drop, validate or accept"), "bad value: %s", err);
	snprintf(buf, sizeof(buf), "colour blue");
	argc = split_words(buf, argv, 16);
	CHECK(set_parse(argc, argv, &s, err) && strstr(err, "unknown setting"),
	      "bad key: %s", err);
	snprintf(buf, sizeof(buf), "mode");
	argc = split_words(buf, argv, 16);
	CHECK(set_parse(argc, argv, &s, err) && strstr(err, "needs a value"),
	      "no value: %s", err);

	CHECK(!routers_parse("192.0.2.1,fe80::1,2001:db8::1", &s, err) &&
	      s.nrouters == 3 && s.routers[0].family == ICMPX_FAMILY_IPV4 &&
	      s.routers[2].family == ICMPX_FAMILY_IPV6 && !s.routers[2].link[0],
	      "routers: %s", err);
	CHECK(!routers_parse("fe80::1%lan0,192.0.2.1%wan-1.100", &s, err) &&
	      s.nrouters == 2 && !strcmp(s.routers[0].link, "lan0") &&
	      !strcmp(router_str(&s.routers[1], buf), "192.0.2.1%wan-1.100"),
	      "routers on links: %s", err);
	CHECK(routers_parse("fe80::1%", &s, err) && strstr(err, "not an interface name"),
	      "empty link: %s", err);
	CHECK(routers_parse("fe80::1%a/b", &s, err) && strstr(err, "'a/b' is not an interface"),
	      "link with a slash: %s", err);
	CHECK(routers_parse("fe80::1%0123456789abcdef", &s, err) &&
	      strstr(err, "not an interface name"), "link of 16: %s", err);
	CHECK(!routers_parse("fe80::1%0123456789abcde", &s, err), "link of 15: %s", err);
	CHECK(routers_parse("fe80::1%..", &s, err), "link '..'");
	CHECK(!routers_parse("none", &s, err) && s.nrouters == 0, "routers none");
	CHECK(routers_parse("192.0.2.1,,10.0.0.1", &s, err), "empty router");
	CHECK(routers_parse("192.0.2.300", &s, err) && strstr(err, "not an IPv4"),
	      "bad router: %s", err);
}

static void test_trusted(void)
{
	static const struct {
		const char *list;
		const char *err;	/* NULL: accepted */
	} cases[] = {
		{ "192.0.2.0/24,2001:db8::/64,198.51.100.7", NULL },
		{ "none", NULL },
		{ "0.0.0.0/0", NULL },
		{ "192.0.2.1/24", "bits set past /24 (192.0.2.0/24?)" },
		{ "2001:db8::1/64", "bits set past /64 (2001:db8::/64?)" },
		{ "192.0.2.0/33", "the length is 0 to 32" },
		{ "2001:db8::/129", "the length is 0 to 128" },
		{ "192.0.2.0/", "the length is 0 to 32" },
		{ "192.0.2.0/-1", "the length is 0 to 32" },
		{ "192.0.2.0/24x", "the length is 0 to 32" },
		{ "monitor", "not an IPv4 or IPv6 prefix" },
		{ "192.0.2.0/24,,10.0.0.0/8", "not a prefix" },
		{ "192.0.2.0/24,", "ends with a comma" },
	};
	char err[ERRLEN], pfx[64];
	struct settings s;
	size_t i;
	int r;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		settings_init(&s);
		err[0] = 0;
		r = trusted_parse(cases[i].list, &s, err);
		if (!cases[i].err)
			CHECK(!r, "trusted %s: %s", cases[i].list, err);
		else
			CHECK(r && strstr(err, cases[i].err), "trusted %s: %s",
			      cases[i].list, err);
	}
	settings_init(&s);
	CHECK(!trusted_parse("192.0.2.0/24,2001:db8::/64,198.51.100.7", &s, err) &&
	      s.ntrusted == 3 && s.trusted[1].family == ICMPX_FAMILY_IPV6 &&
	      !strcmp(prefix_str(&s.trusted[0], pfx), "192.0.2.0/24") &&
	      !strcmp(prefix_str(&s.trusted[1], pfx), "2001:db8::/64") &&
	      !strcmp(prefix_str(&s.trusted[2], pfx), "198.51.100.7/32"),
	      "trusted read back");
	CHECK(!trusted_parse("none", &s, err) && s.ntrusted == 0, "trusted none");
}

static void test_config(void)
{
	static const char text[] =
		"# saved\n"
		"preset strict\n"
		"set mode monitor\n"
		"set routers 192.0.2.1,fe80::1\n"
		"set trusted 192.0.2.0/28 mode monitor\n"
		"\n"
		"rule add -4 echo-request limit 50/s burst 10 per-source /24\n"
		"   rule add -6 1 code 4 drop   # trailing comment\n";
	char err[ERRLEN];
	struct config c;

	CHECK(!config_parse(text, &c, err), "config: %s", err);
	CHECK(c.set.preset == ICMPX_PRESET_STRICT && c.set.mode == ICMPX_MODE_MONITOR &&
	      c.set.nrouters == 2 && c.set.ntrusted == 1 &&
	      c.set.trusted[0].plen == 28 && c.nrules == 2 && c.rules[1].code == 4,
	      "config fields");
	config_free(&c);
	CHECK(config_parse("preset host\nrule add echo-request\n", &c, err) &&
	      strstr(err, "line 2"), "error names its line: %s", err);
	CHECK(config_parse("preset nosuch\n", &c, err) && strstr(err, "line 1"),
	      "bad preset: %s", err);
	CHECK(config_parse("rule del -4 8\n", &c, err), "rule del in a file");
}

/* Zones in a file: each zone's lines from its zone line on. */
static void test_config_zones(void)
{
	static const char text[] =
		"preset host\n"
		"rule add echo-request limit 100/s\n"
		"zone wan eth0 ppp0\n"
		"preset strict\n"
		"set router-adv drop\n"
		"rule add -4 echo-request limit 10/s burst 20\n"
		"rule add -6 echo-request drop\n"
		"zone lan if:7 eth2\n"
		"set trusted 192.0.2.0/24\n";
	static const struct {
		const char *text, *says;
	} bad[] = {
		{ "zone\n", "needs a name" },
		{ "zone default eth0\n", "come first" },
		{ "zone a/b\n", "not a zone's name" },
		{ "zone 0123456789abcdef\n", "not a zone's name" },
		{ "zone wan eth0\nzone wan eth1\n", "a second time" },
		{ "zone wan eth0 eth0\n", "eth0 twice" },
		{ "zone wan eth0\nzone lan eth1 eth0\n", "zone wan's already" },
		{ "zone wan 0123456789abcdef\n", "not an interface's name" },
		{ "zone wan a b c d e f g h i j k l m n o p q\n", "at most 16" },
		{ "zone wan\npreset nosuch\n", "line 2" },
		{ "zone wan if:\n", "nor if:INDEX" },
		{ "zone wan if:0\n", "nor if:INDEX" },
		{ "zone wan if:07\n", "nor if:INDEX" },
		{ "zone wan if:7x\n", "nor if:INDEX" },
		{ "zone wan if:2147483648\n", "nor if:INDEX" },
		{ "zone wan if:7 if:7\n", "if:7 twice" },
		{ "zone wan if:7\nzone lan if:7\n", "zone wan's already" },
	};
	char err[ERRLEN], many[64 * 16];
	struct config c;
	size_t i;
	int n;

	CHECK(!config_parse(text, &c, err), "zones: %s", err);
	CHECK(c.set.preset == ICMPX_PRESET_HOST && c.nrules == 1 && c.nzones == 2,
	      "the default zone's part, then two zones (%d)", c.nzones);
	if (c.nzones == 2) {
		CHECK(!strcmp(c.zones[0].name, "wan") && c.zones[0].nlinks == 2 &&
		      !strcmp(c.zones[0].links[1], "ppp0") &&
		      c.zones[0].set.preset == ICMPX_PRESET_STRICT &&
		      c.zones[0].set.router_adv == ICMPX_ROUTER_ADV_DROP &&
		      c.zones[0].nrules == 2 && c.zones[0].rules[0].burst == 20,
		      "wan's interfaces and policy");
		CHECK(!strcmp(c.zones[1].name, "lan") && c.zones[1].nlinks == 2 &&
		      !strcmp(c.zones[1].links[0], "if:7") &&
		      c.zones[1].set.preset == -1 && c.zones[1].set.ntrusted == 1 &&
		      !c.zones[1].nrules, "lan's");
	}
	config_free(&c);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = 0;
		CHECK(config_parse(bad[i].text, &c, err) && strstr(err, bad[i].says),
		      "refused, '%s': %s", bad[i].says, err);
	}
	for (n = 0, i = 0; i < ICMPX_ZONES_MAX; i++)
		n += snprintf(many + n, sizeof(many) - n, "zone z%zu\n", i);
	CHECK(config_parse(many, &c, err) && strstr(err, "more than 63 zones"),
	      "64 zones besides the default: %s", err);
	CHECK(zone_name_valid("a-b.c_9") && !zone_name_valid("") &&
	      !zone_name_valid("caf\xc3\xa9"), "zone names");
	CHECK(zone_link_index("if:7") == 7 && zone_link_index("if:2147483647") == INT_MAX &&
	      zone_link_index("eth0") == 0 && zone_link_index("if7") == 0 &&
	      zone_link_index("if:-1") == -1 && zone_link_index("if: 7") == -1,
	      "interfaces by index, if:N");
}

static void test_json(const char *path)
{
	FILE *f = path ? fopen(path, "w") : NULL;
	struct json j;

	if (!f) {
		CHECK(!path, "cannot write %s", path);
		return;
	}
	json_init(&j, f);
	json_open(&j, NULL, '{');
	json_str(&j, "quote\"back\\slash", "tab\there\nnewline \x01 ctl");
	json_u64(&j, "big", 18446744073709551615ULL);
	json_int(&j, "neg", -5);
	json_bool(&j, "yes", true);
	json_null(&j, "nothing");
	json_open(&j, "list", '[');
	json_open(&j, NULL, '{');
	json_close(&j, '}');
	json_str(&j, NULL, "x");
	json_open(&j, NULL, '[');
	json_close(&j, ']');
	json_close(&j, ']');
	json_open(&j, "empty", '{');
	json_close(&j, '}');
	json_close(&j, '}');
	json_end(&j);
	fclose(f);
	passed++;
}

int main(int argc, char **argv)
{
	test_types();
	test_rules();
	test_round_trip();
	test_settings();
	test_trusted();
	test_config();
	test_config_zones();
	test_json(argc > 1 ? argv[1] : NULL);
	/* The same document indented (-p), for cli_test.sh to compare. */
	json_pretty = true;
	if (argc > 2)
		test_json(argv[2]);
	printf("args_test: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
