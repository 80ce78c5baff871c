/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lock.h - sleeping locks that know their owner.
 *
 * Functions named *_locked expect a lock held and say so with
 * irqm_lockdep_assert_held(); in debug builds (IRQMAP_DEBUG_LOCKS) that
 * aborts with a message when the calling thread does not hold it.
 */
#ifndef IRQM_LOCK_H
#define IRQM_LOCK_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

struct irqm_mutex {
	pthread_mutex_t m;
	atomic_uintptr_t owner;		/* irqm_self() of the holder, or 0 */
	const char *name;
};

/* A per-thread address that identifies the calling thread (init.c). */
extern __thread char irqm_thread_token;

static inline uintptr_t irqm_self(void)
{
	return (uintptr_t)&irqm_thread_token;
}

static inline void irqm_mutex_init(struct irqm_mutex *l, const char *name)
{
	pthread_mutex_init(&l->m, NULL);
	atomic_init(&l->owner, 0);
	l->name = name;
}

static inline void irqm_mutex_destroy(struct irqm_mutex *l)
{
	pthread_mutex_destroy(&l->m);
}

static inline void irqm_mutex_lock(struct irqm_mutex *l)
{
	pthread_mutex_lock(&l->m);
	atomic_store_explicit(&l->owner, irqm_self(), memory_order_relaxed);
}

static inline void irqm_mutex_unlock(struct irqm_mutex *l)
{
	atomic_store_explicit(&l->owner, 0, memory_order_relaxed);
	pthread_mutex_unlock(&l->m);
}

static inline int irqm_mutex_held(struct irqm_mutex *l)
{
	return atomic_load_explicit(&l->owner, memory_order_relaxed) ==
	       irqm_self();
}

#ifdef IRQMAP_DEBUG_LOCKS
#define irqm_lockdep_assert_held(l)					\
	do {								\
		if (!irqm_mutex_held(l)) {				\
			fprintf(stderr, "irqmap: %s: lock %s not held\n",\
				__func__, (l)->name);			\
			abort();					\
		}							\
	} while (0)
#else
#define irqm_lockdep_assert_held(l) do { (void)(l); } while (0)
#endif

#endif
