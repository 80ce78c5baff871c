// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irq.c - a simulated device's interrupt: asserting it and handling it.
 *
 * 'raise ID N' makes the device assert its INTx line N times: N interrupts
 * pending on the device, N more asserted on the line, and the line handed
 * to the delivery threads. The device's handler, installed with
 * request_irq(IRQF_SHARED), claims one pending interrupt per call, as a
 * driver that reads and clears its status register; the handlers of the
 * other devices of a shared line find nothing pending and return IRQ_NONE.
 *
 * A device that lost its line (kernel semantics, --no-refcount) still
 * raises its pin, but nothing of it is installed any more: its interrupts
 * go to whatever the line has become, once each, and are counted as lost.
 */
#include "sim.h"

irqreturn_t irqm_sim_handler(int irq, void *dev_id)
{
	struct irqm_sim_dev *d = dev_id;
	long p = atomic_load(&d->pending);

	if ((unsigned int)irq != d->virq)
		atomic_fetch_add(&d->foreign, 1);
	while (p > 0) {
		if (atomic_compare_exchange_weak(&d->pending, &p, p - 1)) {
			atomic_fetch_sub(&d->line->asserted, 1);
			atomic_store(&d->line->last_progress,
				     irqm_sim_now_ns());
			atomic_fetch_add(&d->handled, 1);
			return IRQ_HANDLED;
		}
	}
	return IRQ_NONE;
}

int irqm_sim_raise(struct irqm_sim *s, struct irqm_sim_dev *d,
		   unsigned long count)
{
	struct irqm_sim_line *l = d->line;
	unsigned int kicks = count < s->opts->cpus ? (unsigned int)count :
						    s->opts->cpus;

	d->raised += count;
	s->raised += count;
	if (d->lost) {
		d->ghost += count;
		s->ghost += count;
		irqm_sim_cpus_kick(s, l, count > 64 ? 64 : (unsigned int)count,
				   true);
		return 0;
	}
	/* The line first: a handler never claims more than it shows. */
	atomic_store(&l->last_progress, irqm_sim_now_ns());
	atomic_store(&l->stuck, false);
	atomic_fetch_add(&l->asserted, (long)count);
	atomic_fetch_add(&d->pending, (long)count);
	irqm_sim_cpus_kick(s, l, kicks, false);
	return 0;
}

/*
 * The device stops asserting its line: unplugged, or its handler taken
 * away. Only once free_irq() has returned, so that no handler can claim
 * one of these meanwhile.
 */
void irqm_sim_drop_pending(struct irqm_sim *s, struct irqm_sim_dev *d)
{
	long p = atomic_exchange(&d->pending, 0);

	if (p <= 0 || !d->line)
		return;
	atomic_fetch_sub(&d->line->asserted, p);
	d->dropped += (unsigned long)p;
	s->dropped += (unsigned long)p;
}
