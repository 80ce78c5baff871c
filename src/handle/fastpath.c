// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * fastpath.c - delivering an interrupt on a line in its common state
 * without desc->lock: two compare-and-swaps on the line word (line.c)
 * instead of two mutex round trips and a dozen atomic operations.
 *
 * The flow handlers (flow.c) call irqm_fast_flow() first. When the line
 * word says IRQM_LINE_FAST (the line has handlers, is enabled, nothing is
 * pending, not ONESHOT, nobody waits for it: line.c), a delivery
 *
 *  1. claims the line: one compare-and-swap from a value with
 *     IRQM_LINE_FAST and without IRQM_LINE_LOCK or IRQD_IRQ_INPROGRESS, to
 *     the same value with IRQD_IRQ_INPROGRESS set; flows that talk to the
 *     chip before the handlers (level: mask+ack, edge: ack) take the line
 *     lock in the same operation, make those calls, and drop the lock with
 *     a release store;
 *  2. runs the handlers (RCU, as on the slow path);
 *  3. takes the line lock with a second compare-and-swap, which must find
 *     IRQM_LINE_FAST still set; counts the run, makes the chip calls after
 *     the handlers (level: unmask, fasteoi: eoi), and clears the lock and
 *     IRQD_IRQ_INPROGRESS with one release store.
 *
 * Anything unusual sends it to the slow path: a claim that fails (line
 * busy, disabled, pending, being changed...) leaves the whole interrupt to
 * the locked flow handler; a finish that fails (somebody changed the line
 * meanwhile and cleared IRQM_LINE_FAST), a run nobody handled, or the end
 * of a spurious-detector window finishes under desc->lock (finish_slow()).
 *
 * Why this is enough, with one word and no other fence:
 *  - Every change of the word is ordered in its modification order: the
 *    claims and lock acquisitions are compare-and-swaps (acquire) from a
 *    value without the lock, and only the lock's holder stores (release).
 *  - One runner at a time: IRQD_IRQ_INPROGRESS is set by a claim from a
 *    value without it, or by a slow path holding the lock that saw it
 *    clear; only its owner clears it, holding the lock.
 *  - Chip callbacks never overlap: this layer calls them holding the line
 *    lock, and the core takes the line lock too around the calls it makes
 *    itself (->irq_set_type, irq_set_chip(), activation:
 *    irqm_chip_calls_begin()). The chip is read under the lock before each
 *    call, so a chip change is seen by the next call.
 *  - disable_irq(), synchronize_irq(): the disabler sets IRQD_IRQ_DISABLED
 *    under the line lock, and dropping the lock clears IRQM_LINE_FAST. A
 *    claim comes before the disabler's lock in the word's order (then the
 *    disabler sees IRQD_IRQ_INPROGRESS and synchronize_irq() waits for it)
 *    or reads the disabler's release or a later value (then it sees no
 *    IRQM_LINE_FAST, which only an unlock that finds the line enabled
 *    again sets, takes the slow path and finds the line disabled). A
 *    waiter counts itself in h->sync_waiters under the lock, which keeps
 *    IRQM_LINE_FAST off until it leaves; so the runner's finish fails step
 *    3, takes desc->lock and wakes it there, and no wake-up is lost (the
 *    waiter tested IRQD_IRQ_INPROGRESS under desc->lock and sleeps on it).
 *    No Dekker-style store-fence-load is needed: both sides meet on the
 *    same word.
 *  - free_irq(): unchanged. The fast path runs inside the delivery's RCU
 *    read-side section, and free_irq() waits for a grace period.
 *  - Counters and the spurious detector are written under the line lock
 *    only, so plain loads and stores are enough (stats.c, spurious.c).
 * tests/handle/line.pml model-checks this protocol with spin;
 * tests/handle/test_fastpath.c races it under ThreadSanitizer.
 */
#include "handle.h"

/* The bits a claim and a finish look at. */
#define CLAIM_BITS (IRQM_LINE_LOCK | IRQM_LINE_FAST | IRQD_IRQ_INPROGRESS)

static unsigned int word(struct irqm_desc_handling *h)
{
	return atomic_load_explicit(&h->state, memory_order_relaxed);
}

/* Drop the line lock, also clearing @clear. Context: the lock is held. */
static void drop_lock(struct irqm_desc_handling *h, unsigned int clear)
{
	irqm_line_set_owner(h, 0);
	atomic_store_explicit(&h->state,
			      word(h) & ~(IRQM_LINE_LOCK | clear),
			      memory_order_release);
}

/*
 * Finish a run of the fast path the slow way: count it, feed the spurious
 * detector, clear IRQD_IRQ_INPROGRESS, wake synchronize_irq(), and make the
 * flow's chip calls (an edge replays what came in meanwhile).
 * Context: IRQD_IRQ_INPROGRESS owned; no lock held.
 */
static void finish_slow(struct irq_desc *desc, struct irqm_desc_handling *h,
			enum irqm_flow flow, irqreturn_t ret)
{
	irqm_line_lock(desc, h);
	irqm_stat_inc_locked(h, IRQM_STAT_COUNT);
	irqm_event_done_locked(desc, h, ret);
	irqm_flow_finish_locked(desc, h, flow);
	irqm_line_unlock(desc, h);
}

/**
 * irqm_fast_flow() - deliver an interrupt without desc->lock, if possible
 * @desc:	the line's descriptor
 * @h:		its handling state
 * @flow:	the flow handler calling
 *
 * Return: true if the interrupt was delivered (the handlers ran and the
 * chip was told), false if nothing was done and the caller must take its
 * locked path.
 * Context: inside RCU, from the flow handler; no lock held.
 */
bool irqm_fast_flow(struct irq_desc *desc, struct irqm_desc_handling *h,
		    enum irqm_flow flow)
{
	bool chip_first = flow == IRQM_FLOW_LEVEL || flow == IRQM_FLOW_EDGE;
	unsigned int v = word(h);
	irqreturn_t ret;

	if ((v & CLAIM_BITS) != IRQM_LINE_FAST ||
	    !atomic_compare_exchange_strong_explicit(&h->state, &v,
			v | IRQD_IRQ_INPROGRESS |
			(chip_first ? IRQM_LINE_LOCK : 0),
			memory_order_acquire, memory_order_relaxed))
		return false;
	if (chip_first) {
		irqm_line_set_owner(h, irqm_self());
		irqm_flow_start_locked(desc, h, flow);
		drop_lock(h, 0);
	}

	ret = irqm_run_actions(desc, h);

	v = word(h);
	if ((v & CLAIM_BITS) == (IRQM_LINE_FAST | IRQD_IRQ_INPROGRESS) &&
	    atomic_compare_exchange_strong_explicit(&h->state, &v,
						    v | IRQM_LINE_LOCK,
						    memory_order_acquire,
						    memory_order_relaxed)) {
		irqm_line_set_owner(h, irqm_self());
		if (irqm_note_handled_locked(h, ret)) {
			irqm_stat_run_locked(h, ret);
			irqm_flow_finish_locked(desc, h, flow);
			drop_lock(h, IRQD_IRQ_INPROGRESS);
			return true;
		}
		/* Keep IRQD_IRQ_INPROGRESS: finish_slow() clears it. */
		drop_lock(h, IRQM_LINE_FAST);
	}
	finish_slow(desc, h, flow, ret);
	return true;
}
