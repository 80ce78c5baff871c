// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-aplic.c - the RISC-V Advanced Platform-Level Interrupt Controller.
 *
 * Two cells: the source number 1..riscv,num-sources and the trigger type.
 * In direct mode the APLIC is cascaded onto the harts' external lines
 * (interrupts-extended); in MSI mode (msi-parent) it forwards to an IMSIC,
 * which is not modelled: its domain is then a root.
 */
#include <errno.h>

#include "irqchip.h"

#define APLIC_MAX_SOURCES 1023

static struct irq_chip aplic_chip = {
	.name = "APLIC",
};

static int aplic_translate(struct irq_domain *d, struct irq_fwspec *fw,
			   unsigned long *hwirq, unsigned int *type)
{
	int ret = irq_domain_translate_twocell(d, fw, hwirq, type);

	if (!ret && *hwirq == 0)
		ret = -EINVAL;
	return ret;
}

static const struct irq_domain_ops aplic_ops = {
	.map = irqm_of_chip_map,
	.translate = aplic_translate,
};

static int aplic_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	uint32_t nr;

	if (!irqm_of_prop_size(t, n, "riscv,num-sources", APLIC_MAX_SOURCES,
			       &nr, why))
		return -EINVAL;
	return irqm_of_create_domain(n, nr + 1, &aplic_ops, why);
}

static const char *const aplic_compat[] = { "riscv,aplic", NULL };

const struct irqm_of_irqchip irqm_of_aplic = {
	.name = "APLIC",
	.irq_chip = &aplic_chip,
	.compatible = aplic_compat,
	.init = aplic_init,
};
