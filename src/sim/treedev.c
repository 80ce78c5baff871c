// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * treedev.c - the PCI buses and devices a device tree describes.
 *
 * A host bridge is a node with device_type "pci" and an interrupt-map
 * whose parent is not itself on a PCI bus; its bus is named as QEMU names
 * it (pcie.0 on virt, pci.0 and pci.1 on pseries; pci.N for a file) in
 * tree order. The children of a bus node with a PCI unit address (reg)
 * are devices, plugged at start: their slot and function come from reg,
 * their pin from interrupts (1 = INTA), their id from the node name. A
 * child with device_type "pci" is a PCI-to-PCI bridge; its secondary bus
 * is named by its id, and it requests its own pin as any bridge does.
 * The tree's other devices are platform devices (platdev.c), plugged in
 * tree order with the rest.
 */
#include <errno.h>
#include <string.h>

#include <libfdt.h>

#include "sim.h"

static bool is_pci(const void *blob, int node)
{
	const char *type = fdt_getprop(blob, node, "device_type", NULL);

	return type && !strcmp(type, "pci");
}

static struct irqm_sim_bus *bus_of_node(struct irqm_sim *s, int node)
{
	for (struct irqm_sim_bus *b = s->buses; b; b = b->next)
		if (node >= 0 && b->node == node)
			return b;
	return NULL;
}

/* "e1000" from QEMU's "qemu_e1000:0001:00:00.0", else compatible, else the name. */
static void driver_name(const void *blob, int node, char *buf, size_t len)
{
	const char *loc = fdt_getprop(blob, node, "ibm,loc-code", NULL);
	const char *compat = fdt_getprop(blob, node, "compatible", NULL);
	const char *name = fdt_get_name(blob, node, NULL);

	if (is_pci(blob, node)) {
		snprintf(buf, len, "pci-bridge");
	} else if (loc && !strncmp(loc, "qemu_", 5) && strchr(loc, ':')) {
		snprintf(buf, len, "%.*s", (int)(strchr(loc, ':') - loc - 5),
			 loc + 5);
	} else if (compat) {
		snprintf(buf, len, "%s", compat);
	} else {
		snprintf(buf, len, "%.*s", (int)strcspn(name, "@"), name);
	}
}

static unsigned int pin_of(const void *blob, int node)
{
	int len;
	const fdt32_t *irq = fdt_getprop(blob, node, "interrupts", &len);
	uint32_t pin = irq && len >= 4 ? fdt32_to_cpu(irq[0]) : 0;

	return pin >= 1 && pin <= 4 ? pin : 0;
}

static int plug_node(struct irqm_sim *s, struct irqm_sim_bus *b, int node)
{
	const void *blob = irqmap_of_blob(s->tree);
	const char *name = fdt_get_name(blob, node, NULL);
	const char *path = irqmap_of_node_path(s->tree, node);
	char id[IRQM_SIM_ID_LEN], driver[IRQM_SIM_DRIVER_LEN], why[512];
	const fdt32_t *reg;
	struct irqm_sim_dev *d;
	unsigned int devfn;
	int len;

	reg = fdt_getprop(blob, node, "reg", &len);
	if (!reg || len < 4) {
		irqm_sim_err(s, "%s: no PCI address (reg): left out", path);
		return 0;
	}
	devfn = (fdt32_to_cpu(reg[0]) >> 8) & 0xff;
	if (strlen(name) + strlen(b->name) + 1 >= sizeof(id)) {
		irqm_sim_err(s, "%s: name too long for an id: left out", path);
		return 0;
	}
	memcpy(id, name, strlen(name) + 1);
	if (irqm_sim_dev_find(s, id) || irqm_sim_bus_find(s, id)) {
		size_t n = strlen(b->name);

		memcpy(id, b->name, n);
		id[n] = '/';
		memcpy(id + n + 1, name, strlen(name) + 1);
	}
	if (b->slots[devfn >> 3][devfn & 7]) {
		irqm_sim_err(s, "%s: %s:%02x.%u is taken by '%s': left out", path,
			     b->name, devfn >> 3, devfn & 7,
			     b->slots[devfn >> 3][devfn & 7]->id);
		return 0;
	}
	driver_name(blob, node, driver, sizeof(driver));
	d = irqm_sim_dev_new(id, driver, b, devfn >> 3, devfn & 7,
			     pin_of(blob, node));
	if (!d)
		return -ENOMEM;
	d->node = node;
	if (d->fn && b->slots[d->slot][0])
		b->slots[d->slot][0]->multifunction = true;
	if (irqm_sim_plug(s, d, why, sizeof(why))) {
		irqm_sim_err(s, "%s: %s", path, why);
		s->failures++;
		return -EIO;
	}
	return 0;
}

/*
 * QEMU's PCIe host bridge (virt's GPEX) is itself a device in slot 0 of
 * its root bus, gpex-root: a device without bus= or addr= lands in slot 1,
 * as in QEMU. Files keep every slot free, as they always did.
 */
static int plug_gpex_root(struct irqm_sim *s, struct irqm_sim_bus *b)
{
	char why[256];
	struct irqm_sim_dev *d;

	if (!s->qm || strcmp(s->qm->bus_prefix, "pcie.") != 0 || b->bridge)
		return 0;
	d = irqm_sim_dev_new(s->nr_hosts > 1 ? b->name : "gpex-root",
			     "gpex-root", b, 0, 0, 0);
	if (!d)
		return -ENOMEM;
	d->fixed = true;
	return irqm_sim_plug(s, d, why, sizeof(why));
}

/* Find the host bridges, then plug every device of the tree. */
int irqm_sim_plug_tree(struct irqm_sim *s)
{
	const void *blob = irqmap_of_blob(s->tree);
	int ret = 0;

	for (int n = irqmap_of_next_node(s->tree, -1); n >= 0;
	     n = irqmap_of_next_node(s->tree, n)) {
		int parent = irqmap_of_parent_node(s->tree, n);
		char name[16], alias[16];
		struct irqm_sim_bus *b;

		if (!is_pci(blob, n) || (parent >= 0 && is_pci(blob, parent)) ||
		    !fdt_getprop(blob, n, "interrupt-map", NULL))
			continue;
		irqm_sim_root_bus_name(s, s->nr_hosts,
				       fdt_getprop(blob, n, "compatible", NULL),
				       name, alias, sizeof(name));
		b = irqm_sim_bus_add(s, name, n, NULL);
		if (!b)
			return -ENOMEM;
		snprintf(b->alias, sizeof(b->alias), "%s", alias);
		s->nr_hosts++;
	}
	irqm_sim_report_machine(s);
	for (struct irqm_sim_bus *b = s->buses; b; b = b->next)
		if (plug_gpex_root(s, b))
			return -ENOMEM;
	for (int n = irqmap_of_next_node(s->tree, -1); n >= 0;
	     n = irqmap_of_next_node(s->tree, n)) {
		struct irqm_sim_bus *b =
			bus_of_node(s, irqmap_of_parent_node(s->tree, n));

		if (b && plug_node(s, b, n))
			ret = -EIO;
		else if (!b && irqm_sim_is_platform_node(s, n) &&
			 irqm_sim_plug_platform(s, n))
			ret = -ENOMEM;
	}
	return ret;
}
