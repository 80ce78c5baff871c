// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_of_routes.c - 'irqmap routes --json' as a program sees it: the
 * document read back with json-c, for every real tree in ../shared/dt and
 * for the fixtures; an unusable blob gives one line and status 1. The
 * program's own exit also proves it disposed everything (irqmap_exit()).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libfdt.h>

#include "cli.h"

/* Run "irqmap routes A1 A2" (either may be NULL). */
static void run(struct run *r, const char *a1, const char *a2)
{
	CLI_RUN(r, "routes", a1, a2);
}

#define run_done cli_done
#define key cli_key

/* Run --json on @file; check the document's shape; return it. */
static json_object *routes_json(const char *file)
{
	static const char *const route_keys[] = { "node", "index", "controller",
		"cells", "domain", "hwirq", "type", "virq", "shared", "parents",
		"map_error", NULL };
	json_object *doc, *routes;
	struct run r;

	run(&r, "--json", file);
	if (r.status)
		fail_msg("%s: status %d: %s", file, r.status, r.err);
	doc = json_tokener_parse(r.out);
	assert_non_null(doc);
	run_done(&r);
	routes = key(doc, "routes");
	assert_true(json_object_is_type(routes, json_type_array));
	assert_true(json_object_is_type(key(doc, "errors"), json_type_array));
	for (size_t i = 0; i < json_object_array_length(routes); i++) {
		json_object *rt = json_object_array_get_idx(routes, i);

		for (int k = 0; route_keys[k]; k++)
			key(rt, route_keys[k]);
		assert_int_equal(json_object_object_length(rt), 11);
		assert_true(json_object_is_type(key(rt, "cells"), json_type_array));
		assert_true(json_object_is_type(key(rt, "parents"), json_type_array));
		/* a route maps (no map_error) or says why it does not (no virq) */
		assert_true(!key(rt, "map_error") != !key(rt, "virq"));
		assert_int_equal(json_object_get_string(key(rt, "node"))[0], '/');
	}
	return doc;
}

/* Every route's "shared" is the number of routes on its virq. */
static void check_shared(json_object *routes)
{
	size_t n = json_object_array_length(routes);

	for (size_t i = 0; i < n; i++) {
		json_object *rt = json_object_array_get_idx(routes, i);
		json_object *virq = key(rt, "virq");
		int users = 0;

		if (!virq)
			continue;
		for (size_t j = 0; j < n; j++) {
			json_object *v = key(json_object_array_get_idx(routes, j), "virq");

			users += v && json_object_get_int(v) == json_object_get_int(virq);
		}
		assert_int_equal(json_object_get_int(key(rt, "shared")), users);
	}
}

/* The LSIs a PHB's interrupt-map targets: the first cell of each parent side. */
static int phb_lines(const void *blob, const char *phb, uint32_t *lines)
{
	int off = fdt_path_offset(blob, phb), len, n = 0;
	const fdt32_t *map = fdt_getprop(blob, off, "interrupt-map", &len);

	assert_non_null(map);
	for (int e = 0; e + 7 <= len / 4; e += 7) {	/* 3 + 1 + phandle + 2 */
		uint32_t lsi = fdt32_to_cpu(map[e + 5]);
		int k = 0;

		while (k < n && lines[k] != lsi)
			k++;
		if (k == n)
			lines[n++] = lsi;
	}
	return n;
}

/*
 * pSeries: every PCI device node resolves, through its PHB's map, to one
 * of that PHB's four LSIs (level, in the XICS domain), and a line used by
 * several device nodes counts them all. In QEMU's trees each device sits
 * on a line of its own; the fixture pseries.dts and test_of_pci.c show
 * the lines shared.
 */
static void check_pseries(const char *file, json_object *routes)
{
	struct irqmap_of *t = irqmap_of_load(file);
	const void *blob = irqmap_of_blob(t);

	assert_non_null(t);
	for (int o = fdt_first_subnode(blob, 0); o >= 0; o = fdt_next_subnode(blob, o)) {
		const char *name = fdt_get_name(blob, o, NULL);
		char phb[128];
		uint32_t lines[64];
		int nl, users[64] = { 0 };

		if (strncmp(name, "pci@", 4))
			continue;
		snprintf(phb, sizeof(phb), "/%s", name);
		nl = phb_lines(blob, phb, lines);
		assert_int_equal(nl, 4);
		for (size_t i = 0; i < json_object_array_length(routes); i++) {
			json_object *rt = json_object_array_get_idx(routes, i);
			const char *node = json_object_get_string(key(rt, "node"));
			uint32_t hw;
			int k = 0;

			if (strncmp(node, phb, strlen(phb)) || node[strlen(phb)] != '/')
				continue;
			assert_string_equal(json_object_get_string(key(rt, "domain")),
					    "/interrupt-controller");
			assert_string_equal(json_object_get_string(key(rt, "type")),
					    "level-low");
			hw = (uint32_t)json_object_get_int64(key(rt, "hwirq"));
			while (k < nl && lines[k] != hw)
				k++;
			assert_true(k < nl);
			users[k]++;
		}
		print_message("%s %s: LSI users", strrchr(file, '/') + 1, phb);
		for (int k = 0; k < nl; k++)
			print_message(" 0x%x:%d", lines[k], users[k]);
		print_message("\n");
	}
	assert_int_equal(irqmap_of_free(t), 0);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

static void shared_trees(void **state)
{
	DIR *dir = opendir(OF_SHARED_DT);
	struct dirent *de;
	int trees = 0;

	(void)state;
	if (!dir) {
		print_message("skipping: %s is absent\n", OF_SHARED_DT);
		skip();
	}
	tu_log_capture_start();
	while ((de = readdir(dir))) {
		char path[512];
		json_object *doc, *routes;

		if (!ends_with(de->d_name, ".dtb"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", OF_SHARED_DT, de->d_name);
		doc = routes_json(path);
		routes = key(doc, "routes");
		if (json_object_array_length(key(doc, "errors")))
			fail_msg("%s: %s", de->d_name,
				 json_object_to_json_string(key(doc, "errors")));
		assert_true(json_object_array_length(routes) > 0);
		check_shared(routes);
		if (!strncmp(de->d_name, "pseries", 7))
			check_pseries(path, routes);
		print_message("%s: %zu routes, 0 errors\n", de->d_name,
			      json_object_array_length(routes));
		json_object_put(doc);
		trees++;
	}
	closedir(dir);
	assert_true(trees > 0);
}

static json_object *fixture_json(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", OF_FIXTURES, name);
	return routes_json(path);
}

static void fixture_lines_shared(void **state)
{
	json_object *doc = fixture_json("pseries.dts"), *routes;
	int shared = 0;

	(void)state;
	routes = key(doc, "routes");
	assert_int_equal(json_object_array_length(key(doc, "errors")), 0);
	assert_int_equal(json_object_array_length(routes), 8);
	check_shared(routes);
	for (size_t i = 0; i < json_object_array_length(routes); i++)
		shared += json_object_get_int(key(json_object_array_get_idx(routes, i),
						  "shared")) > 1;
	assert_int_equal(shared, 4);	/* ethernet@0,4 and @1,5 */
	json_object_put(doc);
}

/* An interrupt that does not resolve (an error), or resolves and cannot be mapped. */
struct expected_error {
	const char *fixture;
	const char *node;
	int index;
	const char *needle;
	bool resolves;
};

static const struct expected_error bad[] = {
	{ "bad-phandle.dts", "/dev@2000", 0, "points to no node", false },
	{ "bad-phandle.dts", "/dev@3000", 1, "phandle <0x98>", false },
	{ "bad-phandle.dts", "/nexus@4000/dev", 0, "phandle <0x97>", false },
	{ "bad-cells.dts", "/dev@3000", 0, "#interrupt-cells of /interrupt-controller@1000 is 0", false },
	{ "bad-cells.dts", "/dev@4000", 0, "exceeds 16", false },
	{ "bad-cells.dts", "/dev@5000", 0, "exceeds 16", false },
	{ "bad-parent-loop.dts", "/dev@1000", 0, "loops", false },
	{ "bad-parent-loop.dts", "/dev@2000", 0, "loops", false },
	{ "bad-map-cycle.dts", "/dev@3000", 0, "does not reach a controller", false },
	{ "bad-map-short.dts", "/nexus@2000/bad", 0, "cut short", false },
	{ "bad-intc-loop.dts", "/dev@3000", 0, "no irq domain found", true },
	{ "type-conflict.dts", "/dev@3000", 0, "type mismatch", true },
	{ "check-disabled.dts", "/dev@2000", 0, "the controller is disabled (status \"disabled\")", true },
	{ "check-disabled.dts", "/dev@2100", 1, "the controller is disabled", true },
	{ "check-disabled.dts", "/bus@3000/dev@3000", 0, "points to no node", false },
};

static int nr_bad(const char *fixture)
{
	int n = 0;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		n += !strcmp(bad[i].fixture, fixture) && !bad[i].resolves;
	return n;
}

static void errors_hold_what_does_not_resolve_and_routes_say_why_they_do_not_map(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_object *doc = fixture_json(bad[i].fixture), *errors;
		const char *field = bad[i].resolves ? "map_error" : "error";
		int found = 0;

		assert_int_equal(json_object_array_length(key(doc, "errors")),
				 nr_bad(bad[i].fixture));
		errors = key(doc, bad[i].resolves ? "routes" : "errors");
		for (size_t k = 0; k < json_object_array_length(errors); k++) {
			json_object *e = json_object_array_get_idx(errors, k);

			found |= !strcmp(json_object_get_string(key(e, "node")), bad[i].node) &&
				 json_object_get_int(key(e, "index")) == bad[i].index &&
				 key(e, field) &&
				 strstr(json_object_get_string(key(e, field)), bad[i].needle);
		}
		if (!found)
			fail_msg("%s: no error for %s interrupt %d with \"%s\": %s",
				 bad[i].fixture, bad[i].node, bad[i].index, bad[i].needle,
				 json_object_to_json_string(errors));
		json_object_put(doc);
	}
}

static void unmapped_route_is_null(void **state)
{
	json_object *doc = fixture_json("type-conflict.dts"), *rt;

	(void)state;
	rt = json_object_array_get_idx(key(doc, "routes"), 1);
	assert_string_equal(json_object_get_string(key(rt, "node")), "/dev@3000");
	assert_null(key(rt, "domain"));
	assert_null(key(rt, "hwirq"));
	assert_null(key(rt, "type"));
	assert_null(key(rt, "virq"));
	assert_int_equal(json_object_get_int(key(rt, "shared")), 0);
	assert_int_equal(json_object_array_length(key(rt, "cells")), 2);
	json_object_put(doc);
}

/* Unusable blobs: nothing on stdout, one line on stderr, status 2. */
static void unusable_blob(void **state)
{
	char path[] = "/tmp/irqmap-routes-XXXXXX.dtb";
	struct irqmap_of *t;
	unsigned char *b;
	size_t size;
	struct run r;

	(void)state;
	tu_log_capture_start();
	t = ot_load("pci.dts");
	size = fdt_totalsize(irqmap_of_blob(t));
	b = malloc(size);
	memcpy(b, irqmap_of_blob(t), size);
	close(mkstemps(path, 4));
	for (int k = 0; k < 3; k++) {
		if (k == 0)
			cli_write(path, b, size / 2);		/* truncated */
		else if (k == 1)
			cli_write(path, "garbage\n", 8);	/* not a tree */
		else {
			b[fdt_off_dt_struct(b) + 3] = 0x7;	/* corrupt token */
			cli_write(path, b, size);
		}
		run(&r, "--json", path);
		assert_int_equal(r.status, 2);
		assert_string_equal(r.out, "");
		assert_non_null(strchr(r.err, '\n'));
		assert_string_equal(strchr(r.err, '\n'), "\n");	/* one line */
		run_done(&r);
	}
	unlink(path);
	free(b);
	assert_int_equal(irqmap_of_free(t), 0);
	run(&r, "--json", NULL);
	assert_int_equal(r.status, 2);
	run_done(&r);
}

static void table_output(void **state)
{
	char path[512];
	struct run r;

	(void)state;
	snprintf(path, sizeof(path), "%s/cascade.dts", OF_FIXTURES);
	run(&r, path, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "NODE"));
	assert_non_null(strstr(r.out, "/button@1"));
	assert_non_null(strstr(r.out, "5 routes (0 not mapped), 0 errors"));
	run_done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(shared_trees, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(fixture_lines_shared, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(errors_hold_what_does_not_resolve_and_routes_say_why_they_do_not_map,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(unmapped_route_is_null, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(unusable_blob, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(table_output, tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
