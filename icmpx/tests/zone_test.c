// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: zones' names, their lists of interfaces, and the packet path's
 * lookup of an arrival interface's zone.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/xarray.h>

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

/* The lookup: the default zone for every interface no zone has. */
static void zone_lookup(struct kunit *test)
{
	struct icmpx_net *in = kunit_kzalloc(test, sizeof(*in), GFP_KERNEL);
	struct icmpx_zone *wan = kunit_kzalloc(test, sizeof(*wan), GFP_KERNEL);
	struct icmpx_zone *lan = kunit_kzalloc(test, sizeof(*lan), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, wan);
	KUNIT_ASSERT_NOT_NULL(test, lan);
	icmpx_zones_net_init(in);
	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 1), &in->dflt);
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 7), &in->dflt);
	rcu_read_unlock();

	KUNIT_ASSERT_EQ(test, xa_err(xa_store(&in->ifzone, 7, wan, GFP_KERNEL)), 0);
	KUNIT_ASSERT_EQ(test, xa_err(xa_store(&in->ifzone, 1 << 20, lan, GFP_KERNEL)), 0);
	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 7), wan);
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 1 << 20), lan);
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 8), &in->dflt);
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 1), &in->dflt);
	rcu_read_unlock();

	xa_erase(&in->ifzone, 7);
	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 7), &in->dflt);
	KUNIT_EXPECT_PTR_EQ(test, icmpx_zone_of(in, 1 << 20), lan);
	rcu_read_unlock();
	icmpx_zones_net_exit(in);
}

static struct kunit_case zone_cases[] = {
	KUNIT_CASE(zone_names),
	KUNIT_CASE(zone_links),
	KUNIT_CASE(zone_lookup),
	{}
};

struct kunit_suite icmpx_zone_suite = {
	.name = "icmpx-zone",
	.test_cases = zone_cases,
};
