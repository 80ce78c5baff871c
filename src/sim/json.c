// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * json.c - the info commands as JSON (--json), one object a line:
 *
 *	{"command": "info interrupts", "interrupts": [{virq, domain, hwirq,
 *	  type, chip, refs, cpus: [...], count, unhandled, handlers: [...]}]}
 *	{"command": "info domains", "domains": [{name, parent, size,
 *	  refcounting, mapped, mappings: [{hwirq, virq, type, refs}]}]}
 *	{"command": "info refs", "tracking": bool, "refs": [{virq, domain,
 *	  hwirq, refs, holders: [...]}]}
 *	{"command": "info pci", "buses": [{name, node, bridge, devices:
 *	  [{id, driver, addr, slot, function, pin, route, virq, users,
 *	  lost_to}]}]}
 */
#include <stdlib.h>

#include "sim.h"

#define ADD(o, k, v) json_object_object_add(o, k, v)
#define STR(v) json_object_new_string(v)
#define INT(v) json_object_new_int64((int64_t)(v))

static json_object *checked(json_object *o)
{
	if (!o) {
		fputs("irqmap: out of memory\n", stderr);
		exit(IRQM_SIM_FAILED);
	}
	return o;
}

/* A new JSON object or array; out of memory ends the program. */
json_object *irqm_sim_json_object(void)
{
	return checked(json_object_new_object());
}

json_object *irqm_sim_json_array(void)
{
	return checked(json_object_new_array());
}

void irqm_sim_json_print(json_object *o)
{
	puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
}

const char *irqm_sim_type_name(unsigned int type)
{
	switch (type & IRQ_TYPE_SENSE_MASK) {
	case IRQ_TYPE_EDGE_RISING:
		return "edge-rising";
	case IRQ_TYPE_EDGE_FALLING:
		return "edge-falling";
	case IRQ_TYPE_EDGE_BOTH:
		return "edge-both";
	case IRQ_TYPE_LEVEL_HIGH:
		return "level-high";
	case IRQ_TYPE_LEVEL_LOW:
		return "level-low";
	default:
		return "none";
	}
}

/* The ids of the devices holding @virq. */
static json_object *holders(struct irqm_sim *s, unsigned int virq)
{
	json_object *a = irqm_sim_json_array();

	for (size_t i = 0; virq && i < s->nr_devs; i++)
		if (s->devs[i]->virq == virq)
			json_object_array_add(a, STR(s->devs[i]->id));
	return a;
}

static json_object *interrupt(struct irqm_sim *s,
			      const struct irqmap_mapping_info *m)
{
	json_object *o = irqm_sim_json_object(), *cpus = irqm_sim_json_array();
	struct irqmap_irq_stats st = { 0 };
	const char *chip = "none";
	struct irq_data *d;

	irqmap_read_lock();
	d = irq_get_irq_data(m->virq);
	if (d && d->chip && d->chip->name)
		chip = d->chip->name;
	ADD(o, "chip", STR(chip));
	irqmap_read_unlock();
	irqmap_irq_stats(m->virq, &st);
	for (unsigned int c = 0; c < irqmap_nr_cpus(); c++)
		json_object_array_add(cpus, INT(kstat_irqs_cpu(m->virq, (int)c)));
	ADD(o, "virq", INT(m->virq));
	ADD(o, "domain", STR(m->domain->name));
	ADD(o, "hwirq", INT(m->hwirq));
	ADD(o, "type", STR(irqm_sim_type_name(m->type)));
	ADD(o, "refs", INT(m->refcount));
	ADD(o, "cpus", cpus);
	ADD(o, "count", INT(st.count));
	ADD(o, "unhandled", INT(st.unhandled));
	ADD(o, "handlers", holders(s, m->virq));
	return o;
}

static json_object *domain(struct irq_domain *d)
{
	json_object *o = irqm_sim_json_object(), *a = irqm_sim_json_array();
	size_t nr;
	struct irqmap_mapping_info *m = irqm_sim_mappings(d, &nr);

	ADD(o, "name", STR(d->name));
	ADD(o, "parent", d->parent ? STR(d->parent->name) : NULL);
	ADD(o, "size", d->revmap_size ? INT(d->revmap_size) : STR("tree"));
	ADD(o, "refcounting",
	    json_object_new_boolean(!(d->flags & IRQ_DOMAIN_FLAG_NO_REFCOUNT)));
	ADD(o, "mapped", INT(nr));
	for (size_t i = 0; i < nr; i++) {
		json_object *e = irqm_sim_json_object();

		ADD(e, "hwirq", INT(m[i].hwirq));
		ADD(e, "virq", INT(m[i].virq));
		ADD(e, "type", STR(irqm_sim_type_name(m[i].type)));
		ADD(e, "refs", INT(m[i].refcount));
		json_object_array_add(a, e);
	}
	ADD(o, "mappings", a);
	free(m);
	return o;
}

/* Every mapping of every domain, as @fn makes it. */
static json_object *each_mapping(struct irqm_sim *s,
				 json_object *(*fn)(struct irqm_sim *,
						    const struct irqmap_mapping_info *))
{
	json_object *a = irqm_sim_json_array();
	size_t nr_domains, nr;
	struct irq_domain **domains = irqm_sim_domains(&nr_domains);

	for (size_t i = 0; i < nr_domains; i++) {
		struct irqmap_mapping_info *m = irqm_sim_mappings(domains[i], &nr);

		for (size_t j = 0; j < nr; j++)
			json_object_array_add(a, fn(s, &m[j]));
		free(m);
	}
	free(domains);
	return a;
}

static json_object *ref(struct irqm_sim *s, const struct irqmap_mapping_info *m)
{
	json_object *o = irqm_sim_json_object();

	ADD(o, "virq", INT(m->virq));
	ADD(o, "domain", STR(m->domain->name));
	ADD(o, "hwirq", INT(m->hwirq));
	ADD(o, "refs", INT(m->refcount));
	ADD(o, "holders", holders(s, m->virq));
	return o;
}

json_object *irqm_sim_json_dev(const struct irqm_sim_dev *d)
{
	json_object *o = irqm_sim_json_object();
	char addr[IRQM_SIM_ID_LEN + 16];
	char pin[2] = { irqm_sim_pin_name(d->pin), '\0' };

	irqm_sim_addr(d, addr, sizeof(addr));
	ADD(o, "id", STR(d->id));
	ADD(o, "driver", STR(d->driver));
	ADD(o, "addr", STR(addr));
	ADD(o, "bus", d->bus ? STR(d->bus->name) : NULL);
	ADD(o, "slot", INT(d->slot));
	ADD(o, "function", INT(d->fn));
	ADD(o, "pin", d->pin ? STR(pin) : NULL);
	ADD(o, "route", d->line ? STR(d->route) : NULL);
	ADD(o, "virq", INT(d->virq));
	ADD(o, "users", INT(d->virq ? d->line->users : 0));
	ADD(o, "lost_to", d->lost ? STR(d->lost_to) : NULL);
	ADD(o, "bridge_to", d->child ? STR(d->child->name) : NULL);
	return o;
}

static json_object *pci(struct irqm_sim *s)
{
	json_object *a = irqm_sim_json_array();

	for (struct irqm_sim_bus *b = s->buses; b; b = b->next) {
		json_object *o = irqm_sim_json_object();
		json_object *devs = irqm_sim_json_array();

		ADD(o, "name", STR(b->name));
		ADD(o, "node", b->node >= 0 ?
			STR(irqmap_of_node_path(s->tree, b->node)) : NULL);
		ADD(o, "bridge", b->bridge ? STR(b->bridge->id) : NULL);
		for (unsigned int slot = 0; slot < IRQM_SIM_SLOTS; slot++)
			for (unsigned int fn = 0; fn < IRQM_SIM_FUNCS; fn++)
				if (b->slots[slot][fn])
					json_object_array_add(devs,
						irqm_sim_json_dev(b->slots[slot][fn]));
		ADD(o, "devices", devs);
		json_object_array_add(a, o);
	}
	return a;
}

/* {"command": NAME, "line": N}: what a command prints starts so. */
json_object *irqm_sim_json_command(struct irqm_sim *s, const char *name)
{
	json_object *o = irqm_sim_json_object();

	ADD(o, "command", STR(name));
	if (s->file)
		ADD(o, "line", INT(s->lineno));
	return o;
}

int irqm_sim_info_json(struct irqm_sim *s, enum irqm_sim_info what)
{
	static const char *const names[] = {
		[IRQM_SIM_INFO_INTERRUPTS] = "info interrupts",
		[IRQM_SIM_INFO_DOMAINS] = "info domains",
		[IRQM_SIM_INFO_REFS] = "info refs",
		[IRQM_SIM_INFO_PCI] = "info pci",
	};
	json_object *o = irqm_sim_json_command(s, names[what]), *a;
	size_t nr;
	struct irq_domain **domains;

	if (!o)
		return -1;
	switch (what) {
	case IRQM_SIM_INFO_INTERRUPTS:
		ADD(o, "interrupts", each_mapping(s, interrupt));
		break;
	case IRQM_SIM_INFO_DOMAINS:
		a = irqm_sim_json_array();
		domains = irqm_sim_domains(&nr);
		for (size_t i = 0; i < nr; i++)
			json_object_array_add(a, domain(domains[i]));
		free(domains);
		ADD(o, "domains", a);
		break;
	case IRQM_SIM_INFO_REFS:
		ADD(o, "tracking", json_object_new_boolean(s->refs_tracking));
		ADD(o, "refs", each_mapping(s, ref));
		break;
	case IRQM_SIM_INFO_PCI:
		ADD(o, "buses", pci(s));
		break;
	}
	irqm_sim_json_print(o);
	return 0;
}
