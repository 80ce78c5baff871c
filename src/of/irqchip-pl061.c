// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-pl061.c - the Arm PrimeCell PL061 GPIO controller.
 *
 * Each of its 8 GPIO lines can interrupt; the block raises one interrupt
 * of its own towards its parent, so it is a cascaded controller: its
 * domain comes up after the parent's, and maps that parent line. The
 * kernel's driver always registers the interrupt part, whether or not the
 * node says interrupt-controller (QEMU's does not); two cells (line,
 * trigger type) as the GPIO binding.
 */
#include "irqchip.h"

#define PL061_NR_GPIOS 8

static struct irq_chip pl061_chip = {
	.name = "pl061",
};

static const struct irq_domain_ops pl061_ops = {
	.map = irqm_of_chip_map,
	.translate = irq_domain_translate_twocell,
};

static int pl061_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	(void)t;
	return irqm_of_create_domain(n, PL061_NR_GPIOS, &pl061_ops, why);
}

static const char *const pl061_compat[] = { "arm,pl061", NULL };

const struct irqm_of_irqchip irqm_of_pl061 = {
	.name = "PL061",
	.irq_chip = &pl061_chip,
	.compatible = pl061_compat,
	.flags = IRQM_OF_CHIP_IMPLICIT,
	.default_cells = 2,
	.init = pl061_init,
};
