// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state: set up when a namespace (or the module)
 * appears, torn down when it goes.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <net/net_namespace.h>

#include "hooks.h"
#include "netns.h"
#include "proc.h"
#include "sysfs.h"

unsigned int icmpx_net_id __read_mostly;

/* Whether any zone's mode is other than off: the hooks are needed. */
bool icmpx_net_any_on(struct icmpx_net *in)
{
	struct icmpx_zone *z;

	if (icmpx_config_locked(in, &in->dflt)->mode != ICMPX_MODE_OFF)
		return true;
	list_for_each_entry(z, &in->zones, node)
		if (icmpx_config_locked(in, z)->mode != ICMPX_MODE_OFF)
			return true;
	return false;
}

/* Each zone's name at its id; config_lock held. */
void icmpx_zone_names(struct icmpx_net *in, char names[][IFNAMSIZ])
{
	struct icmpx_zone *z;

	lockdep_assert_held(&in->config_lock);
	strscpy(names[in->dflt.id], in->dflt.name, IFNAMSIZ);
	list_for_each_entry(z, &in->zones, node)
		strscpy(names[z->id], z->name, IFNAMSIZ);
}

/* The counters and buckets of a zone (its policy is config.c's). */
static int zone_counters_init(struct icmpx_zone *z)
{
	z->stats = icmpx_stats_alloc();
	z->buckets = icmpx_buckets_alloc();
	z->stats_base = NULL;
	if (z->stats && z->buckets)
		return 0;
	icmpx_buckets_free(z->buckets);
	icmpx_stats_free(z->stats);
	return -ENOMEM;
}

static void zone_counters_exit(struct icmpx_zone *z)
{
	icmpx_buckets_free(z->buckets);
	icmpx_stats_free(z->stats);
	kvfree(z->stats_base);
}

static int __net_init icmpx_net_init(struct net *net)
{
	struct icmpx_net *in = icmpx_pernet(net);
	int err;

	strscpy(in->dflt.name, ICMPX_DEFAULT_ZONE, sizeof(in->dflt.name));
	err = zone_counters_init(&in->dflt);
	if (err)
		return err;
	icmpx_zones_net_init(in);
	mutex_init(&in->stats_lock);
	icmpx_events_init(&in->events);
	icmpx_memo_init(&in->memo);

	err = icmpx_config_net_init(in);
	if (err)
		goto err_stats;

	err = icmpx_limits_net_init(in);
	if (err)
		goto err_config;

	err = icmpx_proc_init(net);
	if (err)
		goto err_limits;

	/*
	 * Last: from here on packets arrive and find everything in place.
	 * With mode off (a module parameter) there is nothing to hook.
	 */
	if (rcu_access_pointer(in->dflt.config)->pol.mode != ICMPX_MODE_OFF) {
		err = icmpx_hooks_register(net);
		if (err)
			goto err_proc;
		in->hooked = true;
	}
	return 0;

err_proc:
	icmpx_proc_exit(net);
err_limits:
	icmpx_limits_net_stop(in);
	icmpx_limits_net_exit(in);
err_config:
	icmpx_config_net_exit(in);
err_stats:
	icmpx_zones_net_exit(in);
	zone_counters_exit(&in->dflt);
	mutex_destroy(&in->stats_lock);
	return err;
}

/* A zone's counters since its last reset; stats_lock held. */
static void zone_stats_locked(struct icmpx_zone *z, struct icmpx_stats *sum)
{
	icmpx_stats_read(z->stats, sum);
	if (z->stats_base)
		icmpx_stats_since(z->stats_base, sum);
}

/* A zone's counters since its last reset. */
void icmpx_zone_stats(struct icmpx_net *in, struct icmpx_zone *z,
		      struct icmpx_stats *sum)
{
	/* Under the lock: a reset between reading and subtracting would wrap. */
	mutex_lock(&in->stats_lock);
	zone_stats_locked(z, sum);
	mutex_unlock(&in->stats_lock);
}

/**
 * icmpx_net_stats - the namespace's counters: its zones' summed
 * @in: the namespace
 * @sum: the counters
 *
 * Context: process context; takes config_lock (the zones stay).
 * Return: 0 or -ENOMEM.
 */
int icmpx_net_stats(struct icmpx_net *in, struct icmpx_stats *sum)
{
	struct icmpx_stats *part = NULL;
	struct icmpx_zone *z;

	mutex_lock(&in->config_lock);
	if (!list_empty(&in->zones)) {
		part = kvmalloc(sizeof(*part), GFP_KERNEL_ACCOUNT);
		if (!part) {
			mutex_unlock(&in->config_lock);
			return -ENOMEM;
		}
	}
	mutex_lock(&in->stats_lock);
	zone_stats_locked(&in->dflt, sum);
	list_for_each_entry(z, &in->zones, node) {
		zone_stats_locked(z, part);
		icmpx_stats_add(part, sum);
	}
	mutex_unlock(&in->stats_lock);
	mutex_unlock(&in->config_lock);
	kvfree(part);
	return 0;
}

/* Start a zone's counters again from zero; stats_lock held. */
static int zone_stats_reset(struct icmpx_zone *z)
{
	struct icmpx_stats *base;

	base = kvmalloc(sizeof(*base), GFP_KERNEL_ACCOUNT);
	if (!base)
		return -ENOMEM;
	icmpx_stats_read(z->stats, base);
	kvfree(z->stats_base);
	z->stats_base = base;
	return 0;
}

/* Start a zone's counters again from zero. */
int icmpx_zone_stats_reset(struct icmpx_net *in, struct icmpx_zone *z)
{
	int err;

	mutex_lock(&in->stats_lock);
	err = zone_stats_reset(z);
	mutex_unlock(&in->stats_lock);
	return err;
}

/*
 * Start the counters of every zone again from zero, as every reader
 * sees them: the per-CPU counters themselves keep counting, untouched.
 *
 * Return: 0 or -ENOMEM, a zone's counters then as they were.
 */
int icmpx_net_stats_reset(struct icmpx_net *in)
{
	struct icmpx_zone *z;
	int err;

	mutex_lock(&in->config_lock);
	mutex_lock(&in->stats_lock);
	err = zone_stats_reset(&in->dflt);
	list_for_each_entry(z, &in->zones, node)
		err = err ?: zone_stats_reset(z);
	mutex_unlock(&in->stats_lock);
	mutex_unlock(&in->config_lock);
	return err;
}

/**
 * icmpx_net_set_policy - put a policy in force in a zone of a namespace
 * @net: the namespace
 * @z: its zone
 * @pol: copied
 *
 * A namespace whose every zone is off has no hooks, so that it costs its
 * packets nothing at all; any other mode puts them back in.  A hook that
 * cannot be registered leaves the old policy in force.
 *
 * Context: process context, the namespace's config_lock held.
 * Return: 0, or an error and nothing changed.
 */
int icmpx_net_set_policy(struct net *net, struct icmpx_zone *z,
			 const struct icmpx_policy *pol)
{
	struct icmpx_net *in = icmpx_pernet(net);
	bool on = pol->mode != ICMPX_MODE_OFF;
	int err;

	lockdep_assert_held(&in->config_lock);
	if (on && !in->hooked) {
		err = icmpx_hooks_register(net);
		if (err)
			return err;
	}
	err = icmpx_config_replace(in, z, pol);
	if (err) {
		if (on && !in->hooked)
			icmpx_hooks_unregister(net);
		return err;
	}
	if (on) {
		in->hooked = true;
	} else if (in->hooked && !icmpx_net_any_on(in)) {
		icmpx_hooks_unregister(net);
		in->hooked = false;
	}
	return 0;
}

/*
 * Hooks go in pre_exit so that the core's single synchronize_rcu()
 * between pre_exit and exit_batch covers every namespace of a batch: by
 * the time exit_batch frees the counters and the policy no packet can
 * still be using them.
 */
static void __net_exit icmpx_net_pre_exit(struct net *net)
{
	struct icmpx_net *in = icmpx_pernet(net);

	/* Nothing can change the policy of a namespace on its way out. */
	if (in->hooked)
		icmpx_hooks_unregister(net);
	in->hooked = false;
}

/* A new zone named @name, its policy the module parameters'. */
struct icmpx_zone *icmpx_zone_alloc(const char *name)
{
	struct icmpx_zone *z = kzalloc(sizeof(*z), GFP_KERNEL_ACCOUNT);

	if (!z)
		return NULL;
	z->links = kcalloc(ICMPX_ZONE_LINKS_MAX, IFNAMSIZ, GFP_KERNEL_ACCOUNT);
	if (!z->links || zone_counters_init(z))
		goto err;
	if (icmpx_config_zone_init(z)) {
		zone_counters_exit(z);
		goto err;
	}
	strscpy(z->name, name, sizeof(z->name));
	return z;

err:
	kfree(z->links);
	kfree(z);
	return NULL;
}

/* A zone no packet can reach any more. */
void icmpx_zone_free(struct icmpx_zone *z)
{
	icmpx_sysfs_zone_del(z);
	icmpx_config_zone_exit(z);
	zone_counters_exit(z);
	kfree(z->links);
	kfree(z);
}

static void __net_exit icmpx_net_free(struct net *net)
{
	struct icmpx_net *in = icmpx_pernet(net);
	struct icmpx_zone *z, *tmp;

	icmpx_proc_exit(net);
	icmpx_limits_net_exit(in);
	icmpx_zones_net_exit(in);
	list_for_each_entry_safe(z, tmp, &in->zones, node)
		icmpx_zone_free(z);
	icmpx_config_net_exit(in);
	zone_counters_exit(&in->dflt);
	mutex_destroy(&in->stats_lock);
}

/*
 * A batch of namespaces goes at once (and every namespace when the
 * module goes).  Entries removed from a per-source table are freed by
 * RCU callbacks that still point at the table: one barrier waits for
 * them for the whole batch, not one per namespace, which would
 * serialise the teardown of a host's containers; and none at all when
 * no namespace of the batch ever made a table, as most never do.
 */
static void __net_exit icmpx_net_exit_batch(struct list_head *net_exit_list)
{
	bool tables = false;
	struct net *net;

	list_for_each_entry(net, net_exit_list, exit_list) {
		icmpx_limits_net_stop(icmpx_pernet(net));
		tables |= !!icmpx_pernet(net)->limits->src;
	}
	if (tables)
		rcu_barrier();
	list_for_each_entry(net, net_exit_list, exit_list)
		icmpx_net_free(net);
}

static struct pernet_operations icmpx_net_ops = {
	.init = icmpx_net_init,
	.pre_exit = icmpx_net_pre_exit,
	.exit_batch = icmpx_net_exit_batch,
	.id = &icmpx_net_id,
	.size = sizeof(struct icmpx_net),
};

int icmpx_netns_init(void)
{
	return register_pernet_subsys(&icmpx_net_ops);
}

void icmpx_netns_exit(void)
{
	unregister_pernet_subsys(&icmpx_net_ops);
}
