// SPDX-License-Identifier: GPL-2.0
/*
 * The receive path: netfilter hooks that find the ICMP message in an
 * inbound packet and hand its bytes to the parser.
 *
 * Everything here is about skbs; what a message means is decided in
 * parse.c from plain bytes.
 */
#include <linux/icmp.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "hooks.h"
#include "netns.h"
#include "parse.h"

/*
 * LOCAL_IN sees what is addressed to this host, after IPv4 reassembly,
 * and runs after conntrack and mangle but before the default filter
 * chains (priority 0), so a ruleset only ever sees what icmpx let
 * through.
 */
#define ICMPX_PRIORITY (NF_IP_PRI_FILTER - 10)

/*
 * Hand the parser a linear view of the message, as much of it as it may
 * look at; the stack will pull the ICMP header itself right after us, so
 * this costs a copy only for messages split across fragments of an skb.
 * The checksum is left to netfilter's helper, which uses what the NIC
 * verified and, when it must compute, marks the skb so that icmp_rcv()
 * does not compute it again.
 */
static unsigned int icmpx_rcv(struct net *net, struct sk_buff *skb,
			      enum icmpx_family family, unsigned int thoff)
{
	struct icmpx_net *in = icmpx_pernet(net);
	struct icmpx_pkt pkt = { .family = family };
	enum icmpx_reason reason;
	struct icmpx_msg msg;

	if (unlikely(thoff > skb->len))
		goto nohdr;
	pkt.len = skb->len - thoff;
	pkt.avail = min_t(u32, pkt.len, ICMPX_PARSE_MAX);
	if (unlikely(!pskb_may_pull(skb, thoff + pkt.avail)))
		goto nohdr;
	pkt.data = skb->data + thoff;

	if (family == ICMPX_INET) {
		const struct iphdr *iph = ip_hdr(skb);

		pkt.saddr = (const u8 *)&iph->saddr;
		pkt.daddr = (const u8 *)&iph->daddr;
		pkt.hoplimit = iph->ttl;
		pkt.csum = nf_checksum(skb, NF_INET_LOCAL_IN, thoff, IPPROTO_ICMP,
				       AF_INET) ? ICMPX_CSUM_BAD : ICMPX_CSUM_GOOD;
	} else {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		pkt.saddr = ip6h->saddr.s6_addr;
		pkt.daddr = ip6h->daddr.s6_addr;
		pkt.hoplimit = ip6h->hop_limit;
		pkt.csum = nf_checksum(skb, NF_INET_LOCAL_IN, thoff, IPPROTO_ICMPV6,
				       AF_INET6) ? ICMPX_CSUM_BAD : ICMPX_CSUM_GOOD;
	}

	reason = icmpx_parse(&pkt, &msg);
	icmpx_count_msg(in->stats, &msg, reason);
	return NF_ACCEPT;

nohdr:
	icmpx_count_event(in->stats, family, ICMPX_EV_NOHDR);
	return NF_ACCEPT;
}

static unsigned int icmpx_ipv4_in(void *priv, struct sk_buff *skb,
				  const struct nf_hook_state *state)
{
	const struct iphdr *iph = ip_hdr(skb);

	if (likely(iph->protocol != IPPROTO_ICMP))
		return NF_ACCEPT;

	/* ip_local_deliver() reassembles before LOCAL_IN; be sure anyway. */
	if (unlikely(ip_is_fragment(iph))) {
		icmpx_count_event(icmpx_pernet(state->net)->stats, ICMPX_INET,
				  ICMPX_EV_FRAGMENT);
		return NF_ACCEPT;
	}
	return icmpx_rcv(state->net, skb, ICMPX_INET,
			 skb_network_offset(skb) + ip_hdrlen(skb));
}

static unsigned int icmpx_ipv6_in(void *priv, struct sk_buff *skb,
				  const struct nf_hook_state *state)
{
	unsigned short frag_off = 0;
	unsigned int thoff = 0;
	int flags = 0;
	int proto;
	u8 nexthdr = ipv6_hdr(skb)->nexthdr;

	/* Most traffic is TCP or UDP without extension headers. */
	if (likely(nexthdr == IPPROTO_TCP || nexthdr == IPPROTO_UDP))
		return NF_ACCEPT;

	proto = ipv6_find_hdr(skb, &thoff, IPPROTO_ICMPV6, &frag_off, &flags);
	if (proto != IPPROTO_ICMPV6)
		return NF_ACCEPT;

	/*
	 * IPv6 reassembles after LOCAL_IN unless nf_defrag_ipv6 runs, so a
	 * first fragment can arrive here: its ICMPv6 message is incomplete
	 * and is not parsed.
	 */
	if (unlikely(flags & IP6_FH_F_FRAG)) {
		icmpx_count_event(icmpx_pernet(state->net)->stats, ICMPX_INET6,
				  ICMPX_EV_FRAGMENT);
		return NF_ACCEPT;
	}
	return icmpx_rcv(state->net, skb, ICMPX_INET6, thoff);
}

static const struct nf_hook_ops icmpx_nf_ops[] = {
	{
		.hook = icmpx_ipv4_in,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_LOCAL_IN,
		.priority = ICMPX_PRIORITY,
	},
	{
		.hook = icmpx_ipv6_in,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_IN,
		.priority = ICMPX_PRIORITY,
	},
};

int icmpx_hooks_register(struct net *net)
{
	return nf_register_net_hooks(net, icmpx_nf_ops, ARRAY_SIZE(icmpx_nf_ops));
}

void icmpx_hooks_unregister(struct net *net)
{
	nf_unregister_net_hooks(net, icmpx_nf_ops, ARRAY_SIZE(icmpx_nf_ops));
}
