// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_sim.c - 'irqmap sim' end to end: the built-in scenario (what
 * 'irqmap' with no arguments shows), the scenario of every QEMU tree with
 * PCI, --no-refcount, --json read back with json-c, --dot and --svg, and
 * the command line.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "simtest.h"

static const char *const trees[] = {
	"pseries", "pseries-2phb", "virt-gicv2", "virt-gicv3", "riscv-virt",
	"riscv-virt-aia",
};

static void test_builtin(void **state)
{
	struct st_run r;

	(void)state;
	st_run(&r, (const char *const[]){ NULL }, NULL, NULL);
	st_status(&r, 0);
	assert_string_equal(r.err, "");
	st_contains(r.out, "machine: built-in pSeries machine");
	st_contains(r.out, "usb@1: nec-usb-xhci at pci.0:01.0, INTA (from its device-tree node)");
	st_contains(r.out, "(shared: 3 references, users usb@1 nic0 nic1)");
	st_contains(r.out, "nic2: e1000 at br1:01.0, INTA -> pci.1:03.0 INTB -> /interrupt-controller 0x1204");
	st_contains(r.out, "nic0: unplugged; virq 1 stays mapped: 2 references left, users usb@1 nic1");
	st_contains(r.out, "usb@1: unplugged; virq 1 unmapped: it was the last user");
	st_contains(r.out, "#3 taken by");		/* info refs names holders */
	st_contains(r.out, "for nic1");
	st_contains(r.out, "check: ok: 0 lines mapped");
	st_contains(r.out, "15 raised = 15 handled + 0 dropped at unplug");
	st_contains(r.out, "br1: pci-bridge at pci.1:03.0, secondary bus br1; its own INTA -> /interrupt-controller 0x1207 = virq 3");
	st_contains(r.out, "peak sharing per line: 0x1201=3 0x1202=1 0x1204=2 0x1207=1, leaks found: 0\n");
	st_done(&r);
}

static void test_demo_alias(void **state)
{
	struct st_run r;

	(void)state;
	ST_RUN(&r, "demo");
	st_status(&r, 0);
	st_contains(r.out, "leaks found: 0");
	st_done(&r);
}

static void test_scenarios(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(trees) / sizeof(trees[0]); i++) {
		char name[64], *tree, *script;
		struct st_run r;

		snprintf(name, sizeof(name), "%s.dtb", trees[i]);
		tree = st_tree(name);
		if (!tree)
			continue;
		assert_true(asprintf(&script, "%s/%s.txt", SIM_SCENARIOS, trees[i]) > 0);
		ST_RUN(&r, "sim", tree, script);
		st_status(&r, 0);
		assert_string_equal(r.err, "");
		st_contains(r.out, "check: ok");
		st_contains(r.out, "stays mapped");
		st_contains(r.out, "unmapped: it was the last user");
		st_contains(r.out, "leaks found: 0\n");
		st_done(&r);
		free(script);
		free(tree);
	}
}

/* Kernel semantics: unplugging one user of a line takes it from the others. */
static void test_no_refcount(void **state)
{
	struct st_run r;

	(void)state;
	ST_RUN(&r, "sim", "--no-refcount");
	st_status(&r, 1);
	st_contains(r.out, "interrupt domains: /interrupt-controller (kernel semantics)");
	st_contains(r.out, "(shared: 1 reference, users usb@1 nic0 nic1)");
	st_contains(r.out, "usb@1: LOST its interrupt: unplugging nic0 unmapped virq 1");
	st_contains(r.out, "nic1: LOST its interrupt: unplugging nic0 unmapped virq 1");
	st_contains(r.out, "nic3: LOST its interrupt: unplugging nic2 unmapped virq 4");
	st_contains(r.out, "nic1: INTA asserted 2 times, but nothing of it is installed");
	st_contains(r.out, "kernel semantics: 3 devices lost their interrupt");
	st_contains(r.out, "  nic1: virq 1 unmapped when nic0 was unplugged\n");
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
}

static json_object *key(json_object *o, const char *k)
{
	json_object *v = NULL;

	if (!json_object_object_get_ex(o, k, &v))
		fail_msg("no \"%s\" in %s", k, json_object_to_json_string(o));
	return v;
}

/* Every line of @out as a JSON object, in an array. */
static json_object *json_lines(const char *out)
{
	json_object *a = json_object_new_array();
	char *copy = strdup(out), *save = NULL;

	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		json_object *o = json_tokener_parse(l);

		if (!o || !json_object_is_type(o, json_type_object))
			fail_msg("not a JSON object: %s", l);
		json_object_array_add(a, o);
	}
	free(copy);
	return a;
}

/* The @nth object whose @k is @v. */
static json_object *find(json_object *a, const char *k, const char *v, int nth)
{
	for (size_t i = 0; i < json_object_array_length(a); i++) {
		json_object *o = json_object_array_get_idx(a, i), *x;

		if (json_object_object_get_ex(o, k, &x) &&
		    !strcmp(json_object_get_string(x), v) && !nth--)
			return o;
	}
	fail_msg("no %s=%s", k, v);
	return NULL;
}

static void test_json(void **state)
{
	static const char *const irq_keys[] = { "virq", "domain", "hwirq",
		"type", "chip", "refs", "cpus", "count", "unhandled", "handlers",
		NULL };
	json_object *doc, *o, *irqs, *doms, *maps, *sum;
	bool seen = false;
	struct st_run r;

	(void)state;
	ST_RUN(&r, "sim", "--json");
	st_status(&r, 0);
	doc = json_lines(r.out);
	o = find(doc, "command", "info interrupts", 0);
	irqs = key(o, "interrupts");
	assert_int_equal(json_object_array_length(irqs), 4);	/* with br1's */
	for (size_t i = 0; i < json_object_array_length(irqs); i++) {
		json_object *irq = json_object_array_get_idx(irqs, i), *cpus;
		long sum_cpus = 0;

		for (int k = 0; irq_keys[k]; k++)
			key(irq, irq_keys[k]);
		cpus = key(irq, "cpus");
		assert_int_equal(json_object_array_length(cpus), 2);
		for (size_t c = 0; c < 2; c++)
			sum_cpus += json_object_get_int(json_object_array_get_idx(cpus, c));
		assert_int_equal(sum_cpus, json_object_get_int(key(irq, "count")));
		if (json_object_get_int(key(irq, "hwirq")) == 0x1201) {
			assert_int_equal(json_object_get_int(key(irq, "refs")), 3);
			assert_int_equal(json_object_array_length(key(irq, "handlers")), 3);
			assert_string_equal(json_object_get_string(key(irq, "type")),
					    "level-low");
			seen = true;
		}
	}
	assert_true(seen);
	/* Step 3's domains: 0x1201 with 3 references, 0x1204 with 2, 0x1207 (br1's). */
	doms = key(find(doc, "command", "info domains", 0), "domains");
	assert_int_equal(json_object_array_length(doms), 1);
	maps = key(json_object_array_get_idx(doms, 0), "mappings");
	assert_int_equal(json_object_array_length(maps), 4);
	assert_int_equal(json_object_get_int(key(json_object_array_get_idx(maps, 0), "refs")), 3);
	assert_int_equal(json_object_get_int(key(json_object_array_get_idx(maps, 2), "refs")), 2);
	/* info refs: holders by id */
	o = json_object_array_get_idx(key(find(doc, "command", "info refs", 0), "refs"), 0);
	assert_int_equal(json_object_array_length(key(o, "holders")), 2);
	/* events */
	o = find(doc, "event", "device_del", 0);
	assert_string_equal(json_object_get_string(key(o, "id")), "nic0");
	assert_false(json_object_get_boolean(key(o, "unmapped")));
	assert_int_equal(json_object_get_int(key(o, "refs_left")), 2);
	assert_true(json_object_get_boolean(key(find(doc, "command", "check", 0), "ok")));
	sum = find(doc, "event", "summary", 0);
	assert_int_equal(json_object_get_int(key(sum, "leaks")), 0);
	assert_int_equal(json_object_get_int(key(sum, "plugged")), 7);
	assert_int_equal(json_object_get_int(key(key(sum, "peak_sharing"), "0x1201")), 3);
	json_object_put(doc);
	st_done(&r);

	/* Kernel semantics: who lost to whom. */
	ST_RUN(&r, "sim", "--json", "--no-refcount");
	st_status(&r, 1);
	doc = json_lines(r.out);
	sum = find(doc, "event", "summary", 0);
	o = key(sum, "lost_devices");
	assert_int_equal(json_object_array_length(o), 3);
	assert_string_equal(json_object_get_string(key(json_object_array_get_idx(o, 0), "by")), "nic0");
	assert_string_equal(json_object_get_string(key(find(doc, "event", "lost", 2), "id")), "nic3");
	json_object_put(doc);
	st_done(&r);
}

static void test_json_tree(void **state)
{
	char *tree = st_tree("riscv-virt.dtb"), *script;
	json_object *doc, *buses;
	struct st_run r;

	(void)state;
	if (!tree)
		skip();
	assert_true(asprintf(&script, "%s/riscv-virt.txt", SIM_SCENARIOS) > 0);
	ST_RUN(&r, "sim", "--json", tree, script);
	st_status(&r, 0);
	doc = json_lines(r.out);
	buses = key(find(doc, "command", "info pci", 0), "buses");
	assert_int_equal(json_object_array_length(buses), 2);	/* pci.0, br0 */
	assert_string_equal(json_object_get_string(key(json_object_array_get_idx(buses, 1), "bridge")), "br0");
	assert_int_equal(json_object_get_int(key(find(doc, "event", "summary", 0), "leaks")), 0);
	json_object_put(doc);
	st_done(&r);
	free(script);
	free(tree);
}

static void test_dot_svg(void **state)
{
	char dot[] = "/tmp/irqmap-sim-dot-XXXXXX", svg[] = "/tmp/irqmap-sim-svg-XXXXXX";
	char *text;
	struct st_run r;
	FILE *f;
	long n;

	(void)state;
	close(mkstemp(dot));
	close(mkstemp(svg));
	ST_RUN(&r, "sim", "--dot", dot);
	st_status(&r, 0);
	st_done(&r);
	f = fopen(dot, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	assert_memory_equal(text, "digraph irqmap {", 16);
	/* The busiest moment: every device plugged, 0x1201 with 3 references. */
	st_contains(text, "hwirq 0x1201\\nvirq 1\\n3 references");
	st_contains(text, "\"dev:nic2\" -> m0_2 [label=\"INTA\"]");
	st_contains(text, "\"dev:br1\" -> b2 [style=dashed");
	free(text);

	st_run(&r, (const char *const[]){ "sim", "--svg", svg, NULL },
	       (const char *const[]){ "IRQMAP_DOT=/nonexistent/dot", NULL }, NULL);
	st_status(&r, 1);
	st_contains(r.err, "--svg: Graphviz is not installed ('/nonexistent/dot' not found)");
	st_contains(r.out, "leaks found: 0");
	st_done(&r);

	if (!access("/usr/bin/dot", X_OK)) {
		ST_RUN(&r, "sim", "--svg", svg);
		st_status(&r, 0);
		st_done(&r);
		f = fopen(svg, "r");
		assert_non_null(f);
		fseek(f, 0, SEEK_END);
		assert_true(ftell(f) > 100);
		fclose(f);
	}
	unlink(dot);
	unlink(svg);
}

static void test_command_line(void **state)
{
	char machine[] = "/tmp/irqmap-sim-machine-XXXXXX.dts";
	struct st_run r;
	FILE *f;

	(void)state;
	ST_RUN(&r, "sim", "--help");
	st_status(&r, 0);
	st_contains(r.out, "usage: irqmap sim [MACHINE] [SCRIPT|-] [-device OPTS...] [OPTIONS]");
	st_done(&r);
	ST_RUN(&r, "sim", "--version");
	st_status(&r, 0);
	st_contains(r.out, "irqmap ");
	st_done(&r);
	ST_RUN(&r, "sim", "--cpus", "0");
	st_status(&r, 2);
	st_contains(r.err, "--cpus: '0' is not a number from 1 to 64");
	st_done(&r);
	ST_RUN(&r, "sim", "--frobnicate");
	st_status(&r, 2);
	st_contains(r.err, "unknown option '--frobnicate'");
	st_done(&r);
	ST_RUN(&r, "sim", "--churn");
	st_status(&r, 2);
	st_contains(r.err, "--churn needs an argument");
	st_done(&r);
	ST_RUN(&r, "sim", "a.txt", "b.txt");
	st_status(&r, 2);
	st_contains(r.err, "two scenarios");
	st_done(&r);
	ST_RUN(&r, "sim", "/nonexistent.dtb");
	st_status(&r, 1);
	st_contains(r.err, "cannot load the machine /nonexistent.dtb");
	st_done(&r);

	/* The built-in machine's source, compiled again from a .dts file. */
	ST_RUN(&r, "sim", "--print-machine");
	st_status(&r, 0);
	st_contains(r.out, "interrupt-map-mask = <0x1800 0 0 7>;");
	close(mkstemps(machine, 4));
	f = fopen(machine, "w");
	assert_non_null(f);
	fputs(r.out, f);
	fclose(f);
	st_done(&r);
	ST_RUN(&r, "--print-scenario");
	st_status(&r, 0);
	st_contains(r.out, "device_add e1000,bus=pci.0,addr=5,id=nic0\n");
	st_done(&r);
	st_run(&r, (const char *const[]){ "sim", machine, "-", "--cpus", "3", NULL },
	       NULL, "device_add e1000,bus=pci.1,addr=1f.0,id=n1\nraise n1 5\n"
		     "info interrupts\ncheck\n");
	st_status(&r, 0);
	st_contains(r.out, "n1: e1000 at pci.1:1f.0, INTA -> /interrupt-controller 0x1207");
	st_contains(r.out, "CPU2");
	st_contains(r.out, "5 raised = 5 handled");
	st_done(&r);
	unlink(machine);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_demo_alias),
		cmocka_unit_test(test_scenarios),
		cmocka_unit_test(test_no_refcount),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_tree),
		cmocka_unit_test(test_dot_svg),
		cmocka_unit_test(test_command_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
