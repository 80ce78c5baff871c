// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_fwspec.c - irq_create_fwspec_mapping: domain lookup, translation and trigger-type rules. */
#include <errno.h>

#include "testutil.h"

static struct irq_fwspec spec(struct fwnode_handle *fw, int n, uint32_t p0,
			      uint32_t p1)
{
	struct irq_fwspec f = { .fwnode = fw, .param_count = n };

	f.param[0] = p0;
	f.param[1] = p1;
	return f;
}

/* A controller with two-cell specifiers (hwirq, type). */
struct ctl {
	struct fwnode_handle fw;
	struct tu_counts c;
	struct irq_domain *d;
};

static void ctl_init(struct ctl *ctl, const char *name)
{
	fwnode_init(&ctl->fw, FWNODE_KIND_USER, name, NULL);
	ctl->c = (struct tu_counts){ 0 };
	ctl->d = irq_domain_create_linear(&ctl->fw, 32, &tu_counting_ops,
					  &ctl->c);
	assert_non_null(ctl->d);
}

static void new_mapping_gets_requested_type(void **state)
{
	struct ctl ctl;
	struct irq_fwspec f;
	unsigned int v, w;

	(void)state;
	ctl_init(&ctl, "gpio0");
	f = spec(&ctl.fw, 2, 4, IRQ_TYPE_EDGE_RISING);
	v = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v, 0);
	assert_int_equal(ctl.c.map, 1);
	assert_int_equal(irq_find_mapping(ctl.d, 4), v);
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_EDGE_RISING);
	assert_int_equal(irqd_get_trigger_type(irq_get_irq_data(v)),
			 IRQ_TYPE_EDGE_RISING);
	assert_int_equal(irq_mapping_refcount(v), 1);

	f = spec(&ctl.fw, 2, 5, IRQ_TYPE_LEVEL_LOW);
	w = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(w, 0);
	assert_int_not_equal(w, v);
	assert_int_equal(irq_get_trigger_type(w), IRQ_TYPE_LEVEL_LOW);

	/* One cell: no type requested. */
	f = spec(&ctl.fw, 1, 6, 0);
	v = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v, 0);
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_NONE);
	assert_int_equal(ctl.c.map, 3);
	assert_int_equal(irqmap_check(stderr), 0);

	assert_int_equal(irq_dispose_mapping(irq_find_mapping(ctl.d, 4)), 0);
	assert_int_equal(irq_dispose_mapping(w), 0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(ctl.d), 0);
}

static void same_or_no_type_shares_mapping(void **state)
{
	struct ctl ctl;
	struct irq_fwspec f;
	unsigned int v;

	(void)state;
	ctl_init(&ctl, "gpio0");
	f = spec(&ctl.fw, 2, 9, IRQ_TYPE_LEVEL_HIGH);
	v = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v, 0);

	/* The same type: shared, one more reference. */
	assert_int_equal(irq_create_fwspec_mapping(&f), v);
	assert_int_equal(irq_mapping_refcount(v), 2);
	/* Type NONE, by cell value and by a one-cell specifier. */
	f = spec(&ctl.fw, 2, 9, IRQ_TYPE_NONE);
	assert_int_equal(irq_create_fwspec_mapping(&f), v);
	assert_int_equal(irq_mapping_refcount(v), 3);
	f = spec(&ctl.fw, 1, 9, 0);
	assert_int_equal(irq_create_fwspec_mapping(&f), v);
	assert_int_equal(irq_mapping_refcount(v), 4);
	/* irq_create_mapping() shares it as well, type untouched. */
	assert_int_equal(irq_create_mapping(ctl.d, 9), v);
	assert_int_equal(irq_mapping_refcount(v), 5);
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_LEVEL_HIGH);
	assert_int_equal(ctl.c.map, 1);
	assert_int_equal(irq_domain_mapcount(ctl.d), 1);

	for (int i = 5; i > 0; i--) {
		assert_int_equal(irq_mapping_refcount(v), i);
		assert_int_equal(irq_dispose_mapping(v), 0);
	}
	assert_int_equal(ctl.c.unmap, 1);
	assert_int_equal(irq_find_mapping(ctl.d, 9), 0);
	assert_int_equal(irq_domain_remove(ctl.d), 0);
}

static void untyped_mapping_takes_requested_type(void **state)
{
	struct ctl ctl;
	struct irq_fwspec f;
	unsigned int v;

	(void)state;
	ctl_init(&ctl, "gpio0");
	v = irq_create_mapping(ctl.d, 12);
	assert_int_not_equal(v, 0);
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_NONE);

	f = spec(&ctl.fw, 2, 12, IRQ_TYPE_EDGE_FALLING);
	assert_int_equal(irq_create_fwspec_mapping(&f), v);
	assert_int_equal(irq_mapping_refcount(v), 2);
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_EDGE_FALLING);
	assert_int_equal(ctl.c.map, 1);
	/* From now on the type is set: the same type shares. */
	assert_int_equal(irq_create_fwspec_mapping(&f), v);
	assert_int_equal(irq_mapping_refcount(v), 3);
	for (int i = 0; i < 3; i++)
		assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_find_mapping(ctl.d, 12), 0);
	assert_int_equal(irq_domain_remove(ctl.d), 0);
}

static void other_type_is_refused(void **state)
{
	struct ctl ctl;
	struct irq_fwspec f;
	struct tu_state st;
	unsigned int v;

	(void)state;
	ctl_init(&ctl, "gpio0");
	f = spec(&ctl.fw, 2, 3, IRQ_TYPE_EDGE_RISING);
	v = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v, 0);
	assert_int_equal(irq_create_fwspec_mapping(&f), v);

	tu_state_save(&st);
	tu_log_capture_start();
	f = spec(&ctl.fw, 2, 3, IRQ_TYPE_LEVEL_HIGH);
	assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	tu_assert_one_message("type mismatch");
	assert_true(tu_log_contains("hwirq 3"));
	assert_int_equal(tu_log_level_of("type mismatch"), IRQMAP_LOG_WARN);
	f = spec(&ctl.fw, 2, 3, IRQ_TYPE_EDGE_BOTH);
	assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	assert_int_equal(tu_log_count_matching("type mismatch"), 2);
	tu_state_assert_unchanged(&st);
	assert_int_equal(irq_mapping_refcount(v), 2);
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_EDGE_RISING);
	assert_int_equal(ctl.c.map, 1);

	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	/* Once gone, the other type makes a fresh mapping of its own. */
	v = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v, 0);
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_EDGE_BOTH);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(ctl.d), 0);
}

/* ->translate adds 100 to the cell; ->xlate adds 200; both count calls. */
struct xl {
	unsigned int translate, xlate;
	unsigned int type;		/* type reported by both */
	int ret;
};

static int xl_translate(struct irq_domain *d, struct irq_fwspec *fwspec,
			unsigned long *hw, unsigned int *type)
{
	struct xl *x = d->host_data;

	x->translate++;
	if (x->ret)
		return x->ret;
	*hw = fwspec->param[0] + 100;
	*type = x->type;
	return 0;
}

static int xl_xlate(struct irq_domain *d, struct fwnode_handle *node,
		    const uint32_t *intspec, unsigned int intsize,
		    unsigned long *hw, unsigned int *type)
{
	struct xl *x = d->host_data;

	x->xlate++;
	if (x->ret)
		return x->ret;
	if (node != d->fwnode || intsize < 1)
		return -EINVAL;
	*hw = intspec[0] + 200;
	*type = x->type;
	return 0;
}

static const struct irq_domain_ops translate_ops = {
	.translate = xl_translate,
	.xlate = xl_xlate,
};
static const struct irq_domain_ops xlate_ops = {
	.xlate = xl_xlate,
};
static const struct irq_domain_ops plain_ops = { 0 };

static void translate_is_preferred_to_xlate(void **state)
{
	struct fwnode_handle fw;
	struct xl x = { .type = IRQ_TYPE_LEVEL_LOW };
	struct irq_domain *d;
	struct irq_fwspec f;
	unsigned int v;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "xl", NULL);
	d = irq_domain_create_tree(&fw, &translate_ops, &x);
	assert_non_null(d);
	f = spec(&fw, 1, 7, 0);
	v = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v, 0);
	assert_int_equal(x.translate, 1);
	assert_int_equal(x.xlate, 0);
	assert_int_equal(irq_find_mapping(d, 107), v);
	assert_int_equal(irq_find_mapping(d, 207), 0);
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_LEVEL_LOW);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void xlate_is_used_without_translate(void **state)
{
	struct fwnode_handle fw;
	struct xl x = { .type = IRQ_TYPE_EDGE_BOTH };
	struct irq_domain *d;
	struct irq_fwspec f;
	unsigned int v;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "xl", NULL);
	d = irq_domain_create_tree(&fw, &xlate_ops, &x);
	assert_non_null(d);
	f = spec(&fw, 3, 7, 0);
	v = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v, 0);
	assert_int_equal(x.xlate, 1);
	assert_int_equal(irq_find_mapping(d, 207), v);
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_EDGE_BOTH);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void first_cell_is_hwirq_without_translators(void **state)
{
	struct fwnode_handle fw;
	struct irq_domain *d;
	struct irq_fwspec f;
	unsigned int v;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "plain", NULL);
	d = irq_domain_create_linear(&fw, 64, &plain_ops, NULL);
	assert_non_null(d);
	/* Further cells are not a type for such a domain. */
	f = spec(&fw, 2, 33, IRQ_TYPE_LEVEL_HIGH);
	v = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v, 0);
	assert_int_equal(irq_find_mapping(d, 33), v);
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_NONE);
	assert_int_equal(irq_dispose_mapping(v), 0);

	/* Nothing to take the hwirq from. */
	tu_log_capture_start();
	f = spec(&fw, 0, 0, 0);
	assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	tu_assert_one_message("cannot translate");
	assert_int_equal(irq_domain_mapcount(d), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void translation_failure_maps_nothing(void **state)
{
	struct fwnode_handle fw;
	struct xl x = { .ret = -EINVAL };
	struct irq_domain *d;
	struct irq_fwspec f;
	struct tu_state st;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "xl", NULL);
	d = irq_domain_create_linear(&fw, 512, &translate_ops, &x);
	assert_non_null(d);
	tu_state_save(&st);
	tu_log_capture_start();
	f = spec(&fw, 1, 7, 0);
	assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	tu_assert_one_message("cannot translate");
	assert_int_equal(x.translate, 1);
	tu_state_assert_unchanged(&st);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void domain_is_found_by_fwnode(void **state)
{
	struct ctl a, b;
	struct irq_fwspec f;
	unsigned int va, vb;

	(void)state;
	ctl_init(&a, "ctl-a");
	ctl_init(&b, "ctl-b");
	f = spec(&b.fw, 2, 3, IRQ_TYPE_EDGE_RISING);
	vb = irq_create_fwspec_mapping(&f);
	f = spec(&a.fw, 2, 3, IRQ_TYPE_EDGE_RISING);
	va = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(va, 0);
	assert_int_not_equal(vb, 0);
	assert_int_not_equal(va, vb);
	assert_int_equal(irq_find_mapping(a.d, 3), va);
	assert_int_equal(irq_find_mapping(b.d, 3), vb);
	assert_int_equal(a.c.map, 1);
	assert_int_equal(b.c.map, 1);
	assert_int_equal(irq_dispose_mapping(va), 0);
	assert_int_equal(irq_dispose_mapping(vb), 0);
	assert_int_equal(irq_domain_remove(a.d), 0);
	assert_int_equal(irq_domain_remove(b.d), 0);
}

static void wired_domain_is_preferred(void **state)
{
	struct fwnode_handle fw;
	struct tu_counts cn = { 0 }, cw = { 0 };
	struct irq_domain *nexus, *wired;
	struct irq_fwspec f;
	unsigned int v;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "shared-node", NULL);
	nexus = irq_domain_create_linear(&fw, 8, &tu_counting_ops, &cn);
	assert_non_null(nexus);
	irq_domain_update_bus_token(nexus, DOMAIN_BUS_NEXUS);
	f = spec(&fw, 1, 2, 0);
	/* Only the nexus serves the node: any token will do. */
	v = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v, 0);
	assert_int_equal(irq_find_mapping(nexus, 2), v);
	assert_int_equal(irq_dispose_mapping(v), 0);

	wired = irq_domain_create_linear(&fw, 8, &tu_counting_ops, &cw);
	assert_non_null(wired);
	irq_domain_update_bus_token(wired, DOMAIN_BUS_WIRED);
	v = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v, 0);
	assert_int_equal(irq_find_mapping(wired, 2), v);
	assert_int_equal(irq_find_mapping(nexus, 2), 0);
	assert_int_equal(cw.map, 1);
	assert_int_equal(cn.map, 1);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(wired), 0);
	assert_int_equal(irq_domain_remove(nexus), 0);
}

static void no_fwnode_uses_default_host(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	struct irq_fwspec f;
	unsigned int v;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	f = spec(NULL, 2, 5, IRQ_TYPE_LEVEL_HIGH);
	tu_log_capture_start();
	assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	tu_assert_one_message("no irq domain found");
	assert_int_equal(c.map, 0);

	irq_set_default_host(d);
	v = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v, 0);
	assert_int_equal(irq_find_mapping(d, 5), v);
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_LEVEL_HIGH);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
	assert_null(irq_get_default_host());
}

/* The stock translators, called directly. */
static void stock_translators(void **state)
{
	struct fwnode_handle fw;
	struct irq_fwspec f = { .fwnode = &fw };
	uint32_t cells[2] = { 17, IRQ_TYPE_LEVEL_LOW | 0x30 };
	unsigned long hw = 0;
	unsigned int type = 0;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "x", NULL);
	assert_int_equal(irq_domain_xlate_onecell(NULL, &fw, cells, 1, &hw, &type), 0);
	assert_int_equal(hw, 17);
	assert_int_equal(type, IRQ_TYPE_NONE);
	assert_int_equal(irq_domain_xlate_onecell(NULL, &fw, cells, 0, &hw, &type), -EINVAL);

	hw = 0;
	assert_int_equal(irq_domain_xlate_twocell(NULL, &fw, cells, 2, &hw, &type), 0);
	assert_int_equal(hw, 17);
	assert_int_equal(type, IRQ_TYPE_LEVEL_LOW);
	assert_int_equal(irq_domain_xlate_twocell(NULL, &fw, cells, 1, &hw, &type), -EINVAL);

	assert_int_equal(irq_domain_xlate_onetwocell(NULL, &fw, cells, 1, &hw, &type), 0);
	assert_int_equal(type, IRQ_TYPE_NONE);
	assert_int_equal(irq_domain_xlate_onetwocell(NULL, &fw, cells, 2, &hw, &type), 0);
	assert_int_equal(type, IRQ_TYPE_LEVEL_LOW);
	assert_int_equal(irq_domain_xlate_onetwocell(NULL, &fw, cells, 0, &hw, &type), -EINVAL);

	f.param_count = 2;
	f.param[0] = 40;
	f.param[1] = IRQ_TYPE_EDGE_FALLING;
	hw = 0;
	assert_int_equal(irq_domain_translate_twocell(NULL, &f, &hw, &type), 0);
	assert_int_equal(hw, 40);
	assert_int_equal(type, IRQ_TYPE_EDGE_FALLING);
	assert_int_equal(irq_domain_translate_onecell(NULL, &f, &hw, &type), 0);
	assert_int_equal(type, IRQ_TYPE_NONE);
	f.param_count = 1;
	assert_int_equal(irq_domain_translate_twocell(NULL, &f, &hw, &type), -EINVAL);
	f.param_count = 0;
	assert_int_equal(irq_domain_translate_onecell(NULL, &f, &hw, &type), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(new_mapping_gets_requested_type,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(same_or_no_type_shares_mapping,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(untyped_mapping_takes_requested_type,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(other_type_is_refused,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(translate_is_preferred_to_xlate,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(xlate_is_used_without_translate,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(first_cell_is_hwirq_without_translators,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(translation_failure_maps_nothing,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(domain_is_found_by_fwnode,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(wired_domain_is_preferred,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(no_fwnode_uses_default_host,
						tu_setup, tu_teardown),
		cmocka_unit_test(stock_translators),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
