// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_fault_core.c - every allocation of the core and hierarchy scenarios
 * made to fail in turn: each run ends with an error returned to the caller
 * or success, a consistent state, and nothing leaked.
 */
#include <errno.h>
#include <stdlib.h>

#include "faultinject.h"
#include "hiertest.h"

/* Linear, tree and legacy domains; sharing, fwspec, disposal. */
static int core_scenario(void)
{
	struct fwnode_handle *fw = irq_domain_alloc_named_fwnode("ctrl");
	struct irq_domain *lin = NULL, *tree = NULL, *leg = NULL;
	unsigned int v[6] = { 0 };
	int ret = 0;

	if (!fw)
		return -ENOMEM;
	lin = irq_domain_create_linear(fw, 64, &irq_domain_simple_ops, NULL);
	tree = irq_domain_create_tree(NULL, &irq_domain_simple_ops, NULL);
	leg = irq_domain_create_legacy(NULL, 4, 100, 0, &irq_domain_simple_ops,
				       NULL);
	if (!lin || !tree || !leg) {
		ret = -ENOMEM;
		goto out;
	}
	v[0] = irq_create_mapping(lin, 3);
	v[1] = irq_create_mapping(lin, 3);
	v[2] = irq_create_mapping(tree, 1u << 30);
	{
		struct irq_fwspec spec = {
			.fwnode = fw, .param_count = 2,
			.param = { 9, IRQ_TYPE_LEVEL_HIGH },
		};

		v[3] = irq_create_fwspec_mapping(&spec);
		v[4] = irq_create_fwspec_mapping(&spec);
	}
	v[5] = irq_create_mapping(leg, 1);
	for (int i = 0; i < 6; i++)
		if (!v[i])
			ret = -ENOMEM;
out:
	for (int i = 0; i < 6; i++)
		irq_dispose_mapping(v[i]);
	if (leg)
		irq_domain_remove(leg);
	if (tree)
		irq_domain_remove(tree);
	if (lin)
		irq_domain_remove(lin);
	irq_domain_free_fwnode(fw);
	return ret;
}

/* INTx through a bridge, MSI ranges of 1 and 8 through three levels. */
static int hierarchy_scenario(void)
{
	struct ht h;
	struct ht_msi_arg arg = { 0 };
	unsigned int a, b;
	int m1, m8, ret = 0;

	if (ht_try_create(&h))
		return -ENOMEM;
	a = ht_map_intx(&h, 1);
	b = ht_map_intx(&h, 1);
	m1 = irq_domain_alloc_irqs(h.msi.d, 1, -1, &arg);
	arg.hwirq = 16;
	m8 = irq_domain_alloc_irqs(h.msi.d, 8, -1, &arg);
	if (!a || !b || m1 <= 0 || m8 <= 0)
		ret = -ENOMEM;
	irq_dispose_mapping(a);
	irq_dispose_mapping(b);
	if (m1 > 0)
		irq_domain_free_irqs((unsigned int)m1, 1);
	if (m8 > 0)
		irq_domain_free_irqs((unsigned int)m8, 8);
	ht_assert_balanced(&h);
	ht_try_remove(&h);
	return ret;
}

static void core_allocations(void **state)
{
	struct fi_result r;

	fi_sweep("core", core_scenario, &r);
	assert_true(r.points > 10);
	/* every failed allocation of the core reaches the caller */
	assert_int_equal(r.silent, 0);
}

static void hierarchy_allocations(void **state)
{
	struct fi_result r;

	fi_sweep("hierarchy", hierarchy_scenario, &r);
	assert_true(r.points > 10);
	assert_int_equal(r.silent, 0);
}

static void core_allocations_with_refs(void **state)
{
	struct fi_result r;

	setenv("IRQMAP_DEBUG_REFS", "1", 1);
	/* reference records are optional: losing one is logged, not fatal */
	fi_sweep("core+debug-refs", core_scenario, &r);
	assert_int_equal(r.hit, r.points);
	unsetenv("IRQMAP_DEBUG_REFS");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(core_allocations),
		cmocka_unit_test(hierarchy_allocations),
		cmocka_unit_test(core_allocations_with_refs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
