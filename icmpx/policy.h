/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The policy: what to do with a parsed message, and why.
 *
 * Like the parser, the decision is pure.  What it needs to know of the
 * routing tables (is this address ours, where does this destination
 * route) it asks through struct icmpx_env, which the hooks answer from
 * the namespace's tables and KUnit answers from a made-up network.
 */
#ifndef _ICMPX_POLICY_H
#define _ICMPX_POLICY_H

#include <linux/if.h>
#include <linux/types.h>

#include "limit.h"
#include "parse.h"

/*
 * The modes, presets, actions, scopes, redirect and router advertisement
 * settings and drop reasons are the netlink API's (linux/icmpx.h);
 * these are their counts.
 */
#define ICMPX_NMODE	__ICMPX_MODE_MAX
#define ICMPX_NPRESET	__ICMPX_PRESET_MAX
#define ICMPX_NACTION	__ICMPX_ACTION_MAX
#define ICMPX_NSCOPE	__ICMPX_SCOPE_MAX
#define ICMPX_NREDIRECT	__ICMPX_REDIRECT_MAX
#define ICMPX_NRA	__ICMPX_ROUTER_ADV_MAX
#define ICMPX_NDROP	__ICMPX_DROP_MAX

/* Drop or limit even what a guard keeps (PMTUD, RFC 4890 4.4.1). */
#define ICMPX_RULE_FORCE	0x01
/* A drop rule that trusted sources pass (icmpx_trusted()). */
#define ICMPX_RULE_UNLESS_TRUSTED	0x02
/* The flags the netlink API sets and reads back. */
#define ICMPX_RULE_API_FLAGS	(ICMPX_RULE_FORCE | ICMPX_RULE_UNLESS_TRUSTED)
/* Internal: code rules of this type exist. */
#define ICMPX_RULE_CODES	0x80

struct icmpx_rule {
	u8 action;		/* enum icmpx_action */
	u8 flags;		/* ICMPX_RULE_* */
	u8 limit;		/* ICMPX_ACTION_LIMIT: index in policy->limiters */
};

/* A token bucket definition that rules name. */
struct icmpx_limiter {
	struct icmpx_rate rate;
	u8 scope;		/* enum icmpx_scope */
	u8 plen[ICMPX_NFAMILY];	/* per source: the prefix a source is cut to */
};

/* A rule as the netlink API states it: its limiter by value. */
struct icmpx_rule_def {
	u8 action;			/* enum icmpx_action */
	u8 flags;			/* ICMPX_RULE_API_FLAGS */
	struct icmpx_limiter limiter;	/* ICMPX_ACTION_LIMIT */
};

/*
 * A rule narrowed to one code of a type; it wins over the type's rule.
 * @slot names its global bucket (ratelimit.c) for as long as the rule
 * is there, whatever becomes of the rules around it: removing another
 * code rule, or a whole policy put in force again, leaves its count as
 * it was (icmpx_policy_keep_slots()).
 */
struct icmpx_code_rule {
	u8 type;
	u8 code;
	u8 slot;
	struct icmpx_rule rule;
};

#define ICMPX_MAX_CODE_RULES	32
#define ICMPX_MAX_ROUTERS	8
#define ICMPX_MAX_LIMITERS	8
#define ICMPX_MAX_TRUSTED	8

/*
 * A router whose advertisements router-adv allow accepts: from @addr,
 * on the link named @link, or on any link when @link is empty.  A link
 * is named, not numbered, so that the binding survives the interface
 * going away and coming back (a VLAN, a tunnel, a restarted VM's tap).
 */
struct icmpx_router {
	u8 addr[16];
	char link[IFNAMSIZ];
};

/* A source prefix: the first @plen bits of @addr, the others zero. */
struct icmpx_prefix {
	u8 addr[16];
	u8 plen;
};

/* The limiters every preset but permissive defines, by index. */
#define ICMPX_LIMITER_ECHO	0	/* echo requests, per source */
#define ICMPX_LIMITER_ERRORS	1	/* errors, per source */

/* Why a rule may not be set (icmpx_rule_refusal()). */
enum icmpx_refusal {
	ICMPX_REFUSE_NONE,
	ICMPX_REFUSE_SETTING,	/* the type follows a setting of its own */
	ICMPX_REFUSE_RFC4890,	/* RFC 4890 4.4.1: a host must keep it */
	ICMPX_REFUSE_PMTUD,	/* path MTU discovery needs it */
	ICMPX_REFUSE_FORCE,	/* force on accept, where it changes nothing */
	ICMPX_REFUSE_UNLESS_TRUSTED,	/* unless-trusted on other than drop */
};

/*
 * One namespace's whole policy.  It is never changed in place: a new
 * copy replaces it (config.c), so a packet sees one policy or the other.
 */
struct icmpx_policy {
	u8 mode;		/* enum icmpx_mode */
	u8 preset;		/* enum icmpx_preset it was built from */
	u8 source_quench;	/* enum icmpx_action */
	u8 redirect;		/* enum icmpx_redirect */
	u8 router_adv;		/* enum icmpx_router_adv */
	bool validate_errors;	/* RFC 5927 */
	u8 ncodes[ICMPX_NFAMILY];
	u8 nrouters[ICMPX_NFAMILY];
	u8 ntrusted[ICMPX_NFAMILY];
	u8 nlimiters;
	struct icmpx_limiter limiters[ICMPX_MAX_LIMITERS];
	struct icmpx_rule type[ICMPX_NFAMILY][256];
	struct icmpx_code_rule code[ICMPX_NFAMILY][ICMPX_MAX_CODE_RULES];
	struct icmpx_router routers[ICMPX_NFAMILY][ICMPX_MAX_ROUTERS];
	/* Sources no limiter judges (icmpx_trusted()). */
	struct icmpx_prefix trusted[ICMPX_NFAMILY][ICMPX_MAX_TRUSTED];
};

/* What the routing tables say about one destination. */
enum icmpx_route_type {
	ICMPX_RT_UNICAST,
	ICMPX_RT_LOCAL,		/* an address of this host */
	ICMPX_RT_BROADCAST,
	ICMPX_RT_OTHER,		/* multicast, blackhole, unreachable, ... */
};

struct icmpx_route {
	u8 type;		/* enum icmpx_route_type */
	bool gateway;		/* reached through a gateway, not on-link */
	bool arrival;		/* leaves through the interface the message came in on */
	u8 gw[16];		/* the gateway, when @gateway */
};

struct icmpx_env;

struct icmpx_env_ops {
	/* Is @addr one of this namespace's, where the message arrived? */
	bool (*local)(const struct icmpx_env *env, u8 family, const u8 *addr);
	/*
	 * How would this namespace send to @dst, from @src (or from any
	 * source, if NULL)?  False: no route.
	 */
	bool (*route)(const struct icmpx_env *env, u8 family, const u8 *dst,
		      const u8 *src, struct icmpx_route *rt);
	/*
	 * Optional: does a socket of this namespace own the datagram @in
	 * quotes, from whatever address (a transparent socket's)?
	 */
	bool (*owner)(const struct icmpx_env *env, const struct icmpx_inner *in);
	/*
	 * Optional, both or neither: the verdict on an IPv4 redirect given
	 * before, while the routes were as they are, and keeping one.
	 * @key is ICMPX_REDIRECT_KEY bytes: the redirect's source, the
	 * quoted datagram's source and destination, the new gateway.
	 */
	bool (*recall)(const struct icmpx_env *env, const u8 *key, u8 *drop);
	void (*remember)(const struct icmpx_env *env, const u8 *key, u8 drop);
};

#define ICMPX_REDIRECT_KEY	16

struct icmpx_env {
	const struct icmpx_env_ops *ops;
	void *ctx;
};

/* What the decision found, beyond its verdict. */
#define ICMPX_DECIDE_GUARDED	0x01	/* a rule yielded to the PMTUD guard */
#define ICMPX_DECIDE_TRUSTED	0x02	/* a drop rule let a trusted source be */

struct icmpx_decision {
	u8 notes;		/* ICMPX_DECIDE_* */
	u8 limiter;		/* 0, or 1 + the limiter an accept is subject to */
	u8 code_rule;		/* 0, or 1 + the slot of the code rule that limits */
};

void icmpx_policy_init(struct icmpx_policy *pol, enum icmpx_preset preset);
int icmpx_policy_set_code(struct icmpx_policy *pol, enum icmpx_family f,
			  u8 type, u8 code, const struct icmpx_rule *rule);
int icmpx_policy_set_rule(struct icmpx_policy *pol, enum icmpx_family f,
			  u8 type, int code, const struct icmpx_rule_def *def);
void icmpx_policy_keep_slots(struct icmpx_policy *pol,
			     const struct icmpx_policy *old);
int icmpx_policy_del_rule(struct icmpx_policy *pol,
			  const struct icmpx_policy *preset,
			  enum icmpx_family f, u8 type, int code);
void icmpx_policy_rule_def(const struct icmpx_policy *pol,
			   const struct icmpx_rule *rule,
			   struct icmpx_rule_def *def);
bool icmpx_rule_def_equal(const struct icmpx_rule_def *a,
			  const struct icmpx_rule_def *b, enum icmpx_family f);
bool icmpx_own_setting(enum icmpx_family f, u8 type);
enum icmpx_refusal icmpx_rule_refusal(enum icmpx_family f, u8 type, int code,
				      const struct icmpx_rule_def *def);
enum icmpx_drop icmpx_decide(const struct icmpx_policy *pol,
			     const struct icmpx_pkt *pkt,
			     const struct icmpx_msg *msg,
			     enum icmpx_reason parsed,
			     const struct icmpx_env *env,
			     struct icmpx_decision *d);
void icmpx_header_limiter(const struct icmpx_policy *pol,
			  const struct icmpx_pkt *pkt, struct icmpx_decision *d);

/* In icmpx_header_table(): the code decides; ask icmpx_header_limiter(). */
#define ICMPX_HDR_ASK	0xff

void icmpx_header_table(const struct icmpx_policy *pol,
			u8 tbl[ICMPX_NFAMILY][256]);

/* Why a trusted prefix may not be added (icmpx_policy_add_trusted()). */
enum icmpx_trust_refusal {
	ICMPX_TRUST_OK,
	ICMPX_TRUST_LENGTH,	/* longer than the family's addresses */
	ICMPX_TRUST_HOSTBITS,	/* bits set past the prefix length */
	ICMPX_TRUST_TWICE,	/* listed already */
	ICMPX_TRUST_FULL,	/* ICMPX_MAX_TRUSTED of the family listed */
};

int icmpx_policy_add_router(struct icmpx_policy *pol, enum icmpx_family f,
			    const u8 *addr, const char *link);
enum icmpx_trust_refusal icmpx_policy_add_trusted(struct icmpx_policy *pol,
						  enum icmpx_family f,
						  const u8 *addr, u8 plen);
bool icmpx_trusted(const struct icmpx_policy *pol, enum icmpx_family f,
		   const u8 *saddr);
bool icmpx_guarded(const struct icmpx_msg *msg, enum icmpx_action action);
bool icmpx_pmtud(const struct icmpx_msg *msg);

/* Is @drop carried out?  In monitor mode it is only counted. */
static inline bool icmpx_enforced(const struct icmpx_policy *pol,
				  enum icmpx_drop drop)
{
	return drop != ICMPX_DROP_NONE && pol->mode == ICMPX_MODE_ENFORCE;
}

const char *icmpx_drop_name(enum icmpx_drop drop);
int icmpx_name_index(const char *const *names, int n, const char *s);

extern const char *const icmpx_mode_names[ICMPX_NMODE];
extern const char *const icmpx_preset_names[ICMPX_NPRESET];
extern const char *const icmpx_action_names[ICMPX_NACTION];
extern const char *const icmpx_redirect_names[ICMPX_NREDIRECT];
extern const char *const icmpx_router_adv_names[ICMPX_NRA];
extern const char *const icmpx_scope_names[ICMPX_NSCOPE];

#endif /* _ICMPX_POLICY_H */
