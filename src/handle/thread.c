// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * thread.c - threaded handlers: one thread per action that has a
 * thread_fn, woken when the primary handler returns IRQ_WAKE_THREAD.
 *
 * A wake-up that finds the thread already due does nothing (it runs once
 * for both). ONESHOT actions own a bit of threads_oneshot from the wake-up
 * until the thread has run; the line is unmasked when the last bit goes.
 * A thread told to stop still makes a run that was due.
 */
#include <errno.h>
#include <stdio.h>

#include "alloc.h"
#include "handle.h"
#include "log.h"

/* The thread of the action the calling thread runs, if any. */
static __thread struct irqm_irq_thread *this_thread;

bool irqm_in_thread_of(struct irq_desc *desc)
{
	return this_thread && this_thread->desc == desc;
}

bool irqm_in_own_thread(struct irqaction *action)
{
	return this_thread && this_thread == action->thread;
}

/*
 * After a run: release the ONESHOT bit (once the primary handlers are done
 * with the line, and unless a new wake-up made the thread due again),
 * unmask the line when it was the last, and let synchronize_irq() go.
 */
static void thread_done(struct irqm_irq_thread *t)
{
	struct irq_desc *desc = t->desc;
	struct irqm_desc_handling *h = irqm_handling_of(desc);
	struct irqaction *a = t->action;

	irqm_line_lock(desc, h);
	if (a->thread_mask) {
		h->sync_waiters++;
		while (irqm_state_test(h, IRQD_IRQ_INPROGRESS))
			irqm_line_cond_wait_locked(desc, h);
		h->sync_waiters--;
		pthread_mutex_lock(&t->lock);
		if (!t->run) {
			unsigned long left;

			left = atomic_fetch_and(&h->threads_oneshot,
						~a->thread_mask) &
			       ~a->thread_mask;
			if (!left && !irqm_state_test(h, IRQD_IRQ_DISABLED) &&
			    irqm_state_test(h, IRQD_IRQ_MASKED)) {
				if (irqm_chip_of(desc)->flags & IRQCHIP_EOI_THREADED)
					irqm_eoi_locked(desc, h);
				irqm_unmask_locked(desc, h);
			}
		}
		pthread_mutex_unlock(&t->lock);
	}
	if (atomic_fetch_sub(&h->threads_active, 1) == 1)
		irqm_desc_wake_waiters_locked(desc, h);
	irqm_line_unlock(desc, h);
}

static void *irq_thread(void *arg)
{
	struct irqm_irq_thread *t = arg;
	struct irqaction *a = t->action;

	this_thread = t;
	for (;;) {
		pthread_mutex_lock(&t->lock);
		while (!t->run && !t->stop)
			pthread_cond_wait(&t->cond, &t->lock);
		if (!t->run) {
			pthread_mutex_unlock(&t->lock);
			break;
		}
		t->run = false;
		pthread_mutex_unlock(&t->lock);
		a->thread_fn((int)a->irq, a->dev_id);
		thread_done(t);
	}
	return NULL;
}

int irqm_thread_create(struct irq_desc *desc, struct irqaction *action)
{
	struct irqm_irq_thread *t = irqm_calloc(1, sizeof(*t));
	char name[16];
	int ret;

	if (!t)
		return -ENOMEM;
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->cond, NULL);
	t->action = action;
	t->desc = desc;
	action->thread = t;
	ret = pthread_create(&t->tid, NULL, irq_thread, t);
	if (ret) {
		action->thread = NULL;
		pthread_cond_destroy(&t->cond);
		pthread_mutex_destroy(&t->lock);
		irqm_free(t);
		return ret == EAGAIN ? -EAGAIN : -ret;
	}
	snprintf(name, sizeof(name), "irq/%u-%s", action->irq,
		 action->name ? action->name : "");
	pthread_setname_np(t->tid, name);
	return 0;
}

/* From a primary handler's run (the line is IRQD_IRQ_INPROGRESS). */
void irqm_thread_wake(struct irqm_desc_handling *h, struct irqaction *action)
{
	struct irqm_irq_thread *t = action->thread;

	pthread_mutex_lock(&t->lock);
	if (!t->run) {
		t->run = true;
		if (action->thread_mask)
			atomic_fetch_or(&h->threads_oneshot,
					action->thread_mask);
		atomic_fetch_add(&h->threads_active, 1);
		pthread_cond_signal(&t->cond);
	}
	pthread_mutex_unlock(&t->lock);
}

/* Stop and join the thread of an action no primary handler can wake. */
void irqm_thread_stop(struct irqaction *action)
{
	struct irqm_irq_thread *t = action->thread;

	pthread_mutex_lock(&t->lock);
	t->stop = true;
	pthread_cond_signal(&t->cond);
	pthread_mutex_unlock(&t->lock);
	pthread_join(t->tid, NULL);
	pthread_cond_destroy(&t->cond);
	pthread_mutex_destroy(&t->lock);
	irqm_free(t);
	action->thread = NULL;
}
