// SPDX-License-Identifier: GPL-2.0
/*
 * Write the KUnit corpus (icmpx/tests/corpus.h) out as fuzzer seeds,
 * one file per case, each with the three-byte context prefix, and a
 * manifest of what each one must be counted as:
 *
 *	<file> <ipv4|ipv6> <type|-> <reason> <notes|->
 *
 * notes: the counters of what the parser noted, separated by commas.
 *
 * The VM selftest selftests/guest/corpus.sh sends every case from a peer
 * namespace and checks the receiver's counters against the manifest.
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
	char path[4096];
	FILE *manifest;
	const char *sep;
	u8 bit;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/manifest", argv[1]);
	manifest = fopen(path, "w");
	if (!manifest) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return 1;
	}
	for (i = 0; i < ARRAY_SIZE(icmpx_corpus); i++) {
		const struct icmpx_case *c = &icmpx_corpus[i];
		u8 prefix[FUZZ_PREFIX];
		u8 data[ICMPX_CASE_MAX];
		char type[8] = "-";
		int len;
		FILE *f;

		len = icmpx_case_bytes(c, data, sizeof(data));
		if (len < 0) {
			fprintf(stderr, "case '%s': malformed hex\n", c->name);
			return 1;
		}
		snprintf(path, sizeof(path), "%s/seed-%03u", argv[1], i);
		f = fopen(path, "wb");
		if (!f) {
			fprintf(stderr, "%s: %s\n", path, strerror(errno));
			return 1;
		}
		fuzz_prefix(c, prefix);
		if (fwrite(prefix, 1, sizeof(prefix), f) != sizeof(prefix) ||
		    fwrite(data, 1, len, f) != (size_t)len || fclose(f)) {
			fprintf(stderr, "%s: write failed\n", path);
			return 1;
		}
		/* A seed for the fuzzer, but nothing the VM could deliver. */
		if (c->unsendable)
			continue;
		if (len > 0)
			snprintf(type, sizeof(type), "%u", data[0]);
		fprintf(manifest, "seed-%03u %s %s %s ", i,
			icmpx_family_name(c->family), type,
			icmpx_reason_name(c->want));
		for (bit = 1, sep = ""; bit; bit <<= 1) {
			if (c->notes & bit) {
				fprintf(manifest, "%s%s", sep, icmpx_note_name(bit));
				sep = ",";
			}
		}
		fprintf(manifest, "%s\n", c->notes ? "" : "-");
	}
	if (fclose(manifest)) {
		fprintf(stderr, "manifest: write failed\n");
		return 1;
	}
	printf("%u seeds\n", i);
	return 0;
}
