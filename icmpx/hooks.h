/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_HOOKS_H
#define _ICMPX_HOOKS_H

struct net;

void icmpx_hooks_init(void);
void icmpx_hooks_exit(void);
int icmpx_hooks_register(struct net *net);
void icmpx_hooks_unregister(struct net *net);

#endif /* _ICMPX_HOOKS_H */
