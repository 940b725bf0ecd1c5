/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels icmpx builds against (6.1 to 6.12),
 * kept here so that the rest of the code reads as if there were one.
 */
#ifndef _ICMPX_COMPAT_H
#define _ICMPX_COMPAT_H

#include <net/genetlink.h>
#include <net/udp.h>

/*
 * Features are found in the headers by Kbuild, not guessed from version
 * numbers: distribution kernels backport.
 *
 * A dump's request attributes: 6.6 moved them from struct
 * genl_dumpit_info into its struct genl_info (genl_info_dump()).
 */
static inline struct nlattr **icmpx_dump_attrs(struct netlink_callback *cb)
{
#ifdef ICMPX_HAVE_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/*
 * The UDP socket table a namespace's lookups use: 6.2 made it a
 * namespace's own (net->ipv4.udp_table, the global one unless
 * udp_child_hash_entries says otherwise).
 */
static inline struct udp_table *icmpx_udp_table(const struct net *net)
{
#ifdef ICMPX_HAVE_NETNS_UDP_TABLE
	return net->ipv4.udp_table;
#else
	return &udp_table;
#endif
}

#endif /* _ICMPX_COMPAT_H */
