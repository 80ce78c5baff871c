// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-generic.c - the driver of controllers no other driver knows.
 *
 * Chosen by #interrupt-cells: one cell is the hwirq; two or more cells are
 * the hwirq and the trigger type (IRQ_TYPE_* in the low four bits), and
 * further cells are ignored. A controller with no cells (an MSI
 * controller) gets a domain too, but no specifier can name a line of it.
 * Sizes are unknown: a tree domain.
 */
#include <errno.h>

#include "irqchip.h"

static struct irq_chip generic_chip = {
	.name = "generic",
};

static int generic_translate(struct irq_domain *d, struct irq_fwspec *fw,
			     unsigned long *hwirq, unsigned int *type)
{
	if (fw->param_count >= 2)
		return irq_domain_translate_twocell(d, fw, hwirq, type);
	return irq_domain_translate_onecell(d, fw, hwirq, type);
}

static const struct irq_domain_ops generic_ops = {
	.map = irqm_of_chip_map,
	.translate = generic_translate,
};

static int generic_init(struct irqmap_of *t, struct irqm_of_node *n,
			char *why)
{
	(void)t;
	if (!(n->flags & IRQM_OF_HAS_INTCELLS))
		return irqm_of_fail(why, -EINVAL,
				    "interrupt-controller without #interrupt-cells");
	if (n->intcells > MAX_PHANDLE_ARGS)
		return irqm_of_fail(why, -EOVERFLOW,
				    "#interrupt-cells %u exceeds %d",
				    n->intcells, MAX_PHANDLE_ARGS);
	return irqm_of_create_domain(n, 0, &generic_ops, why);
}

static const char *const no_compat[] = { NULL };

const struct irqm_of_irqchip irqm_of_generic = {
	.name = "generic",
	.irq_chip = &generic_chip,
	.compatible = no_compat,
	.init = generic_init,
};
