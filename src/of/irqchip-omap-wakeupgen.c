// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-omap-wakeupgen.c - the wake-up generator of TI OMAP4/5, AM43xx
 * and DRA7 (the MPU's WUGEN).
 *
 * It sits in front of the GIC to wake the CPUs: a hierarchical domain
 * below the GIC's, with the GIC's three cells, SPIs only. The hwirq is
 * the SPI number and the GIC gets the same specifier, so WUGEN line n is
 * GIC line n + 32 of the same virq. On DRA7 the IRQ crossbar sits in
 * front of it in turn.
 *
 * Linux (arch/arm/mach-omap2/omap-wakeupgen.c) sizes the domain by the
 * SoC it runs on (128 lines on OMAP4, 160 on OMAP5/DRA7, 224 on AM43xx),
 * but its ->alloc accepts any SPI below 224 on every SoC, and a hierarchy
 * does not bound a line by the domain's size. The SoC is not in the
 * compatible (OMAP5 and DRA7 list the OMAP4 one too), so the domain has
 * the 224 lines ->alloc accepts. Linux passes the flags cell on whole as
 * the type, and its core warns and keeps the sense bits: only those are
 * kept here.
 */
#include "irqchip.h"

#define WUGEN_MAX_IRQS 224

static struct irq_chip wugen_chip = {
	.name = "WUGEN",
};

static int wugen_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	return irqm_of_create_hier_domain(t, n, WUGEN_MAX_IRQS,
					  &irqm_of_gic_child_ops, why);
}

/* Linux binds the OMAP4 name only; every later part lists it as well. */
static const char *const wugen_compat[] = { "ti,omap4-wugen-mpu", NULL };

const struct irqm_of_irqchip irqm_of_omap_wakeupgen = {
	.name = "WUGEN",
	.irq_chip = &wugen_chip,
	.compatible = wugen_compat,
	.flags = IRQM_OF_CHIP_HIER,
	.init = wugen_init,
};
