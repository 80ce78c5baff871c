// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * parse_pci.c - the INTx of a PCI device that has no node of its own.
 *
 * The device is known by the node of its bus, its devfn and its pin. Going
 * up through PCI-to-PCI bridges that have no interrupt-map, each bridge
 * rotates the pin by the slot of the device below it (the standard
 * swizzle) and stands in for it on the bus above. At the first bus node
 * with an interrupt-map, or one that is not a PCI-to-PCI bridge (a host
 * bridge), the pin and the unit address of the device on that bus go to
 * of_irq_parse_raw().
 */
#include <errno.h>

#include "log.h"
#include "of.h"

#define PCI_SLOT(devfn) (((devfn) >> 3) & 0x1f)

static unsigned int swizzle(unsigned int pin, unsigned int slot)
{
	return (pin - 1 + slot) % 4 + 1;
}

/* Is @idx a PCI-to-PCI bridge: a PCI bus node addressed on a PCI bus? */
static bool p2p_bridge(const struct irqmap_of *t, int idx,
		       unsigned int *devfn)
{
	const struct irqm_of_node *n = &t->nodes[idx];

	if (n->parent < 0 || !(n->flags & IRQM_OF_HAS_ADDRCELLS) ||
	    n->addrcells != 3)
		return false;
	if (!(t->nodes[n->parent].flags & IRQM_OF_HAS_ADDRCELLS) ||
	    t->nodes[n->parent].addrcells != 3)
		return false;
	if (!n->reg || n->reg_len < 1)
		return false;
	*devfn = (irqm_of_cell(n->reg, 0) >> 8) & 0xff;
	return true;
}

static int parse_pci(struct irqmap_of *t, int bus, unsigned int devfn,
		     unsigned int pin, struct of_phandle_args *out, char *why)
{
	uint32_t laddr[IRQMAP_OF_ADDR_CELLS] = { 0 };
	uint32_t busnr = 0;

	for (int steps = 0; steps < t->nr_nodes; steps++) {
		unsigned int bridge_devfn;

		if ((t->nodes[bus].flags & IRQM_OF_IMAP) ||
		    !p2p_bridge(t, bus, &bridge_devfn))
			break;
		pin = swizzle(pin, PCI_SLOT(devfn));
		devfn = bridge_devfn;
		bus = t->nodes[bus].parent;
	}
	irqm_of_prop_u32(t, bus, "bus-range", &busnr);
	laddr[0] = (busnr & 0xff) << 16 | devfn << 8;
	out->tree = t;
	out->np = t->nodes[bus].offset;
	out->args_count = 1;
	out->args[0] = pin;
	return irqm_of_parse_raw(t, bus, laddr, out, why);
}

/*
 * of_irq_parse_pci(), for the library's callers: the controller's idx
 * (>= 0), or -errno, logged as of_irq_parse_pci() logs it.
 */
int irqm_of_parse_pci_logged(struct irqmap_of *tree, int bridge,
			     unsigned int devfn, unsigned int pin,
			     struct of_phandle_args *out_irq)
{
	static const char func[] = "of_irq_parse_pci";
	char why[IRQM_OF_WHY_LEN];
	int idx = irqm_of_checked_idx(tree, bridge, func);
	int ret;

	if (idx < 0)
		return idx;
	if (!out_irq) {
		irqm_log(IRQMAP_LOG_ERR, "%s: NULL out_irq", func);
		return -EINVAL;
	}
	if (!pin)
		return -ENODEV;
	if (pin > 4 || devfn > 0xff) {
		irqm_log(IRQMAP_LOG_ERR, "%s: %s: devfn 0x%x pin %u: pin must be 1..4, devfn 0..0xff",
			 func, irqm_of_path(tree, idx), devfn, pin);
		return -EINVAL;
	}
	ret = parse_pci(tree, idx, devfn, pin, out_irq, why);
	if (ret < 0)
		irqm_of_report(func, tree, idx, -1, ret, why);
	return ret;
}

int of_irq_parse_pci(struct irqmap_of *tree, int bridge, unsigned int devfn,
		     unsigned int pin, struct of_phandle_args *out_irq)
{
	int ret = irqm_of_parse_pci_logged(tree, bridge, devfn, pin, out_irq);

	return ret < 0 ? ret : 0;
}
