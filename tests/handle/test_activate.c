// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_activate.c - request_irq() activates a line through its hierarchy
 * (parents first) before starting it up, the last free_irq() shuts it
 * down and deactivates it (children first); a failing ->activate fails
 * the request and leaves nothing behind; irq_domain_set_info() installs
 * the flow handler it is given.
 */
#include <errno.h>
#include <string.h>

#include "hutil.h"

#define LEVELS 3

/* One level of the three-level hierarchy: what its callbacks saw. */
struct level {
	char tag;			/* 'o'uter, 'm'iddle, 'r'oot */
	unsigned int activated;
	unsigned int deactivated;
	int activate_ret;		/* what ->activate returns */
	struct irq_domain *d;
};

static struct level levels[LEVELS];
static char order[64];			/* e.g. "ArAmAo" then "DoDmDr" */
static atomic_uint custom_runs;

static void note(char what, char tag)
{
	size_t n = strlen(order);

	if (n + 2 < sizeof(order)) {
		order[n] = what;
		order[n + 1] = tag;
		order[n + 2] = '\0';
	}
}

static void custom_flow(struct irq_desc *desc)
{
	(void)desc;
	atomic_fetch_add(&custom_runs, 1);
}

static int lv_alloc(struct irq_domain *d, unsigned int virq,
		    unsigned int nr, void *arg)
{
	struct level *l = d->host_data;
	struct irq_fwspec *fw = arg;
	int ret = 0;

	if (d->parent)
		ret = irq_domain_alloc_irqs_parent(d, virq, nr, arg);
	if (ret)
		return ret;
	/* The outermost level installs the test's own flow handler. */
	irq_domain_set_info(d, virq, fw->param[0], &hu_chip_fast, l,
			    l->tag == 'o' ? custom_flow : NULL, NULL,
			    l->tag == 'o' ? "custom" : NULL);
	return 0;
}

static int lv_activate(struct irq_domain *d, struct irq_data *data,
		       bool reserve)
{
	struct level *l = d->host_data;

	(void)data;
	(void)reserve;
	note('A', l->tag);
	if (l->activate_ret)
		return l->activate_ret;
	l->activated++;
	return 0;
}

static void lv_deactivate(struct irq_domain *d, struct irq_data *data)
{
	struct level *l = d->host_data;

	(void)data;
	note('D', l->tag);
	l->deactivated++;
}

static const struct irq_domain_ops lv_ops = {
	.alloc = lv_alloc,
	.free = irq_domain_free_irqs_top,
	.activate = lv_activate,
	.deactivate = lv_deactivate,
};

/* root <- middle <- outer; returns a virq mapped through all three. */
static unsigned int three_levels(void)
{
	static const char tags[LEVELS] = { 'r', 'm', 'o' };
	struct irq_domain *parent = NULL;
	struct irq_fwspec fw = { .param_count = 1, .param = { 5 } };
	unsigned int virq;

	memset(levels, 0, sizeof(levels));
	order[0] = '\0';
	atomic_store(&custom_runs, 0);
	for (unsigned int i = 0; i < LEVELS; i++) {
		levels[i].tag = tags[i];
		levels[i].d = parent ?
			irq_domain_create_hierarchy(parent, 0, 16, NULL,
						    &lv_ops, &levels[i]) :
			irq_domain_create_linear(NULL, 16, &lv_ops,
						 &levels[i]);
		assert_non_null(levels[i].d);
		parent = levels[i].d;
	}
	fw.fwnode = NULL;
	virq = (unsigned int)irq_domain_alloc_irqs(levels[2].d, 1, 0, &fw);
	assert_true((int)virq > 0);
	return virq;
}

static void remove_levels(unsigned int virq)
{
	assert_int_equal(irq_dispose_mapping(virq), 0);
	for (int i = LEVELS - 1; i >= 0; i--)
		assert_int_equal(irq_domain_remove(levels[i].d), 0);
}

static irqreturn_t handled(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	return IRQ_HANDLED;
}

static void test_request_activates_every_level_parents_first(void **state)
{
	unsigned int virq = three_levels();
	struct irq_data *d = irq_get_irq_data(virq);
	int dev;

	(void)state;
	assert_false(irqd_is_activated(d));
	assert_false(irqd_is_started(d));
	assert_int_equal(request_irq(virq, handled, 0, "dev", &dev), 0);
	assert_string_equal(order, "ArAmAo");
	for (unsigned int i = 0; i < LEVELS; i++) {
		assert_int_equal(levels[i].activated, 1);
		assert_int_equal(levels[i].deactivated, 0);
	}
	assert_true(irqd_is_activated(d));
	assert_true(irqd_is_started(d));
	free_irq(virq, &dev);
	remove_levels(virq);
}

static void test_last_free_irq_shuts_down_then_deactivates_children_first(
	void **state)
{
	unsigned int virq = three_levels();
	struct irq_data *d = irq_get_irq_data(virq);
	int a, b;

	(void)state;
	assert_int_equal(request_irq(virq, handled, IRQF_SHARED, "a", &a), 0);
	assert_int_equal(request_irq(virq, handled, IRQF_SHARED, "b", &b), 0);
	/* A shared request finds the line active: no second activation. */
	assert_string_equal(order, "ArAmAo");
	order[0] = '\0';
	assert_non_null(free_irq(virq, &a));
	assert_string_equal(order, "");
	assert_true(irqd_is_activated(d));
	assert_true(irqd_is_started(d));
	assert_non_null(free_irq(virq, &b));
	assert_string_equal(order, "DoDmDr");
	for (unsigned int i = 0; i < LEVELS; i++) {
		assert_int_equal(levels[i].activated, 1);
		assert_int_equal(levels[i].deactivated, 1);
	}
	assert_false(irqd_is_activated(d));
	assert_false(irqd_is_started(d));
	remove_levels(virq);
}

static void test_activate_failure_fails_request_and_leaves_nothing(
	void **state)
{
	unsigned int virq = three_levels();
	struct irq_data *d = irq_get_irq_data(virq);
	struct tu_state s;
	int dev;

	(void)state;
	tu_state_save(&s);
	levels[1].activate_ret = -ENOSPC;	/* the middle level refuses */
	tu_log_capture_start();
	assert_int_equal(request_irq(virq, handled, 0, "dev", &dev), -ENOSPC);
	tu_assert_one_message("activation failed");
	/* The root, activated first, was deactivated again. */
	assert_string_equal(order, "ArAmDr");
	assert_false(irqd_is_activated(d));
	assert_false(irqd_is_started(d));
	assert_true(irqd_irq_disabled(d));
	assert_null(free_irq(virq, &dev));	/* nothing was requested */
	tu_log_capture_stop();
	tu_state_assert_unchanged(&s);
	assert_int_equal(irqmap_check(stderr), 0);

	/* A later request may succeed. */
	levels[1].activate_ret = 0;
	order[0] = '\0';
	assert_int_equal(request_irq(virq, handled, 0, "dev", &dev), 0);
	assert_string_equal(order, "ArAmAo");
	assert_true(irqd_is_activated(d));
	free_irq(virq, &dev);
	remove_levels(virq);
}

static void test_set_info_flow_handler_runs_on_delivery(void **state)
{
	unsigned int virq = three_levels();

	(void)state;
	assert_int_equal(generic_handle_irq(virq), 0);
	assert_int_equal(generic_handle_irq(virq), 0);
	assert_int_equal(atomic_load(&custom_runs), 2);
	remove_levels(virq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_request_activates_every_level_parents_first,
			tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(
			test_last_free_irq_shuts_down_then_deactivates_children_first,
			tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(
			test_activate_failure_fails_request_and_leaves_nothing,
			tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(
			test_set_info_flow_handler_runs_on_delivery,
			tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
