/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * internals.h - the contract between the core (src/core/) and interrupt
 * handling (src/handle/), in both directions.
 *
 * The core owns descriptors, domains and mappings; handling owns what a
 * line needs to deliver interrupts (its state, flow handler, actions and
 * counters). Each side calls the other only through the functions below,
 * as plain calls: a piece missing on either side fails the link, and
 * every program linking the library, through the shared object or the
 * static archive, gets the same code.
 *
 * The core also tells the device-tree layer (src/of/) when one of its
 * domains is removed, at the end of this file.
 *
 * Locks named here: the root domain's mutex (core: "root mutex"), the
 * descriptor lock (irqm_desc_lock()) and the line lock (handling, taken
 * inside the descriptor lock).
 */
#ifndef IRQM_INTERNALS_H
#define IRQM_INTERNALS_H

#include <stdbool.h>
#include <stdio.h>

#include <irqmap/irqmap.h>

struct irq_desc;

/* ---- implemented by handling (src/handle/), called by the core ---- */

/*
 * Give @desc its handling state, if it has none yet. The core calls it
 * where a failure can be returned: before a domain's ->map or ->alloc
 * runs (they may set a chip or a flow handler through calls that return
 * nothing), and when irq_set_chip() gives a line a chip. Lines that never
 * get a chip, a flow handler or a handler need none.
 * Return: 0, or -ENOMEM (nothing changed).
 * Context: any lock of the core may be held; takes none.
 */
int irqm_handling_alloc(struct irq_desc *desc);

/*
 * Free the handling state of a descriptor being freed: one grace period
 * after it left the virq table, or at irqmap_exit().
 */
void irqm_handling_release(struct irq_desc *desc);

/*
 * Install the flow handler of @irq (NULL: handle_bad_irq), with @name for
 * the interrupts table; irq_domain_set_info() and irq_domain_free_irqs_top().
 * Context: root mutex held, from ->alloc or ->free; takes the descriptor
 * and line locks. The line's handling state exists (irqm_handling_alloc()
 * ran before ->alloc), so it cannot fail.
 */
void irqm_set_flow_handler(unsigned int irq, irq_flow_handler_t handle,
			   const char *name);

/*
 * Chip calls the core makes itself (->irq_set_type, a chip change,
 * ->activate/->deactivate) run between these two, with the descriptor
 * lock held: handling takes the line lock there, so they never overlap
 * the chip calls of its lock-free delivery path. The token is what _end
 * needs.
 */
void *irqm_chip_calls_begin(struct irq_desc *desc);
void irqm_chip_calls_end(struct irq_desc *desc, void *token);

/*
 * Handlers are requested on @desc: its mapping must not go.
 * Context: root mutex held (request_irq() counts under it).
 */
bool irqm_desc_has_actions(struct irq_desc *desc);

/* The interrupts table (irqmap_show_interrupts()): counters and handlers. */
void irqm_show_stats_header(FILE *f);
void irqm_show_desc_stats(FILE *f, struct irq_desc *desc);
void irqm_show_desc_actions(FILE *f, struct irq_desc *desc);

/* ---- implemented by the core (activate.c), called by handling ---- */

/*
 * Activate @desc's interrupt: every level's ->activate, parents first;
 * IRQD_ACTIVATED set. Nothing happens when it is activated already; on
 * an error the levels already activated are deactivated again.
 * Return: 0, or ->activate's error.
 * Context: descriptor lock and line lock held (irqm_line_lock()).
 */
int irqm_activate_locked(struct irq_desc *desc);

/*
 * Deactivate @desc's interrupt, children first, if it is activated.
 * Context: descriptor lock and line lock held (irqm_line_lock()).
 */
void irqm_deactivate_locked(struct irq_desc *desc);

/* ---- implemented by the device-tree layer (src/of/), called by the core ---- */

/*
 * @d, whose fwnode is a device-tree node's, is leaving the domain list:
 * forget it as that node's domain, so that no mapping reaches it through
 * the node any more.
 * Context: domain-list lock held, before the grace period that frees @d.
 * irqmap_exit() frees every domain without calling it (a fwnode left
 * behind may be gone): the layer compares irqm_init_generation() instead.
 */
void irqm_of_domain_removed(struct irq_domain *d);

/*
 * ---- implemented by the core, called by the device-tree layer ----
 *
 * Which irqmap_init() the library is in (1, 2, ...), or 0 when it is not
 * initialised: domains of an earlier generation are gone.
 * Context: any.
 */
unsigned long irqm_init_generation(void);

#endif
