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
 *
 * <family> is ipv4 or ipv6; <type> is the number.  Other namespaces keep
 * their counters in their own /proc/net/icmpx.
 */
#include <linux/kobject.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <net/net_namespace.h>

#include "netns.h"
#include "sysfs.h"

enum dir_kind { DIR_FAMILY, DIR_REASONS, DIR_DROPS, DIR_TYPE };

/* A directory of counters: a family's totals, reasons, drops, or a type. */
struct stat_dir {
	struct kobject kobj;
	u8 kind;
	u8 family;
	u8 type;
};

static struct kobject *root;
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

/*
 * A family's files: the per-type counters of counters.h, summed, then
 * malformed (received less valid), which a type directory has too, then
 * the events in the order of enum icmpx_skb_event.
 */
enum {
	A_MALFORMED = ICMPX_NCOUNTER, A_EVENT, A_NTOTAL = A_EVENT + ICMPX_NEVENT
};

static struct attribute total_attr[A_NTOTAL];
static struct attribute *total_attrs[A_NTOTAL + 1];
ATTRIBUTE_GROUPS(total);

static struct attribute *type_attrs[A_EVENT + 1];
ATTRIBUTE_GROUPS(type);

/* Per reason and per drop: named after the parser's and policy's names. */
static struct attribute reason_attr[ICMPX_NREASON];
static struct attribute *reason_attrs[ICMPX_NREASON];
ATTRIBUTE_GROUPS(reason);

static struct attribute drop_attr[ICMPX_NDROP];
static struct attribute *drop_attrs[ICMPX_NDROP];
ATTRIBUTE_GROUPS(drop);

static void name_attrs(void)
{
	int i;

	for (i = 0; i < A_NTOTAL; i++) {
		if (i < A_MALFORMED)
			total_attr[i].name = icmpx_counter_name(i);
		else if (i == A_MALFORMED)
			total_attr[i].name = "malformed";
		else
			total_attr[i].name = icmpx_event_name(i - A_EVENT);
		total_attr[i].mode = 0444;
		total_attrs[i] = &total_attr[i];
		if (i < A_EVENT)
			type_attrs[i] = &total_attr[i];
	}
	for (i = ICMPX_OK + 1; i < ICMPX_NREASON; i++) {
		reason_attr[i].name = icmpx_reason_name(i);
		reason_attr[i].mode = 0444;
		reason_attrs[i - 1] = &reason_attr[i];
	}
	for (i = ICMPX_DROP_NONE + 1; i < ICMPX_NDROP; i++) {
		drop_attr[i].name = icmpx_drop_name(i);
		drop_attr[i].mode = 0444;
		drop_attrs[i - 1] = &drop_attr[i];
	}
}

static const struct kobj_type family_ktype = {
	.release = stat_dir_release,
	.sysfs_ops = &stat_ops,
	.default_groups = total_groups,
};

static const struct kobj_type type_ktype = {
	.release = stat_dir_release,
	.sysfs_ops = &stat_ops,
	.default_groups = type_groups,
};

static const struct kobj_type reason_ktype = {
	.release = stat_dir_release,
	.sysfs_ops = &stat_ops,
	.default_groups = reason_groups,
};

static const struct kobj_type drop_ktype = {
	.release = stat_dir_release,
	.sysfs_ops = &stat_ops,
	.default_groups = drop_groups,
};

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
	struct icmpx_stats *sum;
	int f = dir->family;
	u64 val;

	sum = kvmalloc(sizeof(*sum), GFP_KERNEL_ACCOUNT);
	if (!sum)
		return -ENOMEM;
	if (icmpx_net_stats(icmpx_pernet(&init_net), sum)) {
		kvfree(sum);
		return -ENOMEM;
	}

	switch (dir->kind) {
	case DIR_REASONS:
		val = sum->malformed[f][attr - reason_attr];
		break;
	case DIR_DROPS:
		val = sum->drop[f][attr - drop_attr];
		break;
	case DIR_TYPE:
		val = total(sum, f, dir->type, attr - total_attr);
		break;
	default:
		val = total(sum, f, -1, attr - total_attr);
		break;
	}
	kvfree(sum);
	return sysfs_emit(buf, "%llu\n", val);
}

static struct stat_dir *add_dir(enum dir_kind kind, struct kobject *parent,
				const char *name, u8 family, u8 type)
{
	static const struct kobj_type *const ktypes[] = {
		[DIR_FAMILY] = &family_ktype,
		[DIR_REASONS] = &reason_ktype,
		[DIR_DROPS] = &drop_ktype,
		[DIR_TYPE] = &type_ktype,
	};
	const struct kobj_type *kt = ktypes[kind];
	struct stat_dir *dir = kzalloc(sizeof(*dir), GFP_KERNEL);

	if (!dir)
		return NULL;
	dir->kind = kind;
	dir->family = family;
	dir->type = type;
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

int icmpx_sysfs_init(void)
{
	char name[4];
	int f, t;

	name_attrs();

	root = kobject_create_and_add("icmpx", kernel_kobj);
	if (!root)
		return -ENOMEM;
	for (f = 0; f < ICMPX_NFAMILY; f++) {
		families[f] = add_dir(DIR_FAMILY, root, icmpx_family_name(f), f, 0);
		if (!families[f])
			goto err;
		reasons[f] = add_dir(DIR_REASONS, &families[f]->kobj, "reasons",
				     f, 0);
		drops[f] = add_dir(DIR_DROPS, &families[f]->kobj, "drops", f, 0);
		types_dir[f] = kobject_create_and_add("types", &families[f]->kobj);
		if (!reasons[f] || !drops[f] || !types_dir[f])
			goto err;
		for (t = 0; t < 256; t++) {
			snprintf(name, sizeof(name), "%d", t);
			types[f][t] = add_dir(DIR_TYPE, types_dir[f], name, f, t);
			if (!types[f][t])
				goto err;
		}
	}
	return 0;

err:
	icmpx_sysfs_exit();
	return -ENOMEM;
}

/* Children go before their parents; every pointer may still be NULL. */
void icmpx_sysfs_exit(void)
{
	int f, t;

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
