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
 * Map @args, already checked, whose controller is node @ctrl (args->np);
 * failures are logged by the core. @caller is the code the reference is
 * recorded for (IRQMAP_DEBUG_REFS).
 */
static unsigned int map_caller(struct of_phandle_args *args, int ctrl,
			       const void *caller)
{
	struct irq_fwspec fwspec = { 0 };

	fwspec.fwnode = &args->tree->nodes[ctrl].fwnode;
	fwspec.param_count = args->args_count;
	for (int i = 0; i < args->args_count; i++)
		fwspec.param[i] = args->args[i];
	return irqm_create_fwspec_mapping(&fwspec, caller);
}

unsigned int irqm_of_map(struct of_phandle_args *args, int ctrl)
{
	return map_caller(args, ctrl, __builtin_return_address(0));
}

unsigned int irq_create_of_mapping(struct of_phandle_args *irq_data)
{
	int ctrl;

	if (!irq_data) {
		irqm_log(IRQMAP_LOG_ERR, "%s: NULL irq_data", __func__);
		return 0;
	}
	ctrl = irqm_of_checked_idx(irq_data->tree, irq_data->np, __func__);
	if (ctrl < 0)
		return 0;
	if (irq_data->args_count < 0 ||
	    irq_data->args_count > IRQ_DOMAIN_IRQ_SPEC_PARAMS) {
		irqm_log(IRQMAP_LOG_ERR, "%s: %s: args_count %d outside 0..%d",
			 __func__, irqm_of_path(irq_data->tree, ctrl),
			 irq_data->args_count, IRQ_DOMAIN_IRQ_SPEC_PARAMS);
		return 0;
	}
	return map_caller(irq_data, ctrl, __builtin_return_address(0));
}

unsigned int irq_of_parse_and_map(struct irqmap_of *tree, int node, int index)
{
	struct of_phandle_args args;
	int ctrl = irqm_of_parse_one_logged(tree, node, index, &args);

	if (ctrl < 0)
		return 0;
	return map_caller(&args, ctrl, __builtin_return_address(0));
}

unsigned int of_irq_parse_and_map_pci(struct irqmap_of *tree, int bridge,
				      unsigned int devfn, unsigned int pin)
{
	struct of_phandle_args args;
	int ctrl = irqm_of_parse_pci_logged(tree, bridge, devfn, pin, &args);

	if (ctrl < 0)
		return 0;
	return map_caller(&args, ctrl, __builtin_return_address(0));
}
