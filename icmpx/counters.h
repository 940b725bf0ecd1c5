/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every counter icmpx keeps beside the parser's and the policy's reasons,
 * declared once: an enum and, beside it, a table of names, netlink
 * attributes and help texts.  The module counts by the enum and renders
 * netlink, /proc/net/icmpx and sysfs from the tables; icmpxctl includes
 * this file as it is and renders its text, JSON and Prometheus outputs
 * from them.  A new counter is a line in an enum and a line in its
 * table, and nothing else.  Plain C, so that both sides can include it.
 */
#ifndef _ICMPX_COUNTERS_H
#define _ICMPX_COUNTERS_H

#include <linux/icmpx.h>

/*
 * Counted per family and type, and summed per family.  Accepted is read
 * as received less dropped; "malformed", received less valid, is shown
 * beside them but is no counter of its own.
 */
enum icmpx_type_counter {
	ICMPX_C_RECEIVED,
	ICMPX_C_VALID,
	ICMPX_C_ACCEPTED,
	ICMPX_C_DROPPED,
	ICMPX_C_LIMIT_PASSED,
	ICMPX_C_LIMIT_DROPPED,
	ICMPX_NCOUNTER
};

/* Counted per family: what happened to a packet beside its verdict. */
enum icmpx_skb_event {
	ICMPX_EV_FRAGMENT,
	ICMPX_EV_NOHDR,
	ICMPX_EV_GUARDED,
	ICMPX_EV_MONITORED,
	ICMPX_EV_SRC_INSERT,
	ICMPX_EV_SRC_EVICT,
	ICMPX_EV_SRC_FULL,
	ICMPX_EV_SRC_NOMEM,
	ICMPX_EV_LOOPBACK,
	ICMPX_EV_TRUSTED,
	ICMPX_EV_EXT_LENGTH,
	ICMPX_EV_EXT_INVALID,
	ICMPX_EV_MTU_LOW,
	ICMPX_NEVENT
};

struct icmpx_counter_info {
	const char *name;
	unsigned short attr;	/* get-stats attribute; events: none */
	const char *help;	/* for Prometheus' HELP, in the plural */
};

/* The parser's notes count as events of these names (parse.h). */
#define ICMPX_EXT_LENGTH_NAME	"ext-length"
#define ICMPX_EXT_INVALID_NAME	"ext-invalid"
#define ICMPX_MTU_LOW_NAME	"mtu-low"

/* Initialisers of struct icmpx_counter_info[ICMPX_NCOUNTER], [ICMPX_NEVENT]. */
#define ICMPX_TYPE_COUNTER_INFO {					\
	[ICMPX_C_RECEIVED] = { "received", ICMPX_A_STATS_RECEIVED,	\
			       "ICMP messages received" },		\
	[ICMPX_C_VALID] = { "valid", ICMPX_A_STATS_VALID,		\
			    "ICMP messages well formed" },		\
	[ICMPX_C_ACCEPTED] = { "accepted", ICMPX_A_STATS_ACCEPTED,	\
			       "ICMP messages accepted" },		\
	[ICMPX_C_DROPPED] = { "dropped", ICMPX_A_STATS_DROPPED,		\
			      "ICMP messages dropped (in monitor mode: would have been)" }, \
	[ICMPX_C_LIMIT_PASSED] = { "limit-passed", ICMPX_A_STATS_LIMIT_PASSED, \
				   "ICMP messages a limiter let through" }, \
	[ICMPX_C_LIMIT_DROPPED] = { "limit-dropped", ICMPX_A_STATS_LIMIT_DROPPED, \
				    "ICMP messages a limiter dropped" },	\
}

#define ICMPX_EVENT_INFO {						\
	[ICMPX_EV_FRAGMENT] = { "fragment", 0,				\
				"fragments that were not reassembled" }, \
	[ICMPX_EV_NOHDR] = { "no-header", 0,				\
			     "packets without one byte of ICMP" },	\
	[ICMPX_EV_GUARDED] = { "guarded", 0,				\
			       "rules and validations that yielded to a guard" }, \
	[ICMPX_EV_MONITORED] = { "monitored", 0,			\
				 "drops decided but, in monitor mode, not done" }, \
	[ICMPX_EV_SRC_INSERT] = { "source-inserts", 0,			\
				  "sources entered in the per-source table" }, \
	[ICMPX_EV_SRC_EVICT] = { "source-evictions", 0,			\
				 "stale entries that made room for a source" }, \
	[ICMPX_EV_SRC_FULL] = { "source-full", 0,			\
				"sources with no entry, limited by the rule's global bucket" }, \
	[ICMPX_EV_SRC_NOMEM] = { "source-nomem", 0,			\
				 "entries that found no memory: likewise" }, \
	[ICMPX_EV_LOOPBACK] = { "loopback", 0,				\
				"messages of the namespace to itself, never limited" }, \
	[ICMPX_EV_TRUSTED] = { "trusted", 0,				\
			       "trusted sources' messages no limit or drop rule held" }, \
	[ICMPX_EV_EXT_LENGTH] = { ICMPX_EXT_LENGTH_NAME, 0,		\
				  "RFC 4884 lengths wrong: read without extension" }, \
	[ICMPX_EV_EXT_INVALID] = { ICMPX_EXT_INVALID_NAME, 0,		\
				   "RFC 4884 extensions malformed: likewise" }, \
	[ICMPX_EV_MTU_LOW] = { ICMPX_MTU_LOW_NAME, 0,			\
			       "MTUs below any link's, which the stack clamps" }, \
}

#endif /* _ICMPX_COUNTERS_H */
