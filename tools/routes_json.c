// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * routes_json.c - one tree's routes as a JSON document:
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
 *
 * The document is written with yajl's generator, which streams: each route
 * goes to the output as it is generated and nothing of the document is
 * kept. A tree of a million interrupts would otherwise hold a million
 * objects, each a hash table of its fields, only to print them once.
 */
#include <stdint.h>
#include <string.h>

#include "routes.h"

/*
 * The generator writes into its own buffer, which goes to the output a few
 * kilobytes at a time: a print callback would be called for every token,
 * even for each quote.
 */
#define FLUSH_AT 16384

int json_flush(yajl_gen g, FILE *f)
{
	const unsigned char *buf;
	size_t len;

	if (yajl_gen_get_buf(g, &buf, &len) != yajl_gen_status_ok)
		return -1;
	if (len && fwrite(buf, 1, len, f) != len)
		return -1;
	yajl_gen_clear(g);
	return 0;
}

static void flush_some(yajl_gen g, FILE *f)
{
	const unsigned char *buf;
	size_t len;

	if (yajl_gen_get_buf(g, &buf, &len) == yajl_gen_status_ok &&
	    len >= FLUSH_AT)
		json_flush(g, f);
}

static void str(yajl_gen g, const char *s)
{
	yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

/*
 * An integer as yajl_gen_integer() writes it, without its sprintf(): the
 * document has a few of them for every interrupt.
 */
static void num(yajl_gen g, long long v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v :
				       (unsigned long long)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	yajl_gen_number(g, p, (size_t)(buf + sizeof(buf) - p));
}

/* A key and a string value; NULL stands for null. */
static void kv_str(yajl_gen g, const char *k, const char *v)
{
	str(g, k);
	if (v)
		str(g, v);
	else
		yajl_gen_null(g);
}

static void kv_int(yajl_gen g, const char *k, long long v)
{
	str(g, k);
	num(g, v);
}

static void cells_json(yajl_gen g, int n, const uint32_t *cells)
{
	yajl_gen_array_open(g);
	for (int i = 0; i < n; i++)
		num(g, cells[i]);
	yajl_gen_array_close(g);
}

/* The levels of @virq below its outermost one, down to the root. */
static void parents_json(yajl_gen g, unsigned int virq)
{
	struct irq_data *d = irq_get_irq_data(virq);

	yajl_gen_array_open(g);
	for (d = d ? d->parent_data : NULL; d; d = d->parent_data) {
		yajl_gen_map_open(g);
		kv_str(g, "domain", d->domain ? d->domain->name : "?");
		kv_int(g, "hwirq", (long long)d->hwirq);
		yajl_gen_map_close(g);
	}
	yajl_gen_array_close(g);
}

static void path_json(yajl_gen g, const struct routes *r,
		      const struct route *rt)
{
	str(g, "path");
	yajl_gen_array_open(g);
	for (int k = 0; k < rt->nr_hops; k++) {
		const struct irqmap_of_hop *h = &rt->hops[k];

		yajl_gen_map_open(g);
		kv_str(g, "node", irqmap_of_node_path(r->tree, h->node));
		kv_str(g, "via", via_name(h->via));
		str(g, "entry");
		if (h->entry >= 0)
			num(g, h->entry);
		else
			yajl_gen_null(g);
		str(g, "cells");
		cells_json(g, h->args_count, h->args);
		yajl_gen_map_close(g);
	}
	yajl_gen_array_close(g);
}

static void add_line(yajl_gen g, const struct route *rt)
{
	struct line l;

	if (!rt->virq) {
		kv_str(g, "domain", NULL);
		kv_str(g, "hwirq", NULL);
		kv_str(g, "type", NULL);
		kv_str(g, "virq", NULL);
		kv_int(g, "shared", 0);
		str(g, "parents");
		yajl_gen_array_open(g);
		yajl_gen_array_close(g);
		kv_str(g, "map_error", rt->error);
		return;
	}
	line_of(rt, &l);
	kv_str(g, "domain", l.domain);
	kv_int(g, "hwirq", (long long)l.hwirq);
	kv_str(g, "type", l.type);
	kv_int(g, "virq", rt->virq);
	kv_int(g, "shared", l.shared);
	str(g, "parents");
	parents_json(g, rt->virq);
	kv_str(g, "map_error", NULL);
}

/* "node" and "index": the start of every object about one interrupt. */
static void user_json(yajl_gen g, const struct route *rt)
{
	kv_str(g, "node", rt->node);
	kv_int(g, "index", rt->index);
}

static void route_json(yajl_gen g, const struct routes *r,
		       const struct route *rt, bool explain)
{
	yajl_gen_map_open(g);
	user_json(g, rt);
	kv_str(g, "controller", irqmap_of_node_path(r->tree, rt->np));
	str(g, "cells");
	cells_json(g, rt->nr_cells, route_cells(r, rt));
	add_line(g, rt);
	if (explain)
		path_json(g, r, rt);
	yajl_gen_map_close(g);
}

static void shared_json(yajl_gen g, FILE *f, const struct routes *r)
{
	str(g, "shared");
	yajl_gen_array_open(g);
	for (size_t i = 0; i < r->nr_lines; i++) {
		const struct shared_line *sl = &r->lines[i];
		struct line l;

		line_of(&r->v[sl->users[0]], &l);
		yajl_gen_map_open(g);
		kv_str(g, "domain", l.domain);
		kv_int(g, "hwirq", (long long)l.hwirq);
		kv_int(g, "virq", sl->virq);
		str(g, "users");
		yajl_gen_array_open(g);
		for (size_t k = 0; k < sl->nr_users; k++) {
			yajl_gen_map_open(g);
			user_json(g, &r->v[sl->users[k]]);
			yajl_gen_map_close(g);
		}
		yajl_gen_array_close(g);
		yajl_gen_map_close(g);
		flush_some(g, f);
	}
	yajl_gen_array_close(g);
}

int routes_json(yajl_gen g, FILE *f, const struct routes *r, bool explain)
{
	yajl_gen_map_open(g);
	kv_str(g, "file", r->file);
	str(g, "routes");
	yajl_gen_array_open(g);
	for (size_t i = 0; i < r->nr; i++) {
		if (!r->v[i].resolved)
			continue;
		route_json(g, r, &r->v[i], explain);
		flush_some(g, f);
	}
	yajl_gen_array_close(g);
	str(g, "errors");
	yajl_gen_array_open(g);
	for (size_t i = 0; i < r->nr; i++) {
		const struct route *rt = &r->v[i];

		if (rt->resolved)
			continue;
		yajl_gen_map_open(g);
		user_json(g, rt);
		kv_str(g, "error", rt->error);
		yajl_gen_map_close(g);
		flush_some(g, f);
	}
	yajl_gen_array_close(g);
	shared_json(g, f, r);
	yajl_gen_map_close(g);
	return json_flush(g, f);
}

/* @o on one line (the text lives as long as @o). */
const char *json_line(json_object *o)
{
	return json_object_to_json_string_ext(o, JSON_C_TO_STRING_SPACED |
					      JSON_C_TO_STRING_NOSLASHESCAPE);
}
