// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-gic.c - Arm Generic Interrupt Controller v1/v2.
 *
 * Specifiers have three cells: the kind (0 = SPI, 1 = PPI), the number
 * within the kind, and flags. SPIs are hwirqs 32..1019, PPIs 16..31; the
 * trigger type is the low four bits of the flags (bits 8-15 of a PPI's
 * flags are a CPU mask, not used here).
 */
#include <errno.h>

#include "irqchip.h"

#define GIC_SPI		0
#define GIC_PPI		1
#define GIC_SPI_BASE	32
#define GIC_PPI_BASE	16
#define GIC_NR_IRQS	1020	/* IDs 1020..1023 are special */

static struct irq_chip gic_chip = {
	.name = "GIC",
};

static int gic_translate(struct irq_domain *d, struct irq_fwspec *fw,
			 unsigned long *hwirq, unsigned int *type)
{
	(void)d;
	if (fw->param_count < 3)
		return -EINVAL;
	switch (fw->param[0]) {
	case GIC_SPI:
		if (fw->param[1] >= GIC_NR_IRQS - GIC_SPI_BASE)
			return -EINVAL;
		*hwirq = fw->param[1] + GIC_SPI_BASE;
		break;
	case GIC_PPI:
		if (fw->param[1] >= GIC_SPI_BASE - GIC_PPI_BASE)
			return -EINVAL;
		*hwirq = fw->param[1] + GIC_PPI_BASE;
		break;
	default:
		return -EINVAL;
	}
	*type = fw->param[2] & IRQ_TYPE_SENSE_MASK;
	return 0;
}

static const struct irq_domain_ops gic_ops = {
	.map = irqm_of_chip_map,
	.translate = gic_translate,
};

static int gic_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	(void)t;
	return irqm_of_create_domain(n, GIC_NR_IRQS, &gic_ops, why);
}

static const char *const gic_compat[] = {
	"arm,cortex-a15-gic", "arm,cortex-a9-gic", "arm,cortex-a7-gic",
	"arm,gic-400", "arm,arm11mp-gic", "arm,arm1176jzf-devchip-gic",
	"arm,eb11mp-gic", "arm,pl390", "arm,tc11mp-gic", "qcom,msm-8660-qgic",
	"qcom,msm-qgic2", NULL,
};

const struct irqm_of_irqchip irqm_of_gic_v2 = {
	.name = "GICv2",
	.irq_chip = &gic_chip,
	.compatible = gic_compat,
	.init = gic_init,
};
