// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-imx-gpc.c - the General Power Controller of NXP i.MX6/7/8M.
 *
 * The GPC sits in front of the GIC to wake the SoC: a hierarchical domain
 * of 128 lines (four 32-bit mask registers) below the GIC's. Specifiers
 * are the GIC's three cells, SPIs only; the hwirq is the SPI number, and
 * the GIC below gets the same specifier, so one mapping crosses both
 * levels (GPC line n, GIC line n + 32) and either level finds its virq.
 * The i.MX6 block (Linux: arch/arm/mach-imx/gpc.c) and the i.MX7D/8MQ
 * one (irq-imx-gpcv2.c) translate alike.
 */
#include "irqchip.h"

#define GPC_NR_IRQS 128

static struct irq_chip gpc_chip = {
	.name = "GPC",
};

static int gpc_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	return irqm_of_create_hier_domain(t, n, GPC_NR_IRQS,
					  &irqm_of_gic_child_ops, why);
}

/* i.MX6 parts list fsl,imx6q-gpc after their own name. */
static const char *const gpc_compat[] = { "fsl,imx6q-gpc", NULL };
static const char *const gpcv2_compat[] = {
	"fsl,imx7d-gpc", "fsl,imx8mq-gpc", NULL,
};

const struct irqm_of_irqchip irqm_of_imx_gpc = {
	.name = "GPC",
	.irq_chip = &gpc_chip,
	.compatible = gpc_compat,
	.flags = IRQM_OF_CHIP_HIER,
	.init = gpc_init,
};

const struct irqm_of_irqchip irqm_of_imx_gpcv2 = {
	.name = "GPCv2",
	.irq_chip = &gpc_chip,
	.compatible = gpcv2_compat,
	.flags = IRQM_OF_CHIP_HIER,
	.init = gpc_init,
};
