// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-sun6i-r.c - the R_INTC of Allwinner A31 and later SoCs (H3,
 * A64, A83T, H6, ...).
 *
 * It stands in front of the GIC for the interrupts that may wake the SoC
 * from its low-power domain: a hierarchical domain below the GIC's whose
 * hwirq is the GIC SPI number. Its lines are of two kinds, told apart by
 * the hwirq alone: the NMI (the external NMI pin, latched inside R_INTC),
 * whose SPI is the one the R_INTC node's own first interrupt names, and
 * the "mux" lines, every other SPI below 128. Both go to the GIC as the
 * same SPI: {0, hwirq, type}.
 *
 * As in Linux (irq-sun6i-r.c): the node's own first interrupt must be a
 * level-high SPI, else the controller does not come up; specifiers are
 * the GIC's (three cells or more, SPIs only), and the two cells {0, type}
 * of the old binding, where R_INTC served the NMI alone, still name the
 * NMI. A hwirq past 127 is refused. Linux binds the A31 and H6 names
 * only; the other parts list the A31 one after their own.
 */
#include <errno.h>

#include "alloc.h"
#include "irqchip.h"

#define R_INTC_NR_MUX_BITS	128
#define GIC_SPI			0

struct r_intc {
	irq_hw_number_t nmi_hwirq;
};

/* Two chips, as in Linux: the NMI needs its latch acked, the rest not. */
static struct irq_chip r_intc_nmi_chip = {
	.name = "sun6i-r-intc",
};

static struct irq_chip r_intc_wakeup_chip = {
	.name = "sun6i-r-intc",
};

static int r_intc_translate(struct irq_domain *d, struct irq_fwspec *fw,
			    unsigned long *hwirq, unsigned int *type)
{
	struct irqm_of_node *n = d->host_data;
	const struct r_intc *ri = n->priv;

	if (fw->param_count == 2 && fw->param[0] == 0) {
		*hwirq = ri->nmi_hwirq;
		*type = fw->param[1] & IRQ_TYPE_SENSE_MASK;
		return 0;
	}
	if (fw->param_count < 3 || fw->param[0] != GIC_SPI)
		return -EINVAL;
	*hwirq = fw->param[1];
	*type = fw->param[2] & IRQ_TYPE_SENSE_MASK;
	return 0;
}

static int r_intc_alloc(struct irq_domain *d, unsigned int virq,
			unsigned int nr, void *arg)
{
	struct irqm_of_node *n = d->host_data;
	const struct r_intc *ri = n->priv;
	struct irq_fwspec gic = { .param_count = 3 };
	unsigned long hwirq;
	unsigned int type;
	int ret = r_intc_translate(d, arg, &hwirq, &type);

	if (ret)
		return ret;
	if (hwirq + nr > R_INTC_NR_MUX_BITS)
		return -EINVAL;
	gic.param[0] = GIC_SPI;
	gic.param[1] = (uint32_t)hwirq;
	gic.param[2] = type;
	ret = irqm_of_alloc_parent(d, virq, nr, &gic);
	for (unsigned int i = 0; !ret && i < nr; i++)
		ret = irq_domain_set_hwirq_and_chip(d, virq + i, hwirq + i,
						    hwirq + i == ri->nmi_hwirq ?
						    &r_intc_nmi_chip :
						    &r_intc_wakeup_chip, n);
	return ret;
}

static const struct irq_domain_ops r_intc_ops = {
	.translate = r_intc_translate,
	.alloc = r_intc_alloc,
	.free = irq_domain_free_irqs_common,
};

static int r_intc_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	struct of_phandle_args nmi;
	struct r_intc *ri;
	int ret;

	ret = irqm_of_parse_one(t, (int)(n - t->nodes), 0, &nmi, why);
	if (ret < 0)
		return ret;
	if (nmi.args_count < 3 || nmi.args[0] != GIC_SPI ||
	    nmi.args[2] != IRQ_TYPE_LEVEL_HIGH)
		return irqm_of_fail(why, -EINVAL,
				    "R_INTC's own interrupt is not a level-high SPI");
	ri = irqm_malloc(sizeof(*ri));
	if (!ri)
		return irqm_of_fail(why, -ENOMEM, "no memory for R_INTC");
	ri->nmi_hwirq = nmi.args[1];
	n->priv = ri;
	ret = irqm_of_create_hier_domain(t, n, 0, &r_intc_ops, why);
	if (ret) {
		n->priv = NULL;
		irqm_free(ri);
	}
	return ret;
}

static const char *const r_intc_compat[] = {
	"allwinner,sun6i-a31-r-intc", "allwinner,sun50i-h6-r-intc", NULL,
};

const struct irqm_of_irqchip irqm_of_sun6i_r_intc = {
	.name = "R_INTC",
	.irq_chip = &r_intc_wakeup_chip,
	.compatible = r_intc_compat,
	.flags = IRQM_OF_CHIP_HIER,
	.init = r_intc_init,
	.exit = irqm_of_free_priv,
};
