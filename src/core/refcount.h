/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * refcount.h - saturating reference counts, as the kernel's refcount_t.
 *
 * 0 means dead: a count that reached 0 never comes back
 * (irqm_ref_get_unless_zero fails on it). A count that would pass
 * IRQMAP_REFCOUNT_MAX sticks at IRQMAP_REFCOUNT_SATURATED and never moves
 * again, leaking the object rather than freeing it under a user.
 */
#ifndef IRQM_REFCOUNT_H
#define IRQM_REFCOUNT_H

#include <stdatomic.h>
#include <stdbool.h>

#include <irqmap/irqdomain.h>

typedef struct {
	atomic_uint refs;
} irqm_ref_t;

static inline bool irqm_ref_saturated(unsigned int v)
{
	return v > IRQMAP_REFCOUNT_MAX;
}

static inline void irqm_ref_init(irqm_ref_t *r, unsigned int v)
{
	atomic_init(&r->refs, v);
}

static inline unsigned int irqm_ref_read(irqm_ref_t *r)
{
	return atomic_load_explicit(&r->refs, memory_order_relaxed);
}

/*
 * Take a reference unless the count is 0. Returns false on a dead count;
 * *saturated_now is set when this call saturated it.
 */
static inline bool irqm_ref_get_unless_zero(irqm_ref_t *r, bool *saturated_now)
{
	unsigned int v = atomic_load_explicit(&r->refs, memory_order_relaxed);
	unsigned int n;

	*saturated_now = false;
	do {
		if (v == 0)
			return false;
		if (irqm_ref_saturated(v))
			return true;
		n = v + 1;
		if (n > IRQMAP_REFCOUNT_MAX)
			n = IRQMAP_REFCOUNT_SATURATED;
	} while (!atomic_compare_exchange_weak_explicit(&r->refs, &v, n,
			memory_order_acquire, memory_order_relaxed));
	*saturated_now = n == IRQMAP_REFCOUNT_SATURATED;
	return true;
}

/*
 * Drop a reference unless it is the last one. Returns true when dropped (or
 * saturated: nothing to do), false when the count is 1 (or 0) and the caller
 * must take the slow path with the lock held.
 */
static inline bool irqm_ref_put_not_last(irqm_ref_t *r)
{
	unsigned int v = atomic_load_explicit(&r->refs, memory_order_relaxed);

	do {
		if (v <= 1)
			return false;
		if (irqm_ref_saturated(v))
			return true;
	} while (!atomic_compare_exchange_weak_explicit(&r->refs, &v, v - 1,
			memory_order_release, memory_order_relaxed));
	return true;
}

/*
 * Drop a reference; true when it was the last. Saturated counts never drop.
 * Callers hold the lock that makes 0 final (the root domain's mutex).
 */
static inline bool irqm_ref_put_and_test(irqm_ref_t *r)
{
	unsigned int v = atomic_load_explicit(&r->refs, memory_order_relaxed);

	do {
		if (v == 0 || irqm_ref_saturated(v))
			return false;
	} while (!atomic_compare_exchange_weak_explicit(&r->refs, &v, v - 1,
			memory_order_acq_rel, memory_order_relaxed));
	return v == 1;
}

#endif
