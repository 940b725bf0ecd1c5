// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for icmpx's parser: the very parse.c the module
 * builds, compiled for userspace.  Besides the sanitizers' own checks it
 * asserts what the parser promises its callers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../icmpx/parse.h"
#include "../../icmpx/tests/corpus.h"
#include "input.h"

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "broken promise: %s\n", #cond);	\
		abort();						\
	}								\
} while (0)

static void check_msg(const struct icmpx_pkt *pkt, const struct icmpx_msg *m,
		      enum icmpx_reason r)
{
	CHECK((unsigned int)r < ICMPX_NREASON);
	CHECK(icmpx_reason_name(r) != NULL);
	CHECK(m->family == pkt->family);
	CHECK(m->len == pkt->len);
	if (pkt->avail >= 1 && pkt->len >= 1)
		CHECK(m->type == pkt->data[0]);
	if (r != ICMPX_OK)
		return;
	/* RFC 4286's solicitation and termination are 4 bytes long. */
	if (pkt->family == ICMPX_FAMILY_IPV6 &&
	    (m->type == ICMPX_MRD_SOLICIT || m->type == ICMPX_MRD_TERMINATE))
		CHECK(pkt->len >= 4);
	else
		CHECK(pkt->len >= ICMPX_HDR_LEN);
	if (m->flags & ICMPX_F_INNER) {
		CHECK(m->flags & ICMPX_F_ERROR);
		CHECK(m->inner.offset == 8);
		CHECK(m->inner.thoff < pkt->len);
		CHECK(m->inner.family == pkt->family);
	}
	if (m->flags & ICMPX_F_EXT) {
		CHECK(m->ext_off >= 8 && m->ext_off + 4 <= pkt->len);
		CHECK(!(m->notes & (ICMPX_N_EXT_LENGTH | ICMPX_N_EXT_INVALID)));
	}
	if (m->flags & ICMPX_F_NDP)
		CHECK(pkt->hoplimit == 255);
	/* An MTU no link has is noted, never taken silently. */
	if (pkt->family == ICMPX_FAMILY_IPV6 && m->type == 2)
		CHECK(m->mtu >= 1280 || (m->notes & ICMPX_N_MTU));
	if (pkt->family == ICMPX_FAMILY_IPV4 && m->type == 3 && m->code == 4)
		CHECK(m->mtu == 0 || m->mtu >= 68 || (m->notes & ICMPX_N_MTU));
	if (m->notes & ICMPX_N_MTU)
		CHECK(pkt->family == ICMPX_FAMILY_IPV6 ? m->mtu < 1280 :
		      m->mtu && m->mtu < 68);
	if (!(m->flags & ICMPX_F_KNOWN))
		CHECK(icmpx_type_name(pkt->family, m->type) == NULL);
}

int LLVMFuzzerTestOneInput(const u8 *in, size_t size)
{
	static const u8 *const srcs6[] = {
		icmpx_corpus_a6_remote, icmpx_corpus_a6_global,
		icmpx_corpus_a6_unspec, icmpx_corpus_a6_one,
	};
	static const u8 *const dsts6[] = {
		icmpx_corpus_a6_local, icmpx_corpus_a6_allnodes,
		icmpx_corpus_a6_snm, icmpx_corpus_a6_snm2,
		icmpx_corpus_a6_not_snm, icmpx_corpus_a6_local,
		icmpx_corpus_a6_local, icmpx_corpus_a6_local,
	};
	struct icmpx_pkt pkt = { 0 };
	struct icmpx_msg msg;
	enum icmpx_reason r;
	u32 len, withhold;
	u8 *buf;

	if (size < FUZZ_PREFIX || size - FUZZ_PREFIX > 65535)
		return 0;
	len = size - FUZZ_PREFIX;
	withhold = in[0] >> 3;
	pkt.family = in[0] & 1 ? ICMPX_FAMILY_IPV6 : ICMPX_FAMILY_IPV4;
	pkt.csum = ((in[0] >> 1) & 3) % 3;
	pkt.hoplimit = in[1];
	if (pkt.family == ICMPX_FAMILY_IPV6) {
		pkt.saddr = srcs6[in[2] & 3];
		pkt.daddr = dsts6[(in[2] >> 2) & 7];
	} else {
		pkt.saddr = icmpx_corpus_a4_remote;
		pkt.daddr = icmpx_corpus_a4_local;
	}
	pkt.len = len;
	pkt.avail = withhold < len ? len - withhold : 0;

	/* Exactly avail bytes: a read past them is an ASan report. */
	buf = malloc(pkt.avail ? pkt.avail : 1);
	if (!buf)
		return 0;
	memcpy(buf, in + FUZZ_PREFIX, pkt.avail);
	pkt.data = buf;
	r = icmpx_parse(&pkt, &msg);
	check_msg(&pkt, &msg, r);
	/*
	 * The module hands the parser only what the type needs, with the
	 * checksum already verified: the verdict and every field must be
	 * those of all it may look at (ICMPX_PARSE_MAX bytes).
	 */
	if (pkt.csum != ICMPX_CSUM_UNKNOWN && pkt.avail >= 1) {
		struct icmpx_pkt full = pkt, part = pkt;
		struct icmpx_msg m1, m2;

		full.avail = pkt.avail < ICMPX_PARSE_MAX ? pkt.avail : ICMPX_PARSE_MAX;
		part.avail = icmpx_parse_need(pkt.family, buf[0], pkt.len);
		if (part.avail <= full.avail) {
			CHECK(icmpx_parse(&part, &m2) == icmpx_parse(&full, &m1));
			CHECK(!memcmp(&m2, &m1, sizeof(m1)));
		}
	}
	free(buf);
	return 0;
}
