// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-xics.c - the IBM XICS interrupt controller of pSeries guests.
 *
 * QEMU's pseries machine describes it as one "IBM,ppc-xicp" node with two
 * cells (source number, level bit); sources are sparse (0x1000 events,
 * 0x1100 virtual devices, 0x1200 PCI LSIs, MSIs above), so the domain is a
 * tree. It is the platform controller: see irqchip-pseries.c.
 */
#include "irqchip.h"

static struct irq_chip xics_chip = {
	.name = "XICS",
};

static const struct irq_domain_ops xics_ops = {
	.match = irqm_of_pseries_match,
	.map = irqm_of_chip_map,
	.translate = irqm_of_pseries_translate,
};

static int xics_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	(void)t;
	return irqm_of_create_domain(n, 0, &xics_ops, why);
}

static const char *const xics_compat[] = {
	"IBM,ppc-xicp", "IBM,ppc-xics", NULL,
};

const struct irqm_of_irqchip irqm_of_xics = {
	.name = "XICS",
	.irq_chip = &xics_chip,
	.compatible = xics_compat,
	.flags = IRQM_OF_CHIP_PLATFORM,
	.init = xics_init,
};
