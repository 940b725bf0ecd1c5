// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the parser, driven with byte arrays laid out by hand from the
 * RFCs.
 */
#include <kunit/test.h>

#include "../parse.h"
#include "tests.h"

/* RFC 792 echo request: type 8, code 0, checksum, identifier, sequence. */
static const u8 echo4[] = {
	0x08, 0x00, 0xf7, 0xfd, 0x00, 0x01, 0x00, 0x01,
};

/* RFC 4443 4.1 echo request, with 4 bytes of data. */
static const u8 echo6[] = {
	0x80, 0x00, 0x00, 0x00, 0x12, 0x34, 0x00, 0x07,
	0xde, 0xad, 0xbe, 0xef,
};

static void parse_echo_v4(struct kunit *test)
{
	struct icmpx_msg msg;

	KUNIT_EXPECT_EQ(test, icmpx_parse(&msg, ICMPX_INET, echo4,
					  sizeof(echo4), sizeof(echo4)),
			ICMPX_OK);
	KUNIT_EXPECT_EQ(test, msg.family, ICMPX_INET);
	KUNIT_EXPECT_EQ(test, msg.type, 8);
	KUNIT_EXPECT_EQ(test, msg.code, 0);
	KUNIT_EXPECT_EQ(test, msg.len, sizeof(echo4));
}

static void parse_echo_v6(struct kunit *test)
{
	struct icmpx_msg msg;

	KUNIT_EXPECT_EQ(test, icmpx_parse(&msg, ICMPX_INET6, echo6,
					  sizeof(echo6), sizeof(echo6)),
			ICMPX_OK);
	KUNIT_EXPECT_EQ(test, msg.family, ICMPX_INET6);
	KUNIT_EXPECT_EQ(test, msg.type, 128);
	KUNIT_EXPECT_EQ(test, msg.len, sizeof(echo6));
}

/* Every length below the fixed header is truncated, whatever the family. */
static void parse_truncated_header(struct kunit *test)
{
	struct icmpx_msg msg;
	u32 len;

	for (len = 0; len < ICMPX_HDR_LEN; len++) {
		KUNIT_EXPECT_EQ_MSG(test, icmpx_parse(&msg, ICMPX_INET, echo4,
						      len, len),
				    ICMPX_R_TRUNCATED, "len %u", len);
		KUNIT_EXPECT_EQ_MSG(test, icmpx_parse(&msg, ICMPX_INET6, echo6,
						      len, len),
				    ICMPX_R_TRUNCATED, "len %u", len);
	}
	/* The type is still reported, so a failure is counted against it. */
	icmpx_parse(&msg, ICMPX_INET, echo4, 1, 1);
	KUNIT_EXPECT_EQ(test, msg.type, 8);
}

/* The parser must not read past @avail even when @len claims more. */
static void parse_avail_bounds_len(struct kunit *test)
{
	struct icmpx_msg msg;
	u8 *buf = kunit_kmalloc(test, 4, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, echo4, 4);
	KUNIT_EXPECT_EQ(test, icmpx_parse(&msg, ICMPX_INET, buf, 4, 100),
			ICMPX_R_TRUNCATED);
	KUNIT_EXPECT_EQ(test, msg.len, 100);
}

static void names(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, icmpx_type_name(ICMPX_INET, 8), "echo-request");
	KUNIT_EXPECT_STREQ(test, icmpx_type_name(ICMPX_INET6, 128), "echo-request");
	KUNIT_EXPECT_STREQ(test, icmpx_type_name(ICMPX_INET6, 2), "packet-too-big");
	KUNIT_EXPECT_NULL(test, icmpx_type_name(ICMPX_INET, 2));
	KUNIT_EXPECT_STREQ(test, icmpx_reason_name(ICMPX_R_TRUNCATED), "truncated");
	KUNIT_EXPECT_NULL(test, icmpx_reason_name(ICMPX_NREASON));
	KUNIT_EXPECT_STREQ(test, icmpx_family_name(ICMPX_INET6), "ipv6");
}

static struct kunit_case parse_cases[] = {
	KUNIT_CASE(parse_echo_v4),
	KUNIT_CASE(parse_echo_v6),
	KUNIT_CASE(parse_truncated_header),
	KUNIT_CASE(parse_avail_bounds_len),
	KUNIT_CASE(names),
	{}
};

struct kunit_suite icmpx_parse_suite = {
	.name = "icmpx-parse",
	.test_cases = parse_cases,
};
