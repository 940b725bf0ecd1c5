// SPDX-License-Identifier: GPL-2.0
/*
 * The receive path: netfilter hooks that find the ICMP message in an
 * inbound packet and hand its bytes to the parser.
 *
 * Everything here is about skbs; what a message means is decided in
 * parse.c from plain bytes.
 */
#include <kunit/visibility.h>
#include <linux/icmp.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/kmod.h>
#include <linux/module.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>

#include "hooks.h"
#include "netlink.h"
#include "netns.h"
#include "parse.h"
#include "route.h"

/*
 * LOCAL_IN sees what is addressed to this host, after IPv4 reassembly,
 * and runs after conntrack and mangle but before the default filter
 * chains (priority 0), so a ruleset only ever sees what icmpx let
 * through.
 */
#define ICMPX_PRIORITY (NF_IP_PRI_FILTER - 10)

/*
 * RFC 6633 asks for a source quench to be logged as a security fault;
 * a rejected redirect or router advertisement, whatever the reason, is
 * as suspicious: each tries to change how this host routes.
 */
static bool suspicious(const struct icmpx_msg *msg)
{
	enum icmpx_event_kind kind = icmpx_event_kind(msg, ICMPX_DROP_NONE);

	return kind == ICMPX_EVK_QUENCH || kind == ICMPX_EVK_REDIRECT ||
	       kind == ICMPX_EVK_ROUTER_ADV;
}

/*
 * An attacker controls how often these arrive, hence the rate limit:
 * the kernel's net_ratelimit(), asked at most once a tick, for it takes
 * a lock shared by every CPU each time it is asked.
 */
static void log_drop(const struct icmpx_pkt *pkt, enum icmpx_drop drop,
		     bool enforced)
{
	const char *what = enforced ? "dropped" : "would drop";
	static unsigned long asked;
	unsigned long now = jiffies;

	if (READ_ONCE(asked) == now)
		return;
	WRITE_ONCE(asked, now);

	if (pkt->family == ICMPX_FAMILY_IPV4)
		net_info_ratelimited("%s ICMP type %u from %pI4 to %pI4: %s\n",
				     what, pkt->data[0], pkt->saddr, pkt->daddr,
				     icmpx_drop_name(drop));
	else
		net_info_ratelimited("%s ICMPv6 type %u from %pI6c to %pI6c: %s\n",
				     what, pkt->data[0], pkt->saddr, pkt->daddr,
				     icmpx_drop_name(drop));
}

/*
 * The index of the VRF slave a message came in on, or 0 when it did not
 * arrive through a VRF.  A VRF hands IPv4, and IPv6 other than neighbour
 * discovery, to its own device, which the hook then sees as the arrival
 * device; the slave stays in the control block (inet_sdif()), as sockets
 * bound to it see it.
 */
static int vrf_slave(const struct net_device *dev, const struct sk_buff *skb,
		     enum icmpx_family family)
{
	if (likely(!netif_is_l3_master(dev)))
		return 0;
	return family == ICMPX_FAMILY_IPV6 ? inet6_sdif(skb) : inet_sdif(skb);
}

/*
 * Sent by this namespace to itself: on loopback, or for IPv4 looped
 * back inside a VRF, whose device is then the arrival interface too.
 * (IPv6 names the interface of the destination address there, so that
 * VRF-internal IPv6 counts as arrived from outside.)
 */
static bool looped(const struct net_device *dev, int sdif)
{
	return (dev->flags & IFF_LOOPBACK) || sdif == dev->ifindex;
}

/* The name of the link the message came in on: a VRF's slave's. */
static const char *arrival_link(const struct nf_hook_state *state, int sdif)
{
	const struct net_device *dev;

	if (likely(!sdif))
		return state->in->name;
	dev = dev_get_by_index_rcu(state->net, sdif);
	return dev ? dev->name : state->in->name;
}

/* The zone of the interface the message came in on: a VRF's slave's. */
static struct icmpx_zone *arrival_zone(struct icmpx_net *in,
				       const struct nf_hook_state *state,
				       int sdif)
{
	return icmpx_zone_of(in, sdif ?: state->in->ifindex);
}

/* What the parser noted of a message it took, counted by the note. */
static void count_notes(struct icmpx_counters *stats,
			const struct icmpx_msg *msg)
{
	if (msg->notes & ICMPX_N_EXT_LENGTH)
		icmpx_count_event(stats, msg->family, ICMPX_EV_EXT_LENGTH);
	if (msg->notes & ICMPX_N_EXT_INVALID)
		icmpx_count_event(stats, msg->family, ICMPX_EV_EXT_INVALID);
	if (msg->notes & ICMPX_N_MTU)
		icmpx_count_event(stats, msg->family, ICMPX_EV_MTU_LOW);
}

/*
 * Where a message the skb holds in pieces is copied for the parser, and
 * where the parser writes what it found.  Per CPU, as the hooks run with
 * bottom halves disabled; not on the stack, where the kernel's
 * CONFIG_INIT_STACK_ALL_ZERO would clear the message's 92 bytes for
 * every packet, before the parser clears them again.
 */
struct icmpx_scratch {
	u8 buf[ICMPX_PARSE_MAX];
	struct icmpx_msg msg;
};

static struct icmpx_scratch __percpu *scratch;

/**
 * icmpx_view - the bytes of a message the parser reads
 * @skb: the packet, left as it is
 * @thoff: where the message begins
 * @pkt: its family set; its data, len and avail are filled in
 * @buf: ICMPX_PARSE_MAX bytes, used when the bytes are not linear
 *
 * As much as the message's type needs (icmpx_parse_need()): 8 bytes of
 * an echo request, all the parser may look at of an error.  In place
 * when the skb's head holds them, else copied: never pulled, so that
 * a flood of large messages costs no reallocation of their heads.
 *
 * Return: 0, or -EINVAL when not one byte of the message is there.
 */
VISIBLE_IF_KUNIT int icmpx_view(const struct sk_buff *skb, unsigned int thoff,
				struct icmpx_pkt *pkt, void *buf)
{
	const u8 *type;
	u8 first;

	if (thoff >= skb->len)
		return -EINVAL;
	type = skb_header_pointer(skb, thoff, 1, &first);
	if (!type)
		return -EINVAL;
	pkt->len = skb->len - thoff;
	pkt->avail = icmpx_parse_need(pkt->family, *type, pkt->len);
	pkt->data = skb_header_pointer(skb, thoff, pkt->avail, buf);
	return pkt->data ? 0 : -EINVAL;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_view);

/*
 * The sum of @len bytes from @off: in place when the skb's head holds
 * them (a flood's messages always are), without skb_checksum()'s walk
 * of fragments and its indirect calls.
 */
static __wsum sum_of(const struct sk_buff *skb, unsigned int off,
		     unsigned int len)
{
	if (likely(off + len <= skb_headlen(skb)))
		return csum_partial(skb->data + off, len, 0);
	return skb_checksum(skb, off, len, 0);
}

/* A good sum is kept, so that the stack's receive path need not sum again. */
static void keep_good(struct sk_buff *skb)
{
	if (skb->ip_summed == CHECKSUM_NONE && !skb_shared(skb))
		skb->ip_summed = CHECKSUM_UNNECESSARY;
}

/*
 * An ICMP message's checksum, over the message alone, as icmp_rcv()
 * checks it once the IP header is pulled.  nf_ip_checksum() at LOCAL_IN
 * sums from the IP header, which holds only while the header sums to
 * zero: ip_rcv_options() writes record-route and timestamp options in
 * place for local delivery and leaves the header's checksum stale (only
 * ip_forward_options() mends it), so every echo request carrying one
 * would read as corrupt.  A good sum is kept, as nf_ip_checksum() keeps
 * it, so that icmp_rcv() need not sum again.
 */
VISIBLE_IF_KUNIT bool icmpx_csum4_ok(struct sk_buff *skb, unsigned int thoff)
{
	if (skb_csum_unnecessary(skb))
		return true;
	/* The device summed the header as it arrived: to zero. */
	if (skb->ip_summed == CHECKSUM_COMPLETE && !csum_fold(skb->csum))
		return true;
	if (csum_fold(sum_of(skb, thoff, skb->len - thoff)))
		return false;
	keep_good(skb);
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_csum4_ok);

/*
 * An ICMPv6 message's checksum, with its pseudo-header (RFC 4443 2.3),
 * as icmpv6_rcv() checks it.  What the device summed is left to
 * netfilter's helper, which knows how to take the headers out of it;
 * the rest is summed here, as nf_ip6_checksum() would, without summing
 * the headers in and out again.
 */
VISIBLE_IF_KUNIT bool icmpx_csum6_ok(struct sk_buff *skb, unsigned int thoff)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	unsigned int len = skb->len - thoff;

	if (skb_csum_unnecessary(skb))
		return true;
	if (skb->ip_summed != CHECKSUM_NONE)
		return !nf_checksum(skb, NF_INET_LOCAL_IN, thoff, IPPROTO_ICMPV6,
				    AF_INET6);
	if (csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, len, IPPROTO_ICMPV6,
			    sum_of(skb, thoff, len)))
		return false;
	keep_good(skb);
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_csum6_ok);

/*
 * Hand the parser the bytes of the message it reads, and the checksum's
 * verdict: what the NIC verified where it did, else computed once and
 * the skb marked so that icmp_rcv() or icmpv6_rcv() does not compute
 * it again.  Then the policy in force
 * decides.  @pkt has the addresses; its limiter, if it has one, has
 * admitted it (@admitted), and counted it received.
 */
static unsigned int validate(const struct nf_hook_state *state,
			     struct sk_buff *skb, unsigned int thoff,
			     struct icmpx_net *in, struct icmpx_zone *z,
			     const struct icmpx_policy *pol,
			     struct icmpx_pkt *pkt, bool admitted)
{
	struct icmpx_route_ctx ctx = {
		.net = state->net, .dev = state->in, .skb = skb,
		.family = pkt->family, .memo = &in->memo,
	};
	struct icmpx_env env = { .ops = &icmpx_route_ops, .ctx = &ctx };
	struct icmpx_scratch *s = this_cpu_ptr(scratch);
	enum icmpx_family family = pkt->family;
	struct icmpx_msg *msg = &s->msg;
	enum icmpx_reason reason;
	struct icmpx_decision d;
	enum icmpx_drop drop;
	bool enforced;

	/* The message was seen to have a type byte: this cannot fail. */
	if (unlikely(icmpx_view(skb, thoff, pkt, s->buf)))
		return NF_ACCEPT;
	if (family == ICMPX_FAMILY_IPV4 ? icmpx_csum4_ok(skb, thoff) :
					  icmpx_csum6_ok(skb, thoff))
		pkt->csum = ICMPX_CSUM_GOOD;
	else
		pkt->csum = ICMPX_CSUM_BAD;

	reason = icmpx_parse(pkt, msg);
	/* Its limiter, if any, was spent on the header: not again. */
	drop = icmpx_decide(pol, pkt, msg, reason, &env, &d);
	enforced = icmpx_enforced(pol, drop);

	icmpx_count_msg(z->stats, msg, reason, drop, admitted);
	if (unlikely(msg->notes))
		count_notes(z->stats, msg);
	if (unlikely(d.notes & ICMPX_DECIDE_GUARDED))
		icmpx_count_event(z->stats, family, ICMPX_EV_GUARDED);
	if (unlikely(d.notes & ICMPX_DECIDE_TRUSTED))
		icmpx_count_event(z->stats, family, ICMPX_EV_TRUSTED);
	if (unlikely(pkt->loopback))
		icmpx_count_event(z->stats, family, ICMPX_EV_LOOPBACK);
	if (drop == ICMPX_DROP_NONE)
		return NF_ACCEPT;
	if (!enforced)
		icmpx_count_event(z->stats, family, ICMPX_EV_MONITORED);
	if (suspicious(msg))
		log_drop(pkt, drop, enforced);
	if (unlikely(icmpx_heard_lately(state->net, &in->events)))
		icmpx_notify(state->net, pkt, msg, drop, enforced);
	return enforced ? NF_DROP : NF_ACCEPT;
}

/* An event of a refusal, for a listener: the message is its header. */
static noinline void notify_refused(struct net *net,
				    const struct icmpx_pkt *pkt, bool enforced)
{
	struct icmpx_msg head = {
		.family = pkt->family, .type = pkt->data[0], .code = pkt->data[1],
	};

	icmpx_notify(net, pkt, &head, ICMPX_DROP_LIMIT, enforced);
}

/*
 * Where the flood ends: a limiter refused the message on its first two
 * bytes.  It is counted as received, dropped and limit-dropped, and
 * not as valid or malformed, for it was not read any further.
 */
static unsigned int refuse(struct net *net, struct icmpx_net *in,
			   struct icmpx_zone *z, const struct icmpx_policy *pol,
			   const struct icmpx_pkt *pkt)
{
	bool enforced = icmpx_enforced(pol, ICMPX_DROP_LIMIT);

	/* Never on loopback: what a namespace sends itself is not limited. */
	icmpx_count_limit(z->stats, pkt->family, pkt->data[0], false);
	if (!enforced)
		icmpx_count_event(z->stats, pkt->family, ICMPX_EV_MONITORED);
	if (unlikely(icmpx_heard_lately(net, &in->events)))
		notify_refused(net, pkt, enforced);
	return enforced ? NF_DROP : NF_ACCEPT;
}

/*
 * A message's limiter, if its type and code name one, judges it first:
 * what it refuses is dropped on those two bytes alone, and only what it
 * admits is checksummed, parsed and validated (validate()).  A flood
 * costs its header, a clock read and a bucket; nothing malformed gets
 * through, since nothing gets through unvalidated.
 */
static unsigned int icmpx_rcv(struct icmpx_net *in,
			      const struct nf_hook_state *state,
			      struct sk_buff *skb, enum icmpx_family family,
			      unsigned int thoff)
{
	struct icmpx_pkt pkt = { .family = family };
	const struct icmpx_config *cfg;
	const struct icmpx_policy *pol;
	bool admitted = false;
	struct icmpx_decision d;
	struct icmpx_zone *z;
	u8 buf[2], h;
	int sdif;

	/* Netfilter hooks run under rcu_read_lock(). */
	sdif = vrf_slave(state->in, skb, family);
	z = arrival_zone(in, state, sdif);
	cfg = rcu_dereference(z->config);
	pol = &cfg->pol;
	/* The hooks go with mode off; this is for a packet on its way then. */
	if (unlikely(pol->mode == ICMPX_MODE_OFF))
		return NF_ACCEPT;

	/* Without a type byte there is nothing to count the message as. */
	if (unlikely(thoff >= skb->len))
		goto nohdr;
	pkt.len = skb->len - thoff;
	pkt.avail = min_t(u32, pkt.len, sizeof(buf));
	pkt.data = skb_header_pointer(skb, thoff, pkt.avail, buf);
	if (unlikely(!pkt.data))
		goto nohdr;
	pkt.loopback = looped(state->in, sdif);
	pkt.link = arrival_link(state, sdif);
	if (family == ICMPX_FAMILY_IPV4) {
		const struct iphdr *iph = ip_hdr(skb);

		pkt.saddr = (const u8 *)&iph->saddr;
		pkt.daddr = (const u8 *)&iph->daddr;
		pkt.hoplimit = iph->ttl;
	} else {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		pkt.saddr = ip6h->saddr.s6_addr;
		pkt.daddr = ip6h->daddr.s6_addr;
		pkt.hoplimit = ip6h->hop_limit;
	}

	/* The policy's table names most types' limiters in one load. */
	d.limiter = 0;
	d.code_rule = 0;
	if (likely(pkt.avail == 2 && !pkt.loopback)) {
		h = cfg->limiter[family][pkt.data[0]];
		if (unlikely(h == ICMPX_HDR_ASK))
			icmpx_header_limiter(pol, &pkt, &d);
		else
			d.limiter = h;
	}
	/* A trusted source's messages skip the limiter, and only it. */
	if (d.limiter && unlikely(pol->ntrusted[family]) &&
	    icmpx_trusted(pol, family, pkt.saddr)) {
		icmpx_count_event(z->stats, family, ICMPX_EV_TRUSTED);
	} else if (d.limiter) {
		if (icmpx_ratelimit(in, z, &pol->limiters[d.limiter - 1], &d,
				    &pkt) != ICMPX_DROP_NONE)
			return refuse(state->net, in, z, pol, &pkt);
		icmpx_count_limit(z->stats, family, pkt.data[0], true);
		admitted = true;
	}
	return validate(state, skb, thoff, in, z, pol, &pkt, admitted);

nohdr:
	icmpx_count_event(z->stats, family, ICMPX_EV_NOHDR);
	return NF_ACCEPT;
}

/*
 * @priv is the namespace's struct icmpx_net (icmpx_hooks_register()):
 * no net_generic() lookup, with its RCU section, on every packet.
 */
static unsigned int icmpx_ipv4_in(void *priv, struct sk_buff *skb,
				  const struct nf_hook_state *state)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct icmpx_net *in = priv;

	if (likely(iph->protocol != IPPROTO_ICMP))
		return NF_ACCEPT;

	/* ip_local_deliver() reassembles before LOCAL_IN; be sure anyway. */
	if (unlikely(ip_is_fragment(iph))) {
		int sdif = vrf_slave(state->in, skb, ICMPX_FAMILY_IPV4);

		icmpx_count_event(arrival_zone(in, state, sdif)->stats,
				  ICMPX_FAMILY_IPV4, ICMPX_EV_FRAGMENT);
		return NF_ACCEPT;
	}
	return icmpx_rcv(in, state, skb, ICMPX_FAMILY_IPV4,
			 skb_network_offset(skb) + ip_hdrlen(skb));
}

static unsigned int icmpx_ipv6_in(void *priv, struct sk_buff *skb,
				  const struct nf_hook_state *state)
{
	struct icmpx_net *in = priv;
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
	 * IPv6 reassembles after LOCAL_IN unless nf_defrag_ipv6 runs (see
	 * ipv6_defrag), so a first fragment can arrive here: its ICMPv6
	 * message is incomplete and is not parsed.  Later fragments never
	 * match: ipv6_find_hdr() stops at their fragment header.
	 */
	if (unlikely(flags & IP6_FH_F_FRAG)) {
		int sdif = vrf_slave(state->in, skb, ICMPX_FAMILY_IPV6);

		icmpx_count_event(arrival_zone(in, state, sdif)->stats,
				  ICMPX_FAMILY_IPV6, ICMPX_EV_FRAGMENT);
		return NF_ACCEPT;
	}
	return icmpx_rcv(in, state, skb, ICMPX_FAMILY_IPV6, thoff);
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

/*
 * Off by default: nf_defrag_ipv6 would reassemble every IPv6 packet of
 * the namespace, forwarded ones and every protocol, only for the rare
 * fragmented ICMPv6 message (NDP never is, RFC 6980).  Without it a
 * fragmented message's first fragment reaches LOCAL_IN and is counted
 * as a fragment, and the stack reassembles after the hook.
 */
static bool ipv6_defrag;
module_param(ipv6_defrag, bool, 0444);
MODULE_PARM_DESC(ipv6_defrag,
		 "Reassemble IPv6 fragments before icmpx sees them, with nf_defrag_ipv6, so fragmented ICMPv6 is parsed whole (default: off)");

/*
 * nf_defrag_ipv6 is a module of its own on distribution kernels.  It is
 * looked up rather than linked against, so that a plain insmod of icmpx
 * works without it: fragments are then counted and left to the stack.
 */
static int (*defrag6_enable)(struct net *net);
static void (*defrag6_disable)(struct net *net);

static void defrag6_put(void)
{
	if (defrag6_enable)
		symbol_put(nf_defrag_ipv6_enable);
	if (defrag6_disable)
		symbol_put(nf_defrag_ipv6_disable);
	defrag6_enable = NULL;
	defrag6_disable = NULL;
}

int icmpx_hooks_init(void)
{
	scratch = alloc_percpu(struct icmpx_scratch);
	if (!scratch)
		return -ENOMEM;
	if (!ipv6_defrag)
		return 0;
	request_module("nf_defrag_ipv6");
	defrag6_enable = symbol_get(nf_defrag_ipv6_enable);
	defrag6_disable = symbol_get(nf_defrag_ipv6_disable);
	if (!defrag6_enable || !defrag6_disable) {
		defrag6_put();
		pr_warn("nf_defrag_ipv6 not available: fragmented ICMPv6 is counted as fragments, not parsed\n");
	}
	return 0;
}

void icmpx_hooks_exit(void)
{
	defrag6_put();
	free_percpu(scratch);
	scratch = NULL;
}

/* The namespace's own copy of the hooks, each knowing its namespace. */
int icmpx_hooks_register(struct net *net)
{
	struct icmpx_net *in = icmpx_pernet(net);
	int err, i;

	BUILD_BUG_ON(sizeof(in->ops) != sizeof(icmpx_nf_ops));
	memcpy(in->ops, icmpx_nf_ops, sizeof(in->ops));
	for (i = 0; i < ARRAY_SIZE(in->ops); i++)
		in->ops[i].priv = in;
	if (defrag6_enable) {
		err = defrag6_enable(net);
		if (err)
			return err;
	}
	err = nf_register_net_hooks(net, in->ops, ARRAY_SIZE(in->ops));
	if (err && defrag6_disable)
		defrag6_disable(net);
	return err;
}

void icmpx_hooks_unregister(struct net *net)
{
	struct icmpx_net *in = icmpx_pernet(net);

	nf_unregister_net_hooks(net, in->ops, ARRAY_SIZE(in->ops));
	if (defrag6_disable)
		defrag6_disable(net);
}
