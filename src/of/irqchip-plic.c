// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-plic.c - the RISC-V Platform-Level Interrupt Controller.
 *
 * One cell, the source number 1..riscv,ndev (source 0 does not exist); the
 * T-Head variant adds a second cell with the trigger type. The PLIC is
 * cascaded: interrupts-extended names one hart-context line per entry,
 * which it maps when it comes up.
 */
#include <errno.h>

#include "irqchip.h"

#define PLIC_MAX_SOURCES 1023

static struct irq_chip plic_chip = {
	.name = "PLIC",
};

static int plic_translate(struct irq_domain *d, struct irq_fwspec *fw,
			  unsigned long *hwirq, unsigned int *type)
{
	int ret;

	if (fw->param_count >= 2)
		ret = irq_domain_translate_twocell(d, fw, hwirq, type);
	else
		ret = irq_domain_translate_onecell(d, fw, hwirq, type);
	if (!ret && *hwirq == 0)
		ret = -EINVAL;
	return ret;
}

static const struct irq_domain_ops plic_ops = {
	.map = irqm_of_chip_map,
	.translate = plic_translate,
};

static int plic_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	uint32_t ndev;

	if (!irqm_of_prop_size(t, n, "riscv,ndev", PLIC_MAX_SOURCES, &ndev,
			       why))
		return -EINVAL;
	return irqm_of_create_domain(n, ndev + 1, &plic_ops, why);
}

static const char *const plic_compat[] = {
	"sifive,plic-1.0.0", "riscv,plic0", "thead,c900-plic",
	"andestech,nceplic100", NULL,
};

const struct irqm_of_irqchip irqm_of_plic = {
	.name = "PLIC",
	.irq_chip = &plic_chip,
	.compatible = plic_compat,
	.init = plic_init,
};
