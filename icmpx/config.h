/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_CONFIG_H
#define _ICMPX_CONFIG_H

#include <linux/rcupdate.h>

#include "policy.h"

struct icmpx_net;
struct icmpx_zone;

/* The policy in force in one namespace, as RCU publishes it. */
struct icmpx_config {
	struct rcu_head rcu;
	u8 limiter[ICMPX_NFAMILY][256];	/* icmpx_header_table() of @pol */
	struct icmpx_policy pol;
};

int icmpx_config_init(void);
int icmpx_config_zone_init(struct icmpx_zone *z);
void icmpx_config_zone_exit(struct icmpx_zone *z);
int icmpx_config_net_init(struct icmpx_net *in);
void icmpx_config_net_exit(struct icmpx_net *in);
const struct icmpx_policy *icmpx_config_locked(struct icmpx_net *in,
					       struct icmpx_zone *z);
int icmpx_config_replace(struct icmpx_net *in, struct icmpx_zone *z,
			 const struct icmpx_policy *pol);
int icmpx_config_set(struct icmpx_net *in, const struct icmpx_policy *pol);
void icmpx_config_zone_get(struct icmpx_zone *z, struct icmpx_policy *pol);
void icmpx_config_get(struct icmpx_net *in, struct icmpx_policy *pol);
int icmpx_config_parse_routers(struct icmpx_policy *pol, const char *list);
int icmpx_config_parse_trusted(struct icmpx_policy *pol, const char *list);

#endif /* _ICMPX_CONFIG_H */
