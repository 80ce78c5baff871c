// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * revmap_tree.c - open-addressing hash table from hwirq to virq for tree
 * domains (revmap_tree.h has the rules readers and writers follow).
 *
 * Linear probing over a power-of-two array. A slot's virq says what it is:
 * IRQM_TREE_EMPTY, IRQM_TREE_DELETED (its key stays, so probes continue
 * past it and a re-insert of the same key reuses it), anything else live.
 * The writer stores the key, then the virq with release; a reader loads
 * the virq with acquire, then the key. At most three quarters of the slots are
 * ever in use, so every probe sequence reaches an empty slot.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "revmap_tree.h"

#define MIN_SLOTS	16ul

/* The smallest table that holds @nr entries at most half full. */
static unsigned long slots_for(unsigned long nr)
{
	unsigned long slots = MIN_SLOTS;

	while (slots / 2 < nr)
		slots *= 2;
	return slots;
}

static bool too_full(unsigned long used, unsigned long slots)
{
	return used > slots / 4 * 3;
}

static bool slot_live(const struct irqm_tree_slot *s)
{
	return s->virq != IRQM_TREE_EMPTY && s->virq != IRQM_TREE_DELETED;
}

static struct irqm_tree *tree_alloc(unsigned long slots)
{
	struct irqm_tree *t;

	if (slots > (SIZE_MAX - sizeof(*t)) / sizeof(t->slot[0]))
		return NULL;
	t = irqm_calloc(1, sizeof(*t) + slots * sizeof(t->slot[0]));
	if (t) {
		t->mask = slots - 1;
		t->shift = 64 - (unsigned int)__builtin_ctzl(slots);
	}
	return t;
}

struct irqm_tree *irqm_tree_new(unsigned long nr)
{
	return tree_alloc(slots_for(nr));
}

void irqm_tree_destroy(struct irqm_tree *t)
{
	irqm_free(t);
}

static void tree_free_rcu(struct rcu_head *head)
{
	IRQM_RCU_CALLBACK_ENTER();
	irqm_free(caa_container_of(head, struct irqm_tree, rcu));
}

/* The slot holding @hwirq (live or deleted), else the empty one ending its probe. */
static struct irqm_tree_slot *probe(struct irqm_tree *t, irq_hw_number_t hwirq)
{
	unsigned long i = irqm_tree_home(t, hwirq);

	for (;; i = (i + 1) & t->mask) {
		struct irqm_tree_slot *s = &t->slot[i];

		if (s->virq == IRQM_TREE_EMPTY || s->hwirq == hwirq)
			return s;
	}
}

void irqm_tree_insert(struct irqm_tree *t, irq_hw_number_t hwirq,
		      unsigned int virq)
{
	struct irqm_tree_slot *s = probe(t, hwirq);

	if (s->virq == IRQM_TREE_EMPTY) {
		if (too_full(t->used + 1, t->mask + 1)) {
			/* a caller that did not reserve: a bug, never a hang */
			fprintf(stderr, "irqmap: tree revmap insert without reserve\n");
			abort();
		}
		__atomic_store_n(&s->hwirq, hwirq, __ATOMIC_RELAXED);
		t->used++;
	}
	t->live++;
	__atomic_store_n(&s->virq, virq, __ATOMIC_RELEASE);
}

bool irqm_tree_remove(struct irqm_tree *t, irq_hw_number_t hwirq)
{
	struct irqm_tree_slot *s = probe(t, hwirq);

	if (!slot_live(s))
		return false;
	__atomic_store_n(&s->virq, IRQM_TREE_DELETED, __ATOMIC_RELEASE);
	t->live--;
	return true;
}

int irqm_tree_reserve(_Atomic(struct irqm_tree *) *tp, unsigned long n)
{
	struct irqm_tree *old = atomic_load_explicit(tp, memory_order_relaxed);
	unsigned long slots = old->mask + 1, want;
	struct irqm_tree *t;

	if (n > ULONG_MAX / 4 - old->live)
		return -ENOMEM;
	want = slots_for(old->live + n);
	/* keep the table while it has room and is not four times too big */
	if (!too_full(old->used + n, slots) && !(want * 4 < slots))
		return 0;
	/*
	 * Sweeping deleted slots at the same size would leave little room
	 * before the next sweep when keys keep changing: each sweep copies the
	 * table and every reader refetches it. Sweep into twice the room.
	 */
	if (want <= slots)
		want = slots_for(2 * (old->live + n));
	t = tree_alloc(want);
	if (!t)
		return -ENOMEM;
	for (unsigned long i = 0; i <= old->mask; i++) {
		const struct irqm_tree_slot *s = &old->slot[i];

		if (slot_live(s))
			irqm_tree_insert(t, s->hwirq, s->virq);
	}
	irqm_rcu_assign(*tp, t);
	irqm_call_rcu(&old->rcu, tree_free_rcu);
	return 0;
}

unsigned long irqm_tree_count(const struct irqm_tree *t)
{
	return t->live;
}

unsigned long irqm_tree_capacity(const struct irqm_tree *t)
{
	return t->mask + 1;
}

unsigned long irqm_tree_collect(const struct irqm_tree *t,
				irq_hw_number_t *hwirqs, unsigned int *virqs)
{
	unsigned long n = 0;

	for (unsigned long i = 0; i <= t->mask && n < t->live; i++) {
		const struct irqm_tree_slot *s = &t->slot[i];

		if (slot_live(s)) {
			hwirqs[n] = s->hwirq;
			virqs[n++] = s->virq;
		}
	}
	return n;
}
