// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * report.c - telling what happens: one line of text per event, or one
 * JSON object per event with --json ({"event": "device_add", ...}).
 * Nothing is said while the churn runs (s->quiet).
 */
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "sim.h"

#define ADD(o, k, v) json_object_object_add(o, k, v)
#define STR(v) json_object_new_string(v)
#define INT(v) json_object_new_int64((int64_t)(v))

static json_object *event(struct irqm_sim *s, const char *name)
{
	json_object *o = irqm_sim_json_object();

	ADD(o, "event", STR(name));
	if (s->file)
		ADD(o, "line", INT(s->lineno));
	return o;
}

void irqm_sim_report_command(struct irqm_sim *s, const char *text)
{
	if (!s->quiet && !s->opts->json)
		printf("(irqmap) %s\n", text);
}

void irqm_sim_report_echo(struct irqm_sim *s, const char *text)
{
	json_object *o;

	if (s->quiet)
		return;
	if (!s->opts->json) {
		printf("%s\n", text);
		return;
	}
	o = event(s, "echo");
	ADD(o, "text", STR(text));
	irqm_sim_json_print(o);
}

void irqm_sim_report_machine(struct irqm_sim *s)
{
	const char *model = fdt_getprop(irqmap_of_blob(s->tree), 0, "model", NULL);
	size_t nr;
	struct irq_domain **domains = irqm_sim_domains(&nr);
	json_object *o, *a;

	if (s->quiet)
		goto out;
	if (!s->opts->json) {
		printf("machine: %s%s%s%s\n", s->machine_name, model ? " (" : "",
		       model ? model : "", model ? ")" : "");
		printf("  interrupt domains:");
		for (size_t i = 0; i < nr; i++)
			printf("%s %s%s", i ? "," : "", domains[i]->name,
			       !irqm_sim_kernel_domains(s) ? "" :
			       domains[i]->flags & IRQ_DOMAIN_FLAG_NO_REFCOUNT ?
			       " (kernel semantics)" :
			       " (counted: it had mappings already; kernel semantics played by the simulator)");
		printf("\n  PCI host bridges:");
		for (struct irqm_sim_bus *b = s->buses; b; b = b->next)
			printf("%s %s%s%s%s = %s", b == s->buses ? "" : ",", b->name,
			       b->alias[0] ? " (or " : "", b->alias,
			       b->alias[0] ? ")" : "",
			       irqmap_of_node_path(s->tree, b->node));
		printf("%s\n  %u CPUs deliver interrupts; reference tracking %s; semantics: %s\n",
		       s->nr_hosts ? "" : " none", s->opts->cpus,
		       s->refs_tracking ? "on" : "off",
		       irqm_sim_semantics_name(s->opts->semantics));
		goto out;
	}
	o = event(s, "machine");
	ADD(o, "name", STR(s->machine_name));
	ADD(o, "model", model ? STR(model) : NULL);
	a = irqm_sim_json_array();
	for (size_t i = 0; i < nr; i++)
		json_object_array_add(a, STR(domains[i]->name));
	ADD(o, "domains", a);
	a = irqm_sim_json_array();
	for (struct irqm_sim_bus *b = s->buses; b; b = b->next) {
		json_object *h = irqm_sim_json_object();

		ADD(h, "name", STR(b->name));
		ADD(h, "node", STR(irqmap_of_node_path(s->tree, b->node)));
		json_object_array_add(a, h);
	}
	ADD(o, "host_bridges", a);
	ADD(o, "cpus", INT(s->opts->cpus));
	ADD(o, "refcounting", json_object_new_boolean(!irqm_sim_kernel_domains(s)));
	ADD(o, "semantics", STR(irqm_sim_semantics_name(s->opts->semantics)));
	ADD(o, "tracking", json_object_new_boolean(s->refs_tracking));
	irqm_sim_json_print(o);
out:
	free(domains);
}

void irqm_sim_report_plug(struct irqm_sim *s, const struct irqm_sim_dev *d)
{
	char addr[IRQM_SIM_ID_LEN + 16], holders[256];
	unsigned int refs;
	json_object *o;

	if (s->quiet)
		return;
	if (s->opts->json) {
		o = event(s, "device_add");
		ADD(o, "device", irqm_sim_json_dev(d));
		ADD(o, "refs", INT(d->virq ? irq_mapping_refcount(d->virq) : 0));
		irqm_sim_json_print(o);
		return;
	}
	irqm_sim_addr(d, addr, sizeof(addr));
	if (d->child && !d->virq) {
		printf("%s: %s at %s, secondary bus %s\n", d->id, d->driver,
		       addr, d->child->name);
		return;
	}
	if (!d->virq) {
		printf("%s: %s at %s, no interrupt pin\n", d->id, d->driver, addr);
		return;
	}
	if (d->child)
		printf("%s: %s at %s, secondary bus %s; its own ", d->id,
		       d->driver, addr, d->child->name);
	else
		printf("%s: %s at %s, ", d->id, d->driver, addr);
	refs = irq_mapping_refcount(d->virq);
	irqm_sim_line_holders(s, d->line, holders, sizeof(holders));
	printf("%s = virq %u", d->route, d->virq);
	if (d->line->users == 1)
		printf(" (mapped for it: 1 reference)\n");
	else
		printf(" (shared: %u reference%s, users %s)\n", refs,
		       refs == 1 ? "" : "s", holders);
}

/* {"event": "device_del"}; @leaked: left mapped with no user (never dispose). */
static void unplug_json(struct irqm_sim *s, const struct irqm_sim_dev *d,
			unsigned int virq, bool unmapped,
			unsigned int refs_left, bool took, bool leaked)
{
	json_object *o = event(s, "device_del");

	ADD(o, "id", STR(d->id));
	ADD(o, "virq", INT(virq));
	ADD(o, "unmapped", json_object_new_boolean(unmapped));
	ADD(o, "refs_left", INT(refs_left));
	ADD(o, "lost_to", d->lost ? STR(d->lost_to) : NULL);
	ADD(o, "took_line", json_object_new_boolean(took));
	ADD(o, "leaked", json_object_new_boolean(leaked));
	irqm_sim_json_print(o);
}

void irqm_sim_report_unplug(struct irqm_sim *s, const struct irqm_sim_dev *d,
			    unsigned int virq, bool unmapped,
			    unsigned int refs_left, bool took)
{
	char holders[256];

	if (s->quiet)
		return;
	if (s->opts->json) {
		unplug_json(s, d, virq, unmapped, refs_left, took, false);
		return;
	}
	if (d->lost) {
		printf("%s: unplugged; its interrupt was already gone (lost when %s was unplugged)\n",
		       d->id, d->lost_to);
	} else if (!virq) {
		printf("%s: unplugged\n", d->id);
	} else if (took) {
		printf("%s: unplugged; virq %u unmapped with it, under its other users (kernel semantics)\n",
		       d->id, virq);
	} else if (unmapped) {
		printf("%s: unplugged; virq %u unmapped: it was the last user\n",
		       d->id, virq);
	} else {
		irqm_sim_line_holders(s, d->line, holders, sizeof(holders));
		printf("%s: unplugged; virq %u stays mapped: %u reference%s left, users %s\n",
		       d->id, virq, refs_left, refs_left == 1 ? "" : "s",
		       holders[0] ? holders : "none");
	}
}

void irqm_sim_report_lost(struct irqm_sim *s, const struct irqm_sim_dev *d,
			  unsigned int virq)
{
	json_object *o;

	if (s->quiet)
		return;
	if (s->opts->json) {
		o = event(s, "lost");
		ADD(o, "id", STR(d->id));
		ADD(o, "virq", INT(virq));
		ADD(o, "by", STR(d->lost_to));
		irqm_sim_json_print(o);
		return;
	}
	printf("%s: LOST its interrupt: unplugging %s unmapped virq %u under it "
	       "(kernel semantics; counted, the line would stay mapped for it)\n",
	       d->id, d->lost_to, virq);
}

void irqm_sim_report_raise(struct irqm_sim *s, const struct irqm_sim_dev *d,
			   unsigned long count)
{
	char pin[24];
	json_object *o;

	if (s->quiet)
		return;
	if (s->opts->json) {
		o = event(s, "raise");
		ADD(o, "id", STR(d->id));
		ADD(o, "count", INT(count));
		ADD(o, "virq", INT(d->virq));
		ADD(o, "lost", json_object_new_boolean(d->lost));
		irqm_sim_json_print(o);
		return;
	}
	if (d->platform)
		snprintf(pin, sizeof(pin), "interrupt %d", d->irq_index);
	else
		snprintf(pin, sizeof(pin), "INT%c", irqm_sim_pin_name(d->pin));
	if (d->lost)
		printf("%s: %s asserted %lu time%s, but nothing of it is installed "
		       "since %s was unplugged: lost\n", d->id, pin, count,
		       count == 1 ? "" : "s", d->lost_to);
	else
		printf("%s: %s asserted %lu time%s on virq %u\n", d->id, pin,
		       count, count == 1 ? "" : "s", d->virq);
}

/* Never dispose: @d is gone, its handler freed, its mapping kept. */
void irqm_sim_report_kept(struct irqm_sim *s, const struct irqm_sim_dev *d,
			  unsigned int virq)
{
	char holders[256];

	if (s->quiet)
		return;
	if (s->opts->json) {
		unplug_json(s, d, virq, false, irq_mapping_refcount(virq), false,
			    !d->line->users);
		return;
	}
	if (!d->line->users) {
		printf("%s: unplugged; virq %u LEFT MAPPED with no user: never disposed (kernel semantics; counted, it would be unmapped)\n",
		       d->id, virq);
		return;
	}
	irqm_sim_line_holders(s, d->line, holders, sizeof(holders));
	printf("%s: unplugged; virq %u stays mapped: never disposed, users %s\n",
	       d->id, virq, holders);
}
