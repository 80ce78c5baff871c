// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-gic-v3.c - Arm Generic Interrupt Controller v3/v4.
 *
 * Three (or more) cells: kind, number, flags. Kinds: 0 = SPI (hwirq
 * number + 32), 1 = PPI (+ 16), 2 = extended SPI (+ 4096), 3 = extended
 * PPI (+ 1056), and 0xa0000000 for an LPI given by its INTID. The trigger
 * type is the low four bits of the flags. Extended ranges and LPIs make
 * the hwirq space sparse: the domain is a tree.
 */
#include <errno.h>

#include "irqchip.h"

#define GIC_SPI		0
#define GIC_PPI		1
#define GIC_ESPI	2
#define GIC_EPPI	3
#define GIC_LPI		0xa0000000u
#define ESPI_BASE	4096
#define EPPI_BASE	1056
#define LPI_BASE	8192

static struct irq_chip gic_v3_chip = {
	.name = "GICv3",
};

static int gic_v3_translate(struct irq_domain *d, struct irq_fwspec *fw,
			    unsigned long *hwirq, unsigned int *type)
{
	uint32_t nr;

	(void)d;
	if (fw->param_count < 3)
		return -EINVAL;
	nr = fw->param[1];
	switch (fw->param[0]) {
	case GIC_SPI:
		if (nr >= 988)
			return -EINVAL;
		*hwirq = nr + 32;
		break;
	case GIC_PPI:
		if (nr >= 16)
			return -EINVAL;
		*hwirq = nr + 16;
		break;
	case GIC_ESPI:
		if (nr >= 1024)
			return -EINVAL;
		*hwirq = nr + ESPI_BASE;
		break;
	case GIC_EPPI:
		if (nr >= 64)
			return -EINVAL;
		*hwirq = nr + EPPI_BASE;
		break;
	case GIC_LPI:
		if (nr < LPI_BASE)
			return -EINVAL;
		*hwirq = nr;
		break;
	default:
		return -EINVAL;
	}
	*type = fw->param[2] & IRQ_TYPE_SENSE_MASK;
	return 0;
}

static const struct irq_domain_ops gic_v3_ops = {
	.map = irqm_of_chip_map,
	.translate = gic_v3_translate,
};

static int gic_v3_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	(void)t;
	return irqm_of_create_domain(n, 0, &gic_v3_ops, why);
}

static const char *const gic_v3_compat[] = { "arm,gic-v3", NULL };

const struct irqm_of_irqchip irqm_of_gic_v3 = {
	.name = "GICv3",
	.irq_chip = &gic_v3_chip,
	.compatible = gic_v3_compat,
	.init = gic_v3_init,
};
