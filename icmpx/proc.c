// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/icmpx: the counters of the reader's own network namespace,
 * one counter per line, for scripts and tests.
 *
 *	total <family> <counter> <value>
 *	type <family> <type> <name> <received> <valid> <malformed>
 *
 * Types that never arrived are left out.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <net/net_namespace.h>

#include "netns.h"
#include "proc.h"

static void show_family(struct seq_file *seq, const struct icmpx_stats *sum,
			enum icmpx_family f)
{
	const char *fam = icmpx_family_name(f);
	u64 received, valid;
	int i;

	icmpx_stats_totals(sum, f, &received, &valid);
	seq_printf(seq, "total %s received %llu\n", fam, received);
	seq_printf(seq, "total %s valid %llu\n", fam, valid);
	seq_printf(seq, "total %s malformed %llu\n", fam, received - valid);
	for (i = ICMPX_OK + 1; i < ICMPX_NREASON; i++)
		seq_printf(seq, "total %s %s %llu\n", fam, icmpx_reason_name(i),
			   sum->malformed[f][i]);
	for (i = 0; i < ICMPX_NEVENT; i++)
		seq_printf(seq, "total %s %s %llu\n", fam, icmpx_event_name(i),
			   sum->event[f][i]);

	for (i = 0; i < 256; i++) {
		const char *name = icmpx_type_name(f, i);

		if (!sum->rx[f][i])
			continue;
		seq_printf(seq, "type %s %d %s %llu %llu %llu\n", fam, i,
			   name ? name : "-", sum->rx[f][i], sum->valid[f][i],
			   sum->rx[f][i] - sum->valid[f][i]);
	}
}

static int icmpx_proc_show(struct seq_file *seq, void *v)
{
	struct icmpx_net *in = icmpx_pernet(seq_file_single_net(seq));
	struct icmpx_stats *sum;
	enum icmpx_family f;

	sum = kmalloc(sizeof(*sum), GFP_KERNEL);
	if (!sum)
		return -ENOMEM;
	icmpx_stats_read(in->stats, sum);
	for (f = 0; f < ICMPX_NFAMILY; f++)
		show_family(seq, sum, f);
	kfree(sum);
	return 0;
}

int icmpx_proc_init(struct net *net)
{
	if (!proc_create_net_single("icmpx", 0444, net->proc_net,
				    icmpx_proc_show, NULL))
		return -ENOMEM;
	return 0;
}

void icmpx_proc_exit(struct net *net)
{
	remove_proc_entry("icmpx", net->proc_net);
}
