// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * routes_json.c - one tree's routes as a JSON document, built with json-c:
 *
 *   {"file": FILE,
 *    "routes": [{"node", "index", "controller", "cells", "domain",
 *                "hwirq", "type", "virq", "shared", "parents",
 *                "map_error"[, "path"]}, ...],
 *    "errors": [{"node", "index", "error"}, ...],
 *    "shared": [{"domain", "hwirq", "virq",
 *                "users": [{"node", "index"}, ...]}, ...]}
 *
 * Every interrupt that resolves is a route. One whose line could not be
 * mapped has null domain, hwirq, type and virq, shared 0, no parents, and
 * its reason in "map_error" (null for a mapped route). "parents" lists the
 * levels below the route's own domain down to the root controller of its
 * hierarchy, each {"domain", "hwirq"}. "errors" holds only the interrupts
 * that do not resolve. "shared" lists every line more than one (node,
 * index) uses. With --explain, each route has "path": its walk, each hop
 * {"node", "via", "entry", "cells"} (entry null for interrupt-parent).
 */
#include <stdint.h>

#include "routes.h"

static json_object *str(const char *s)
{
	return json_object_new_string(s);
}

static json_object *cells_json(int n, const uint32_t *cells)
{
	json_object *a = json_object_new_array();

	for (int i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_int64(cells[i]));
	return a;
}

/* The levels of @virq below its outermost one, down to the root. */
static json_object *parents_json(unsigned int virq)
{
	json_object *a = json_object_new_array();
	struct irq_data *d = irq_get_irq_data(virq);

	for (d = d ? d->parent_data : NULL; d; d = d->parent_data) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "domain",
				       str(d->domain ? d->domain->name : "?"));
		json_object_object_add(o, "hwirq",
				       json_object_new_int64((int64_t)d->hwirq));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *path_json(const struct routes *r, const struct route *rt)
{
	json_object *a = json_object_new_array();

	for (int i = 0; i < rt->nr_hops; i++) {
		const struct irqmap_of_hop *h = &rt->hops[i];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "node",
				       str(irqmap_of_node_path(r->tree, h->node)));
		json_object_object_add(o, "via", str(via_name(h->via)));
		json_object_object_add(o, "entry", h->entry >= 0 ?
				       json_object_new_int(h->entry) : NULL);
		json_object_object_add(o, "cells",
				       cells_json(h->args_count, h->args));
		json_object_array_add(a, o);
	}
	return a;
}

static void add_line(json_object *o, const struct route *rt)
{
	struct line l;

	if (!rt->virq) {
		json_object_object_add(o, "domain", NULL);
		json_object_object_add(o, "hwirq", NULL);
		json_object_object_add(o, "type", NULL);
		json_object_object_add(o, "virq", NULL);
		json_object_object_add(o, "shared", json_object_new_int(0));
		json_object_object_add(o, "parents", json_object_new_array());
		json_object_object_add(o, "map_error", str(rt->error));
		return;
	}
	line_of(rt, &l);
	json_object_object_add(o, "domain", str(l.domain));
	json_object_object_add(o, "hwirq", json_object_new_int64((int64_t)l.hwirq));
	json_object_object_add(o, "type", str(l.type));
	json_object_object_add(o, "virq", json_object_new_int64(rt->virq));
	json_object_object_add(o, "shared", json_object_new_int64(l.shared));
	json_object_object_add(o, "parents", parents_json(rt->virq));
	json_object_object_add(o, "map_error", NULL);
}

static json_object *user_json(const struct route *rt)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "node", str(rt->node));
	json_object_object_add(o, "index", json_object_new_int(rt->index));
	return o;
}

static json_object *route_json(const struct routes *r, const struct route *rt,
			       bool explain)
{
	json_object *o = user_json(rt);

	json_object_object_add(o, "controller",
			       str(irqmap_of_node_path(r->tree, rt->args.np)));
	json_object_object_add(o, "cells", cells_json(rt->args.args_count,
						      rt->args.args));
	add_line(o, rt);
	if (explain)
		json_object_object_add(o, "path", path_json(r, rt));
	return o;
}

static json_object *shared_json(const struct routes *r)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < r->nr_lines; i++) {
		const struct shared_line *sl = &r->lines[i];
		json_object *o = json_object_new_object();
		json_object *users = json_object_new_array();
		struct line l;

		line_of(&r->v[sl->users[0]], &l);
		json_object_object_add(o, "domain", str(l.domain));
		json_object_object_add(o, "hwirq",
				       json_object_new_int64((int64_t)l.hwirq));
		json_object_object_add(o, "virq", json_object_new_int64(sl->virq));
		for (size_t k = 0; k < sl->nr_users; k++)
			json_object_array_add(users, user_json(&r->v[sl->users[k]]));
		json_object_object_add(o, "users", users);
		json_object_array_add(a, o);
	}
	return a;
}

json_object *routes_json(const struct routes *r, bool explain)
{
	json_object *doc = json_object_new_object();
	json_object *routes = json_object_new_array();
	json_object *errors = json_object_new_array();

	for (size_t i = 0; i < r->nr; i++) {
		const struct route *rt = &r->v[i];
		json_object *e;

		if (rt->resolved) {
			json_object_array_add(routes, route_json(r, rt, explain));
			continue;
		}
		e = user_json(rt);
		json_object_object_add(e, "error", str(rt->error));
		json_object_array_add(errors, e);
	}
	json_object_object_add(doc, "file", str(r->file));
	json_object_object_add(doc, "routes", routes);
	json_object_object_add(doc, "errors", errors);
	json_object_object_add(doc, "shared", shared_json(r));
	return doc;
}

/* @o on one line (the text lives as long as @o). */
const char *json_line(json_object *o)
{
	return json_object_to_json_string_ext(o, JSON_C_TO_STRING_SPACED |
					      JSON_C_TO_STRING_NOSLASHESCAPE);
}
