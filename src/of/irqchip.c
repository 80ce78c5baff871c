// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip.c - the table of controller drivers, matching nodes to drivers,
 * and what every driver shares: creating the domain, ->map, reading sizes.
 */
#include <errno.h>
#include <string.h>

#include "alloc.h"
#include "irqchip.h"

static const struct irqm_of_irqchip *const irqchips[] = {
	&irqm_of_gic_v2,
	&irqm_of_gic_v3,
	&irqm_of_plic,
	&irqm_of_aplic,
	&irqm_of_imsic,
	&irqm_of_riscv_intc,
	&irqm_of_xics,
	&irqm_of_xive_spapr,
	&irqm_of_xive_powernv,
	&irqm_of_pseries_aux,
	&irqm_of_lpc,
	&irqm_of_pl061,
	&irqm_of_imx_gpc,
	&irqm_of_imx_gpcv2,
	&irqm_of_omap_wakeupgen,
	&irqm_of_tegra_lic,
	&irqm_of_exynos_pmu,
	&irqm_of_crossbar,
	&irqm_of_sun6i_r_intc,
	&irqm_of_exynos_combiner,
	&irqm_of_bcm2835,
	&irqm_of_spmi_pmic_arb,
	&irqm_of_qcom_ipcc,
	&irqm_of_ti_sci_intr,
	&irqm_of_mvebu_ap_sei,
	&irqm_of_mvebu_icu_nsr,
	&irqm_of_mvebu_icu_sei,
	&irqm_of_sunxi_pinctrl,
};

#define NR_IRQCHIPS (sizeof(irqchips) / sizeof(irqchips[0]))

/*
 * The first driver whose compatible strings @idx lists; for a node that is
 * not a controller, only the drivers that can make it one are asked.
 */
static const struct irqm_of_irqchip *by_compatible(const struct irqmap_of *t,
						   int idx)
{
	bool intc = t->nodes[idx].flags & IRQM_OF_INTC;

	if (!t->nodes[idx].compat)
		return NULL;
	for (size_t i = 0; i < NR_IRQCHIPS; i++) {
		const struct irqm_of_irqchip *chip = irqchips[i];

		if (!intc && !(chip->flags & IRQM_OF_CHIP_IMPLICIT))
			continue;

		for (const char *const *c = chip->compatible; c && *c; c++)
			if (irqm_of_compatible(t, idx, *c))
				return chip;
	}
	return NULL;
}

static void attach(struct irqm_of_node *n, const struct irqm_of_irqchip *chip)
{
	n->chip = chip;
	n->flags |= IRQM_OF_INTC;
	if (!(n->flags & IRQM_OF_HAS_INTCELLS) && chip->default_cells) {
		n->intcells = chip->default_cells;
		n->flags |= IRQM_OF_HAS_INTCELLS;
	}
}

/*
 * Give every controller node its driver. Compatible matches first, since
 * a driver may make a node a controller (IRQM_OF_CHIP_IMPLICIT) and
 * ->claim looks at the whole tree; then claims, then the generic driver.
 */
void irqm_of_assign_chips(struct irqmap_of *t)
{
	for (int i = 0; i < t->nr_nodes; i++) {
		struct irqm_of_node *n = &t->nodes[i];
		const struct irqm_of_irqchip *chip = by_compatible(t, i);

		if (chip && ((n->flags & IRQM_OF_INTC) ||
			     (chip->flags & IRQM_OF_CHIP_IMPLICIT)))
			attach(n, chip);
	}
	t->platform = -1;
	for (int i = 0; i < t->nr_nodes && t->platform < 0; i++)
		if (t->nodes[i].chip &&
		    (t->nodes[i].chip->flags & IRQM_OF_CHIP_PLATFORM) &&
		    (t->nodes[i].flags & IRQM_OF_AVAILABLE))
			t->platform = i;
	for (int i = 0; i < t->nr_nodes; i++) {
		struct irqm_of_node *n = &t->nodes[i];

		if (!(n->flags & IRQM_OF_INTC) || n->chip)
			continue;
		for (size_t c = 0; c < NR_IRQCHIPS && !n->chip; c++) {
			const struct irqm_of_irqchip *chip = irqchips[c];

			if (chip->claim && chip->claim(t, i))
				attach(n, chip);
		}
		if (!n->chip)
			attach(n, &irqm_of_generic);
	}
}

/*
 * A linear domain of @size lines, or a tree domain for @size 0. -ENODEV
 * only when the library is not initialised (the core said so already).
 */
int irqm_of_create_domain(struct irqm_of_node *n, unsigned int size,
			  const struct irq_domain_ops *ops, char *why)
{
	if (size)
		n->domain = irq_domain_create_linear(&n->fwnode, size, ops, n);
	else
		n->domain = irq_domain_create_tree(&n->fwnode, ops, n);
	if (!n->domain)
		return irqm_of_fail(why, -errno, "%s driver cannot create its domain: %s",
				    n->chip->name, strerror(errno));
	return 0;
}

/*
 * A domain of @size lines (0: a tree) below the domain of the interrupt
 * parent that bring-up found for @n (n->hier_parent, up and hierarchical).
 */
int irqm_of_create_hier_domain(struct irqmap_of *t, struct irqm_of_node *n,
			       unsigned int size,
			       const struct irq_domain_ops *ops, char *why)
{
	struct irq_domain *parent;

	if (n->hier_parent < 0)
		return irqm_of_fail(why, -EINVAL, "%s driver: no parent domain",
				    n->chip->name);
	parent = t->nodes[n->hier_parent].domain;
	n->domain = irq_domain_create_hierarchy(parent, 0, size, &n->fwnode,
						ops, n);
	if (!n->domain)
		return irqm_of_fail(why, -errno, "%s driver cannot create its domain below %s: %s",
				    n->chip->name, parent->name, strerror(errno));
	return 0;
}

/*
 * ->alloc's own level for every driver: @nr lines from @hwirq, with the
 * driver's chip and the node as chip data.
 */
int irqm_of_chip_alloc(struct irq_domain *d, unsigned int virq,
		       unsigned int nr, irq_hw_number_t hwirq)
{
	struct irqm_of_node *n = d->host_data;

	for (unsigned int i = 0; i < nr; i++) {
		int ret = irq_domain_set_hwirq_and_chip(d, virq + i, hwirq + i,
							n->chip->irq_chip, n);

		if (ret)
			return ret;
	}
	return 0;
}

/*
 * Allocate the parent level with @fw, whose cells a driver has already
 * rewritten for the parent: only the fwnode is set here.
 */
int irqm_of_alloc_parent(struct irq_domain *d, unsigned int virq,
			 unsigned int nr, const struct irq_fwspec *fw)
{
	struct irq_fwspec parent = *fw;

	parent.fwnode = d->parent->fwnode;
	return irq_domain_alloc_irqs_parent(d, virq, nr, &parent);
}

/* ->map of every driver: the driver's chip on the line. */
int irqm_of_chip_map(struct irq_domain *d, unsigned int virq,
		     irq_hw_number_t hw)
{
	struct irqm_of_node *n = d->host_data;
	int ret;

	(void)hw;
	ret = irq_set_chip(virq, n->chip->irq_chip);
	if (!ret)
		ret = irq_set_chip_data(virq, n);
	return ret;
}

/* A size property of the controller, 1..@max. */
bool irqm_of_prop_size(const struct irqmap_of *t, struct irqm_of_node *n,
		       const char *name, uint32_t max, uint32_t *val,
		       char *why)
{
	int idx = (int)(n - t->nodes);

	if (!irqm_of_prop_u32(t, idx, name, val)) {
		irqm_of_fail(why, -EINVAL, "%s controller without %s",
			     n->chip->name, name);
		return false;
	}
	if (*val < 1 || *val > max) {
		irqm_of_fail(why, -EINVAL, "%s %u outside 1..%u", name, *val,
			     max);
		return false;
	}
	return true;
}

/*
 * The translation of a GIC-style controller in front of a GIC (GPC,
 * wake-up units, legacy interrupt controllers): three cells like the
 * GIC's, of which only SPIs (kind 0) may reach it; the hwirq is the SPI
 * number, the type the low bits of the flags.
 */
int irqm_of_gic_child_translate(struct irq_domain *d, struct irq_fwspec *fw,
				unsigned long *hwirq, unsigned int *type)
{
	(void)d;
	if (fw->param_count != 3 || fw->param[0] != 0)
		return -EINVAL;
	*hwirq = fw->param[1];
	*type = fw->param[2] & IRQ_TYPE_SENSE_MASK;
	return 0;
}

/*
 * ->alloc of such a controller: the SPI at this level, below the domain's
 * bound, and the same specifier to the GIC below.
 */
static int gic_child_alloc(struct irq_domain *d, unsigned int virq,
			   unsigned int nr, void *arg)
{
	struct irq_fwspec *fw = arg;
	unsigned long hwirq;
	unsigned int type;
	int ret = irqm_of_gic_child_translate(d, fw, &hwirq, &type);

	if (ret)
		return ret;
	if (hwirq + nr > d->hwirq_max)
		return -EINVAL;
	ret = irqm_of_chip_alloc(d, virq, nr, hwirq);
	if (ret)
		return ret;
	return irqm_of_alloc_parent(d, virq, nr, fw);
}

/*
 * The ops of such a controller whose lines are those of its domain: a
 * linear domain's size bounds the SPI number, a tree's bounds nothing.
 */
const struct irq_domain_ops irqm_of_gic_child_ops = {
	.translate = irqm_of_gic_child_translate,
	.alloc = gic_child_alloc,
	.free = irq_domain_free_irqs_common,
};

/* ->exit of a driver whose n->priv is one allocation. */
void irqm_of_free_priv(struct irqm_of_node *n)
{
	irqm_free(n->priv);
	n->priv = NULL;
}
