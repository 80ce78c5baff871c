// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * desc.c - the handling state hung on a descriptor: created on first use
 * without a lock, freed with the descriptor.
 */
#include <errno.h>

#include "alloc.h"
#include "handle.h"
#include "log.h"

/* The descriptor whose handlers the calling thread is running, if any. */
__thread struct irq_desc *irqm_handler_desc;

static struct irqm_desc_handling *handling_new(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = irqm_calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->desc = desc;
	irqm_mutex_init(&h->request_mutex, "irq_desc.request_mutex");
	pthread_cond_init(&h->wait, NULL);
	atomic_init(&h->action, NULL);
	atomic_init(&h->handle_irq, NULL);
	atomic_init(&h->handler_name, NULL);
	atomic_init(&h->chained, false);
	/* A line starts disabled and masked, as the kernel's descriptors. */
	atomic_init(&h->state, IRQD_IRQ_DISABLED | IRQD_IRQ_MASKED);
	atomic_init(&h->line_owner, 0);
	h->depth = 1;
	atomic_init(&h->threads_oneshot, 0);
	atomic_init(&h->threads_active, 0);
	for (unsigned int i = 0; i < IRQM_NR_CPU_CHUNKS; i++)
		atomic_init(&h->pcpu[i], NULL);
	return h;
}

static void handling_destroy(struct irqm_desc_handling *h)
{
	irqm_stats_free(h);
	pthread_cond_destroy(&h->wait);
	irqm_mutex_destroy(&h->request_mutex);
	irqm_free(h);
}

/*
 * The handling state of @desc, created when missing. The caller keeps
 * @desc alive (RCU, or a pinned mapping). Lock-free: two threads racing
 * here agree on one state through a compare-and-swap.
 */
struct irqm_desc_handling *irqm_handling_get(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = irqm_handling_of(desc);
	struct irqm_desc_handling *expected = NULL;

	if (h)
		return h;
	h = handling_new(desc);
	if (!h)
		return NULL;
	if (!__atomic_compare_exchange_n(&desc->handling, &expected, h, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		handling_destroy(h);
		return expected;
	}
	return h;
}

/*
 * The descriptor is being freed: after a grace period (no flow handler can
 * run on it) or at irqmap_exit(). Actions are left only when the mapping
 * went without free_irq() (library exit, legacy domain removal).
 */
void irqm_handling_release(struct irq_desc *desc)
{
	struct irqm_desc_handling *h = irqm_handling_of(desc);
	struct irqaction *a, *next;

	if (!h)
		return;
	for (a = atomic_load(&h->action); a; a = next) {
		next = atomic_load(&a->next);
		irqm_log(IRQMAP_LOG_WARN,
			 "virq %u: handler %s (dev_id %p) freed with its descriptor; free_irq() was not called",
			 desc->irq_data.irq, a->name ? a->name : "(unnamed)", a->dev_id);
		if (a->thread)
			irqm_thread_stop(a);
		irqm_free(a);
	}
	desc->handling = NULL;
	handling_destroy(h);
}

struct irq_desc *irqm_irqd_to_desc(struct irq_data *d)
{
	return caa_container_of(d->common, struct irq_desc, irq_common_data);
}

/*
 * Wake the threads waiting on the line's condition (line.c). Context:
 * irqm_line_lock() held, which includes desc->lock, the condition's mutex.
 */
void irqm_desc_wake_waiters_locked(struct irq_desc *desc,
				   struct irqm_desc_handling *h)
{
	irqm_lockdep_assert_held(irqm_desc_lock_of(desc));
	irqm_line_lockdep_assert_held(h);
	if (h->sync_waiters)
		pthread_cond_broadcast(&h->wait);
}

/* True for the 1st, 2nd, 4th, 8th... event counted in @counter. */
bool irqm_ratelimit(atomic_ulong *counter)
{
	unsigned long n = atomic_fetch_add_explicit(counter, 1,
						    memory_order_relaxed) + 1;

	return (n & (n - 1)) == 0;
}

struct irq_chip *irq_desc_get_chip(struct irq_desc *desc)
{
	return desc->irq_data.chip;
}

void *irq_desc_get_chip_data(struct irq_desc *desc)
{
	return desc->irq_data.chip_data;
}

void *irq_desc_get_handler_data(struct irq_desc *desc)
{
	return desc->irq_common_data.handler_data;
}
