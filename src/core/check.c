// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check.c - irqmap_check(): every invariant of the core, checked from both
 * ends (revmaps to descriptors, descriptors to revmaps, domain links).
 */
#include <errno.h>
#include <stdarg.h>

#include "core.h"
#include "log.h"

struct check {
	FILE *f;
	unsigned int bad;
	unsigned int levels;		/* revmap entries seen in a domain */
	unsigned int mapped_descs;
	unsigned int descs;
	unsigned int children;
	struct irq_domain *d;
};

static void violation(struct check *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void violation(struct check *c, const char *fmt, ...)
{
	va_list ap;

	c->bad++;
	if (!c->f)
		return;
	fputs("irqmap_check: ", c->f);
	va_start(ap, fmt);
	vfprintf(c->f, fmt, ap);
	va_end(ap);
	fputc('\n', c->f);
}

static int check_level(struct irq_map_level *lv, void *arg)
{
	struct check *c = arg;
	struct irq_mapping *m = lv->m;
	struct irq_desc *desc;

	c->levels++;
	if (lv < &m->lv[0] || lv >= &m->lv[m->nr_levels])
		violation(c, "domain %s hwirq %lu: level outside its mapping",
			  c->d->name, lv->hwirq);
	if (lv->domain != c->d)
		violation(c, "domain %s hwirq %lu: level names domain %s",
			  c->d->name, lv->hwirq, lv->domain->name);
	if (!m->published)
		violation(c, "domain %s hwirq %lu: unpublished mapping in revmap",
			  c->d->name, lv->hwirq);
	if (!irqm_ref_read(&m->ref))
		violation(c, "domain %s hwirq %lu: mapping with count 0",
			  c->d->name, lv->hwirq);
	desc = irq_to_desc(m->virq);
	if (desc != irqm_mapping_desc(m))
		violation(c, "domain %s hwirq %lu: virq %u descriptor mismatch",
			  c->d->name, lv->hwirq, m->virq);
	else if (atomic_load(&desc->mapping) != m)
		violation(c, "virq %u: descriptor points at another mapping",
			  m->virq);
	if (m->legacy && irqm_ref_read(&m->ref) < 1)
		violation(c, "virq %u: legacy mapping lost its pin", m->virq);
	return 0;
}

static int count_children(struct irq_domain *d, void *arg)
{
	struct check *c = arg;

	if (d->parent == c->d)
		c->children++;
	return 0;
}

static int check_domain(struct irq_domain *d, void *arg)
{
	struct check *c = arg;

	c->d = d;
	c->levels = 0;
	if (d->parent && d->root != d->parent->root)
		violation(c, "domain %s: root differs from its parent's",
			  d->name);
	if (!d->parent && d->root != d)
		violation(c, "domain %s: a root domain must be its own root",
			  d->name);
	irqm_mutex_lock(irqm_root_mutex(d));
	irqm_revmap_for_each(d, check_level, c);
	if (c->levels != irq_domain_mapcount(d))
		violation(c, "domain %s: %u revmap entries but mapcount %u",
			  d->name, c->levels, irq_domain_mapcount(d));
	irqm_mutex_unlock(irqm_root_mutex(d));
	return 0;
}

static int check_children(struct irq_domain *d, void *arg)
{
	struct check *c = arg;
	struct irq_domain_private *p;

	/* the domain-list lock is held by irq_domain_for_each() */
	c->d = d;
	c->children = 0;
	irqm_for_each_domain(p)
		count_children(p->domain, c);
	if (c->children != d->priv->nr_children)
		violation(c, "domain %s: %u children but nr_children %u",
			  d->name, c->children, d->priv->nr_children);
	return 0;
}

static int check_desc(struct irq_desc *desc, void *arg)
{
	struct check *c = arg;
	struct irq_mapping *m = atomic_load(&desc->mapping);

	c->descs++;
	if (irq_to_desc(desc->irq_data.irq) != desc)
		violation(c, "virq %u: the table holds another descriptor",
			  desc->irq_data.irq);
	if (!m)
		return 0;
	c->mapped_descs++;
	if (m->virq != desc->irq_data.irq || irqm_mapping_desc(m) != desc)
		violation(c, "virq %u: its mapping belongs to virq %u",
			  desc->irq_data.irq, m->virq);
	return 0;
}

int irqmap_check(FILE *f)
{
	struct check c = { .f = f };

	if (!IRQM_READY())
		return -ENODEV;
	irq_domain_for_each(check_domain, &c);
	irq_domain_for_each(check_children, &c);
	irqm_desc_for_each(check_desc, &c);
	if (c.descs != irqm_desc_count())
		violation(&c, "%u descriptors found, %u accounted", c.descs,
			  irqm_desc_count());
	if (c.bad) {
		if (f)
			fprintf(f, "irqmap_check: %u violation%s\n", c.bad,
				c.bad == 1 ? "" : "s");
		return -EUCLEAN;
	}
	return 0;
}
