// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * routes_table.c - one tree's routes as an aligned table: one row per
 * route (with --explain, its walk indented below it), then the lines more
 * than one (node, index) uses with their users, the routes that could not
 * be mapped, the interrupts that do not resolve, and a count.
 */
#include <string.h>

#include "routes.h"

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

/* A route's walk: the device, then each node it moved to and how. */
static void print_hops(FILE *f, const struct routes *r, const struct route *rt)
{
	char cells[200];

	for (int i = 0; i < rt->nr_hops; i++) {
		const struct irqmap_of_hop *h = &rt->hops[i];

		cells_str(h->args_count, h->args, cells, sizeof(cells));
		fprintf(f, "    %s%s <%s> (%s", i ? "-> " : "",
			irqmap_of_node_path(r->tree, h->node), cells,
			via_name(h->via));
		if (h->entry >= 0)
			fprintf(f, "[%d]", h->entry);
		fprintf(f, ")\n");
	}
}

static void print_shared(FILE *f, const struct routes *r)
{
	if (!r->nr_lines)
		return;
	fprintf(f, "\nshared lines:\n");
	for (size_t i = 0; i < r->nr_lines; i++) {
		const struct shared_line *sl = &r->lines[i];
		struct line l;

		line_of(&r->v[sl->users[0]], &l);
		fprintf(f, "  %s hwirq %lu (%s), virq %u, %zu users:\n",
			l.domain, l.hwirq, l.type, sl->virq, sl->nr_users);
		for (size_t k = 0; k < sl->nr_users; k++) {
			const struct route *rt = &r->v[sl->users[k]];

			fprintf(f, "    %s interrupt %d\n", rt->node, rt->index);
		}
	}
}

void routes_print_table(FILE *f, const struct routes *r, bool explain,
			struct routes_totals *tot)
{
	int wn = 4, wc = 10, wx = 5, wd = 6, errors, unmapped, routes = 0;
	char cells[200];

	for (size_t i = 0; i < r->nr; i++) {
		const struct route *rt = &r->v[i];
		struct line l;

		if (!rt->resolved)
			continue;
		wn = width(wn, rt->node);
		wc = width(wc, irqmap_of_node_path(r->tree, rt->np));
		cells_str(rt->nr_cells, route_cells(r, rt), cells, sizeof(cells));
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
		cells_str(rt->nr_cells, route_cells(r, rt), cells, sizeof(cells));
		fprintf(f, "%-*s %3d  %-*s  %-*s  ", wn, rt->node, rt->index, wc,
			irqmap_of_node_path(r->tree, rt->np), wx, cells);
		if (!rt->virq) {
			fprintf(f, "%-*s %7s  %-12s %5s %6s\n", wd, "-", "-", "-",
				"-", "-");
		} else {
			line_of(rt, &l);
			fprintf(f, "%-*s %7lu  %-12s %5u %6u\n", wd, l.domain,
				l.hwirq, l.type, rt->virq, l.shared);
		}
		if (explain)
			print_hops(f, r, rt);
	}
	print_shared(f, r);
	unmapped = print_reasons(f, r, true, "not mapped");
	errors = print_reasons(f, r, false, "errors (do not resolve)");
	fprintf(f, "\n%d route%s (%d not mapped), %d error%s, %zu shared line%s\n",
		routes, routes == 1 ? "" : "s", unmapped, errors,
		errors == 1 ? "" : "s", r->nr_lines, r->nr_lines == 1 ? "" : "s");
	tot->trees++;
	tot->routes += (size_t)routes;
	tot->unmapped += (size_t)unmapped;
	tot->errors += (size_t)errors;
	tot->shared += r->nr_lines;
}
