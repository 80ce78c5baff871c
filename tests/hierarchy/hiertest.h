/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * hiertest.h - a small hierarchy of test controllers: a root "gic" with
 * 1024 lines, a 4-pin PCI INTx bridge below it, an "its" level and an
 * MSI domain below that. Every level counts its callbacks.
 */
#ifndef IRQMAP_HIERTEST_H
#define IRQMAP_HIERTEST_H

#include "testutil.h"

struct ht_level {
	struct fwnode_handle fwnode;
	struct irq_domain *d;
	struct irq_chip chip;
	unsigned long alloc, free, activate, deactivate;	/* per virq */
	int fail_alloc;		/* ->alloc returns this when non-zero */
	int fail_after_parent;	/* fail after the parent level succeeded */
	int leak_parent;	/* on failure, do not free the parent */
	int disconnect_parent;	/* mark the parent level unused */
	unsigned long base;	/* parent hwirq of this level's hwirq 0 */
};

struct ht {
	struct ht_level gic, intx, its, msi;
};

/* MSI allocation argument: the first device-side hwirq. */
struct ht_msi_arg {
	irq_hw_number_t hwirq;
};

/* Create the four domains. */
void ht_create(struct ht *h);
/* Create them without asserting: 0, or -ENOMEM with nothing left. */
int ht_try_create(struct ht *h);
/* Remove whatever exists, children first, without asserting. */
void ht_try_remove(struct ht *h);
/* Remove them, children first; asserts each removal succeeds. */
void ht_remove(struct ht *h);
/* Map INTx pin (0..3) through fwspec: the way a device driver shares it. */
unsigned int ht_map_intx(struct ht *h, unsigned int pin);
/* Assert every level's alloc and free counts balance. */
void ht_assert_balanced(const struct ht *h);

#endif
