// SPDX-License-Identifier: LGPL-2.1-or-later
/* rcu.c - RCU entry points of the library, and the public read lock. */
#if defined(IRQMAP_UBSAN) || defined(IRQMAP_TSAN) || defined(__clang_analyzer__)
/* Call liburcu's exported read-side functions instead of its inline ones. */
#undef _LGPL_SOURCE
#endif
#include <irqmap/rcu.h>

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

void irqm_call_rcu(struct rcu_head *head, void (*fn)(struct rcu_head *head))
{
	urcu_bp_call_rcu(head, fn);
}

void irqm_rcu_barrier(void)
{
	urcu_bp_barrier();
	irqm_tsan_acquire(&irqm_rcu_token);
}

void irqmap_read_lock(void)
{
	irqm_rcu_read_lock();
}

void irqmap_read_unlock(void)
{
	irqm_rcu_read_unlock();
}
