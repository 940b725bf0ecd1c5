// SPDX-License-Identifier: GPL-2.0
/*
 * Write the KUnit corpus (icmpx/tests/corpus.h) out as fuzzer seeds,
 * one file per case, each with the three-byte context prefix.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../../icmpx/parse.h"
#include "../../icmpx/tests/corpus.h"
#include "input.h"

int main(int argc, char **argv)
{
	unsigned int i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	for (i = 0; i < ARRAY_SIZE(icmpx_corpus); i++) {
		const struct icmpx_case *c = &icmpx_corpus[i];
		u8 prefix[FUZZ_PREFIX];
		char path[4096];
		FILE *f;

		snprintf(path, sizeof(path), "%s/seed-%03u", argv[1], i);
		f = fopen(path, "wb");
		if (!f) {
			fprintf(stderr, "%s: %s\n", path, strerror(errno));
			return 1;
		}
		fuzz_prefix(c, prefix);
		if (fwrite(prefix, 1, sizeof(prefix), f) != sizeof(prefix) ||
		    fwrite(c->data, 1, c->len, f) != c->len || fclose(f)) {
			fprintf(stderr, "%s: write failed\n", path);
			return 1;
		}
	}
	printf("%u seeds\n", i);
	return 0;
}
