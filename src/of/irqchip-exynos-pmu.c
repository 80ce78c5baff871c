// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-exynos-pmu.c - the power management unit of Samsung Exynos
 * 3250/4210/4412/5250/5420 as an interrupt controller.
 *
 * The PMU decides which interrupts wake the SoC, so the GIC's SPIs that
 * may do so go through it: a hierarchical domain below the GIC's, with
 * the GIC's three cells, SPIs only. The hwirq is the SPI number and the
 * GIC gets the same specifier (PMU line n, GIC line n + 32).
 *
 * Linux registers the domain from its suspend code
 * (arch/arm/mach-exynos/suspend.c), for the five PMUs of its table only:
 * Exynos 5260 and 5410 PMUs get no domain, and interrupts routed to them
 * find no controller, as on Linux. Its domain is a tree and ->alloc
 * bounds no SPI number: the GIC below refuses what it does not have.
 * Linux passes the flags cell on whole as the type, and its core warns
 * and keeps the sense bits: only those are kept here.
 */
#include "irqchip.h"

static struct irq_chip pmu_chip = {
	.name = "PMU",
};

static int pmu_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	return irqm_of_create_hier_domain(t, n, 0, &irqm_of_gic_child_ops,
					  why);
}

static const char *const pmu_compat[] = {
	"samsung,exynos3250-pmu", "samsung,exynos4210-pmu",
	"samsung,exynos4412-pmu", "samsung,exynos5250-pmu",
	"samsung,exynos5420-pmu", NULL,
};

const struct irqm_of_irqchip irqm_of_exynos_pmu = {
	.name = "Exynos PMU",
	.irq_chip = &pmu_chip,
	.compatible = pmu_compat,
	.flags = IRQM_OF_CHIP_HIER,
	.init = pmu_init,
};
