/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * hutil.h - helpers of the interrupt-handling tests: a chip that records
 * what the flow handlers tell it, a domain whose lines get that chip and a
 * chosen flow handler, and devices whose handlers count their calls.
 */
#ifndef IRQMAP_HUTIL_H
#define IRQMAP_HUTIL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "testutil.h"

#define HU_NR_LINES 16

/*
 * The recording chip: per hwirq, one letter per call, in order:
 * M mask, U unmask, A ack, E eoi, S startup, D shutdown, T set_type.
 */
extern struct irq_chip hu_chip;
/* The same without ->irq_eoi unless it handled (IRQCHIP_EOI_IF_HANDLED). */
extern struct irq_chip hu_chip_eoi_if_handled;
/*
 * The same without ->irq_set_type, so that its lines take the lock-free
 * path (src/handle/fastpath.c). Its callbacks also check that two calls
 * for one line never overlap: hu_chip_overlaps() counts those that did,
 * and each callback writes a plain per-line counter, which
 * ThreadSanitizer reports if two calls are not ordered.
 */
extern struct irq_chip hu_chip_fast;
unsigned int hu_chip_overlaps(void);
void hu_rec_reset(void);
/* What line @hw saw since the last reset (a static copy). */
const char *hu_rec(irq_hw_number_t hw);

/* host_data of hu_ops: the flow handler of each line (NULL: none set). */
struct hu_ctl {
	irq_flow_handler_t flow[HU_NR_LINES];
	struct irq_chip *chip;		/* NULL: hu_chip */
};
extern const struct irq_domain_ops hu_ops;

/* A device: its handler counts calls and returns @ret. */
struct hu_dev {
	const char *name;
	char tag;			/* appended to hu_order() per call */
	irqreturn_t ret;
	atomic_uint calls;
	atomic_bool freed;		/* set by the test once free_irq returned */
	atomic_uint calls_after_free;
	atomic_uint thread_calls;
	atomic_int last_irq;
};
irqreturn_t hu_handler(int irq, void *dev_id);
irqreturn_t hu_thread_fn(int irq, void *dev_id);
void hu_order_reset(void);
const char *hu_order(void);

/* A linear domain of HU_NR_LINES lines over hu_ops with @ctl. */
struct irq_domain *hu_domain(struct hu_ctl *ctl);
/* irq_create_mapping(), asserting success. */
unsigned int hu_map(struct irq_domain *d, irq_hw_number_t hw);

/* irqmap_irq_stats(), asserting success. */
struct irqmap_irq_stats hu_stats(unsigned int virq);
/* Assert the two counting identities of struct irqmap_irq_stats. */
void hu_assert_balanced(unsigned int virq, unsigned long delivered);

/* Sleep @ms milliseconds. */
void hu_msleep(unsigned int ms);

#endif
