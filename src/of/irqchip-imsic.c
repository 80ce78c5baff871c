// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-imsic.c - the RISC-V Incoming MSI Controller.
 *
 * An MSI controller: devices reach it by writing messages, not through
 * interrupts properties, so its #interrupt-cells is 0. It is cascaded onto
 * each hart's external-interrupt line (interrupts-extended), mapped when it
 * comes up. Its domain has one line per interrupt identity,
 * 1..riscv,num-ids; a one-cell specifier names an identity.
 */
#include <errno.h>

#include "irqchip.h"

#define IMSIC_MAX_IDS 2047

static struct irq_chip imsic_chip = {
	.name = "IMSIC",
};

static int imsic_translate(struct irq_domain *d, struct irq_fwspec *fw,
			   unsigned long *hwirq, unsigned int *type)
{
	int ret = irq_domain_translate_onecell(d, fw, hwirq, type);

	if (!ret && *hwirq == 0)
		ret = -EINVAL;
	return ret;
}

static const struct irq_domain_ops imsic_ops = {
	.map = irqm_of_chip_map,
	.translate = imsic_translate,
};

static int imsic_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	uint32_t nr;

	if (!irqm_of_prop_size(t, n, "riscv,num-ids", IMSIC_MAX_IDS, &nr, why))
		return -EINVAL;
	return irqm_of_create_domain(n, nr + 1, &imsic_ops, why);
}

static const char *const imsic_compat[] = { "riscv,imsics", NULL };

const struct irqm_of_irqchip irqm_of_imsic = {
	.name = "IMSIC",
	.irq_chip = &imsic_chip,
	.compatible = imsic_compat,
	.init = imsic_init,
};
