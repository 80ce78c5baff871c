// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_domain.c - finding domains (fwnode, bus token, ->match, ->select), naming and removal. */
#include <errno.h>
#include <string.h>

#include "testutil.h"

static void find_by_fwnode(void **state)
{
	struct fwnode_handle fa, fb, unknown;
	struct irq_domain *a, *b;

	(void)state;
	fwnode_init(&fa, FWNODE_KIND_USER, "intc-a", NULL);
	fwnode_init(&fb, FWNODE_KIND_USER, "intc-b", NULL);
	fwnode_init(&unknown, FWNODE_KIND_USER, "nobody", NULL);
	a = irq_domain_create_linear(&fa, 8, &tu_counting_ops, NULL);
	b = irq_domain_create_tree(&fb, &tu_counting_ops, NULL);
	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(a->name, "intc-a");
	assert_ptr_equal(a->fwnode, &fa);
	assert_ptr_equal(a->root, a);
	assert_null(a->parent);

	assert_ptr_equal(irq_find_matching_fwnode(&fa, DOMAIN_BUS_ANY), a);
	assert_ptr_equal(irq_find_matching_fwnode(&fb, DOMAIN_BUS_ANY), b);
	errno = 0;
	assert_null(irq_find_matching_fwnode(&unknown, DOMAIN_BUS_ANY));
	assert_int_equal(errno, ENOENT);
	errno = 0;
	assert_null(irq_find_matching_fwnode(NULL, DOMAIN_BUS_ANY));
	assert_int_equal(errno, ENOENT);

	assert_int_equal(irq_domain_remove(a), 0);
	assert_null(irq_find_matching_fwnode(&fa, DOMAIN_BUS_ANY));
	assert_ptr_equal(irq_find_matching_fwnode(&fb, DOMAIN_BUS_ANY), b);
	assert_int_equal(irq_domain_remove(b), 0);
	assert_null(irq_find_matching_fwnode(&fb, DOMAIN_BUS_ANY));
}

static void find_by_bus_token(void **state)
{
	struct fwnode_handle fw;
	struct irq_domain *msi, *wired;
	struct irq_fwspec f = { .param_count = 0 };

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "its", NULL);
	msi = irq_domain_create_tree(&fw, &tu_counting_ops, NULL);
	wired = irq_domain_create_linear(&fw, 8, &tu_counting_ops, NULL);
	assert_non_null(msi);
	assert_non_null(wired);
	assert_int_equal(msi->bus_token, DOMAIN_BUS_ANY);
	irq_domain_update_bus_token(msi, DOMAIN_BUS_PCI_MSI);
	irq_domain_update_bus_token(wired, DOMAIN_BUS_WIRED);
	assert_int_equal(msi->bus_token, DOMAIN_BUS_PCI_MSI);

	assert_ptr_equal(irq_find_matching_fwnode(&fw, DOMAIN_BUS_PCI_MSI), msi);
	assert_ptr_equal(irq_find_matching_fwnode(&fw, DOMAIN_BUS_WIRED), wired);
	/* Any token: the first registered. */
	assert_ptr_equal(irq_find_matching_fwnode(&fw, DOMAIN_BUS_ANY), msi);
	errno = 0;
	assert_null(irq_find_matching_fwnode(&fw, DOMAIN_BUS_IPI));
	assert_int_equal(errno, ENOENT);
	f.fwnode = &fw;
	assert_ptr_equal(irq_find_matching_fwspec(&f, DOMAIN_BUS_WIRED), wired);

	assert_int_equal(irq_domain_remove(msi), 0);
	assert_ptr_equal(irq_find_matching_fwnode(&fw, DOMAIN_BUS_ANY), wired);
	assert_null(irq_find_matching_fwnode(&fw, DOMAIN_BUS_PCI_MSI));
	assert_int_equal(irq_domain_remove(wired), 0);
}

/* ->match: serves any fwnode in its list; records the token it was asked. */
struct matcher {
	struct fwnode_handle *nodes[2];
	unsigned int calls;
	enum irq_domain_bus_token last_token;
};

static int list_match(struct irq_domain *d, struct fwnode_handle *node,
		      enum irq_domain_bus_token bus_token)
{
	struct matcher *m = d->host_data;

	m->calls++;
	m->last_token = bus_token;
	return node && (node == m->nodes[0] || node == m->nodes[1]);
}

static const struct irq_domain_ops match_ops = {
	.match = list_match,
	.xlate = irq_domain_xlate_onecell,
};

static void match_callback_decides(void **state)
{
	struct fwnode_handle own, alias, other;
	struct matcher m = { .nodes = { &alias, &other } };
	struct irq_domain *d;
	struct irq_fwspec f = { .fwnode = &other, .param_count = 1,
				.param = { 6 } };
	unsigned int v;

	(void)state;
	fwnode_init(&own, FWNODE_KIND_USER, "own", NULL);
	fwnode_init(&alias, FWNODE_KIND_USER, "alias", NULL);
	fwnode_init(&other, FWNODE_KIND_USER, "other", NULL);
	d = irq_domain_create_linear(&own, 8, &match_ops, &m);
	assert_non_null(d);
	/* Its own fwnode is not in its list: ->match says no. */
	assert_null(irq_find_matching_fwnode(&own, DOMAIN_BUS_ANY));
	assert_ptr_equal(irq_find_matching_fwnode(&alias, DOMAIN_BUS_NEXUS), d);
	assert_int_equal(m.last_token, DOMAIN_BUS_NEXUS);
	assert_ptr_equal(irq_find_matching_fwnode(&other, DOMAIN_BUS_ANY), d);
	assert_int_equal(m.last_token, DOMAIN_BUS_ANY);
	assert_int_equal(m.calls, 3);

	v = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v, 0);
	assert_int_equal(irq_find_mapping(d, 6), v);
	assert_int_equal(m.last_token, DOMAIN_BUS_WIRED);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

/* ->select: two domains share a node; each takes half of the hwirqs. */
struct selector {
	uint32_t lo, hi;		/* param[0] range served */
	unsigned int calls;
};

static int range_select(struct irq_domain *d, struct irq_fwspec *fwspec,
			enum irq_domain_bus_token bus_token)
{
	struct selector *s = d->host_data;

	s->calls++;
	return fwspec->fwnode == d->fwnode && fwspec->param_count >= 1 &&
	       fwspec->param[0] >= s->lo && fwspec->param[0] < s->hi;
}

static const struct irq_domain_ops select_ops = {
	.select = range_select,
	.translate = irq_domain_translate_onecell,
};

static void select_callback_routes_by_specifier(void **state)
{
	struct fwnode_handle fw;
	struct selector sl = { .lo = 0, .hi = 32 }, sh = { .lo = 32, .hi = 64 };
	struct irq_domain *lo, *hi;
	struct irq_fwspec f = { .param_count = 1 };
	unsigned int v1, v2;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "split", NULL);
	lo = irq_domain_create_tree(&fw, &select_ops, &sl);
	hi = irq_domain_create_tree(&fw, &select_ops, &sh);
	assert_non_null(lo);
	assert_non_null(hi);
	f.fwnode = &fw;
	f.param[0] = 40;
	assert_ptr_equal(irq_find_matching_fwspec(&f, DOMAIN_BUS_WIRED), hi);
	f.param[0] = 3;
	assert_ptr_equal(irq_find_matching_fwspec(&f, DOMAIN_BUS_WIRED), lo);
	assert_true(sl.calls > 0);

	f.param[0] = 50;
	v2 = irq_create_fwspec_mapping(&f);
	f.param[0] = 5;
	v1 = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v1, 0);
	assert_int_not_equal(v2, 0);
	assert_int_equal(irq_find_mapping(lo, 5), v1);
	assert_int_equal(irq_find_mapping(hi, 50), v2);
	assert_int_equal(irq_find_mapping(lo, 50), 0);
	assert_int_equal(irq_find_mapping(hi, 5), 0);

	/* Without a token, ->select is not asked: the fwnode decides. */
	sl.calls = sh.calls = 0;
	assert_ptr_equal(irq_find_matching_fwnode(&fw, DOMAIN_BUS_ANY), lo);
	assert_int_equal(sl.calls + sh.calls, 0);

	assert_int_equal(irq_dispose_mapping(v1), 0);
	assert_int_equal(irq_dispose_mapping(v2), 0);
	assert_int_equal(irq_domain_remove(lo), 0);
	assert_int_equal(irq_domain_remove(hi), 0);
}

static void remove_busy_changes_nothing(void **state)
{
	struct tu_counts c = { 0 };
	struct fwnode_handle fw;
	struct irq_domain *d;
	struct tu_state st;
	unsigned int v1, v2;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "busy", NULL);
	d = irq_domain_create_linear(&fw, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	v1 = irq_create_mapping(d, 1);
	v2 = irq_create_mapping(d, 6);
	assert_int_equal(irq_create_mapping(d, 6), v2);

	tu_state_save(&st);
	tu_log_capture_start();
	assert_int_equal(irq_domain_remove(d), -EBUSY);
	assert_true(tu_log_contains("domain busy still has 2 mappings"));
	assert_true(tu_log_contains("hwirq 1 to virq"));
	assert_true(tu_log_contains("hwirq 6 to virq"));
	assert_true(tu_log_contains("(2 references)"));
	tu_state_assert_unchanged(&st);
	assert_int_equal(c.unmap, 0);
	assert_ptr_equal(irq_find_matching_fwnode(&fw, DOMAIN_BUS_ANY), d);
	/* The domain still works. */
	assert_int_equal(irq_create_mapping(d, 6), v2);
	assert_int_equal(irq_mapping_refcount(v2), 3);
	for (int i = 0; i < 3; i++)
		assert_int_equal(irq_dispose_mapping(v2), 0);

	tu_log_capture_start();
	assert_int_equal(irq_domain_remove(d), -EBUSY);
	assert_true(tu_log_contains("still has 1 mapping"));
	assert_int_equal(irq_dispose_mapping(v1), 0);
	assert_int_equal(irq_domain_remove(d), 0);
	assert_int_equal(c.map, 2);
	assert_int_equal(c.unmap, 2);
	assert_null(irq_find_matching_fwnode(&fw, DOMAIN_BUS_ANY));
	assert_int_equal(irqmap_check(stderr), 0);
}

static void remove_unknown_domain_is_einval(void **state)
{
	struct irq_domain fake;
	struct tu_state st;

	(void)state;
	memset(&fake, 0, sizeof(fake));
	fake.name = "fake";
	tu_state_save(&st);
	tu_log_capture_start();
	assert_int_equal(irq_domain_remove(&fake), -EINVAL);
	tu_assert_one_message("not a registered domain");
	tu_log_capture_start();
	assert_int_equal(irq_domain_remove(NULL), -EINVAL);
	tu_assert_one_message("NULL domain");
	tu_state_assert_unchanged(&st);
}

static void named_fwnode_names_the_domain(void **state)
{
	char name[] = "pinctrl@1000";
	struct fwnode_handle *fw;
	struct irq_domain *d, *anon;

	(void)state;
	fw = irq_domain_alloc_named_fwnode(name);
	assert_non_null(fw);
	name[0] = 'X';		/* the name was copied */
	assert_int_equal(fw->kind, FWNODE_KIND_NAMED);
	assert_string_equal(fw->name, "pinctrl@1000");
	d = irq_domain_create_linear(fw, 4, &tu_counting_ops, NULL);
	assert_non_null(d);
	assert_string_equal(d->name, "pinctrl@1000");
	assert_false(d->flags & IRQ_DOMAIN_NAME_ALLOCATED);
	assert_ptr_equal(irq_find_matching_fwnode(fw, DOMAIN_BUS_ANY), d);

	/* No fwnode: a generated, unique name. */
	anon = irq_domain_create_tree(NULL, &tu_counting_ops, NULL);
	assert_non_null(anon);
	assert_true(strncmp(anon->name, "unknown-", 8) == 0);
	assert_true(anon->flags & IRQ_DOMAIN_NAME_ALLOCATED);
	assert_null(anon->fwnode);
	assert_int_equal(irq_domain_remove(anon), 0);

	assert_int_equal(irq_domain_remove(d), 0);
	irq_domain_free_fwnode(fw);
	irq_domain_free_fwnode(NULL);
}

static void free_fwnode_refuses_foreign_handles(void **state)
{
	struct fwnode_handle own;

	(void)state;
	fwnode_init(&own, FWNODE_KIND_USER, "mine", &own);
	tu_log_capture_start();
	irq_domain_free_fwnode(&own);
	tu_assert_one_message("mine was not allocated by irq_domain_alloc_named_fwnode()");
	assert_int_equal(own.kind, FWNODE_KIND_USER);
	assert_string_equal(own.name, "mine");
	assert_ptr_equal(own.data, &own);

	tu_log_capture_start();
	errno = 0;
	assert_null(irq_domain_alloc_named_fwnode(NULL));
	assert_int_equal(errno, EINVAL);
	tu_assert_one_message("NULL name");
}

static int count_domain(struct irq_domain *d, void *arg)
{
	struct irq_domain **seen = arg;

	while (*seen)
		seen++;
	*seen = d;
	return 0;
}

static int stop_at_second(struct irq_domain *d, void *arg)
{
	unsigned int *n = arg;

	(void)d;
	return ++*n == 2 ? 42 : 0;
}

static void for_each_domain_in_creation_order(void **state)
{
	struct irq_domain *a, *b, *c;
	struct irq_domain *seen[8] = { 0 };
	unsigned int n = 0;

	(void)state;
	a = irq_domain_create_linear(NULL, 4, &tu_counting_ops, NULL);
	b = irq_domain_create_tree(NULL, &tu_counting_ops, NULL);
	c = irq_domain_create_linear(NULL, 2, &tu_counting_ops, NULL);
	assert_int_equal(irq_domain_for_each(count_domain, seen), 0);
	assert_ptr_equal(seen[0], a);
	assert_ptr_equal(seen[1], b);
	assert_ptr_equal(seen[2], c);
	assert_null(seen[3]);
	assert_int_equal(irq_domain_for_each(stop_at_second, &n), 42);
	assert_int_equal(n, 2);
	assert_int_equal(irq_domain_remove(b), 0);
	memset(seen, 0, sizeof(seen));
	assert_int_equal(irq_domain_for_each(count_domain, seen), 0);
	assert_ptr_equal(seen[0], a);
	assert_ptr_equal(seen[1], c);
	assert_null(seen[2]);
	assert_int_equal(irq_domain_remove(a), 0);
	assert_int_equal(irq_domain_remove(c), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(find_by_fwnode,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(find_by_bus_token,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(match_callback_decides,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(select_callback_routes_by_specifier,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(remove_busy_changes_nothing,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(remove_unknown_domain_is_einval,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(named_fwnode_names_the_domain,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(free_fwnode_refuses_foreign_handles,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(for_each_domain_in_creation_order,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
