// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_routes.c - 'irqmap routes FILE...': every interrupt of each device
 * tree, resolved and mapped (resolve.c), as a table or as JSON.
 *
 * Trees are processed one at a time and each is freed before the next is
 * loaded, so memory follows the largest tree, not the run: JSON lines
 * print one document per tree as it is done, and even the single
 * {"trees": [...]} document is written tree by tree. A file that cannot be
 * used gets one line on stderr and the run goes on; it makes the exit
 * status 2 at the end.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "commands.h"
#include "routes.h"

enum json_mode { JSON_NONE, JSON_LINES, JSON_TREES };

struct routes_opts {
	enum json_mode json;
	bool explain;
	const char *dot, *svg;
};

static int usage(FILE *f, int status)
{
	fprintf(f, "usage: irqmap routes [--json[=lines|trees]] [--explain]\n"
		   "                     [--dot FILE] [--svg FILE] FILE...\n\n"
		   "Resolves and maps every interrupt of each device tree FILE (.dtb,\n"
		   "or .dts compiled with dtc; a directory stands for every .dtb and\n"
		   ".dts below it) and prints one row per node and index: controller,\n"
		   "cells as they reach it, domain, hwirq, trigger type, virq and how\n"
		   "many users share the line; then the lines more than one interrupt\n"
		   "uses, with their users. A route whose line cannot be mapped says\n"
		   "why; interrupts that do not resolve are listed as errors.\n\n"
		   "  --json         one JSON document per tree, one a line\n"
		   "  --json=trees   one JSON document: {\"trees\": [...]}\n"
		   "  --explain      the walk of each interrupt, node by node\n"
		   "  --dot FILE     the tree's controllers, domains, nexus nodes and\n"
		   "                 devices as a Graphviz graph (one tree only)\n"
		   "  --svg FILE     the same, drawn by Graphviz's dot\n\n"
		   "Exit status: 0, 1 when mappings were left behind, 2 for a bad\n"
		   "command line or when a file could not be used.\n");
	return status;
}

static int parse_args(int argc, char **argv, struct routes_opts *o,
		      struct batch *b)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return usage(stdout, -1);
		if (!strcmp(a, "--json") || !strcmp(a, "--json=lines"))
			o->json = JSON_LINES;
		else if (!strcmp(a, "--json=trees"))
			o->json = JSON_TREES;
		else if (!strcmp(a, "--explain"))
			o->explain = true;
		else if (!strcmp(a, "--dot") && i + 1 < argc)
			o->dot = argv[++i];
		else if (!strcmp(a, "--svg") && i + 1 < argc)
			o->svg = argv[++i];
		else if (a[0] == '-' && a[1])
			return usage(stderr, EXIT_USAGE);
		else if (batch_add(b, a))
			return EXIT_FAILURE_RUN;
	}
	if (!b->nr && !b->unusable)
		return usage(stderr, EXIT_USAGE);
	if ((o->dot || o->svg) && b->nr + b->unusable != 1) {
		fprintf(stderr, "irqmap: --dot and --svg draw one tree\n");
		return EXIT_USAGE;
	}
	return 0;
}

static int print_tree(const struct routes_opts *o, yajl_gen g,
		      const struct routes *r, bool many, bool first,
		      struct routes_totals *tot)
{
	int ret = 0;

	if (o->json == JSON_NONE) {
		if (many)
			printf("%s==> %s <==\n", first ? "" : "\n", r->file);
		routes_print_table(stdout, r, o->explain, tot);
	} else {
		if (routes_json(g, stdout, r, o->explain))
			ret = -1;
		/* one document a line: the generator starts the next afresh */
		if (o->json == JSON_LINES && putchar('\n') == EOF)
			ret = -1;
		if (o->json == JSON_LINES)
			yajl_gen_reset(g, NULL);
	}
	if (fflush(stdout) || ferror(stdout))
		ret = -1;
	if (!ret && (o->dot || o->svg))
		ret = routes_write_dot(r, o->dot, o->svg);
	return ret;
}

static void summary(const struct batch *b, size_t unusable,
		    const struct routes_totals *t)
{
	printf("\n%zu file%s: %zu tree%s, %zu route%s (%zu not mapped), %zu error%s, %zu shared line%s",
	       b->nr, b->nr == 1 ? "" : "s", t->trees, t->trees == 1 ? "" : "s",
	       t->routes, t->routes == 1 ? "" : "s", t->unmapped, t->errors,
	       t->errors == 1 ? "" : "s", t->shared, t->shared == 1 ? "" : "s");
	if (unusable)
		printf(", %zu unusable", unusable);
	printf("\n");
}

/*
 * JSON goes through one generator for the run: --json=trees opens the
 * {"trees": [...]} document here and each tree's document is an element
 * of it, written as the tree is done; --json resets it after each tree.
 */
static int run(const struct routes_opts *o, struct batch *b)
{
	struct routes_totals tot = { 0 };
	size_t unusable = b->unusable, printed = 0;
	yajl_gen g = NULL;
	int failed = 0;

	if (o->json != JSON_NONE) {
		g = yajl_gen_alloc(NULL);
		if (!g) {
			fprintf(stderr, "irqmap: out of memory\n");
			return EXIT_FAILURE_RUN;
		}
	}
	batch_start(b);
	if (o->json == JSON_TREES) {
		yajl_gen_map_open(g);
		yajl_gen_string(g, (const unsigned char *)"trees", 5);
		yajl_gen_array_open(g);
	}
	for (size_t i = 0; i < b->nr; i++) {
		struct routes r;
		int ret;

		batch_progress(b, i);
		ret = routes_open(&r, b->files[i], o->explain || o->dot || o->svg ?
				  ROUTES_HOPS : 0);
		batch_clear(b);
		if (ret && !r.tree) {
			fprintf(stderr, "irqmap: %s\n", routes_load_error());
			unusable++;
		} else if (ret) {
			failed = 1;
		} else {
			for (size_t k = 0; k < r.nr_init_msgs; k++)
				fprintf(stderr, "irqmap: %s: %s\n", r.file,
					r.init_msgs[k]);
			if (print_tree(o, g, &r, b->nr + b->unusable > 1,
				       !printed++, &tot))
				failed = 1;
		}
		if (routes_close(&r))
			failed = 1;
	}
	batch_clear(b);
	if (o->json == JSON_TREES) {
		yajl_gen_array_close(g);
		yajl_gen_map_close(g);
		if (json_flush(g, stdout) || putchar('\n') == EOF ||
		    fflush(stdout))
			failed = 1;
	}
	if (g)
		yajl_gen_free(g);
	if (o->json == JSON_NONE && isatty(STDOUT_FILENO) &&
	    b->nr + b->unusable > 1)
		summary(b, unusable, &tot);
	if (unusable)
		return EXIT_USAGE;
	return failed ? EXIT_FAILURE_RUN : EXIT_OK;
}

int cmd_routes(int argc, char **argv)
{
	struct routes_opts o = { 0 };
	struct batch b = { 0 };
	int ret = parse_args(argc, argv, &o, &b);

	if (ret) {
		batch_free(&b);
		return ret < 0 ? EXIT_OK : ret;
	}
	if (irqmap_init()) {
		fprintf(stderr, "irqmap: cannot initialise the library\n");
		batch_free(&b);
		return EXIT_FAILURE_RUN;
	}
	ret = run(&o, &b);
	batch_free(&b);
	if (irqmap_exit()) {
		fprintf(stderr, "irqmap: mappings left behind\n");
		if (ret == EXIT_OK)
			ret = EXIT_FAILURE_RUN;
	}
	return ret;
}
