// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_disable.c - disable depth as the kernel counts it (the cases of its
 * kernel/irq/irq_test.c and more), unbalanced enables, and the calls that
 * would wait for themselves from a handler.
 */
#include <errno.h>

#include "hutil.h"

static unsigned int depth(unsigned int v)
{
	return hu_stats(v).depth;
}

static bool disabled(unsigned int v)
{
	return irqd_irq_disabled(irq_get_irq_data(v));
}

static void disable_depth(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq } };
	struct hu_dev dev = { .name = "d", .ret = IRQ_HANDLED };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	/* A line nobody requested is disabled and masked, depth 1. */
	assert_true(disabled(v));
	assert_true(irqd_irq_masked(irq_get_irq_data(v)));
	assert_int_equal(depth(v), 1);

	assert_int_equal(request_irq(v, hu_handler, 0, "d", &dev), 0);
	assert_int_equal(depth(v), 0);
	assert_false(disabled(v));
	assert_false(irqd_irq_masked(irq_get_irq_data(v)));

	disable_irq(v);
	assert_int_equal(depth(v), 1);
	assert_true(disabled(v));
	enable_irq(v);
	assert_int_equal(depth(v), 0);
	assert_false(disabled(v));

	free_irq(v, &dev);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void free_disabled(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq } };
	struct hu_dev dev = { .name = "d", .ret = IRQ_HANDLED };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_irq(v, hu_handler, 0, "d", &dev), 0);
	disable_irq(v);
	assert_int_equal(depth(v), 1);
	free_irq(v, &dev);
	assert_int_equal(depth(v), 1);

	/* A new request starts the line afresh. */
	assert_int_equal(request_irq(v, hu_handler, 0, "d", &dev), 0);
	assert_int_equal(depth(v), 0);
	assert_false(disabled(v));
	assert_int_equal(generic_handle_irq(v), 0);
	assert_int_equal(atomic_load(&dev.calls), 1);

	/* So the disable before the free has nothing left to balance. */
	tu_log_capture_start();
	enable_irq(v);
	tu_assert_one_message("unbalanced enable");
	tu_log_capture_stop();
	assert_int_equal(depth(v), 0);

	free_irq(v, &dev);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void nested_disables(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq } };
	struct hu_dev dev = { .name = "d", .ret = IRQ_HANDLED };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_irq(v, hu_handler, IRQF_TRIGGER_HIGH, "d",
				     &dev), 0);
	disable_irq(v);
	disable_irq_nosync(v);
	disable_irq(v);
	assert_int_equal(depth(v), 3);
	enable_irq(v);
	enable_irq(v);
	assert_int_equal(depth(v), 1);
	assert_true(disabled(v));
	assert_int_equal(generic_handle_irq(v), 0);
	assert_int_equal(atomic_load(&dev.calls), 0);
	enable_irq(v);
	assert_false(disabled(v));
	/* A level line asserts again by itself: nothing is resent. */
	assert_int_equal(atomic_load(&dev.calls), 0);
	assert_int_equal(generic_handle_irq(v), 0);
	assert_int_equal(atomic_load(&dev.calls), 1);

	tu_log_capture_start();
	enable_irq(v);
	tu_assert_one_message("unbalanced enable");
	tu_log_capture_stop();
	assert_int_equal(depth(v), 0);
	assert_int_equal(generic_handle_irq(v), 0);
	assert_int_equal(atomic_load(&dev.calls), 2);

	free_irq(v, &dev);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void bad_virqs_are_reported(void **state)
{
	(void)state;
	tu_log_capture_start();
	enable_irq(12345);
	tu_assert_one_message("not allocated");
	tu_log_capture_start();
	disable_irq(12345);
	tu_assert_one_message("not allocated");
	tu_log_capture_start();
	disable_irq_nosync(0);
	tu_assert_one_message("not allocated");
	tu_log_capture_start();
	synchronize_irq(12345);
	tu_assert_one_message("not allocated");
	tu_log_capture_stop();
}

/* Calls a handler may make on its own line. */
struct selfish {
	struct hu_dev dev;
	unsigned int virq;
	int what;
};

static irqreturn_t selfish_handler(int irq, void *dev_id)
{
	struct selfish *s = dev_id;

	hu_handler(irq, &s->dev);
	switch (s->what) {
	case 1:
		disable_irq_nosync(s->virq);
		break;
	case 2:
		disable_irq(s->virq);
		break;
	case 3:
		synchronize_irq(s->virq);
		break;
	case 4:
		assert_null(free_irq(s->virq, s));
		break;
	case 5:
		disable_irq_nosync(s->virq);
		enable_irq(s->virq);
		break;
	}
	return IRQ_HANDLED;
}

static void calls_from_own_handler(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq } };
	struct selfish s = { .dev = { .name = "s" } };
	struct irq_domain *d;

	(void)state;
	d = hu_domain(&ctl);
	s.virq = hu_map(d, 0);
	assert_int_equal(request_irq(s.virq, selfish_handler, 0, "s", &s), 0);

	/* disable_irq_nosync from the handler: fine, silent. */
	s.what = 1;
	tu_log_capture_start();
	assert_int_equal(generic_handle_irq(s.virq), 0);
	assert_int_equal(tu_log_count(), 0);
	assert_int_equal(depth(s.virq), 1);
	/* Still masked: disabled lines stay masked after the handler. */
	assert_true(irqd_irq_masked(irq_get_irq_data(s.virq)));
	enable_irq(s.virq);
	assert_int_equal(depth(s.virq), 0);
	/* Disable and enable again from the handler: balanced, silent. */
	s.what = 5;
	assert_int_equal(generic_handle_irq(s.virq), 0);
	assert_int_equal(tu_log_count(), 0);
	assert_int_equal(depth(s.virq), 0);
	assert_false(irqd_irq_masked(irq_get_irq_data(s.virq)));

	/* disable_irq would wait for itself: it disables and says so. */
	s.what = 2;
	tu_log_capture_start();
	assert_int_equal(generic_handle_irq(s.virq), 0);
	tu_assert_one_message("own handlers");
	assert_int_equal(depth(s.virq), 1);
	s.what = 0;
	enable_irq(s.virq);

	s.what = 3;
	tu_log_capture_start();
	assert_int_equal(generic_handle_irq(s.virq), 0);
	tu_assert_one_message("own handlers");

	s.what = 4;
	tu_log_capture_start();
	assert_int_equal(generic_handle_irq(s.virq), 0);
	tu_assert_one_message("from a handler");
	tu_log_capture_stop();
	assert_int_equal(hu_stats(s.virq).nr_actions, 1);

	/* synchronize_irq() with nothing running returns at once. */
	synchronize_irq(s.virq);
	free_irq(s.virq, &s);
	assert_int_equal(irq_dispose_mapping(s.virq), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

/* disable_irq() is lazy; a chip with ->irq_disable hears of it at once. */
static unsigned int chip_disables;

static void count_disable(struct irq_data *d)
{
	(void)d;
	chip_disables++;
}

static void lazy_and_eager_disable(void **state)
{
	struct irq_chip eager = hu_chip;
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq,
					[1] = handle_level_irq } };
	struct hu_dev dev = { .name = "d", .ret = IRQ_HANDLED };
	struct irq_domain *d;
	unsigned int lazy_v, eager_v;

	(void)state;
	eager.irq_disable = count_disable;
	d = hu_domain(&ctl);
	lazy_v = hu_map(d, 0);
	eager_v = hu_map(d, 1);
	assert_int_equal(irq_set_chip(eager_v, &eager), 0);
	assert_int_equal(request_irq(lazy_v, hu_handler, 0, "d", &dev), 0);
	assert_int_equal(request_irq(eager_v, hu_handler, 0, "d", &dev), 0);

	hu_rec_reset();
	disable_irq(lazy_v);
	assert_string_equal(hu_rec(0), "");
	assert_false(irqd_irq_masked(irq_get_irq_data(lazy_v)));
	disable_irq(eager_v);
	assert_int_equal(chip_disables, 1);
	assert_true(irqd_irq_masked(irq_get_irq_data(eager_v)));
	enable_irq(lazy_v);
	enable_irq(eager_v);
	assert_false(irqd_irq_masked(irq_get_irq_data(eager_v)));

	free_irq(lazy_v, &dev);
	free_irq(eager_v, &dev);
	assert_int_equal(irq_dispose_mapping(lazy_v), 0);
	assert_int_equal(irq_dispose_mapping(eager_v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(disable_depth, tu_setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(free_disabled, tu_setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(nested_disables, tu_setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(bad_virqs_are_reported,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(calls_from_own_handler,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(lazy_and_eager_disable,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
