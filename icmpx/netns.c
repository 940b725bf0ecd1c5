// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state: set up when a namespace (or the module)
 * appears, torn down when it goes.
 */
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

	err = icmpx_config_net_init(in);
	if (err)
		goto err_stats;

	err = icmpx_limits_net_init(in);
	if (err)
		goto err_config;

	err = icmpx_proc_init(net);
	if (err)
		goto err_limits;

	/* Last: from here on packets arrive and find everything in place. */
	err = icmpx_hooks_register(net);
	if (err)
		goto err_proc;
	return 0;

err_proc:
	icmpx_proc_exit(net);
err_limits:
	icmpx_limits_net_exit(in);
err_config:
	icmpx_config_net_exit(in);
err_stats:
	icmpx_stats_free(in->stats);
	return err;
}

/*
 * Hooks go in pre_exit so that the core's single synchronize_rcu()
 * between pre_exit and exit covers every namespace of a batch: by the
 * time exit frees the counters and the policy no packet can still be
 * using them.
 */
static void __net_exit icmpx_net_pre_exit(struct net *net)
{
	icmpx_hooks_unregister(net);
}

static void __net_exit icmpx_net_exit(struct net *net)
{
	struct icmpx_net *in = icmpx_pernet(net);

	icmpx_proc_exit(net);
	icmpx_limits_net_exit(in);
	icmpx_config_net_exit(in);
	icmpx_stats_free(in->stats);
}

static struct pernet_operations icmpx_net_ops = {
	.init = icmpx_net_init,
	.pre_exit = icmpx_net_pre_exit,
	.exit = icmpx_net_exit,
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
