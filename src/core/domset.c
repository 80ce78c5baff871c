// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * domset.c - which domain pointers are registered, in constant time.
 *
 * irq_domain_remove() and a child's creation must refuse a domain that is
 * not on the domain list without touching it (a removed domain is freed
 * memory). Searching the list for it made creating or removing N domains
 * quadratic; this set answers the same question by hashing the pointer.
 * Writers only, under the domain-list lock: readers of the domain list
 * never look here. Open addressing with linear probing; a removed pointer
 * leaves a tombstone until the next rebuild.
 */
#include <errno.h>
#include <stdint.h>

#include "alloc.h"
#include "core.h"

#define TOMBSTONE ((struct irq_domain *)1)

static struct {
	struct irq_domain **slot;
	size_t cap;		/* a power of two, or 0 */
	size_t live, used;	/* used: live + tombstones */
} set;

static size_t home(const struct irq_domain *d, size_t cap)
{
	return (size_t)(((uint64_t)(uintptr_t)d * 0x9e3779b97f4a7c15ull) >> 17) &
	       (cap - 1);
}

static size_t find(const struct irq_domain *d)
{
	size_t i = home(d, set.cap);

	while (set.slot[i] && set.slot[i] != d)
		i = (i + 1) & (set.cap - 1);
	return i;
}

static int rebuild(size_t cap)
{
	struct irq_domain **old = set.slot;
	size_t old_cap = set.cap;

	set.slot = irqm_calloc(cap, sizeof(*set.slot));
	if (!set.slot) {
		set.slot = old;
		return -ENOMEM;
	}
	set.cap = cap;
	set.used = set.live;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i] && old[i] != TOMBSTONE)
			set.slot[find(old[i])] = old[i];
	irqm_free(old);
	return 0;
}

/* Room for four times the live pointers: a rebuild every N/2 changes. */
static size_t target_cap(void)
{
	size_t cap = 16;

	while (cap < set.live * 4)
		cap *= 2;
	return cap;
}

int irqm_domset_add_locked(struct irq_domain *d)
{
	size_t i;

	irqm_lockdep_assert_held(&irqm.domain_lock);
	if ((set.used + 1) * 2 > set.cap && rebuild(target_cap()))
		return -ENOMEM;
	i = find(d);
	if (!set.slot[i]) {
		set.slot[i] = d;
		set.live++;
		set.used++;
	}
	return 0;
}

bool irqm_domset_has_locked(const struct irq_domain *d)
{
	irqm_lockdep_assert_held(&irqm.domain_lock);
	return set.cap && d && set.slot[find(d)] == d;
}

void irqm_domset_del_locked(const struct irq_domain *d)
{
	size_t i;

	irqm_lockdep_assert_held(&irqm.domain_lock);
	if (!set.cap)
		return;
	i = find(d);
	if (set.slot[i] == d) {
		set.slot[i] = TOMBSTONE;
		set.live--;
	}
}

void irqm_domset_exit(void)
{
	irqm_free(set.slot);
	set.slot = NULL;
	set.cap = set.live = set.used = 0;
}
