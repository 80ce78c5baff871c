// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_check.c - 'irqmap check FILE...': what Linux would log at boot about
 * the interrupts of each device tree, from the tree alone.
 *
 * Each tree is brought up and every interrupt of every node Linux would
 * probe (status okay, under enabled parents) is resolved and mapped in
 * tree order, as drivers would map them; check.c sorts what fails. One
 * line per finding: "FILE: /path: interrupt N: message" (or "FILE: /path:
 * message" about a node), or with --json one document per tree a line.
 * Exit status: 0 when nothing is found, 1 when something is, 2 when a file
 * could not be used (the others are still checked).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "check.h"
#include "commands.h"

static int usage(FILE *f, int status)
{
	fprintf(f, "usage: irqmap check [--json] FILE...\n\n"
		   "Reports what Linux would log at boot about the interrupts of each\n"
		   "device tree FILE (.dtb or .dts; a directory stands for every tree\n"
		   "below it), one line per finding: interrupts that do not resolve\n"
		   "(no usable interrupt parent, no interrupt-map entry matches, the\n"
		   "wrong number of cells), specifiers the controller's driver refuses,\n"
		   "users of one line asking for different trigger types, interrupt-map\n"
		   "entries naming a node without #interrupt-cells, disabled controllers\n"
		   "in use and controllers that do not come up. --json prints one\n"
		   "document per tree a line: {\"file\", \"findings\": [{\"node\",\n"
		   "\"index\", \"kind\", \"message\"}]}.\n\n"
		   "Exit status: 0 when nothing is found, 1 when something is, 2 for a\n"
		   "bad command line or a file that could not be used.\n");
	return status;
}

static void print_text(const struct routes *r, const struct findings *fs)
{
	for (size_t i = 0; i < fs->nr; i++) {
		const struct finding *f = &fs->v[i];

		if (f->index >= 0)
			printf("%s: %s: interrupt %d: %s\n", r->file, f->node,
			       f->index, f->msg);
		else
			printf("%s: %s: %s\n", r->file, f->node, f->msg);
	}
}

static int print_json(const struct routes *r, const struct findings *fs)
{
	json_object *doc = json_object_new_object();
	json_object *a = json_object_new_array();
	int ret;

	for (size_t i = 0; i < fs->nr; i++) {
		const struct finding *f = &fs->v[i];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "node", json_object_new_string(f->node));
		json_object_object_add(o, "index", f->index >= 0 ?
				       json_object_new_int(f->index) : NULL);
		json_object_object_add(o, "kind", json_object_new_string(
			finding_kind_name(f->kind)));
		json_object_object_add(o, "message", json_object_new_string(f->msg));
		json_object_array_add(a, o);
	}
	json_object_object_add(doc, "file", json_object_new_string(r->file));
	json_object_object_add(doc, "findings", a);
	ret = printf("%s\n", json_line(doc)) < 0 ? -1 : 0;
	json_object_put(doc);
	return ret;
}

static void summary(const struct batch *b, size_t trees, size_t unusable,
		    const size_t *by_kind)
{
	size_t total = 0;

	for (int k = 0; k < NR_FIND_KINDS; k++)
		total += by_kind[k];
	printf("\n%zu file%s, %zu tree%s checked, %zu unusable: %zu finding%s",
	       b->nr, b->nr == 1 ? "" : "s", trees, trees == 1 ? "" : "s",
	       unusable, total, total == 1 ? "" : "s");
	for (int k = 0, first = 1; k < NR_FIND_KINDS; k++) {
		if (!by_kind[k])
			continue;
		printf("%s%zu %s", first ? " (" : ", ", by_kind[k],
		       finding_kind_name((enum finding_kind)k));
		first = 0;
	}
	printf("%s\n", total ? ")" : "");
}

/* Check one file; its findings counted in @by_kind. */
static int check_file(const char *file, bool json, size_t *by_kind,
		      struct batch *b)
{
	struct findings fs = { 0 };
	struct routes r;
	int ret = routes_open(&r, file, ROUTES_PROBED);

	batch_clear(b);
	if (ret && !r.tree) {
		fprintf(stderr, "irqmap: %s\n", routes_load_error());
		ret = 2;
	} else if (ret || check_tree(&r, &fs)) {
		fprintf(stderr, "irqmap: %s: out of memory\n", file);
		ret = -1;
	} else {
		for (size_t i = 0; i < fs.nr; i++)
			by_kind[fs.v[i].kind]++;
		if (json)
			ret = print_json(&r, &fs);
		else
			print_text(&r, &fs);
		fflush(stdout);
	}
	free(fs.v);
	if (routes_close(&r) && !ret)
		ret = -1;
	return ret;
}

int cmd_check(int argc, char **argv)
{
	size_t by_kind[NR_FIND_KINDS] = { 0 }, trees = 0, unusable, found = 0;
	struct batch b = { 0 };
	bool json = false;
	int failed = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			batch_free(&b);
			return usage(stdout, EXIT_OK);
		}
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if ((argv[i][0] == '-' && argv[i][1]) || batch_add(&b, argv[i])) {
			batch_free(&b);
			return usage(stderr, EXIT_USAGE);
		}
	}
	if (!b.nr && !b.unusable) {
		batch_free(&b);
		return usage(stderr, EXIT_USAGE);
	}
	if (irqmap_init()) {
		fprintf(stderr, "irqmap: cannot initialise the library\n");
		batch_free(&b);
		return EXIT_USAGE;
	}
	unusable = b.unusable;
	batch_start(&b);
	for (size_t i = 0; i < b.nr; i++) {
		int ret;

		batch_progress(&b, i);
		ret = check_file(b.files[i], json, by_kind, &b);
		unusable += ret == 2;
		trees += ret != 2;
		failed |= ret < 0;
	}
	batch_clear(&b);
	for (int k = 0; k < NR_FIND_KINDS; k++)
		found += by_kind[k];
	if (!json && isatty(STDOUT_FILENO) && b.nr + b.unusable > 1)
		summary(&b, trees, unusable, by_kind);
	batch_free(&b);
	failed |= irqmap_exit() != 0;
	if (unusable || failed)
		return EXIT_USAGE;
	return found ? EXIT_FAILURE_RUN : EXIT_OK;
}
