/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rcu.h - the library's only door to liburcu.
 *
 * The flavour is urcu-bp: threads register themselves on their first
 * read-side section and are forgotten when they exit, so callers never
 * register anything. Pointers are published with C11 release stores and read
 * with acquire loads (rcu_assign_pointer/rcu_dereference in kernel terms).
 *
 * ThreadSanitizer cannot see liburcu's grace-period machinery (it is not
 * instrumented and waits through membarrier()). Under TSan only, the read
 * unlock releases a token that synchronize_rcu() and every RCU callback
 * acquire, which is exactly the ordering a grace period guarantees.
 */
#ifndef IRQM_RCU_H
#define IRQM_RCU_H

#include <urcu-bp.h>

#ifdef IRQMAP_TSAN
#include <sanitizer/tsan_interface.h>
extern char irqm_rcu_token;
#define irqm_tsan_release(addr) __tsan_release((void *)(addr))
#define irqm_tsan_acquire(addr) __tsan_acquire((void *)(addr))
#else
#define irqm_tsan_release(addr) do { } while (0)
#define irqm_tsan_acquire(addr) do { } while (0)
#endif

#if defined(IRQMAP_UBSAN) || defined(IRQMAP_TSAN) || defined(__clang_analyzer__)
/*
 * Sanitizer builds call liburcu's exported, uninstrumented read-side
 * functions through rcu.c instead of its inline ones: UBSan would report
 * that liburcu-bp's reader slots are less aligned than their type says, and
 * TSan cannot see liburcu handing an exited thread's slot to a new thread.
 */
void irqm_rcu_read_lock(void);
void irqm_rcu_read_unlock(void);
int irqm_rcu_read_ongoing(void);
#else
static inline void irqm_rcu_read_lock(void)
{
	urcu_bp_read_lock();
}

static inline void irqm_rcu_read_unlock(void)
{
	irqm_tsan_release(&irqm_rcu_token);
	urcu_bp_read_unlock();
}

static inline int irqm_rcu_read_ongoing(void)
{
	return urcu_bp_read_ongoing();
}
#endif

/* Wait for every reader that started before the call. */
void irqm_synchronize_rcu(void);

/*
 * Run @fn(@head) after a grace period: gathered in batches, then on
 * liburcu's call_rcu thread, or by irqm_rcu_barrier() (rcu.c says why).
 */
void irqm_call_rcu(struct rcu_head *head, void (*fn)(struct rcu_head *head));

/* Run, or wait for, every callback queued so far. Context: may sleep. */
void irqm_rcu_barrier(void);

/* First statement of every RCU callback. */
#define IRQM_RCU_CALLBACK_ENTER() irqm_tsan_acquire(&irqm_rcu_token)

/* Publish / read pointers, as rcu_assign_pointer / rcu_dereference. */
#define irqm_rcu_assign(p, v) \
	atomic_store_explicit(&(p), (v), memory_order_release)
#define irqm_rcu_deref(p) \
	atomic_load_explicit(&(p), memory_order_acquire)

#endif
