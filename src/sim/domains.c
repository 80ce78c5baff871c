// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * domains.c - snapshots of the library's domains and mappings.
 *
 * The iterators hold library locks while they call back, so the checks and
 * the output copy what they need first and look at it afterwards.
 */
#include <stdlib.h>

#include "sim.h"

struct vec {
	void *v;
	size_t nr, cap, size;
	bool failed;
};

static void *vec_add(struct vec *v)
{
	if (v->nr == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 16;
		void *n = realloc(v->v, cap * v->size);

		if (!n) {
			v->failed = true;
			return NULL;
		}
		v->v = n;
		v->cap = cap;
	}
	return (char *)v->v + v->size * v->nr++;
}

static int add_domain(struct irq_domain *d, void *arg)
{
	struct irq_domain **slot = vec_add(arg);

	if (slot)
		*slot = d;
	return 0;
}

/* Every domain, parents first; NULL with *@nr 0 when there is none. */
struct irq_domain **irqm_sim_domains(size_t *nr)
{
	struct vec v = { .size = sizeof(struct irq_domain *) };

	irq_domain_for_each(add_domain, &v);
	if (v.failed) {
		free(v.v);
		v.v = NULL;
		v.nr = 0;
	}
	*nr = v.nr;
	return v.v;
}

static int add_mapping(const struct irqmap_mapping_info *m, void *arg)
{
	struct irqmap_mapping_info *slot = vec_add(arg);

	if (slot)
		*slot = *m;
	return 0;
}

/* Every mapping of @d, in hwirq order. */
struct irqmap_mapping_info *irqm_sim_mappings(struct irq_domain *d,
					      size_t *nr)
{
	struct vec v = { .size = sizeof(struct irqmap_mapping_info) };

	irq_domain_for_each_mapping(d, add_mapping, &v);
	if (v.failed) {
		free(v.v);
		v.v = NULL;
		v.nr = 0;
	}
	*nr = v.nr;
	return v.v;
}
