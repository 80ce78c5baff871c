// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * flow.c - flow handlers: what to tell the chip around the handlers of a
 * level, edge, fasteoi or simple line, and what to do with an interrupt
 * that cannot run now.
 *
 * Each first offers the interrupt to the lock-free path (fastpath.c), which
 * takes the line in its common state. Otherwise it takes the line lock
 * (irqm_line_lock(): desc->lock, then the line word's lock) for the chip
 * calls and the state checks only; irqm_handle_irq_event_locked() drops it
 * while the handlers run, with IRQD_IRQ_INPROGRESS set so that no other
 * thread runs them at the same time. Every interrupt is counted once:
 * accepted (COUNT) or not run now (DEFERRED); extra edge runs are REPLAYED.
 */
#include "handle.h"
#include "log.h"

static bool may_run(struct irqm_desc_handling *h)
{
	return !irqm_state_test(h, IRQD_IRQ_INPROGRESS);
}

static bool has_action(struct irqm_desc_handling *h)
{
	return atomic_load_explicit(&h->action, memory_order_acquire) != NULL;
}

static bool cannot_run_locked(struct irqm_desc_handling *h)
{
	irqm_line_lockdep_assert_held(h);
	return !has_action(h) || irqm_state_test(h, IRQD_IRQ_DISABLED);
}

/* Masked, and may be unmasked: not disabled, no ONESHOT thread due. */
static bool may_unmask_locked(struct irqm_desc_handling *h)
{
	irqm_line_lockdep_assert_held(h);
	return !irqm_state_test(h, IRQD_IRQ_DISABLED) &&
	       irqm_state_test(h, IRQD_IRQ_MASKED) &&
	       !atomic_load_explicit(&h->threads_oneshot, memory_order_relaxed);
}

/* Unmask after the handlers, unless disabled or a ONESHOT thread is due. */
static void cond_unmask_locked(struct irq_desc *desc,
			       struct irqm_desc_handling *h)
{
	irqm_line_lockdep_assert_held(h);
	if (may_unmask_locked(h))
		irqm_unmask_locked(desc, h);
}

static void cond_unmask_eoi_locked(struct irq_desc *desc,
				   struct irqm_desc_handling *h)
{
	struct irq_chip *chip = irqm_chip_of(desc);

	irqm_line_lockdep_assert_held(h);
	if (!(h->istate & IRQS_ONESHOT)) {
		irqm_eoi_locked(desc, h);
		return;
	}
	/* ONESHOT: the line stays masked until every due thread is done. */
	if (may_unmask_locked(h)) {
		irqm_eoi_locked(desc, h);
		irqm_unmask_locked(desc, h);
	} else if (!(chip->flags & IRQCHIP_EOI_THREADED)) {
		irqm_eoi_locked(desc, h);
	}
}

/*
 * Run the handlers of an edge line, then again for every edge that came in
 * meanwhile (kept pending and masked by the deliveries that found the line
 * busy), reopening the line each time. @replay: the first run is one too.
 * Context: the line lock held (with desc->lock: it is dropped meanwhile).
 */
static void edge_run_locked(struct irq_desc *desc,
			    struct irqm_desc_handling *h, bool replay)
{
	irqm_line_lockdep_assert_held(h);
	do {
		if (!has_action(h)) {
			irqm_mask_locked(desc, h);
			return;
		}
		/* An edge came in meanwhile and masked the line: reopen it. */
		if ((h->istate & IRQS_PENDING) &&
		    !irqm_state_test(h, IRQD_IRQ_DISABLED) &&
		    irqm_state_test(h, IRQD_IRQ_MASKED))
			irqm_unmask_locked(desc, h);
		if (replay)
			irqm_stat_inc_locked(h, IRQM_STAT_REPLAYED);
		replay = true;
		irqm_handle_irq_event_locked(desc, h);
	} while ((h->istate & IRQS_PENDING) &&
		 !irqm_state_test(h, IRQD_IRQ_DISABLED));
}

/**
 * irqm_flow_start_locked() - the chip calls of @flow before the handlers
 * @desc:	the line's descriptor
 * @h:		its handling state
 * @flow:	the flow
 *
 * For the fast path, on a line in its common state: level masks and acks,
 * edge acks, fasteoi and simple say nothing.
 * Context: the line lock held.
 */
void irqm_flow_start_locked(struct irq_desc *desc, struct irqm_desc_handling *h,
			    enum irqm_flow flow)
{
	irqm_line_lockdep_assert_held(h);
	if (flow == IRQM_FLOW_LEVEL)
		irqm_mask_ack_locked(desc, h);
	else if (flow == IRQM_FLOW_EDGE)
		irqm_ack_locked(desc, h);
}

/**
 * irqm_flow_finish_locked() - the chip calls of @flow after the handlers
 * @desc:	the line's descriptor
 * @h:		its handling state
 * @flow:	the flow
 *
 * Level unmasks (unless disabled or a ONESHOT thread is due), fasteoi
 * sends the eoi (and unmasks when its ONESHOT threads are done), an edge
 * replays the edges kept pending meanwhile; simple does nothing.
 * Context: the line lock held, IRQD_IRQ_INPROGRESS cleared or owned. Only
 * an edge with an interrupt pending drops the lock, which needs desc->lock;
 * the fast path never has one pending.
 */
void irqm_flow_finish_locked(struct irq_desc *desc,
			     struct irqm_desc_handling *h, enum irqm_flow flow)
{
	irqm_line_lockdep_assert_held(h);
	switch (flow) {
	case IRQM_FLOW_LEVEL:
		cond_unmask_locked(desc, h);
		break;
	case IRQM_FLOW_EDGE:
		if ((h->istate & IRQS_PENDING) &&
		    !irqm_state_test(h, IRQD_IRQ_DISABLED))
			edge_run_locked(desc, h, true);
		break;
	case IRQM_FLOW_FASTEOI:
		cond_unmask_eoi_locked(desc, h);
		break;
	case IRQM_FLOW_SIMPLE:
		break;
	}
}

/*
 * The line's handling state with the line lock held; NULL for a line that
 * has none (no chip, no handler), whose interrupt is dropped here.
 */
static struct irqm_desc_handling *flow_enter(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = irqm_handling_of(desc);

	if (h)
		irqm_line_lock(desc, h);
	else
		irqm_count_stateless(desc);
	return h;
}

/*
 * Start a delivery: the lock-free path first, else the locked one. The
 * line's handling state with the line lock held, or NULL when the
 * lock-free path delivered the interrupt (or the line has no state).
 */
static struct irqm_desc_handling *flow_begin(struct irq_desc *desc,
					     enum irqm_flow flow)
{
	struct irqm_desc_handling *h = irqm_handling_of(desc);

	if (h && irqm_fast_flow(desc, h, flow))
		return NULL;
	return flow_enter(desc);
}

void handle_level_irq(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = flow_begin(desc, IRQM_FLOW_LEVEL);

	if (!h)
		return;
	irqm_mask_ack_locked(desc, h);
	if (!may_run(h)) {
		/* Running elsewhere: the line is level, it will assert again. */
		irqm_stat_inc_locked(h, IRQM_STAT_DEFERRED);
		goto out;
	}
	h->istate &= ~(IRQS_REPLAY | IRQS_WAITING);
	if (cannot_run_locked(h)) {
		/* Disabled or nobody to call: keep it masked and pending. */
		h->istate |= IRQS_PENDING;
		irqm_stat_inc_locked(h, IRQM_STAT_DEFERRED);
		goto out;
	}
	irqm_stat_inc_locked(h, IRQM_STAT_COUNT);
	irqm_handle_irq_event_locked(desc, h);
	cond_unmask_locked(desc, h);
out:
	irqm_line_unlock(desc, h);
}

void handle_edge_irq(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = flow_begin(desc, IRQM_FLOW_EDGE);

	if (!h)
		return;
	h->istate &= ~(IRQS_REPLAY | IRQS_WAITING);
	if (!may_run(h) || cannot_run_locked(h)) {
		/*
		 * Running elsewhere, disabled or without handlers: remember
		 * the edge and mask the line until it is dealt with.
		 */
		h->istate |= IRQS_PENDING;
		irqm_mask_ack_locked(desc, h);
		irqm_stat_inc_locked(h, IRQM_STAT_DEFERRED);
		goto out;
	}
	irqm_stat_inc_locked(h, IRQM_STAT_COUNT);
	irqm_ack_locked(desc, h);
	edge_run_locked(desc, h, false);
out:
	irqm_line_unlock(desc, h);
}

void handle_fasteoi_irq(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = flow_begin(desc, IRQM_FLOW_FASTEOI);

	if (!h)
		return;
	if (!may_run(h)) {
		irqm_stat_inc_locked(h, IRQM_STAT_DEFERRED);
		goto out;
	}
	h->istate &= ~(IRQS_REPLAY | IRQS_WAITING);
	if (cannot_run_locked(h)) {
		h->istate |= IRQS_PENDING;
		irqm_mask_locked(desc, h);
		irqm_stat_inc_locked(h, IRQM_STAT_DEFERRED);
		goto out;
	}
	irqm_stat_inc_locked(h, IRQM_STAT_COUNT);
	if (h->istate & IRQS_ONESHOT)
		irqm_mask_locked(desc, h);
	irqm_handle_irq_event_locked(desc, h);
	cond_unmask_eoi_locked(desc, h);
	irqm_line_unlock(desc, h);
	return;
out:
	if (!(irqm_chip_of(desc)->flags & IRQCHIP_EOI_IF_HANDLED))
		irqm_eoi_locked(desc, h);
	irqm_line_unlock(desc, h);
}

void handle_simple_irq(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = flow_begin(desc, IRQM_FLOW_SIMPLE);

	if (!h)
		return;
	if (!may_run(h)) {
		irqm_stat_inc_locked(h, IRQM_STAT_DEFERRED);
		goto out;
	}
	h->istate &= ~(IRQS_REPLAY | IRQS_WAITING);
	if (cannot_run_locked(h)) {
		h->istate |= IRQS_PENDING;
		irqm_stat_inc_locked(h, IRQM_STAT_DEFERRED);
		goto out;
	}
	irqm_stat_inc_locked(h, IRQM_STAT_COUNT);
	irqm_handle_irq_event_locked(desc, h);
out:
	irqm_line_unlock(desc, h);
}

void handle_bad_irq(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = flow_enter(desc);
	bool report;

	if (!h)
		return;
	irqm_stat_inc_locked(h, IRQM_STAT_COUNT);
	irqm_stat_inc_locked(h, IRQM_STAT_UNHANDLED);
	report = !(h->istate & IRQS_BAD_REPORTED);
	h->istate |= IRQS_BAD_REPORTED;
	irqm_line_unlock(desc, h);
	if (report)
		irqm_log(IRQMAP_LOG_WARN,
			 "handle_bad_irq: virq %u fired but has no flow handler (further ones are counted silently)",
			 desc->irq_data.irq);
}
