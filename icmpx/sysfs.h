/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ICMPX_SYSFS_H
#define _ICMPX_SYSFS_H

int icmpx_sysfs_init(void);
void icmpx_sysfs_exit(void);

#endif /* _ICMPX_SYSFS_H */
