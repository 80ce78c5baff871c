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

#include <irqmap/irqmap.h>

#include "rcu.h"

struct irqm_tree;

/* A table sized for @nr entries, or NULL without memory. */
struct irqm_tree *irqm_tree_new(unsigned long nr);

/* Free at once: no reader may see the table any more. */
void irqm_tree_destroy(struct irqm_tree *t);

/* The virq of @hwirq, or 0; caller holds RCU. */
unsigned int irqm_tree_find(const struct irqm_tree *t, irq_hw_number_t hwirq);

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
