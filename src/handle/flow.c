// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * flow.c - flow handlers: what to tell the chip around the handlers of a
 * level, edge, fasteoi or simple line, and what to do with an interrupt
 * that cannot run now.
 *
 * Each takes the descriptor's lock for the chip calls and the state checks
 * only; irqm_handle_irq_event_locked() drops it while the handlers run,
 * with IRQD_IRQ_INPROGRESS set so that no other thread runs them at the
 * same time. Every interrupt is counted once: accepted (COUNT) or not run
 * now (DEFERRED); extra edge runs are REPLAYED.
 */
#include "handle.h"
#include "log.h"

static struct irq_chip *chip_of(struct irq_desc *desc)
{
	return desc->irq_data.chip ? desc->irq_data.chip : &no_irq_chip;
}

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
	return !has_action(h) || irqm_state_test(h, IRQD_IRQ_DISABLED);
}

/* Unmask after the handlers, unless disabled or a ONESHOT thread is due. */
static void cond_unmask_locked(struct irq_desc *desc,
			       struct irqm_desc_handling *h)
{
	if (!irqm_state_test(h, IRQD_IRQ_DISABLED) &&
	    irqm_state_test(h, IRQD_IRQ_MASKED) &&
	    !atomic_load_explicit(&h->threads_oneshot, memory_order_relaxed))
		irqm_unmask_locked(desc, h);
}

static struct irqm_desc_handling *flow_enter(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = irqm_handling_get(desc);

	if (h)
		irqm_desc_lock(desc);
	return h;
}

void handle_level_irq(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = flow_enter(desc);

	if (!h)
		return;
	irqm_mask_ack_locked(desc, h);
	if (!may_run(h)) {
		/* Running elsewhere: the line is level, it will assert again. */
		irqm_stat_inc(h, IRQM_STAT_DEFERRED);
		goto out;
	}
	h->istate &= ~(IRQS_REPLAY | IRQS_WAITING);
	if (cannot_run_locked(h)) {
		/* Disabled or nobody to call: keep it masked and pending. */
		h->istate |= IRQS_PENDING;
		irqm_stat_inc(h, IRQM_STAT_DEFERRED);
		goto out;
	}
	irqm_stat_inc(h, IRQM_STAT_COUNT);
	irqm_handle_irq_event_locked(desc, h);
	cond_unmask_locked(desc, h);
out:
	irqm_desc_unlock(desc);
}

void handle_edge_irq(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = flow_enter(desc);
	bool replay = false;

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
		irqm_stat_inc(h, IRQM_STAT_DEFERRED);
		goto out;
	}
	irqm_stat_inc(h, IRQM_STAT_COUNT);
	irqm_ack_locked(desc);
	do {
		if (!has_action(h)) {
			irqm_mask_locked(desc, h);
			goto out;
		}
		/* An edge came in meanwhile and masked the line: reopen it. */
		if ((h->istate & IRQS_PENDING) &&
		    !irqm_state_test(h, IRQD_IRQ_DISABLED) &&
		    irqm_state_test(h, IRQD_IRQ_MASKED))
			irqm_unmask_locked(desc, h);
		if (replay)
			irqm_stat_inc(h, IRQM_STAT_REPLAYED);
		replay = true;
		irqm_handle_irq_event_locked(desc, h);
	} while ((h->istate & IRQS_PENDING) &&
		 !irqm_state_test(h, IRQD_IRQ_DISABLED));
out:
	irqm_desc_unlock(desc);
}

static void cond_unmask_eoi_locked(struct irq_desc *desc,
				   struct irqm_desc_handling *h)
{
	struct irq_chip *chip = chip_of(desc);

	if (!(h->istate & IRQS_ONESHOT)) {
		irqm_eoi_locked(desc);
		return;
	}
	/* ONESHOT: the line stays masked until every due thread is done. */
	if (!irqm_state_test(h, IRQD_IRQ_DISABLED) &&
	    irqm_state_test(h, IRQD_IRQ_MASKED) &&
	    !atomic_load_explicit(&h->threads_oneshot, memory_order_relaxed)) {
		irqm_eoi_locked(desc);
		irqm_unmask_locked(desc, h);
	} else if (!(chip->flags & IRQCHIP_EOI_THREADED)) {
		irqm_eoi_locked(desc);
	}
}

void handle_fasteoi_irq(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = flow_enter(desc);

	if (!h)
		return;
	if (!may_run(h)) {
		irqm_stat_inc(h, IRQM_STAT_DEFERRED);
		goto out;
	}
	h->istate &= ~(IRQS_REPLAY | IRQS_WAITING);
	if (cannot_run_locked(h)) {
		h->istate |= IRQS_PENDING;
		irqm_mask_locked(desc, h);
		irqm_stat_inc(h, IRQM_STAT_DEFERRED);
		goto out;
	}
	irqm_stat_inc(h, IRQM_STAT_COUNT);
	if (h->istate & IRQS_ONESHOT)
		irqm_mask_locked(desc, h);
	irqm_handle_irq_event_locked(desc, h);
	cond_unmask_eoi_locked(desc, h);
	irqm_desc_unlock(desc);
	return;
out:
	if (!(chip_of(desc)->flags & IRQCHIP_EOI_IF_HANDLED))
		irqm_eoi_locked(desc);
	irqm_desc_unlock(desc);
}

void handle_simple_irq(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = flow_enter(desc);

	if (!h)
		return;
	if (!may_run(h)) {
		irqm_stat_inc(h, IRQM_STAT_DEFERRED);
		goto out;
	}
	h->istate &= ~(IRQS_REPLAY | IRQS_WAITING);
	if (cannot_run_locked(h)) {
		h->istate |= IRQS_PENDING;
		irqm_stat_inc(h, IRQM_STAT_DEFERRED);
		goto out;
	}
	irqm_stat_inc(h, IRQM_STAT_COUNT);
	irqm_handle_irq_event_locked(desc, h);
out:
	irqm_desc_unlock(desc);
}

void handle_bad_irq(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = flow_enter(desc);
	bool report;

	if (!h)
		return;
	irqm_stat_inc(h, IRQM_STAT_COUNT);
	irqm_stat_inc(h, IRQM_STAT_UNHANDLED);
	report = !(h->istate & IRQS_BAD_REPORTED);
	h->istate |= IRQS_BAD_REPORTED;
	irqm_desc_unlock(desc);
	if (report)
		irqm_log(IRQMAP_LOG_WARN,
			 "handle_bad_irq: virq %u fired but has no flow handler (further ones are counted silently)",
			 desc->irq_data.irq);
}
