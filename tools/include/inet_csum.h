/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Internet checksum (RFC 1071) for the userspace packet senders
 * (tools/flood, tools/blast): bytes in network order, summed 16 bits at
 * a time, then folded and complemented.
 */
#ifndef _TOOLS_INET_CSUM_H
#define _TOOLS_INET_CSUM_H

#include <stddef.h>
#include <stdint.h>

static inline uint32_t sum16(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

static inline uint16_t fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

#endif /* _TOOLS_INET_CSUM_H */
