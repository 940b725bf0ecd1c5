/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Talking to the icmpx generic netlink family with libmnl.
 */
#ifndef ICMPXCTL_NL_H
#define ICMPXCTL_NL_H

#include <libmnl/libmnl.h>
#include <stdint.h>

struct nl {
	struct mnl_socket *sk;
	uint16_t family;	/* the family's id */
	uint32_t events;	/* the events group's id */
	uint32_t portid;
	uint32_t seq;
	char extack[256];	/* the kernel's message for the last error */
};

/* Open and find the family; prints why not and returns -1. */
int nl_open(struct nl *nl);
void nl_close(struct nl *nl);
/* A request for @cmd into @buf, big enough for what the caller adds. */
struct nlmsghdr *nl_request(struct nl *nl, void *buf, uint8_t cmd,
			    uint16_t flags);
/*
 * Send @nlh and read the answer, each message to @cb; 0, or -1 with
 * errno set and nl->extack holding the kernel's text, if any.
 */
int nl_talk(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data);
int nl_subscribe(struct nl *nl);
/* Wait for messages of the events group, each to @cb, until it stops. */
int nl_listen(struct nl *nl, mnl_cb_t cb, void *data);

/* Attributes of one level, by type; table sized max + 1. */
int nl_parse(const struct nlattr *nest, const struct nlmsghdr *nlh,
	     const struct nlattr **tb, int max);

#endif
