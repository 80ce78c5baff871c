// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-exynos-combiner.c - the Samsung Exynos interrupt combiner.
 *
 * The combiner ORs groups of 8 lines; each group raises its own parent
 * interrupt (the node's interrupts, one per group), so it is a cascaded
 * controller whose parent lines bring-up maps. Two cells: the group and
 * the line in it, hwirq group * 8 + line, no trigger type. As in the
 * kernel, the line is not checked against 8 (line 9 of group 0 is line 1
 * of group 1): only the domain's size, samsung,combiner-nr groups of 8
 * (20 groups when the property is absent), bounds the hwirq.
 */
#include <errno.h>

#include "irqchip.h"

#define COMBINER_LINES		8
#define COMBINER_DEFAULT_NR	20
/* A bound on the domain's size, not the hardware's: no part has more. */
#define COMBINER_MAX_NR		256

static struct irq_chip combiner_chip = {
	.name = "COMBINER",
};

static int combiner_translate(struct irq_domain *d, struct irq_fwspec *fw,
			      unsigned long *hwirq, unsigned int *type)
{
	(void)d;
	if (fw->param_count < 2)
		return -EINVAL;
	*hwirq = (unsigned long)fw->param[0] * COMBINER_LINES + fw->param[1];
	*type = IRQ_TYPE_NONE;
	return 0;
}

static const struct irq_domain_ops combiner_ops = {
	.map = irqm_of_chip_map,
	.translate = combiner_translate,
};

static int combiner_init(struct irqmap_of *t, struct irqm_of_node *n,
			 char *why)
{
	uint32_t nr = COMBINER_DEFAULT_NR;

	/* of_property_read_u32(): a property shorter than a cell is absent */
	if (irqm_of_prop_u32(t, (int)(n - t->nodes), "samsung,combiner-nr",
			     &nr) && (nr < 1 || nr > COMBINER_MAX_NR))
		return irqm_of_fail(why, -EINVAL,
				    "samsung,combiner-nr %u outside 1..%u", nr,
				    COMBINER_MAX_NR);
	return irqm_of_create_domain(n, nr * COMBINER_LINES, &combiner_ops,
				     why);
}

static const char *const combiner_compat[] = {
	"samsung,exynos4210-combiner", NULL
};

const struct irqm_of_irqchip irqm_of_exynos_combiner = {
	.name = "Exynos combiner",
	.irq_chip = &combiner_chip,
	.compatible = combiner_compat,
	.init = combiner_init,
};
