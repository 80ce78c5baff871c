/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * irqmap/irqdesc.h - interrupt descriptors and the virq number space.
 *
 * A descriptor exists for every allocated virq. Its lifetime is its own:
 * irq_alloc_descs() creates it, irq_free_descs() unpublishes it and frees it
 * after an RCU grace period, so a lock-free reader never sees it freed.
 * Mapping reference counts live in the domain layer (irqmap/irqdomain.h),
 * not here.
 *
 * virqs are handed out next-fit: the search starts where the previous one
 * ended and wraps at the end of the space, so a number just freed is not
 * reused until the whole space has been gone through. virq 0 is never valid.
 */
#ifndef IRQMAP_IRQDESC_H
#define IRQMAP_IRQDESC_H

#include <irqmap/irq.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Opaque: use the accessors below. */
struct irq_desc;

/**
 * irq_to_desc() - the descriptor of a virq
 * @irq:	the virq
 *
 * Return: the descriptor, or NULL when @irq is not allocated. See
 * irqmap/rcu.h for how long the pointer stays valid.
 * Context: any; lock-free (two loads).
 */
struct irq_desc *irq_to_desc(unsigned int irq);

/**
 * irq_desc_get_irq() - the virq of a descriptor
 * @desc:	the descriptor
 *
 * Return: the virq.
 * Context: any.
 */
unsigned int irq_desc_get_irq(const struct irq_desc *desc);

/**
 * irq_desc_get_irq_data() - the outermost level of a descriptor
 * @desc:	the descriptor
 *
 * Return: the irq_data embedded in @desc.
 * Context: any.
 */
struct irq_data *irq_desc_get_irq_data(struct irq_desc *desc);

/**
 * irq_alloc_descs() - allocate a contiguous range of virqs with descriptors
 * @irq:	a specific virq to allocate, or -1 for any
 * @from:	the lowest acceptable virq when @irq is -1 (0 means 1)
 * @cnt:	how many
 * @node:	NUMA node hint, ignored (accepted for the kernel's signature)
 *
 * Return: the first virq, or a negative errno: -EINVAL for @cnt 0, for
 * @irq >= 0 with @from != @irq, or a range past the virq space; -EEXIST when
 * a specific @irq is taken; -ENOSPC when no range of @cnt is free; -ENOMEM;
 * -ENODEV before irqmap_init().
 * Context: may sleep; takes the global virq-space lock.
 */
int irq_alloc_descs(int irq, unsigned int from, unsigned int cnt, int node);

/**
 * irq_free_descs() - free a range of virqs and their descriptors
 * @irq:	the first virq
 * @cnt:	how many
 *
 * Descriptors are unpublished at once and freed after a grace period. A
 * descriptor that still carries a mapping is refused.
 *
 * Return: 0; -EINVAL when a virq of the range is not allocated or
 * @cnt is 0; -EBUSY when one is still mapped. Nothing is freed on error.
 * Context: may sleep; takes the global virq-space lock.
 */
int irq_free_descs(unsigned int irq, unsigned int cnt);

/**
 * irq_get_nr_irqs() - the size of the virq space
 *
 * Set at irqmap_init() from IRQMAP_NR_IRQS in the environment (default
 * 2097152, at least 64, at most 16777216).
 *
 * Return: the number of virqs; valid virqs are 1 to irq_get_nr_irqs() - 1.
 * Context: any.
 */
unsigned int irq_get_nr_irqs(void);

/*
 * Delivering interrupts and counting them (irqmap/interrupt.h has the
 * request side).
 */
struct irq_domain;

/**
 * generic_handle_irq() - deliver an interrupt on a virq
 * @irq:	the virq
 *
 * Runs the line's flow handler on the calling thread, which stands for the
 * CPU set with irqmap_set_cpu(). The lookup takes no lock.
 *
 * Return: 0, -EINVAL (logged, rate-limited; counted as spurious) when @irq
 * is not allocated, -ENOMEM when the line's handling state cannot be
 * allocated on its first interrupt.
 * Context: any thread, handlers included (a chained handler delivers its
 * children this way); enters an RCU read-side section; may block briefly
 * on the descriptor's lock, never on a mutex held across handlers.
 */
int generic_handle_irq(unsigned int irq);

/**
 * generic_handle_domain_irq() - deliver an interrupt on a controller line
 * @domain:	the controller's domain
 * @hwirq:	the line in @domain
 *
 * The entry point of a controller model: resolves the mapping without a
 * lock (irq_resolve_mapping() under RCU) and runs the line's flow handler.
 *
 * Return: 0; -EINVAL when @hwirq is not mapped (counted for @domain, see
 * irqmap_domain_spurious(), and logged rate-limited) or @domain is NULL;
 * -ENOMEM as generic_handle_irq().
 * Context: as generic_handle_irq().
 */
int generic_handle_domain_irq(struct irq_domain *domain,
			      irq_hw_number_t hwirq);

/**
 * kstat_irqs_cpu() - interrupts of a line accepted on one CPU
 * @irq:	the virq
 * @cpu:	the CPU (irqmap_set_cpu())
 *
 * Return: the count; 0 for an unallocated virq or a CPU out of range.
 * On the flow handlers' fast path an interrupt is counted when its run
 * ends, so a handler may not see its own interrupt counted yet.
 * Context: any; lock-free; a snapshot of per-CPU counters.
 */
unsigned int kstat_irqs_cpu(unsigned int irq, int cpu);

/**
 * kstat_irqs() - interrupts of a line accepted on all CPUs
 * @irq:	the virq
 *
 * Return: the sum over CPUs; 0 for an unallocated virq. Counted as
 * kstat_irqs_cpu() counts.
 * Context: any; lock-free; a snapshot.
 */
unsigned int kstat_irqs(unsigned int irq);

/**
 * irq_desc_get_chip() - the outermost chip of a line
 * @desc:	the descriptor
 *
 * For flow handlers and chained handlers.
 *
 * Return: the chip (no_irq_chip when none was set).
 * Context: any.
 */
struct irq_chip *irq_desc_get_chip(struct irq_desc *desc);

/**
 * irq_desc_get_chip_data() - the outermost chip's private data
 * @desc:	the descriptor
 *
 * Return: the data given to irq_set_chip_data() or by the domain's ->map
 * or ->alloc.
 * Context: any.
 */
void *irq_desc_get_chip_data(struct irq_desc *desc);

/**
 * irq_desc_get_handler_data() - the flow handler's per-interrupt data
 * @desc:	the descriptor
 *
 * Return: the data given to irq_set_handler_data() or
 * irq_set_chained_handler_and_data().
 * Context: any.
 */
void *irq_desc_get_handler_data(struct irq_desc *desc);

#ifdef __cplusplus
}
#endif

#endif /* IRQMAP_IRQDESC_H */
