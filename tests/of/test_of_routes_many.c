// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_of_routes_many.c - 'irqmap routes' over many trees in one run, the
 * lines each tree shares, --explain (and irqmap_of_irq_explain() under
 * it), and the Graphviz picture.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* A tree file that is not one, and one cut short, in /tmp. */
struct bad_files {
	char garbage[64];
	char truncated[64];
};

static void make_bad_files(struct bad_files *b)
{
	snprintf(b->garbage, sizeof(b->garbage), "/tmp/irqmap-garbage-XXXXXX");
	snprintf(b->truncated, sizeof(b->truncated), "/tmp/irqmap-cut-XXXXXX");
	close(mkstemp(b->garbage));
	close(mkstemp(b->truncated));
	cli_write(b->garbage, "not a device tree\n", 18);
	/* a blob's magic number, then nothing of the 4 KiB it announces */
	cli_write(b->truncated, "\xd0\x0d\xfe\xed\x00\x00\x10\x00", 8);
}

static void remove_bad_files(struct bad_files *b)
{
	unlink(b->garbage);
	unlink(b->truncated);
}

static json_object *parse_line(const char *line)
{
	json_object *o = json_tokener_parse(line);

	if (!o)
		fail_msg("not a JSON document: %s", line);
	return o;
}

static void json_lines_have_one_document_per_usable_tree_and_bad_files_make_status_2(void **state)
{
	char a[512], b[512];
	struct bad_files bad = { 0 };
	struct run r;
	char *line, *save = NULL;
	const char *want[] = { a, b };
	int n = 0;

	(void)state;
	make_bad_files(&bad);
	CLI_RUN(&r, "routes", "--json", bad.garbage,
		cli_fixture(a, sizeof(a), "map.dts"), bad.truncated,
		cli_fixture(b, sizeof(b), "pseries.dts"));
	assert_int_equal(r.status, 2);
	/* one line per bad file, naming it */
	assert_int_equal(cli_lines(r.err), 2);
	assert_non_null(strstr(r.err, bad.garbage));
	assert_non_null(strstr(r.err, bad.truncated));
	assert_int_equal(cli_lines(r.out), 2);
	for (line = strtok_r(r.out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		json_object *doc = parse_line(line);

		assert_true(n < 2);
		assert_string_equal(json_object_get_string(cli_key(doc, "file")),
				    want[n++]);
		assert_true(json_object_array_length(cli_key(doc, "routes")) > 0);
		cli_key(doc, "errors");
		cli_key(doc, "shared");
		json_object_put(doc);
	}
	cli_done(&r);
	remove_bad_files(&bad);
}

static void json_trees_is_one_document_with_each_tree_in_order(void **state)
{
	char a[512], b[512];
	json_object *doc, *trees, *t;
	struct run r;

	(void)state;
	CLI_RUN(&r, "routes", "--json=trees", cli_fixture(a, sizeof(a), "map.dts"),
		cli_fixture(b, sizeof(b), "pseries.dts"));
	assert_int_equal(r.status, 0);
	doc = json_tokener_parse(r.out);
	assert_non_null(doc);
	trees = cli_key(doc, "trees");
	assert_int_equal(json_object_array_length(trees), 2);
	t = json_object_array_get_idx(trees, 1);
	assert_string_equal(json_object_get_string(cli_key(t, "file")), b);
	assert_int_equal(json_object_array_length(cli_key(t, "routes")), 8);
	assert_int_equal(json_object_array_length(cli_key(t, "errors")), 0);
	assert_int_equal(json_object_array_length(cli_key(t, "shared")), 2);
	json_object_put(doc);
	cli_done(&r);
}

static void a_directory_stands_for_every_tree_below_it_and_one_without_trees_is_unusable(void **state)
{
	char dir[] = "/tmp/irqmap-dir-XXXXXX", sub[600], path[700], fx[512];
	char *src = tu_slurp(cli_fixture(fx, sizeof(fx), "map.dts"));
	struct run r;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(path, sizeof(path), "%s/b.dts", sub);
	cli_write(path, src, strlen(src));
	snprintf(path, sizeof(path), "%s/a.dts", dir);
	cli_write(path, src, strlen(src));
	snprintf(path, sizeof(path), "%s/notes.txt", dir);
	cli_write(path, "not a tree\n", 11);

	CLI_RUN(&r, "routes", "--json", dir);
	assert_int_equal(r.status, 0);
	assert_int_equal(cli_lines(r.out), 2);
	snprintf(path, sizeof(path), "%s/a.dts", dir);
	assert_non_null(strstr(r.out, path));
	snprintf(path, sizeof(path), "%s/sub/b.dts", dir);
	assert_non_null(strstr(r.out, path));
	cli_done(&r);

	/* a directory without trees: one line naming it, status 2 */
	CLI_RUN(&r, "routes", "--json", sub, fx);
	assert_int_equal(r.status, 0);
	cli_done(&r);
	snprintf(path, sizeof(path), "%s/sub/b.dts", dir);
	unlink(path);
	CLI_RUN(&r, "routes", "--json", sub, fx);
	assert_int_equal(r.status, 2);
	assert_int_equal(cli_lines(r.err), 1);
	assert_non_null(strstr(r.err, sub));
	assert_int_equal(cli_lines(r.out), 1);
	cli_done(&r);

	rmdir(sub);
	snprintf(path, sizeof(path), "%s/a.dts", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/notes.txt", dir);
	unlink(path);
	rmdir(dir);
	free(src);
}

/* ethernet@0 and @4 share one LSI, @1 and @5 another. */
static void shared_lists_every_line_used_twice_with_its_users(void **state)
{
	static const char *const users[2][2] = {
		{ "/pci@800000020000000/ethernet@0", "/pci@800000020000000/ethernet@4" },
		{ "/pci@800000020000000/ethernet@1", "/pci@800000020000000/ethernet@5" },
	};
	json_object *doc, *shared;
	char fx[512];
	struct run r;

	(void)state;
	CLI_RUN(&r, "routes", "--json", cli_fixture(fx, sizeof(fx), "pseries.dts"));
	assert_int_equal(r.status, 0);
	doc = parse_line(r.out);
	shared = cli_key(doc, "shared");
	assert_int_equal(json_object_array_length(shared), 2);
	for (int i = 0; i < 2; i++) {
		json_object *l = json_object_array_get_idx(shared, (size_t)i);
		json_object *u = cli_key(l, "users");

		assert_string_equal(json_object_get_string(cli_key(l, "domain")),
				    "/interrupt-controller");
		assert_int_equal(json_object_get_int(cli_key(l, "hwirq")), 4608 + i);
		cli_key(l, "virq");
		assert_int_equal(json_object_array_length(u), 2);
		for (int k = 0; k < 2; k++) {
			json_object *e = json_object_array_get_idx(u, (size_t)k);

			assert_string_equal(json_object_get_string(cli_key(e, "node")),
					    users[i][k]);
			assert_int_equal(json_object_get_int(cli_key(e, "index")), 0);
		}
	}
	json_object_put(doc);
	cli_done(&r);

	CLI_RUN(&r, "routes", fx);
	assert_non_null(strstr(r.out, "\nshared lines:\n"
				      "  /interrupt-controller hwirq 4608 (level-low), virq "));
	assert_non_null(strstr(r.out, ", 2 users:\n    /pci@800000020000000/ethernet@0 interrupt 0\n"
				      "    /pci@800000020000000/ethernet@4 interrupt 0\n"));
	assert_non_null(strstr(r.out, "8 routes (0 not mapped), 0 errors, 2 shared lines"));
	cli_done(&r);
}

struct hop {
	const char *node, *via;
	int entry;		/* -1: null */
	int n;
	uint32_t cells[2];
};

/* dev@1: interrupt-parent to nexus1, then one map entry per nexus. */
static const struct hop chain[] = {
	{ "/nexus1@5000/dev@1", "interrupts", 0, 1, { 1 } },
	{ "/nexus1@5000", "interrupt-parent", -1, 1, { 1 } },
	{ "/nexus2@6000", "interrupt-map", 0, 2, { 3, 5 } },
	{ "/nexus3@7000", "interrupt-map", 0, 1, { 9 } },
	{ "/interrupt-controller@1000", "interrupt-map", 0, 2, { 70, 4 } },
};

static void check_path(json_object *path, const struct hop *want, size_t n)
{
	assert_int_equal(json_object_array_length(path), n);
	for (size_t i = 0; i < n; i++) {
		json_object *h = json_object_array_get_idx(path, i);
		json_object *cells = cli_key(h, "cells");

		assert_string_equal(json_object_get_string(cli_key(h, "node")), want[i].node);
		assert_string_equal(json_object_get_string(cli_key(h, "via")), want[i].via);
		if (want[i].entry < 0)
			assert_null(cli_key(h, "entry"));
		else
			assert_int_equal(json_object_get_int(cli_key(h, "entry")), want[i].entry);
		assert_int_equal(json_object_array_length(cells), want[i].n);
		for (int c = 0; c < want[i].n; c++)
			assert_int_equal(json_object_get_int64(json_object_array_get_idx(cells, (size_t)c)),
					 want[i].cells[c]);
	}
}

static void explain_walks_interrupt_parent_and_each_interrupt_map_entry_to_the_controller(void **state)
{
	json_object *doc, *routes;
	struct hop ext[5];
	char fx[512];
	struct run r;

	(void)state;
	CLI_RUN(&r, "routes", "--json", "--explain",
		cli_fixture(fx, sizeof(fx), "nexus-chain.dts"));
	assert_int_equal(r.status, 0);
	doc = parse_line(r.out);
	routes = cli_key(doc, "routes");
	assert_int_equal(json_object_array_length(routes), 2);
	check_path(cli_key(json_object_array_get_idx(routes, 0), "path"), chain, 5);
	/* interrupts-extended names nexus1 itself: no interrupt-parent hop */
	memcpy(ext, chain, sizeof(ext));
	ext[0] = (struct hop){ "/dev@3001", "interrupts-extended", 0, 1, { 1 } };
	ext[1].via = "interrupts-extended";
	ext[1].entry = 0;
	check_path(cli_key(json_object_array_get_idx(routes, 1), "path"), ext, 5);
	json_object_put(doc);
	cli_done(&r);

	CLI_RUN(&r, "routes", "--explain", fx);
	assert_non_null(strstr(r.out, "\n    /nexus1@5000/dev@1 <0x1> (interrupts[0])\n"
				      "    -> /nexus1@5000 <0x1> (interrupt-parent)\n"
				      "    -> /nexus2@6000 <0x3 0x5> (interrupt-map[0])\n"));
	cli_done(&r);
}

/* The PCI host bridge's map: a device node's own unit address is the key. */
static void explain_through_a_pci_interrupt_map(void **state)
{
	json_object *doc, *routes;
	char fx[512];
	struct run r;
	int seen = 0;

	(void)state;
	CLI_RUN(&r, "routes", "--json", "--explain", cli_fixture(fx, sizeof(fx), "pci.dts"));
	assert_int_equal(r.status, 0);
	doc = parse_line(r.out);
	routes = cli_key(doc, "routes");
	for (size_t i = 0; i < json_object_array_length(routes); i++) {
		json_object *rt = json_object_array_get_idx(routes, i);
		json_object *path = cli_key(rt, "path");
		size_t n = json_object_array_length(path);
		json_object *last = json_object_array_get_idx(path, n - 1);

		/* the walk ends where the route does, with the route's cells */
		assert_true(n >= 2);
		assert_string_equal(json_object_get_string(cli_key(last, "node")),
				    json_object_get_string(cli_key(rt, "controller")));
		assert_true(json_object_equal(cli_key(last, "cells"), cli_key(rt, "cells")));
		for (size_t k = 1; k < n; k++)
			seen += !strcmp(json_object_get_string(cli_key(
				json_object_array_get_idx(path, k), "via")), "interrupt-map");
	}
	assert_true(seen > 0);
	json_object_put(doc);
	cli_done(&r);
}

static void explain_reports_every_hop_even_past_the_room_given(void **state)
{
	struct irqmap_of *t = ot_load("nexus-chain.dts");
	struct irqmap_of_hop hops[5];
	int dev = ot_node(t, "/nexus1@5000/dev@1");

	(void)state;
	tu_log_capture_start();
	assert_int_equal(irqmap_of_irq_explain(t, dev, 0, NULL, 0), 5);
	assert_int_equal(irqmap_of_irq_explain(t, dev, 0, hops, 2), 5);
	assert_int_equal(hops[1].node, ot_node(t, "/nexus1@5000"));
	assert_int_equal(hops[1].via, IRQMAP_OF_VIA_INTERRUPT_PARENT);
	assert_int_equal(irqmap_of_irq_explain(t, dev, 0, hops, 5), 5);
	assert_int_equal(hops[4].node, ot_node(t, "/interrupt-controller@1000"));
	assert_int_equal(hops[4].entry, 0);
	assert_int_equal(hops[4].args[0], 70);
	/* what of_irq_parse_one() refuses, explain refuses the same way */
	assert_int_equal(irqmap_of_irq_explain(t, ot_node(t, "/dev@3000"), 0, hops, 5),
			 -ENXIO);
	assert_int_equal(irqmap_of_irq_explain(t, dev, 1, hops, 5), -ENOENT);
	assert_int_equal(irqmap_of_free(t), 0);
}

/* The graph "routes --dot" writes for @fixture. */
static char *dot_of(const char *fixture)
{
	char dot[] = "/tmp/irqmap-dot-XXXXXX", fx[512];
	struct run r;
	char *g;

	close(mkstemp(dot));
	CLI_RUN(&r, "routes", "--dot", dot, cli_fixture(fx, sizeof(fx), fixture));
	assert_int_equal(r.status, 0);
	cli_done(&r);
	g = tu_slurp(dot);
	unlink(dot);
	assert_non_null(strstr(g, "strict digraph irqmap {"));
	return g;
}

static void dot_draws_devices_nexus_nodes_lines_domains_and_highlights_shared_lines(void **state)
{
	char fx[512];
	struct run r;
	char *g;

	(void)state;
	g = dot_of("pseries.dts");
	assert_non_null(strstr(g, "\"n:/pci@800000020000000/ethernet@0\" [shape=box];"));
	assert_non_null(strstr(g, "\"n:/interrupt-controller\" [shape=box, style=filled"));
	assert_non_null(strstr(g, "\\n2 users\", color=red"));
	assert_non_null(strstr(g, "\"n:/pci@800000020000000/ethernet@0\" -> \"n:/pci@800000020000000\""));
	assert_non_null(strstr(g, "\"n:/pci@800000020000000\" -> \"l:"));
	assert_non_null(strstr(g, "\"n:/vdevice/vty@71000000\" -> \"l:"));
	free(g);

	g = dot_of("map.dts");
	assert_non_null(strstr(g, "\"n:/nexus@8000\" [shape=diamond"));
	assert_non_null(strstr(g, "\"n:/nexus@8000/dev@11\" -> \"n:/nexus@8000\" [label=\"interrupt-parent\"];"));
	free(g);

	/* a hierarchy: the GPC's level above the GIC's */
	g = dot_of("imx-gpc.dts");
	assert_non_null(strstr(g, "\"n:/gpc@20dc000\" -> \"n:/interrupt-controller@a01000\" [style=dashed, label=\"parent (hwirq 58)\"];"));
	assert_non_null(strstr(g, "label=\"not mapped\""));
	free(g);

	/* one tree only */
	cli_fixture(fx, sizeof(fx), "map.dts");
	CLI_RUN(&r, "routes", "--dot", "/tmp/irqmap-never.dot", fx, fx);
	assert_int_equal(r.status, 2);
	assert_int_equal(access("/tmp/irqmap-never.dot", F_OK), -1);
	cli_done(&r);
}

static void svg_is_drawn_by_graphviz_when_it_is_installed(void **state)
{
	char svg[] = "/tmp/irqmap-svg-XXXXXX", fx[512];
	struct run r;
	char *g;

	(void)state;
	if (system("command -v dot >/dev/null 2>&1")) {
		print_message("skipping: Graphviz's dot is not installed\n");
		skip();
	}
	close(mkstemp(svg));
	CLI_RUN(&r, "routes", "--svg", svg, cli_fixture(fx, sizeof(fx), "pseries.dts"));
	assert_int_equal(r.status, 0);
	g = tu_slurp(svg);
	assert_non_null(strstr(g, "<svg"));
	assert_non_null(strstr(g, "ethernet@0"));
	free(g);
	cli_done(&r);
	unlink(svg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_lines_have_one_document_per_usable_tree_and_bad_files_make_status_2),
		cmocka_unit_test(json_trees_is_one_document_with_each_tree_in_order),
		cmocka_unit_test(a_directory_stands_for_every_tree_below_it_and_one_without_trees_is_unusable),
		cmocka_unit_test(shared_lists_every_line_used_twice_with_its_users),
		cmocka_unit_test(explain_walks_interrupt_parent_and_each_interrupt_map_entry_to_the_controller),
		cmocka_unit_test(explain_through_a_pci_interrupt_map),
		cmocka_unit_test_setup_teardown(explain_reports_every_hop_even_past_the_room_given,
						tu_setup, tu_teardown),
		cmocka_unit_test(dot_draws_devices_nexus_nodes_lines_domains_and_highlights_shared_lines),
		cmocka_unit_test(svg_is_drawn_by_graphviz_when_it_is_installed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
