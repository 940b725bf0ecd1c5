// SPDX-License-Identifier: GPL-2.0
/*
 * The netlink plumbing: resolve the family, send a request, collect
 * answers and the kernel's extended ack message when it says no.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/icmpx.h>
#include <linux/netlink.h>

#include "nl.h"

/* Big enough for a dump's batch of messages. */
#define RECV_SIZE	65536

struct family_info {
	uint16_t id;
	uint32_t events;
};

static int group_cb(const struct nlattr *nest, struct family_info *fi)
{
	const struct nlattr *grp, *a;
	const char *name;
	uint32_t id;

	mnl_attr_for_each_nested(grp, nest) {
		name = NULL;
		id = 0;
		mnl_attr_for_each_nested(a, grp) {
			if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_NAME)
				name = mnl_attr_get_str(a);
			else if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_ID)
				id = mnl_attr_get_u32(a);
		}
		if (name && !strcmp(name, ICMPX_MCGRP_EVENTS))
			fi->events = id;
	}
	return 0;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct family_info *fi = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID)
			fi->id = mnl_attr_get_u16(a);
		else if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GROUPS)
			group_cb(a, fi);
	}
	return MNL_CB_OK;
}

/* One exchange: libmnl gives every callback the same @data. */
struct talk {
	struct nl *nl;
	mnl_cb_t cb;
	void *data;
};

static int msg_cb(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;

	return t->cb ? t->cb(nlh, t->data) : MNL_CB_OK;
}

/* The kernel's extended ack text, from the TLVs at @off of @nlh. */
static void ack_text(struct nl *nl, const struct nlmsghdr *nlh,
		     unsigned int off)
{
	const struct nlattr *a;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	mnl_attr_for_each(a, nlh, off)
		if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
		    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
			snprintf(nl->extack, sizeof(nl->extack), "%s",
				 mnl_attr_get_str(a));
}

/* An error message: remember the kernel's extended ack text. */
static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	struct nl *nl = ((struct talk *)data)->nl;
	unsigned int off;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (!e->error)
		return MNL_CB_STOP;
	off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
	ack_text(nl, nlh, off);
	errno = -e->error;
	return MNL_CB_ERROR;
}

static int noop_cb(const struct nlmsghdr *nlh, void *data)
{
	return MNL_CB_OK;
}

/*
 * A dump's end: it may carry the error that ended the dump, and the
 * kernel's words for it, which come after the error then.
 */
static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl *nl = ((struct talk *)data)->nl;
	int err;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(err))
		return MNL_CB_STOP;
	memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
	if (!err)
		return MNL_CB_STOP;
	ack_text(nl, nlh, sizeof(err));
	errno = err < 0 ? -err : EPROTO;
	return MNL_CB_ERROR;
}

struct nlmsghdr *nl_request(struct nl *nl, void *buf, uint8_t cmd,
			    uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	/* An ack ends every exchange that is not a dump, reply or not. */
	if (!(flags & NLM_F_DUMP))
		flags |= NLM_F_ACK;
	nlh->nlmsg_type = nl->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++nl->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = ICMPX_FAMILY_VERSION;
	return nlh;
}

int nl_talk(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	static char buf[RECV_SIZE];
	mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_NOOP] = noop_cb,
		[NLMSG_ERROR] = error_cb,
		[NLMSG_DONE] = done_cb,
	};
	struct talk t = { nl, cb, data };
	int ret;

	nl->extack[0] = 0;
	if (mnl_socket_sendto(nl->sk, nlh, nlh->nlmsg_len) < 0)
		return -1;
	do {
		ret = mnl_socket_recvfrom(nl->sk, buf, sizeof(buf));
		if (ret < 0)
			return -1;
		ret = mnl_cb_run2(buf, ret, nlh->nlmsg_seq, nl->portid, msg_cb,
				  &t, ctl, NLMSG_MIN_TYPE);
	} while (ret > MNL_CB_STOP);
	return ret < 0 ? -1 : 0;
}

int nl_open(struct nl *nl)
{
	char buf[4096];
	struct family_info fi = { 0 };
	struct nlmsghdr *nlh;
	int one = 1;

	memset(nl, 0, sizeof(*nl));
	nl->sk = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sk || mnl_socket_bind(nl->sk, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("icmpxctl: netlink socket");
		return -1;
	}
	nl->portid = mnl_socket_get_portid(nl->sk);
	nl->seq = time(NULL);
	/* Ask for the kernel's error messages, and only the headers back. */
	mnl_socket_setsockopt(nl->sk, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sk, NETLINK_CAP_ACK, &one, sizeof(one));

	nl->family = GENL_ID_CTRL;
	nlh = nl_request(nl, buf, CTRL_CMD_GETFAMILY, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, ICMPX_FAMILY_NAME);
	if (nl_talk(nl, nlh, family_cb, &fi) < 0 || !fi.id) {
		if (errno == ENOENT)
			fprintf(stderr, "icmpxctl: icmpx is not loaded (no netlink family \"%s\"): insmod icmpx.ko or modprobe icmpx\n",
				ICMPX_FAMILY_NAME);
		else
			perror("icmpxctl: looking up the icmpx netlink family");
		nl_close(nl);
		return -1;
	}
	nl->family = fi.id;
	nl->events = fi.events;
	return 0;
}

void nl_close(struct nl *nl)
{
	if (nl->sk)
		mnl_socket_close(nl->sk);
	nl->sk = NULL;
}

int nl_subscribe(struct nl *nl)
{
	int group = nl->events;

	return mnl_socket_setsockopt(nl->sk, NETLINK_ADD_MEMBERSHIP, &group,
				     sizeof(group));
}

int nl_listen(struct nl *nl, mnl_cb_t cb, void *data)
{
	static char buf[RECV_SIZE];
	int ret;

	do {
		ret = mnl_socket_recvfrom(nl->sk, buf, sizeof(buf));
		if (ret < 0)
			return -1;
		ret = mnl_cb_run(buf, ret, 0, 0, cb, data);
	} while (ret > MNL_CB_STOP);
	return ret < 0 ? -1 : 0;
}

struct parse_ctx {
	const struct nlattr **tb;
	int max;
};

static int parse_cb(const struct nlattr *a, void *data)
{
	struct parse_ctx *p = data;
	int type = mnl_attr_get_type(a);

	/* Unknown attributes of a newer module are skipped. */
	if (type <= p->max)
		p->tb[type] = a;
	return MNL_CB_OK;
}

int nl_parse(const struct nlattr *nest, const struct nlmsghdr *nlh,
	     const struct nlattr **tb, int max)
{
	struct parse_ctx p = { tb, max };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (nest)
		return mnl_attr_parse_nested(nest, parse_cb, &p);
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), parse_cb, &p);
}
