// SPDX-License-Identifier: GPL-2.0
/*
 * The policy's questions about addresses and routes, answered as the
 * stack answers them for the message at hand: in the routing domain of
 * the interface it arrived on (its VRF's table, through the l3mdev
 * rules), with local routes (AnyIP) and anycast addresses counted as
 * ours, and for redirects with the flow the redirected datagram took.
 * Only redirects and error messages ask, so a lookup is paid for by
 * those alone.
 */
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/addrconf.h>
#include <net/inet6_hashtables.h>
#include <net/inet_hashtables.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ip_fib.h>
#include <net/l3mdev.h>
#include <net/route.h>
#include <net/udp.h>

#include "compat.h"
#include "route.h"

/*
 * The interface the message really came in on.  Through a VRF the hook
 * sees the VRF device (vrf_ip_rcv() switched skb->dev to it); the
 * enslaved interface is kept as the "secondary" ifindex.
 */
static int arrival(const struct icmpx_route_ctx *ctx)
{
	int sdif = ctx->family == ICMPX_FAMILY_IPV6 ? inet6_sdif(ctx->skb) :
			  inet_sdif(ctx->skb);

	return sdif ?: ctx->dev->ifindex;
}

/* Would a packet to @a, arriving where the message did, be ours? */
static bool local4(const struct icmpx_route_ctx *ctx, const u8 *a)
{
	struct flowi4 fl4 = {
		.flowi4_iif = ctx->dev->ifindex,
		.flowi4_l3mdev = l3mdev_master_ifindex_rcu(ctx->dev),
	};
	struct fib_result res;

	memcpy(&fl4.daddr, a, 4);
	return !fib_lookup(ctx->net, &fl4, &res, 0) && res.type == RTN_LOCAL;
}

static bool local6(const struct icmpx_route_ctx *ctx, const u8 *a)
{
	struct flowi6 fl6 = {
		.flowi6_iif = ctx->dev->ifindex,
		.flowi6_l3mdev = l3mdev_master_ifindex_rcu(ctx->dev),
	};
	struct dst_entry *d;
	bool ret;

	/* A local route (AnyIP) or an anycast address, as routed. */
	memcpy(&fl6.daddr, a, 16);
	d = ip6_route_input_lookup(ctx->net, (struct net_device *)ctx->dev,
				   &fl6, NULL, 0);
	ret = !d->error && (dst_rt6_info(d)->rt6i_flags & (RTF_LOCAL | RTF_ANYCAST));
	dst_release(d);
	return ret;
}

/* ---- the memo of answers ------------------------------------------------- */

void icmpx_memo_init(struct icmpx_memo *m)
{
	int i;

	for (i = 0; i < ICMPX_MEMO_SIZE; i++)
		seqlock_init(&m->e[i].lock);
}

enum { MEMO_LOCAL, MEMO_ROUTE, MEMO_REDIRECT4 };

/* Where the message arrived, found at the first question it asks. */
static const struct icmpx_memo_where *where(struct icmpx_route_ctx *ctx)
{
	if (!ctx->have_where) {
		ctx->where.w[0] = (u32)ctx->dev->ifindex |
				  (u64)(u32)arrival(ctx) << 32;
		ctx->where.w[1] = (u32)l3mdev_master_ifindex_rcu(ctx->dev) |
				  (u64)ctx->skb->mark << 32;
		ctx->have_where = true;
	}
	return &ctx->where;
}

/*
 * The question, whole: what else an answer depends on is in the key.
 * Returned whole as seven words, which the caller's variable is made
 * of: stores of a constant size, no clearing first, no call.
 */
static struct icmpx_memo_key memo_key(struct icmpx_route_ctx *ctx, u8 op,
				      u8 family, const u8 *dst, const u8 *src)
{
	const struct icmpx_memo_where *at = where(ctx);
	u64 d[2] = {}, s[2] = {};
	u32 gen;

	BUILD_BUG_ON(sizeof(d) != ICMPX_REDIRECT_KEY);
	if (family == ICMPX_FAMILY_IPV6) {
		gen = rt_genid_ipv6(ctx->net);
		memcpy(d, dst, 16);
		if (src)
			memcpy(s, src, 16);
	} else if (op == MEMO_REDIRECT4) {
		gen = rt_genid_ipv4(ctx->net);
		memcpy(d, dst, ICMPX_REDIRECT_KEY);
	} else {
		gen = rt_genid_ipv4(ctx->net);
		memcpy(d, dst, 4);
		if (src)
			memcpy(s, src, 4);
	}
	return (struct icmpx_memo_key){ .w = {
		op | family << 8 | !!src << 16 | (u64)gen << 32,
		at->w[0], at->w[1], d[0], d[1], s[0], s[1],
	} };
}

static bool memo_key_equal(const struct icmpx_memo_key *a,
			   const struct icmpx_memo_key *b)
{
	u64 diff = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(a->w); i++)
		diff |= a->w[i] ^ b->w[i];
	return !diff;
}

static struct icmpx_memo_entry *memo_slot(struct icmpx_memo *m,
					  const struct icmpx_memo_key *k)
{
	u64 x = k->w[0] ^ k->w[3] ^ k->w[4];

	x ^= x >> 32;
	x ^= x >> 16;
	x ^= x >> 8;
	return &m->e[x % ICMPX_MEMO_SIZE];
}

static bool memo_get(struct icmpx_memo *m, const struct icmpx_memo_key *k,
		     struct icmpx_memo_answer *a)
{
	struct icmpx_memo_entry *e = memo_slot(m, k);
	unsigned int seq;
	bool hit;

	do {
		seq = read_seqbegin(&e->lock);
		hit = e->valid && memo_key_equal(&e->key, k);
		if (hit)
			*a = e->a;
	} while (read_seqretry(&e->lock, seq));
	return hit;
}

/* Context: the packet path, bottom halves disabled, as every writer. */
static void memo_put(struct icmpx_memo *m, const struct icmpx_memo_key *k,
		     const struct icmpx_memo_answer *a)
{
	struct icmpx_memo_entry *e = memo_slot(m, k);

	write_seqlock(&e->lock);
	e->key = *k;
	e->a = *a;
	e->valid = true;
	write_sequnlock(&e->lock);
}

static bool local(const struct icmpx_env *env, u8 family, const u8 *addr)
{
	struct icmpx_route_ctx *ctx = env->ctx;
	struct icmpx_memo_answer a = {};
	struct icmpx_memo_key k;

	/*
	 * Most errors quote one of our addresses: the cheap test first,
	 * cheaper than the memo.
	 */
	if (family == ICMPX_FAMILY_IPV6 &&
	    ipv6_chk_addr(ctx->net, (const struct in6_addr *)addr, NULL, 0))
		return true;
	k = memo_key(ctx, MEMO_LOCAL, family, addr, NULL);
	if (memo_get(ctx->memo, &k, &a))
		return a.yes;
	a.yes = family == ICMPX_FAMILY_IPV6 ? local6(ctx, addr) : local4(ctx, addr);
	memo_put(ctx->memo, &k, &a);
	return a.yes;
}

/* A redirect's verdict, remembered with the routes it was given in. */
static bool recall(const struct icmpx_env *env, const u8 *key, u8 *drop)
{
	struct icmpx_route_ctx *ctx = env->ctx;
	struct icmpx_memo_key k = memo_key(ctx, MEMO_REDIRECT4,
					   ICMPX_FAMILY_IPV4, key, NULL);
	struct icmpx_memo_answer a;

	if (!memo_get(ctx->memo, &k, &a))
		return false;
	*drop = a.drop;
	return true;
}

static void remember(const struct icmpx_env *env, const u8 *key, u8 drop)
{
	struct icmpx_route_ctx *ctx = env->ctx;
	struct icmpx_memo_key k = memo_key(ctx, MEMO_REDIRECT4,
					   ICMPX_FAMILY_IPV4, key, NULL);
	struct icmpx_memo_answer a = { .drop = drop };

	memo_put(ctx->memo, &k, &a);
}

/*
 * A socket that sent @in from an address that is not ours: one with
 * IP_TRANSPARENT or IP_FREEBIND (TPROXY), found as tcp_v4_err() and
 * __udp4_lib_err() would find it.  The lookups take no lock; TCP's
 * takes a reference, given back at once.
 */
static bool owner4(const struct icmpx_route_ctx *ctx, const struct icmpx_inner *in)
{
	int dif = ctx->dev->ifindex, sdif = inet_sdif(ctx->skb);
	struct net *net = ctx->net;
	__be32 local, remote;
	struct sock *sk;

	memcpy(&local, in->saddr, 4);
	memcpy(&remote, in->daddr, 4);
	if (in->proto == IPPROTO_UDP)
		return __udp4_lib_lookup(net, remote, htons(in->dport), local,
					 htons(in->sport), dif, sdif,
					 icmpx_udp_table(net), NULL);
	sk = __inet_lookup_established(net, net->ipv4.tcp_death_row.hashinfo,
				       remote, htons(in->dport), local,
				       in->sport, dif, sdif);
	if (!sk)
		return false;
	sock_gen_put(sk);
	return true;
}

static bool owner6(const struct icmpx_route_ctx *ctx, const struct icmpx_inner *in)
{
	const struct in6_addr *local = (const struct in6_addr *)in->saddr;
	const struct in6_addr *remote = (const struct in6_addr *)in->daddr;
	int dif = ctx->dev->ifindex, sdif = inet6_sdif(ctx->skb);
	struct net *net = ctx->net;
	struct sock *sk;

	if (in->proto == IPPROTO_UDP)
		return __udp6_lib_lookup(net, remote, htons(in->dport), local,
					 htons(in->sport), dif, sdif,
					 icmpx_udp_table(net), NULL);
	sk = __inet6_lookup_established(net, net->ipv4.tcp_death_row.hashinfo,
					remote, htons(in->dport), local,
					in->sport, dif, sdif);
	if (!sk)
		return false;
	sock_gen_put(sk);
	return true;
}

static bool owner(const struct icmpx_env *env, const struct icmpx_inner *in)
{
	if (!in->ports || (in->proto != IPPROTO_TCP && in->proto != IPPROTO_UDP))
		return false;
	if (in->family == ICMPX_FAMILY_IPV6)
		return owner6(env->ctx, in);
	return owner4(env->ctx, in);
}

/*
 * As a socket of the arrival's VRF would send (oif the VRF device, as
 * __build_flow_key() sets it from sk_bound_dev_if), from @src if given
 * whether or not it is one of ours (FLOWI_FLAG_ANYSRC), with the
 * packet's mark.
 */
static bool route4(const struct icmpx_route_ctx *ctx, const u8 *dst,
		   const u8 *src, struct icmpx_route *out)
{
	struct flowi4 fl4 = {
		.flowi4_oif = l3mdev_master_ifindex_rcu(ctx->dev),
		.flowi4_mark = ctx->skb->mark,
		.flowi4_flags = FLOWI_FLAG_ANYSRC,
	};
	struct rtable *rt;

	memcpy(&fl4.daddr, dst, 4);
	if (src)
		memcpy(&fl4.saddr, src, 4);
	rt = ip_route_output_key(ctx->net, &fl4);
	if (IS_ERR(rt))
		return false;

	switch (rt->rt_type) {
	case RTN_UNICAST:
		out->type = ICMPX_RT_UNICAST;
		break;
	case RTN_LOCAL:
		out->type = ICMPX_RT_LOCAL;
		break;
	case RTN_BROADCAST:
		out->type = ICMPX_RT_BROADCAST;
		break;
	default:
		out->type = ICMPX_RT_OTHER;
		break;
	}
	/* A route through an IPv6 next hop has a gateway no redirect names. */
	out->gateway = rt->rt_gw_family != 0;
	if (rt->rt_gw_family == AF_INET)
		memcpy(out->gw, &rt->rt_gw4, 4);
	out->arrival = rt->dst.dev->ifindex == arrival(ctx);
	ip_rt_put(rt);
	return true;
}

static bool route6(const struct icmpx_route_ctx *ctx, const u8 *dst,
		   const u8 *src, struct icmpx_route *out)
{
	struct flowi6 fl6 = {
		.flowi6_oif = l3mdev_master_ifindex_rcu(ctx->dev),
		.flowi6_mark = ctx->skb->mark,
	};
	struct dst_entry *d;
	struct rt6_info *rt;

	memcpy(&fl6.daddr, dst, 16);
	if (src)
		memcpy(&fl6.saddr, src, 16);
	d = ip6_route_output(ctx->net, NULL, &fl6);
	if (d->error) {
		dst_release(d);
		return false;
	}
	rt = dst_rt6_info(d);
	if (rt->rt6i_flags & RTF_LOCAL)
		out->type = ICMPX_RT_LOCAL;
	else if (rt->rt6i_flags & RTF_REJECT)
		out->type = ICMPX_RT_OTHER;
	else
		out->type = ICMPX_RT_UNICAST;
	out->gateway = rt->rt6i_flags & RTF_GATEWAY;
	if (out->gateway)
		memcpy(out->gw, &rt->rt6i_gateway, 16);
	out->arrival = d->dev->ifindex == arrival(ctx);
	dst_release(d);
	return true;
}

static bool route(const struct icmpx_env *env, u8 family, const u8 *dst,
		  const u8 *src, struct icmpx_route *out)
{
	struct icmpx_route_ctx *ctx = env->ctx;
	struct icmpx_memo_key k = memo_key(ctx, MEMO_ROUTE, family, dst, src);
	struct icmpx_memo_answer a = {};

	if (!memo_get(ctx->memo, &k, &a)) {
		a.yes = family == ICMPX_FAMILY_IPV6 ?
			route6(ctx, dst, src, &a.rt) : route4(ctx, dst, src, &a.rt);
		memo_put(ctx->memo, &k, &a);
	}
	*out = a.rt;
	return a.yes;
}

const struct icmpx_env_ops icmpx_route_ops = {
	.local = local,
	.route = route,
	.owner = owner,
	.recall = recall,
	.remember = remember,
};
