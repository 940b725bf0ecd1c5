/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_SYSFS_H
#define _ICMPX_SYSFS_H

struct net;
struct icmpx_zone;

int icmpx_sysfs_zone_add(struct net *net, struct icmpx_zone *z);
void icmpx_sysfs_zone_del(struct icmpx_zone *z);
int icmpx_sysfs_init(void);
void icmpx_sysfs_exit(void);

#endif /* _ICMPX_SYSFS_H */
