// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mapping.c - turning a resolved specifier into a reference-counted
 * mapping: the controller node's fwnode and the cells become an irq_fwspec
 * for irq_create_fwspec_mapping(), which finds the domain, translates, and
 * either maps the line or takes one more reference on its mapping.
 */
#include <errno.h>

#include "core.h"
#include "log.h"
#include "of.h"

/*
 * Map @args, already checked; failures are logged by the core. @caller is
 * the code the reference is recorded for (IRQMAP_DEBUG_REFS).
 */
unsigned int irqm_of_map_caller(struct of_phandle_args *args,
				const void *caller)
{
	struct irqmap_of *t = args->tree;
	struct irq_fwspec fwspec = { 0 };
	int idx = irqm_of_offset_to_idx(t, args->np);

	fwspec.fwnode = &t->nodes[idx].fwnode;
	fwspec.param_count = args->args_count;
	for (int i = 0; i < args->args_count; i++)
		fwspec.param[i] = args->args[i];
	return irqm_create_fwspec_mapping(&fwspec, caller);
}

unsigned int irqm_of_map(struct of_phandle_args *args)
{
	return irqm_of_map_caller(args, __builtin_return_address(0));
}

unsigned int irq_create_of_mapping(struct of_phandle_args *irq_data)
{
	if (!irq_data) {
		irqm_log(IRQMAP_LOG_ERR, "%s: NULL irq_data", __func__);
		return 0;
	}
	if (irqm_of_checked_idx(irq_data->tree, irq_data->np, __func__) < 0)
		return 0;
	if (irq_data->args_count < 0 ||
	    irq_data->args_count > IRQ_DOMAIN_IRQ_SPEC_PARAMS) {
		irqm_log(IRQMAP_LOG_ERR, "%s: %s: args_count %d outside 0..%d",
			 __func__, irqmap_of_node_path(irq_data->tree, irq_data->np),
			 irq_data->args_count, IRQ_DOMAIN_IRQ_SPEC_PARAMS);
		return 0;
	}
	return irqm_of_map_caller(irq_data, __builtin_return_address(0));
}

unsigned int irq_of_parse_and_map(struct irqmap_of *tree, int node, int index)
{
	struct of_phandle_args args;

	if (of_irq_parse_one(tree, node, index, &args))
		return 0;
	return irqm_of_map_caller(&args, __builtin_return_address(0));
}

unsigned int of_irq_parse_and_map_pci(struct irqmap_of *tree, int bridge,
				      unsigned int devfn, unsigned int pin)
{
	struct of_phandle_args args;

	if (of_irq_parse_pci(tree, bridge, devfn, pin, &args))
		return 0;
	return irqm_of_map_caller(&args, __builtin_return_address(0));
}
