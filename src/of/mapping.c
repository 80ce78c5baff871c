// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mapping.c - turning a resolved specifier into a reference-counted
 * mapping: the controller node's fwnode and the cells become an irq_fwspec
 * for irq_create_fwspec_mapping(), which finds the domain, translates, and
 * either maps the line or takes one more reference on its mapping.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include <libfdt.h>

#include "core.h"
#include "internals.h"
#include "log.h"
#include "irqchip.h"

/*
 * A controller the tree's bring-up gave no domain, and that no domain
 * serves: say why in the core's words, then the tree's reason (Linux says
 * only the first part).
 */
static bool explain_no_domain(const struct irqmap_of *t, int ctrl)
{
	const struct irqm_of_node *n = &t->nodes[ctrl];
	const char *status;
	int len;

	if (!t->irq_init_done || n->state == IRQM_OF_UP ||
	    n->state == IRQM_OF_SERVED ||
	    irq_find_matching_fwnode((struct fwnode_handle *)&n->fwnode,
				     DOMAIN_BUS_ANY))
		return false;
	if (!(n->flags & IRQM_OF_INTC)) {
		irqm_log(IRQMAP_LOG_WARN,
			 "irq_create_fwspec_mapping: no irq domain found for %s: it has #interrupt-cells but is not an interrupt-controller",
			 irqm_of_npath(n));
	} else if (!(n->flags & IRQM_OF_AVAILABLE)) {
		status = fdt_getprop(t->blob, n->offset, "status", &len);
		irqm_log(IRQMAP_LOG_WARN,
			 "irq_create_fwspec_mapping: no irq domain found for %s: the controller is disabled (status \"%.*s\")",
			 irqm_of_npath(n), (int)strnlen(status, (size_t)len), status);
	} else {
		irqm_log(IRQMAP_LOG_WARN,
			 "irq_create_fwspec_mapping: no irq domain found for %s: its %s driver did not come up",
			 irqm_of_npath(n), n->chip ? n->chip->name : "controller");
	}
	return true;
}
/*
 * Map @args, already checked, whose controller is node @ctrl (args->np);
 * failures are logged by the core. @caller is the code the reference is
 * recorded for (IRQMAP_DEBUG_REFS).
 */
static unsigned int map_caller(struct of_phandle_args *args, int ctrl,
			       const void *caller)
{
	struct irqm_of_node *n = &args->tree->nodes[ctrl];
	struct irq_fwspec fwspec = { 0 };
	struct irq_domain *const *hint = NULL;

	if (explain_no_domain(args->tree, ctrl))
		return 0;
	/*
	 * A controller brought up with one domain of its own is found
	 * through its node rather than by searching every domain (a tree of
	 * N controllers would make mapping all their lines quadratic). Not
	 * when a domain has company on its fwnode (GICv3 partitions, chosen
	 * by ->select) or the platform's domain matches many nodes.
	 */
	if (n->state == IRQM_OF_UP && !n->nr_extra &&
	    !(n->chip->flags & IRQM_OF_CHIP_PLATFORM) &&
	    args->tree->generation == irqm_init_generation())
		hint = &n->domain;

	fwspec.fwnode = &args->tree->nodes[ctrl].fwnode;
	fwspec.param_count = args->args_count;
	for (int i = 0; i < args->args_count; i++)
		fwspec.param[i] = args->args[i];
	return irqm_create_fwspec_mapping_hint(&fwspec, hint, caller);
}

/* A node's fwnode is its first member, and its data the node itself. */
_Static_assert(offsetof(struct irqm_of_node, fwnode) == 0,
	       "an irqm_of_node starts with its fwnode");

void irqm_of_domain_removed(struct irq_domain *d)
{
	struct irqm_of_node *n = d->fwnode->data;

	/* a kind-OF fwnode an application made itself is no node of ours */
	if (n && (void *)n == (void *)d->fwnode &&
	    __atomic_load_n(&n->domain, __ATOMIC_RELAXED) == d)
		__atomic_store_n(&n->domain, NULL, __ATOMIC_RELEASE);
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
