/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_HOOKS_H
#define _ICMPX_HOOKS_H

#include <linux/skbuff.h>

#include "parse.h"

struct net;

int icmpx_hooks_init(void);
void icmpx_hooks_exit(void);
int icmpx_hooks_register(struct net *net);
void icmpx_hooks_unregister(struct net *net);

#if IS_ENABLED(CONFIG_KUNIT)
int icmpx_view(const struct sk_buff *skb, unsigned int thoff,
	       struct icmpx_pkt *pkt, void *buf);
bool icmpx_csum4_ok(struct sk_buff *skb, unsigned int thoff);
bool icmpx_csum6_ok(struct sk_buff *skb, unsigned int thoff);
#endif

#endif /* _ICMPX_HOOKS_H */
