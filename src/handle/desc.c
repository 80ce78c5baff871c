// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * desc.c - the handling state hung on a descriptor: created where a
 * failure can be returned, without a lock, and freed with the descriptor;
 * the disable depth of a line that has none.
 *
 * The descriptor's handling word holds either the address of the line's
 * struct irqm_desc_handling or, for a line that has none, the line's
 * disable depth shifted left by one with bit 0 set (the word 0 stands for
 * depth 1, the depth every line starts at). Such a line has no chip, no
 * flow handler and no handler: disable_irq() and enable_irq() only move
 * its depth, by compare-and-swap, and an interrupt on it is dropped as
 * the kernel's handle_bad_irq() would (dispatch.c). The handling state,
 * once created, starts from that depth.
 */
#include <errno.h>
#include <limits.h>

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

static bool word_is_state(uintptr_t v)
{
	return v && !(v & 1);
}

static unsigned int word_depth(uintptr_t v)
{
	return v ? (unsigned int)(v >> 1) : 1;
}

static uintptr_t depth_word(unsigned int depth)
{
	return depth == 1 ? 0 : ((uintptr_t)depth << 1) | 1;
}

static void set_common_started(struct irq_desc *desc, bool on)
{
	if (on)
		__atomic_fetch_or(&desc->irq_common_data.state_use_accessors,
				  IRQD_IRQ_STARTED, __ATOMIC_RELAXED);
	else
		__atomic_fetch_and(&desc->irq_common_data.state_use_accessors,
				   ~IRQD_IRQ_STARTED, __ATOMIC_RELAXED);
}

/* A new state takes over the depth a line kept in its handling word. */
static void take_depth(struct irqm_desc_handling *h, unsigned int depth)
{
	h->depth = depth;
	h->started = depth == 0;
	atomic_store_explicit(&h->state,
			      depth ? IRQD_IRQ_DISABLED | IRQD_IRQ_MASKED : 0,
			      memory_order_relaxed);
}

int irqm_handling_alloc(struct irq_desc *desc)
{
	uintptr_t v = atomic_load_explicit(&desc->handling,
					   memory_order_acquire);
	struct irqm_desc_handling *h;

	if (word_is_state(v))
		return 0;
	h = handling_new(desc);
	if (!h)
		return -ENOMEM;
	/*
	 * Release: whoever loads the address (acquire, irqm_handling_of())
	 * sees the state initialised. A failed exchange means a pristine
	 * disable or enable moved the depth meanwhile, or another thread
	 * published a state: take the new depth, or keep theirs.
	 */
	do {
		if (word_is_state(v)) {
			handling_destroy(h);
			return 0;
		}
		take_depth(h, word_depth(v));
	} while (!atomic_compare_exchange_weak_explicit(&desc->handling, &v,
							(uintptr_t)h,
							memory_order_acq_rel,
							memory_order_acquire));
	return 0;
}

/*
 * Move the depth kept in the handling word of a line without handling
 * state by @delta (+1 or -1), unless it would leave 0..UINT_MAX (*@refused
 * set). Returns the line's handling state instead when it has one. The
 * word carries no data another thread reads through it, so relaxed
 * ordering is enough for the exchange; acquire when it holds an address.
 */
static struct irqm_desc_handling *pristine_move(struct irq_desc *desc,
						int delta, unsigned int *from,
						bool *refused)
{
	uintptr_t v = atomic_load_explicit(&desc->handling,
					   memory_order_acquire);
	unsigned int depth;

	*refused = false;
	do {
		if (word_is_state(v))
			return (struct irqm_desc_handling *)v;
		depth = word_depth(v);
		if (delta > 0 ? depth == UINT_MAX : depth == 0) {
			*refused = true;
			return NULL;
		}
	} while (!atomic_compare_exchange_weak_explicit(&desc->handling, &v,
				depth_word(delta > 0 ? depth + 1 : depth - 1),
				memory_order_acquire, memory_order_acquire));
	*from = depth;
	return NULL;
}

/**
 * irqm_pristine_disable() - disable a line that may have no handling state
 * @desc:	the line's descriptor, kept alive by the caller
 * @overflow:	set when the depth is at its maximum (nothing changed)
 *
 * Return: the line's handling state, for the caller to disable the line
 * through it; NULL when the line had none and its depth was raised here.
 * Context: any; lock-free.
 */
struct irqm_desc_handling *irqm_pristine_disable(struct irq_desc *desc,
						 bool *overflow)
{
	unsigned int from;

	return pristine_move(desc, 1, &from, overflow);
}

/**
 * irqm_pristine_enable() - enable a line that may have no handling state
 * @desc:	the line's descriptor, kept alive by the caller
 * @unbalanced:	set when the line was not disabled (nothing changed)
 *
 * At depth 1 the kernel starts the line up; a line without a chip has
 * nothing to tell, so only its depth (0) and IRQD_IRQ_STARTED change.
 *
 * Return: the line's handling state, for the caller to enable the line
 * through it; NULL when the line had none and its depth was lowered here.
 * Context: any; lock-free.
 */
struct irqm_desc_handling *irqm_pristine_enable(struct irq_desc *desc,
						bool *unbalanced)
{
	struct irqm_desc_handling *h;
	unsigned int from = 0;

	h = pristine_move(desc, -1, &from, unbalanced);
	if (!h && !*unbalanced && from == 1)
		set_common_started(desc, true);
	return h;
}

/* The depth of a line without handling state (a snapshot); 0 with one. */
unsigned int irqm_pristine_depth(struct irq_desc *desc)
{
	uintptr_t v = atomic_load_explicit(&desc->handling,
					   memory_order_relaxed);

	return word_is_state(v) ? 0 : word_depth(v);
}

/* IRQD_IRQ_STARTED follows h->started. Context: the line lock held. */
void irqm_set_started_locked(struct irq_desc *desc,
			     struct irqm_desc_handling *h, bool on)
{
	irqm_line_lockdep_assert_held(h);
	h->started = on;
	set_common_started(desc, on);
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
	atomic_store_explicit(&desc->handling, 0, memory_order_relaxed);
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
