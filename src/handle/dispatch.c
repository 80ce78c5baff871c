// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * dispatch.c - delivering an interrupt: find the line without a lock, run
 * its flow handler, and (from the flow handler) walk its actions under RCU.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "handle.h"
#include "log.h"

/*
 * Run the flow handler of @desc; the caller is inside RCU. A line without
 * handling state has no chip, no flow handler and no handler: nothing to
 * tell and nobody to call, so its interrupt is counted and dropped, as
 * the kernel's handle_bad_irq() would.
 */
static int handle_desc(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = irqm_handling_of(desc);

	if (__builtin_expect(!h, 0)) {
		irqm_count_stateless(desc);
		return 0;
	}
	irqm_flow_of(desc, h)(desc);
	return 0;
}

/* Deliver again an interrupt kept pending (software resend). */
void irqm_resend(struct irq_desc *desc)
{
	struct irqm_desc_handling *h;

	irqm_rcu_read_lock();
	h = irqm_handling_of(desc);
	if (h) {
		/* counted atomically: the only counter written without a lock */
		irqm_stat_inc(h, IRQM_STAT_RESENT);
		irqm_flow_of(desc, h)(desc);
	}
	irqm_rcu_read_unlock();
}

/**
 * irqm_run_actions() - call every primary handler of @desc once
 * @desc:	the line's descriptor
 * @h:		its handling state
 *
 * Wakes the threads of the handlers that ask for it.
 * Return: the handlers' results or-ed together.
 * Context: inside the RCU read-side section of the delivery (every flow
 * handler runs in one: generic_handle_*(), irqm_resend()), which is what
 * free_irq() waits for; IRQD_IRQ_INPROGRESS owned; no lock held.
 */
irqreturn_t irqm_run_actions(struct irq_desc *desc,
			     struct irqm_desc_handling *h)
{
	struct irq_desc *outer = irqm_handler_desc;
	irqreturn_t retval = IRQ_NONE;
	struct irqaction *a;

#ifdef IRQMAP_DEBUG_LOCKS
	if (!irqm_rcu_read_ongoing()) {
		fprintf(stderr, "irqmap: irq %u: handlers run outside RCU\n",
			desc->irq_data.irq);
		abort();
	}
#endif
	irqm_handler_desc = desc;
	for (a = irqm_rcu_deref(h->action); a; a = irqm_rcu_deref(a->next)) {
		irqreturn_t res = a->handler((int)desc->irq_data.irq, a->dev_id);

		if (res == IRQ_WAKE_THREAD) {
			if (a->thread_fn)
				irqm_thread_wake(h, a);
			else if (!atomic_exchange(&a->warned, true))
				irqm_log(IRQMAP_LOG_WARN,
					 "virq %u: handler %s returned IRQ_WAKE_THREAD but has no thread function",
					 desc->irq_data.irq,
					 a->name ? a->name : "(unnamed)");
		}
		retval |= res;
	}
	irqm_handler_desc = outer;
	return retval;
}

/**
 * irqm_event_done_locked() - account a run of the handlers and end it
 * @desc:	the line's descriptor
 * @h:		its handling state
 * @ret:	what the handlers returned
 *
 * Counts the run handled or unhandled, feeds the spurious detector, clears
 * IRQD_IRQ_INPROGRESS and wakes synchronize_irq().
 * Context: irqm_line_lock() held, IRQD_IRQ_INPROGRESS owned.
 */
void irqm_event_done_locked(struct irq_desc *desc,
			    struct irqm_desc_handling *h, irqreturn_t ret)
{
	irqm_line_lockdep_assert_held(h);
	irqm_stat_inc_locked(h, ret == IRQ_NONE ? IRQM_STAT_UNHANDLED :
						  IRQM_STAT_HANDLED);
	irqm_note_interrupt_locked(desc, h, ret);
	irqm_state_clr(h, IRQD_IRQ_INPROGRESS);
	irqm_desc_wake_waiters_locked(desc, h);
}

/**
 * irqm_handle_irq_event_locked() - run the handlers of @desc once
 * @desc:	the line's descriptor
 * @h:		its handling state
 *
 * Context: called by a flow handler with irqm_line_lock() held and
 * IRQD_IRQ_INPROGRESS clear; the locks are dropped while the handlers run
 * and held again on return.
 */
void irqm_handle_irq_event_locked(struct irq_desc *desc,
				  struct irqm_desc_handling *h)
{
	irqreturn_t ret;

	irqm_line_lockdep_assert_held(h);
	h->istate &= ~IRQS_PENDING;
	irqm_state_set(h, IRQD_IRQ_INPROGRESS);
	irqm_line_unlock(desc, h);

	ret = irqm_run_actions(desc, h);

	irqm_line_lock(desc, h);
	irqm_event_done_locked(desc, h, ret);
}

/* irqmap_init() has run (the unlikely failure logs, out of line). */
static bool ready(const char *func)
{
	return __builtin_expect(atomic_load_explicit(&irqm.ready,
						     memory_order_acquire), 1) ||
	       irqm_check_ready(func);
}

int generic_handle_irq(unsigned int irq)
{
	struct irq_desc *desc;
	int ret;

	if (!ready(__func__))
		return -ENODEV;
	irqm_rcu_read_lock();
	desc = irq_to_desc(irq);
	if (!desc) {
		irqm_rcu_read_unlock();
		irqm_count_bad_virq(irq);
		return -EINVAL;
	}
	ret = handle_desc(desc);
	irqm_rcu_read_unlock();
	return ret;
}

int generic_handle_domain_irq(struct irq_domain *domain, irq_hw_number_t hwirq)
{
	struct irq_desc *desc;
	int ret;

	if (!ready(__func__))
		return -ENODEV;
	irqm_rcu_read_lock();
	if (!domain) {
		irqm_rcu_read_unlock();
		irqm_count_unmapped(NULL, hwirq);
		return -EINVAL;
	}
	desc = irq_resolve_mapping(domain, hwirq);
	if (!desc) {
		irqm_count_unmapped(domain, hwirq);
		irqm_rcu_read_unlock();
		return -EINVAL;
	}
	ret = handle_desc(desc);
	irqm_rcu_read_unlock();
	return ret;
}
