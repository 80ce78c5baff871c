// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-lpc.c - the LPC bus controller of IBM PowerNV machines.
 *
 * The LPC controller turns the bus's serial IRQs into interrupts. QEMU's
 * powernv machine names it as interrupt-parent of its ISA devices (one
 * cell each: the IRQ number) but, as on hardware before firmware runs,
 * without interrupt-controller or #interrupt-cells, which OPAL adds at
 * boot. The driver adds both: a controller with one cell and 32 lines.
 */
#include "irqchip.h"

#define LPC_NR_IRQS 32

static struct irq_chip lpc_chip = {
	.name = "LPC",
};

static const struct irq_domain_ops lpc_ops = {
	.map = irqm_of_chip_map,
	.translate = irq_domain_translate_onecell,
};

static int lpc_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	(void)t;
	return irqm_of_create_domain(n, LPC_NR_IRQS, &lpc_ops, why);
}

static const char *const lpc_compat[] = {
	"ibm,power8-lpc", "ibm,power9-lpc", "ibm,power10-lpc", "ibm,lpc", NULL,
};

const struct irqm_of_irqchip irqm_of_lpc = {
	.name = "LPC",
	.irq_chip = &lpc_chip,
	.compatible = lpc_compat,
	.flags = IRQM_OF_CHIP_IMPLICIT,
	.default_cells = 1,
	.init = lpc_init,
};
