// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-tegra.c - the legacy interrupt controller (LIC) of NVIDIA Tegra
 * 20 to 210.
 *
 * The LIC keeps the SoC's interrupts alive while the CPU complex and its
 * GIC are powered down, so every SPI goes through it: a hierarchical
 * domain below the GIC's, with the GIC's three cells, SPIs only. The
 * hwirq is the SPI number and the GIC gets the same specifier (LIC line
 * n, GIC line n + 32).
 *
 * Each of its reg regions is one controller of 32 lines (at most six),
 * and as in Linux (irq-tegra.c) the regions the node has set the size, so
 * an SPI past them is refused; the number the SoC should have (Tegra20:
 * 4, Tegra30/114/124: 5, Tegra210: 6) only draws a warning.
 */
#include <errno.h>

#include "log.h"
#include "irqchip.h"

#define LIC_MAX_CTLRS		6
#define LIC_LINES_PER_CTLR	32

/* Linux's default when no ancestor has the property. */
#define ROOT_ADDR_CELLS		1
#define ROOT_SIZE_CELLS		1

static struct irq_chip lic_chip = {
	.name = "LIC",
};

/* In Linux's order of preference, with the controllers each SoC has. */
static const struct {
	const char *compatible;
	unsigned int nr_ctlrs;
} lic_socs[] = {
	{ "nvidia,tegra210-ictlr", 6 },
	{ "nvidia,tegra30-ictlr", 5 },
	{ "nvidia,tegra20-ictlr", 4 },
};

/* #address-cells or #size-cells for the reg of node @idx: its ancestors'. */
static uint32_t reg_cells(const struct irqmap_of *t, int idx,
			  const char *name, uint32_t dflt)
{
	uint32_t val;

	for (int p = t->nodes[idx].parent; p >= 0; p = t->nodes[p].parent)
		if (irqm_of_prop_u32(t, p, name, &val))
			return val;
	return dflt;
}

static unsigned int nr_regions(const struct irqmap_of *t,
			       const struct irqm_of_node *n)
{
	int idx = (int)(n - t->nodes);
	uint32_t per = reg_cells(t, idx, "#address-cells", ROOT_ADDR_CELLS) +
		       reg_cells(t, idx, "#size-cells", ROOT_SIZE_CELLS);
	unsigned int nr;

	if (!n->reg || !per)
		return 0;
	nr = (unsigned int)n->reg_len / per;
	return nr < LIC_MAX_CTLRS ? nr : LIC_MAX_CTLRS;
}

static int lic_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	int idx = (int)(n - t->nodes);
	unsigned int nr = nr_regions(t, n);

	if (!nr)
		return irqm_of_fail(why, -ENOMEM, "LIC without reg regions");
	for (size_t i = 0; i < sizeof(lic_socs) / sizeof(lic_socs[0]); i++) {
		if (!irqm_of_compatible(t, idx, lic_socs[i].compatible))
			continue;
		if (nr != lic_socs[i].nr_ctlrs)
			irqm_log(IRQMAP_LOG_WARN,
				 "%s: %u LIC controllers in the tree, %s has %u",
				 irqm_of_npath(n), nr, lic_socs[i].compatible,
				 lic_socs[i].nr_ctlrs);
		break;
	}
	return irqm_of_create_hier_domain(t, n, nr * LIC_LINES_PER_CTLR,
					  &irqm_of_gic_child_ops, why);
}

static const char *const lic_compat[] = {
	"nvidia,tegra210-ictlr", "nvidia,tegra30-ictlr",
	"nvidia,tegra20-ictlr", NULL,
};

const struct irqm_of_irqchip irqm_of_tegra_lic = {
	.name = "LIC",
	.irq_chip = &lic_chip,
	.compatible = lic_compat,
	.flags = IRQM_OF_CHIP_HIER,
	.init = lic_init,
};
