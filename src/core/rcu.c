// SPDX-License-Identifier: LGPL-2.1-or-later
/* rcu.c - RCU entry points of the library, and the public read lock. */
#if defined(IRQMAP_UBSAN) || defined(IRQMAP_TSAN) || defined(__clang_analyzer__)
/* Call liburcu's exported read-side functions instead of its inline ones. */
#undef _LGPL_SOURCE
#endif
#include <irqmap/rcu.h>

#include <pthread.h>
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
 * gathered does the list go to call_rcu(), as one callback. So churn costs
 * one call_rcu() per batch, not per object.
 *
 * The list is a stack linked through each rcu_head's own next field
 * (liburcu's queue link, unused until call_rcu()), so retiring allocates
 * nothing and cannot fail. Pushing is a release CAS on the top and taking
 * the whole list an acquire exchange, so whoever takes it sees every
 * object as its retirer left it; an exchange has no ABA problem. C11
 * atomics rather than liburcu's lfstack, because ThreadSanitizer cannot
 * see the latter's inline-assembly atomics.
 *
 * irqm_rcu_barrier() never waits on liburcu's call_rcu thread, which
 * sleeps 10 ms after every wake-up to gather more work: a short program
 * (irqmap routes on one tree) would spend most of its exit asleep. Every
 * batch handed over is also on a list of our own, numbered in order. The
 * barrier notes the last number, waits for one grace period of its own
 * (which follows every retirement of those batches), then claims each
 * batch up to that number that the thread has not started and runs it
 * itself. Whoever claims a batch (one atomic exchange) runs it; the
 * thread's callback only unlinks and frees a batch claimed by the barrier,
 * and the barrier waits for a batch the thread claimed to be done.
 * Batches handed over after the barrier began are left to the thread, as
 * Linux's rcu_barrier() leaves callbacks queued after it started.
 */
#define IRQM_RCU_BATCH 256

static _Atomic(struct rcu_head *) retired;
static atomic_long nr_retired;
/* Set once an object went to liburcu alone: a barrier then waits for it. */
static atomic_bool handed_alone;

enum batch_owner { OWNER_NONE, OWNER_THREAD, OWNER_BARRIER };

struct rcu_batch {
	struct rcu_head rcu;
	struct rcu_head *list;
	atomic_int owner;		/* who runs its list: enum batch_owner */
	unsigned long seq;		/* order of hand-over */
	struct rcu_batch *prev, *next;	/* in outstanding, under out_lock */
};

static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t out_done = PTHREAD_COND_INITIALIZER;	/* one unlinked */
static struct rcu_batch *outstanding;	/* newest first */
static unsigned long out_seq;

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

static void unlink_batch(struct rcu_batch *b)
{
	if (b->prev)
		b->prev->next = b->next;
	else
		outstanding = b->next;
	if (b->next)
		b->next->prev = b->prev;
}

static void batch_cb(struct rcu_head *head)
{
	struct rcu_batch *b = caa_container_of(head, struct rcu_batch, rcu);

	int none = OWNER_NONE;

	IRQM_RCU_CALLBACK_ENTER();
	if (atomic_compare_exchange_strong_explicit(&b->owner, &none,
						    OWNER_THREAD,
						    memory_order_acq_rel,
						    memory_order_acquire))
		run_list(b->list);
	pthread_mutex_lock(&out_lock);
	unlink_batch(b);
	pthread_cond_broadcast(&out_done);
	pthread_mutex_unlock(&out_lock);
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
	b = irqm_malloc(sizeof(*b));
	if (b) {
		b->list = list;
		atomic_init(&b->owner, OWNER_NONE);
		pthread_mutex_lock(&out_lock);
		b->seq = ++out_seq;
		b->prev = NULL;
		b->next = outstanding;
		if (outstanding)
			outstanding->prev = b;
		outstanding = b;
		pthread_mutex_unlock(&out_lock);
		urcu_bp_call_rcu(&b->rcu, batch_cb);
		return;
	}
	atomic_store(&handed_alone, true);
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

/*
 * Claim every handed-over batch numbered up to @upto that the call_rcu
 * thread has not started; their lists, chained through each list's last
 * object, are returned to be run outside the lock.
 */
static struct rcu_head *claim_handed(unsigned long upto)
{
	struct rcu_head *all = NULL;

	pthread_mutex_lock(&out_lock);
	for (struct rcu_batch *b = outstanding; b; b = b->next) {
		struct rcu_head *tail;
		int none = OWNER_NONE;

		if (b->seq > upto ||
		    !atomic_compare_exchange_strong_explicit(&b->owner, &none,
							     OWNER_BARRIER,
							     memory_order_acq_rel,
							     memory_order_acquire))
			continue;
		for (tail = b->list; link_of(tail); tail = link_of(tail))
			;
		tail->next.next = all ? &all->next : NULL;
		all = b->list;
	}
	pthread_mutex_unlock(&out_lock);
	return all;
}

/* Wait for the batches up to @upto that the call_rcu thread is running. */
static void wait_thread_batches(unsigned long upto)
{
	pthread_mutex_lock(&out_lock);
	for (;;) {
		struct rcu_batch *b;

		for (b = outstanding; b; b = b->next)
			if (b->seq <= upto &&
			    atomic_load_explicit(&b->owner, memory_order_acquire) ==
			    OWNER_THREAD)
				break;
		if (!b)
			break;
		pthread_cond_wait(&out_done, &out_lock);
	}
	pthread_mutex_unlock(&out_lock);
}

/* Run what is gathered, after a grace period; callbacks may retire more. */
static void drain(void)
{
	struct rcu_head *list;

	while ((list = take_all())) {
		irqm_synchronize_rcu();
		run_list(list);
	}
}

void irqm_rcu_barrier(void)
{
	unsigned long upto;

	pthread_mutex_lock(&out_lock);
	upto = out_seq;
	pthread_mutex_unlock(&out_lock);
	drain();
	if (upto) {
		/* a grace period after every hand-over numbered up to @upto */
		irqm_synchronize_rcu();
		run_list(claim_handed(upto));
		wait_thread_batches(upto);
		drain();
	}
	if (atomic_load(&handed_alone)) {
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
