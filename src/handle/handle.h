/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * handle.h - private structures of interrupt handling.
 *
 * A descriptor gets a struct irqm_desc_handling where a failure can still
 * be returned: before its domain's ->map or ->alloc runs, when it gets a
 * chip (irq_set_chip()), a flow handler (irq_set_handler() and friends),
 * a chained handler or a handler (request_irq()). It lives until the
 * descriptor is freed (irqm_handling_release). Calls that return nothing
 * (disable_irq(), enable_irq(), delivery) never allocate: a line without
 * a handling state has no chip, no flow handler and no handler, and keeps
 * its disable depth in the descriptor's handling word (desc.c).
 *
 * Locks, outermost first:
 *  - h->request_mutex: request_irq/free_irq of one line. Never held while
 *    waiting for a grace period, so it may be taken inside RCU.
 *  - a root domain's mutex: taken alone, only to pin a mapping.
 *  - desc->lock (irqm_desc_lock()): taken first by every slow path of the
 *    handling layer, and by the core around ->irq_set_type and activation.
 *  - the line lock (IRQM_LINE_LOCK in h->state, line.c): the flow state
 *    (depth, istate, spurious accounting, statistics, threads_oneshot
 *    decisions), chip calls, list changes. Slow paths take it inside
 *    desc->lock (irqm_line_lock()), and so does the core around the chip
 *    calls it makes itself (irqm_chip_calls_begin()); the fast path
 *    (fastpath.c) takes it alone, for its chip calls only. Never held
 *    while handlers run.
 *    "*_locked" in this layer means: the line lock is held.
 *  - thread->lock: one action thread's wake-up state.
 * Readers of the action list hold RCU only.
 */
#ifndef IRQM_HANDLE_H
#define IRQM_HANDLE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <irqmap/interrupt.h>

#include "core.h"

/* h->istate bits, under desc->lock (kernel values where the kernel has one) */
#define IRQS_ONESHOT		0x00000020u
#define IRQS_REPLAY		0x00000040u
#define IRQS_WAITING		0x00000080u
#define IRQS_PENDING		0x00000200u
#define IRQS_BAD_REPORTED	0x00010000u	/* handle_bad_irq logged once */

/* h->state bit of our own, next to IRQD_IRQ_*: disabled by note_interrupt */
#define IRQM_STATE_SPURIOUS_DISABLED	(1u << 30)
/* h->state bits of the line word (line.c): the line lock, and "fast path on" */
#define IRQM_LINE_LOCK			(1u << 28)
#define IRQM_LINE_FAST			(1u << 29)

/* One action's thread. */
struct irqm_irq_thread {
	pthread_t tid;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool run;		/* woken: thread_fn is due */
	bool stop;		/* free_irq: leave after a due run */
	struct irqaction *action;
	struct irq_desc *desc;
};

/* One requested handler; immutable once published, except ->next. */
struct irqaction {
	irq_handler_t handler;
	irq_handler_t thread_fn;
	void *dev_id;
	const char *name;
	unsigned long flags;
	unsigned int irq;
	unsigned long thread_mask;	/* its bit in threads_oneshot, or 0 */
	struct irqm_irq_thread *thread;
	_Atomic(struct irqaction *) next;
	atomic_bool warned;		/* IRQ_WAKE_THREAD without thread_fn */
};

/* Counters of one line on one CPU; one cache line, written by that CPU. */
enum irqm_stat_item {
	IRQM_STAT_COUNT,
	IRQM_STAT_HANDLED,
	IRQM_STAT_UNHANDLED,
	IRQM_STAT_DEFERRED,
	IRQM_STAT_REPLAYED,
	IRQM_STAT_RESENT,
	IRQM_NR_STATS,
};

#define IRQM_CACHELINE 64

struct irqm_cpu_stat {
	atomic_ulong v[IRQM_NR_STATS];
	char pad[IRQM_CACHELINE - IRQM_NR_STATS * sizeof(atomic_ulong)];
};

#define IRQM_CPUS_PER_CHUNK	16u
#define IRQM_NR_CPU_CHUNKS	(IRQMAP_NR_CPUS_MAX / IRQM_CPUS_PER_CHUNK)

/* A chunk of CPUs, allocated on the first interrupt one of them counts. */
struct irqm_cpu_chunk {
	struct irqm_cpu_stat cpu[IRQM_CPUS_PER_CHUNK];
	void *raw;			/* what to free (the chunk is aligned) */
};

struct irqm_desc_handling {
	struct irq_desc *desc;
	/*
	 * Handlers requested: they pin the mapping (manage.c). Raised under
	 * the root domain's mutex, read by the domain layer under it.
	 */
	atomic_uint nr_actions;
	struct irqm_mutex request_mutex;
	pthread_cond_t wait;		/* with desc->lock: sync, finalize */

	/* RCU list in registration order; changed under both locks */
	_Atomic(struct irqaction *) action;
	_Atomic(irq_flow_handler_t) handle_irq;	/* NULL: by trigger type */
	_Atomic(const char *) handler_name;
	atomic_bool chained;

	/*
	 * The line word: IRQD_IRQ_* bits and IRQM_LINE_*. Written by the
	 * holder of the line lock, or by a compare-and-swap that takes the
	 * lock or claims IRQD_IRQ_INPROGRESS (line.c); read anywhere.
	 */
	atomic_uint state;
	atomic_uintptr_t line_owner;	/* debug builds: the line lock's holder */

	/* under the line lock */
	unsigned int depth;
	unsigned int istate;
	bool started;			/* between start-up and shut-down */
	unsigned int sync_waiters;
	unsigned int irq_count;		/* runs in the current window */
	unsigned int irqs_unhandled;	/* unhandled runs in the window */
	uint64_t last_unhandled;	/* ns, CLOCK_MONOTONIC */

	/* ONESHOT threads still due, one bit per action */
	atomic_ulong threads_oneshot;
	/* threads woken and not finished */
	atomic_uint threads_active;
	/* under request_mutex */
	unsigned long thread_mask_used;

	_Atomic(struct irqm_cpu_chunk *) pcpu[IRQM_NR_CPU_CHUNKS];
	struct irqm_cpu_stat spill;	/* when a chunk cannot be allocated */
};

/* desc.c */
struct irqm_desc_handling *irqm_pristine_disable(struct irq_desc *desc,
						 bool *overflow);
struct irqm_desc_handling *irqm_pristine_enable(struct irq_desc *desc,
						bool *unbalanced);
unsigned int irqm_pristine_depth(struct irq_desc *desc);
void irqm_set_started_locked(struct irq_desc *desc,
			     struct irqm_desc_handling *h, bool on);
struct irq_desc *irqm_irqd_to_desc(struct irq_data *d);
void irqm_desc_wake_waiters_locked(struct irq_desc *desc,
				   struct irqm_desc_handling *h);
bool irqm_ratelimit(atomic_ulong *counter);
extern __thread struct irq_desc *irqm_handler_desc;

/*
 * The handling state of @desc, or NULL for a line that has none (its
 * handling word holds a tagged disable depth, desc.c). Acquire: pairs
 * with the release that published the state, so its initialisation is
 * seen.
 */
static inline struct irqm_desc_handling *irqm_handling_of(struct irq_desc *desc)
{
	uintptr_t v = atomic_load_explicit(&desc->handling,
					   memory_order_acquire);

	return v & 1 ? NULL : (struct irqm_desc_handling *)v;
}

/* line.c: the line lock */
void irqm_line_lock(struct irq_desc *desc, struct irqm_desc_handling *h);
void irqm_line_unlock(struct irq_desc *desc, struct irqm_desc_handling *h);
void irqm_line_cond_wait_locked(struct irq_desc *desc,
				struct irqm_desc_handling *h);

/* The chip of @desc, read without desc->lock (irq_set_chip() stores it). */
static inline struct irq_chip *irqm_chip_of(struct irq_desc *desc)
{
	struct irq_chip *chip = irqm_chip_ptr(&desc->irq_data);

	return chip ? chip : &no_irq_chip;
}


#ifdef IRQMAP_DEBUG_LOCKS
void irqm_line_assert_held(struct irqm_desc_handling *h, const char *func);
#define irqm_line_lockdep_assert_held(h) irqm_line_assert_held(h, __func__)
#define irqm_line_set_owner(h, v)					\
	atomic_store_explicit(&(h)->line_owner, (v), memory_order_relaxed)
#else
#define irqm_line_lockdep_assert_held(h) do { (void)(h); } while (0)
#define irqm_line_set_owner(h, v) do { (void)(h); } while (0)
#endif

/* chip.c: every *_locked function expects the line lock held */
void irqm_state_set(struct irqm_desc_handling *h, unsigned int bits);
void irqm_state_clr(struct irqm_desc_handling *h, unsigned int bits);
void irqm_mask_locked(struct irq_desc *desc, struct irqm_desc_handling *h);
void irqm_unmask_locked(struct irq_desc *desc, struct irqm_desc_handling *h);
void irqm_mask_ack_locked(struct irq_desc *desc,
			  struct irqm_desc_handling *h);
void irqm_ack_locked(struct irq_desc *desc, struct irqm_desc_handling *h);
void irqm_eoi_locked(struct irq_desc *desc, struct irqm_desc_handling *h);
void irqm_disable_locked(struct irq_desc *desc, struct irqm_desc_handling *h,
			 bool mask);
void irqm_enable_locked(struct irq_desc *desc, struct irqm_desc_handling *h);
bool irqm_startup_locked(struct irq_desc *desc, struct irqm_desc_handling *h);
void irqm_shutdown_locked(struct irq_desc *desc, struct irqm_desc_handling *h);
bool irqm_check_resend_locked(struct irq_desc *desc,
			      struct irqm_desc_handling *h);
void irqm_resend(struct irq_desc *desc);

/* The flow handler of a line: the one set, else the one its type needs. */
static inline irq_flow_handler_t irqm_flow_of(struct irq_desc *desc,
					      struct irqm_desc_handling *h)
{
	irq_flow_handler_t fn;
	unsigned int type;

	fn = atomic_load_explicit(&h->handle_irq, memory_order_acquire);
	if (fn)
		return fn;
	type = irqd_get_trigger_type(&desc->irq_data);
	if (type & IRQ_TYPE_EDGE_BOTH)
		return handle_edge_irq;
	if (type & IRQ_TYPE_LEVEL_MASK)
		return handle_level_irq;
	return handle_simple_irq;
}
const char *irqm_flow_name(struct irqm_desc_handling *h, struct irq_desc *desc);

/* Any of @bits set in the line word (a snapshot unless the lock is held). */
static inline bool irqm_state_test(struct irqm_desc_handling *h,
				   unsigned int bits)
{
	return atomic_load_explicit(&h->state, memory_order_relaxed) & bits;
}

/* flow.c: what each flow tells the chip, shared with the fast path */
enum irqm_flow {
	IRQM_FLOW_LEVEL,
	IRQM_FLOW_EDGE,
	IRQM_FLOW_FASTEOI,
	IRQM_FLOW_SIMPLE,
};
void irqm_flow_start_locked(struct irq_desc *desc, struct irqm_desc_handling *h,
			    enum irqm_flow flow);
void irqm_flow_finish_locked(struct irq_desc *desc,
			     struct irqm_desc_handling *h, enum irqm_flow flow);

/* fastpath.c */
bool irqm_fast_flow(struct irq_desc *desc, struct irqm_desc_handling *h,
		    enum irqm_flow flow);

/* dispatch.c */
irqreturn_t irqm_run_actions(struct irq_desc *desc,
			     struct irqm_desc_handling *h);
void irqm_handle_irq_event_locked(struct irq_desc *desc,
				  struct irqm_desc_handling *h);
void irqm_event_done_locked(struct irq_desc *desc,
			    struct irqm_desc_handling *h, irqreturn_t ret);

/* stats.c */
void irqm_stat_inc(struct irqm_desc_handling *h, enum irqm_stat_item item);
void irqm_stat_inc_locked(struct irqm_desc_handling *h,
			  enum irqm_stat_item item);
void irqm_stat_run_locked(struct irqm_desc_handling *h, irqreturn_t ret);
unsigned long irqm_stat_sum(struct irqm_desc_handling *h,
			    enum irqm_stat_item item);
void irqm_stats_free(struct irqm_desc_handling *h);

/* spurious.c */
void irqm_note_interrupt_locked(struct irq_desc *desc,
				struct irqm_desc_handling *h,
				irqreturn_t ret);
bool irqm_note_handled_locked(struct irqm_desc_handling *h, irqreturn_t ret);
void irqm_count_unmapped(struct irq_domain *domain, irq_hw_number_t hwirq);
void irqm_count_bad_virq(unsigned int irq);
void irqm_count_stateless(struct irq_desc *desc);
void irqm_log_handlers(struct irq_desc *desc, struct irqm_desc_handling *h,
		       int level);

/* thread.c */
int irqm_thread_create(struct irq_desc *desc, struct irqaction *action);
void irqm_thread_wake(struct irqm_desc_handling *h, struct irqaction *action);
void irqm_thread_stop(struct irqaction *action);
bool irqm_in_thread_of(struct irq_desc *desc);
bool irqm_in_own_thread(struct irqaction *action);

#endif
