// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/icmpx: the counters of the reader's own network namespace,
 * one counter per line, for scripts and tests.
 *
 *	config <setting> <value>
 *	router <family> <address>[ <interface>]
 *	trusted <family> <address>/<length>
 *	rule <family> <type>[/<code>] <name> <action>[ force][ unless-trusted]
 *	     (a limit: ... limit <scope> <rate>/s burst <burst>[ /<prefix>])
 *	zone <zone> <interface>...
 *	sources <entries> <max> <bytes per entry>
 *	total <family> <counter> <value>
 *	drop <family> <reason> <value>
 *	type <family> <type> <name> <received> <valid> <malformed> <accepted>
 *	     <dropped> <limit-passed> <limit-dropped>
 *	zone-total <zone> <family> <counter> <value>
 *	zone-drop <zone> <family> <reason> <value>
 *
 * The policy is the default zone's; the counters "total", "drop" and
 * "type" are the namespace's, its zones' summed; "zone-total" and
 * "zone-drop" are each zone's, the default one's first, once a zone
 * other than the default exists.  Rules are listed when they drop;
 * types that never arrived are left out.
 *
 * /proc/net/icmpx_sources: the top talkers of the per-source table,
 * heaviest first, readable by root only (they are addresses):
 *
 *	<family> <prefix>/<length> <type> <passed> <dropped> <zone>
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <net/net_namespace.h>

#include "netns.h"
#include "proc.h"

static void show_rule(struct seq_file *seq, const struct icmpx_policy *pol,
		      enum icmpx_family f, int type, int code,
		      const struct icmpx_rule *r)
{
	const char *name = icmpx_type_name(f, type);
	const struct icmpx_limiter *l = &pol->limiters[r->limit];

	seq_printf(seq, "rule %s %d", icmpx_family_name(f), type);
	if (code >= 0)
		seq_printf(seq, "/%d", code);
	seq_printf(seq, " %s %s", name ? name : "-",
		   icmpx_action_names[r->action]);
	if (r->action == ICMPX_ACTION_LIMIT) {
		seq_printf(seq, " %s %u/s burst %u", icmpx_scope_names[l->scope],
			   l->rate.rate, l->rate.burst);
		if (l->scope == ICMPX_SCOPE_SOURCE)
			seq_printf(seq, " /%u", l->plen[f]);
	}
	seq_printf(seq, "%s%s\n", r->flags & ICMPX_RULE_FORCE ? " force" : "",
		   r->flags & ICMPX_RULE_UNLESS_TRUSTED ? " unless-trusted" : "");
}

static void show_policy(struct seq_file *seq, const struct icmpx_policy *pol)
{
	enum icmpx_family f;
	int i;

	seq_printf(seq, "config mode %s\n", icmpx_mode_names[pol->mode]);
	seq_printf(seq, "config preset %s\n", icmpx_preset_names[pol->preset]);
	seq_printf(seq, "config source-quench %s\n",
		   icmpx_action_names[pol->source_quench]);
	seq_printf(seq, "config redirect %s\n",
		   icmpx_redirect_names[pol->redirect]);
	seq_printf(seq, "config router-adv %s\n",
		   icmpx_router_adv_names[pol->router_adv]);
	seq_printf(seq, "config validate-errors %s\n",
		   pol->validate_errors ? "on" : "off");
	for (f = 0; f < ICMPX_NFAMILY; f++) {
		for (i = 0; i < pol->nrouters[f]; i++) {
			const struct icmpx_router *r = &pol->routers[f][i];

			if (f == ICMPX_FAMILY_IPV4)
				seq_printf(seq, "router ipv4 %pI4", r->addr);
			else
				seq_printf(seq, "router ipv6 %pI6c", r->addr);
			seq_printf(seq, "%s%s\n", r->link[0] ? " " : "", r->link);
		}
		for (i = 0; i < pol->ntrusted[f]; i++) {
			const struct icmpx_prefix *p = &pol->trusted[f][i];

			if (f == ICMPX_FAMILY_IPV4)
				seq_printf(seq, "trusted ipv4 %pI4/%u\n", p->addr, p->plen);
			else
				seq_printf(seq, "trusted ipv6 %pI6c/%u\n", p->addr, p->plen);
		}
		for (i = 0; i < 256; i++)
			if (pol->type[f][i].action != ICMPX_ACTION_ACCEPT)
				show_rule(seq, pol, f, i, -1, &pol->type[f][i]);
		for (i = 0; i < pol->ncodes[f]; i++)
			show_rule(seq, pol, f, pol->code[f][i].type,
				  pol->code[f][i].code, &pol->code[f][i].rule);
	}
}

/*
 * A family's totals and drops: the namespace's ("total ipv4 ..."), or
 * one zone's when @zone is given ("zone-total wan ipv4 ...").
 */
static void show_totals(struct seq_file *seq, const struct icmpx_stats *sum,
			enum icmpx_family f, const char *zone)
{
	const char *fam = icmpx_family_name(f);
	const char *total = zone ? "zone-total " : "total";
	const char *drop = zone ? "zone-drop " : "drop";
	enum icmpx_type_counter c;
	int i;

	zone = zone ?: "";
	for (c = 0; c < ICMPX_NCOUNTER; c++)
		seq_printf(seq, "%s%s %s %s %llu\n", total, zone, fam,
			   icmpx_counter_name(c), icmpx_counter(sum, f, -1, c));
	seq_printf(seq, "%s%s %s malformed %llu\n", total, zone, fam,
		   icmpx_malformed(sum, f, -1));
	for (i = ICMPX_OK + 1; i < ICMPX_NREASON; i++)
		seq_printf(seq, "%s%s %s %s %llu\n", total, zone, fam,
			   icmpx_reason_name(i), sum->malformed[f][i]);
	for (i = 0; i < ICMPX_NEVENT; i++)
		seq_printf(seq, "%s%s %s %s %llu\n", total, zone, fam,
			   icmpx_event_name(i), sum->event[f][i]);
	for (i = ICMPX_DROP_NONE + 1; i < ICMPX_NDROP; i++)
		seq_printf(seq, "%s%s %s %s %llu\n", drop, zone, fam,
			   icmpx_drop_name(i), sum->drop[f][i]);
}

static void show_family(struct seq_file *seq, const struct icmpx_stats *sum,
			enum icmpx_family f)
{
	const char *fam = icmpx_family_name(f);
	enum icmpx_type_counter c;
	int i;

	show_totals(seq, sum, f, NULL);
	/* The type's counters in the table's order, malformed after valid. */
	for (i = 0; i < 256; i++) {
		const char *name = icmpx_type_name(f, i);

		if (!sum->types[ICMPX_C_RECEIVED][f][i])
			continue;
		seq_printf(seq, "type %s %d %s", fam, i, name ? name : "-");
		for (c = 0; c < ICMPX_NCOUNTER; c++) {
			seq_printf(seq, " %llu", sum->types[c][f][i]);
			if (c == ICMPX_C_VALID)
				seq_printf(seq, " %llu", icmpx_malformed(sum, f, i));
		}
		seq_putc(seq, '\n');
	}
}

/* "zone NAME LINK...": the zones other than the default one. */
static void show_zones(struct seq_file *seq, struct icmpx_net *in)
{
	struct icmpx_zone *z;
	unsigned int i;

	mutex_lock(&in->config_lock);
	list_for_each_entry(z, &in->zones, node) {
		seq_printf(seq, "zone %s", z->name);
		for (i = 0; i < z->nlinks; i++)
			seq_printf(seq, " %s", z->links[i]);
		seq_putc(seq, '\n');
	}
	mutex_unlock(&in->config_lock);
}

static void show_zone(struct seq_file *seq, struct icmpx_net *in,
		      struct icmpx_zone *z, struct icmpx_stats *sum)
{
	enum icmpx_family f;

	icmpx_zone_stats(in, z, sum);
	for (f = 0; f < ICMPX_NFAMILY; f++)
		show_totals(seq, sum, f, z->name);
}

/* Each zone's totals, once there are zones other than the default. */
static void show_zone_totals(struct seq_file *seq, struct icmpx_net *in,
			     struct icmpx_stats *sum)
{
	struct icmpx_zone *z;

	mutex_lock(&in->config_lock);
	if (!list_empty(&in->zones)) {
		show_zone(seq, in, &in->dflt, sum);
		list_for_each_entry(z, &in->zones, node)
			show_zone(seq, in, z, sum);
	}
	mutex_unlock(&in->config_lock);
}

static int icmpx_proc_show(struct seq_file *seq, void *v)
{
	struct icmpx_net *in = icmpx_pernet(seq_file_single_net(seq));
	struct icmpx_policy *pol;
	struct icmpx_sources *t;
	struct icmpx_stats *sum;
	enum icmpx_family f;

	pol = kvmalloc(sizeof(*pol), GFP_KERNEL_ACCOUNT);
	if (!pol)
		return -ENOMEM;
	icmpx_config_get(in, pol);
	show_policy(seq, pol);
	kvfree(pol);
	show_zones(seq, in);

	sum = kvmalloc(sizeof(*sum), GFP_KERNEL_ACCOUNT);
	if (!sum)
		return -ENOMEM;
	if (icmpx_net_stats(in, sum)) {
		kvfree(sum);
		return -ENOMEM;
	}
	t = icmpx_sources(in->limits);
	seq_printf(seq, "sources %u %u %zu\n", t ? atomic_read(&t->count) : 0,
		   icmpx_sources_cap(), icmpx_src_entry_size());
	for (f = 0; f < ICMPX_NFAMILY; f++)
		show_family(seq, sum, f);
	show_zone_totals(seq, in, sum);
	kvfree(sum);
	return 0;
}

#define TOP_SOURCES	64

static int icmpx_sources_show(struct seq_file *seq, void *v)
{
	struct icmpx_net *in = icmpx_pernet(seq_file_single_net(seq));
	struct icmpx_sources *t = icmpx_sources(in->limits);
	char (*names)[IFNAMSIZ];
	struct icmpx_src_info *top;
	unsigned int i, n;

	if (!t)
		return 0;
	top = kvmalloc_array(TOP_SOURCES, sizeof(*top), GFP_KERNEL_ACCOUNT);
	names = kcalloc(ICMPX_ZONES_MAX, IFNAMSIZ, GFP_KERNEL_ACCOUNT);
	if (!top || !names) {
		kvfree(top);
		kfree(names);
		return -ENOMEM;
	}
	mutex_lock(&in->config_lock);
	icmpx_zone_names(in, names);
	mutex_unlock(&in->config_lock);
	n = icmpx_src_top(t, top, TOP_SOURCES);
	for (i = 0; i < n; i++) {
		const struct icmpx_src_key *k = &top[i].key;

		if (k->family == ICMPX_FAMILY_IPV4)
			seq_printf(seq, "ipv4 %pI4/%u", k->addr, k->plen);
		else
			seq_printf(seq, "ipv6 %pI6c/%u", k->addr, k->plen);
		/* A zone made since the names were read: "-". */
		seq_printf(seq, " %u %llu %llu %s\n", k->type, top[i].passed,
			   top[i].dropped, names[k->zone][0] ? names[k->zone] : "-");
	}
	kvfree(top);
	kfree(names);
	return 0;
}

int icmpx_proc_init(struct net *net)
{
	if (!proc_create_net_single("icmpx", 0444, net->proc_net,
				    icmpx_proc_show, NULL))
		return -ENOMEM;
	if (!proc_create_net_single("icmpx_sources", 0400, net->proc_net,
				    icmpx_sources_show, NULL)) {
		remove_proc_entry("icmpx", net->proc_net);
		return -ENOMEM;
	}
	return 0;
}

void icmpx_proc_exit(struct net *net)
{
	remove_proc_entry("icmpx_sources", net->proc_net);
	remove_proc_entry("icmpx", net->proc_net);
}
