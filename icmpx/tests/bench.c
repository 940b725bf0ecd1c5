// SPDX-License-Identifier: GPL-2.0
/*
 * icmpx_bench.ko: the cost of the LOCAL_IN hook path per message, in ns,
 * without the rest of the stack.
 *
 * Each message is built once as an skb and handed to nf_hook() many
 * times in the namespace of the process that asks, so it measures
 * whatever that namespace has registered at LOCAL_IN: icmpx, an nftables
 * or iptables ruleset, or nothing (the loop's own cost).  The skb is
 * held by an extra reference, so a hook that drops it only gives that
 * reference back and the next round finds it whole.
 *
 *   # echo 200000 > /sys/kernel/debug/icmpx_bench
 *   # cat /sys/kernel/debug/icmpx_bench
 *   udp4 ipv4 41 200000 0
 *   ...
 *   # echo 200000 echo4 > /sys/kernel/debug/icmpx_bench	(one of them)
 *
 * (name, family, ns per packet, accepted, dropped).  The messages come
 * from 10.9.0.2 / fd09::2 to 10.9.0.1 / fd09::1, which the namespace is
 * expected to own, as selftests/bench sets up, and arrive on its first
 * device that is not loopback; errors quote a UDP datagram sent the
 * other way.  Only built with ICMPX_BENCH=1: the
 * benchmark's, never installed.
 */
#include <linux/debugfs.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/nsproxy.h>
#include <linux/netfilter.h>
#include <linux/sched/signal.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip6_checksum.h>
#include <net/net_namespace.h>

#define ITERS_MAX	100000000u
/* Rounds with bottom halves off before the CPU may do something else. */
#define CHUNK		256
#define MSG_MAX		128
#define OUT_MAX		4096
#define SPOOF_SOURCES	1000000u

enum bench_kind { UDP, ICMP, SPOOF };

struct bench_msg {
	const char *name;
	u8 family;		/* NFPROTO_IPV4 or NFPROTO_IPV6 */
	enum bench_kind kind;
	u8 type, code;
	u32 rest;		/* the second word of the ICMP header */
	u8 quote;		/* errors: quote a datagram of ours */
	u8 body_len;		/* bytes after the ICMP header, if not quoting */
	u8 hops;
	bool bad_csum;
	u8 trunc;		/* ICMP bytes kept, when truncated */
};

static const struct bench_msg msgs[] = {
	{ "udp4",	NFPROTO_IPV4, UDP },
	{ "echo4",	NFPROTO_IPV4, ICMP, ICMP_ECHO, 0, 0x1ce50001, 0, 16 },
	{ "spoof4",	NFPROTO_IPV4, SPOOF, ICMP_ECHO, 0, 0x1ce50001, 0, 16 },
	{ "reply4",	NFPROTO_IPV4, ICMP, ICMP_ECHOREPLY, 0, 0x1ce50001, 0, 16 },
	{ "unreach4",	NFPROTO_IPV4, ICMP, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0, 1 },
	{ "fragneed4",	NFPROTO_IPV4, ICMP, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, 1400, 1 },
	{ "timex4",	NFPROTO_IPV4, ICMP, ICMP_TIME_EXCEEDED, 0, 0, 1 },
	{ "redirect4",	NFPROTO_IPV4, ICMP, ICMP_REDIRECT, ICMP_REDIR_HOST, 0x0a090082, 1 },
	{ "quench4",	NFPROTO_IPV4, ICMP, ICMP_SOURCE_QUENCH, 0, 0, 1 },
	{ "tstamp4",	NFPROTO_IPV4, ICMP, ICMP_TIMESTAMP, 0, 0, 0, 12 },
	{ "badsum4",	NFPROTO_IPV4, ICMP, ICMP_ECHO, 0, 0x1ce50001, 0, 16, 0, true },
	{ "short4",	NFPROTO_IPV4, ICMP, ICMP_ECHO, 0, 0x1ce50001, 0, 16, 0, false, 6 },
	{ "udp6",	NFPROTO_IPV6, UDP },
	{ "echo6",	NFPROTO_IPV6, ICMP, ICMPV6_ECHO_REQUEST, 0, 0x1ce50001, 0, 16, 64 },
	{ "ptb6",	NFPROTO_IPV6, ICMP, ICMPV6_PKT_TOOBIG, 0, 1400, 1, 0, 64 },
	{ "unreach6",	NFPROTO_IPV6, ICMP, ICMPV6_DEST_UNREACH, ICMPV6_PORT_UNREACH, 0, 1, 0, 64 },
	{ "ns6",	NFPROTO_IPV6, ICMP, NDISC_NEIGHBOUR_SOLICITATION, 0, 0, 0, 16, 255 },
	{ "badsum6",	NFPROTO_IPV6, ICMP, ICMPV6_ECHO_REQUEST, 0, 0x1ce50001, 0, 16, 64, true },
};

static const __be32 peer4 = cpu_to_be32(0x0a090002), self4 = cpu_to_be32(0x0a090001);
static const struct in6_addr peer6 = {{{ 0xfd, 0x09, [15] = 2 }}};
static const struct in6_addr self6 = {{{ 0xfd, 0x09, [15] = 1 }}};

static DEFINE_MUTEX(bench_lock);
static char *bench_out;
static size_t bench_len;
static struct dentry *bench_file;

/* An IPv4 header for @len bytes of @proto, checksummed. */
static void put_ip4(struct iphdr *iph, __be32 saddr, __be32 daddr, u8 proto,
		    unsigned int len)
{
	*iph = (struct iphdr){
		.version = 4, .ihl = 5, .ttl = 64, .protocol = proto,
		.tot_len = htons(sizeof(*iph) + len),
		.saddr = saddr, .daddr = daddr,
	};
	iph->check = ip_fast_csum((u8 *)iph, iph->ihl);
}

/* A UDP header of 8 bytes of data from us to the peer, as errors quote. */
static unsigned int put_quote(u8 *p, u8 family)
{
	struct udphdr *uh;

	if (family == NFPROTO_IPV4) {
		put_ip4((struct iphdr *)p, self4, peer4, IPPROTO_UDP, 16);
		uh = (struct udphdr *)(p + sizeof(struct iphdr));
	} else {
		struct ipv6hdr *ip6h = (struct ipv6hdr *)p;

		*ip6h = (struct ipv6hdr){
			.version = 6, .nexthdr = IPPROTO_UDP, .hop_limit = 64,
			.payload_len = htons(16), .saddr = self6, .daddr = peer6,
		};
		uh = (struct udphdr *)(ip6h + 1);
	}
	*uh = (struct udphdr){
		.source = htons(33434), .dest = htons(53), .len = htons(16),
	};
	return (u8 *)(uh + 1) + 8 - p;
}

/* The transport part of @m at @p: its length. */
static unsigned int put_l4(const struct bench_msg *m, u8 *p)
{
	__be32 rest = htonl(m->rest);
	unsigned int len;

	memset(p, 0, MSG_MAX);
	if (m->kind == UDP) {
		struct udphdr *uh = (struct udphdr *)p;

		uh->source = htons(40000);
		uh->dest = htons(9);
		uh->len = htons(26);
		memset(uh + 1, 0xab, 18);
		return 26;
	}
	p[0] = m->type;
	p[1] = m->code;
	memcpy(p + 4, &rest, sizeof(rest));
	if (m->quote)
		len = 8 + put_quote(p + 8, m->family);
	else
		len = 8 + m->body_len;
	if (m->type == NDISC_NEIGHBOUR_SOLICITATION)
		memcpy(p + 8, &self6, sizeof(self6));
	return len;
}

static struct sk_buff *build(const struct bench_msg *m, struct net_device *dev)
{
	unsigned int hlen = m->family == NFPROTO_IPV4 ? sizeof(struct iphdr) :
							 sizeof(struct ipv6hdr);
	u8 proto = m->kind == UDP ? IPPROTO_UDP :
		   m->family == NFPROTO_IPV4 ? IPPROTO_ICMP : IPPROTO_ICMPV6;
	u8 l4[MSG_MAX];
	struct sk_buff *skb;
	unsigned int len;
	__sum16 *check;
	__wsum csum;

	len = put_l4(m, l4);
	check = (__sum16 *)(l4 + (m->kind == UDP ? 6 : 2));
	if (m->family == NFPROTO_IPV4) {
		csum = csum_partial(l4, len, 0);
		*check = m->kind == UDP ?
			csum_tcpudp_magic(peer4, self4, len, proto, csum) :
			csum_fold(csum);
	} else {
		*check = csum_ipv6_magic(&peer6, &self6, len, proto,
					 csum_partial(l4, len, 0));
	}
	if (m->bad_csum)
		*check ^= (__force __sum16)0x5a5a;
	if (m->trunc)
		len = m->trunc;

	skb = alloc_skb(LL_MAX_HEADER + hlen + len, GFP_KERNEL);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_MAX_HEADER);
	skb_reset_network_header(skb);
	if (m->family == NFPROTO_IPV4) {
		put_ip4(skb_put(skb, hlen), peer4, self4, proto, len);
		skb->protocol = htons(ETH_P_IP);
	} else {
		*(struct ipv6hdr *)skb_put(skb, hlen) = (struct ipv6hdr){
			.version = 6, .nexthdr = proto,
			.hop_limit = m->hops ?: 64, .payload_len = htons(len),
			.saddr = peer6, .daddr = self6,
		};
		skb->protocol = htons(ETH_P_IPV6);
	}
	skb_set_transport_header(skb, hlen);
	skb_put_data(skb, l4, len);
	skb->dev = dev;
	skb->pkt_type = PACKET_HOST;
	return skb;
}

/* The spoofed flood: a new source each round, its checksum with it. */
static void respoof(struct sk_buff *skb, u32 i)
{
	struct iphdr *iph = ip_hdr(skb);

	iph->saddr = htonl(0x0a800000 + i % SPOOF_SOURCES);
	iph->check = 0;
	iph->check = ip_fast_csum((u8 *)iph, iph->ihl);
}

static int bench_okfn(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	return 0;
}

struct bench_result {
	u64 ns, accepted, dropped;
};

/*
 * The device the messages arrive on: the namespace's first that is not
 * loopback (selftests/bench's veth0), since icmpx neither limits nor
 * validates what a namespace sends itself; loopback when there is none.
 */
static struct net_device *bench_dev(struct net *net)
{
	struct net_device *dev, *found = net->loopback_dev;

	rcu_read_lock();
	for_each_netdev_rcu(net, dev) {
		if (!(dev->flags & IFF_LOOPBACK)) {
			found = dev;
			break;
		}
	}
	dev_hold(found);
	rcu_read_unlock();
	return found;
}

static int bench_one(struct net *net, const struct bench_msg *m, u32 iters,
		     struct bench_result *r)
{
	struct net_device *dev = bench_dev(net);
	struct sk_buff *skb = build(m, dev);
	u32 i = 0, n;
	u64 t0;
	int ret;

	if (!skb) {
		dev_put(dev);
		return -ENOMEM;
	}
	memset(r, 0, sizeof(*r));
	while (i < iters) {
		n = min(iters - i, (u32)CHUNK);
		local_bh_disable();
		t0 = ktime_get_ns();
		for (; n; n--, i++) {
			if (m->kind == SPOOF)
				respoof(skb, i);
			/* What a hook may have changed, as the NIC left it. */
			skb->ip_summed = CHECKSUM_NONE;
			skb_get(skb);
			ret = nf_hook(m->family, NF_INET_LOCAL_IN, net, NULL, skb,
				      dev, NULL, bench_okfn);
			if (ret == 1) {
				r->accepted++;
				kfree_skb(skb);	/* our extra reference */
			} else {
				r->dropped++;	/* the hook gave it back */
			}
		}
		r->ns += ktime_get_ns() - t0;
		local_bh_enable();
		cond_resched();
		if (signal_pending(current)) {
			kfree_skb(skb);
			dev_put(dev);
			return -EINTR;
		}
	}
	kfree_skb(skb);
	dev_put(dev);
	return 0;
}

/* "ITERS [NAME]": every message, or the one named, ITERS times each. */
static ssize_t bench_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	struct net *net = current->nsproxy->net_ns;
	char buf[64], name[16] = "";
	struct bench_result r;
	size_t len = 0;
	char *out;
	u32 iters;
	int err = -ENOENT, i;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (sscanf(buf, "%u %15s", &iters, name) < 1)
		return -EINVAL;
	if (!iters || iters > ITERS_MAX)
		return -ERANGE;
	out = kzalloc(OUT_MAX, GFP_KERNEL);
	if (!out)
		return -ENOMEM;
	mutex_lock(&bench_lock);
	for (i = 0; i < ARRAY_SIZE(msgs); i++) {
		if (*name && strcmp(name, msgs[i].name))
			continue;
		err = bench_one(net, &msgs[i], iters, &r);
		if (err)
			break;
		len += scnprintf(out + len, OUT_MAX - len,
				 "%s ipv%u %llu %llu %llu\n", msgs[i].name,
				 msgs[i].family == NFPROTO_IPV4 ? 4 : 6,
				 div_u64(r.ns, iters), r.accepted, r.dropped);
	}
	if (!err) {
		kfree(bench_out);
		bench_out = out;
		bench_len = len;
		out = NULL;
	}
	mutex_unlock(&bench_lock);
	kfree(out);
	return err ?: count;
}

static ssize_t bench_read(struct file *file, char __user *ubuf, size_t count,
			  loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&bench_lock);
	ret = simple_read_from_buffer(ubuf, count, ppos, bench_out, bench_len);
	mutex_unlock(&bench_lock);
	return ret;
}

static const struct file_operations bench_fops = {
	.owner = THIS_MODULE,
	.read = bench_read,
	.write = bench_write,
	.llseek = default_llseek,
};

static int __init bench_init(void)
{
	bench_file = debugfs_create_file("icmpx_bench", 0600, NULL, NULL,
					 &bench_fops);
	return IS_ERR(bench_file) ? PTR_ERR(bench_file) : 0;
}

static void __exit bench_exit(void)
{
	debugfs_remove(bench_file);
	kfree(bench_out);
}

module_init(bench_init);
module_exit(bench_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Micro-benchmark of the LOCAL_IN hook path for icmpx");
