// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * teardown.c - taking a tree's controllers down again.
 *
 * First a check that changes nothing: every reference in the tree's
 * domains must be one its own cascaded controllers hold; anything else is
 * a user's mapping, and the teardown is refused. Then, in the reverse
 * order of bring-up (children before their parents), each controller
 * drops its parent lines and its domain is removed.
 */
#include <errno.h>

#include "log.h"
#include "of.h"

static int sum_refs(const struct irqmap_mapping_info *m, void *arg)
{
	*(unsigned long *)arg += m->refcount;
	return 0;
}

/* References the tree's own cascades hold in @d. */
static unsigned long own_refs(const struct irqmap_of *t, struct irq_domain *d)
{
	unsigned long n = 0;

	for (int i = 0; i < t->nr_nodes; i++)
		for (int c = 0; c < t->nodes[i].nr_chain; c++) {
			struct irq_data *data;

			if (!t->nodes[i].chain[c])
				continue;
			data = irq_get_irq_data(t->nodes[i].chain[c]);
			n += data && data->domain == d;
		}
	return n;
}

/* Is the domain of controller @n still registered? */
static bool alive(struct irqm_of_node *n)
{
	return irq_find_matching_fwnode(&n->fwnode, DOMAIN_BUS_ANY) == n->domain;
}

static int check_idle(struct irqmap_of *t, bool *gone)
{
	for (int k = 0; k < t->nr_up; k++) {
		struct irqm_of_node *n = &t->nodes[t->up_order[k]];
		unsigned long total = 0, own;
		int ret;

		if (n->state != IRQM_OF_UP)
			continue;
		if (!alive(n)) {
			*gone = true;
			return 0;
		}
		/* the walk of a tree domain allocates: a failure is not "idle" */
		ret = irq_domain_for_each_mapping(n->domain, sum_refs, &total);
		if (ret) {
			irqm_log(IRQMAP_LOG_ERR,
				 "irqmap_of_free: cannot count the references in domain %s: %d",
				 n->domain->name, ret);
			return ret;
		}
		own = own_refs(t, n->domain);
		if (total != own) {
			irqm_log(IRQMAP_LOG_ERR,
				 "irqmap_of_free: domain %s still holds %lu reference%s of users; dispose them first",
				 n->domain->name, total - own,
				 total - own == 1 ? "" : "s");
			return -EBUSY;
		}
	}
	return 0;
}

int irqm_of_irq_exit(struct irqmap_of *t)
{
	bool gone = false;
	int ret;

	ret = check_idle(t, &gone);
	if (ret)
		return ret;
	if (gone) {
		/* irqmap_exit() came first and freed every domain already. */
		irqm_log(IRQMAP_LOG_WARN,
			 "irqmap_of_free: the tree's domains are already gone (irqmap_exit() before irqmap_of_free()?)");
		t->irq_init_done = false;
		return 0;
	}
	for (int k = t->nr_up - 1; k >= 0; k--) {
		struct irqm_of_node *n = &t->nodes[t->up_order[k]];

		for (int c = 0; c < n->nr_chain; c++) {
			if (n->chain[c])
				irq_dispose_mapping(n->chain[c]);
			n->chain[c] = 0;
		}
		if (n->state == IRQM_OF_UP) {
			ret = irq_domain_remove(n->domain);
			if (ret)
				return ret;
		}
		n->state = IRQM_OF_NONE;
		n->domain = NULL;
	}
	t->irq_init_done = false;
	return 0;
}
