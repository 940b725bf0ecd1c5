// SPDX-License-Identifier: GPL-2.0
/*
 * flood: send ICMP or ICMPv6 echo requests as fast as a raw socket
 * takes them, from many source addresses, for the rate-limit tests and
 * benchmarks of icmpx.
 *
 *   flood [-6] [-n SOURCES] [-c COUNT] [-i NS] SOURCE DEST
 *
 * Sources are SOURCE, SOURCE+1, ... SOURCE+SOURCES-1 (the last 32 bits
 * counting up), used in turn, COUNT packets in all.  -i waits NS
 * nanoseconds between batches of 64.  The IP header is ours (raw socket
 * with IPPROTO_RAW), so any source goes; checksums are computed here.
 * Prints what it sent and at what rate.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "inet_csum.h"

#define BATCH	64
#define PAYLOAD	16

struct pkt {
	uint8_t buf[40 + 8 + PAYLOAD];
	size_t len;
};

/* The last 32 bits of an address, plus @n. */
static void bump(uint8_t *addr, size_t len, uint32_t n)
{
	uint32_t v;

	memcpy(&v, addr + len - 4, 4);
	v = htonl(ntohl(v) + n);
	memcpy(addr + len - 4, &v, 4);
}

/* An echo request of @type with its checksum, from @sum onwards. */
static void echo(uint8_t *icmp, uint8_t type, uint16_t seq, uint32_t sum)
{
	uint16_t c;

	icmp[0] = type;
	icmp[4] = 0x1c;
	icmp[5] = 0xe5;
	icmp[6] = seq >> 8;
	icmp[7] = seq & 0xff;
	c = fold(sum16(icmp, 8 + PAYLOAD, sum));
	icmp[2] = c >> 8;
	icmp[3] = c & 0xff;
}

static void build4(struct pkt *p, const uint8_t *src, const uint8_t *dst,
		   uint16_t seq)
{
	uint8_t *ip = p->buf, *icmp = p->buf + 20;

	memset(p->buf, 0, sizeof(p->buf));
	p->len = 20 + 8 + PAYLOAD;
	ip[0] = 0x45;
	ip[2] = p->len >> 8;
	ip[3] = p->len & 0xff;
	ip[8] = 64;
	ip[9] = IPPROTO_ICMP;
	memcpy(ip + 12, src, 4);
	memcpy(ip + 16, dst, 4);
	/* The kernel fills in the IP checksum for IPPROTO_RAW. */
	echo(icmp, 8, seq, 0);
}

static void build6(struct pkt *p, const uint8_t *src, const uint8_t *dst,
		   uint16_t seq)
{
	uint8_t *ip = p->buf, *icmp = p->buf + 40;
	uint32_t sum;

	memset(p->buf, 0, sizeof(p->buf));
	p->len = 40 + 8 + PAYLOAD;
	ip[0] = 0x60;
	ip[5] = 8 + PAYLOAD;
	ip[6] = IPPROTO_ICMPV6;
	ip[7] = 64;
	memcpy(ip + 8, src, 16);
	memcpy(ip + 24, dst, 16);
	/* Pseudo-header: addresses, length, next header. */
	sum = sum16(ip + 8, 32, 0) + 8 + PAYLOAD + IPPROTO_ICMPV6;
	echo(icmp, 128, seq, sum);
}

static void usage(void)
{
	fprintf(stderr, "usage: flood [-6] [-n SOURCES] [-c COUNT] [-i NS] SOURCE DEST\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long sources = 1, count = 1000, gap = 0, sent = 0, i;
	struct sockaddr_storage to = {};
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	struct pkt pkts[BATCH];
	uint8_t src[16], dst[16], s[16];
	struct timespec t0, t1;
	int v6 = 0, fd, opt, alen, family;
	socklen_t tolen;
	double secs;

	while ((opt = getopt(argc, argv, "6n:c:i:")) != -1) {
		switch (opt) {
		case '6': v6 = 1; break;
		case 'n': sources = strtoul(optarg, NULL, 0); break;
		case 'c': count = strtoul(optarg, NULL, 0); break;
		case 'i': gap = strtoul(optarg, NULL, 0); break;
		default: usage();
		}
	}
	if (argc - optind != 2 || !sources)
		usage();
	family = v6 ? AF_INET6 : AF_INET;
	alen = v6 ? 16 : 4;
	if (inet_pton(family, argv[optind], src) != 1 ||
	    inet_pton(family, argv[optind + 1], dst) != 1) {
		fprintf(stderr, "flood: not %s addresses: %s %s\n",
			v6 ? "IPv6" : "IPv4", argv[optind], argv[optind + 1]);
		return 2;
	}
	fd = socket(family, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0) {
		perror("flood: socket (needs CAP_NET_RAW)");
		return 1;
	}
	if (v6) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&to;

		sin6->sin6_family = AF_INET6;
		memcpy(&sin6->sin6_addr, dst, 16);
		tolen = sizeof(*sin6);
	} else {
		struct sockaddr_in *sin = (struct sockaddr_in *)&to;

		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr, dst, 4);
		tolen = sizeof(*sin);
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (sent < count) {
		unsigned int n = count - sent < BATCH ? count - sent : BATCH;
		int r;

		for (i = 0; i < n; i++) {
			memcpy(s, src, alen);
			bump(s, alen, (sent + i) % sources);
			if (v6)
				build6(&pkts[i], s, dst, sent + i);
			else
				build4(&pkts[i], s, dst, sent + i);
			iov[i].iov_base = pkts[i].buf;
			iov[i].iov_len = pkts[i].len;
			memset(&msgs[i], 0, sizeof(msgs[i]));
			msgs[i].msg_hdr.msg_iov = &iov[i];
			msgs[i].msg_hdr.msg_iovlen = 1;
			msgs[i].msg_hdr.msg_name = &to;
			msgs[i].msg_hdr.msg_namelen = tolen;
		}
		r = sendmmsg(fd, msgs, n, 0);
		if (r < 0) {
			if (errno == ENOBUFS || errno == EAGAIN)
				continue;
			perror("flood: sendmmsg");
			return 1;
		}
		sent += r;
		if (gap) {
			struct timespec ts = { gap / 1000000000, gap % 1000000000 };

			nanosleep(&ts, NULL);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("sent %lu packets from %lu sources in %.2f s: %.0f/s\n",
	       sent, sources < count ? sources : count, secs,
	       secs > 0 ? sent / secs : 0);
	return 0;
}
