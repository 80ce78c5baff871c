// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-ti-sci-intr.c - the TI K3 interrupt router (TI SCI INTR).
 *
 * One cell, the router's input line, which is the hwirq; any other count
 * is refused with -EINVAL. The router cannot change a line's trigger: the
 * type of every line is the node's ti,intr-trigger-type, which the
 * controller needs to come up (the kernel's probe fails with -EINVAL
 * without it). A type outside IRQ_TYPE_SENSE_MASK is refused at bring-up
 * too: the kernel would warn and drop the extra bits on every mapping.
 *
 * In the kernel the router's domain is hierarchical, below the GIC (or
 * below another router): each mapping asks the system firmware over TI
 * SCI for a free output line of the router, translates it to the
 * parent's line through ti,interrupt-ranges and allocates that parent
 * line. The firmware's choice cannot be known from the tree, so only the
 * translation is modelled: the domain here is not hierarchical, and a
 * mapping does not reach the GIC. The router has no interrupts of its
 * own, so it is not a cascade either.
 *
 * The interrupt aggregator (ti,sci-inta) has no interrupt cells: devices
 * reach it as MSI clients (msi-parent), never through interrupts; the
 * generic driver gives it a domain no specifier can name, as for any MSI
 * controller.
 */
#include <errno.h>

#include "alloc.h"
#include "irqchip.h"

struct ti_sci_intr {
	unsigned int type;
};

static struct irq_chip ti_sci_intr_chip = {
	.name = "INTR",
};

static int ti_sci_intr_translate(struct irq_domain *d, struct irq_fwspec *fw,
				 unsigned long *hwirq, unsigned int *type)
{
	const struct irqm_of_node *n = d->host_data;
	const struct ti_sci_intr *intr = n->priv;

	if (fw->param_count != 1)
		return -EINVAL;
	*hwirq = fw->param[0];
	*type = intr->type;
	return 0;
}

static const struct irq_domain_ops ti_sci_intr_ops = {
	.map = irqm_of_chip_map,
	.translate = ti_sci_intr_translate,
};

static void ti_sci_intr_exit(struct irqm_of_node *n)
{
	irqm_free(n->priv);
	n->priv = NULL;
}

static int ti_sci_intr_init(struct irqmap_of *t, struct irqm_of_node *n,
			    char *why)
{
	struct ti_sci_intr *intr;
	uint32_t type;
	int ret;

	if (!irqm_of_prop_u32(t, (int)(n - t->nodes), "ti,intr-trigger-type",
			      &type))
		return irqm_of_fail(why, -EINVAL,
				    "interrupt router without ti,intr-trigger-type");
	if (type & ~IRQ_TYPE_SENSE_MASK)
		return irqm_of_fail(why, -EINVAL,
				    "ti,intr-trigger-type 0x%x outside the sense mask 0x%x",
				    type, IRQ_TYPE_SENSE_MASK);
	intr = irqm_calloc(1, sizeof(*intr));
	if (!intr)
		return irqm_of_fail(why, -ENOMEM, "out of memory");
	intr->type = type;
	n->priv = intr;
	ret = irqm_of_create_domain(n, 0, &ti_sci_intr_ops, why);
	if (ret)
		ti_sci_intr_exit(n);
	return ret;
}

static const char *const ti_sci_intr_compat[] = { "ti,sci-intr", NULL };

const struct irqm_of_irqchip irqm_of_ti_sci_intr = {
	.name = "TI SCI INTR",
	.irq_chip = &ti_sci_intr_chip,
	.compatible = ti_sci_intr_compat,
	.init = ti_sci_intr_init,
	.exit = ti_sci_intr_exit,
};
