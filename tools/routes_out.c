// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * routes_out.c - printing what 'irqmap routes' found: an aligned table, or
 * the JSON document built with json-c:
 *
 *   {"routes": [{"node", "index", "controller", "cells", "domain",
 *                "hwirq", "type", "virq", "shared", "parents",
 *                "map_error"}, ...],
 *    "errors": [{"node", "index", "error"}, ...]}
 *
 * Every interrupt that resolves is a route. One whose line could not be
 * mapped has null domain, hwirq, type and virq, shared 0, no parents, and
 * its reason in "map_error" (null for a mapped route). "parents" lists the
 * levels below the route's own domain down to the root controller of its
 * hierarchy, each {"domain", "hwirq"}. "errors" holds only the interrupts
 * that do not resolve.
 */
#include <stdint.h>
#include <string.h>

#include <json-c/json.h>

#include "routes.h"

static const char *type_name(unsigned int type)
{
	switch (type) {
	case IRQ_TYPE_NONE:		return "none";
	case IRQ_TYPE_EDGE_RISING:	return "edge-rising";
	case IRQ_TYPE_EDGE_FALLING:	return "edge-falling";
	case IRQ_TYPE_EDGE_BOTH:	return "edge-both";
	case IRQ_TYPE_LEVEL_HIGH:	return "level-high";
	case IRQ_TYPE_LEVEL_LOW:	return "level-low";
	default:			return "invalid";
	}
}

struct line {
	const char *domain;
	unsigned long hwirq;
	const char *type;
	unsigned int shared;
};

/* What the library says about the line of a mapped route. */
static void line_of(const struct route *rt, struct line *l)
{
	struct irq_data *d = irq_get_irq_data(rt->virq);

	l->domain = d && d->domain ? d->domain->name : "?";
	l->hwirq = d ? d->hwirq : 0;
	l->type = type_name(irq_get_trigger_type(rt->virq));
	l->shared = irq_mapping_refcount(rt->virq);
}

static void cells_str(const struct of_phandle_args *a, char *buf, size_t len)
{
	size_t pos = 0;

	buf[0] = '\0';
	for (int i = 0; i < a->args_count && pos < len; i++)
		pos += (size_t)snprintf(buf + pos, len - pos, "%s0x%x",
					i ? " " : "", a->args[i]);
}

static int width(int cur, const char *s)
{
	int n = (int)strlen(s);

	return n > cur ? n : cur;
}

/* The reasons of the routes that did not map, or of the unresolved. */
static int print_reasons(FILE *f, const struct routes *r, bool resolved,
			 const char *title)
{
	int n = 0;

	for (size_t i = 0; i < r->nr; i++) {
		const struct route *rt = &r->v[i];

		if (rt->resolved != resolved || !rt->error[0])
			continue;
		if (!n++)
			fprintf(f, "\n%s:\n", title);
		fprintf(f, "  %s interrupt %d: %s\n", rt->node, rt->index,
			rt->error);
	}
	return n;
}

void routes_print_table(FILE *f, const struct routes *r)
{
	int wn = 4, wc = 10, wx = 5, wd = 6, errors, unmapped, routes = 0;
	char cells[200];

	for (size_t i = 0; i < r->nr; i++) {
		const struct route *rt = &r->v[i];
		struct line l;

		if (!rt->resolved)
			continue;
		wn = width(wn, rt->node);
		wc = width(wc, irqmap_of_node_path(r->tree, rt->args.np));
		cells_str(&rt->args, cells, sizeof(cells));
		wx = width(wx, cells);
		if (rt->virq) {
			line_of(rt, &l);
			wd = width(wd, l.domain);
		}
	}
	fprintf(f, "%-*s %3s  %-*s  %-*s  %-*s %7s  %-12s %5s %6s\n", wn, "NODE",
		"IDX", wc, "CONTROLLER", wx, "CELLS", wd, "DOMAIN", "HWIRQ",
		"TYPE", "VIRQ", "SHARED");
	for (size_t i = 0; i < r->nr; i++) {
		const struct route *rt = &r->v[i];
		struct line l;

		if (!rt->resolved)
			continue;
		routes++;
		cells_str(&rt->args, cells, sizeof(cells));
		fprintf(f, "%-*s %3d  %-*s  %-*s  ", wn, rt->node, rt->index, wc,
			irqmap_of_node_path(r->tree, rt->args.np), wx, cells);
		if (!rt->virq) {
			fprintf(f, "%-*s %7s  %-12s %5s %6s\n", wd, "-", "-", "-",
				"-", "-");
			continue;
		}
		line_of(rt, &l);
		fprintf(f, "%-*s %7lu  %-12s %5u %6u\n", wd, l.domain, l.hwirq,
			l.type, rt->virq, l.shared);
	}
	unmapped = print_reasons(f, r, true, "not mapped");
	errors = print_reasons(f, r, false, "errors (do not resolve)");
	fprintf(f, "\n%d route%s (%d not mapped), %d error%s\n", routes,
		routes == 1 ? "" : "s", unmapped, errors, errors == 1 ? "" : "s");
}

/* The levels of @virq below its outermost one, down to the root. */
static json_object *parents_json(unsigned int virq)
{
	json_object *a = json_object_new_array();
	struct irq_data *d = irq_get_irq_data(virq);

	for (d = d ? d->parent_data : NULL; d; d = d->parent_data) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "domain", json_object_new_string(
			d->domain ? d->domain->name : "?"));
		json_object_object_add(o, "hwirq",
				       json_object_new_int64((int64_t)d->hwirq));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *route_json(const struct routes *r, const struct route *rt)
{
	json_object *o = json_object_new_object();
	json_object *cells = json_object_new_array();
	struct line l;

	for (int i = 0; i < rt->args.args_count; i++)
		json_object_array_add(cells, json_object_new_int64(rt->args.args[i]));
	json_object_object_add(o, "node", json_object_new_string(rt->node));
	json_object_object_add(o, "index", json_object_new_int(rt->index));
	json_object_object_add(o, "controller", json_object_new_string(
		irqmap_of_node_path(r->tree, rt->args.np)));
	json_object_object_add(o, "cells", cells);
	if (rt->virq) {
		line_of(rt, &l);
		json_object_object_add(o, "domain", json_object_new_string(l.domain));
		json_object_object_add(o, "hwirq", json_object_new_int64((int64_t)l.hwirq));
		json_object_object_add(o, "type", json_object_new_string(l.type));
		json_object_object_add(o, "virq", json_object_new_int64(rt->virq));
		json_object_object_add(o, "shared", json_object_new_int64(l.shared));
		json_object_object_add(o, "parents", parents_json(rt->virq));
		json_object_object_add(o, "map_error", NULL);
	} else {
		json_object_object_add(o, "domain", NULL);
		json_object_object_add(o, "hwirq", NULL);
		json_object_object_add(o, "type", NULL);
		json_object_object_add(o, "virq", NULL);
		json_object_object_add(o, "shared", json_object_new_int(0));
		json_object_object_add(o, "parents", json_object_new_array());
		json_object_object_add(o, "map_error",
				       json_object_new_string(rt->error));
	}
	return o;
}

static json_object *error_json(const struct route *rt)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "node", json_object_new_string(rt->node));
	json_object_object_add(o, "index", json_object_new_int(rt->index));
	json_object_object_add(o, "error", json_object_new_string(rt->error));
	return o;
}

int routes_print_json(FILE *f, const struct routes *r)
{
	json_object *doc = json_object_new_object();
	json_object *routes = json_object_new_array();
	json_object *errors = json_object_new_array();
	const char *s;
	int ret;

	for (size_t i = 0; i < r->nr; i++) {
		if (r->v[i].resolved)
			json_object_array_add(routes, route_json(r, &r->v[i]));
		else
			json_object_array_add(errors, error_json(&r->v[i]));
	}
	json_object_object_add(doc, "routes", routes);
	json_object_object_add(doc, "errors", errors);
	s = json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY |
					   JSON_C_TO_STRING_SPACED |
					   JSON_C_TO_STRING_NOSLASHESCAPE);
	ret = s && fprintf(f, "%s\n", s) > 0 ? 0 : -1;
	json_object_put(doc);
	return ret;
}
