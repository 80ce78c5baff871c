// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * parent.c - finding a node's interrupt parent.
 *
 * From the node, step to the node its interrupt-parent phandle names, or
 * to its tree parent when it has none, until a node that has
 * #interrupt-cells: the spec's inheritance, as the kernel implements it.
 * Each step depends on the current node only, so the answer of a node is
 * its first step's, or the answer of the node that step reaches. Loading a
 * tree works out every node's answer once, in one pass that visits each
 * node once (irqm_of_index_parents(), which also works out each node's
 * effective #address-cells); lookups then read it. A walk that
 * comes back to a node of its own path is a loop, and every node leading
 * into it gets -ELOOP.
 */
#include <errno.h>

#include "alloc.h"
#include "log.h"
#include "of.h"

enum { UNSEEN, ON_PATH, DONE };

/*
 * The first step from @idx: the node reached, or -errno with the memo
 * filled in for @idx itself.
 */
static int step(struct irqmap_of *t, int idx)
{
	struct irqm_of_parent *m = &t->parents[idx];
	int next;

	if (t->nodes[idx].flags & IRQM_OF_HAS_IPARENT) {
		next = irqm_of_phandle_to_idx(t, t->nodes[idx].iparent);
		if (next < 0) {
			m->result = -ENODEV;
			m->at = idx;
		}
		return next < 0 ? -ENODEV : next;
	}
	next = t->nodes[idx].parent;
	if (next < 0) {
		m->result = -ENOENT;
		m->at = idx;
		return -ENOENT;
	}
	return next;
}

int irqm_of_index_parents(struct irqmap_of *t, char *why)
{
	unsigned char *state = irqm_calloc((size_t)t->nr_nodes, 1);
	int *path = irqm_calloc((size_t)t->nr_nodes, sizeof(*path));

	t->parents = irqm_calloc((size_t)t->nr_nodes, sizeof(*t->parents));
	if (!state || !path || !t->parents) {
		irqm_free(state);
		irqm_free(path);
		return irqm_of_fail(why, -ENOMEM, "out of memory");
	}
	for (int s = 0; s < t->nr_nodes; s++) {
		struct irqm_of_parent val = { 0 };
		int len = 0, cur = s;

		while (state[cur] != DONE) {
			int next;

			if (state[cur] == ON_PATH) {
				val = (struct irqm_of_parent){ -ELOOP, cur };
				break;
			}
			state[cur] = ON_PATH;
			path[len++] = cur;
			next = step(t, cur);
			if (next < 0) {
				val = t->parents[cur];
				break;
			}
			if (t->nodes[next].flags & IRQM_OF_HAS_INTCELLS) {
				val = (struct irqm_of_parent){ next, next };
				break;
			}
			cur = next;
		}
		if (state[cur] == DONE)		/* joined a walk done before */
			val = t->parents[cur];
		while (len--) {
			t->parents[path[len]] = val;
			state[path[len]] = DONE;
		}
	}
	irqm_free(state);
	irqm_free(path);
	/* tree order puts every parent before its children */
	for (int i = 0; i < t->nr_nodes; i++) {
		struct irqm_of_node *n = &t->nodes[i];

		n->addrcells_up = n->flags & IRQM_OF_HAS_ADDRCELLS ? n->addrcells :
				  n->parent >= 0 ? t->nodes[n->parent].addrcells_up : 2;
	}
	return 0;
}

int irqm_of_find_parent(const struct irqmap_of *t, int idx, char *why)
{
	const struct irqm_of_parent *m = &t->parents[idx];

	switch (m->result) {
	case -ENODEV:
		return irqm_of_fail(why, -ENODEV,
				    "interrupt-parent <0x%x> of %s points to no node",
				    t->nodes[m->at].iparent, irqm_of_path(t, m->at));
	case -ENOENT:
		return irqm_of_fail(why, -ENOENT,
				    "no interrupt parent: nothing above %s has #interrupt-cells",
				    irqm_of_path(t, idx));
	case -ELOOP:
		return irqm_of_fail(why, -ELOOP,
				    "the interrupt-parent chain from %s loops without reaching #interrupt-cells",
				    irqm_of_path(t, idx));
	default:
		return m->result;
	}
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
