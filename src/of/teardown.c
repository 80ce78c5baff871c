// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * teardown.c - taking a tree's controllers down again.
 *
 * First a check that changes nothing: every reference in the tree's
 * domains must be one its own cascaded controllers hold; anything else is
 * a user's mapping, and the teardown is refused. Then, in the reverse
 * order of bring-up (children before their parents), each controller
 * drops its parent lines, the domains and lines its driver set up besides
 * its own domain go, and its domain is removed.
 */
#include <errno.h>

#include "log.h"
#include "internals.h"
#include "irqchip.h"

static int sum_refs(const struct irqmap_mapping_info *m, void *arg)
{
	*(unsigned long *)arg += m->refcount;
	return 0;
}

/* Every reference held in @d, in *@total. */
static int domain_refs(struct irq_domain *d, unsigned long *total)
{
	/* the walk of a tree domain allocates: a failure is not "idle" */
	int ret = irq_domain_for_each_mapping(d, sum_refs, total);

	if (ret)
		irqm_log(IRQMAP_LOG_ERR,
			 "irqmap_of_free: cannot count the references in domain %s: %d",
			 d->name, ret);
	return ret;
}

/* Is @d one of the domains of tree @t? */
static bool of_tree(const struct irqmap_of *t, const struct irq_domain *d)
{
	const struct irqm_of_node *n;

	if (!d->fwnode || d->fwnode->kind != FWNODE_KIND_OF)
		return false;
	n = d->fwnode->data;
	return n >= t->nodes && n < t->nodes + t->nr_nodes;
}

/*
 * The levels of @virq in domain @only, or in every domain of @t when @only
 * is NULL: a line mapped through a hierarchy holds its reference in each.
 */
static unsigned long levels_in(const struct irqmap_of *t, unsigned int virq,
			       const struct irq_domain *only)
{
	unsigned long n = 0;

	if (!virq)
		return 0;
	irqmap_read_lock();
	for (struct irq_data *d = irq_get_irq_data(virq); d; d = d->parent_data)
		n += d->domain && (only ? d->domain == only : of_tree(t, d->domain));
	irqmap_read_unlock();
	return n;
}

/*
 * References the tree's own cascades and driver-held lines hold in @only,
 * or in all its domains (NULL).
 */
static unsigned long own_refs(const struct irqmap_of *t,
			      const struct irq_domain *only)
{
	unsigned long n = 0;

	for (int i = 0; i < t->nr_nodes; i++) {
		const struct irqm_of_node *o = &t->nodes[i];

		for (int c = 0; c < o->nr_chain; c++)
			n += levels_in(t, o->chain[c], only);
		for (int h = 0; h < o->nr_held; h++)
			n += levels_in(t, o->held[h], only);
	}
	return n;
}

/* The references users hold in @d; 0 when none. */
static int user_refs(const struct irqmap_of *t, struct irq_domain *d)
{
	unsigned long total = 0, own;
	int ret = domain_refs(d, &total);

	if (ret)
		return ret;
	own = own_refs(t, d);
	if (total != own) {
		irqm_log(IRQMAP_LOG_ERR,
			 "irqmap_of_free: domain %s still holds %lu reference%s of users; dispose them first",
			 d->name, total - own, total - own == 1 ? "" : "s");
		return -EBUSY;
	}
	return 0;
}

/*
 * Whether users hold references anywhere in the tree's domains, in one
 * pass: every reference counted in all the domains, against the tree's
 * own (each cascade or held line counts once in every domain it crosses).
 * Only when they differ does the slow search for the domain to name run.
 */
static int users_anywhere(const struct irqmap_of *t, bool *any)
{
	unsigned long total = 0, own = 0;
	int ret = 0;

	for (int k = 0; k < t->nr_up && !ret; k++) {
		struct irqm_of_node *n = &t->nodes[t->up_order[k]];

		if (n->state != IRQM_OF_UP)
			continue;
		ret = domain_refs(n->domain, &total);
		for (int e = 0; !ret && e < n->nr_extra; e++)
			ret = domain_refs(n->extra[e], &total);
	}
	own = own_refs(t, NULL);
	*any = total != own;
	return ret;
}

/* Is the domain of controller @n still registered? */
static bool alive(struct irqm_of_node *n)
{
	/*
	 * The core forgets it when it removes it (mapping.c); irqmap_exit()
	 * frees every domain, and the generation tells.
	 */
	return n->tree->generation == irqm_init_generation() &&
	       __atomic_load_n(&n->domain, __ATOMIC_ACQUIRE) != NULL;
}

static int check_idle(struct irqmap_of *t, bool *gone)
{
	bool any;
	int ret;

	for (int k = 0; k < t->nr_up; k++) {
		struct irqm_of_node *n = &t->nodes[t->up_order[k]];

		if (n->state == IRQM_OF_UP && !alive(n)) {
			*gone = true;
			return 0;
		}
	}
	ret = users_anywhere(t, &any);
	if (ret || !any)
		return ret;
	/* someone holds a reference: find the domain to name, slowly */
	for (int k = 0; k < t->nr_up; k++) {
		struct irqm_of_node *n = &t->nodes[t->up_order[k]];

		if (n->state != IRQM_OF_UP)
			continue;
		ret = user_refs(t, n->domain);
		for (int e = 0; !ret && e < n->nr_extra; e++)
			ret = user_refs(t, n->extra[e]);
		if (ret)
			return ret;
	}
	return 0;
}

/* The extra domains of @n, then the lines it holds (their parents). */
static int drop_extras(struct irqm_of_node *n)
{
	for (int e = n->nr_extra - 1; e >= 0; e--) {
		int ret = irq_domain_remove(n->extra[e]);

		if (ret)
			return ret;
		n->nr_extra = e;
	}
	for (int h = 0; h < n->nr_held; h++) {
		if (n->held[h])
			irq_dispose_mapping(n->held[h]);
		n->held[h] = 0;
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
		/* what the drivers hung on their nodes is still theirs to free */
		for (int k = 0; k < t->nr_up; k++) {
			struct irqm_of_node *n = &t->nodes[t->up_order[k]];

			if (n->chip && n->chip->exit)
				n->chip->exit(n);
			n->nr_extra = n->nr_held = 0;
		}
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
		ret = drop_extras(n);
		if (ret)
			return ret;
		if (n->state == IRQM_OF_UP) {
			ret = irq_domain_remove(n->domain);
			if (ret)
				return ret;
		}
		if (n->chip && n->chip->exit)
			n->chip->exit(n);
		n->state = IRQM_OF_NONE;
		n->domain = NULL;
	}
	t->irq_init_done = false;
	return 0;
}
