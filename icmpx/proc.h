/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_PROC_H
#define _ICMPX_PROC_H

struct net;

int icmpx_proc_init(struct net *net);
void icmpx_proc_exit(struct net *net);

#endif /* _ICMPX_PROC_H */
