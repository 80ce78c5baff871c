/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * irqmap/debug.h - introspection, reference tracking and invariant checks.
 *
 * The show functions print what Linux shows in /proc/interrupts and
 * /sys/kernel/debug/irq/domains; the iterators give the same facts to a
 * program. Reference tracking is on when the environment holds
 * IRQMAP_DEBUG_REFS=1 at irqmap_init(): every reference then remembers the
 * code that took it (symbolised with dladdr(); link programs with -rdynamic
 * for their own function names) and the owner label of the thread.
 */
#ifndef IRQMAP_DEBUG_H
#define IRQMAP_DEBUG_H

#include <stdio.h>
#include <irqmap/irqdomain.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * struct irqmap_mapping_info - one mapping, as reported to iterators
 * @domain:	the domain the mapping was made in
 * @hwirq:	its line in @domain
 * @virq:	the virq
 * @type:	trigger type (IRQ_TYPE_*)
 * @refcount:	references held (IRQMAP_REFCOUNT_SATURATED when stuck)
 * @nr_irqs:	size of the allocation the mapping belongs to (1 for lines)
 * @legacy:	the domain itself holds one of the references
 */
struct irqmap_mapping_info {
	struct irq_domain *domain;
	irq_hw_number_t hwirq;
	unsigned int virq;
	unsigned int type;
	unsigned int refcount;
	unsigned int nr_irqs;
	bool legacy;
};

/**
 * irq_domain_for_each() - call @fn for every domain, parents first
 * @fn:		callback; a non-zero return stops the walk and is returned
 * @arg:	passed to @fn
 *
 * Return: 0, or what @fn returned.
 * Context: may sleep; holds the domain-list lock: @fn must not create or
 * remove domains.
 */
int irq_domain_for_each(int (*fn)(struct irq_domain *d, void *arg), void *arg);

/**
 * irq_domain_for_each_mapping() - call @fn for every mapping of a domain
 * @domain:	the domain
 * @fn:		callback; a non-zero return stops the walk and is returned
 * @arg:	passed to @fn
 *
 * Mappings are reported in hwirq order, each with a consistent snapshot.
 *
 * Return: 0, -EINVAL for a NULL domain, or what @fn returned.
 * Context: may sleep; holds the root domain's mutex: @fn must not create or
 * dispose mappings in the same hierarchy.
 */
int irq_domain_for_each_mapping(struct irq_domain *domain,
				int (*fn)(const struct irqmap_mapping_info *m,
					  void *arg),
				void *arg);

/**
 * irq_domain_mapcount() - number of mappings in a domain
 * @domain:	the domain
 *
 * Return: how many hwirqs of @domain are mapped; 0 for NULL.
 * Context: any; a snapshot.
 */
unsigned int irq_domain_mapcount(struct irq_domain *domain);

/**
 * irqmap_show_interrupts() - print a /proc/interrupts-like table
 * @f:	where to print
 *
 * One row per mapped virq: virq, counts, chip, hwirq, trigger, domain, name.
 *
 * Return: 0 or a negative errno.
 * Context: may sleep.
 */
int irqmap_show_interrupts(FILE *f);

/**
 * irqmap_show_domains() - print the domain tree with every mapping
 * @f:	where to print
 *
 * Like /sys/kernel/debug/irq/domains: each domain with its name, size,
 * flags, parent and mapping count, then one line per mapping with hwirq,
 * virq, trigger type and reference count.
 *
 * Return: 0 or a negative errno.
 * Context: may sleep.
 */
int irqmap_show_domains(FILE *f);

/**
 * irqmap_show_refs() - print who holds each reference
 * @f:		where to print
 * @virq:	one mapping, or 0 for all
 *
 * Needs IRQMAP_DEBUG_REFS=1; without it, prints the counts only.
 *
 * Return: the number of references listed, or a negative errno (-ENOENT
 * when @virq is not mapped).
 * Context: may sleep.
 */
int irqmap_show_refs(FILE *f, unsigned int virq);

/**
 * irqmap_debug_refs_enabled() - is reference tracking on?
 *
 * Return: true when IRQMAP_DEBUG_REFS=1 was set at irqmap_init().
 * Context: any.
 */
bool irqmap_debug_refs_enabled(void);

/**
 * irqmap_debug_set_owner() - label the references this thread takes
 * @owner:	a label such as a device name (copied), or NULL to clear
 *
 * With reference tracking on, references taken by this thread record the
 * label, and a dispose by this thread drops the most recent reference with
 * the same label first. Without tracking, it does nothing.
 *
 * Context: any; affects the calling thread only.
 */
void irqmap_debug_set_owner(const char *owner);

/**
 * irqmap_check() - check every internal invariant
 * @f:	where to describe violations, or NULL for silence
 *
 * Checks that every revmap entry points at a live descriptor of the same
 * virq and back, that mapping counts match the domains' totals, that every
 * allocated virq is accounted for, and that domain links are consistent.
 *
 * Return: 0 when consistent, else -EUCLEAN (the number of violations is
 * printed to @f).
 * Context: may sleep; takes every root lock in turn.
 */
int irqmap_check(FILE *f);

#ifdef __cplusplus
}
#endif

#endif /* IRQMAP_DEBUG_H */
