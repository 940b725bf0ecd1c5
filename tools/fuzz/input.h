/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How a fuzz input maps onto a packet: three bytes of IP-layer context,
 * then the ICMP message itself.
 *
 *	byte 0: bit 0 family (0 IPv4, 1 IPv6); bits 1-2 checksum mode
 *		(0 verify, 1 good, 2 bad); bits 3-7 how many bytes to
 *		withhold from avail (a long message seen in part)
 *	byte 1: TTL or hop limit
 *	byte 2: bits 0-1 source (remote, global, ::, ::1), bits 2-4
 *		destination (local, all-nodes, solicited-node, another
 *		solicited-node group, one a byte away from being one)
 */
#ifndef _FUZZ_INPUT_H
#define _FUZZ_INPUT_H

#define FUZZ_PREFIX 3

static inline void fuzz_prefix(const struct icmpx_case *c, u8 out[FUZZ_PREFIX])
{
	out[0] = c->family == ICMPX_FAMILY_IPV6 ? 1 : 0;
	out[0] |= 1 << 1;		/* checksum verified: GOOD */
	out[1] = c->hoplimit ? c->hoplimit : 64;
	out[2] = c->src | c->dst << 2;
}
#endif
