/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * irqmap/rcu.h - read-side critical sections for lock-free lookups.
 *
 * libirqmap publishes descriptors and mappings with RCU (liburcu's "bp"
 * flavour, which needs no thread registration: any thread may call these at
 * any time, and the library registers it on first use).
 *
 * Pointers returned by irq_to_desc(), irq_resolve_mapping() and
 * irq_get_irq_data() stay valid until the matching irqmap_read_unlock(), or
 * for as long as the caller holds a reference on the mapping. Read-side
 * sections nest, are cheap (no atomic instruction, no shared write), and
 * may be entered from an interrupt handler. Do not call a function that
 * waits for a grace period (irq_domain_remove(), irqmap_exit(),
 * synchronize_irq(), free_irq()) inside one: it would wait for itself.
 */
#ifndef IRQMAP_RCU_H
#define IRQMAP_RCU_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * irqmap_read_lock() - enter an RCU read-side critical section
 *
 * Context: any thread; nests; never blocks.
 */
void irqmap_read_lock(void);

/**
 * irqmap_read_unlock() - leave an RCU read-side critical section
 *
 * Context: the thread that called irqmap_read_lock(); never blocks.
 */
void irqmap_read_unlock(void);

#ifdef __cplusplus
}
#endif

#endif /* IRQMAP_RCU_H */
