// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * parent.c - finding a node's interrupt parent.
 *
 * From the node, step to the node its interrupt-parent phandle names, or
 * to its tree parent when it has none, until a node that has
 * #interrupt-cells: the spec's inheritance, as the kernel implements it.
 * Each step depends on the current node only, so a walk longer than the
 * tree has nodes is a loop.
 */
#include <errno.h>

#include "log.h"
#include "of.h"

int irqm_of_find_parent(const struct irqmap_of *t, int idx, char *why)
{
	int cur = idx;

	for (int steps = 0; steps < t->nr_nodes; steps++) {
		uint32_t ph;
		int next;

		if (t->nodes[cur].flags & IRQM_OF_HAS_IPARENT) {
			ph = t->nodes[cur].iparent;
			next = irqm_of_phandle_to_idx(t, ph);
			if (next < 0)
				return irqm_of_fail(why, -ENODEV,
						    "interrupt-parent <0x%x> of %s points to no node",
						    ph, irqm_of_path(t, cur));
		} else {
			next = t->nodes[cur].parent;
			if (next < 0)
				return irqm_of_fail(why, -ENOENT,
						    "no interrupt parent: nothing above %s has #interrupt-cells",
						    irqm_of_path(t, idx));
		}
		if (t->nodes[next].flags & IRQM_OF_HAS_INTCELLS)
			return next;
		cur = next;
	}
	return irqm_of_fail(why, -ELOOP,
			    "the interrupt-parent chain from %s loops without reaching #interrupt-cells",
			    irqm_of_path(t, idx));
}

int of_irq_find_parent(struct irqmap_of *tree, int node)
{
	char why[IRQM_OF_WHY_LEN];
	int idx = irqm_of_checked_idx(tree, node, __func__);
	int ret;

	if (idx < 0)
		return idx;
	ret = irqm_of_find_parent(tree, idx, why);
	if (ret < 0) {
		irqm_of_report(__func__, tree, idx, -1, ret, why);
		return ret;
	}
	return tree->nodes[ret].offset;
}
