// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * revmap.c - reverse maps from hwirq to mapping, read without locks.
 *
 * Linear domains keep an array of mapping pointers indexed by hwirq: a
 * lookup is a bounds check and one acquire load. Tree domains (sparse
 * hwirqs) keep liburcu's lock-free resizable hash table, whose nodes are
 * embedded in the mapping's per-level record. Writers hold the root
 * domain's mutex; readers hold the RCU read lock.
 */
#include <errno.h>
#include <stdlib.h>

#include "alloc.h"
#include "core.h"

static unsigned long hash_hwirq(irq_hw_number_t hwirq)
{
	/* the 64-bit finaliser of MurmurHash3: full avalanche, no table */
	uint64_t h = hwirq;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return (unsigned long)h;
}

static int match_hwirq(struct cds_lfht_node *node, const void *key)
{
	const struct irq_map_level *lv =
		caa_container_of(node, struct irq_map_level, node);

	return lv->hwirq == *(const irq_hw_number_t *)key;
}

int irqm_revmap_init(struct irq_domain *d, unsigned int size)
{
	struct irq_domain_private *p = d->priv;

	if (size) {
		p->linear = irqm_calloc(size, sizeof(*p->linear));
		return p->linear ? 0 : -ENOMEM;
	}
	if (irqm_fault_point())
		return -ENOMEM;
	p->tree = cds_lfht_new(64, 64, 0,
			       CDS_LFHT_AUTO_RESIZE | CDS_LFHT_ACCOUNTING, NULL);
	return p->tree ? 0 : -ENOMEM;
}

/* Called when no reader can see the domain any more. */
void irqm_revmap_destroy(struct irq_domain *d)
{
	struct irq_domain_private *p = d->priv;

	irqm_free(p->linear);
	p->linear = NULL;
	if (p->tree) {
		cds_lfht_destroy(p->tree, NULL);
		p->tree = NULL;
	}
}

/* The level record of @hwirq in a tree revmap, or NULL; caller holds RCU. */
static struct irq_map_level *tree_lookup(struct irq_domain_private *p,
					 irq_hw_number_t hwirq)
{
	struct cds_lfht_iter iter;
	struct cds_lfht_node *node;
	struct irq_map_level *lv;

	cds_lfht_lookup(p->tree, hash_hwirq(hwirq), match_hwirq, &hwirq, &iter);
	node = cds_lfht_iter_get_node(&iter);
	if (!node)
		return NULL;
	lv = caa_container_of(node, struct irq_map_level, node);
	/* cds_lfht publishes in uninstrumented code: tell TSan. */
	irqm_tsan_acquire(lv);
	return lv;
}

struct irq_mapping *irqm_revmap_lookup(struct irq_domain *d,
				       irq_hw_number_t hwirq)
{
	struct irq_domain_private *p = d->priv;
	struct irq_map_level *lv;

	if (p->linear) {
		if (hwirq >= d->revmap_size)
			return NULL;
		return irqm_rcu_deref(p->linear[hwirq]);
	}
	lv = tree_lookup(p, hwirq);
	return lv ? lv->m : NULL;
}

/*
 * The virq mapped at @hwirq, or 0; caller holds RCU. A tree lookup reads
 * only the level record that holds the hash node (key and virq side by
 * side), not the rest of the mapping.
 */
unsigned int irqm_revmap_find_virq(struct irq_domain *d, irq_hw_number_t hwirq)
{
	struct irq_domain_private *p = d->priv;
	struct irq_map_level *lv;

	if (p->linear) {
		struct irq_mapping *m;

		if (hwirq >= d->revmap_size)
			return 0;
		m = irqm_rcu_deref(p->linear[hwirq]);
		return m ? m->virq : 0;
	}
	lv = tree_lookup(p, hwirq);
	return lv ? lv->virq : 0;
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
	cds_lfht_node_init(&lv->node);
	irqm_tsan_release(lv);
	irqm_rcu_read_lock();
	cds_lfht_add(p->tree, hash_hwirq(lv->hwirq), &lv->node);
	irqm_rcu_read_unlock();
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
	irqm_rcu_read_lock();
	cds_lfht_del(p->tree, &lv->node);
	irqm_rcu_read_unlock();
}

static int cmp_level(const void *a, const void *b)
{
	const struct irq_map_level *x = *(struct irq_map_level *const *)a;
	const struct irq_map_level *y = *(struct irq_map_level *const *)b;

	return x->hwirq < y->hwirq ? -1 : x->hwirq > y->hwirq;
}

/*
 * Call @fn for each level published in @d, in hwirq order. The caller holds
 * the root mutex, so the set cannot change under the walk.
 */
int irqm_revmap_for_each(struct irq_domain *d,
			 int (*fn)(struct irq_map_level *lv, void *arg),
			 void *arg)
{
	struct irq_domain_private *p = d->priv;
	struct cds_lfht_iter iter;
	struct cds_lfht_node *node;
	struct irq_map_level **all;
	unsigned long n = 0, cap;
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
	cap = atomic_load(&p->mapcount) + 1;
	all = irqm_calloc(cap, sizeof(*all));
	if (!all)
		return -ENOMEM;
	irqm_rcu_read_lock();
	cds_lfht_for_each(p->tree, &iter, node) {
		if (n == cap)
			break;
		all[n] = caa_container_of(node, struct irq_map_level, node);
		irqm_tsan_acquire(all[n]);
		n++;
	}
	irqm_rcu_read_unlock();
	qsort(all, n, sizeof(*all), cmp_level);
	for (unsigned long i = 0; i < n && !ret; i++)
		ret = fn(all[i], arg);
	irqm_free(all);
	return ret;
}
