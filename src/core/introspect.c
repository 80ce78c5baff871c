// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * introspect.c - human-readable tables: the interrupts (as /proc/interrupts)
 * and the domain tree with its mappings (as debugfs irq/domains).
 */
#include <errno.h>
#include <inttypes.h>

#include "core.h"
#include "log.h"

struct irq_row_walk {
	FILE *f;
};

static int show_row(struct irq_desc *desc, void *arg)
{
	struct irq_row_walk *w = arg;
	struct irq_mapping *m;
	struct irq_data *d = &desc->irq_data;
	struct irq_chip *c;
	const char *chip;

	irqm_rcu_read_lock();
	m = atomic_load_explicit(&desc->mapping, memory_order_acquire);
	/* ->alloc, ->free and irq_set_chip() may change it meanwhile */
	c = irqm_chip_ptr(d);
	chip = c && c->name ? c->name : "-";
	fprintf(w->f, "%6u:", desc->irq_data.irq);
	irqm_show_desc_stats(w->f, desc);
	if (m) {
		char users[24];

		snprintf(users, sizeof(users), "refs=%u", irqm_ref_read(&m->ref));
		fprintf(w->f, "  %-10s %8lu %-12s %-10s %s", chip,
			m->lv[0].hwirq, irqm_type_name(irqd_get_trigger_type(d)),
			users, m->lv[0].domain->name);
	} else {
		fprintf(w->f, "  %-10s %8s %-12s %-10s %s", chip, "-",
			irqm_type_name(irqd_get_trigger_type(d)), "-",
			"(no mapping)");
	}
	irqm_show_desc_actions(w->f, desc);
	fputc('\n', w->f);
	irqm_rcu_read_unlock();
	return 0;
}

int irqmap_show_interrupts(FILE *f)
{
	struct irq_row_walk w = { f };

	if (!IRQM_READY())
		return -ENODEV;
	if (!f) {
		irqm_err("NULL stream");
		return -EINVAL;
	}
	fprintf(f, "%7s", "");
	irqm_show_stats_header(f);
	fprintf(f, "  %-10s %8s %-12s %-10s %s\n", "CHIP", "HWIRQ", "TRIGGER",
		"USERS", "DOMAIN");
	return irqm_desc_for_each(show_row, &w);
}

static unsigned int depth_of(const struct irq_domain *d)
{
	unsigned int n = 0;

	for (; d->parent; d = d->parent)
		n++;
	return n;
}

struct domain_walk {
	FILE *f;
	unsigned int indent;
};

static int show_mapping(const struct irqmap_mapping_info *info, void *arg)
{
	struct domain_walk *w = arg;

	fprintf(w->f, "%*s  %8lu %8u  %-12s %6u%s\n", (int)w->indent, "",
		info->hwirq, info->virq, irqm_type_name(info->type),
		info->refcount, info->legacy ? "  (legacy)" : "");
	return 0;
}

static int show_domain(struct irq_domain *d, void *arg)
{
	struct domain_walk *w = arg;
	FILE *f = w->f;
	unsigned int ind = depth_of(d) * 4;

	fprintf(f, "%*sname:    %s\n", (int)ind, "", d->name);
	if (d->revmap_size)
		fprintf(f, "%*s size:   %u\n", (int)ind, "", d->revmap_size);
	else
		fprintf(f, "%*s size:   tree\n", (int)ind, "");
	fprintf(f, "%*s mapped: %u\n", (int)ind, "", irq_domain_mapcount(d));
	fprintf(f, "%*s flags:  0x%08x%s%s\n", (int)ind, "", d->flags,
		d->flags & IRQ_DOMAIN_FLAG_HIERARCHY ? " hierarchy" : "",
		d->flags & IRQ_DOMAIN_FLAG_NO_REFCOUNT ? " no-refcount" : "");
	fprintf(f, "%*s parent: %s\n", (int)ind, "",
		d->parent ? d->parent->name : "(none)");
	if (irq_domain_mapcount(d)) {
		w->indent = ind;
		fprintf(f, "%*s  %8s %8s  %-12s %6s\n", (int)ind, "", "hwirq",
			"virq", "trigger", "refs");
		irq_domain_for_each_mapping(d, show_mapping, w);
	}
	return 0;
}

int irqmap_show_domains(FILE *f)
{
	struct domain_walk w = { f, 0 };

	if (!IRQM_READY())
		return -ENODEV;
	if (!f) {
		irqm_err("NULL stream");
		return -EINVAL;
	}
	return irq_domain_for_each(show_domain, &w);
}
