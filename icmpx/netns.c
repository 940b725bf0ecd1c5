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

unsigned int icmpx_net_id __read_mostly;

static int __net_init icmpx_net_init(struct net *net)
{
	struct icmpx_net *in = icmpx_pernet(net);
	int err;

	in->stats = icmpx_stats_alloc();
	if (!in->stats)
		return -ENOMEM;
	mutex_init(&in->stats_lock);
	in->stats_base = NULL;
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
	if (rcu_access_pointer(in->config)->pol.mode != ICMPX_MODE_OFF) {
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
	icmpx_stats_free(in->stats);
	mutex_destroy(&in->stats_lock);
	return err;
}

/* The counters since the last reset. */
void icmpx_net_stats(struct icmpx_net *in, struct icmpx_stats *sum)
{
	/* Under the lock: a reset between reading and subtracting would wrap. */
	mutex_lock(&in->stats_lock);
	icmpx_stats_read(in->stats, sum);
	if (in->stats_base)
		icmpx_stats_since(in->stats_base, sum);
	mutex_unlock(&in->stats_lock);
}

/*
 * Start the counters again from zero, as every reader sees them: the
 * per-CPU counters themselves keep counting, untouched.
 *
 * Return: 0 or -ENOMEM, the counters then as they were.
 */
int icmpx_net_stats_reset(struct icmpx_net *in)
{
	struct icmpx_stats *base;

	base = kvmalloc(sizeof(*base), GFP_KERNEL_ACCOUNT);
	if (!base)
		return -ENOMEM;
	mutex_lock(&in->stats_lock);
	icmpx_stats_read(in->stats, base);
	kvfree(in->stats_base);
	in->stats_base = base;
	mutex_unlock(&in->stats_lock);
	return 0;
}

/**
 * icmpx_net_set_policy - put a policy in force in a namespace
 * @net: the namespace
 * @pol: copied
 *
 * Mode off takes the hooks out, so that it costs the namespace's packets
 * nothing at all; any other mode puts them back in.  A hook that cannot
 * be registered leaves the old policy in force.
 *
 * Context: process context, the namespace's config_lock held.
 * Return: 0, or an error and nothing changed.
 */
int icmpx_net_set_policy(struct net *net, const struct icmpx_policy *pol)
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
	err = icmpx_config_replace(in, pol);
	if (err) {
		if (on && !in->hooked)
			icmpx_hooks_unregister(net);
		return err;
	}
	if (!on && in->hooked)
		icmpx_hooks_unregister(net);
	in->hooked = on;
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

static void __net_exit icmpx_net_free(struct net *net)
{
	struct icmpx_net *in = icmpx_pernet(net);

	icmpx_proc_exit(net);
	icmpx_limits_net_exit(in);
	icmpx_config_net_exit(in);
	icmpx_stats_free(in->stats);
	kvfree(in->stats_base);
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
