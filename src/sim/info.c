// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * info.c - the info commands, as tables.
 *
 * 'info interrupts' and 'info domains' are the library's own tables
 * (irqmap_show_interrupts(), irqmap_show_domains()); 'info refs' is
 * irqmap_show_refs() when reference tracking is on, which names the
 * device that took each reference, else the simulator's own record of
 * who holds what; 'info pci' lists buses, slots and routes, then the
 * machine's platform devices (not on PCI) with theirs.
 */
#include "sim.h"

static void print_refs(struct irqm_sim *s, FILE *f)
{
	char holders[512];
	bool any = false;

	for (struct irqm_sim_line *l = s->lines; l; l = l->next) {
		unsigned int nr;

		if (!l->virq)
			continue;
		nr = irqm_sim_line_holders(s, l, holders, sizeof(holders));
		fprintf(f, "virq %u (domain %s, hwirq %lu): %u reference%s, held by %s\n",
			l->virq, l->ctrl, (unsigned long)l->hwirq,
			irq_mapping_refcount(l->virq),
			irq_mapping_refcount(l->virq) == 1 ? "" : "s",
			nr ? holders : "nobody");
		any = true;
	}
	if (!any)
		fprintf(f, "no device holds a reference\n");
}

static void print_dev(FILE *f, const struct irqm_sim_dev *d)
{
	char what[IRQM_SIM_ROUTE_LEN + IRQM_SIM_ID_LEN + 64];

	if (d->child && !d->virq && !d->lost)
		snprintf(what, sizeof(what), "secondary bus %s", d->child->name);
	else if (d->child)
		snprintf(what, sizeof(what), "secondary bus %s; %s = virq %u",
			 d->child->name, d->route, d->virq);
	else if (d->lost)
		snprintf(what, sizeof(what), "%s: lost when %s was unplugged",
			 d->route, d->lost_to);
	else if (d->virq)
		snprintf(what, sizeof(what), "%s = virq %u (%u user%s)",
			 d->route, d->virq, d->line->users,
			 d->line->users == 1 ? "" : "s");
	else
		snprintf(what, sizeof(what), "no interrupt pin");
	fprintf(f, "  %02x.%u  %-14s %-16s %s\n", d->slot, d->fn, d->id,
		d->driver, what);
}

void irqm_sim_print_pci(struct irqm_sim *s, FILE *f)
{
	unsigned int platform = 0;

	for (struct irqm_sim_bus *b = s->buses; b; b = b->next) {
		bool empty = true;

		if (b->bridge)
			fprintf(f, "bus %s: behind bridge %s at %s:%02x.%u\n",
				b->name, b->bridge->id, b->bridge->bus->name,
				b->bridge->slot, b->bridge->fn);
		else
			fprintf(f, "bus %s: host bridge %s\n", b->name,
				irqmap_of_node_path(s->tree, b->node));
		for (unsigned int slot = 0; slot < IRQM_SIM_SLOTS; slot++)
			for (unsigned int fn = 0; fn < IRQM_SIM_FUNCS; fn++)
				if (b->slots[slot][fn]) {
					print_dev(f, b->slots[slot][fn]);
					empty = false;
				}
		if (empty)
			fprintf(f, "  (no device)\n");
	}
	for (size_t i = 0; i < s->nr_devs; i++) {
		const struct irqm_sim_dev *d = s->devs[i];

		if (!d->platform)
			continue;
		if (platform++ == 0)
			fprintf(f, "platform devices:\n");
		fprintf(f, "  %-22s %-20s %s = virq %u (%u user%s)\n", d->id,
			d->driver, d->route, d->virq, d->line->users,
			d->line->users == 1 ? "" : "s");
	}
}

int irqm_sim_info(struct irqm_sim *s, enum irqm_sim_info what)
{
	int ret = 0;

	if (s->opts->json)
		return irqm_sim_info_json(s, what);
	fflush(stdout);
	switch (what) {
	case IRQM_SIM_INFO_INTERRUPTS:
		ret = irqmap_show_interrupts(stdout);
		break;
	case IRQM_SIM_INFO_DOMAINS:
		ret = irqmap_show_domains(stdout);
		break;
	case IRQM_SIM_INFO_REFS:
		if (s->refs_tracking)
			ret = irqmap_show_refs(stdout, 0) < 0;
		else
			print_refs(s, stdout);
		break;
	case IRQM_SIM_INFO_PCI:
		irqm_sim_print_pci(s, stdout);
		break;
	}
	fflush(stdout);
	return ret;
}
