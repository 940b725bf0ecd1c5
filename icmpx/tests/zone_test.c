// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: zones' names, their lists of interfaces, and the packet path's
 * lookup of an arrival interface's zone.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "../netns.h"
#include "../zone.h"
#include "tests.h"

static void zone_names(struct kunit *test)
{
	static const char *const good[] = {
		"wan", "lan", "dmz-2", "v.100", "a", "under_score", "fifteen-chars-x",
	};
	static const char *const bad[] = {
		"", "sixteen-chars-xx", "a b", "eth0/1", "\xe9", "wan:0", "x\ty",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		KUNIT_EXPECT_TRUE_MSG(test, icmpx_zone_name_valid(good[i]), "%s", good[i]);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_FALSE_MSG(test, icmpx_zone_name_valid(bad[i]), "%s", bad[i]);
}

static void zone_links(struct kunit *test)
{
	char (*l)[IFNAMSIZ] = kunit_kcalloc(test, ICMPX_ZONE_LINKS_MAX + 1, IFNAMSIZ,
					    GFP_KERNEL);
	struct icmpx_zone z = { .links = l };
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, l);
	for (i = 0; i <= ICMPX_ZONE_LINKS_MAX; i++)
		snprintf(l[i], IFNAMSIZ, "eth%u", i);
	KUNIT_EXPECT_EQ(test, icmpx_zone_links_refusal(l, 0), ICMPX_ZONE_OK);
	KUNIT_EXPECT_EQ(test, icmpx_zone_links_refusal(l, ICMPX_ZONE_LINKS_MAX),
			ICMPX_ZONE_OK);
	KUNIT_EXPECT_EQ(test, icmpx_zone_links_refusal(l, ICMPX_ZONE_LINKS_MAX + 1),
			ICMPX_ZONE_TOO_MANY_LINKS);
	strscpy(l[3], "eth1", IFNAMSIZ);
	KUNIT_EXPECT_EQ(test, icmpx_zone_links_refusal(l, 4), ICMPX_ZONE_LINK_TWICE);
	KUNIT_EXPECT_EQ(test, icmpx_zone_links_refusal(l, 3), ICMPX_ZONE_OK);
	l[2][0] = '\0';
	KUNIT_EXPECT_EQ(test, icmpx_zone_links_refusal(l, 3), ICMPX_ZONE_BAD_LINK);

	/* Names compared whole: eth1 is not eth10, nor eth01. */
	strscpy(l[0], "eth10", IFNAMSIZ);
	strscpy(l[1], "eth01", IFNAMSIZ);
	z.nlinks = 2;
	KUNIT_EXPECT_FALSE(test, icmpx_zone_has_link(&z, "eth1"));
	KUNIT_EXPECT_TRUE(test, icmpx_zone_has_link(&z, "eth10"));
	KUNIT_EXPECT_TRUE(test, icmpx_zone_has_link(&z, "eth01"));
	z.nlinks = 1;
	KUNIT_EXPECT_FALSE(test, icmpx_zone_has_link(&z, "eth01"));
}

/*
 * Which zone has an interface: by index before any name, since an
 * index is that interface alone; the default zone (NULL) otherwise.
 */
static void zone_of_dev(struct kunit *test)
{
	struct icmpx_net *in = kunit_kzalloc(test, sizeof(*in), GFP_KERNEL);
	struct net_device *dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);
	char (*l)[IFNAMSIZ] = kunit_kcalloc(test, 1, IFNAMSIZ, GFP_KERNEL);
	struct icmpx_zone a = { .links = l, .nlinks = 1 };
	struct icmpx_zone b = { .ifindexes = { 9, 7 }, .nindexes = 2 };

	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_ASSERT_NOT_NULL(test, l);
	strscpy(l[0], "eth1", IFNAMSIZ);
	icmpx_zones_net_init(in);
	list_add_tail(&a.node, &in->zones);
	list_add_tail(&b.node, &in->zones);

	strscpy(dev->name, "eth1", IFNAMSIZ);
	dev->ifindex = 7;
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of_dev(in, dev), &b);
	dev->ifindex = 8;
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of_dev(in, dev), &a);
	strscpy(dev->name, "eth2", IFNAMSIZ);
	KUNIT_EXPECT_NULL(test, icmpx_zone_of_dev(in, dev));
	dev->ifindex = 9;
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of_dev(in, dev), &b);
	/* Only the first nindexes count. */
	b.nindexes = 1;
	dev->ifindex = 7;
	KUNIT_EXPECT_NULL(test, icmpx_zone_of_dev(in, dev));
	icmpx_zones_net_exit(in);
}

/* The lookup: the default zone for every interface no zone has. */
static void zone_lookup(struct kunit *test)
{
	struct icmpx_net *in = kunit_kzalloc(test, sizeof(*in), GFP_KERNEL);
	struct icmpx_zone *wan = kunit_kzalloc(test, sizeof(*wan), GFP_KERNEL);
	struct icmpx_zone *lan = kunit_kzalloc(test, sizeof(*lan), GFP_KERNEL);
	struct icmpx_ifmap *map;

	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, wan);
	KUNIT_ASSERT_NOT_NULL(test, lan);
	icmpx_zones_net_init(in);
	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 1), &in->dflt);
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 7), &in->dflt);
	rcu_read_unlock();

	map = icmpx_ifmap_alloc(2);
	KUNIT_ASSERT_NOT_NULL(test, map);
	icmpx_ifmap_add(map, 7, wan);
	icmpx_ifmap_add(map, 1 << 20, lan);
	rcu_assign_pointer(in->ifmap, map);
	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 7), wan);
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 1 << 20), lan);
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 8), &in->dflt);
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 1), &in->dflt);
	rcu_read_unlock();

	/* An interface gone: its slot stays, its zone the default one. */
	icmpx_ifmap_find(map, 7)->zone = NULL;
	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 7), &in->dflt);
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 1 << 20), lan);
	rcu_read_unlock();

	/* A zone removed without memory for a new map. */
	icmpx_ifmap_find(map, 7)->zone = wan;
	rtnl_lock();
	icmpx_zone_unlink(in, lan);
	rtnl_unlock();
	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 7), wan);
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 1 << 20), &in->dflt);
	rcu_read_unlock();
	icmpx_zones_net_exit(in);
	KUNIT_EXPECT_NULL(test, rcu_access_pointer(in->ifmap));
}

/*
 * As full as a map gets, 63 zones of 16 interfaces, with indexes that
 * come in runs and indexes far apart: every one found, in its zone, by
 * probing past the others; none found that is not there.
 */
static void zone_lookup_full(struct kunit *test)
{
	const unsigned int n = (ICMPX_ZONES_MAX - 1) * ICMPX_ZONE_LINKS_MAX;
	struct icmpx_zone *zones = kunit_kcalloc(test, ICMPX_ZONES_MAX - 1,
						 sizeof(*zones), GFP_KERNEL);
	struct icmpx_ifslot *s;
	struct icmpx_ifmap *map;
	unsigned int i, k;
	int ifindex;

	KUNIT_ASSERT_NOT_NULL(test, zones);
	for (k = 1; k <= n; k++) {
		map = icmpx_ifmap_alloc(k);
		KUNIT_ASSERT_NOT_NULL(test, map);
		KUNIT_EXPECT_GE(test, map->mask + 1, 2 * k);
		KUNIT_EXPECT_EQ(test, map->mask + 1, 1U << map->bits);
		kvfree(map);
	}
	map = icmpx_ifmap_alloc(n);
	KUNIT_ASSERT_NOT_NULL(test, map);
	for (i = 0; i < n; i++) {
		ifindex = i < n / 2 ? i + 1 : (i << 16) | 0x5a5;
		icmpx_ifmap_add(map, ifindex, &zones[i % (ICMPX_ZONES_MAX - 1)]);
	}
	for (i = 0; i < n; i++) {
		ifindex = i < n / 2 ? i + 1 : (i << 16) | 0x5a5;
		s = icmpx_ifmap_find(map, ifindex);
		KUNIT_ASSERT_NOT_NULL_MSG(test, s, "ifindex %d", ifindex);
		KUNIT_EXPECT_EQ(test, s->ifindex, ifindex);
		KUNIT_EXPECT_PTR_EQ(test, s->zone, &zones[i % (ICMPX_ZONES_MAX - 1)]);
	}
	KUNIT_EXPECT_NULL(test, icmpx_ifmap_find(map, n / 2 + 1));
	KUNIT_EXPECT_NULL(test, icmpx_ifmap_find(map, INT_MAX));
	KUNIT_EXPECT_NULL(test, icmpx_ifmap_find(map, (1 << 16) | 0x5a5));
	kvfree(map);
}

static struct kunit_case zone_cases[] = {
	KUNIT_CASE(zone_names),
	KUNIT_CASE(zone_links),
	KUNIT_CASE(zone_of_dev),
	KUNIT_CASE(zone_lookup),
	KUNIT_CASE(zone_lookup_full),
	{}
};

struct kunit_suite icmpx_zone_suite = {
	.name = "icmpx-zone",
	.test_cases = zone_cases,
};
