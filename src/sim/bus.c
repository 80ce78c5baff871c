// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * bus.c - PCI buses and the registry of plugged devices.
 *
 * Buses are found by name: host bridges are named as QEMU names them
 * (pcie.0 on virt, pci.0 and pci.1 on pseries; pci.N for a file), in
 * tree order, or by their other spelling or their node's path; a bridge's
 * secondary bus by the bridge's id. Platform devices (the tree's devices
 * that are not on PCI) are in the registry but on no bus. Devices are kept in plug order; ids that were unplugged
 * are remembered so that a later reference to them can say when.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "sim.h"

struct irqm_sim_bus *irqm_sim_bus_find(struct irqm_sim *s, const char *name)
{
	for (struct irqm_sim_bus *b = s->buses; b; b = b->next) {
		if (!strcmp(b->name, name) || (b->alias[0] && !strcmp(b->alias, name)))
			return b;
		if (b->node >= 0 && name[0] == '/') {
			/* NULL only when no memory was left to make the path */
			const char *path = irqmap_of_node_path(s->tree, b->node);

			if (path && !strcmp(path, name))
				return b;
		}
	}
	return NULL;
}

struct irqm_sim_bus *irqm_sim_bus_add(struct irqm_sim *s, const char *name,
				      int node, struct irqm_sim_dev *bridge)
{
	struct irqm_sim_bus *b = calloc(1, sizeof(*b)), **tail;

	if (!b)
		return NULL;
	snprintf(b->name, sizeof(b->name), "%s", name);
	b->node = node;
	b->bridge = bridge;
	b->nr_slots = IRQM_SIM_SLOTS;
	if (node >= 0)
		b->has_map = fdt_getprop(irqmap_of_blob(s->tree), node,
					 "interrupt-map", NULL) != NULL;
	for (tail = &s->buses; *tail; tail = &(*tail)->next)
		;
	*tail = b;
	return b;
}

void irqm_sim_bus_remove(struct irqm_sim *s, struct irqm_sim_bus *bus)
{
	for (struct irqm_sim_bus **p = &s->buses; *p; p = &(*p)->next) {
		if (*p == bus) {
			*p = bus->next;
			free(bus);
			return;
		}
	}
}

/* "pcie.0 (or pci.0), br1" */
void irqm_sim_bus_names(struct irqm_sim *s, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (struct irqm_sim_bus *b = s->buses; b && n < len; b = b->next) {
		int w = snprintf(buf + n, len - n, "%s%s%s%s%s", n ? ", " : "",
				 b->name, b->alias[0] ? " (or " : "", b->alias,
				 b->alias[0] ? ")" : "");

		if (w < 0)
			break;
		n += (size_t)w;
	}
}

/* FNV-1a */
static size_t id_hash(const char *id, size_t size)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 0x100000001b3ull;
	return (size_t)(h ^ (h >> 32)) & (size - 1);
}

struct irqm_sim_dev *irqm_sim_dev_find(struct irqm_sim *s, const char *id)
{
	if (!s->dev_hash_size)
		return NULL;
	for (struct irqm_sim_dev *d = s->dev_hash[id_hash(id, s->dev_hash_size)];
	     d; d = d->hash_next)
		if (!strcmp(d->id, id))
			return d;
	return NULL;
}

/* Room for one more device in the table, kept at most half full. */
static int dev_hash_grow(struct irqm_sim *s)
{
	size_t size = s->dev_hash_size ? s->dev_hash_size * 2 : 64;
	struct irqm_sim_dev **t;

	if (s->nr_devs + 1 <= s->dev_hash_size / 2)
		return 0;
	t = calloc(size, sizeof(*t));
	if (!t)
		return -ENOMEM;
	/* Chains in plug order, as the registry: the first plugged is found. */
	for (size_t i = s->nr_devs; i-- > 0;) {
		struct irqm_sim_dev *d = s->devs[i];
		size_t h = id_hash(d->id, size);

		d->hash_next = t[h];
		t[h] = d;
	}
	free(s->dev_hash);
	s->dev_hash = t;
	s->dev_hash_size = size;
	return 0;
}

static void dev_hash_del(struct irqm_sim *s, struct irqm_sim_dev *d)
{
	struct irqm_sim_dev **p;

	if (!s->dev_hash_size)
		return;
	for (p = &s->dev_hash[id_hash(d->id, s->dev_hash_size)]; *p;
	     p = &(*p)->hash_next) {
		if (*p == d) {
			*p = d->hash_next;
			d->hash_next = NULL;
			return;
		}
	}
}

/* From the end: the end of the run unplugs the last plugged first. */
int irqm_sim_dev_index(struct irqm_sim *s, const struct irqm_sim_dev *d)
{
	for (size_t i = s->nr_devs; i-- > 0;)
		if (s->devs[i] == d)
			return (int)i;
	return -1;
}

/* "pci.1:03.0", as QEMU's addr= writes it (hexadecimal slot). */
void irqm_sim_addr(const struct irqm_sim_dev *d, char *buf, size_t len)
{
	if (!d->bus)
		snprintf(buf, len, "platform");
	else
		snprintf(buf, len, "%s:%02x.%u", d->bus->name, d->slot, d->fn);
}

const struct irqm_sim_gone *irqm_sim_gone_find(struct irqm_sim *s,
					       const char *id)
{
	for (size_t i = s->nr_gone; i-- > 0;)
		if (!strcmp(s->gone[i].id, id))
			return &s->gone[i];
	return NULL;
}

/* Remember an unplugged id; best effort (only used for messages). */
void irqm_sim_gone_add(struct irqm_sim *s, const char *id)
{
	if (s->quiet)
		return;
	if (s->nr_gone == s->cap_gone) {
		size_t cap = s->cap_gone ? s->cap_gone * 2 : 16;
		struct irqm_sim_gone *g = realloc(s->gone, cap * sizeof(*g));

		if (!g)
			return;
		s->gone = g;
		s->cap_gone = cap;
	}
	snprintf(s->gone[s->nr_gone].id, IRQM_SIM_ID_LEN, "%s", id);
	s->gone[s->nr_gone++].script_line = s->lineno;
}

/* Put @d in its slot and at the end of the registry. */
int irqm_sim_dev_attach(struct irqm_sim *s, struct irqm_sim_dev *d)
{
	struct irqm_sim_dev **p;

	if (s->nr_devs == s->cap_devs) {
		size_t cap = s->cap_devs ? s->cap_devs * 2 : 32;
		struct irqm_sim_dev **v = realloc(s->devs, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		s->devs = v;
		s->cap_devs = cap;
	}
	if (dev_hash_grow(s))
		return -ENOMEM;
	for (p = &s->dev_hash[id_hash(d->id, s->dev_hash_size)]; *p;
	     p = &(*p)->hash_next)
		;
	d->hash_next = NULL;
	*p = d;
	s->devs[s->nr_devs++] = d;
	if (d->bus)
		d->bus->slots[d->slot][d->fn] = d;
	return 0;
}

/* Take @d out of its slot and of the registry. */
void irqm_sim_dev_detach(struct irqm_sim *s, struct irqm_sim_dev *d)
{
	int i = irqm_sim_dev_index(s, d);

	dev_hash_del(s, d);
	irqm_sim_line_leave(d);
	if (i >= 0) {
		memmove(&s->devs[i], &s->devs[i + 1],
			(s->nr_devs - (size_t)i - 1) * sizeof(s->devs[0]));
		s->nr_devs--;
	}
	if (d->bus && d->bus->slots[d->slot][d->fn] == d)
		d->bus->slots[d->slot][d->fn] = NULL;
}

/* A device, not plugged yet. */
struct irqm_sim_dev *irqm_sim_dev_new(const char *id, const char *driver,
				      struct irqm_sim_bus *bus,
				      unsigned int slot, unsigned int fn,
				      unsigned int pin)
{
	struct irqm_sim_dev *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	snprintf(d->id, sizeof(d->id), "%s", id);
	snprintf(d->driver, sizeof(d->driver), "%s", driver);
	d->bus = bus;
	d->slot = slot;
	d->fn = fn;
	d->pin = pin;
	d->node = -1;
	atomic_init(&d->pending, 0);
	atomic_init(&d->handled, 0);
	atomic_init(&d->foreign, 0);
	return d;
}
