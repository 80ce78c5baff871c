// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_fault_of.c - every allocation of the device-tree front end made to
 * fail in turn: loading a .dts fixture (dtc's output included), bringing
 * its controllers up, resolving and mapping every interrupt of every node
 * (and the INTx of node-less PCI devices), then tearing it all down. Each
 * run ends with an error returned to the caller or success, a consistent
 * state, and nothing leaked.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "faultinject.h"
#include "of/of_paths.h"

#define MAX_REFS 64

struct refs {
	unsigned int virq[MAX_REFS];
	int nr;
};

static int keep(struct refs *r, unsigned int virq)
{
	if (!virq)
		return -ENOMEM;
	if (r->nr == MAX_REFS) {
		irq_dispose_mapping(virq);
		return -ENOSPC;
	}
	r->virq[r->nr++] = virq;
	return 0;
}

/* What 'irqmap routes' does with every (node, index) of the tree. */
static int map_all(struct irqmap_of *t, struct refs *r)
{
	int ret = 0;

	for (int node = irqmap_of_next_node(t, -1); node >= 0;
	     node = irqmap_of_next_node(t, node)) {
		int nr = irqmap_of_irq_entries(t, node);
		/* made on first request: it too may run out of memory */
		const char *path = irqmap_of_node_path(t, node);

		if (!path) {
			ret = ret ? ret : -ENOMEM;
			continue;
		}
		/* the fixtures' deliberately broken devices never map */
		if (strstr(path, "/bad@"))
			continue;
		for (int i = 0; i < nr; i++) {
			struct of_phandle_args args;
			int err;

			if (of_irq_parse_one(t, node, i, &args))
				continue;	/* the tree's own problem */
			if (irqmap_of_parent_irq(t, node, i))
				continue;	/* held by its cascade */
			err = keep(r, irq_create_of_mapping(&args));
			ret = ret ? ret : err;
		}
	}
	return ret;
}

/*
 * irqmap_of_irq_init() brings a cascade up even when it could not map its
 * parent lines (out of memory: logged, and irqmap_of_parent_irq() says 0).
 * A careful caller looks: -ENOLINK when a controller's interrupt resolves
 * to another controller and is not held.
 */
static int check_cascades(struct irqmap_of *t)
{
	for (int node = irqmap_of_next_node(t, -1); node >= 0;
	     node = irqmap_of_next_node(t, node)) {
		int nr = irqmap_of_irq_entries(t, node);

		if (!irqmap_of_node_domain(t, node))
			continue;
		for (int i = 0; i < nr; i++) {
			struct of_phandle_args args;

			if (of_irq_parse_one(t, node, i, &args) ||
			    args.np == node)
				continue;
			if (!irqmap_of_parent_irq(t, node, i))
				return -ENOLINK;
		}
	}
	return 0;
}

static int load_and_map(const char *name,
			int (*extra)(struct irqmap_of *t, struct refs *r))
{
	char path[512];
	struct irqmap_of *t;
	struct refs r = { .nr = 0 };
	int ret, err;

	snprintf(path, sizeof(path), "%s/%s", OF_FIXTURES, name);
	t = irqmap_of_load(path);
	if (!t)
		return -errno;
	ret = irqmap_of_irq_init(t);
	if (!ret)
		ret = check_cascades(t);
	err = map_all(t, &r);		/* what came up maps */
	ret = ret ? ret : err;
	if (extra) {
		err = extra(t, &r);
		ret = ret ? ret : err;
	}
	while (r.nr)
		irq_dispose_mapping(r.virq[--r.nr]);
	/* a refused teardown leaves the tree as it was: try again */
	err = irqmap_of_free(t);
	if (err && err != -ENOMEM)
		fail_msg("%s: the tree cannot be freed: %d", name, err);
	if (err && irqmap_of_free(t))
		fail_msg("%s: the tree cannot be freed the second time", name);
	return ret ? ret : err;
}

/* Node-less devices behind the host bridge and two PCI-to-PCI bridges. */
static int pci_nodeless(struct irqmap_of *t, struct refs *r)
{
	static const char *const bridges[] = {
		"/pci@30000000", "/pci@30000000/pci@6",
		"/pci@30000000/pci@6/pci@2", "/pci@30000000/pci@7",
	};
	int ret = 0;

	for (unsigned int b = 0; b < 4; b++) {
		int node = irqmap_of_find_node(t, bridges[b]);

		if (node < 0)
			return node;
		for (unsigned int pin = 1; pin <= 4; pin++) {
			unsigned int virq;
			int err;

			virq = of_irq_parse_and_map_pci(t, node, (3 << 3) | 1,
							pin);
			err = keep(r, virq);
			ret = ret ? ret : err;
		}
	}
	return ret;
}

/* Cascaded controllers (PL061, a generic mux) and a shared GPIO line. */
static int cascade_scenario(void)
{
	return load_and_map("cascade.dts", NULL);
}

/* A host bridge's interrupt-map, swizzling bridges, shared INTx lines. */
static int pci_scenario(void)
{
	return load_and_map("pci.dts", pci_nodeless);
}

/* RISC-V: a hart controller, a PLIC and an IMSIC cascaded onto it, an APLIC. */
static int riscv_scenario(void)
{
	return load_and_map("riscv.dts", NULL);
}

static void sweep(const char *name, fi_scenario_fn fn)
{
	struct fi_result r;

	fi_sweep(name, fn, &r);
	assert_true(r.points > 10);
	assert_int_equal(r.silent, 0);
}

/*
 * irqmap_of_free() first checks, changing nothing, that only the tree's
 * own cascades hold references in its domains. Counting the references
 * of a tree domain allocates: when that fails, the teardown must be
 * refused with the tree intact, not go ahead as if the domain were idle
 * (dropping the cascades' parent lines before a removal that fails).
 */
static void of_free_refused_intact_when_counting_fails(void **state)
{
	char path[512];
	struct irqmap_of *t;
	unsigned int parent, refs, user;
	unsigned long k;
	int mux, ret, hit;

	(void)state;
	assert_int_equal(irqmap_init(), 0);
	tu_log_capture_start();
	snprintf(path, sizeof(path), "%s/cascade.dts", OF_FIXTURES);
	t = irqmap_of_load(path);
	assert_non_null(t);
	assert_int_equal(irqmap_of_irq_init(t), 0);
	mux = irqmap_of_find_node(t, "/interrupt-controller@9040000");
	assert_true(mux >= 0);
	parent = irqmap_of_parent_irq(t, mux, 0);
	assert_int_not_equal(parent, 0);
	refs = irq_mapping_refcount(parent);
	/* a user of the mux: the tree is busy */
	user = irq_of_parse_and_map(t, irqmap_of_find_node(t, "/sensor@2"), 0);
	assert_int_not_equal(user, 0);
	for (k = 1;; k++) {
		irqm_fault_arm(k);
		ret = irqmap_of_free(t);
		hit = irqm_fault_hit();
		irqm_fault_arm(0);
		if (ret != -EBUSY && ret != -ENOMEM)
			fail_msg("allocation %lu failing: irqmap_of_free() returned %d",
				 k, ret);
		assert_int_equal(irqmap_of_parent_irq(t, mux, 0), parent);
		assert_int_equal(irq_mapping_refcount(parent), refs);
		assert_int_equal(irqmap_check(stderr), 0);
		if (!hit)
			break;
	}
	assert_true(k > 1);
	tu_log_capture_stop();
	assert_int_equal(irq_dispose_mapping(user), 0);
	assert_int_equal(irqmap_of_free(t), 0);
	assert_int_equal(irqmap_exit(), 0);
}

static void of_cascade_allocations(void **state)
{
	(void)state;
	sweep("of-cascade", cascade_scenario);
}

static void of_pci_allocations(void **state)
{
	(void)state;
	sweep("of-pci", pci_scenario);
}

static void of_riscv_allocations(void **state)
{
	(void)state;
	sweep("of-riscv", riscv_scenario);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(of_free_refused_intact_when_counting_fails),
		cmocka_unit_test(of_cascade_allocations),
		cmocka_unit_test(of_pci_allocations),
		cmocka_unit_test(of_riscv_allocations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
