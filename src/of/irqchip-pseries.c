// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irqchip-pseries.c - what the IBM pSeries controllers (XICS, XIVE) share.
 *
 * On pSeries, interrupt source numbers are global: the platform controller
 * serves every source, and the tree's other interrupt-controller nodes
 * (/vdevice, /event-sources) are only parents for their children's
 * specifiers. As the kernel's XICS and XIVE domains do, the platform
 * domain matches those auxiliary nodes too (every controller node but a
 * "chrp,iic" 8259), and they get no domain of their own: one source number
 * is one line, whichever node its users name.
 *
 * Specifiers: the source number, then optionally a cell whose low bit says
 * level (level-low) or not (edge-rising); a one-cell specifier is level.
 */
#include <errno.h>

#include "irqchip.h"

int irqm_of_pseries_translate(struct irq_domain *d, struct irq_fwspec *fw,
			      unsigned long *hwirq, unsigned int *type)
{
	(void)d;
	if (fw->param_count < 1)
		return -EINVAL;
	*hwirq = fw->param[0];
	if (fw->param_count > 1 && !(fw->param[1] & 1))
		*type = IRQ_TYPE_EDGE_RISING;
	else
		*type = IRQ_TYPE_LEVEL_LOW;
	return 0;
}

int irqm_of_pseries_match(struct irq_domain *d, struct fwnode_handle *fw,
			  enum irq_domain_bus_token bus_token)
{
	struct irqm_of_node *own = d->host_data;
	struct irqm_of_node *n;

	if (bus_token != DOMAIN_BUS_ANY && d->bus_token != bus_token)
		return 0;
	if (fw == d->fwnode)
		return 1;
	n = irqm_of_fwnode_to_node(own->tree, fw);
	return n && n->state == IRQM_OF_SERVED && n->domain == d;
}

static bool is_platform(const struct irqm_of_node *n)
{
	return n->chip && (n->chip->flags & IRQM_OF_CHIP_PLATFORM) &&
	       (n->flags & IRQM_OF_AVAILABLE);
}

/*
 * Any controller node no driver claims by compatible, on a pSeries tree
 * (one with a platform controller: assigning drivers found it first).
 */
static bool aux_claim(const struct irqmap_of *t, int idx)
{
	return t->platform >= 0 && !irqm_of_compatible(t, idx, "chrp,iic");
}

static int aux_init(struct irqmap_of *t, struct irqm_of_node *n, char *why)
{
	bool pending = false;

	for (int i = t->platform; i >= 0 && i < t->nr_nodes; i++) {
		struct irqm_of_node *p = &t->nodes[i];

		if (!is_platform(p))
			continue;
		if (p->state == IRQM_OF_UP) {
			n->domain = p->domain;
			return 0;
		}
		pending |= p->state == IRQM_OF_PENDING;
	}
	if (pending)
		return -EAGAIN;
	return irqm_of_fail(why, -ENXIO,
			    "no pSeries interrupt controller came up to serve it");
}

static const char *const aux_compat[] = { "IBM,vdevice", NULL };

const struct irqm_of_irqchip irqm_of_pseries_aux = {
	.name = "pSeries auxiliary",
	.compatible = aux_compat,
	.flags = IRQM_OF_CHIP_SERVED,
	.claim = aux_claim,
	.init = aux_init,
};
