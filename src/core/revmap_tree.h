/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * revmap_tree.h - the reverse map of tree domains: an open-addressing hash
 * table from hwirq to virq, read without locks.
 *
 * Each slot holds a key and a virq side by side (16 bytes, four to a cache
 * line), so a lookup usually costs one cache miss. Writers (serialised by
 * the root domain's mutex) only ever move a slot from empty to live, from
 * live to deleted, or from deleted back to live for the same key; a slot's
 * key never changes while the table is published. Growing, shrinking and
 * sweeping deleted slots copy the live entries into a new table, publish
 * it, and free the old one after a grace period.
 *
 * A lookup gives a virq, not a mapping: the caller goes through the
 * descriptor and checks that the mapping there is still the one it looked
 * for (a virq read just before a dispose may already belong to another
 * mapping).
 */
#ifndef IRQM_REVMAP_TREE_H
#define IRQM_REVMAP_TREE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <irqmap/irqmap.h>

#include "rcu.h"

/* A slot's virq: empty, deleted, or the virq of a live entry. */
#define IRQM_TREE_EMPTY		0u
#define IRQM_TREE_DELETED	UINT32_MAX

struct irqm_tree_slot {
	irq_hw_number_t hwirq;	/* set once, before the virq */
	unsigned int virq;	/* IRQM_TREE_EMPTY, IRQM_TREE_DELETED or the virq */
};

/*
 * The writer's counters change with every insert and remove: they sit 64
 * bytes away from the mask every lookup reads, and the slots start 64
 * bytes after them, so a writer does not evict the reader's header line.
 */
struct irqm_tree {
	unsigned long mask;	/* slots - 1 */
	unsigned int shift;	/* 64 - log2(slots): the hash's top bits */
	struct rcu_head rcu;
	char pad1[64 - 2 * sizeof(unsigned long) - sizeof(struct rcu_head)];
	unsigned long used;	/* live + deleted: writer only */
	unsigned long live;	/* writer only */
	char pad2[64 - 2 * sizeof(unsigned long)];
	struct irqm_tree_slot slot[];
};

/*
 * The first slot to probe: Fibonacci hashing, one multiplication whose top
 * bits index the table. Runs of hwirqs (consecutive, strided, or a block
 * with the same high bits) spread evenly, and it is short enough to keep a
 * lookup within a few cycles of the load it needs.
 */
static inline unsigned long irqm_tree_home(const struct irqm_tree *t,
				 irq_hw_number_t hwirq)
{
	return (unsigned long)(((uint64_t)hwirq * 0x9e3779b97f4a7c15ull) >>
			       t->shift);
}

/* The virq of @hwirq, or 0; caller holds RCU. */
static inline unsigned int irqm_tree_find(const struct irqm_tree *t,
					  irq_hw_number_t hwirq)
{
	const unsigned long mask = t->mask;	/* read once: the loop has acquires */
	unsigned long i = irqm_tree_home(t, hwirq);

	for (;; i = (i + 1) & mask) {
		const struct irqm_tree_slot *s = &t->slot[i];
		unsigned int virq = __atomic_load_n(&s->virq, __ATOMIC_ACQUIRE);

		if (virq == IRQM_TREE_EMPTY)
			return 0;
		if (__atomic_load_n(&s->hwirq, __ATOMIC_RELAXED) == hwirq)
			return virq == IRQM_TREE_DELETED ? 0 : virq;
	}
}

/* A table sized for @nr entries, or NULL without memory. */
struct irqm_tree *irqm_tree_new(unsigned long nr);

/* Free at once: no reader may see the table any more. */
void irqm_tree_destroy(struct irqm_tree *t);

/*
 * Writers: the caller holds the lock that serialises them. Reserve first;
 * an insert after a successful reserve of as many entries cannot fail.
 * Reserving replaces the table (*@tp) when it must grow, or when it has
 * too many deleted slots or too few entries for its size.
 */
int irqm_tree_reserve(_Atomic(struct irqm_tree *) *tp, unsigned long n);
void irqm_tree_insert(struct irqm_tree *t, irq_hw_number_t hwirq,
		      unsigned int virq);
bool irqm_tree_remove(struct irqm_tree *t, irq_hw_number_t hwirq);

/* Live entries, and slots in the table (writers). */
unsigned long irqm_tree_count(const struct irqm_tree *t);
unsigned long irqm_tree_capacity(const struct irqm_tree *t);

/* Copy the live entries into @hwirqs/@virqs (room for irqm_tree_count()). */
unsigned long irqm_tree_collect(const struct irqm_tree *t,
				irq_hw_number_t *hwirqs, unsigned int *virqs);

#endif
