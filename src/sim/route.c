// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * route.c - from a device's interrupt pin to the specifier of its line.
 *
 * As the kernel's of_irq_parse_pci(): a device with a node of its own is
 * resolved through that node first. Otherwise its pin is swizzled,
 * (pin - 1 + slot) % 4 + 1, at every hot-plugged bridge on the way up
 * (they have no node), and of_irq_parse_pci() takes over at the first bus
 * that has one: it swizzles across the tree's own bridges and ends in the
 * host bridge's interrupt-map. The device's route is written down as it
 * goes, one hop per bus, for the narration. A platform device (not on
 * PCI) is resolved through its node only.
 */
#include <errno.h>
#include <string.h>

#include "sim.h"

char irqm_sim_pin_name(unsigned int pin)
{
	return pin >= 1 && pin <= 4 ? (char)('A' + pin - 1) : '-';
}

static unsigned int swizzle(unsigned int pin, unsigned int slot)
{
	return (pin - 1 + slot) % 4 + 1;
}

static void append(char *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void append(char *buf, const char *fmt, ...)
{
	size_t n = strlen(buf);
	va_list ap;

	if (n + 1 >= IRQM_SIM_ROUTE_LEN)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + n, IRQM_SIM_ROUTE_LEN - n, fmt, ap);
	va_end(ap);
}

static int from_node(struct irqm_sim *s, struct irqm_sim_dev *d,
		     struct of_phandle_args *args)
{
	int ret;

	irqm_sim_quiet_begin();
	ret = of_irq_parse_one(s->tree, d->node, d->irq_index, args);
	irqm_sim_quiet_end();
	if (!ret && d->bus)
		append(d->route, " (from its device-tree node)");
	return ret;
}

/*
 * Resolve @d's pin into @args and describe the route in d->route.
 * Return: 0, or the negative errno of the device-tree front end; the
 * library's explanation is irqm_sim_last_lib_msg().
 */
int irqm_sim_route(struct irqm_sim *s, struct irqm_sim_dev *d,
		   struct of_phandle_args *args)
{
	struct irqm_sim_bus *bus = d->bus, *at = NULL;
	unsigned int pin = d->pin, slot = d->slot, fn = d->fn;
	unsigned int at_devfn = 0, at_pin = 0;
	int ret;

	d->route[0] = '\0';
	irqm_sim_clear_lib_msg();
	if (d->platform) {
		/* Not on PCI: the node's own interrupts, as platform_get_irq(). */
		append(d->route, "interrupt %d", d->irq_index);
		return from_node(s, d, args);
	}
	append(d->route, "INT%c", irqm_sim_pin_name(pin));
	if (d->node >= 0 && !from_node(s, d, args))
		return 0;
	for (;;) {
		struct irqm_sim_dev *br = bus->bridge;

		if (!at && bus->node >= 0) {
			at = bus;
			at_devfn = slot << 3 | fn;
			at_pin = pin;
		}
		if (!br || bus->has_map)
			break;
		pin = swizzle(pin, slot);
		slot = br->slot;
		fn = br->fn;
		bus = br->bus;
		append(d->route, " -> %s:%02x.%u INT%c", bus->name, slot, fn,
		       irqm_sim_pin_name(pin));
	}
	if (!at)
		return -ENODEV;
	irqm_sim_quiet_begin();
	ret = of_irq_parse_pci(s->tree, at->node, at_devfn, at_pin, args);
	irqm_sim_quiet_end();
	return ret;
}
