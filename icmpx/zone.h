/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Zones: a policy for a set of interfaces of a namespace.
 *
 * Every namespace has its default zone, which holds every interface no
 * other zone names: a namespace without zones is one policy, as before
 * zones.  A zone names its interfaces, not their indexes, so that an
 * interface deleted and made again (a VLAN, a VM's tap) returns to it
 * (or names one by index, for as long as that interface lives, renamed
 * or not); the packet path finds an arrival interface's zone by its index, in a
 * small hash table that a netdevice notifier keeps from the names
 * (RTNL), read under RCU without a lock.
 */
#ifndef _ICMPX_ZONE_H
#define _ICMPX_ZONE_H

#include <linux/icmpx.h>
#include <linux/if.h>
#include <linux/hash.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

/* A zone's name: as an interface's, at most 15 bytes. */
#define ICMPX_ZONE_LEN		(IFNAMSIZ - 1)
/* ICMPX_ZONES_MAX zones, ids 0 (the default zone) to 63: the API's. */
#define ICMPX_DEFAULT_ZONE	"default"

struct icmpx_config;
struct icmpx_counters;
struct icmpx_stats;
struct icmpx_buckets;
struct icmpx_zone_files;

struct icmpx_zone {
	struct icmpx_config __rcu *config;
	struct icmpx_buckets *buckets;	/* its rules' global buckets */
	struct icmpx_counters *stats;
	struct icmpx_stats *stats_base;	/* the reading of the last reset */
	struct list_head node;		/* icmpx_net.zones, under RTNL */
	struct rcu_head rcu;
	u8 id;				/* in per-source keys; 0: default */
	u8 nlinks;
	u8 nindexes;
	char name[IFNAMSIZ];
	char (*links)[IFNAMSIZ];	/* ICMPX_ZONE_LINKS_MAX; default: none */
	/* By index: each an interface's, dropped when it goes (RTNL). */
	int ifindexes[ICMPX_ZONE_LINKS_MAX];
	struct icmpx_zone_files *files;	/* in sysfs: the initial namespace's */
};

/*
 * Interface index -> zone, for the interfaces some zone names: open
 * addressing with linear probing, at most half full, so that a search
 * ends at an empty slot (index 0, which no interface has) within a few
 * steps.  Made anew under RTNL whenever an interface joins or leaves a
 * zone and swapped in whole (RCU); an interface that goes only has its
 * slot's zone cleared, which needs no memory.
 */
struct icmpx_ifslot {
	int ifindex;
	struct icmpx_zone *zone;	/* NULL: gone, the default zone */
};

struct icmpx_ifmap {
	struct rcu_head rcu;
	u32 mask;			/* slots - 1: the slots are 2^bits */
	u32 bits;
	struct icmpx_ifslot slot[];
};

static inline u32 icmpx_ifmap_start(const struct icmpx_ifmap *map, int ifindex)
{
	return hash_32(ifindex, map->bits);
}

/* The slot of @ifindex, or NULL: under RCU, or RTNL. */
static inline struct icmpx_ifslot *icmpx_ifmap_find(struct icmpx_ifmap *map,
						    int ifindex)
{
	u32 i;

	for (i = icmpx_ifmap_start(map, ifindex); map->slot[i].ifindex;
	     i = (i + 1) & map->mask)
		if (map->slot[i].ifindex == ifindex)
			return &map->slot[i];
	return NULL;
}

struct icmpx_ifmap *icmpx_ifmap_alloc(unsigned int n);
void icmpx_ifmap_add(struct icmpx_ifmap *map, int ifindex,
		     struct icmpx_zone *z);

/* Why a zone may not be made or changed (icmpx_zone_refusal()). */
enum icmpx_zone_refusal {
	ICMPX_ZONE_OK,
	ICMPX_ZONE_BAD_NAME,	/* empty, too long, or not [a-z0-9_.-] */
	ICMPX_ZONE_BAD_LINK,	/* not an interface's name */
	ICMPX_ZONE_LINK_TWICE,	/* in its list twice */
	ICMPX_ZONE_TOO_MANY_LINKS,
};

struct icmpx_net;
struct net;
struct net_device;

bool icmpx_zone_name_valid(const char *name);
enum icmpx_zone_refusal icmpx_zone_links_refusal(char links[][IFNAMSIZ],
						 unsigned int n);
bool icmpx_zone_links_has(char links[][IFNAMSIZ], unsigned int n,
			  const char *name);
bool icmpx_zone_has_link(const struct icmpx_zone *z, const char *name);
bool icmpx_zone_has_index(const struct icmpx_zone *z, int ifindex);
struct icmpx_zone *icmpx_zone_of_dev(struct icmpx_net *in,
				     const struct net_device *dev);

int icmpx_zone_relink(struct net *net);
void icmpx_zone_unlink(struct icmpx_net *in, const struct icmpx_zone *z);
void icmpx_zones_net_init(struct icmpx_net *in);
void icmpx_zones_net_exit(struct icmpx_net *in);
int icmpx_zones_init(void);
void icmpx_zones_exit(void);

#endif /* _ICMPX_ZONE_H */
