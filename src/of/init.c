// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * init.c - bringing up every interrupt controller of a tree.
 *
 * Like the kernel's of_irq_init(): every available controller node is
 * pending at first; a pass brings up each pending controller whose own
 * interrupts go only to controllers that are already up (or to itself),
 * and passes repeat while they make progress (order.c gives that order
 * without rescanning). A controller that comes up and has interrupts of
 * its own is cascaded: it maps each of them, holding one reference on
 * every parent line until teardown. Controllers still pending when no pass
 * makes progress wait on each other, or on one that failed: they stay
 * down.
 */
#include <errno.h>

#include "alloc.h"
#include "internals.h"
#include "irqchip.h"
#include "log.h"
#include "of.h"

/*
 * The domain a hierarchical controller's domain goes below: its interrupt
 * parent's, which must be up and hierarchical itself. -EAGAIN, with the
 * blocker, while that parent is pending.
 */
static int hier_parent(struct irqmap_of *t, int idx, int *blocker, char *why)
{
	struct irqm_of_node *p;
	int pidx = irqm_of_find_parent(t, idx, why);

	if (pidx < 0)
		return pidx;
	p = &t->nodes[pidx];
	if (pidx == idx)
		return irqm_of_fail(why, -EINVAL,
				    "a hierarchical controller cannot be its own parent");
	if (p->state == IRQM_OF_PENDING) {
		*blocker = pidx;
		return -EAGAIN;
	}
	if (p->state != IRQM_OF_UP && p->state != IRQM_OF_SERVED)
		return irqm_of_fail(why, -ENODEV, "its parent controller %s is %s",
				    irqm_of_npath(p), p->flags & IRQM_OF_AVAILABLE ?
				    "not up" : "disabled");
	if (!(p->domain->flags & IRQ_DOMAIN_FLAG_HIERARCHY))
		return irqm_of_fail(why, -EINVAL,
				    "its parent controller %s (%s driver) has no hierarchical domain",
				    irqm_of_npath(p), p->chip->name);
	t->nodes[idx].hier_parent = pidx;
	return 0;
}

/* Map the parent line of each interrupt of the controller @idx. */
static void chain(struct irqmap_of *t, int idx)
{
	struct irqm_of_node *n = &t->nodes[idx];
	int nr = irqm_of_entries(t, idx);

	if (nr <= 0)
		return;
	n->chain = irqm_calloc((size_t)nr, sizeof(*n->chain));
	if (!n->chain) {
		irqm_log(IRQMAP_LOG_ERR, "irqmap_of_irq_init: %s: out of memory chaining its interrupts",
			 irqm_of_npath(n));
		return;
	}
	n->nr_chain = nr;
	for (int i = 0; i < nr; i++) {
		char why[IRQM_OF_WHY_LEN];
		struct of_phandle_args args;
		int ret = irqm_of_parse_one(t, idx, i, &args, why);

		if (ret < 0) {
			irqm_of_report("irqmap_of_irq_init", t, idx, i,
				       ret == -ENOENT ? -EINVAL : ret, why);
			continue;
		}
		if (ret != idx)
			n->chain[i] = irqm_of_map(&args, ret);
	}
}

static int bring_up(struct irqmap_of *t, int idx, char *why)
{
	struct irqm_of_node *n = &t->nodes[idx];
	int blocker, ret;

	if ((n->flags & IRQM_OF_HAS_INTCELLS) && n->intcells > MAX_PHANDLE_ARGS)
		return irqm_of_fail(why, -EOVERFLOW, "#interrupt-cells %u exceeds %d",
				    n->intcells, MAX_PHANDLE_ARGS);
	if (!n->chip)
		return irqm_of_fail(why, -ENODEV, "no controller driver");
	if (n->chip->flags & IRQM_OF_CHIP_HIER) {
		ret = hier_parent(t, idx, &blocker, why);
		if (ret)
			return ret;
	}
	ret = n->chip->init(t, n, why);
	if (ret)
		return ret;
	n->state = n->chip->flags & IRQM_OF_CHIP_SERVED ? IRQM_OF_SERVED
						       : IRQM_OF_UP;
	t->up_order[t->nr_up++] = idx;
	if (!(n->chip->flags & IRQM_OF_CHIP_HIER))
		chain(t, idx);
	return 0;
}

static void log_down(struct irqmap_of *t, int idx, const char *why)
{
	const struct irqm_of_irqchip *chip = t->nodes[idx].chip;

	irqm_log(IRQMAP_LOG_ERR, "irqmap_of_irq_init: %s (%s driver) stays down: %s",
		 irqm_of_path(t, idx), chip ? chip->name : "no", why);
}

/*
 * Controllers no pass could bring up: name what each waits for, before
 * any of them is marked failed (which would change the answer).
 */
static int fail_waiting(struct irqmap_of *t, struct irqm_of_order *o)
{
	int ret = 0;

	irqm_of_order_blockers(o, t);
	for (int i = 0; i < t->nr_nodes; i++) {
		char why[IRQM_OF_WHY_LEN];
		int blocker;

		if (t->nodes[i].state != IRQM_OF_PENDING)
			continue;
		blocker = o->blocker[i];
		if (blocker >= 0)
			irqm_of_fail(why, 0,
				     "its interrupts go to %s, which never comes up (controllers waiting on each other)",
				     irqm_of_path(t, blocker));
		else
			irqm_of_fail(why, 0, "the controller serving it never comes up");
		log_down(t, i, why);
		ret = -ELOOP;
	}
	for (int i = 0; i < t->nr_nodes; i++)
		if (t->nodes[i].state == IRQM_OF_PENDING)
			t->nodes[i].state = IRQM_OF_FAILED;
	return ret;
}

/* Before irqmap_init(): undo, so that the caller can try again later. */
static int not_ready(struct irqmap_of *t)
{
	for (int i = 0; i < t->nr_nodes; i++)
		t->nodes[i].state = IRQM_OF_NONE;
	irqm_free(t->up_order);
	t->up_order = NULL;
	t->irq_init_done = false;
	return -ENODEV;
}

int irqmap_of_irq_init(struct irqmap_of *tree)
{
	struct irqm_of_order order;
	int first = 0, nr = 0, ret;

	if (!tree) {
		irqm_log(IRQMAP_LOG_ERR, "%s: NULL tree", __func__);
		return -EINVAL;
	}
	if (tree->irq_init_done) {
		irqm_log(IRQMAP_LOG_ERR, "%s: controllers already brought up", __func__);
		return -EALREADY;
	}
	for (int i = 0; i < tree->nr_nodes; i++)
		nr += tree->nodes[i].chip && (tree->nodes[i].flags & IRQM_OF_AVAILABLE);
	tree->up_order = irqm_calloc((size_t)nr + 1, sizeof(*tree->up_order));
	if (!tree->up_order) {
		irqm_log(IRQMAP_LOG_ERR, "%s: out of memory", __func__);
		return -ENOMEM;
	}
	for (int i = 0; i < tree->nr_nodes; i++)
		if (tree->nodes[i].chip && (tree->nodes[i].flags & IRQM_OF_AVAILABLE))
			tree->nodes[i].state = IRQM_OF_PENDING;
	tree->irq_init_done = true;
	tree->generation = irqm_init_generation();
	if (irqm_of_order_init(&order, tree)) {
		irqm_log(IRQMAP_LOG_ERR, "%s: out of memory", __func__);
		for (int i = 0; i < tree->nr_nodes; i++)
			tree->nodes[i].state = IRQM_OF_NONE;
		tree->irq_init_done = false;
		return -ENOMEM;
	}
	for (int i; (i = irqm_of_order_next(&order)) >= 0;) {
		char why[IRQM_OF_WHY_LEN];

		ret = bring_up(tree, i, why);
		irqm_of_order_settled(&order, i, ret == -EAGAIN);
		if (ret == -EAGAIN)
			continue;
		if (ret == -ENODEV && !tree->nr_up) {
			irqm_of_order_exit(&order);
			return not_ready(tree);
		}
		if (ret) {
			tree->nodes[i].state = IRQM_OF_FAILED;
			log_down(tree, i, why);
			first = first ? first : ret;
		}
	}
	ret = fail_waiting(tree, &order);
	irqm_of_order_exit(&order);
	return first ? first : ret;
}
