// SPDX-License-Identifier: GPL-2.0
/*
 * icmpx: control of inbound ICMP and ICMPv6.
 */
#include <linux/init.h>
#include <linux/module.h>

#include "config.h"
#include "hooks.h"
#include "netlink.h"
#include "netns.h"
#include "ratelimit.h"
#include "sources.h"
#include "sysfs.h"
#include "zone.h"

static int __init icmpx_init(void)
{
	int err;

	/* First: a bad module parameter fails the load before anything runs. */
	err = icmpx_config_init() ?: icmpx_ratelimit_init();
	if (err)
		return err;
	err = icmpx_sources_init();
	if (err)
		return err;
	err = icmpx_hooks_init();
	if (err)
		goto err_sources;
	err = icmpx_netns_init();
	if (err)
		goto err_hooks;
	/* After the namespaces: interfaces find their zones' lists. */
	err = icmpx_zones_init();
	if (err)
		goto err_netns;
	/* After the namespaces: files and requests find them in place. */
	err = icmpx_sysfs_init();
	if (err)
		goto err_zones;
	/* Last: a zone made finds its directory's parent. */
	err = icmpx_netlink_init();
	if (err)
		goto err_sysfs;

	pr_info("loaded\n");
	return 0;

err_sysfs:
	icmpx_sysfs_exit();
err_zones:
	icmpx_zones_exit();
err_netns:
	icmpx_netns_exit();
err_hooks:
	icmpx_hooks_exit();
err_sources:
	icmpx_sources_exit();
	return err;
}

static void __exit icmpx_exit(void)
{
	icmpx_netlink_exit();
	icmpx_sysfs_exit();
	/* Before the namespaces: its replay takes every interface out. */
	icmpx_zones_exit();
	icmpx_netns_exit();
	icmpx_hooks_exit();
	icmpx_sources_exit();
	pr_info("unloaded\n");
}

module_init(icmpx_init);
module_exit(icmpx_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Inbound ICMP and ICMPv6 control");
MODULE_AUTHOR("The icmpx authors");
MODULE_VERSION(ICMPX_VERSION);
