// SPDX-License-Identifier: LGPL-2.1-or-later
/* irqdata.c - per-interrupt data: chips, trigger types, private pointers. */
#include <errno.h>

#include "core.h"
#include "log.h"

struct irq_chip no_irq_chip = {
	.name = "none",
};

static void noop(struct irq_data *data)
{
	(void)data;
}

struct irq_chip dummy_irq_chip = {
	.name = "dummy",
	.irq_mask = noop,
	.irq_unmask = noop,
	.irq_ack = noop,
	.irq_eoi = noop,
};

const char *irqm_type_name(unsigned int type)
{
	switch (type) {
	case IRQ_TYPE_NONE:		return "none";
	case IRQ_TYPE_EDGE_RISING:	return "edge-rising";
	case IRQ_TYPE_EDGE_FALLING:	return "edge-falling";
	case IRQ_TYPE_EDGE_BOTH:	return "edge-both";
	case IRQ_TYPE_LEVEL_HIGH:	return "level-high";
	case IRQ_TYPE_LEVEL_LOW:	return "level-low";
	default:			return "invalid";
	}
}

unsigned int irqd_get_trigger_type(const struct irq_data *d)
{
	return __atomic_load_n(&d->common->state_use_accessors,
			       __ATOMIC_RELAXED) & IRQ_TYPE_SENSE_MASK;
}

void irqd_set_trigger_type(struct irq_data *d, unsigned int type)
{
	unsigned int old = __atomic_load_n(&d->common->state_use_accessors,
					   __ATOMIC_RELAXED);
	unsigned int new;

	do {
		new = (old & ~IRQ_TYPE_SENSE_MASK) | (type & IRQ_TYPE_SENSE_MASK);
	} while (!__atomic_compare_exchange_n(&d->common->state_use_accessors,
					      &old, new, true, __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
}

struct irq_data *irq_get_irq_data(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	return desc ? &desc->irq_data : NULL;
}

unsigned int irq_get_trigger_type(unsigned int irq)
{
	struct irq_data *d;
	unsigned int type = IRQ_TYPE_NONE;

	irqm_rcu_read_lock();
	d = irq_get_irq_data(irq);
	if (d)
		type = irqd_get_trigger_type(d);
	irqm_rcu_read_unlock();
	return type;
}

int irq_set_irq_type(unsigned int irq, unsigned int type)
{
	struct irq_desc *desc = irq_to_desc(irq);
	void *tok;
	int ret = 0;

	if (!desc) {
		irqm_err("virq %u is not allocated", irq);
		return -EINVAL;
	}
	if (type & ~IRQ_TYPE_SENSE_MASK) {
		irqm_err("type 0x%x is outside the sense mask", type);
		return -EINVAL;
	}
	irqm_desc_lock(desc);
	tok = irqm_chip_calls_begin(desc);
	if (desc->irq_data.chip && desc->irq_data.chip->irq_set_type)
		ret = desc->irq_data.chip->irq_set_type(&desc->irq_data, type);
	if (!ret)
		irqd_set_trigger_type(&desc->irq_data, type);
	irqm_chip_calls_end(desc, tok);
	irqm_desc_unlock(desc);
	return ret;
}

int irq_set_chip(unsigned int irq, struct irq_chip *chip)
{
	struct irq_desc *desc = irq_to_desc(irq);
	void *tok;

	if (!desc) {
		irqm_err("virq %u is not allocated", irq);
		return -EINVAL;
	}
	/* A line with a chip has its handling state (internals.h). */
	if (chip && chip != &no_irq_chip && irqm_handling_alloc(desc)) {
		irqm_err("virq %u: out of memory", irq);
		return -ENOMEM;
	}
	irqm_desc_lock(desc);
	tok = irqm_chip_calls_begin(desc);
	irqm_set_chip_ptr(&desc->irq_data, chip ? chip : &no_irq_chip);
	irqm_chip_calls_end(desc, tok);
	irqm_desc_unlock(desc);
	return 0;
}

int irq_set_chip_data(unsigned int irq, void *data)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (!desc) {
		irqm_err("virq %u is not allocated", irq);
		return -EINVAL;
	}
	desc->irq_data.chip_data = data;
	return 0;
}

void *irq_get_chip_data(unsigned int irq)
{
	struct irq_data *d = irq_get_irq_data(irq);

	return d ? d->chip_data : NULL;
}

int irq_set_handler_data(unsigned int irq, void *data)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (!desc) {
		irqm_err("virq %u is not allocated", irq);
		return -EINVAL;
	}
	desc->irq_common_data.handler_data = data;
	return 0;
}

void *irq_get_handler_data(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	return desc ? desc->irq_common_data.handler_data : NULL;
}
