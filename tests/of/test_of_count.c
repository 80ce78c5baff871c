// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_of_count.c - of_irq_count(): the indexes that resolve in a row, and
 * the messages on the way. It reads the entries a node lists before
 * parsing them, and does not parse the index past the last: the count must
 * still be what asking of_irq_parse_one() for 0, 1, ... until it fails
 * gives, with the same message for a failure that ends it, and none for
 * running past the end.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oftest.h"

/* The definition: of_irq_parse_one() at 0, 1, ... until it fails. */
static int count_by_parsing(struct irqmap_of *t, int node, int *err)
{
	struct of_phandle_args args;
	int nr = 0;

	while ((*err = of_irq_parse_one(t, node, nr, &args)) == 0)
		nr++;
	return nr;
}

/* Count @node both ways; their results and messages must agree. */
static void count_agrees(struct irqmap_of *t, int node, const char *tree)
{
	char last[512];
	unsigned int logged;
	int nr, ref, err;

	tu_log_capture_start();
	nr = of_irq_count(t, node);
	logged = tu_log_count();
	snprintf(last, sizeof(last), "%s", tu_log_last());
	tu_log_capture_start();
	ref = count_by_parsing(t, node, &err);
	if (nr != ref)
		fail_msg("%s %s: of_irq_count %d, by parsing %d (%d)", tree,
			 irqmap_of_node_path(t, node), nr, ref, err);
	/* Running past the end is a debug message of of_irq_parse_one() only. */
	if (err == -ENOENT) {
		assert_int_equal(logged, 0);
		assert_int_equal(tu_log_count(), 1);
		assert_int_equal(tu_log_level_of(""), IRQMAP_LOG_DEBUG);
	} else {
		assert_int_equal(logged, 1);
		assert_int_equal(tu_log_count(), 1);
		assert_string_equal(last, tu_log_last());
	}
}

static void count_every_node(struct irqmap_of *t, const char *tree)
{
	for (int n = irqmap_of_next_node(t, -1); n >= 0;
	     n = irqmap_of_next_node(t, n))
		count_agrees(t, n, tree);
}

static void how_counts_end(void **state)
{
	struct irqmap_of *t;

	(void)state;
	t = ot_load("count.dts");
	tu_log_capture_start();
	assert_int_equal(of_irq_count(t, ot_node(t, "/nexus@2000/all")), 2);
	assert_int_equal(of_irq_count(t, ot_node(t, "/dev@4000")), 2);
	assert_int_equal(of_irq_count(t, ot_node(t, "/nexus@2000/empty")), 0);
	assert_int_equal(of_irq_count(t, ot_node(t, "/dev@6000")), 0);
	assert_int_equal(of_irq_count(t, ot_node(t, "/dev@8000")), 0);
	assert_int_equal(of_irq_count(t, ot_node(t, "/nexus@2000")), 0);
	assert_int_equal(tu_log_count(), 0);

	/* Ended by a fault: that fault, once, as of_irq_parse_one() says it. */
	assert_int_equal(of_irq_count(t, ot_node(t, "/nexus@2000/miss")), 1);
	tu_assert_one_message("of_irq_parse_one: /nexus@2000/miss interrupt 1: no interrupt-map entry");
	tu_log_capture_start();
	assert_int_equal(of_irq_count(t, ot_node(t, "/dev@3000")), 2);
	tu_assert_one_message("interrupt 2: interrupts entry 2 is cut short");
	tu_log_capture_start();
	assert_int_equal(of_irq_count(t, ot_node(t, "/dev@5000")), 1);
	tu_assert_one_message("interrupts-extended entry 1: phandle <0x77> points to no node");
	/* An empty interrupts is still checked for an interrupt parent. */
	tu_log_capture_start();
	assert_int_equal(of_irq_count(t, ot_node(t, "/dev@7000")), 0);
	tu_assert_one_message("interrupt-parent <0x99> of /dev@7000 points to no node");
	assert_int_equal(irqmap_of_free(t), 0);
}

static int dir_has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = strlen(suffix);

	return n > s && !strcmp(name + n - s, suffix);
}

/* Every node of every fixture, and of the QEMU trees when they are there. */
static void counts_agree_with_parsing(void **state)
{
	const char *dirs[] = { OF_FIXTURES, OF_SHARED_DT };
	const char *suffix[] = { ".dts", ".dtb" };
	int trees = 0;

	(void)state;
	for (int d = 0; d < 2; d++) {
		DIR *dir = opendir(dirs[d]);
		struct dirent *e;

		if (!dir)
			continue;
		while ((e = readdir(dir))) {
			char path[512];
			struct irqmap_of *t;

			if (!dir_has_suffix(e->d_name, suffix[d]))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dirs[d], e->d_name);
			tu_log_capture_start();
			t = irqmap_of_load(path);
			if (!t)
				fail_msg("cannot load %s: %s", path, tu_log_last());
			count_every_node(t, e->d_name);
			tu_log_capture_start();
			assert_int_equal(irqmap_of_free(t), 0);
			trees++;
		}
		closedir(dir);
	}
	print_message("%d trees\n", trees);
	assert_true(trees >= 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(how_counts_end, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(counts_agree_with_parsing, tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
