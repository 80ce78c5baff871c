// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * platdev.c - the devices of the tree that are not on PCI.
 *
 * The whole machine is plugged at start: every node with interrupts that
 * a driver would take (a UART, an RTC, a virtio-mmio transport, pseries'
 * VIO devices and event sources...) gets each of its interrupts mapped
 * and a handler requested, as Linux's drivers do at probe with
 * platform_get_irq() and request_irq(), so that 'info interrupts' shows
 * what /proc/interrupts of the same guest shows, and 'raise' works for
 * them. Left out are interrupt controllers (a cascaded one already holds
 * its parent line: the machine's own mapping), PCI buses and what is on
 * them (treedev.c), and disabled nodes.
 *
 * A node with one interrupt is one device, named by its node name; a node
 * with several is one device per interrupt, NAME.0, NAME.1... An
 * interrupt that does not resolve or map is said so on the narration and
 * left out, as a driver whose probe fails: the machine still comes up.
 * Platform devices are part of the machine: they cannot be unplugged,
 * and the end of the run takes them down with everything else.
 */
#include <errno.h>
#include <string.h>

#include <libfdt.h>

#include "sim.h"

static bool prop_is(const void *blob, int node, const char *name,
		    const char *value)
{
	const char *v = fdt_getprop(blob, node, name, NULL);

	return v && !strcmp(v, value);
}

/* Through the tree's index: libfdt finds a parent by a walk from the root. */
static bool on_pci(const struct irqmap_of *tree, int node)
{
	const void *blob = irqmap_of_blob(tree);

	for (int n = node; n >= 0; n = irqmap_of_parent_node(tree, n))
		if (prop_is(blob, n, "device_type", "pci"))
			return true;
	return false;
}

/* Would a driver take this node's interrupts as a platform device's? */
bool irqm_sim_is_platform_node(struct irqm_sim *s, int node)
{
	const void *blob = irqmap_of_blob(s->tree);
	const char *status = fdt_getprop(blob, node, "status", NULL);

	if (node <= 0 || irqmap_of_irq_entries(s->tree, node) <= 0)
		return false;
	if (status && strcmp(status, "okay") != 0 && strcmp(status, "ok") != 0)
		return false;
	/* A controller, even one without the property: it has a domain. */
	if (fdt_getprop(blob, node, "interrupt-controller", NULL) ||
	    irqmap_of_node_domain(s->tree, node) ||
	    irqmap_of_parent_irq(s->tree, node, 0))
		return false;
	return !on_pci(s->tree, node);
}

static void make_id(struct irqm_sim *s, int node, int index, int nr,
		    char *id, size_t len)
{
	const char *name = fdt_get_name(irqmap_of_blob(s->tree), node, NULL);

	if (nr > 1)
		snprintf(id, len, "%s.%d", name, index);
	else
		snprintf(id, len, "%s", name);
	if (irqm_sim_dev_find(s, id) || irqm_sim_bus_find(s, id)) {
		if (nr > 1)
			snprintf(id, len, "%s.%d", irqmap_of_node_path(s->tree, node),
				 index);
		else
			snprintf(id, len, "%s", irqmap_of_node_path(s->tree, node));
	}
}

static void left_out(struct irqm_sim *s, const char *id, const char *why)
{
	if (s->quiet)
		return;
	if (s->opts->json) {
		json_object *o = irqm_sim_json_object();

		json_object_object_add(o, "event", json_object_new_string("left_out"));
		json_object_object_add(o, "id", json_object_new_string(id));
		json_object_object_add(o, "why", json_object_new_string(why));
		irqm_sim_json_print(o);
		return;
	}
	printf("%s: left out: %s\n", id, why);
}

/*
 * Plug the interrupts of platform node @node. Return: 0 (an interrupt
 * that cannot be mapped is left out, not an error), -ENOMEM.
 */
int irqm_sim_plug_platform(struct irqm_sim *s, int node)
{
	const void *blob = irqmap_of_blob(s->tree);
	const char *compat = fdt_getprop(blob, node, "compatible", NULL);
	const char *name = fdt_get_name(blob, node, NULL);
	int nr = irqmap_of_irq_entries(s->tree, node);
	char id[IRQM_SIM_ID_LEN], driver[IRQM_SIM_DRIVER_LEN], why[512];

	snprintf(driver, sizeof(driver), "%.*s", compat ? (int)strlen(compat) :
		 (int)strcspn(name, "@"), compat ? compat : name);
	for (int i = 0; i < nr; i++) {
		struct irqm_sim_dev *d;

		make_id(s, node, i, nr, id, sizeof(id));
		d = irqm_sim_dev_new(id, driver, NULL, 0, 0, 1);
		if (!d)
			return -ENOMEM;
		d->platform = true;
		d->fixed = true;
		d->node = node;
		d->irq_index = i;
		if (irqm_sim_plug(s, d, why, sizeof(why)))
			left_out(s, id, why);
	}
	return 0;
}
