// SPDX-License-Identifier: GPL-2.0
/*
 * blast: the benchmark's traffic generator, and the packet fuzz's.
 * Whole Ethernet frames, built once (or patched in place), handed to an
 * AF_PACKET socket 64 at a time with sendmmsg() and PACKET_QDISC_BYPASS,
 * from one pinned thread per CPU, for a given time.
 *
 *   blast -i IFACE -M DSTMAC -m MODE [-t THREADS] [-d SECONDS]
 *         [-n SOURCES] [-s FIRST] [-o SKIP] [-a SRC,DST] [-A SRC6,DST6]
 *         [-c COUNT] [-S SEED] [-q]
 *
 * MODE is one of
 *   udp    UDP datagrams of 18 bytes to port 9 from one source
 *   udp6   the same over IPv6
 *   echo   ICMP echo requests from one source
 *   echo6  ICMPv6 echo requests from one source
 *   spoof  ICMP echo requests from SOURCES sources (default 10^6) counted
 *          up from FIRST (default 10.64.0.0, off the link: the answers
 *          take the receiver's default route, with no address to
 *          resolve; on-link ones would each wait on ARP, holding the
 *          receiver's ICMP socket buffer and starving every answer),
 *          each thread walking its own share of them
 *   spoof6 ICMPv6 echo requests from SOURCES sources, each in a /64 of
 *          its own (fd40:0:N::1 for N counted up from 0, 32 bits wide:
 *          off the link, as for spoof), each thread its share of them
 *   mix    every kind of ICMP and ICMPv6 message a host meets, good and
 *          malformed, in turn, from 256 sources
 *   fuzz   random and mutated ICMP and ICMPv6 frames (see fuzz_frame()),
 *          the same ones again for the same SEED, THREADS and COUNT
 *
 * With -c, any mode ends when COUNT frames are sent, whatever SECONDS
 * says.  -o starts the spoofed sources SKIP into their count (modulo
 * SOURCES): a flood of sources that an earlier one (from 0) did not
 * send, which a table that one filled has no entry for.
 *
 * -q sends through the qdisc layer instead, for a flood into a device
 * that may go away: the bypass divides by the device's number of queues,
 * which its unregistration sets to zero while a sender still holds it
 * (6.12's packet_pick_tx_queue(): a divide error in the sender).
 *
 * Thread i runs on CPU i.  On a veth the receiver's stack runs in the
 * sender's context (netif_rx, then the softirq as the send returns), so
 * THREADS is also the number of CPUs receiving.  Prints one line:
 *   sent=N secs=S pps=R
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "inet_csum.h"

#define BATCH		64
#define FRAME_MAX	1514	/* a full Ethernet frame, for the fuzz */
#define MAX_THREADS	64
#define MIX_SOURCES	256
#define MIX_MAX		32

struct frame {
	uint8_t buf[FRAME_MAX];
	size_t len;
};

enum mode { M_UDP, M_UDP6, M_ECHO, M_ECHO6, M_SPOOF, M_SPOOF6, M_MIX, M_FUZZ };

static struct {
	enum mode mode;
	int ifindex;
	uint8_t smac[6], dmac[6];
	uint8_t src4[4], dst4[4], src6[16], dst6[16];
	uint8_t first4[4];
	unsigned long sources;
	unsigned long count;		/* frames to send in all (-c), or 0 */
	unsigned long skip;		/* the spoofed sources start here */
	uint64_t seed;
	unsigned int threads;
	double seconds;
	bool qdisc;			/* -q: no PACKET_QDISC_BYPASS */
} cfg;

struct worker {
	pthread_t tid;
	unsigned int id;
	unsigned long sent;
	int err;
};

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static uint8_t *eth(struct frame *f, uint16_t proto)
{
	memset(f, 0, sizeof(*f));
	memcpy(f->buf, cfg.dmac, 6);
	memcpy(f->buf + 6, cfg.smac, 6);
	put16(f->buf + 12, proto);
	return f->buf + 14;
}

/* An IPv4 header at @ip for @paylen bytes of @proto, with its checksum. */
static void ip4(uint8_t *ip, const uint8_t *src, const uint8_t *dst,
		uint8_t proto, size_t paylen)
{
	ip[0] = 0x45;
	put16(ip + 2, 20 + paylen);
	ip[8] = 64;
	ip[9] = proto;
	memcpy(ip + 12, src, 4);
	memcpy(ip + 16, dst, 4);
	put16(ip + 10, 0);
	put16(ip + 10, fold(sum16(ip, 20, 0)));
}

/*
 * An ICMPv4 frame: @body (type, code, 2 checksum bytes, the rest) of
 * @len bytes; @csum_ok false sends it with a wrong checksum.
 */
static void icmp4(struct frame *f, const uint8_t *src, const uint8_t *body,
		  size_t len, int csum_ok)
{
	uint8_t *ip = eth(f, ETHERTYPE_IP), *icmp = ip + 20;

	memcpy(icmp, body, len);
	if (len >= 4) {
		put16(icmp + 2, 0);
		put16(icmp + 2, fold(sum16(icmp, len, 0)) ^ (csum_ok ? 0 : 0x5a5a));
	}
	ip4(ip, src, cfg.dst4, IPPROTO_ICMP, len);
	f->len = 14 + 20 + len;
}

static void icmp6(struct frame *f, const uint8_t *src, const uint8_t *dst,
		  uint8_t hops, const uint8_t *body, size_t len, int csum_ok)
{
	uint8_t *ip = eth(f, ETHERTYPE_IPV6), *icmp = ip + 40;
	uint32_t sum;

	ip[0] = 0x60;
	put16(ip + 4, len);
	ip[6] = IPPROTO_ICMPV6;
	ip[7] = hops;
	memcpy(ip + 8, src, 16);
	memcpy(ip + 24, dst, 16);
	memcpy(icmp, body, len);
	if (len >= 4) {
		sum = sum16(ip + 8, 32, 0) + len + IPPROTO_ICMPV6;
		put16(icmp + 2, 0);
		put16(icmp + 2, fold(sum16(icmp, len, sum)) ^ (csum_ok ? 0 : 0x5a5a));
	}
	f->len = 14 + 40 + len;
}

static void udp4(struct frame *f)
{
	uint8_t *ip = eth(f, ETHERTYPE_IP), *udp = ip + 20;
	size_t len = 8 + 18;
	uint32_t sum;

	put16(udp, 40000);
	put16(udp + 2, 9);
	put16(udp + 4, len);
	memset(udp + 8, 0xab, len - 8);
	sum = sum16(cfg.src4, 4, 0) + sum16(cfg.dst4, 4, 0) + IPPROTO_UDP + len;
	put16(udp + 6, fold(sum16(udp, len, sum)));
	ip4(ip, cfg.src4, cfg.dst4, IPPROTO_UDP, len);
	f->len = 14 + 20 + len;
}

static void udp6(struct frame *f)
{
	uint8_t *ip = eth(f, ETHERTYPE_IPV6), *udp = ip + 40;
	size_t len = 8 + 18;
	uint32_t sum;

	ip[0] = 0x60;
	put16(ip + 4, len);
	ip[6] = IPPROTO_UDP;
	ip[7] = 64;
	memcpy(ip + 8, cfg.src6, 16);
	memcpy(ip + 24, cfg.dst6, 16);
	put16(udp, 40000);
	put16(udp + 2, 9);
	put16(udp + 4, len);
	memset(udp + 8, 0xab, len - 8);
	sum = sum16(ip + 8, 32, 0) + IPPROTO_UDP + len;
	put16(udp + 6, fold(sum16(udp, len, sum)));
	f->len = 14 + 40 + len;
}

/* An echo request or reply body: id, sequence, 16 bytes of data. */
static size_t echo_body(uint8_t *b, uint8_t type)
{
	memset(b, 0, 24);
	b[0] = type;
	put16(b + 4, 0x1ce5);
	put16(b + 6, 1);
	memset(b + 8, 0x61, 16);
	return 24;
}

/* An ICMP header and @quote zeroed bytes after it. */
static void icmp_hdr(uint8_t *b, uint8_t type, uint8_t code, uint32_t rest,
		     size_t quote)
{
	memset(b, 0, 8 + quote);
	b[0] = type;
	b[1] = code;
	b[4] = rest >> 24;
	b[5] = rest >> 16;
	b[6] = rest >> 8;
	b[7] = rest;
}

/*
 * An error message's body quoting a UDP datagram this host sent to the
 * sender (so error validation finds it plausible), or, with @bad_inner,
 * a quote whose IP header is not one.
 */
static size_t error4_body(uint8_t *b, uint8_t type, uint8_t code,
			  uint32_t rest, int bad_inner)
{
	uint8_t *in = b + 8;

	icmp_hdr(b, type, code, rest, 28);
	ip4(in, cfg.dst4, cfg.src4, IPPROTO_UDP, 8);
	put16(in + 20, 33434);
	put16(in + 22, 53);
	put16(in + 24, 8);
	if (bad_inner)
		in[0] = 0x55;
	return 8 + 28;
}

static size_t error6_body(uint8_t *b, uint8_t type, uint8_t code,
			  uint32_t rest)
{
	uint8_t *in = b + 8;

	icmp_hdr(b, type, code, rest, 48);
	in[0] = 0x60;
	put16(in + 4, 8);
	in[6] = IPPROTO_UDP;
	in[7] = 64;
	memcpy(in + 8, cfg.dst6, 16);
	memcpy(in + 24, cfg.src6, 16);
	put16(in + 40, 33434);
	put16(in + 42, 53);
	put16(in + 44, 8);
	return 8 + 48;
}

/*
 * The mix: what a host meets, one frame of each, good and malformed, into
 * @frames (MIX_MAX), from the sources whose last byte is @low.  Returns
 * how many.
 */
static size_t build_mix(struct frame *frames, uint8_t low)
{
	uint8_t b[FRAME_MAX], gw[4], tgt6[16], src4[4], src6[16];
	size_t n = 0, len;

	memcpy(src4, cfg.src4, 4);
	memcpy(src6, cfg.src6, 16);
	src4[3] = low;
	src6[15] = low;
	memcpy(gw, cfg.src4, 4);
	gw[3] ^= 0x80;
	/* IPv4 */
	len = echo_body(b, 8);
	icmp4(&frames[n++], src4, b, len, 1);
	len = echo_body(b, 0);
	icmp4(&frames[n++], src4, b, len, 1);
	len = error4_body(b, 3, 3, 0, 0);		/* port unreachable */
	icmp4(&frames[n++], src4, b, len, 1);
	len = error4_body(b, 3, 4, 1400, 0);		/* frag needed */
	icmp4(&frames[n++], src4, b, len, 1);
	len = error4_body(b, 11, 0, 0, 0);		/* time exceeded */
	icmp4(&frames[n++], src4, b, len, 1);
	len = error4_body(b, 12, 0, 0x14000000, 0);	/* parameter problem */
	icmp4(&frames[n++], src4, b, len, 1);
	len = error4_body(b, 4, 0, 0, 0);		/* source quench */
	icmp4(&frames[n++], src4, b, len, 1);
	len = error4_body(b, 5, 1, (uint32_t)gw[0] << 24 | gw[1] << 16 |
			  gw[2] << 8 | gw[3], 0);	/* redirect */
	icmp4(&frames[n++], src4, b, len, 1);
	len = error4_body(b, 3, 1, 0, 1);		/* bad inner header */
	icmp4(&frames[n++], src4, b, len, 1);
	memset(b, 0, 20);
	b[0] = 13;					/* timestamp request */
	icmp4(&frames[n++], src4, b, 20, 1);
	memset(b, 0, 16);
	b[0] = 9;					/* router advertisement */
	b[4] = 1;
	b[5] = 2;
	put16(b + 6, 1800);
	memcpy(b + 8, cfg.src4, 4);
	icmp4(&frames[n++], src4, b, 16, 1);
	len = echo_body(b, 99);				/* unassigned type */
	icmp4(&frames[n++], src4, b, len, 1);
	len = echo_body(b, 8);				/* bad checksum */
	icmp4(&frames[n++], src4, b, len, 0);
	len = echo_body(b, 8);				/* truncated header */
	icmp4(&frames[n++], src4, b, 6, 1);
	(void)len;
	/* IPv6 */
	len = echo_body(b, 128);
	icmp6(&frames[n++], src6, cfg.dst6, 64, b, len, 1);
	len = echo_body(b, 129);
	icmp6(&frames[n++], src6, cfg.dst6, 64, b, len, 1);
	len = error6_body(b, 1, 4, 0);			/* port unreachable */
	icmp6(&frames[n++], src6, cfg.dst6, 64, b, len, 1);
	len = error6_body(b, 2, 0, 1400);		/* packet too big */
	icmp6(&frames[n++], src6, cfg.dst6, 64, b, len, 1);
	len = error6_body(b, 3, 0, 0);			/* time exceeded */
	icmp6(&frames[n++], src6, cfg.dst6, 64, b, len, 1);
	memset(b, 0, 24);
	b[0] = 135;					/* neighbour solicitation */
	memcpy(tgt6, cfg.dst6, 16);
	memcpy(b + 8, tgt6, 16);
	icmp6(&frames[n++], src6, cfg.dst6, 255, b, 24, 1);
	len = echo_body(b, 200);			/* unassigned informational */
	icmp6(&frames[n++], src6, cfg.dst6, 64, b, len, 1);
	len = echo_body(b, 128);			/* bad checksum */
	icmp6(&frames[n++], src6, cfg.dst6, 64, b, len, 0);
	len = echo_body(b, 128);			/* truncated header */
	icmp6(&frames[n++], src6, cfg.dst6, 64, b, 3, 1);
	return n;
}

/* Rewrite an IPv4 frame's address at @off (12 source, 16 destination). */
static void set_addr4(struct frame *f, unsigned int off, uint32_t addr)
{
	uint8_t *ip = f->buf + 14;

	ip[off] = addr >> 24;
	ip[off + 1] = addr >> 16;
	ip[off + 2] = addr >> 8;
	ip[off + 3] = addr;
	put16(ip + 10, 0);
	put16(ip + 10, fold(sum16(ip, 20, 0)));
}

/*
 * Make an ICMPv6 frame's source fd40:0:@n::1, a /64 of its own, and its
 * checksum, which covers the addresses, right again.
 */
static void set_src6(struct frame *f, uint32_t n)
{
	static const uint8_t prefix[4] = { 0xfd, 0x40, 0, 0 };
	uint8_t *ip = f->buf + 14, *src = ip + 8, *icmp = ip + 40;
	size_t len = f->len - 14 - 40;
	uint32_t sum;

	memset(src, 0, 16);
	memcpy(src, prefix, 4);
	src[4] = n >> 24;
	src[5] = n >> 16;
	src[6] = n >> 8;
	src[7] = n;
	src[15] = 1;
	sum = sum16(ip + 8, 32, 0) + len + IPPROTO_ICMPV6;
	put16(icmp + 2, 0);
	put16(icmp + 2, fold(sum16(icmp, len, sum)));
}

/* xorshift64*: the fuzz's random numbers, the same again for a seed. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static unsigned int below(uint64_t *s, unsigned int n)
{
	return rnd(s) % n;
}

/*
 * One fuzz frame: ICMP or ICMPv6, a type a host meets or any, any code,
 * any length from nothing to a full frame, one in eight with a wrong
 * checksum; half of the longer ones an error quoting a datagram this
 * host sent, with bytes of the quote changed or the quote cut short;
 * some from random sources, some to a broadcast or multicast address,
 * some fragments.
 */
static void fuzz_frame(struct frame *f, uint64_t *s)
{
	static const uint8_t types4[] = { 0, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14 };
	static const uint8_t types6[] = { 1, 2, 3, 4, 128, 129, 133, 134, 135,
					  136, 137 };
	static const uint8_t all6[16] = { 0xff, 0x02, [15] = 1 };
	int v6 = below(s, 2), csum_ok = below(s, 8) != 0;
	size_t max = v6 ? 1500 - 40 - 8 : 1500 - 20, len, i, n;
	uint8_t b[FRAME_MAX], src6[16], *ip = f->buf + 14;
	uint8_t type = below(s, 4) ? (v6 ? types6[below(s, sizeof(types6))] :
				      types4[below(s, sizeof(types4))]) :
				     below(s, 256);

	switch (below(s, 4)) {
	case 0:
		len = below(s, 9);		/* up to a header's length */
		break;
	case 1:
		len = below(s, max + 1);
		break;
	default:
		len = 8 + below(s, 120);
	}
	for (i = 0; i < len; i++)
		b[i] = rnd(s);
	if (len >= 8 && below(s, 2)) {
		n = v6 ? error6_body(b, type, below(s, 8), rnd(s)) :
			 error4_body(b, type, below(s, 16), rnd(s), 0);
		for (i = below(s, 4); i > 0; i--)
			b[8 + below(s, n - 8)] = rnd(s);
		len = below(s, 4) ? n : below(s, n + 1);
	}
	if (len)
		b[0] = type;
	if (len > 1 && below(s, 2))
		b[1] = below(s, 5);
	if (!v6) {
		icmp4(f, cfg.src4, b, len, csum_ok);
		if (!below(s, 4))
			set_addr4(f, 12, 0x0a400000 | below(s, 1 << 16));
		switch (below(s, 16)) {
		case 0:
			set_addr4(f, 16, 0xffffffff);
			memset(f->buf, 0xff, 6);
			break;
		case 1:
			set_addr4(f, 16, ntohl(*(uint32_t *)cfg.dst4) | 0xff);
			memset(f->buf, 0xff, 6);
			break;
		case 2:
			set_addr4(f, 16, 0xe0000001);	/* 224.0.0.1 */
			memcpy(f->buf, "\x01\x00\x5e\x00\x00\x01", 6);
			break;
		case 3:
			/* A fragment: more to come, or not the first. */
			put16(ip + 6, below(s, 2) ? 0x2000 : 1 + below(s, 0x1fff));
			set_addr4(f, 16, ntohl(*(uint32_t *)cfg.dst4));
			break;
		}
		return;
	}
	memcpy(src6, cfg.src6, 16);
	if (!below(s, 4)) {
		src6[14] = rnd(s);
		src6[15] = rnd(s);
	}
	if (!below(s, 16)) {
		icmp6(f, src6, all6, below(s, 2) ? 255 : 1, b, len, csum_ok);
		memcpy(f->buf, "\x33\x33\x00\x00\x00\x01", 6);
	} else {
		icmp6(f, src6, cfg.dst6, below(s, 4) ? 64 : 255, b, len, csum_ok);
	}
	if (!below(s, 16)) {
		/* A fragment header in front of the message. */
		memmove(ip + 48, ip + 40, len);
		memset(ip + 40, 0, 8);
		ip[40] = IPPROTO_ICMPV6;
		put16(ip + 42, below(s, 2) ? 1 : (1 + below(s, 0x1fff)) << 3);
		for (i = 44; i < 48; i++)
			ip[i] = rnd(s);
		ip[6] = 44;			/* IPPROTO_FRAGMENT */
		put16(ip + 4, len + 8);
		f->len += 8;
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static atomic_bool stop;

static void *run(void *arg)
{
	struct worker *w = arg;
	static const int one = 1;
	struct sockaddr_ll to = {
		.sll_family = AF_PACKET,
		.sll_ifindex = cfg.ifindex,
		.sll_halen = 6,
	};
	struct frame *pool = calloc(BATCH, sizeof(*pool));
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	uint32_t base = ntohl(*(uint32_t *)cfg.first4);
	unsigned long next = cfg.skip + w->id;
	/* Fuzz: this thread's share of the frames, its own sequence. */
	unsigned long left = cfg.count / cfg.threads +
			     (w->id < cfg.count % cfg.threads);
	uint64_t seed = (cfg.seed + w->id) * 0x9e3779b97f4a7c15ULL | 1;
	cpu_set_t cpus;
	int fd, i;

	CPU_ZERO(&cpus);
	CPU_SET(w->id, &cpus);
	if (!pool || pthread_setaffinity_np(pthread_self(), sizeof(cpus), &cpus)) {
		w->err = ENOMEM;
		return NULL;
	}
	/* Protocol 0: this socket sends and never receives. */
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0 || (!cfg.qdisc &&
	    setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one)))) {
		w->err = errno;
		return NULL;
	}
	memcpy(to.sll_addr, cfg.dmac, 6);
	for (i = 0; i < BATCH; i++) {
		struct frame *f = &pool[i];

		switch (cfg.mode) {
		case M_UDP:
			udp4(f);
			break;
		case M_UDP6:
			udp6(f);
			break;
		case M_ECHO:
		case M_SPOOF: {
			uint8_t b[FRAME_MAX];

			icmp4(f, cfg.src4, b, echo_body(b, 8), 1);
			break;
		}
		case M_ECHO6:
		case M_SPOOF6: {
			uint8_t b[FRAME_MAX];

			icmp6(f, cfg.src6, cfg.dst6, 64, b, echo_body(b, 128), 1);
			break;
		}
		case M_FUZZ:
			break;
		case M_MIX: {
			struct frame mix[MIX_MAX];
			size_t n = build_mix(mix, (w->id * BATCH + i) % MIX_SOURCES);

			/* BATCH is not a multiple of the mix: the pool rotates. */
			*f = mix[(w->id * 7 + i) % n];
			break;
		}
		}
		iov[i].iov_base = f->buf;
		iov[i].iov_len = f->len;
		memset(&msgs[i], 0, sizeof(msgs[i]));
		msgs[i].msg_hdr.msg_name = &to;
		msgs[i].msg_hdr.msg_namelen = sizeof(to);
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}

	while (!stop) {
		int r, batch = BATCH;

		if (cfg.count) {
			if (!left)
				break;
			if (left < BATCH)
				batch = left;
		}
		if (cfg.mode == M_FUZZ) {
			for (i = 0; i < batch; i++) {
				fuzz_frame(&pool[i], &seed);
				iov[i].iov_len = pool[i].len;
			}
		}
		if (cfg.mode == M_SPOOF) {
			for (i = 0; i < BATCH; i++) {
				set_addr4(&pool[i], 12, base + next % cfg.sources);
				next += cfg.threads;
			}
		}
		if (cfg.mode == M_SPOOF6) {
			for (i = 0; i < BATCH; i++) {
				set_src6(&pool[i], next % cfg.sources);
				next += cfg.threads;
			}
		}
		r = sendmmsg(fd, msgs, batch, 0);
		if (r < 0) {
			if (errno == ENOBUFS || errno == EAGAIN || errno == EINTR)
				continue;
			w->err = errno;
			break;
		}
		w->sent += r;
		/* A frame refused now is a frame of another batch. */
		if (cfg.count)
			left -= r;
	}
	close(fd);
	free(pool);
	return NULL;
}

static int parse_mac(const char *s, uint8_t *mac)
{
	unsigned int m[6], i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4],
		   &m[5]) != 6)
		return -1;
	for (i = 0; i < 6; i++) {
		if (m[i] > 0xff)
			return -1;
		mac[i] = m[i];
	}
	return 0;
}

static int parse_pair(char *s, int family, uint8_t *src, uint8_t *dst)
{
	char *comma = strchr(s, ',');

	if (!comma)
		return -1;
	*comma = '\0';
	return inet_pton(family, s, src) == 1 &&
	       inet_pton(family, comma + 1, dst) == 1 ? 0 : -1;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: blast -i IFACE -M DSTMAC -m udp|udp6|echo|echo6|spoof|spoof6|mix|fuzz\n"
		"             [-t THREADS] [-d SECONDS] [-n SOURCES] [-s FIRST] [-o SKIP]\n"
		"             [-a SRC,DST] [-A SRC6,DST6] [-c COUNT] [-S SEED] [-q]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const char *const modes[] = {
		[M_UDP] = "udp", [M_UDP6] = "udp6", [M_ECHO] = "echo", [M_ECHO6] = "echo6",
		[M_SPOOF] = "spoof", [M_SPOOF6] = "spoof6", [M_MIX] = "mix", [M_FUZZ] = "fuzz",
	};
	struct worker w[MAX_THREADS] = {};
	const char *ifname = NULL, *mode = NULL;
	unsigned long sent = 0;
	char a4[] = "10.9.0.2,10.9.0.1", a6[] = "fd09::2,fd09::1";
	char *pair4 = a4, *pair6 = a6;
	const char *first = "10.64.0.0";
	struct ifreq ifr = {};
	unsigned int i;
	double t0, secs;
	int opt, fd, err = 0;

	cfg.threads = 1;
	cfg.seconds = 2;
	cfg.sources = 1000000;
	cfg.mode = M_UDP;
	while ((opt = getopt(argc, argv, "i:M:m:t:d:n:s:o:a:A:c:S:q")) != -1) {
		switch (opt) {
		case 'i': ifname = optarg; break;
		case 'M':
			if (parse_mac(optarg, cfg.dmac)) {
				fprintf(stderr, "blast: not a MAC address: %s\n", optarg);
				return 2;
			}
			break;
		case 'm': mode = optarg; break;
		case 't': cfg.threads = strtoul(optarg, NULL, 0); break;
		case 'd': cfg.seconds = strtod(optarg, NULL); break;
		case 'n': cfg.sources = strtoul(optarg, NULL, 0); break;
		case 's': first = optarg; break;
		case 'o': cfg.skip = strtoul(optarg, NULL, 0); break;
		case 'c': cfg.count = strtoul(optarg, NULL, 0); break;
		case 'S': cfg.seed = strtoull(optarg, NULL, 0); break;
		case 'a': pair4 = optarg; break;
		case 'A': pair6 = optarg; break;
		case 'q': cfg.qdisc = true; break;
		default: usage();
		}
	}
	if (!ifname || !mode || optind != argc)
		usage();
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(mode, modes[i]))
			break;
	if (i == sizeof(modes) / sizeof(modes[0])) {
		fprintf(stderr, "blast: unknown mode '%s'\n", mode);
		return 2;
	}
	cfg.mode = i;
	if (!cfg.threads || cfg.threads > MAX_THREADS || !cfg.sources ||
	    cfg.seconds <= 0) {
		fprintf(stderr, "blast: threads 1-%d, sources > 0, seconds > 0\n",
			MAX_THREADS);
		return 2;
	}
	if (parse_pair(pair4, AF_INET, cfg.src4, cfg.dst4) ||
	    parse_pair(pair6, AF_INET6, cfg.src6, cfg.dst6)) {
		fprintf(stderr, "blast: -a wants IPv4 SRC,DST and -A IPv6 SRC,DST\n");
		return 2;
	}
	if (inet_pton(AF_INET, first, cfg.first4) != 1) {
		fprintf(stderr, "blast: -s wants an IPv4 address: %s\n", first);
		return 2;
	}
	cfg.ifindex = if_nametoindex(ifname);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (!cfg.ifindex || fd < 0 || ioctl(fd, SIOCGIFHWADDR, &ifr)) {
		fprintf(stderr, "blast: no interface %s\n", ifname);
		return 1;
	}
	close(fd);
	memcpy(cfg.smac, ifr.ifr_hwaddr.sa_data, 6);

	t0 = now();
	for (i = 0; i < cfg.threads; i++) {
		w[i].id = i;
		if (pthread_create(&w[i].tid, NULL, run, &w[i])) {
			fprintf(stderr, "blast: cannot start thread %u\n", i);
			return 1;
		}
	}
	/* A count ends when its frames are sent, the rest after a time. */
	if (!cfg.count) {
		while (now() - t0 < cfg.seconds && !stop)
			usleep(10000);
		stop = 1;
	}
	for (i = 0; i < cfg.threads; i++) {
		pthread_join(w[i].tid, NULL);
		sent += w[i].sent;
		if (w[i].err)
			err = w[i].err;
	}
	secs = now() - t0;
	if (err) {
		fprintf(stderr, "blast: %s\n", strerror(err));
		return 1;
	}
	printf("sent=%lu secs=%.3f pps=%.0f\n", sent, secs, sent / secs);
	return 0;
}
