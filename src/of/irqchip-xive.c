// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-xive.c - the IBM XIVE interrupt controller (POWER9 and later).
 *
 * On pSeries ("ibm,power-ivpe", with interrupt-controller and two cells)
 * it is the platform controller, as XICS is (irqchip-pseries.c). On
 * PowerNV QEMU describes only the hardware unit ("ibm,power9-xive-x"),
 * without the properties firmware adds at boot: the driver makes it a
 * controller with two cells. Same specifiers as XICS; a tree domain.
 */
#include "irqchip.h"

static struct irq_chip xive_chip = {
	.name = "XIVE",
};

static const struct irq_domain_ops xive_spapr_ops = {
	.match = irqm_of_pseries_match,
	.map = irqm_of_chip_map,
	.translate = irqm_of_pseries_translate,
};

static const struct irq_domain_ops xive_powernv_ops = {
	.map = irqm_of_chip_map,
	.translate = irqm_of_pseries_translate,
};

static int xive_spapr_init(struct irqmap_of *t, struct irqm_of_node *n,
			   char *why)
{
	(void)t;
	return irqm_of_create_domain(n, 0, &xive_spapr_ops, why);
}

static int xive_powernv_init(struct irqmap_of *t, struct irqm_of_node *n,
			     char *why)
{
	(void)t;
	return irqm_of_create_domain(n, 0, &xive_powernv_ops, why);
}

static const char *const xive_spapr_compat[] = { "ibm,power-ivpe", NULL };

static const char *const xive_powernv_compat[] = {
	"ibm,power9-xive-x", "ibm,power10-xive-x", "ibm,opal-xive-pe", NULL,
};

const struct irqm_of_irqchip irqm_of_xive_spapr = {
	.name = "XIVE (pSeries)",
	.irq_chip = &xive_chip,
	.compatible = xive_spapr_compat,
	.flags = IRQM_OF_CHIP_PLATFORM,
	.init = xive_spapr_init,
};

const struct irqm_of_irqchip irqm_of_xive_powernv = {
	.name = "XIVE (PowerNV)",
	.irq_chip = &xive_chip,
	.compatible = xive_powernv_compat,
	.flags = IRQM_OF_CHIP_IMPLICIT,
	.default_cells = 2,
	.init = xive_powernv_init,
};
