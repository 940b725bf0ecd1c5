// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/icmpx: the initial network namespace's counters, one value
 * per file, read-only, for monitoring agents that read files.
 *
 *	<family>/{received,valid,malformed,fragment,no-header}
 *	<family>/reasons/<reason>
 *	<family>/types/<type>/{received,valid,malformed}
 *
 * <family> is ipv4 or ipv6; <type> is the number.  Other namespaces keep
 * their counters in their own /proc/net/icmpx.
 */
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <net/net_namespace.h>

#include "netns.h"
#include "sysfs.h"

enum dir_kind { DIR_FAMILY, DIR_REASONS, DIR_TYPE };

/* A directory of counters: a family's totals, its reasons, or one type. */
struct stat_dir {
	struct kobject kobj;
	u8 kind;
	u8 family;
	u8 type;
};

static struct kobject *root;
static struct stat_dir *families[ICMPX_NFAMILY];
static struct stat_dir *reasons[ICMPX_NFAMILY];
static struct kobject *types_dir[ICMPX_NFAMILY];
static struct stat_dir *types[ICMPX_NFAMILY][256];

static struct icmpx_pcpu_stats __percpu *init_stats(void)
{
	return icmpx_pernet(&init_net)->stats;
}

static ssize_t show_sum(struct kobject *kobj, struct attribute *attr,
			char *buf);

static const struct sysfs_ops stat_ops = {
	.show = show_sum,
};

static void stat_dir_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct stat_dir, kobj));
}

/* Family totals; a type directory has the first three. */
enum { A_RECEIVED, A_VALID, A_MALFORMED, A_FRAGMENT, A_NOHDR };

static struct attribute total_attr[] = {
	{ .name = "received", .mode = 0444 },
	{ .name = "valid", .mode = 0444 },
	{ .name = "malformed", .mode = 0444 },
	{ .name = "fragment", .mode = 0444 },
	{ .name = "no-header", .mode = 0444 },
};

static struct attribute *total_attrs[] = {
	&total_attr[A_RECEIVED], &total_attr[A_VALID], &total_attr[A_MALFORMED],
	&total_attr[A_FRAGMENT], &total_attr[A_NOHDR], NULL
};
ATTRIBUTE_GROUPS(total);

static struct attribute *type_attrs[] = {
	&total_attr[A_RECEIVED], &total_attr[A_VALID], &total_attr[A_MALFORMED],
	NULL
};
ATTRIBUTE_GROUPS(type);

/* Per reason: filled in from the parser's own names at init. */
static struct attribute reason_attr[ICMPX_NREASON];
static struct attribute *reason_attrs[ICMPX_NREASON];
ATTRIBUTE_GROUPS(reason);

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

static ssize_t show_sum(struct kobject *kobj, struct attribute *attr,
			char *buf)
{
	struct stat_dir *dir = container_of(kobj, struct stat_dir, kobj);
	struct icmpx_stats *sum;
	u64 val, received, valid;
	int f = dir->family;

	sum = kmalloc(sizeof(*sum), GFP_KERNEL);
	if (!sum)
		return -ENOMEM;
	icmpx_stats_read(init_stats(), sum);

	if (dir->kind == DIR_REASONS) {
		val = sum->malformed[f][attr - reason_attr];
	} else if (dir->kind == DIR_TYPE) {
		if (attr == &total_attr[A_RECEIVED])
			val = sum->rx[f][dir->type];
		else if (attr == &total_attr[A_VALID])
			val = sum->valid[f][dir->type];
		else
			val = sum->rx[f][dir->type] - sum->valid[f][dir->type];
	} else if (attr == &total_attr[A_FRAGMENT]) {
		val = sum->event[f][ICMPX_EV_FRAGMENT];
	} else if (attr == &total_attr[A_NOHDR]) {
		val = sum->event[f][ICMPX_EV_NOHDR];
	} else {
		icmpx_stats_totals(sum, f, &received, &valid);
		if (attr == &total_attr[A_RECEIVED])
			val = received;
		else if (attr == &total_attr[A_VALID])
			val = valid;
		else
			val = received - valid;
	}
	kfree(sum);
	return sysfs_emit(buf, "%llu\n", val);
}

static struct stat_dir *add_dir(enum dir_kind kind, struct kobject *parent,
				const char *name, u8 family, u8 type)
{
	static const struct kobj_type *const ktypes[] = {
		[DIR_FAMILY] = &family_ktype,
		[DIR_REASONS] = &reason_ktype,
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
	int f, t, r;

	for (r = ICMPX_OK + 1; r < ICMPX_NREASON; r++) {
		reason_attr[r].name = icmpx_reason_name(r);
		reason_attr[r].mode = 0444;
		reason_attrs[r - 1] = &reason_attr[r];
	}

	root = kobject_create_and_add("icmpx", kernel_kobj);
	if (!root)
		return -ENOMEM;
	for (f = 0; f < ICMPX_NFAMILY; f++) {
		families[f] = add_dir(DIR_FAMILY, root, icmpx_family_name(f), f, 0);
		if (!families[f])
			goto err;
		reasons[f] = add_dir(DIR_REASONS, &families[f]->kobj, "reasons",
				     f, 0);
		types_dir[f] = kobject_create_and_add("types", &families[f]->kobj);
		if (!reasons[f] || !types_dir[f])
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
		put_dir(families[f]);
		families[f] = NULL;
	}
	kobject_put(root);
	root = NULL;
}
