// SPDX-License-Identifier: LGPL-2.1-or-later
/* rcu.c - RCU entry points of the library, and the public read lock. */
#if defined(IRQMAP_UBSAN) || defined(IRQMAP_TSAN) || defined(__clang_analyzer__)
/* Call liburcu's exported read-side functions instead of its inline ones. */
#undef _LGPL_SOURCE
#endif
#include <irqmap/rcu.h>

#include <stdatomic.h>

#include "alloc.h"
#include "rcu.h"

#ifdef IRQMAP_TSAN
char irqm_rcu_token;
#endif

#if defined(IRQMAP_UBSAN) || defined(IRQMAP_TSAN) || defined(__clang_analyzer__)
void irqm_rcu_read_lock(void)
{
	urcu_bp_read_lock();
}

void irqm_rcu_read_unlock(void)
{
	irqm_tsan_release(&irqm_rcu_token);
	urcu_bp_read_unlock();
}

int irqm_rcu_read_ongoing(void)
{
	return urcu_bp_read_ongoing();
}
#endif

void irqm_synchronize_rcu(void)
{
	urcu_bp_synchronize_rcu();
	irqm_tsan_acquire(&irqm_rcu_token);
}

/*
 * Deferred frees are batched before they reach liburcu. Every object the
 * library retires goes on one list; only when IRQM_RCU_BATCH of them have
 * gathered does the list go to call_rcu(), as one callback. Two things
 * follow. Churn costs one call_rcu() per batch, not per object. And a
 * short-lived program (irqmap routes on one tree) never wakes liburcu's
 * call_rcu thread, which sleeps 10 ms after every wake-up to gather more
 * work: irqm_rcu_barrier() then frees the list itself after one
 * synchronize_rcu(), without waiting on that thread at all.
 *
 * The list is a stack linked through each rcu_head's own next field
 * (liburcu's queue link, unused until call_rcu()), so retiring allocates
 * nothing and cannot fail. Pushing is a release CAS on the top and taking
 * the whole list an acquire exchange, so whoever takes it sees every
 * object as its retirer left it; an exchange has no ABA problem. C11
 * atomics rather than liburcu's lfstack, because ThreadSanitizer cannot
 * see the latter's inline-assembly atomics.
 */
#define IRQM_RCU_BATCH 256

static _Atomic(struct rcu_head *) retired;
static atomic_long nr_retired;
/* Set once anything went to liburcu: from then on a barrier waits for it. */
static atomic_bool handed_over;

struct rcu_batch {
	struct rcu_head rcu;
	struct rcu_head *list;
};

static struct rcu_head *link_of(struct rcu_head *head)
{
	struct cds_wfcq_node *n = head->next.next;

	return n ? caa_container_of(n, struct rcu_head, next) : NULL;
}

/* Run every callback of @list; a grace period has passed since it was taken. */
static void run_list(struct rcu_head *list)
{
	while (list) {
		struct rcu_head *next = link_of(list);

		list->func(list);
		list = next;
	}
}

static void batch_cb(struct rcu_head *head)
{
	struct rcu_batch *b = caa_container_of(head, struct rcu_batch, rcu);

	IRQM_RCU_CALLBACK_ENTER();
	run_list(b->list);
	irqm_free(b);
}

static struct rcu_head *take_all(void)
{
	struct rcu_head *list = atomic_exchange_explicit(&retired, NULL,
							 memory_order_acquire);
	long n = 0;

	for (struct rcu_head *h = list; h; h = link_of(h))
		n++;
	atomic_fetch_sub_explicit(&nr_retired, n, memory_order_relaxed);
	return list;
}

/* The gathered list to liburcu; one by one if no batch can be allocated. */
static void hand_over(void)
{
	struct rcu_head *list = take_all();
	struct rcu_batch *b;

	if (!list)
		return;
	atomic_store(&handed_over, true);
	b = irqm_malloc(sizeof(*b));
	if (b) {
		b->list = list;
		urcu_bp_call_rcu(&b->rcu, batch_cb);
		return;
	}
	while (list) {
		struct rcu_head *next = link_of(list);

		urcu_bp_call_rcu(list, list->func);
		list = next;
	}
}

void irqm_call_rcu(struct rcu_head *head, void (*fn)(struct rcu_head *head))
{
	struct rcu_head *top = atomic_load_explicit(&retired,
						    memory_order_relaxed);

	head->func = fn;
	do {
		head->next.next = top ? &top->next : NULL;
	} while (!atomic_compare_exchange_weak_explicit(&retired, &top, head,
							 memory_order_release,
							 memory_order_relaxed));
	if (atomic_fetch_add_explicit(&nr_retired, 1, memory_order_relaxed) + 1 >=
	    IRQM_RCU_BATCH)
		hand_over();
}

void irqm_rcu_barrier(void)
{
	struct rcu_head *list;

	/* callbacks may retire more: until nothing is left */
	while ((list = take_all())) {
		irqm_synchronize_rcu();
		run_list(list);
	}
	if (atomic_load(&handed_over)) {
		urcu_bp_barrier();
		irqm_tsan_acquire(&irqm_rcu_token);
	}
}

void irqmap_read_lock(void)
{
	irqm_rcu_read_lock();
}

void irqmap_read_unlock(void)
{
	irqm_rcu_read_unlock();
}
