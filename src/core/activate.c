// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * activate.c - activation of an interrupt through its hierarchy: parents
 * first on the way up, children first on the way down.
 */
#include <errno.h>

#include "core.h"
#include "log.h"

static bool activated(const struct irq_data *d)
{
	return __atomic_load_n(&d->common->state_use_accessors,
			       __ATOMIC_RELAXED) & IRQD_ACTIVATED;
}

static void set_activated(struct irq_data *d, bool on)
{
	if (on)
		__atomic_fetch_or(&d->common->state_use_accessors,
				  IRQD_ACTIVATED, __ATOMIC_RELAXED);
	else
		__atomic_fetch_and(&d->common->state_use_accessors,
				   ~IRQD_ACTIVATED, __ATOMIC_RELAXED);
}

static void deactivate_level(struct irq_data *d)
{
	if (!d || !d->domain)
		return;
	if (d->domain->ops->deactivate)
		d->domain->ops->deactivate(d->domain, d);
	deactivate_level(d->parent_data);
}

static int activate_level(struct irq_data *d, bool reserve)
{
	int ret = 0;

	if (!d || !d->domain)
		return 0;
	ret = activate_level(d->parent_data, reserve);
	if (!ret && d->domain->ops->activate) {
		ret = d->domain->ops->activate(d->domain, d, reserve);
		if (ret)
			deactivate_level(d->parent_data);
	}
	return ret;
}

/**
 * irqm_activate_locked() - activate a line through its hierarchy
 * @desc:	the line's descriptor
 *
 * Return: 0 (also when it was activated already), or the error of the
 * first ->activate that failed, with every level below it deactivated.
 * Context: descriptor lock and line lock held (irqm_line_lock(), or the
 * descriptor lock and irqm_chip_calls_begin()).
 */
int irqm_activate_locked(struct irq_desc *desc)
{
	struct irq_data *d = &desc->irq_data;
	int ret;

	irqm_lockdep_assert_held(irqm_desc_lock_of(desc));
	if (activated(d))
		return 0;
	ret = activate_level(d, false);
	if (!ret)
		set_activated(d, true);
	return ret;
}

/**
 * irqm_deactivate_locked() - deactivate a line, children first
 * @desc:	the line's descriptor
 *
 * Context: as irqm_activate_locked().
 */
void irqm_deactivate_locked(struct irq_desc *desc)
{
	struct irq_data *d = &desc->irq_data;

	irqm_lockdep_assert_held(irqm_desc_lock_of(desc));
	if (!activated(d))
		return;
	deactivate_level(d);
	set_activated(d, false);
}

bool irqd_is_activated(struct irq_data *d)
{
	return d && activated(d);
}

int irq_domain_activate_irq(struct irq_data *irq_data, bool reserve)
{
	struct irq_desc *desc;
	void *tok;
	int ret = 0;

	if (!irq_data) {
		irqm_err("NULL irq_data");
		return -EINVAL;
	}
	desc = irq_to_desc(irq_data->irq);
	if (!desc) {
		irqm_err("virq %u is not allocated", irq_data->irq);
		return -EINVAL;
	}
	irqm_desc_lock(desc);
	tok = irqm_chip_calls_begin(desc);
	if (!activated(irq_data)) {
		ret = activate_level(irq_data, reserve);
		if (!ret)
			set_activated(irq_data, true);
	}
	irqm_chip_calls_end(desc, tok);
	irqm_desc_unlock(desc);
	return ret;
}

void irq_domain_deactivate_irq(struct irq_data *irq_data)
{
	struct irq_desc *desc;
	void *tok;

	if (!irq_data)
		return;
	desc = irq_to_desc(irq_data->irq);
	if (!desc)
		return;
	irqm_desc_lock(desc);
	tok = irqm_chip_calls_begin(desc);
	if (activated(irq_data)) {
		deactivate_level(irq_data);
		set_activated(irq_data, false);
	}
	irqm_chip_calls_end(desc, tok);
	irqm_desc_unlock(desc);
}
