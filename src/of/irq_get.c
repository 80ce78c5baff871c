// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irq_get.c - of_irq_get(): one interrupt of a node resolved and mapped,
 * or -EPROBE_DEFER while the controller it resolves to has no domain, so
 * that a driver probed before its interrupt controller can try again.
 */
#include <errno.h>

#include "log.h"
#include "of.h"

/*
 * Is there a domain for controller @ctrl: its own or the one that serves
 * it after the tree's bring-up, or one registered for its node by other
 * means (a domain created on the node's fwnode by hand)?
 */
static bool has_domain(const struct irqmap_of *t, int ctrl)
{
	const struct irqm_of_node *n = &t->nodes[ctrl];

	if (n->state == IRQM_OF_UP || n->state == IRQM_OF_SERVED)
		return true;
	return irq_find_matching_fwnode((struct fwnode_handle *)&n->fwnode,
					DOMAIN_BUS_ANY) != NULL;
}

int of_irq_get(struct irqmap_of *tree, int node, int index)
{
	struct of_phandle_args args;
	unsigned int virq;
	int ctrl;

	ctrl = irqm_of_parse_one_logged(tree, node, index, &args);
	if (ctrl < 0)
		return ctrl;
	if (!has_domain(tree, ctrl)) {
		irqm_log(IRQMAP_LOG_DEBUG,
			 "%s: %s interrupt %d: %s has no domain yet; deferred",
			 __func__, irqm_of_path(tree, irqm_of_offset_to_idx(tree, node)),
			 index, irqm_of_path(tree, ctrl));
		return -EPROBE_DEFER;
	}
	virq = irqm_of_map(&args, ctrl);
	return virq ? (int)virq : -EINVAL;
}
