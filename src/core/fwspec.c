// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * fwspec.c - mapping firmware interrupt specifiers, and the stock
 * translation helpers for one- and two-cell controllers.
 */
#include <errno.h>
#include <stdio.h>

#include "core.h"
#include "log.h"

int irq_domain_xlate_onecell(struct irq_domain *d, struct fwnode_handle *node,
			     const uint32_t *intspec, unsigned int intsize,
			     unsigned long *out_hwirq, unsigned int *out_type)
{
	if (intsize < 1)
		return -EINVAL;
	*out_hwirq = intspec[0];
	*out_type = IRQ_TYPE_NONE;
	return 0;
}

int irq_domain_xlate_twocell(struct irq_domain *d, struct fwnode_handle *node,
			     const uint32_t *intspec, unsigned int intsize,
			     unsigned long *out_hwirq, unsigned int *out_type)
{
	if (intsize < 2)
		return -EINVAL;
	*out_hwirq = intspec[0];
	*out_type = intspec[1] & IRQ_TYPE_SENSE_MASK;
	return 0;
}

int irq_domain_xlate_onetwocell(struct irq_domain *d,
				struct fwnode_handle *node,
				const uint32_t *intspec, unsigned int intsize,
				unsigned long *out_hwirq,
				unsigned int *out_type)
{
	if (intsize < 1)
		return -EINVAL;
	*out_hwirq = intspec[0];
	*out_type = intsize > 1 ? intspec[1] & IRQ_TYPE_SENSE_MASK
				: IRQ_TYPE_NONE;
	return 0;
}

int irq_domain_translate_onecell(struct irq_domain *d,
				 struct irq_fwspec *fwspec,
				 unsigned long *out_hwirq,
				 unsigned int *out_type)
{
	if (fwspec->param_count < 1)
		return -EINVAL;
	*out_hwirq = fwspec->param[0];
	*out_type = IRQ_TYPE_NONE;
	return 0;
}

int irq_domain_translate_twocell(struct irq_domain *d,
				 struct irq_fwspec *fwspec,
				 unsigned long *out_hwirq,
				 unsigned int *out_type)
{
	if (fwspec->param_count < 2)
		return -EINVAL;
	*out_hwirq = fwspec->param[0];
	*out_type = fwspec->param[1] & IRQ_TYPE_SENSE_MASK;
	return 0;
}

const struct irq_domain_ops irq_domain_simple_ops = {
	.xlate = irq_domain_xlate_onetwocell,
};

/* ->translate, else ->xlate, else the first cell is the hwirq. */
int irqm_domain_translate(struct irq_domain *d, struct irq_fwspec *fwspec,
			  irq_hw_number_t *hwirq, unsigned int *type)
{
	*type = IRQ_TYPE_NONE;
	if (d->ops->translate)
		return d->ops->translate(d, fwspec, hwirq, type);
	if (d->ops->xlate)
		return d->ops->xlate(d, fwspec->fwnode, fwspec->param,
				     (unsigned int)fwspec->param_count, hwirq,
				     type);
	if (fwspec->param_count < 1)
		return -EINVAL;
	*hwirq = fwspec->param[0];
	return 0;
}

/* The cells of @fwspec, as "0x1 0x2a 0x4", for messages. */
static const char *cells_str(const struct irq_fwspec *fwspec, char *buf,
			     size_t len)
{
	size_t pos = 0;

	buf[0] = '\0';
	for (int i = 0; i < fwspec->param_count && pos < len; i++)
		pos += (size_t)snprintf(buf + pos, len - pos, "%s0x%x",
					i ? " " : "", fwspec->param[i]);
	return buf;
}

unsigned int irq_create_fwspec_mapping(struct irq_fwspec *fwspec)
{
	return irqm_create_fwspec_mapping(fwspec, __builtin_return_address(0));
}

/* As irq_create_fwspec_mapping(); @caller is recorded with the reference. */
unsigned int irqm_create_fwspec_mapping(struct irq_fwspec *fwspec,
					const void *caller)
{
	return irqm_create_fwspec_mapping_hint(fwspec, NULL, caller);
}

/*
 * As irqm_create_fwspec_mapping(), with *@hint (when not NULL) as the
 * domain instead of a search of every domain: the device-tree layer knows
 * its controllers' domains. *@hint is read inside the RCU section, and
 * irq_domain_remove() clears it (irqm_of_domain_removed()) before the grace
 * period after which the domain is freed, so a domain read from it is
 * still there while the section lasts.
 */
unsigned int irqm_create_fwspec_mapping_hint(struct irq_fwspec *fwspec,
					     struct irq_domain *const *hint,
					     const void *caller)
{
	struct irq_domain *d;
	irq_hw_number_t hwirq;
	unsigned int type;
	unsigned int virq;
	int ret;

	if (!irqm_check_ready("irq_create_fwspec_mapping"))
		return 0;
	if (!fwspec) {
		irqm_log(IRQMAP_LOG_ERR, "irq_create_fwspec_mapping: NULL fwspec");
		return 0;
	}
	if (fwspec->param_count < 0 ||
	    fwspec->param_count > IRQ_DOMAIN_IRQ_SPEC_PARAMS) {
		irqm_log(IRQMAP_LOG_ERR,
			 "irq_create_fwspec_mapping: param_count %d outside 0..%d",
			 fwspec->param_count, IRQ_DOMAIN_IRQ_SPEC_PARAMS);
		return 0;
	}
	/*
	 * Stay in an RCU section from lookup to mapping, so a concurrent
	 * irq_domain_remove() cannot free the domain before we hold its
	 * mutex; once held, the remove sees our mapping and refuses.
	 */
	irqm_rcu_read_lock();
	/* the hint, when it is set, is the domain a search would find */
	d = hint ? __atomic_load_n(hint, __ATOMIC_ACQUIRE) : NULL;
	if (!d && fwspec->fwnode) {
		d = irq_find_matching_fwspec(fwspec, DOMAIN_BUS_WIRED);
		if (!d)
			d = irq_find_matching_fwspec(fwspec, DOMAIN_BUS_ANY);
	} else if (!d) {
		d = atomic_load(&irqm.default_domain);
	}
	if (!d) {
		irqm_rcu_read_unlock();
		irqm_log(IRQMAP_LOG_ERR,
			 "irq_create_fwspec_mapping: no irq domain found for %s",
			 fwspec->fwnode && fwspec->fwnode->name ?
			 fwspec->fwnode->name : "(no fwnode)");
		return 0;
	}
	ret = irqm_domain_translate(d, fwspec, &hwirq, &type);
	if (ret) {
		char cells[IRQ_DOMAIN_IRQ_SPEC_PARAMS * 11 + 1];

		irqm_rcu_read_unlock();
		irqm_log(IRQMAP_LOG_ERR,
			 "irq_create_fwspec_mapping: domain %s cannot translate a %d-cell specifier <%s>: %d",
			 d->name, fwspec->param_count,
			 cells_str(fwspec, cells, sizeof(cells)), ret);
		return 0;
	}
	if (type & ~IRQ_TYPE_SENSE_MASK) {
		irqm_rcu_read_unlock();
		irqm_log(IRQMAP_LOG_ERR,
			 "irq_create_fwspec_mapping: domain %s translated hwirq %lu to type 0x%x, outside the sense mask",
			 d->name, hwirq, type);
		return 0;
	}
	virq = irqm_create_mapping(d, hwirq, type, fwspec, caller);
	irqm_rcu_read_unlock();
	return virq;
}
