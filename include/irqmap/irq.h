/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * irqmap/irq.h - per-interrupt data, interrupt chips and their accessors.
 *
 * As in the kernel's include/linux/irq.h, every interrupt has one
 * struct irq_common_data and one struct irq_data per domain level it crosses;
 * the outermost irq_data is embedded in the descriptor, the others hang off
 * ->parent_data.
 */
#ifndef IRQMAP_IRQ_H
#define IRQMAP_IRQ_H

#include <irqmap/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct irq_domain;
struct irq_desc;
struct irq_data;

/**
 * struct irq_chip - the operations of an interrupt controller, per line
 * @name:		name shown in the interrupts table
 * @irq_startup:	start up the interrupt (defaults to unmask)
 * @irq_shutdown:	shut down the interrupt (defaults to mask)
 * @irq_enable:		enable the interrupt (defaults to unmask)
 * @irq_disable:	disable the interrupt
 * @irq_ack:		acknowledge the start of a new interrupt
 * @irq_mask:		mask the line
 * @irq_mask_ack:	mask and acknowledge in one go
 * @irq_unmask:		unmask the line
 * @irq_eoi:		end of interrupt
 * @irq_set_affinity:	route the line to a set of CPUs (bit mask)
 * @irq_set_type:	set the trigger type (IRQ_TYPE_*)
 * @flags:		IRQCHIP_* flags
 *
 * Every callback is optional. The library calls them holding the line's
 * line lock (a bit of its state word), so a line's callbacks never
 * overlap; the descriptor's lock is held too, except on the lock-free
 * delivery path, so callbacks cannot rely on it. @irq_set_type (from
 * irq_set_irq_type()), chip changes and activation hold both locks.
 * Callbacks of different lines may run at the same
 * time. Callbacks must not block (other threads spin on the line lock
 * meanwhile) and must not call back into the library for the same
 * interrupt.
 */
struct irq_chip {
	const char *name;
	unsigned int (*irq_startup)(struct irq_data *data);
	void (*irq_shutdown)(struct irq_data *data);
	void (*irq_enable)(struct irq_data *data);
	void (*irq_disable)(struct irq_data *data);
	void (*irq_ack)(struct irq_data *data);
	void (*irq_mask)(struct irq_data *data);
	void (*irq_mask_ack)(struct irq_data *data);
	void (*irq_unmask)(struct irq_data *data);
	void (*irq_eoi)(struct irq_data *data);
	int (*irq_set_affinity)(struct irq_data *data, unsigned long cpumask,
				bool force);
	int (*irq_set_type)(struct irq_data *data, unsigned int flow_type);
	unsigned long flags;
};

/**
 * struct irq_common_data - data shared by every level of one interrupt
 * @state_use_accessors: trigger type and state bits; use the irqd_* helpers
 * @handler_data:	per-interrupt data for the flow handler
 */
struct irq_common_data {
	unsigned int state_use_accessors;
	void *handler_data;
};

/**
 * struct irq_data - one level of an interrupt, as seen by one domain
 * @irq:		the virq
 * @hwirq:		the line's number in @domain
 * @common:		data shared by all levels
 * @chip:		the controller at this level (never NULL once mapped)
 * @domain:		the domain of this level
 * @parent_data:	the next level towards the root, or NULL
 * @chip_data:		the controller's private data for this line
 *
 * Fields are written by the library under the root domain's lock and by
 * domain callbacks (->map, ->alloc) while they run; everyone else reads.
 */
struct irq_data {
	unsigned int irq;
	irq_hw_number_t hwirq;
	struct irq_common_data *common;
	struct irq_chip *chip;
	struct irq_domain *domain;
	struct irq_data *parent_data;
	void *chip_data;
};

/* The no-op chip used when a domain's ->map sets none. */
extern struct irq_chip no_irq_chip;
/* A chip with empty callbacks, for lines that need no handling. */
extern struct irq_chip dummy_irq_chip;

/**
 * irqd_to_hwirq() - the line number of one level of an interrupt
 * @d:	the level's data
 *
 * Return: @d's hwirq.
 * Context: any, with the interrupt mapped.
 */
static inline irq_hw_number_t irqd_to_hwirq(const struct irq_data *d)
{
	return d->hwirq;
}

/**
 * irqd_get_trigger_type() - the trigger type of an interrupt
 * @d:	any level's data
 *
 * Return: one of IRQ_TYPE_*, IRQ_TYPE_NONE when never set.
 * Context: any; a plain atomic read.
 */
unsigned int irqd_get_trigger_type(const struct irq_data *d);

/**
 * irqd_set_trigger_type() - record a trigger type without telling the chip
 * @d:		any level's data
 * @type:	IRQ_TYPE_*; bits outside IRQ_TYPE_SENSE_MASK are ignored
 *
 * Context: any; an atomic update of the state word.
 */
void irqd_set_trigger_type(struct irq_data *d, unsigned int type);

/**
 * irq_get_irq_data() - the outermost level of an interrupt
 * @irq:	the virq
 *
 * Return: the data, or NULL when @irq is not allocated. The pointer stays
 * valid while the caller holds a reference on the mapping (or, for a bare
 * descriptor, until irq_free_descs()), or inside irqmap_read_lock().
 * Context: any; lock-free.
 */
struct irq_data *irq_get_irq_data(unsigned int irq);

/**
 * irq_get_trigger_type() - the trigger type of an interrupt
 * @irq:	the virq
 *
 * Return: IRQ_TYPE_*; IRQ_TYPE_NONE for an unallocated virq.
 * Context: any; lock-free.
 */
unsigned int irq_get_trigger_type(unsigned int irq);

/**
 * irq_set_irq_type() - set an interrupt's trigger type and tell its chip
 * @irq:	the virq
 * @type:	IRQ_TYPE_*
 *
 * Calls the outermost chip's ->irq_set_type when it has one; the type is
 * recorded only when that succeeds.
 *
 * Return: 0, -EINVAL for an unallocated virq or a type outside
 * IRQ_TYPE_SENSE_MASK, or the chip's error.
 * Context: may sleep (takes the descriptor's lock).
 */
int irq_set_irq_type(unsigned int irq, unsigned int type);

/**
 * irq_set_chip() - set the outermost chip of an interrupt
 * @irq:	the virq
 * @chip:	the chip; NULL installs no_irq_chip
 *
 * Return: 0, or -EINVAL for an unallocated virq.
 * Context: may sleep; usually called from a domain's ->map.
 */
int irq_set_chip(unsigned int irq, struct irq_chip *chip);

/**
 * irq_set_chip_data() - set the outermost chip's private data
 * @irq:	the virq
 * @data:	the data
 *
 * Return: 0, or -EINVAL for an unallocated virq.
 * Context: may sleep.
 */
int irq_set_chip_data(unsigned int irq, void *data);

/**
 * irq_get_chip_data() - the outermost chip's private data
 * @irq:	the virq
 *
 * Return: the data, NULL for an unallocated virq.
 * Context: any; lock-free.
 */
void *irq_get_chip_data(unsigned int irq);

/**
 * irq_set_handler_data() - set the flow handler's per-interrupt data
 * @irq:	the virq
 * @data:	the data
 *
 * Return: 0, or -EINVAL for an unallocated virq.
 * Context: may sleep.
 */
int irq_set_handler_data(unsigned int irq, void *data);

/**
 * irq_get_handler_data() - the flow handler's per-interrupt data
 * @irq:	the virq
 *
 * Return: the data, NULL for an unallocated virq.
 * Context: any; lock-free.
 */
void *irq_get_handler_data(unsigned int irq);

/*
 * Interrupt handling: flow handlers and the chip helpers they use
 * (irqmap/interrupt.h has requesting and freeing).
 */

/**
 * typedef irq_flow_handler_t - a flow handler
 * @desc:	the descriptor of the line that fired
 *
 * Talks to the chip (ack, mask, eoi) and runs the line's handlers. Called
 * by generic_handle_irq() and generic_handle_domain_irq() inside an RCU
 * read-side section.
 */
typedef void (*irq_flow_handler_t)(struct irq_desc *desc);

/* irq_chip flags used by the flow handlers (kernel values). */
#ifndef IRQCHIP_EOI_IF_HANDLED
#define IRQCHIP_EOI_IF_HANDLED	(1ul << 1)
#endif
#ifndef IRQCHIP_ONESHOT_SAFE
#define IRQCHIP_ONESHOT_SAFE	(1ul << 5)
#endif
#ifndef IRQCHIP_EOI_THREADED
#define IRQCHIP_EOI_THREADED	(1ul << 6)
#endif

/* Line state bits reported by the accessors below (kernel values). */
#define IRQD_IRQ_DISABLED	(1u << 16)
#define IRQD_IRQ_MASKED		(1u << 17)
#define IRQD_IRQ_INPROGRESS	(1u << 18)
/* In irq_common_data: between start-up and shut-down (kernel value). */
#define IRQD_IRQ_STARTED	(1u << 22)

/**
 * irqd_irq_disabled() - is the line disabled?
 * @d:	any level's data of the line
 *
 * A line that was never requested, enabled or delivered is disabled and
 * masked, as the kernel's descriptors start.
 *
 * Return: true when the line's disable depth is not 0.
 * Context: any; lock-free; a snapshot.
 */
bool irqd_irq_disabled(struct irq_data *d);

/**
 * irqd_irq_masked() - is the line masked at the chip?
 * @d:	any level's data of the line
 *
 * A line that was never requested, enabled or delivered is masked.
 * Controller models should not deliver on a masked line.
 *
 * Return: true when the line is masked.
 * Context: any; lock-free; a snapshot.
 */
bool irqd_irq_masked(struct irq_data *d);

/**
 * irqd_irq_inprogress() - is a primary handler of the line running?
 * @d:	any level's data of the line
 *
 * Return: true while the flow handler runs the line's handlers.
 * Context: any; lock-free; a snapshot.
 */
bool irqd_irq_inprogress(struct irq_data *d);

/**
 * irqd_is_started() - is the line started up?
 * @d:	any level's data of the line
 *
 * A line is started up by its first request_irq() (after being
 * activated), by enable_irq() at depth 1, or by a chained handler, and
 * shut down by the last free_irq().
 *
 * Return: true while IRQD_IRQ_STARTED is set.
 * Context: any; lock-free; a snapshot.
 */
bool irqd_is_started(struct irq_data *d);

/**
 * handle_level_irq() - flow handler for level-triggered lines
 * @desc:	the line
 *
 * Masks and acks the line, runs the handlers, unmasks it (unless disabled
 * or a ONESHOT thread is still due). An interrupt that arrives while the
 * line is being handled elsewhere is dropped (a level line asserts again).
 *
 * Context: from generic_handle_*() (inside RCU). A line in its common
 * state (handlers, enabled, nothing pending, not ONESHOT, nobody in
 * synchronize_irq()) is handled without the
 * descriptor's lock: the chip calls and the counting hold the line lock
 * only. Otherwise it takes the descriptor's lock and the line lock around
 * chip calls and state changes. Never a lock around the handlers.
 */
void handle_level_irq(struct irq_desc *desc);

/**
 * handle_edge_irq() - flow handler for edge-triggered lines
 * @desc:	the line
 *
 * Acks and runs the handlers. An interrupt that arrives while the line is
 * being handled elsewhere, or while it is disabled, masks it and is kept
 * pending: the running thread replays it, or enable_irq() resends it.
 *
 * Context: as handle_level_irq().
 */
void handle_edge_irq(struct irq_desc *desc);

/**
 * handle_fasteoi_irq() - flow handler for controllers with end-of-interrupt
 * @desc:	the line
 *
 * Runs the handlers and sends ->irq_eoi (also for interrupts not run,
 * unless the chip is IRQCHIP_EOI_IF_HANDLED). ONESHOT lines are masked
 * first and unmasked when their threads are done.
 *
 * Context: as handle_level_irq().
 */
void handle_fasteoi_irq(struct irq_desc *desc);

/**
 * handle_simple_irq() - flow handler that does not talk to the chip
 * @desc:	the line
 *
 * Context: as handle_level_irq().
 */
void handle_simple_irq(struct irq_desc *desc);

/**
 * handle_bad_irq() - flow handler for lines that should not fire
 * @desc:	the line
 *
 * Counts the interrupt as unhandled and logs (rate-limited) instead of
 * running handlers.
 *
 * Context: from generic_handle_*() (inside RCU); always takes the
 * descriptor's lock and the line lock.
 */
void handle_bad_irq(struct irq_desc *desc);

/**
 * irq_set_chip_and_handler_name() - set a line's chip and flow handler
 * @irq:	the virq
 * @chip:	the chip (NULL installs no_irq_chip)
 * @handle:	the flow handler; NULL installs handle_bad_irq
 * @name:	name of the flow shown in the interrupts table, or NULL for
 *		the flow handler's own ("level", "edge", ...); not copied
 *
 * A line whose flow handler was never set is handled by the flow that fits
 * its trigger type when it fires: handle_edge_irq for edge types,
 * handle_level_irq for level types, handle_simple_irq for IRQ_TYPE_NONE.
 *
 * Return: 0, -EINVAL for an unallocated virq, -ENOMEM.
 * Context: may sleep; usually from a domain's ->map.
 */
int irq_set_chip_and_handler_name(unsigned int irq, struct irq_chip *chip,
				  irq_flow_handler_t handle, const char *name);

/**
 * irq_set_chip_and_handler() - irq_set_chip_and_handler_name() without name
 * @irq:	the virq
 * @chip:	the chip
 * @handle:	the flow handler
 *
 * Return: as irq_set_chip_and_handler_name().
 * Context: as irq_set_chip_and_handler_name().
 */
int irq_set_chip_and_handler(unsigned int irq, struct irq_chip *chip,
			     irq_flow_handler_t handle);

/**
 * irq_set_handler() - set a line's flow handler
 * @irq:	the virq
 * @handle:	the flow handler; NULL installs handle_bad_irq
 *
 * Return: 0, -EINVAL for an unallocated virq, -ENOMEM.
 * Context: may sleep.
 */
int irq_set_handler(unsigned int irq, irq_flow_handler_t handle);

/**
 * irq_set_handler_locked() - set the flow handler from a chip callback
 * @data:	the line's data
 * @handle:	the flow handler
 *
 * For ->irq_set_type callbacks that switch between edge and level flows.
 * The new handler takes effect with the next interrupt. It cannot fail:
 * a line with a chip has its handling state.
 *
 * Context: from a chip callback the library calls with the line's
 * descriptor lock and line lock held (->irq_set_type, ->activate); debug
 * builds abort when the line lock is not held.
 */
void irq_set_handler_locked(struct irq_data *data, irq_flow_handler_t handle);

/**
 * irq_set_chained_handler_and_data() - make a line a cascade
 * @irq:	the virq of the parent line
 * @handle:	the chained flow handler: it finds the child lines and calls
 *		generic_handle_domain_irq() for each; NULL undoes the cascade
 * @data:	handler data (irq_desc_get_handler_data())
 *
 * The line is activated (irq_domain_activate_irq()) and started up at
 * once, and cannot be requested; the chained handler does its own chip
 * calls (chained_irq_enter()/chained_irq_exit()) and counting.
 *
 * Return: 0, -EINVAL for an unallocated virq or a line with handlers
 * requested, -ENOMEM, or the error of a domain's ->activate (nothing
 * changed).
 * Context: may sleep.
 */
int irq_set_chained_handler_and_data(unsigned int irq,
				     irq_flow_handler_t handle, void *data);

/**
 * irq_set_chained_handler() - irq_set_chained_handler_and_data() without data
 * @irq:	the virq
 * @handle:	the chained flow handler
 *
 * Return: as irq_set_chained_handler_and_data().
 * Context: as irq_set_chained_handler_and_data().
 */
int irq_set_chained_handler(unsigned int irq, irq_flow_handler_t handle);

/**
 * chained_irq_enter() - a chained handler's opening chip calls
 * @chip:	the parent line's chip
 * @desc:	the parent line
 *
 * Masks and acks the parent line, unless the chip has ->irq_eoi.
 *
 * Context: from a chained flow handler.
 */
void chained_irq_enter(struct irq_chip *chip, struct irq_desc *desc);

/**
 * chained_irq_exit() - a chained handler's closing chip calls
 * @chip:	the parent line's chip
 * @desc:	the parent line
 *
 * Sends the parent's end of interrupt when the chip has ->irq_eoi, else
 * unmasks it.
 *
 * Context: from a chained flow handler.
 */
void chained_irq_exit(struct irq_chip *chip, struct irq_desc *desc);

#ifdef __cplusplus
}
#endif

#endif /* IRQMAP_IRQ_H */
