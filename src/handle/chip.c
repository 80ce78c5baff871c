// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * chip.c - talking to an interrupt chip on behalf of a line: mask, unmask,
 * ack, eoi, start-up, shut-down, enable and disable with the kernel's state
 * rules; and setting a line's flow handler.
 */
#include <errno.h>

#include "handle.h"
#include "log.h"

/*
 * Set or clear bits of the line word. Its only writer is the holder of the
 * line lock (line.c), so a load and a store will do: no read-modify-write.
 */
void irqm_state_set(struct irqm_desc_handling *h, unsigned int bits)
{
	irqm_line_lockdep_assert_held(h);
	atomic_store_explicit(&h->state,
			      atomic_load_explicit(&h->state,
						   memory_order_relaxed) | bits,
			      memory_order_relaxed);
}

void irqm_state_clr(struct irqm_desc_handling *h, unsigned int bits)
{
	irqm_line_lockdep_assert_held(h);
	atomic_store_explicit(&h->state,
			      atomic_load_explicit(&h->state,
						   memory_order_relaxed) & ~bits,
			      memory_order_relaxed);
}

void irqm_mask_locked(struct irq_desc *desc, struct irqm_desc_handling *h)
{
	struct irq_chip *chip = irqm_chip_of(desc);

	irqm_line_lockdep_assert_held(h);
	if (irqm_state_test(h, IRQD_IRQ_MASKED))
		return;
	if (chip->irq_mask) {
		chip->irq_mask(&desc->irq_data);
		irqm_state_set(h, IRQD_IRQ_MASKED);
	}
}

void irqm_unmask_locked(struct irq_desc *desc, struct irqm_desc_handling *h)
{
	struct irq_chip *chip = irqm_chip_of(desc);

	irqm_line_lockdep_assert_held(h);
	if (!irqm_state_test(h, IRQD_IRQ_MASKED))
		return;
	if (chip->irq_unmask) {
		chip->irq_unmask(&desc->irq_data);
		irqm_state_clr(h, IRQD_IRQ_MASKED);
	}
}

void irqm_mask_ack_locked(struct irq_desc *desc, struct irqm_desc_handling *h)
{
	struct irq_chip *chip = irqm_chip_of(desc);

	irqm_line_lockdep_assert_held(h);
	if (chip->irq_mask_ack) {
		chip->irq_mask_ack(&desc->irq_data);
		irqm_state_set(h, IRQD_IRQ_MASKED);
		return;
	}
	irqm_mask_locked(desc, h);
	irqm_ack_locked(desc, h);
}

void irqm_ack_locked(struct irq_desc *desc, struct irqm_desc_handling *h)
{
	struct irq_chip *chip = irqm_chip_of(desc);

	irqm_line_lockdep_assert_held(h);
	if (chip->irq_ack)
		chip->irq_ack(&desc->irq_data);
}

void irqm_eoi_locked(struct irq_desc *desc, struct irqm_desc_handling *h)
{
	struct irq_chip *chip = irqm_chip_of(desc);

	irqm_line_lockdep_assert_held(h);
	if (chip->irq_eoi)
		chip->irq_eoi(&desc->irq_data);
}

/*
 * Mark the line disabled. Lazy, as the kernel: the chip hears of it now
 * only through ->irq_disable or when @mask asks for it; otherwise the flow
 * handler masks the line when an interrupt comes in while disabled.
 */
void irqm_disable_locked(struct irq_desc *desc, struct irqm_desc_handling *h,
			 bool mask)
{
	struct irq_chip *chip = irqm_chip_of(desc);

	irqm_line_lockdep_assert_held(h);
	if (irqm_state_test(h, IRQD_IRQ_DISABLED)) {
		if (mask)
			irqm_mask_locked(desc, h);
		return;
	}
	irqm_state_set(h, IRQD_IRQ_DISABLED);
	if (chip->irq_disable) {
		chip->irq_disable(&desc->irq_data);
		irqm_state_set(h, IRQD_IRQ_MASKED);
	} else if (mask) {
		irqm_mask_locked(desc, h);
	}
}

void irqm_enable_locked(struct irq_desc *desc, struct irqm_desc_handling *h)
{
	struct irq_chip *chip = irqm_chip_of(desc);

	irqm_line_lockdep_assert_held(h);
	if (!irqm_state_test(h, IRQD_IRQ_DISABLED)) {
		irqm_unmask_locked(desc, h);
		return;
	}
	irqm_state_clr(h, IRQD_IRQ_DISABLED);
	if (chip->irq_enable) {
		chip->irq_enable(&desc->irq_data);
		irqm_state_clr(h, IRQD_IRQ_MASKED);
	} else {
		irqm_unmask_locked(desc, h);
	}
}

/*
 * Should an interrupt kept pending be delivered again? Level lines assert
 * again by themselves: their pending state is dropped. Returns true when
 * the caller must call irqm_resend() after dropping desc->lock.
 */
bool irqm_check_resend_locked(struct irq_desc *desc,
			      struct irqm_desc_handling *h)
{
	irqm_line_lockdep_assert_held(h);
	if (irqd_get_trigger_type(&desc->irq_data) & IRQ_TYPE_LEVEL_MASK) {
		h->istate &= ~IRQS_PENDING;
		return false;
	}
	if (h->istate & IRQS_REPLAY)
		return false;
	if (!(h->istate & IRQS_PENDING))
		return false;
	h->istate &= ~IRQS_PENDING;
	h->istate |= IRQS_REPLAY;
	return true;
}

/* Start the line up: depth 0, enabled, unmasked. Returns "resend". */
bool irqm_startup_locked(struct irq_desc *desc, struct irqm_desc_handling *h)
{
	struct irq_chip *chip = irqm_chip_of(desc);

	irqm_line_lockdep_assert_held(h);
	h->depth = 0;
	if (!h->started && chip->irq_startup) {
		chip->irq_startup(&desc->irq_data);
		irqm_state_clr(h, IRQD_IRQ_DISABLED | IRQD_IRQ_MASKED);
	} else {
		irqm_enable_locked(desc, h);
	}
	irqm_set_started_locked(desc, h, true);
	return irqm_check_resend_locked(desc, h);
}

/* The last handler went: disabled and masked, depth 1. */
void irqm_shutdown_locked(struct irq_desc *desc, struct irqm_desc_handling *h)
{
	struct irq_chip *chip = irqm_chip_of(desc);

	irqm_line_lockdep_assert_held(h);
	h->depth = 1;
	irqm_set_started_locked(desc, h, false);
	if (chip->irq_shutdown) {
		chip->irq_shutdown(&desc->irq_data);
		irqm_state_set(h, IRQD_IRQ_DISABLED | IRQD_IRQ_MASKED);
	} else {
		irqm_disable_locked(desc, h, true);
	}
}

const char *irqm_flow_name(struct irqm_desc_handling *h, struct irq_desc *desc)
{
	irq_flow_handler_t fn;
	const char *name;

	if (!h)
		return "-";
	name = atomic_load_explicit(&h->handler_name, memory_order_acquire);
	if (name)
		return name;
	if (atomic_load_explicit(&h->chained, memory_order_relaxed))
		return "chained";
	fn = irqm_flow_of(desc, h);
	if (fn == handle_level_irq)
		return "level";
	if (fn == handle_edge_irq)
		return "edge";
	if (fn == handle_fasteoi_irq)
		return "fasteoi";
	if (fn == handle_simple_irq)
		return "simple";
	if (fn == handle_bad_irq)
		return "bad";
	return "custom";
}

/*
 * The handling state of an allocated virq, created if missing (the
 * callers return errors); logs for @func.
 */
static struct irqm_desc_handling *handling_for(unsigned int irq,
					       struct irq_desc **descp,
					       const char *func)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irqm_desc_handling *h;

	if (!desc) {
		irqm_log(IRQMAP_LOG_ERR, "%s: virq %u is not allocated", func,
			 irq);
		return NULL;
	}
	*descp = desc;
	if (irqm_handling_alloc(desc)) {
		irqm_log(IRQMAP_LOG_ERR, "%s: virq %u: out of memory", func, irq);
		return NULL;
	}
	h = irqm_handling_of(desc);
	return h;
}

/* Install @handle (NULL: handle_bad_irq, masked and disabled). */
static void set_flow_locked(struct irq_desc *desc,
			    struct irqm_desc_handling *h,
			    irq_flow_handler_t handle, const char *name)
{
	irqm_line_lockdep_assert_held(h);
	atomic_store_explicit(&h->handler_name, name, memory_order_release);
	if (handle) {
		atomic_store_explicit(&h->handle_irq, handle,
				      memory_order_release);
		return;
	}
	atomic_store_explicit(&h->handle_irq, handle_bad_irq,
			      memory_order_release);
	if (desc->irq_data.chip && desc->irq_data.chip != &no_irq_chip)
		irqm_mask_ack_locked(desc, h);
	irqm_state_set(h, IRQD_IRQ_DISABLED);
	h->depth = 1;
	irqm_set_started_locked(desc, h, false);
}

static int set_handler(unsigned int irq, irq_flow_handler_t handle,
		       const char *name, const char *func)
{
	struct irqm_desc_handling *h;
	struct irq_desc *desc = NULL;
	int ret = 0;

	if (!IRQM_READY())
		return -ENODEV;
	irqm_rcu_read_lock();
	h = handling_for(irq, &desc, func);
	if (!h) {
		ret = desc ? -ENOMEM : -EINVAL;
	} else {
		irqm_line_lock(desc, h);
		set_flow_locked(desc, h, handle, name);
		irqm_line_unlock(desc, h);
	}
	irqm_rcu_read_unlock();
	return ret;
}

int irq_set_chip_and_handler_name(unsigned int irq, struct irq_chip *chip,
				  irq_flow_handler_t handle, const char *name)
{
	if (!IRQM_READY())
		return -ENODEV;
	if (!irq_to_desc(irq)) {
		irqm_err("virq %u is not allocated", irq);
		return -EINVAL;
	}
	if (irq_set_chip(irq, chip))
		return -EINVAL;
	return set_handler(irq, handle, name, __func__);
}

int irq_set_chip_and_handler(unsigned int irq, struct irq_chip *chip,
			     irq_flow_handler_t handle)
{
	if (!IRQM_READY())
		return -ENODEV;
	if (!irq_to_desc(irq)) {
		irqm_err("virq %u is not allocated", irq);
		return -EINVAL;
	}
	if (irq_set_chip(irq, chip))
		return -EINVAL;
	return set_handler(irq, handle, NULL, __func__);
}

int irq_set_handler(unsigned int irq, irq_flow_handler_t handle)
{
	return set_handler(irq, handle, NULL, __func__);
}

/*
 * Called from a chip callback, with the line lock held: the line has a
 * chip, so it has its handling state (given with the chip, or before the
 * ->map or ->alloc that set it).
 */
void irq_set_handler_locked(struct irq_data *data, irq_flow_handler_t handle)
{
	struct irqm_desc_handling *h;

	if (!data) {
		irqm_err("NULL irq_data");
		return;
	}
	h = irqm_handling_of(irqm_irqd_to_desc(data));
	if (!h) {
		irqm_err("virq %u has no chip: not called from a chip callback",
			 data->irq);
		return;
	}
	irqm_line_lockdep_assert_held(h);
	atomic_store_explicit(&h->handle_irq, handle ? handle : handle_bad_irq,
			      memory_order_release);
}

void irqm_set_flow_handler(unsigned int irq, irq_flow_handler_t handle,
			   const char *name)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irqm_desc_handling *h = desc ? irqm_handling_of(desc) : NULL;

	if (!h) {
		/* Nothing to reset on a line that never had a state. */
		if (handle)
			irqm_err("virq %u: flow handler set outside ->alloc", irq);
		return;
	}
	irqm_line_lock(desc, h);
	set_flow_locked(desc, h, handle, name);
	irqm_line_unlock(desc, h);
}

int irq_set_chained_handler_and_data(unsigned int irq,
				     irq_flow_handler_t handle, void *data)
{
	struct irqm_desc_handling *h;
	struct irq_desc *desc = NULL;
	int ret = 0;

	if (!IRQM_READY())
		return -ENODEV;
	irqm_rcu_read_lock();
	h = handling_for(irq, &desc, __func__);
	if (!h) {
		irqm_rcu_read_unlock();
		return desc ? -ENOMEM : -EINVAL;
	}
	irqm_mutex_lock(&h->request_mutex);
	if (atomic_load_explicit(&h->action, memory_order_relaxed)) {
		irqm_err("virq %u has handlers requested; free_irq() them first",
			 irq);
		ret = -EINVAL;
		goto out;
	}
	irqm_line_lock(desc, h);
	/* As request_irq(): activated before it is started up. */
	ret = handle ? irqm_activate_locked(desc) : 0;
	if (!ret) {
		desc->irq_common_data.handler_data = data;
		atomic_store_explicit(&h->chained, handle != NULL,
				      memory_order_relaxed);
		set_flow_locked(desc, h, handle, NULL);
		if (handle)
			irqm_startup_locked(desc, h);
	}
	irqm_line_unlock(desc, h);
	if (ret)
		irqm_err("virq %u: activation failed: %d", irq, ret);
out:
	irqm_mutex_unlock(&h->request_mutex);
	irqm_rcu_read_unlock();
	return ret;
}

int irq_set_chained_handler(unsigned int irq, irq_flow_handler_t handle)
{
	return irq_set_chained_handler_and_data(irq, handle,
						irq_get_handler_data(irq));
}

bool irqd_irq_disabled(struct irq_data *d)
{
	struct irq_desc *desc = irqm_irqd_to_desc(d);
	struct irqm_desc_handling *h = irqm_handling_of(desc);

	return h ? irqm_state_test(h, IRQD_IRQ_DISABLED) :
		   irqm_pristine_depth(desc) != 0;
}

bool irqd_irq_masked(struct irq_data *d)
{
	struct irq_desc *desc = irqm_irqd_to_desc(d);
	struct irqm_desc_handling *h = irqm_handling_of(desc);

	return h ? irqm_state_test(h, IRQD_IRQ_MASKED) :
		   irqm_pristine_depth(desc) != 0;
}

bool irqd_is_started(struct irq_data *d)
{
	return __atomic_load_n(&d->common->state_use_accessors,
			       __ATOMIC_RELAXED) & IRQD_IRQ_STARTED;
}

bool irqd_irq_inprogress(struct irq_data *d)
{
	struct irqm_desc_handling *h = irqm_handling_of(irqm_irqd_to_desc(d));

	return h ? irqm_state_test(h, IRQD_IRQ_INPROGRESS) : false;
}

void chained_irq_enter(struct irq_chip *chip, struct irq_desc *desc)
{
	if (!chip || chip->irq_eoi)
		return;
	if (chip->irq_mask_ack) {
		chip->irq_mask_ack(&desc->irq_data);
	} else {
		if (chip->irq_mask)
			chip->irq_mask(&desc->irq_data);
		if (chip->irq_ack)
			chip->irq_ack(&desc->irq_data);
	}
}

void chained_irq_exit(struct irq_chip *chip, struct irq_desc *desc)
{
	if (!chip)
		return;
	if (chip->irq_eoi)
		chip->irq_eoi(&desc->irq_data);
	else if (chip->irq_unmask)
		chip->irq_unmask(&desc->irq_data);
}
