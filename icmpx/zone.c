// SPDX-License-Identifier: GPL-2.0
/*
 * Zones: which interfaces a zone names, and the packet path's lookup of
 * an arrival interface's zone.
 *
 * A zone names interfaces; the packet path asks by index.  The xarray
 * @ifzone of a namespace maps the index of each interface some zone
 * names to that zone, and is kept from the names under RTNL: when a
 * zone's list changes (icmpx_zone_relink()), and when an interface is
 * registered, renamed or unregistered (the netdevice notifier).  The
 * packet path reads it under RCU, without a lock; a namespace without
 * zones pays one load of an empty xarray's head.
 */
#include <kunit/visibility.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/string.h>
#include <linux/xarray.h>

#include "netns.h"
#include "zone.h"

/*
 * ASCII letters, digits and "_.-": a zone's name reads the same in a
 * shell.  (The kernel's isalnum() takes Latin-1's letters too.)
 */
bool icmpx_zone_name_valid(const char *name)
{
	size_t i, n = strnlen(name, IFNAMSIZ);
	char c;

	if (!n || n > ICMPX_ZONE_LEN)
		return false;
	for (i = 0; i < n; i++) {
		c = name[i];
		if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
		    !(c >= '0' && c <= '9') && !strchr("_.-", c))
			return false;
	}
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_zone_name_valid);

/* A zone's list of interfaces: at most ICMPX_ZONE_LINKS_MAX, each once. */
enum icmpx_zone_refusal icmpx_zone_links_refusal(char links[][IFNAMSIZ],
						 unsigned int n)
{
	unsigned int i, j;

	if (n > ICMPX_ZONE_LINKS_MAX)
		return ICMPX_ZONE_TOO_MANY_LINKS;
	for (i = 0; i < n; i++) {
		if (!links[i][0] || strnlen(links[i], IFNAMSIZ) == IFNAMSIZ)
			return ICMPX_ZONE_BAD_LINK;
		for (j = 0; j < i; j++)
			if (!strncmp(links[i], links[j], IFNAMSIZ))
				return ICMPX_ZONE_LINK_TWICE;
	}
	return ICMPX_ZONE_OK;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_zone_links_refusal);

bool icmpx_zone_has_link(const struct icmpx_zone *z, const char *name)
{
	unsigned int i;

	for (i = 0; i < z->nlinks; i++)
		if (!strncmp(z->links[i], name, IFNAMSIZ))
			return true;
	return false;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_zone_has_link);

/* The zone other than the default that names @link, if any (RTNL). */
static struct icmpx_zone *zone_naming(struct icmpx_net *in, const char *link)
{
	struct icmpx_zone *z;

	list_for_each_entry(z, &in->zones, node)
		if (icmpx_zone_has_link(z, link))
			return z;
	return NULL;
}

/* @dev in the zone that names it, or in none (the default zone). */
static int place(struct icmpx_net *in, const struct net_device *dev)
{
	struct icmpx_zone *z = zone_naming(in, dev->name);

	ASSERT_RTNL();
	if (!z) {
		xa_erase(&in->ifzone, dev->ifindex);
		return 0;
	}
	return xa_err(xa_store(&in->ifzone, dev->ifindex, z, GFP_KERNEL));
}

/**
 * icmpx_zone_relink - put every interface of a namespace in its zone again
 * @net: the namespace
 *
 * After a zone was made, removed, or its list changed.  On failure
 * (-ENOMEM) some interfaces may be where they were: the caller puts the
 * zones back as they were and calls it again, which then needs no memory
 * it did not have before.
 *
 * Context: RTNL held.
 */
int icmpx_zone_relink(struct net *net)
{
	struct icmpx_net *in = icmpx_pernet(net);
	struct net_device *dev;
	int err;

	ASSERT_RTNL();
	for_each_netdev(net, dev) {
		err = place(in, dev);
		if (err)
			return err;
	}
	return 0;
}

static int zone_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct icmpx_net *in = icmpx_pernet(dev_net(dev));

	switch (event) {
	case NETDEV_REGISTER:
	case NETDEV_CHANGENAME:
		/*
		 * Without memory for its entry an interface would take the
		 * default zone's policy, which its zone may forbid: refused.
		 */
		return notifier_from_errno(place(in, dev));
	case NETDEV_UNREGISTER:
		xa_erase(&in->ifzone, dev->ifindex);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block zone_notifier = {
	.notifier_call = zone_netdev_event,
};

void icmpx_zones_net_init(struct icmpx_net *in)
{
	INIT_LIST_HEAD(&in->zones);
	xa_init(&in->ifzone);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_zones_net_init);

/*
 * No packet reaches the namespace any more.  Its interfaces are gone
 * when it goes (devices' pernet operations run first); when the module
 * goes they are still there, and their entries go here.
 */
void icmpx_zones_net_exit(struct icmpx_net *in)
{
	xa_destroy(&in->ifzone);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_zones_net_exit);

int icmpx_zones_init(void)
{
	return register_netdevice_notifier(&zone_notifier);
}

void icmpx_zones_exit(void)
{
	unregister_netdevice_notifier(&zone_notifier);
}
