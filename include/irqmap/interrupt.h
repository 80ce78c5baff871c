/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * irqmap/interrupt.h - requesting interrupts and handling them.
 *
 * A driver asks for an interrupt with request_irq() or
 * request_threaded_irq(), giving a handler and a dev_id that identifies the
 * request; free_irq() with the same dev_id gives it back. Names, flag values
 * and semantics follow the Linux kernel's include/linux/interrupt.h and
 * kernel/irq/manage.c; docs/handling.md describes the model and the few
 * differences.
 *
 * An interrupt is delivered by the controller model calling
 * generic_handle_domain_irq() or generic_handle_irq() (irqmap/irqdesc.h).
 * That path takes no lock to find the line and walks the handlers under
 * RCU; the line's flow handler (irqmap/irq.h) talks to the chip, without
 * the descriptor's lock when the line is in its common state.
 *
 * Lifetime: a line that has handlers cannot lose its mapping. The order is
 *
 *	virq = irq_create_mapping(domain, hwirq);
 *	request_irq(virq, handler, flags, "name", dev);
 *	...
 *	free_irq(virq, dev);
 *	irq_dispose_mapping(virq);
 *
 * irq_dispose_mapping() of the last reference while handlers are still
 * requested returns -EBUSY and keeps the mapping and that reference.
 *
 * Contexts used in the comments below:
 *  - "handler": a primary handler, called by the thread that delivers the
 *    interrupt, inside an RCU read-side section, with no library lock held;
 *  - "thread": a threaded handler (thread_fn), on the action's own thread;
 *  - "may sleep": blocks on locks, waits for grace periods or threads.
 * Every caller-caused failure logs one line through the log handler
 * (irqmap/irqmap.h) naming the function and the problem.
 */
#ifndef IRQMAP_INTERRUPT_H
#define IRQMAP_INTERRUPT_H

#include <stdio.h>

#include <irqmap/irq.h>
#include <irqmap/irqdesc.h>

#ifdef __cplusplus
extern "C" {
#endif

struct irq_domain;

/**
 * enum irqreturn - what a handler did
 * @IRQ_NONE:		the interrupt was not from this device
 * @IRQ_HANDLED:	the interrupt was handled
 * @IRQ_WAKE_THREAD:	run the action's threaded handler
 */
enum irqreturn {
	IRQ_NONE = 0,
	IRQ_HANDLED = 1 << 0,
	IRQ_WAKE_THREAD = 1 << 1,
};

/** typedef irqreturn_t - what a handler returns: an enum irqreturn */
typedef enum irqreturn irqreturn_t;

/* IRQ_HANDLED when @x is true, else IRQ_NONE. */
#define IRQ_RETVAL(x) ((x) ? IRQ_HANDLED : IRQ_NONE)

/**
 * typedef irq_handler_t - a primary or threaded interrupt handler
 * @irq:	the virq that fired
 * @dev_id:	the dev_id given when the handler was requested
 *
 * Return: IRQ_NONE, IRQ_HANDLED or (primary handlers only) IRQ_WAKE_THREAD.
 */
typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

/*
 * Request flags, with the kernel's values. The trigger flags choose the
 * line's trigger type; IRQF_TRIGGER_NONE keeps the type the line has.
 */
#define IRQF_TRIGGER_NONE	0x00000000ul
#define IRQF_TRIGGER_RISING	0x00000001ul
#define IRQF_TRIGGER_FALLING	0x00000002ul
#define IRQF_TRIGGER_HIGH	0x00000004ul
#define IRQF_TRIGGER_LOW	0x00000008ul
#define IRQF_TRIGGER_MASK	(IRQF_TRIGGER_HIGH | IRQF_TRIGGER_LOW | \
				 IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING)
/* Allow the line to be shared; every user must say so. */
#define IRQF_SHARED		0x00000080ul
/* A sharing mismatch is expected: fail quietly (debug-level message). */
#define IRQF_PROBE_SHARED	0x00000100ul
/* Keep the line masked until the threaded handler has returned. */
#define IRQF_ONESHOT		0x00002000ul
/* Never thread this handler (recorded; nothing is force-threaded here). */
#define IRQF_NO_THREAD		0x00010000ul

/**
 * request_threaded_irq() - install a handler, optionally with a thread
 * @irq:	the virq; it must be mapped (irq_create_mapping() and friends)
 * @handler:	primary handler, called for every interrupt on the delivering
 *		thread; NULL with @thread_fn means "always wake the thread",
 *		which needs IRQF_ONESHOT (unless the chip is
 *		IRQCHIP_ONESHOT_SAFE)
 * @thread_fn:	threaded handler, run on a thread of its own (one per
 *		action) after @handler returned IRQ_WAKE_THREAD; or NULL
 * @irqflags:	IRQF_*
 * @devname:	name shown in the interrupts table and returned by free_irq();
 *		not copied: it must live until free_irq()
 * @dev_id:	identifies this request for free_irq() and is passed to the
 *		handlers; required (non-NULL) with IRQF_SHARED
 *
 * The first handler of a line sets its trigger type (when the flags name
 * one), resets the spurious-interrupt accounting and starts the line up
 * (disable depth 0, unmasked). Further handlers need IRQF_SHARED on both
 * sides, the same trigger type and the same IRQF_ONESHOT; they run after
 * the existing ones, in registration order.
 *
 * Return: 0, or -EINVAL (virq 0, unmapped virq, no handler at all, shared
 * without dev_id, handler NULL without IRQF_ONESHOT, a line with a chained
 * handler), -EBUSY (sharing refused: flags or trigger type disagree; or
 * every ONESHOT thread slot of the line in use), -ENOMEM, -EAGAIN (no
 * thread), -ENODEV before irqmap_init(), or the chip's ->irq_set_type error.
 * Nothing changes on failure.
 * Context: may sleep (takes the line's request mutex and, briefly, the
 * root domain's mutex; starts a thread); not from a primary handler, as in
 * the kernel; threaded handlers may call it. It never waits for a grace
 * period, so it may be called inside irqmap_read_lock(). Serialised per
 * line with free_irq().
 */
int request_threaded_irq(unsigned int irq, irq_handler_t handler,
			 irq_handler_t thread_fn, unsigned long irqflags,
			 const char *devname, void *dev_id);

/**
 * request_irq() - install a handler on a line
 * @irq:	the virq
 * @handler:	the handler (required)
 * @flags:	IRQF_*
 * @name:	name shown in the interrupts table (not copied)
 * @dev_id:	identifies the request; required with IRQF_SHARED
 *
 * request_threaded_irq() without a thread.
 *
 * Return: as request_threaded_irq().
 * Context: as request_threaded_irq().
 */
int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id);

/**
 * free_irq() - remove the handler installed with @dev_id
 * @irq:	the virq
 * @dev_id:	the dev_id given at request time
 *
 * Unlinks the first action of @irq whose dev_id is @dev_id; the last one
 * shuts the line down (masked, disable depth 1). Then waits until no thread
 * can still be running its handler (an RCU grace period: every delivery in
 * progress has finished), stops the action's thread after a last run of its
 * threaded handler when one was due, and frees the action. When free_irq()
 * returns, neither handler is called again; the other actions of the line
 * keep receiving interrupts throughout. Call it before the
 * irq_dispose_mapping() that drops the last reference.
 *
 * Return: the devname given at request time (possibly NULL), or NULL with a
 * message when @irq has no action with @dev_id (nothing changes), when
 * called from a handler or inside irqmap_read_lock(), or from the action's
 * own threaded handler.
 * Context: may sleep; waits for a grace period and joins a thread: never
 * inside irqmap_read_lock() or from a primary handler. Takes the line's
 * request mutex and the descriptor's lock, not both while waiting.
 */
const void *free_irq(unsigned int irq, void *dev_id);

/**
 * disable_irq_nosync() - disable a line without waiting
 * @irq:	the virq
 *
 * Increments the line's disable depth; going from 0 to 1 disables it
 * (lazily, as the kernel: the chip is told at once only when it has
 * ->irq_disable, otherwise the line is masked when an interrupt arrives
 * while disabled). Handlers already running keep running. Every call must
 * be balanced by enable_irq().
 *
 * Context: any, handlers and irqmap_read_lock() included; takes the
 * descriptor's lock briefly. Logs and does nothing for an unallocated virq.
 */
void disable_irq_nosync(unsigned int irq);

/**
 * disable_irq() - disable a line and wait for its handlers
 * @irq:	the virq
 *
 * disable_irq_nosync(), then synchronize_irq().
 *
 * Context: may sleep; not inside irqmap_read_lock() (a threaded handler
 * it waits for may be waiting for a grace period). Called from a handler or
 * the threaded handler of the same line it would wait for itself: it logs
 * and does not wait. Briefly takes the root domain's mutex to keep the
 * mapping while it waits.
 */
void disable_irq(unsigned int irq);

/**
 * enable_irq() - undo one disable_irq()
 * @irq:	the virq
 *
 * Decrements the disable depth; reaching 0 enables and unmasks the line
 * and, for an edge line that got an interrupt while disabled, delivers it
 * again on the calling thread (the kernel's software resend). An enable
 * without a matching disable is reported ("unbalanced enable") and ignored.
 *
 * Context: any, handlers and irqmap_read_lock() included; takes the
 * descriptor's lock briefly; the resend runs the line's handlers on the
 * calling thread.
 */
void enable_irq(unsigned int irq);

/**
 * synchronize_irq() - wait for the handlers of a line to finish
 * @irq:	the virq
 *
 * Waits until no primary handler of @irq is running and no threaded handler
 * is running or due. Does not keep new interrupts away: disable the line
 * first for that.
 *
 * Context: may sleep (takes the descriptor's lock and waits on it); not
 * inside irqmap_read_lock(). From a handler or threaded handler of the same
 * line it logs and returns at once. An unmapped line has no handlers: it
 * returns at once.
 */
void synchronize_irq(unsigned int irq);

/*
 * CPUs. A thread that delivers interrupts says which CPU it stands for, so
 * that counts land in that CPU's column; threads that never say are CPU 0.
 */

/* The most CPUs irqmap_set_nr_cpus() accepts. */
#define IRQMAP_NR_CPUS_MAX 256u
/* The highest CPU number + 1 a thread may take before irqmap_set_nr_cpus(). */
#define IRQMAP_NR_CPUS_DEFAULT_MAX 64u

/**
 * irqmap_set_nr_cpus() - fix the number of CPUs
 * @nr:		1 to IRQMAP_NR_CPUS_MAX
 *
 * Without it, CPUs 0 to IRQMAP_NR_CPUS_DEFAULT_MAX - 1 may be taken and
 * irqmap_nr_cpus() grows with the highest one taken. Process-wide; kept
 * across irqmap_exit(). Call it before threads take their CPUs.
 *
 * Return: 0, or -EINVAL for @nr out of range.
 * Context: any.
 */
int irqmap_set_nr_cpus(unsigned int nr);

/**
 * irqmap_nr_cpus() - the number of CPUs (columns of the interrupts table)
 *
 * Return: the value set by irqmap_set_nr_cpus(), else the highest CPU
 * taken with irqmap_set_cpu() plus one (at least 1).
 * Context: any; lock-free.
 */
unsigned int irqmap_nr_cpus(void);

/**
 * irqmap_set_cpu() - say which CPU the calling thread stands for
 * @cpu:	below irqmap_set_nr_cpus()'s value, or below
 *		IRQMAP_NR_CPUS_DEFAULT_MAX when it was not called
 *
 * Out-of-range numbers are logged and ignored (the thread keeps its CPU).
 * Context: any; affects the calling thread only.
 */
void irqmap_set_cpu(unsigned int cpu);

/**
 * irqmap_get_cpu() - the CPU the calling thread stands for
 *
 * Return: the CPU set with irqmap_set_cpu(), 0 when the thread never set one.
 * Context: any.
 */
unsigned int irqmap_get_cpu(void);

/**
 * struct irqmap_irq_stats - what happened on one line
 * @count:	interrupts the flow handler accepted (kstat_irqs()); one
 *		taken without the descriptor's lock is counted when its run
 *		ends, so a handler may not see its own interrupt here
 * @handled:	runs of the handler chain in which some handler returned
 *		IRQ_HANDLED or IRQ_WAKE_THREAD
 * @unhandled:	runs in which every handler returned IRQ_NONE (and
 *		interrupts taken by handle_bad_irq())
 * @deferred:	interrupts not run when delivered: the line was already
 *		being handled on another thread, disabled, or had no handler
 *		(edge lines keep them pending and run them later)
 * @replayed:	extra runs made by the edge flow handler for interrupts that
 *		arrived while it was running
 * @resent:	pending interrupts delivered again by enable_irq() or by a
 *		request starting the line up
 * @depth:	disable depth (0: enabled)
 * @nr_actions:	handlers installed
 * @disabled:	the line is disabled
 * @masked:	the line is masked at the chip
 * @spurious_disabled: disabled because nobody handled it (note_interrupt)
 *
 * Every delivery is counted once, as @count or @deferred, and every run
 * once, as @handled or @unhandled, so that
 *
 *	delivered + @resent == @count + @deferred
 *	@count + @replayed == @handled + @unhandled
 *
 * where "delivered" is the number of generic_handle_*() calls that
 * reached the line.
 */
struct irqmap_irq_stats {
	unsigned long count;
	unsigned long handled;
	unsigned long unhandled;
	unsigned long deferred;
	unsigned long replayed;
	unsigned long resent;
	unsigned int depth;
	unsigned int nr_actions;
	bool disabled;
	bool masked;
	bool spurious_disabled;
};

/**
 * irqmap_irq_stats() - a snapshot of a line's counters and state
 * @irq:	the virq
 * @st:		filled in
 *
 * Return: 0, -EINVAL for a NULL @st or an unallocated virq, -ENODEV before
 * irqmap_init().
 * Context: takes the descriptor's lock and the line lock briefly (never
 * held long); allowed inside irqmap_read_lock(). Counters are summed over
 * CPUs without stopping them: take the snapshot when nothing is delivered
 * for exact identities.
 */
int irqmap_irq_stats(unsigned int irq, struct irqmap_irq_stats *st);

/**
 * irqmap_domain_spurious() - interrupts delivered to unmapped lines
 * @domain:	the domain
 *
 * Counts the generic_handle_domain_irq() calls on @domain that found no
 * mapping, and the interrupts delivered to lines of @domain that have no
 * chip, no flow handler and no handler, since the domain was created.
 *
 * Return: the count (0 for NULL).
 * Context: any; lock-free.
 */
unsigned long irqmap_domain_spurious(struct irq_domain *domain);

/**
 * irqmap_show_spurious() - print the spurious-interrupt counters
 * @f:	where to print
 *
 * One line "ERR: N" for deliveries to virqs that do not exist and to a
 * NULL domain, then one line per domain that got interrupts on unmapped
 * lines ("domain NAME: N"). The per-line counters (unhandled runs, lines
 * disabled because nobody cared) are in irqmap_show_interrupts().
 *
 * Return: 0, -EINVAL for a NULL @f, -ENODEV before irqmap_init().
 * Context: may sleep.
 */
int irqmap_show_spurious(FILE *f);

#ifdef __cplusplus
}
#endif

#endif /* IRQMAP_INTERRUPT_H */
