/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: no memory cgroups to charge. */
#ifndef _FUZZ_LINUX_MEMCONTROL_H
#define _FUZZ_LINUX_MEMCONTROL_H
struct mem_cgroup;
#define set_active_memcg(m)	((void)(m), (struct mem_cgroup *)NULL)
#endif
