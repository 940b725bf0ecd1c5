// SPDX-License-Identifier: GPL-2.0
/*
 * The policy's questions about addresses and routes, answered from the
 * namespace's own tables, as the stack would answer them when sending.
 * Only redirects and error messages ask, so a route lookup is paid for
 * by those alone.
 */
#include <linux/in.h>
#include <linux/in6.h>
#include <net/addrconf.h>
#include <net/ip6_route.h>
#include <net/route.h>

#include "route.h"

static bool local(const struct icmpx_env *env, u8 family, const u8 *addr)
{
	const struct icmpx_route_ctx *ctx = env->ctx;
	__be32 a4;

	if (family == ICMPX_FAMILY_IPV6)
		return ipv6_chk_addr(ctx->net, (const struct in6_addr *)addr,
				     NULL, 0);
	memcpy(&a4, addr, 4);
	return inet_addr_type(ctx->net, a4) == RTN_LOCAL;
}

static bool route4(const struct icmpx_route_ctx *ctx, const u8 *dst,
		   struct icmpx_route *out)
{
	struct flowi4 fl4 = {};
	struct rtable *rt;

	memcpy(&fl4.daddr, dst, 4);
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
	out->arrival = rt->dst.dev == ctx->dev;
	ip_rt_put(rt);
	return true;
}

static bool route6(const struct icmpx_route_ctx *ctx, const u8 *dst,
		   struct icmpx_route *out)
{
	struct flowi6 fl6 = {};
	struct dst_entry *d;
	struct rt6_info *rt;

	memcpy(&fl6.daddr, dst, 16);
	d = ip6_route_output(ctx->net, NULL, &fl6);
	if (d->error) {
		dst_release(d);
		return false;
	}
	rt = container_of(d, struct rt6_info, dst);
	if (rt->rt6i_flags & RTF_LOCAL)
		out->type = ICMPX_RT_LOCAL;
	else if (rt->rt6i_flags & RTF_REJECT)
		out->type = ICMPX_RT_OTHER;
	else
		out->type = ICMPX_RT_UNICAST;
	out->gateway = rt->rt6i_flags & RTF_GATEWAY;
	if (out->gateway)
		memcpy(out->gw, &rt->rt6i_gateway, 16);
	out->arrival = d->dev == ctx->dev;
	dst_release(d);
	return true;
}

static bool route(const struct icmpx_env *env, u8 family, const u8 *dst,
		  struct icmpx_route *out)
{
	memset(out, 0, sizeof(*out));
	if (family == ICMPX_FAMILY_IPV6)
		return route6(env->ctx, dst, out);
	return route4(env->ctx, dst, out);
}

const struct icmpx_env_ops icmpx_route_ops = {
	.local = local,
	.route = route,
};
