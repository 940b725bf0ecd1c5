// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/icmpx: the initial network namespace's counters, one value
 * per file, read-only, for monitoring agents that read files.
 *
 *	<family>/{received,valid,malformed,accepted,dropped}
 *	<family>/{limit-passed,limit-dropped}
 *	<family>/<event>		fragment, no-header, guarded, ...
 *	<family>/reasons/<reason>	malformed, by the parser's reason
 *	<family>/drops/<reason>		dropped, by the policy's reason
 *	<family>/types/<type>/		the seven counters above, per type
 *	zones/<zone>/<family>/...	a zone's, without types/
 *
 * <family> is ipv4 or ipv6; <type> is the number.  The counters at the
 * top are the namespace's, the sum of its zones' (the default zone's
 * among them).  Other namespaces keep their counters in their own
 * /proc/net/icmpx.
 */
#include <linux/kobject.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <net/net_namespace.h>

#include "netns.h"
#include "sysfs.h"

enum dir_kind { DIR_FAMILY, DIR_REASONS, DIR_DROPS, DIR_TYPE, DIR_NKIND };

/*
 * A family's files: the per-type counters of counters.h, summed, then
 * malformed (received less valid), which a type directory has too, then
 * the events in the order of enum icmpx_skb_event.
 */
enum {
	A_MALFORMED = ICMPX_NCOUNTER, A_EVENT, A_NTOTAL = A_EVENT + ICMPX_NEVENT
};

/*
 * The files of a directory of each kind, named after counters.h's,
 * the parser's and the policy's names.  Two sets, alike: the
 * namespace's (whose reading takes config_lock, to walk the zones) and
 * the zones' (whose reading does not, so that a zone's files can be
 * removed under config_lock).  Lockdep knows a file by its attribute:
 * one set for both would tie config_lock to itself.
 */
struct attr_set {
	struct attribute total[A_NTOTAL];
	struct attribute *totals[A_NTOTAL + 1];
	struct attribute *types[A_EVENT + 1];
	struct attribute reason[ICMPX_NREASON];
	struct attribute *reasons[ICMPX_NREASON];
	struct attribute drop[ICMPX_NDROP];
	struct attribute *drops[ICMPX_NDROP];
	struct attribute_group group[DIR_NKIND];
	const struct attribute_group *groups[DIR_NKIND][2];
};

static struct attr_set net_files, zone_files;

/* A directory of counters: a family's totals, reasons, drops, or a type. */
struct stat_dir {
	struct kobject kobj;
	const struct attr_set *set;
	struct icmpx_zone *zone;	/* NULL: the namespace's, every zone's */
	u8 kind;
	u8 family;
	u8 type;
};

/* A zone's directory: its families' totals, reasons and drops. */
struct icmpx_zone_files {
	struct kobject *dir;
	struct stat_dir *sub[ICMPX_NFAMILY][DIR_TYPE];
};

static struct kobject *root;
static struct kobject *zones_dir;
static struct stat_dir *families[ICMPX_NFAMILY];
static struct stat_dir *reasons[ICMPX_NFAMILY];
static struct stat_dir *drops[ICMPX_NFAMILY];
static struct kobject *types_dir[ICMPX_NFAMILY];
static struct stat_dir *types[ICMPX_NFAMILY][256];

static ssize_t show_sum(struct kobject *kobj, struct attribute *attr,
			char *buf);

static const struct sysfs_ops stat_ops = {
	.show = show_sum,
};

static void stat_dir_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct stat_dir, kobj));
}

#define STAT_KTYPE(groups) {						\
	.release = stat_dir_release,					\
	.sysfs_ops = &stat_ops,						\
	.default_groups = (groups),					\
}

static const struct kobj_type net_ktypes[DIR_NKIND] = {
	[DIR_FAMILY] = STAT_KTYPE(net_files.groups[DIR_FAMILY]),
	[DIR_REASONS] = STAT_KTYPE(net_files.groups[DIR_REASONS]),
	[DIR_DROPS] = STAT_KTYPE(net_files.groups[DIR_DROPS]),
	[DIR_TYPE] = STAT_KTYPE(net_files.groups[DIR_TYPE]),
};

static const struct kobj_type zone_ktypes[DIR_NKIND] = {
	[DIR_FAMILY] = STAT_KTYPE(zone_files.groups[DIR_FAMILY]),
	[DIR_REASONS] = STAT_KTYPE(zone_files.groups[DIR_REASONS]),
	[DIR_DROPS] = STAT_KTYPE(zone_files.groups[DIR_DROPS]),
	[DIR_TYPE] = STAT_KTYPE(zone_files.groups[DIR_TYPE]),
};

static void attr_set_init(struct attr_set *set)
{
	struct attribute **list[DIR_NKIND] = {
		[DIR_FAMILY] = set->totals, [DIR_REASONS] = set->reasons,
		[DIR_DROPS] = set->drops, [DIR_TYPE] = set->types,
	};
	int i;

	for (i = 0; i < A_NTOTAL; i++) {
		if (i < A_MALFORMED)
			set->total[i].name = icmpx_counter_name(i);
		else if (i == A_MALFORMED)
			set->total[i].name = "malformed";
		else
			set->total[i].name = icmpx_event_name(i - A_EVENT);
		set->total[i].mode = 0444;
		set->totals[i] = &set->total[i];
		if (i < A_EVENT)
			set->types[i] = &set->total[i];
	}
	for (i = ICMPX_OK + 1; i < ICMPX_NREASON; i++) {
		set->reason[i].name = icmpx_reason_name(i);
		set->reason[i].mode = 0444;
		set->reasons[i - 1] = &set->reason[i];
	}
	for (i = ICMPX_DROP_NONE + 1; i < ICMPX_NDROP; i++) {
		set->drop[i].name = icmpx_drop_name(i);
		set->drop[i].mode = 0444;
		set->drops[i - 1] = &set->drop[i];
	}
	for (i = 0; i < DIR_NKIND; i++) {
		set->group[i].attrs = list[i];
		set->groups[i][0] = &set->group[i];
	}
}

/* One of a family's totals, or of one type's when @type >= 0. */
static u64 total(const struct icmpx_stats *sum, int f, int type, int a)
{
	if (a >= A_EVENT)
		return sum->event[f][a - A_EVENT];
	if (a == A_MALFORMED)
		return icmpx_malformed(sum, f, type);
	return icmpx_counter(sum, f, type, a);
}

static ssize_t show_sum(struct kobject *kobj, struct attribute *attr,
			char *buf)
{
	struct stat_dir *dir = container_of(kobj, struct stat_dir, kobj);
	struct icmpx_net *in = icmpx_pernet(&init_net);
	const struct attr_set *set = dir->set;
	struct icmpx_stats *sum;
	int f = dir->family;
	u64 val;

	sum = kvmalloc(sizeof(*sum), GFP_KERNEL_ACCOUNT);
	if (!sum)
		return -ENOMEM;
	/* A zone's files go before the zone does (icmpx_sysfs_zone_del()). */
	if (dir->zone) {
		icmpx_zone_stats(in, dir->zone, sum);
	} else if (icmpx_net_stats(in, sum)) {
		kvfree(sum);
		return -ENOMEM;
	}

	switch (dir->kind) {
	case DIR_REASONS:
		val = sum->malformed[f][attr - set->reason];
		break;
	case DIR_DROPS:
		val = sum->drop[f][attr - set->drop];
		break;
	case DIR_TYPE:
		val = total(sum, f, dir->type, attr - set->total);
		break;
	default:
		val = total(sum, f, -1, attr - set->total);
		break;
	}
	kvfree(sum);
	return sysfs_emit(buf, "%llu\n", val);
}

static struct stat_dir *add_dir(const struct attr_set *set,
				struct icmpx_zone *zone, enum dir_kind kind,
				struct kobject *parent, const char *name,
				u8 family, u8 type)
{
	struct stat_dir *dir = kzalloc(sizeof(*dir), GFP_KERNEL);
	const struct kobj_type *kt;

	if (!dir)
		return NULL;
	dir->set = set;
	dir->zone = zone;
	dir->kind = kind;
	dir->family = family;
	dir->type = type;
	kt = &(set == &zone_files ? zone_ktypes : net_ktypes)[kind];
	if (kobject_init_and_add(&dir->kobj, kt, parent, "%s", name)) {
		kobject_put(&dir->kobj);
		return NULL;
	}
	return dir;
}

static void put_dir(struct stat_dir *dir)
{
	if (dir)
		kobject_put(&dir->kobj);
}

/* Children before their parents; every pointer may still be NULL. */
static void zone_files_free(struct icmpx_zone_files *files)
{
	int f, k;

	for (f = 0; f < ICMPX_NFAMILY; f++)
		for (k = DIR_TYPE - 1; k >= 0; k--)
			put_dir(files->sub[f][k]);
	kobject_put(files->dir);
	kfree(files);
}

/**
 * icmpx_sysfs_zone_add - a zone's directory, /sys/kernel/icmpx/zones/NAME
 * @net: the zone's namespace: nothing unless the initial one
 * @z: the zone
 *
 * Context: the namespace's config_lock held, or the zone not yet seen.
 * Return: 0 or -ENOMEM.
 */
int icmpx_sysfs_zone_add(struct net *net, struct icmpx_zone *z)
{
	struct icmpx_zone_files *files;
	struct kobject *fam;
	int f;

	if (!net_eq(net, &init_net))
		return 0;
	files = kzalloc(sizeof(*files), GFP_KERNEL);
	if (!files)
		return -ENOMEM;
	files->dir = kobject_create_and_add(z->name, zones_dir);
	if (!files->dir)
		goto err;
	for (f = 0; f < ICMPX_NFAMILY; f++) {
		files->sub[f][DIR_FAMILY] =
			add_dir(&zone_files, z, DIR_FAMILY, files->dir,
				icmpx_family_name(f), f, 0);
		if (!files->sub[f][DIR_FAMILY])
			goto err;
		fam = &files->sub[f][DIR_FAMILY]->kobj;
		files->sub[f][DIR_REASONS] =
			add_dir(&zone_files, z, DIR_REASONS, fam, "reasons", f, 0);
		files->sub[f][DIR_DROPS] =
			add_dir(&zone_files, z, DIR_DROPS, fam, "drops", f, 0);
		if (!files->sub[f][DIR_REASONS] || !files->sub[f][DIR_DROPS])
			goto err;
	}
	z->files = files;
	return 0;

err:
	zone_files_free(files);
	return -ENOMEM;
}

/**
 * icmpx_sysfs_zone_del - take a zone's directory away
 * @z: the zone, of any namespace
 *
 * Returns once no reader of its files is left, so that the zone may go.
 *
 * Context: process context; may hold config_lock (a zone's files do not
 * take it), not stats_lock.
 */
void icmpx_sysfs_zone_del(struct icmpx_zone *z)
{
	if (z->files)
		zone_files_free(z->files);
	z->files = NULL;
}

int icmpx_sysfs_init(void)
{
	struct icmpx_net *in = icmpx_pernet(&init_net);
	char name[4];
	int f, t;

	attr_set_init(&net_files);
	attr_set_init(&zone_files);

	root = kobject_create_and_add("icmpx", kernel_kobj);
	if (!root)
		return -ENOMEM;
	for (f = 0; f < ICMPX_NFAMILY; f++) {
		families[f] = add_dir(&net_files, NULL, DIR_FAMILY, root,
				      icmpx_family_name(f), f, 0);
		if (!families[f])
			goto err;
		reasons[f] = add_dir(&net_files, NULL, DIR_REASONS,
				     &families[f]->kobj, "reasons", f, 0);
		drops[f] = add_dir(&net_files, NULL, DIR_DROPS,
				   &families[f]->kobj, "drops", f, 0);
		types_dir[f] = kobject_create_and_add("types", &families[f]->kobj);
		if (!reasons[f] || !drops[f] || !types_dir[f])
			goto err;
		for (t = 0; t < 256; t++) {
			snprintf(name, sizeof(name), "%d", t);
			types[f][t] = add_dir(&net_files, NULL, DIR_TYPE,
					      types_dir[f], name, f, t);
			if (!types[f][t])
				goto err;
		}
	}
	/* Before requests: no zone but the default one yet. */
	zones_dir = kobject_create_and_add("zones", root);
	if (!zones_dir || icmpx_sysfs_zone_add(&init_net, &in->dflt))
		goto err;
	return 0;

err:
	icmpx_sysfs_exit();
	return -ENOMEM;
}

/* After requests: every zone of the initial namespace stays. */
void icmpx_sysfs_exit(void)
{
	struct icmpx_net *in = icmpx_pernet(&init_net);
	struct icmpx_zone *z;
	int f, t;

	mutex_lock(&in->config_lock);
	icmpx_sysfs_zone_del(&in->dflt);
	list_for_each_entry(z, &in->zones, node)
		icmpx_sysfs_zone_del(z);
	mutex_unlock(&in->config_lock);
	kobject_put(zones_dir);
	zones_dir = NULL;

	for (f = 0; f < ICMPX_NFAMILY; f++) {
		for (t = 0; t < 256; t++) {
			put_dir(types[f][t]);
			types[f][t] = NULL;
		}
		kobject_put(types_dir[f]);
		types_dir[f] = NULL;
		put_dir(reasons[f]);
		reasons[f] = NULL;
		put_dir(drops[f]);
		drops[f] = NULL;
		put_dir(families[f]);
		families[f] = NULL;
	}
	kobject_put(root);
	root = NULL;
}
