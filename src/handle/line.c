// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * line.c - the line lock: one bit of a line's state word (h->state) that
 * serialises the line's flow state and chip calls, and one bit that lets
 * deliveries take the lock-free path of fastpath.c.
 *
 * The word holds IRQD_IRQ_DISABLED, _MASKED and _INPROGRESS,
 * IRQM_STATE_SPURIOUS_DISABLED, and two bits of this file:
 *
 *  - IRQM_LINE_LOCK, the line lock. The slow paths take it inside
 *    desc->lock with irqm_line_lock(); the fast path takes it alone, only
 *    around its chip calls and counters (a few chip callbacks, which must
 *    not block: see struct irq_chip), never around the handlers.
 *  - IRQM_LINE_FAST: when the lock was last dropped, the line was in the
 *    common state (line_is_common_locked()), so a delivery may run it
 *    without desc->lock.
 *
 * The one rule: only the holder of the line lock stores to the word. Every
 * other change is a compare-and-swap from a value without IRQM_LINE_LOCK,
 * which either takes the lock or, on the fast path, claims
 * IRQD_IRQ_INPROGRESS. So the holder sees the word change under nobody
 * else's hands and uses plain (relaxed) loads and stores; the release
 * store that drops the lock publishes everything done under it to the
 * next compare-and-swap (acquire) on the word. The fields "under the line
 * lock" in struct irqm_desc_handling are covered the same way.
 *
 * Slow paths may wait for the bit while holding desc->lock; the fast path
 * never waits for anything (a failed compare-and-swap sends it to the slow
 * path), so a holder of the bit without desc->lock is always one fast
 * path's short chip section, and the wait is bounded.
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

#include "handle.h"

/* Busy-wait politely: spin briefly, then let the holder's thread run. */
static void relax(unsigned int round)
{
	if (round < 64)
		caa_cpu_relax();
	else
		sched_yield();
}

/* Take the line lock's bit; the caller holds desc->lock. */
static void lock_bit(struct irqm_desc_handling *h)
{
	unsigned int v;

#ifdef IRQMAP_DEBUG_LOCKS
	if (atomic_load_explicit(&h->line_owner, memory_order_relaxed) ==
	    irqm_self()) {
		fprintf(stderr, "irqmap: irq %u: line lock taken twice\n",
			h->desc->irq_data.irq);
		abort();
	}
#endif
	for (unsigned int round = 0;; round++) {
		v = atomic_load_explicit(&h->state, memory_order_relaxed);
		if (!(v & IRQM_LINE_LOCK) &&
		    atomic_compare_exchange_weak_explicit(&h->state, &v,
							  v | IRQM_LINE_LOCK,
							  memory_order_acquire,
							  memory_order_relaxed))
			break;
		relax(round);
	}
	irqm_line_set_owner(h, irqm_self());
}

/*
 * Is the line in the common state, the one the fast path handles? It has
 * handlers, is enabled, has nothing pending or replayed, is not ONESHOT
 * and has no ONESHOT thread due, nobody waits for it to go idle (so a
 * delivery finishing must take the slow path and wake them). Any chip
 * will do: the chip calls the core makes itself take the line lock too
 * (irqm_chip_calls_begin()).
 * Context: desc->lock and the line lock held.
 */
static bool line_is_common_locked(struct irqm_desc_handling *h,
				  unsigned int v)
{
	irqm_line_lockdep_assert_held(h);
	return !(v & IRQD_IRQ_DISABLED) &&
	       !(h->istate & (IRQS_ONESHOT | IRQS_REPLAY | IRQS_WAITING |
			      IRQS_PENDING)) &&
	       !h->sync_waiters &&
	       atomic_load_explicit(&h->action, memory_order_relaxed) &&
	       !atomic_load_explicit(&h->threads_oneshot, memory_order_relaxed);
}

/* Drop the line lock's bit, deciding IRQM_LINE_FAST afresh. */
static void unlock_bit(struct irq_desc *desc, struct irqm_desc_handling *h)
{
	unsigned int v = atomic_load_explicit(&h->state, memory_order_relaxed);

	v &= ~(IRQM_LINE_LOCK | IRQM_LINE_FAST);
	if (line_is_common_locked(h, v))
		v |= IRQM_LINE_FAST;
	irqm_line_set_owner(h, 0);
	atomic_store_explicit(&h->state, v, memory_order_release);
}

/**
 * irqm_line_lock() - take desc->lock, then the line lock
 * @desc:	the line's descriptor, kept alive by the caller (RCU or a pin)
 * @h:		its handling state
 *
 * Context: may sleep (desc->lock) and spin briefly (the fast path's chip
 * calls); no line lock held.
 */
void irqm_line_lock(struct irq_desc *desc, struct irqm_desc_handling *h)
{
	irqm_desc_lock(desc);
	lock_bit(h);
}

/**
 * irqm_line_unlock() - drop the line lock and desc->lock
 * @desc:	the line's descriptor
 * @h:		its handling state
 *
 * Decides whether the next deliveries may take the fast path.
 * Context: taken with irqm_line_lock().
 */
void irqm_line_unlock(struct irq_desc *desc, struct irqm_desc_handling *h)
{
	irqm_line_lockdep_assert_held(h);
	unlock_bit(desc, h);
	irqm_desc_unlock(desc);
}

/**
 * irqm_line_cond_wait_locked() - wait on the line's condition
 * @desc:	the line's descriptor
 * @h:		its handling state
 *
 * Both locks are dropped while waiting and held again on return. Callers
 * count themselves in h->sync_waiters first, which keeps the fast path
 * off: a delivery finishing meanwhile takes the slow path, which wakes them
 * (irqm_desc_wake_waiters_locked()) under desc->lock.
 * Context: taken with irqm_line_lock().
 */
void irqm_line_cond_wait_locked(struct irq_desc *desc,
				struct irqm_desc_handling *h)
{
	struct irqm_mutex *m = irqm_desc_lock_of(desc);

	irqm_line_lockdep_assert_held(h);
	unlock_bit(desc, h);
	atomic_store_explicit(&m->owner, 0, memory_order_relaxed);
	pthread_cond_wait(&h->wait, &m->m);
	atomic_store_explicit(&m->owner, irqm_self(), memory_order_relaxed);
	lock_bit(h);
}

/*
 * The core's own chip calls (->irq_set_type, irq_set_chip(), activation):
 * under desc->lock, which it holds, take the line lock as well, so they
 * never overlap a fast delivery's chip calls. A line without handling
 * state yet cannot be fast while desc->lock is held (only an unlock under
 * desc->lock turns IRQM_LINE_FAST on), so it needs nothing.
 */
void *irqm_chip_calls_begin(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = irqm_handling_of(desc);

	irqm_lockdep_assert_held(irqm_desc_lock_of(desc));
	if (h)
		lock_bit(h);
	return h;
}

void irqm_chip_calls_end(struct irq_desc *desc, void *token)
{
	struct irqm_desc_handling *h = token;

	if (h) {
		irqm_line_lockdep_assert_held(h);
		unlock_bit(desc, h);
	}
}

#ifdef IRQMAP_DEBUG_LOCKS
void irqm_line_assert_held(struct irqm_desc_handling *h, const char *func)
{
	if (!irqm_state_test(h, IRQM_LINE_LOCK) ||
	    atomic_load_explicit(&h->line_owner, memory_order_relaxed) !=
	    irqm_self()) {
		fprintf(stderr, "irqmap: %s: line lock of irq %u not held\n",
			func, h->desc->irq_data.irq);
		abort();
	}
}
#endif
