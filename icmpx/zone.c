// SPDX-License-Identifier: GPL-2.0
/*
 * Zones: which interfaces a zone names, and the packet path's lookup of
 * an arrival interface's zone.
 *
 * A zone names interfaces; the packet path asks by index.  The map
 * @ifmap of a namespace (struct icmpx_ifmap) holds the index of each
 * interface some zone names, with that zone, and is made from the names
 * under RTNL: when a zone's list changes (icmpx_zone_relink()), and when
 * an interface is registered or renamed into or out of a zone (the
 * netdevice notifier).  The packet path reads it under RCU, without a
 * lock: a hash and a compare or two, where an xarray's walk cost a
 * quarter of what icmpx adds to a message (Documentation/performance.rst,
 * "Zones").  A namespace without zones has no map and pays one load.
 */
#include <kunit/visibility.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/string.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/slab.h>

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

/* Whether @name is one of the @n names of @links, whole. */
bool icmpx_zone_links_has(char links[][IFNAMSIZ], unsigned int n,
			  const char *name)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strncmp(links[i], name, IFNAMSIZ))
			return true;
	return false;
}

bool icmpx_zone_has_link(const struct icmpx_zone *z, const char *name)
{
	return icmpx_zone_links_has(z->links, z->nlinks, name);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_zone_has_link);

bool icmpx_zone_has_index(const struct icmpx_zone *z, int ifindex)
{
	unsigned int i;

	for (i = 0; i < z->nindexes; i++)
		if (z->ifindexes[i] == ifindex)
			return true;
	return false;
}

/**
 * icmpx_zone_of_dev - the zone, other than the default, that has @dev
 * @in: its namespace's state
 * @dev: the interface
 *
 * By its index first: an index names that interface alone, a name
 * whichever interface has it.
 *
 * Context: RTNL held, or config_lock.
 * Return: the zone, or NULL for the default one.
 */
struct icmpx_zone *icmpx_zone_of_dev(struct icmpx_net *in,
				     const struct net_device *dev)
{
	struct icmpx_zone *z;

	list_for_each_entry(z, &in->zones, node)
		if (icmpx_zone_has_index(z, dev->ifindex))
			return z;
	list_for_each_entry(z, &in->zones, node)
		if (icmpx_zone_has_link(z, dev->name))
			return z;
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_zone_of_dev);

/* A map of 2^bits slots, at least twice @n: every search meets an empty one. */
struct icmpx_ifmap *icmpx_ifmap_alloc(unsigned int n)
{
	unsigned int bits = max(ilog2(n ?: 1) + 2, 3);
	struct icmpx_ifmap *map;

	/* 32 KiB at most (63 zones of 16 interfaces), charged to who asks. */
	map = kvzalloc(struct_size(map, slot, 1U << bits), GFP_KERNEL_ACCOUNT);
	if (!map)
		return NULL;
	map->bits = bits;
	map->mask = (1U << bits) - 1;
	return map;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_ifmap_alloc);

/* Before the map is published: @ifindex not in it yet, a slot free. */
void icmpx_ifmap_add(struct icmpx_ifmap *map, int ifindex,
		     struct icmpx_zone *z)
{
	u32 i = icmpx_ifmap_start(map, ifindex);

	while (map->slot[i].ifindex)
		i = (i + 1) & map->mask;
	map->slot[i].ifindex = ifindex;
	map->slot[i].zone = z;
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_ifmap_add);

/* The zone the map has @dev in, NULL for the default one (RTNL). */
static struct icmpx_zone *mapped(struct icmpx_net *in,
				 const struct net_device *dev)
{
	struct icmpx_ifmap *map = rtnl_dereference(in->ifmap);
	struct icmpx_ifslot *s = map ? icmpx_ifmap_find(map, dev->ifindex) : NULL;

	return s ? s->zone : NULL;
}

static void publish(struct icmpx_net *in, struct icmpx_ifmap *map)
{
	struct icmpx_ifmap *old = rtnl_dereference(in->ifmap);

	rcu_assign_pointer(in->ifmap, map);
	if (old)
		kvfree_rcu(old, rcu);
}

/**
 * icmpx_zone_relink - put every interface of a namespace in its zone again
 * @net: the namespace
 *
 * After a zone was made, removed, or its list changed: a new map made
 * from the zones' lists and the interfaces there are, swapped in whole.
 *
 * Return: 0, or -ENOMEM, the map then as it was (the caller puts the
 * zones back as they were, which the map still holds).
 *
 * Context: RTNL held.
 */
int icmpx_zone_relink(struct net *net)
{
	struct icmpx_net *in = icmpx_pernet(net);
	struct icmpx_ifmap *map = NULL;
	struct net_device *dev;
	unsigned int n = 0;
	struct icmpx_zone *z;

	ASSERT_RTNL();
	for_each_netdev(net, dev)
		n += !!icmpx_zone_of_dev(in, dev);
	if (n) {
		map = icmpx_ifmap_alloc(n);
		if (!map)
			return -ENOMEM;
		for_each_netdev(net, dev) {
			z = icmpx_zone_of_dev(in, dev);
			if (z)
				icmpx_ifmap_add(map, dev->ifindex, z);
		}
	}
	publish(in, map);
	return 0;
}

/**
 * icmpx_zone_unlink - send a zone's interfaces to the default zone
 * @in: the namespace's state
 * @z: the zone, out of @in's list or about to be
 *
 * In place, without memory: for a zone removed, whose map could not be
 * made anew.  The packet path may still see @z until a grace period
 * has passed.
 *
 * Context: RTNL held.
 */
void icmpx_zone_unlink(struct icmpx_net *in, const struct icmpx_zone *z)
{
	struct icmpx_ifmap *map = rtnl_dereference(in->ifmap);
	u32 i;

	if (!map)
		return;
	for (i = 0; i <= map->mask; i++)
		if (map->slot[i].zone == z)
			WRITE_ONCE(map->slot[i].zone, NULL);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_zone_unlink);

/*
 * An interface a zone has by index went (or left for another
 * namespace): the index is no longer its, and leaves the zone's list.
 * RTNL held; config_lock for the readers that hold only it (dumps).
 */
static void forget_index(struct icmpx_net *in, int ifindex)
{
	struct icmpx_zone *z;
	unsigned int i;

	mutex_lock(&in->config_lock);
	list_for_each_entry(z, &in->zones, node) {
		for (i = 0; i < z->nindexes; i++) {
			if (z->ifindexes[i] != ifindex)
				continue;
			z->ifindexes[i] = z->ifindexes[--z->nindexes];
			break;
		}
	}
	mutex_unlock(&in->config_lock);
}

static int zone_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct icmpx_net *in = icmpx_pernet(dev_net(dev));
	struct icmpx_ifmap *map;
	struct icmpx_ifslot *s;

	switch (event) {
	case NETDEV_REGISTER:
	case NETDEV_CHANGENAME:
		if (icmpx_zone_of_dev(in, dev) == mapped(in, dev))
			break;
		/*
		 * Without memory for its entry an interface would take the
		 * default zone's policy, which its zone may forbid: refused.
		 */
		return notifier_from_errno(icmpx_zone_relink(dev_net(dev)));
	case NETDEV_UNREGISTER:
		/* Its slot cleared: the map shrinks when next made. */
		map = rtnl_dereference(in->ifmap);
		s = map ? icmpx_ifmap_find(map, dev->ifindex) : NULL;
		if (s)
			WRITE_ONCE(s->zone, NULL);
		forget_index(in, dev->ifindex);
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
	RCU_INIT_POINTER(in->ifmap, NULL);
}
EXPORT_SYMBOL_IF_KUNIT(icmpx_zones_net_init);

/*
 * No packet reaches the namespace any more.  Its interfaces are gone
 * when it goes (devices' pernet operations run first); when the module
 * goes they are still there, and their entries go here.
 */
void icmpx_zones_net_exit(struct icmpx_net *in)
{
	kvfree(rcu_dereference_protected(in->ifmap, true));
	RCU_INIT_POINTER(in->ifmap, NULL);
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
