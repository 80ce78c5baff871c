// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * revmap.c - reverse maps from hwirq to mapping, read without locks.
 *
 * Linear domains keep an array of mapping pointers indexed by hwirq: a
 * lookup is a bounds check and one acquire load. Tree domains (sparse
 * hwirqs) keep an open-addressing hash table from hwirq to virq
 * (revmap_tree.c). Writers hold the root domain's mutex and reserve room
 * before they insert; readers hold the RCU read lock.
 */
#include <errno.h>
#include <stdlib.h>

#include "alloc.h"
#include "core.h"
#include "revmap_tree.h"

int irqm_revmap_init(struct irq_domain *d, unsigned int size)
{
	struct irq_domain_private *p = d->priv;
	struct irqm_tree *t;

	if (size) {
		p->linear = irqm_calloc(size, sizeof(*p->linear));
		return p->linear ? 0 : -ENOMEM;
	}
	t = irqm_tree_new(0);
	if (!t)
		return -ENOMEM;
	atomic_init(&p->tree, t);
	return 0;
}

/* Called when no reader can see the domain any more. */
void irqm_revmap_destroy(struct irq_domain *d)
{
	struct irq_domain_private *p = d->priv;

	irqm_free(p->linear);
	p->linear = NULL;
	irqm_tree_destroy(atomic_load(&p->tree));
	atomic_store(&p->tree, NULL);
}

/*
 * The level in @d of the mapping a tree revmap's virq leads to, if it
 * still is the one of (@d, @hwirq): the virq may have been disposed and
 * reused since the table was read. Caller holds RCU.
 */
static struct irq_map_level *tree_level(struct irq_domain *d,
					irq_hw_number_t hwirq,
					unsigned int virq)
{
	struct irq_mapping *m = virq ? irqm_virq_to_mapping(virq) : NULL;
	struct irq_map_level *lv = m ? irqm_mapping_level(m, d) : NULL;

	return lv && lv->hwirq == hwirq ? lv : NULL;
}

struct irq_mapping *irqm_revmap_lookup_tree(struct irq_domain *d,
					    irq_hw_number_t hwirq)
{
	struct irq_map_level *lv;

	lv = tree_level(d, hwirq,
			irqm_tree_find(irqm_rcu_deref(d->priv->tree), hwirq));
	return lv ? lv->m : NULL;
}

/*
 * The virq mapped at @hwirq, or 0; caller holds RCU. A tree lookup reads
 * one slot of the table (key and virq side by side), nothing else: like
 * every lookup, its answer is a snapshot.
 */
static unsigned int revmap_find_virq(struct irq_domain *d,
				     irq_hw_number_t hwirq)
{
	struct irq_domain_private *p = d->priv;

	if (p->linear) {
		struct irq_mapping *m = irqm_revmap_lookup(d, hwirq);

		return m ? m->virq : 0;
	}
	return irqm_tree_find(irqm_rcu_deref(p->tree), hwirq);
}

unsigned int irq_find_mapping(struct irq_domain *domain, irq_hw_number_t hwirq)
{
	unsigned int virq;

	if (!domain) {
		domain = atomic_load(&irqm.default_domain);
		if (!domain)
			return 0;
	}
	if (hwirq >= domain->hwirq_max)
		return 0;
	irqm_rcu_read_lock();
	virq = revmap_find_virq(domain, hwirq);
	irqm_rcu_read_unlock();
	return virq;
}

/*
 * Make room for @n more entries, so that the inserts that follow cannot
 * fail. Nothing visible changes. Return: 0 or -ENOMEM.
 */
int irqm_revmap_reserve_locked(struct irq_domain *d, unsigned int n)
{
	struct irq_domain_private *p = d->priv;

	irqm_lockdep_assert_held(irqm_root_mutex(d));
	if (p->linear)
		return 0;
	return irqm_tree_reserve(&p->tree, n);
}

void irqm_revmap_insert_locked(struct irq_map_level *lv)
{
	struct irq_domain *d = lv->domain;
	struct irq_domain_private *p = d->priv;

	irqm_lockdep_assert_held(irqm_root_mutex(d));
	if (p->linear) {
		irqm_rcu_assign(p->linear[lv->hwirq], lv->m);
		return;
	}
	irqm_tree_insert(atomic_load_explicit(&p->tree, memory_order_relaxed),
			 lv->hwirq, lv->m->virq);
}

void irqm_revmap_remove_locked(struct irq_map_level *lv)
{
	struct irq_domain *d = lv->domain;
	struct irq_domain_private *p = d->priv;

	irqm_lockdep_assert_held(irqm_root_mutex(d));
	if (p->linear) {
		irqm_rcu_assign(p->linear[lv->hwirq], NULL);
		return;
	}
	irqm_tree_remove(atomic_load_explicit(&p->tree, memory_order_relaxed),
			 lv->hwirq);
}

static int cmp_level(const void *a, const void *b)
{
	const struct irq_map_level *x = *(struct irq_map_level *const *)a;
	const struct irq_map_level *y = *(struct irq_map_level *const *)b;

	return x->hwirq < y->hwirq ? -1 : x->hwirq > y->hwirq;
}

/*
 * Call @fn for each level published in @d, in hwirq order. The caller holds
 * the root mutex, so the set cannot change under the walk. Return: the
 * first non-zero @fn result; -ENOMEM; -EUCLEAN when a tree slot leads to
 * no level of @d with its hwirq (a broken invariant).
 */
int irqm_revmap_for_each(struct irq_domain *d,
			 int (*fn)(struct irq_map_level *lv, void *arg),
			 void *arg)
{
	struct irq_domain_private *p = d->priv;
	struct irqm_tree *t;
	struct irq_map_level **all;
	irq_hw_number_t *hw;
	unsigned int *virqs;
	unsigned long n;
	int ret = 0;

	irqm_lockdep_assert_held(irqm_root_mutex(d));
	if (p->linear) {
		for (unsigned int h = 0; h < d->revmap_size && !ret; h++) {
			struct irq_mapping *m = atomic_load(&p->linear[h]);

			if (m)
				ret = fn(irqm_mapping_level(m, d), arg);
		}
		return ret;
	}
	t = atomic_load_explicit(&p->tree, memory_order_relaxed);
	n = irqm_tree_count(t);
	all = irqm_calloc(n + 1, sizeof(*all));
	hw = irqm_calloc(n + 1, sizeof(*hw));
	virqs = irqm_calloc(n + 1, sizeof(*virqs));
	if (!all || !hw || !virqs) {
		ret = -ENOMEM;
		goto out;
	}
	n = irqm_tree_collect(t, hw, virqs);
	irqm_rcu_read_lock();
	for (unsigned long i = 0; i < n; i++) {
		all[i] = tree_level(d, hw[i], virqs[i]);
		if (!all[i])
			ret = -EUCLEAN;
	}
	irqm_rcu_read_unlock();
	if (!ret) {
		qsort(all, n, sizeof(*all), cmp_level);
		for (unsigned long i = 0; i < n && !ret; i++)
			ret = fn(all[i], arg);
	}
out:
	irqm_free(virqs);
	irqm_free(hw);
	irqm_free(all);
	return ret;
}
