// SPDX-License-Identifier: GPL-2.0
/*
 * The policy cases in userspace: icmpx/policy.c compiled as it is, every
 * case of icmpx/tests/policy_cases.h decided and compared, and the
 * presets' settings and the modes checked.  The KUnit suite runs the
 * same cases in the kernel; this one runs in milliseconds, which is what
 * mutate.sh needs to remove each rule of policy.c in turn.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "../../icmpx/policy.h"
#include "../../icmpx/tests/policy_cases.h"

static bool pc_addr(u8 family, const char *s, u8 *out)
{
	memset(out, 0, 16);
	return inet_pton(family == ICMPX_FAMILY_IPV4 ? AF_INET : AF_INET6, s, out) == 1;
}

static int check_case(const struct pcase *c, int quiet)
{
	struct icmpx_env env = { .ops = &pc_ops };
	struct icmpx_policy pol;
	u8 saddr[16], daddr[16];
	struct icmpx_pkt pkt;
	struct icmpx_msg msg;
	struct icmpx_decision d;
	enum icmpx_drop got;

	if (pc_policy(c, &pol) || pc_message(c, &pkt, &msg, saddr, daddr)) {
		fprintf(stderr, "%s: cannot build the case\n", c->name);
		return 1;
	}
	got = icmpx_decide(&pol, &pkt, &msg, c->parsed, &env, &d);
	if (got == c->want && d.notes == c->notes && d.limiter == c->limiter &&
	    d.code_rule == c->code_rule)
		return 0;
	if (!quiet)
		fprintf(stderr, "%s: got %s notes %#x limiter %u code rule %u, want %s notes %#x limiter %u code rule %u\n",
			c->name, icmpx_drop_name(got), d.notes, d.limiter, d.code_rule,
			icmpx_drop_name(c->want), c->notes, c->limiter, c->code_rule);
	return 1;
}

static int check_presets(int quiet)
{
	struct icmpx_policy pol;
	unsigned int i, t, n4, n6;
	int bad = 0;

	for (i = 0; i < ARRAY_SIZE(pc_presets); i++) {
		icmpx_policy_init(&pol, pc_presets[i].preset);
		for (n4 = n6 = t = 0; t < 256; t++) {
			n4 += pol.type[ICMPX_FAMILY_IPV4][t].action == ICMPX_ACTION_ACCEPT;
			n6 += pol.type[ICMPX_FAMILY_IPV6][t].action == ICMPX_ACTION_ACCEPT;
		}
		if (pol.preset != pc_presets[i].preset ||
		    pol.mode != ICMPX_MODE_ENFORCE ||
		    pol.source_quench != ICMPX_ACTION_DROP ||
		    pol.redirect != pc_presets[i].redirect ||
		    pol.router_adv != pc_presets[i].router_adv ||
		    pol.validate_errors != pc_presets[i].validate ||
		    n4 != pc_presets[i].accepted4 || n6 != pc_presets[i].accepted6) {
			if (!quiet)
				fprintf(stderr, "preset %s: settings differ\n",
					icmpx_preset_names[pc_presets[i].preset]);
			bad++;
		}
	}
	/* Only enforce mode carries a drop out. */
	pol.mode = ICMPX_MODE_ENFORCE;
	bad += !icmpx_enforced(&pol, ICMPX_DROP_RULE) || icmpx_enforced(&pol, ICMPX_DROP_NONE);
	pol.mode = ICMPX_MODE_MONITOR;
	bad += icmpx_enforced(&pol, ICMPX_DROP_RULE);
	pol.mode = ICMPX_MODE_OFF;
	bad += icmpx_enforced(&pol, ICMPX_DROP_RULE);
	return bad;
}

int main(int argc, char **argv)
{
	int quiet = argc > 1 && !strcmp(argv[1], "-q");
	unsigned int i, bad = 0;

	struct icmpx_policy pol[2];
	const char *why;

	for (i = 0; i < ARRAY_SIZE(pc_cases); i++)
		bad += check_case(&pc_cases[i], quiet);
	bad += check_presets(quiet);
	for (i = 0; i < ARRAY_SIZE(refusal_cases); i++) {
		why = pc_refusal_check(&refusal_cases[i], pol);
		if (why && !quiet)
			fprintf(stderr, "refusal case %u (type %u code %d): %s\n", i,
				refusal_cases[i].type, refusal_cases[i].code, why);
		bad += !!why;
	}
	for (i = 0; i < ICMPX_NPRESET; i++) {
		why = pc_preset_guards(i, pol);
		if (why && !quiet)
			fprintf(stderr, "preset %s: %s\n", icmpx_preset_names[i], why);
		bad += !!why;
	}
	if (!quiet)
		printf("policy_check: %zu cases, %zu refusals, %u failed\n",
		       ARRAY_SIZE(pc_cases), ARRAY_SIZE(refusal_cases), bad);
	return bad ? 1 : 0;
}
