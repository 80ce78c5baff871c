// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_of_check.c - 'irqmap check': one finding per problem Linux would
 * log at boot, each with its kind, node and interrupt; exit status 0 for
 * a clean tree, 1 for findings, 2 when a file cannot be used.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct expected {
	const char *fixture;
	const char *node;
	int index;		/* -1: about the node */
	const char *kind;
	const char *needle;	/* in the message */
};

static const struct expected expected[] = {
	{ "check-unresolved.dts", "/dev@3000", 0, "unresolved-parent", "no interrupt parent" },
	{ "check-unresolved.dts", "/nexus@8000/dev@2", 0, "unresolved-map", "no interrupt-map entry of /nexus@8000 matches <0x2>" },
	{ "check-unresolved.dts", "/dev@4000", 1, "unresolved-cells", "cut short" },
	{ "check-unresolved.dts", "/dev@5000", 0, "unresolved-cells", "needs 2 cells, 1 left" },
	{ "bad-phandle.dts", "/dev@2000", 0, "unresolved-parent", "interrupt-parent <0x99> of /dev@2000 points to no node" },
	{ "check-map-no-cells.dts", "/nexus@8000", -1, "map-no-cells", "interrupt-map entry 1: /syscon@2000 has no #interrupt-cells" },
	{ "check-map-no-cells.dts", "/nexus@8000/dev@3", 0, "unresolved-map", "has no #interrupt-cells" },
	{ "check-refused.dts", "/touch@9001000", 0, "refused", "cannot translate a 3-cell specifier <0x2f 0x60 0x2>" },
	{ "type-conflict.dts", "/dev@3000", 0, "type-mismatch", "asks edge-rising on hwirq 9 of /interrupt-controller@1000, which /dev@2000 interrupt 0 mapped level-high" },
	{ "check-disabled.dts", "/dev@2000", 0, "disabled-controller", "/interrupt-controller@1100: the controller is disabled" },
	{ "check-disabled.dts", "/dev@2100", 1, "disabled-controller", "is disabled" },
	{ "imx-gpc.dts", "/bad@2100000", 0, "refused", "domain /gpc@20dc000 cannot translate" },
	{ "imx-gpc.dts", "/bad@2100000", 1, "refused", "hwirq 128 is beyond domain /gpc@20dc000" },
	{ "bad-intc-loop.dts", "/interrupt-controller@1000", -1, "controller-down", "stays down" },
	{ "bad-intc-loop.dts", "/dev@3000", 0, "controller-down", "did not come up" },
};

#define NR_EXPECTED (sizeof(expected) / sizeof(expected[0]))

static json_object *check_json(const char *fixture, int *status)
{
	char fx[512];
	json_object *doc;
	struct run r;

	CLI_RUN(&r, "check", "--json", cli_fixture(fx, sizeof(fx), fixture));
	*status = r.status;
	assert_int_equal(cli_lines(r.out), 1);
	doc = json_tokener_parse(r.out);
	assert_non_null(doc);
	assert_string_equal(json_object_get_string(cli_key(doc, "file")), fx);
	cli_done(&r);
	return doc;
}

static bool matches(json_object *f, const struct expected *e)
{
	json_object *index = cli_key(f, "index");

	return !strcmp(json_object_get_string(cli_key(f, "node")), e->node) &&
	       (e->index < 0 ? !index : index && json_object_get_int(index) == e->index) &&
	       !strcmp(json_object_get_string(cli_key(f, "kind")), e->kind) &&
	       strstr(json_object_get_string(cli_key(f, "message")), e->needle);
}

static void each_kind_of_finding_names_its_node_and_interrupt(void **state)
{
	(void)state;
	for (size_t i = 0; i < NR_EXPECTED; i++) {
		const struct expected *e = &expected[i];
		int status, found = 0;
		json_object *doc = check_json(e->fixture, &status);
		json_object *fs = cli_key(doc, "findings");

		assert_int_equal(status, 1);
		for (size_t k = 0; k < json_object_array_length(fs); k++)
			found += matches(json_object_array_get_idx(fs, k), e);
		if (found != 1)
			fail_msg("%s: %d findings for %s interrupt %d, %s, \"%s\": %s",
				 e->fixture, found, e->node, e->index, e->kind,
				 e->needle, json_object_to_json_string(fs));
		json_object_put(doc);
	}
}

/*
 * Nothing more than expected: disabled devices and buses are not probed,
 * and the GPC does not map its own interrupt (only its parent's lines).
 */
static void findings_are_exactly_those_linux_would_log(void **state)
{
	static const char *const fixtures[] = { "check-unresolved.dts",
		"check-map-no-cells.dts", "check-refused.dts", "type-conflict.dts",
		"check-disabled.dts", "imx-gpc.dts" };

	(void)state;
	for (size_t i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		size_t want = 0;
		int status;
		json_object *doc = check_json(fixtures[i], &status);

		for (size_t k = 0; k < NR_EXPECTED; k++)
			want += !strcmp(expected[k].fixture, fixtures[i]);
		assert_int_equal(json_object_array_length(cli_key(doc, "findings")), want);
		json_object_put(doc);
	}
}

static void a_clean_tree_has_no_findings_and_status_0(void **state)
{
	char a[512], b[512];
	struct run r;

	(void)state;
	CLI_RUN(&r, "check", cli_fixture(a, sizeof(a), "cascade.dts"),
		cli_fixture(b, sizeof(b), "pseries.dts"));
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "");
	cli_done(&r);
}

static void a_finding_is_one_line_with_file_node_and_interrupt(void **state)
{
	char fx[512], want[1400];
	struct run r;

	(void)state;
	CLI_RUN(&r, "check", cli_fixture(fx, sizeof(fx), "check-map-no-cells.dts"));
	assert_int_equal(r.status, 1);
	snprintf(want, sizeof(want),
		 "%s: /nexus@8000: interrupt-map entry 1: /syscon@2000 has no #interrupt-cells\n"
		 "%s: /nexus@8000/dev@3: interrupt 0: interrupt-map of /nexus@8000, entry 1: /syscon@2000 has no #interrupt-cells\n",
		 fx, fx);
	assert_string_equal(r.out, want);
	cli_done(&r);
}

static void unusable_files_are_one_line_each_the_others_checked_and_status_2(void **state)
{
	char bad[] = "/tmp/irqmap-check-XXXXXX", dir[] = "/tmp/irqmap-check-dir-XXXXXX";
	char fx[512];
	struct run r;

	(void)state;
	close(mkstemp(bad));
	cli_write(bad, "garbage\n", 8);
	assert_non_null(mkdtemp(dir));
	CLI_RUN(&r, "check", bad, cli_fixture(fx, sizeof(fx), "check-refused.dts"), dir);
	assert_int_equal(r.status, 2);
	assert_int_equal(cli_lines(r.err), 2);
	assert_non_null(strstr(r.err, bad));
	assert_non_null(strstr(r.err, dir));
	assert_int_equal(cli_lines(r.out), 1);
	assert_non_null(strstr(r.out, "/touch@9001000: interrupt 0: "));
	cli_done(&r);
	unlink(bad);
	rmdir(dir);

	CLI_RUN(&r, "check", "--bogus", fx);
	assert_int_equal(r.status, 2);
	cli_done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_kind_of_finding_names_its_node_and_interrupt),
		cmocka_unit_test(findings_are_exactly_those_linux_would_log),
		cmocka_unit_test(a_clean_tree_has_no_findings_and_status_0),
		cmocka_unit_test(a_finding_is_one_line_with_file_node_and_interrupt),
		cmocka_unit_test(unusable_files_are_one_line_each_the_others_checked_and_status_2),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
