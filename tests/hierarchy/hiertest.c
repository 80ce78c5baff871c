// SPDX-License-Identifier: LGPL-2.1-or-later
/* hiertest.c - the test controllers of hiertest.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "hiertest.h"

static struct ht_level *level(struct irq_domain *d)
{
	return d->host_data;
}

static void count(unsigned long *c, unsigned int n)
{
	__atomic_add_fetch(c, n, __ATOMIC_RELAXED);
}

/* Root: a two-cell controller whose fwspec names the line and type. */
static int gic_alloc(struct irq_domain *d, unsigned int virq,
		     unsigned int nr, void *arg)
{
	struct ht_level *l = level(d);
	struct irq_fwspec *spec = arg;

	if (l->fail_alloc)
		return l->fail_alloc;
	for (unsigned int i = 0; i < nr; i++)
		irq_domain_set_hwirq_and_chip(d, virq + i, spec->param[0] + i,
					      &l->chip, l);
	count(&l->alloc, nr);
	return 0;
}

static void gic_free(struct irq_domain *d, unsigned int virq, unsigned int nr)
{
	count(&level(d)->free, nr);
	irq_domain_free_irqs_common(d, virq, nr);
}

static int activate(struct irq_domain *d, struct irq_data *irqd, bool reserve)
{
	count(&level(d)->activate, 1);
	return 0;
}

static void deactivate(struct irq_domain *d, struct irq_data *irqd)
{
	count(&level(d)->deactivate, 1);
}

static const struct irq_domain_ops gic_ops = {
	.translate = irq_domain_translate_twocell,
	.alloc = gic_alloc,
	.free = gic_free,
	.activate = activate,
	.deactivate = deactivate,
};

/*
 * A child level: hwirq i of this level is parent line base + i. The
 * fwspec of the INTx level carries the pin; the MSI level takes a
 * struct ht_msi_arg; the its level passes its own spec down.
 */
static int child_alloc(struct irq_domain *d, unsigned int virq,
		       unsigned int nr, void *arg)
{
	struct ht_level *l = level(d);
	irq_hw_number_t hw;
	struct irq_fwspec parent = { 0 };
	int ret;

	if (l->fail_alloc)
		return l->fail_alloc;
	if (d == d->root)
		return -EINVAL;
	if (d->bus_token == DOMAIN_BUS_GENERIC_MSI)
		hw = ((struct ht_msi_arg *)arg)->hwirq;
	else
		hw = ((struct irq_fwspec *)arg)->param[0];
	for (unsigned int i = 0; i < nr; i++)
		irq_domain_set_hwirq_and_chip(d, virq + i, hw + i, &l->chip, l);
	if (l->disconnect_parent) {
		for (unsigned int i = 0; i < nr; i++)
			irq_domain_disconnect_hierarchy(d->parent, virq + i);
		count(&l->alloc, nr);
		return 0;
	}
	parent.fwnode = d->parent->fwnode;
	parent.param_count = 2;
	parent.param[0] = (uint32_t)(l->base + hw);
	parent.param[1] = IRQ_TYPE_LEVEL_HIGH;
	ret = irq_domain_alloc_irqs_parent(d, virq, nr, &parent);
	if (ret)
		return ret;
	if (l->fail_after_parent) {
		if (!l->leak_parent)
			irq_domain_free_irqs_parent(d, virq, nr);
		return l->fail_after_parent;
	}
	count(&l->alloc, nr);
	return 0;
}

static void child_free(struct irq_domain *d, unsigned int virq,
		       unsigned int nr)
{
	count(&level(d)->free, nr);
	irq_domain_free_irqs_top(d, virq, nr);
}

static const struct irq_domain_ops child_ops = {
	.translate = irq_domain_translate_onecell,
	.alloc = child_alloc,
	.free = child_free,
	.activate = activate,
	.deactivate = deactivate,
};

static void init_level(struct ht_level *l, const char *name)
{
	memset(l, 0, sizeof(*l));
	fwnode_init(&l->fwnode, FWNODE_KIND_USER, name, l);
	l->chip.name = name;
}

int ht_try_create(struct ht *h)
{
	init_level(&h->gic, "gic");
	init_level(&h->intx, "intx");
	init_level(&h->its, "its");
	init_level(&h->msi, "msi");
	h->intx.base = 32;
	h->its.base = 512;
	h->gic.d = irq_domain_create_linear(&h->gic.fwnode, 1024, &gic_ops,
					    &h->gic);
	if (h->gic.d)
		h->intx.d = irq_domain_create_hierarchy(h->gic.d, 0, 4,
				&h->intx.fwnode, &child_ops, &h->intx);
	if (h->gic.d)
		h->its.d = irq_domain_create_hierarchy(h->gic.d, 0, 0,
				&h->its.fwnode, &child_ops, &h->its);
	if (h->its.d)
		h->msi.d = irq_domain_create_hierarchy(h->its.d, 0, 0,
				&h->msi.fwnode, &child_ops, &h->msi);
	if (h->msi.d && h->intx.d) {
		irq_domain_update_bus_token(h->msi.d, DOMAIN_BUS_GENERIC_MSI);
		return 0;
	}
	ht_try_remove(h);
	return -ENOMEM;
}

void ht_try_remove(struct ht *h)
{
	struct ht_level *ls[] = { &h->msi, &h->its, &h->intx, &h->gic };

	for (unsigned int i = 0; i < 4; i++)
		if (ls[i]->d)
			irq_domain_remove(ls[i]->d);
}

void ht_create(struct ht *h)
{
	init_level(&h->gic, "gic");
	init_level(&h->intx, "intx");
	init_level(&h->its, "its");
	init_level(&h->msi, "msi");
	h->gic.d = irq_domain_create_linear(&h->gic.fwnode, 1024, &gic_ops,
					    &h->gic);
	assert_non_null(h->gic.d);
	h->intx.base = 32;	/* pins A..D are gic lines 32..35 */
	h->intx.d = irq_domain_create_hierarchy(h->gic.d, 0, 4, &h->intx.fwnode,
						&child_ops, &h->intx);
	assert_non_null(h->intx.d);
	h->its.base = 512;	/* its line i is gic line 512 + i */
	h->its.d = irq_domain_create_hierarchy(h->gic.d, 0, 0, &h->its.fwnode,
					       &child_ops, &h->its);
	assert_non_null(h->its.d);
	h->msi.base = 0;
	h->msi.d = irq_domain_create_hierarchy(h->its.d, 0, 0, &h->msi.fwnode,
					       &child_ops, &h->msi);
	assert_non_null(h->msi.d);
	irq_domain_update_bus_token(h->msi.d, DOMAIN_BUS_GENERIC_MSI);
}

void ht_remove(struct ht *h)
{
	assert_int_equal(irq_domain_remove(h->msi.d), 0);
	assert_int_equal(irq_domain_remove(h->its.d), 0);
	assert_int_equal(irq_domain_remove(h->intx.d), 0);
	assert_int_equal(irq_domain_remove(h->gic.d), 0);
}

unsigned int ht_map_intx(struct ht *h, unsigned int pin)
{
	struct irq_fwspec spec = {
		.fwnode = &h->intx.fwnode, .param_count = 1, .param = { pin },
	};

	return irq_create_fwspec_mapping(&spec);
}

void ht_assert_balanced(const struct ht *h)
{
	const struct ht_level *ls[] = { &h->gic, &h->intx, &h->its, &h->msi };

	for (unsigned int i = 0; i < 4; i++) {
		unsigned long a = __atomic_load_n(&ls[i]->alloc, __ATOMIC_RELAXED);
		unsigned long f = __atomic_load_n(&ls[i]->free, __ATOMIC_RELAXED);

		if (a != f)
			fail_msg("level %s: %lu allocs, %lu frees",
				 ls[i]->chip.name, a, f);
	}
}
