// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-gic.c - Arm Generic Interrupt Controller v1/v2.
 *
 * Specifiers have three cells: the kind (0 = SPI, 1 = PPI), the number
 * within the kind, and flags. An SPI is hwirq number + 32, a PPI number +
 * 16; the trigger type is the low four bits of the flags (bits 8-15 of a
 * PPI's flags are a CPU mask, not used here). As in Linux, a PPI number
 * past 15 is not refused: it lands in the SPI range. Interrupt IDs stop
 * at 1019 (1020..1023 are special), so a line past that is refused.
 *
 * The domain is the root of a hierarchy (->alloc), so that the GIC-style
 * controllers in front of it (GPC, wake-up units, crossbars) can be
 * domains below it. irq_create_mapping() reaches ->alloc with a one-cell
 * specifier holding the hwirq itself, which is accepted as such.
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
		*hwirq = (unsigned long)fw->param[1] + GIC_SPI_BASE;
		break;
	case GIC_PPI:
		*hwirq = (unsigned long)fw->param[1] + GIC_PPI_BASE;
		break;
	default:
		return -EINVAL;
	}
	if (*hwirq >= GIC_NR_IRQS)
		return -EINVAL;
	*type = fw->param[2] & IRQ_TYPE_SENSE_MASK;
	return 0;
}

static int gic_alloc(struct irq_domain *d, unsigned int virq,
		     unsigned int nr, void *arg)
{
	struct irq_fwspec *fw = arg;
	unsigned long hwirq;
	unsigned int type;
	int ret;

	if (fw->param_count == 1) {
		hwirq = fw->param[0];
	} else {
		ret = gic_translate(d, fw, &hwirq, &type);
		if (ret)
			return ret;
	}
	if (hwirq + nr > GIC_NR_IRQS)
		return -EINVAL;
	return irqm_of_chip_alloc(d, virq, nr, hwirq);
}

static const struct irq_domain_ops gic_ops = {
	.translate = gic_translate,
	.alloc = gic_alloc,
	.free = irq_domain_free_irqs_top,
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
	"qcom,msm-qgic2",
	"nvidia,tegra210-agic",	/* Linux's gic-pm driver: a second GIC */
	NULL,
};

const struct irqm_of_irqchip irqm_of_gic_v2 = {
	.name = "GICv2",
	.irq_chip = &gic_chip,
	.compatible = gic_compat,
	.init = gic_init,
};
