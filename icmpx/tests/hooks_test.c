// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: what the hooks hand the parser of an skb, and that they leave
 * the skb as it was.
 */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/icmp.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/mm.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>

#include "../hooks.h"
#include "../parse.h"
#include "tests.h"

/*
 * A message of @len bytes, byte i being @type for i == 0 and i & 0xff
 * after, of which the skb's head holds @head and a page fragment the
 * rest, as a NIC that splits headers from payload delivers it.
 */
static struct sk_buff *split_skb(struct kunit *test, u8 type, u32 len, u32 head)
{
	struct sk_buff *skb = alloc_skb(head, GFP_KERNEL);
	struct page *page;
	u8 *p;
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	p = skb_put(skb, head);
	for (i = 0; i < head; i++)
		p[i] = i ? i : type;
	if (len > head) {
		page = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, page);
		p = page_address(page);
		for (i = head; i < len; i++)
			p[i - head] = i;
		skb_add_rx_frag(skb, 0, page, 0, len - head, PAGE_SIZE);
	}
	return skb;
}

static void view(struct kunit *test, enum icmpx_family family, u8 type,
		 u32 len, u32 head, u32 want)
{
	struct icmpx_pkt pkt = { .family = family };
	struct sk_buff *skb = split_skb(test, type, len, head);
	u8 *buf = kunit_kzalloc(test, ICMPX_PARSE_MAX, GFP_KERNEL);
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, icmpx_view(skb, 0, &pkt, buf), 0);
	KUNIT_EXPECT_EQ(test, pkt.len, len);
	KUNIT_EXPECT_EQ(test, pkt.avail, want);
	KUNIT_EXPECT_EQ(test, pkt.data[0], type);
	for (i = 1; i < pkt.avail; i++)
		KUNIT_ASSERT_EQ_MSG(test, pkt.data[i], (u8)i, "byte %u", i);
	/* In place when the head holds it all, else copied; never pulled. */
	KUNIT_EXPECT_TRUE(test, want <= head ? pkt.data == skb->data :
			  pkt.data == buf);
	KUNIT_EXPECT_EQ(test, skb_headlen(skb), head);
	kfree_skb(skb);
}

static void hooks_view(struct kunit *test)
{
	/* An echo request of 1400 bytes: its 8, in place or copied. */
	view(test, ICMPX_FAMILY_IPV4, 8, 1400, 64, 8);
	view(test, ICMPX_FAMILY_IPV6, 128, 1400, 4, 8);
	/* An error: all the parser may look at, from the head and a page. */
	view(test, ICMPX_FAMILY_IPV4, 3, 576, 28, 576);
	view(test, ICMPX_FAMILY_IPV6, 2, 1500, 48, ICMPX_PARSE_MAX);
	/* A neighbor advertisement with options, whole in the head. */
	view(test, ICMPX_FAMILY_IPV6, 136, 32, 32, 32);
}

static void hooks_view_empty(struct kunit *test)
{
	struct icmpx_pkt pkt = { .family = ICMPX_FAMILY_IPV4 };
	struct sk_buff *skb = alloc_skb(16, GFP_KERNEL);
	u8 buf[8];

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put(skb, 4);
	KUNIT_EXPECT_EQ(test, icmpx_view(skb, 4, &pkt, buf), -EINVAL);
	KUNIT_EXPECT_EQ(test, icmpx_view(skb, 8, &pkt, buf), -EINVAL);
	kfree_skb(skb);
}

/*
 * An echo request behind a record-route option the kernel has filled in
 * for local delivery (ip_rcv_options()), the IP header's own checksum
 * left stale: its ICMP checksum is good, as icmp_rcv() finds, and it is
 * marked so.  Broken by one bit, it is bad, and left unmarked.
 */
static void hooks_csum_options(struct kunit *test)
{
	static const u8 rr[12] = { IPOPT_RR, 11, 8, 10, 9, 0, 1 };
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct icmphdr *icmp;
	struct iphdr *iph;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	iph = skb_put_zero(skb, sizeof(*iph) + sizeof(rr));
	skb_reset_network_header(skb);
	iph->version = 4;
	iph->ihl = 8;
	iph->ttl = 64;
	iph->protocol = IPPROTO_ICMP;
	iph->tot_len = htons(40);
	iph->saddr = htonl(0x0a090002);
	iph->daddr = htonl(0x0a090001);
	ip_send_check(iph);
	/* Filled in after the header's checksum: now stale. */
	memcpy(iph + 1, rr, sizeof(rr));
	icmp = skb_put_zero(skb, sizeof(*icmp));
	icmp->type = ICMP_ECHO;
	icmp->un.echo.id = htons(0x1cb);
	icmp->checksum = ip_compute_csum(icmp, sizeof(*icmp));
	skb->ip_summed = CHECKSUM_NONE;

	KUNIT_EXPECT_TRUE(test, icmpx_csum4_ok(skb, 32));
	KUNIT_EXPECT_EQ(test, (int)skb->ip_summed, CHECKSUM_UNNECESSARY);
	skb->ip_summed = CHECKSUM_NONE;
	icmp->un.echo.sequence ^= htons(1);
	KUNIT_EXPECT_FALSE(test, icmpx_csum4_ok(skb, 32));
	KUNIT_EXPECT_EQ(test, (int)skb->ip_summed, CHECKSUM_NONE);
	kfree_skb(skb);
}

/* @len bytes of @pkt, of which the skb's head holds @head, a page the rest. */
static struct sk_buff *packet_skb(struct kunit *test, const u8 *pkt, u32 len,
				  u32 head)
{
	struct sk_buff *skb = alloc_skb(head, GFP_KERNEL);
	struct page *page;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_data(skb, pkt, head);
	if (len > head) {
		page = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, page);
		memcpy(page_address(page), pkt + head, len - head);
		skb_add_rx_frag(skb, 0, page, 0, len - head, PAGE_SIZE);
	}
	skb_reset_network_header(skb);
	skb->ip_summed = CHECKSUM_NONE;
	return skb;
}

#define CSUM_MSG	200

/* The packet @p, its head holding @h bytes: its sum @good, and so marked or not. */
static void csum_one(struct kunit *test, const u8 *p, unsigned int hlen,
		     unsigned int h, bool v6, bool good)
{
	struct sk_buff *skb = packet_skb(test, p, hlen + CSUM_MSG, h);
	bool ok = v6 ? icmpx_csum6_ok(skb, hlen) : icmpx_csum4_ok(skb, hlen);

	KUNIT_EXPECT_EQ_MSG(test, ok, good, "head %u", h);
	KUNIT_EXPECT_EQ(test, (int)skb->ip_summed,
			good ? CHECKSUM_UNNECESSARY : CHECKSUM_NONE);
	kfree_skb(skb);
}

/*
 * An echo request, its checksum summed in place, from a head that holds
 * it, a head that holds half of it and a head that holds none of it:
 * good, and marked so; broken in its last byte, bad, and left unmarked.
 */
static void csum_split(struct kunit *test, bool v6)
{
	static const struct in6_addr s6 = {{{ 0xfd, 0x09, [15] = 2 }}};
	static const struct in6_addr d6 = {{{ 0xfd, 0x09, [15] = 1 }}};
	unsigned int hlen = v6 ? sizeof(struct ipv6hdr) : sizeof(struct iphdr);
	u8 *p = kunit_kzalloc(test, hlen + CSUM_MSG, GFP_KERNEL);
	u8 *msg = p + hlen;
	__sum16 *check;
	unsigned int i, h;

	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 4; i < CSUM_MSG; i++)
		msg[i] = i;
	check = (__sum16 *)(msg + 2);
	if (v6) {
		struct ipv6hdr *ip6h = (struct ipv6hdr *)p;

		ip6h->version = 6;
		ip6h->payload_len = htons(CSUM_MSG);
		ip6h->nexthdr = IPPROTO_ICMPV6;
		ip6h->hop_limit = 64;
		ip6h->saddr = s6;
		ip6h->daddr = d6;
		msg[0] = ICMPV6_ECHO_REQUEST;
		*check = csum_ipv6_magic(&s6, &d6, CSUM_MSG, IPPROTO_ICMPV6,
					 csum_partial(msg, CSUM_MSG, 0));
	} else {
		struct iphdr *iph = (struct iphdr *)p;

		iph->version = 4;
		iph->ihl = 5;
		iph->ttl = 64;
		iph->protocol = IPPROTO_ICMP;
		iph->tot_len = htons(hlen + CSUM_MSG);
		iph->saddr = htonl(0x0a090002);
		iph->daddr = htonl(0x0a090001);
		ip_send_check(iph);
		msg[0] = ICMP_ECHO;
		*check = ip_compute_csum(msg, CSUM_MSG);
	}
	for (h = hlen; h <= hlen + CSUM_MSG; h += CSUM_MSG / 2) {
		csum_one(test, p, hlen, h, v6, true);
		msg[CSUM_MSG - 1] ^= 0x10;
		csum_one(test, p, hlen, h, v6, false);
		msg[CSUM_MSG - 1] ^= 0x10;
	}
}

static void hooks_csum_split(struct kunit *test)
{
	csum_split(test, false);
	csum_split(test, true);
}

static struct kunit_case hooks_cases[] = {
	KUNIT_CASE(hooks_view),
	KUNIT_CASE(hooks_view_empty),
	KUNIT_CASE(hooks_csum_options),
	KUNIT_CASE(hooks_csum_split),
	{}
};

struct kunit_suite icmpx_hooks_suite = {
	.name = "icmpx-hooks",
	.test_cases = hooks_cases,
};
