// SPDX-License-Identifier: GPL-2.0
/*
 * The corpus verdicts in userspace: every case parsed whole must give its
 * exact reason and flags, and every prefix of it (in a buffer of exactly
 * that size, under ASan) must be parsed without an overread and, for a
 * case marked minimal, must fail.  The KUnit suite checks the same and
 * more in the kernel; this one runs in milliseconds, which is what
 * mutate.sh needs to try every length check of parse.c one by one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../icmpx/parse.h"
#include "../../icmpx/tests/corpus.h"

static int check(const struct icmpx_case *c, int quiet)
{
	u8 data[ICMPX_CASE_MAX];
	struct icmpx_pkt pkt;
	struct icmpx_msg msg;
	enum icmpx_reason r;
	int n = icmpx_case_bytes(c, data, sizeof(data));
	int len, bad = 0;

	if (n < 0) {
		fprintf(stderr, "%s: malformed hex\n", c->name);
		return 1;
	}
	for (len = n; len >= 0; len--) {
		u8 *buf = malloc(len ? len : 1);

		memcpy(buf, data, len);
		icmpx_case_pkt(c, &pkt);
		pkt.data = buf;
		pkt.avail = len;
		pkt.len = len;
		r = icmpx_parse(&pkt, &msg);
		free(buf);
		if (len == n && (r != c->want ||
				 (r == ICMPX_OK && (msg.flags != c->flags ||
						    msg.notes != c->notes)))) {
			if (!quiet)
				fprintf(stderr, "%s: got %s flags %#x notes %#x, want %s flags %#x notes %#x\n",
					c->name, icmpx_reason_name(r), msg.flags,
					msg.notes, icmpx_reason_name(c->want),
					c->flags, c->notes);
			bad = 1;
		}
		if (len < n && c->minimal && c->want == ICMPX_OK && r == ICMPX_OK) {
			if (!quiet)
				fprintf(stderr, "%s: accepted cut to %d bytes\n",
					c->name, len);
			bad = 1;
		}
	}
	return bad;
}

int main(int argc, char **argv)
{
	int quiet = argc > 1 && !strcmp(argv[1], "-q");
	unsigned int i, failed = 0;

	for (i = 0; i < ARRAY_SIZE(icmpx_corpus); i++)
		failed += check(&icmpx_corpus[i], quiet);
	printf("%u passed, %u failed\n", (unsigned int)ARRAY_SIZE(icmpx_corpus) - failed,
	       failed);
	return failed ? 1 : 0;
}
