// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * spurious.c - interrupts nobody handled.
 *
 * Per line, as the kernel's note_interrupt(): every run of the handlers is
 * counted in windows of 100,000; when more than 99,900 of a window were
 * unhandled (unhandled runs more than 100 ms apart restart that count), the
 * line is reported with its handlers and disabled.
 *
 * Per domain: deliveries to a hwirq without a mapping, counted in the
 * domain itself (irq_domain_private.spurious), so the count lives and dies
 * with the domain.
 */
#include <errno.h>
#include <stdint.h>
#include <time.h>

#include "alloc.h"
#include "handle.h"
#include "log.h"

#define SPURIOUS_WINDOW		100000u
#define SPURIOUS_LIMIT		99900u
#define UNHANDLED_GAP_NS	(100ull * 1000 * 1000)

static atomic_ulong bogus_count;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* One line per handler of the line, for reports. Caller holds RCU. */
void irqm_log_handlers(struct irq_desc *desc, struct irqm_desc_handling *h,
		       int level)
{
	struct irqaction *a;
	char sym[160];

	for (a = irqm_rcu_deref(h->action); a; a = irqm_rcu_deref(a->next)) {
		irqm_symbolize((const void *)(uintptr_t)a->handler, sym,
			       sizeof(sym));
		irqm_log(level, "virq %u: handler \"%s\": %s (dev_id %p%s)",
			 desc->irq_data.irq, a->name ? a->name : "(unnamed)", sym,
			 a->dev_id, a->thread_fn ? ", threaded" : "");
	}
}

/**
 * irqm_note_handled_locked() - count a handled run, the fast path's way
 * @h:		the line's handling state
 * @ret:	what the handlers returned
 *
 * A handled run within a window only counts; everything else (a run
 * nobody handled, which needs the clock, a bogus value, the end of a
 * window, which may report and disable the line) is left to
 * irqm_note_interrupt_locked() under desc->lock.
 * Return: true if counted, false (nothing done) if the caller must call
 * irqm_note_interrupt_locked() with desc->lock held.
 * Context: the line lock held.
 */
bool irqm_note_handled_locked(struct irqm_desc_handling *h, irqreturn_t ret)
{
	irqm_line_lockdep_assert_held(h);
	if (ret == IRQ_NONE ||
	    ((unsigned int)ret & ~(unsigned int)(IRQ_HANDLED | IRQ_WAKE_THREAD)) ||
	    h->irq_count + 1 >= SPURIOUS_WINDOW)
		return false;
	h->irq_count++;
	return true;
}

/*
 * Account one run of the handlers, as the kernel's note_interrupt().
 * Context: irqm_line_lock() held (the report logs and may disable the line).
 */
void irqm_note_interrupt_locked(struct irq_desc *desc,
				struct irqm_desc_handling *h, irqreturn_t ret)
{
	irqm_lockdep_assert_held(irqm_desc_lock_of(desc));
	irqm_line_lockdep_assert_held(h);
	if ((unsigned int)ret & ~(unsigned int)(IRQ_HANDLED | IRQ_WAKE_THREAD)) {
		if (irqm_ratelimit(&bogus_count)) {
			irqm_log(IRQMAP_LOG_WARN,
				 "virq %u: a handler returned the bogus value 0x%x",
				 desc->irq_data.irq, (unsigned int)ret);
			irqm_log_handlers(desc, h, IRQMAP_LOG_WARN);
		}
		return;
	}
	if (ret == IRQ_NONE) {
		uint64_t now = now_ns();

		if (now - h->last_unhandled > UNHANDLED_GAP_NS)
			h->irqs_unhandled = 1;
		else
			h->irqs_unhandled++;
		h->last_unhandled = now;
	}
	if (++h->irq_count < SPURIOUS_WINDOW)
		return;
	h->irq_count = 0;
	if (h->irqs_unhandled > SPURIOUS_LIMIT) {
		irqm_log(IRQMAP_LOG_ERR,
			 "virq %u: nobody cared: %u of the last %u interrupts were not handled",
			 desc->irq_data.irq, h->irqs_unhandled, SPURIOUS_WINDOW);
		irqm_log_handlers(desc, h, IRQMAP_LOG_ERR);
		irqm_log(IRQMAP_LOG_ERR,
			 "virq %u: disabling the line (enable_irq() or a new shared handler enables it again)",
			 desc->irq_data.irq);
		irqm_state_set(h, IRQM_STATE_SPURIOUS_DISABLED);
		h->depth++;
		irqm_disable_locked(desc, h, false);
	}
	h->irqs_unhandled = 0;
}

static atomic_ulong bad_virq_count;	/* no descriptor, or NULL domain */

/*
 * Count one more in @counter: its new value, with *@report set for the
 * 1st, 2nd, 4th, 8th... (the ones worth a line in the log).
 */
static unsigned long count_one(atomic_ulong *counter, bool *report)
{
	unsigned long n = atomic_fetch_add_explicit(counter, 1,
						    memory_order_relaxed) + 1;

	*report = (n & (n - 1)) == 0;
	return n;
}

/* generic_handle_domain_irq() found no mapping; the caller holds RCU. */
void irqm_count_unmapped(struct irq_domain *domain, irq_hw_number_t hwirq)
{
	unsigned long n;

	if (!domain) {
		n = atomic_fetch_add_explicit(&bad_virq_count, 1,
					      memory_order_relaxed) + 1;
		if ((n & (n - 1)) == 0)
			irqm_log(IRQMAP_LOG_ERR,
				 "generic_handle_domain_irq: NULL domain (hwirq %lu; %lu such interrupts)",
				 hwirq, n);
		return;
	}
	n = atomic_fetch_add_explicit(&domain->priv->spurious, 1,
				      memory_order_relaxed) + 1;
	if ((n & (n - 1)) == 0)
		irqm_log(IRQMAP_LOG_WARN,
			 "generic_handle_domain_irq: domain %s: hwirq %lu is not mapped (%lu spurious interrupt%s on this domain)",
			 domain->name, hwirq, n, n == 1 ? "" : "s");
}

/* generic_handle_irq() on a virq without a descriptor. */
void irqm_count_bad_virq(unsigned int irq)
{
	unsigned long n = atomic_fetch_add_explicit(&bad_virq_count, 1,
						    memory_order_relaxed) + 1;

	if ((n & (n - 1)) == 0)
		irqm_log(IRQMAP_LOG_ERR,
			 "generic_handle_irq: virq %u is not allocated (%lu such interrupts)",
			 irq, n);
}

/*
 * An interrupt on a line with no chip, no flow handler and no handler
 * (no handling state): counted with its domain's spurious interrupts.
 */
void irqm_count_stateless(struct irq_desc *desc)
{
	struct irq_domain *domain = desc->irq_data.domain;
	unsigned long n;
	bool report;

	if (!domain) {
		irqm_count_bad_virq(desc->irq_data.irq);
		return;
	}
	n = count_one(&domain->priv->spurious, &report);
	if (report)
		irqm_log(IRQMAP_LOG_WARN,
			 "generic_handle_irq: virq %u (domain %s, hwirq %lu) has no chip and no handler; interrupt dropped (%lu spurious interrupt%s on this domain)",
			 desc->irq_data.irq, domain->name, desc->irq_data.hwirq,
			 n, n == 1 ? "" : "s");
}

unsigned long irqmap_domain_spurious(struct irq_domain *domain)
{
	if (!domain)
		return 0;
	return atomic_load_explicit(&domain->priv->spurious,
				    memory_order_relaxed);
}

int irqmap_show_spurious(FILE *f)
{
	struct irq_domain_private *p;

	if (!IRQM_READY())
		return -ENODEV;
	if (!f) {
		irqm_err("NULL stream");
		return -EINVAL;
	}
	irqm_rcu_read_lock();
	fprintf(f, "ERR: %lu\n", atomic_load(&bad_virq_count));
	irqm_for_each_domain(p) {
		unsigned long n = atomic_load(&p->spurious);

		if (n)
			fprintf(f, "domain %s: %lu\n", p->domain->name, n);
	}
	irqm_rcu_read_unlock();
	return 0;
}
