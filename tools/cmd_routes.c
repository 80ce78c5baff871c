// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_routes.c - 'irqmap routes FILE': every interrupt of a device tree,
 * resolved and mapped.
 *
 * Loads the tree, brings up every controller, then for every node and
 * every index of its interrupts (or interrupts-extended) resolves the
 * specifier to its controller and maps it. A cascaded controller's own
 * interrupts are the parent lines it mapped when it came up; those are
 * reported without a second reference. Lines several devices use show
 * how many references they hold. Resolving and mapping are kept apart: an
 * interrupt that resolves is a route even when its line cannot be mapped
 * (the route then says why); only one that does not resolve is an error.
 * At the end every mapping is disposed, the tree freed, and the library
 * must have nothing left.
 */
#include <stdlib.h>
#include <string.h>

#include <irqmap/irqmap.h>

#include "commands.h"
#include "routes.h"

/* The library's last complaint, kept as the text of a failure. */
static char last_msg[512];

static void capture(int level, const char *msg, void *arg)
{
	(void)arg;
	if (level <= IRQMAP_LOG_WARN)
		snprintf(last_msg, sizeof(last_msg), "%s", msg);
}

static struct route *add(struct routes *r)
{
	if (r->nr == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct route *v = realloc(r->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		r->v = v;
		r->cap = cap;
	}
	memset(&r->v[r->nr], 0, sizeof(r->v[0]));
	return &r->v[r->nr++];
}

static void set_error(struct route *rt, const char *fallback)
{
	snprintf(rt->error, sizeof(rt->error), "%s",
		 last_msg[0] ? last_msg : fallback);
}

static void resolve_one(struct routes *r, int node, int index, struct route *rt)
{
	rt->node = irqmap_of_node_path(r->tree, node);
	rt->index = index;
	last_msg[0] = '\0';
	if (of_irq_parse_one(r->tree, node, index, &rt->args)) {
		set_error(rt, "does not resolve");
		return;
	}
	rt->resolved = true;
	rt->virq = irqmap_of_parent_irq(r->tree, node, index);
	if (!rt->virq) {
		rt->virq = irq_create_of_mapping(&rt->args);
		rt->own_ref = rt->virq != 0;
	}
	if (!rt->virq)
		set_error(rt, "cannot be mapped");
}

static int resolve_all(struct routes *r)
{
	irqmap_set_log_handler(capture, NULL);
	for (int node = irqmap_of_next_node(r->tree, -1); node >= 0;
	     node = irqmap_of_next_node(r->tree, node)) {
		int nr = irqmap_of_irq_entries(r->tree, node);

		for (int i = 0; i < nr; i++) {
			struct route *rt = add(r);

			if (!rt) {
				irqmap_set_log_handler(NULL, NULL);
				fprintf(stderr, "irqmap: out of memory\n");
				return -1;
			}
			resolve_one(r, node, i, rt);
		}
	}
	irqmap_set_log_handler(NULL, NULL);
	return 0;
}

static void dispose_all(struct routes *r)
{
	for (size_t i = 0; i < r->nr; i++)
		if (r->v[i].own_ref)
			irq_dispose_mapping(r->v[i].virq);
}

static int usage(FILE *f, int status)
{
	fprintf(f, "usage: irqmap routes [--json] FILE\n\n"
		   "Resolves and maps every interrupt of the device tree FILE (.dtb, or\n"
		   ".dts compiled with dtc) and prints one row per node and index:\n"
		   "controller, cells as they reach it, domain, hwirq, trigger type,\n"
		   "virq and how many users share the line; a route whose line cannot\n"
		   "be mapped says why. --json prints {\"routes\": [...], \"errors\": [...]}\n"
		   "instead, \"errors\" holding the interrupts that do not resolve.\n");
	return status;
}

int cmd_routes(int argc, char **argv)
{
	struct routes r = { 0 };
	const char *file = NULL;
	bool json = false;
	int ret = EXIT_OK;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return usage(stdout, EXIT_OK);
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!file && argv[i][0] != '-')
			file = argv[i];
		else
			return usage(stderr, EXIT_USAGE);
	}
	if (!file)
		return usage(stderr, EXIT_USAGE);
	if (irqmap_init()) {
		fprintf(stderr, "irqmap: cannot initialise the library\n");
		return EXIT_FAILURE_RUN;
	}
	r.tree = irqmap_of_load(file);	/* logs one line when unusable */
	if (!r.tree) {
		irqmap_exit();
		return EXIT_FAILURE_RUN;
	}
	irqmap_of_irq_init(r.tree);	/* failures show up in the routes */
	if (resolve_all(&r))
		ret = EXIT_FAILURE_RUN;
	else if (json)
		ret = routes_print_json(stdout, &r) ? EXIT_FAILURE_RUN : EXIT_OK;
	else
		routes_print_table(stdout, &r);
	dispose_all(&r);
	free(r.v);
	if (irqmap_of_free(r.tree) || irqmap_exit()) {
		fprintf(stderr, "irqmap: mappings left behind\n");
		ret = EXIT_FAILURE_RUN;
	}
	return ret;
}
