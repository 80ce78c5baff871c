// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_spurious.c - interrupts nobody handles: the "nobody cared" detector
 * and its 99,900-of-100,000 threshold, interrupts on unmapped lines counted
 * per domain, and how both show in the introspection output.
 */
#include <errno.h>
#include <string.h>

#include "hutil.h"

#define WINDOW 100000

/* Fire @handled interrupts that dev_h handles, then @unhandled that nobody
 * does, on a line shared by dev_h and dev_n. */
static void fire_mix(unsigned int v, struct hu_dev *dev_h, int handled,
		     int unhandled)
{
	dev_h->ret = IRQ_HANDLED;
	for (int i = 0; i < handled; i++)
		assert_int_equal(generic_handle_irq(v), 0);
	dev_h->ret = IRQ_NONE;
	for (int i = 0; i < unhandled; i++)
		assert_int_equal(generic_handle_irq(v), 0);
}

static void nobody_cared_disables_line(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq } };
	struct hu_dev a = { .name = "dev-a", .ret = IRQ_NONE };
	struct hu_dev b = { .name = "dev-b", .ret = IRQ_NONE };
	struct irqmap_irq_stats st;
	struct irq_domain *d;
	char *text, *row;
	unsigned int v;
	char needle[32];

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_irq(v, hu_handler,
				     IRQF_SHARED | IRQF_TRIGGER_HIGH, "dev-a",
				     &a), 0);
	assert_int_equal(request_irq(v, hu_handler,
				     IRQF_SHARED | IRQF_TRIGGER_HIGH, "dev-b",
				     &b), 0);
	tu_log_capture_start();
	for (int i = 0; i < WINDOW - 1; i++)
		assert_int_equal(generic_handle_irq(v), 0);
	assert_int_equal(tu_log_count(), 0);
	assert_false(irqd_irq_disabled(irq_get_irq_data(v)));
	assert_int_equal(generic_handle_irq(v), 0);

	/* The report names the line and every handler, one line each. */
	assert_true(tu_log_contains("nobody cared"));
	assert_true(tu_log_contains("handler \"dev-a\""));
	assert_true(tu_log_contains("handler \"dev-b\""));
	assert_true(tu_log_contains("disabling"));
	assert_int_equal(tu_log_level_of("nobody cared"), IRQMAP_LOG_ERR);
	tu_log_capture_stop();

	st = hu_stats(v);
	assert_true(st.spurious_disabled);
	assert_true(st.disabled);
	assert_int_equal(st.depth, 1);
	assert_int_equal(st.unhandled, WINDOW);

	/* Disabled: further interrupts reach nobody. */
	assert_int_equal(generic_handle_irq(v), 0);
	assert_int_equal(atomic_load(&a.calls), WINDOW);
	hu_assert_balanced(v, WINDOW + 1);

	text = tu_show_interrupts();
	assert_non_null(text);
	assert_non_null(strstr(text, "UNHANDLED"));
	snprintf(needle, sizeof(needle), "\n%6u:", v);
	row = strstr(text, needle);
	assert_non_null(row);
	row = strndup(row + 1, strcspn(row + 1, "\n"));
	assert_non_null(strstr(row, "100000"));
	assert_non_null(strstr(row, "dev-a, dev-b"));
	assert_non_null(strstr(row, "nobody cared"));
	free(row);
	free(text);

	/* enable_irq() gives the line another chance. */
	a.ret = IRQ_HANDLED;
	enable_irq(v);
	assert_false(hu_stats(v).spurious_disabled);
	assert_int_equal(generic_handle_irq(v), 0);
	assert_int_equal(atomic_load(&a.calls), WINDOW + 1);

	free_irq(v, &a);
	free_irq(v, &b);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void threshold_is_99900(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_fasteoi_irq } };
	struct hu_dev a = { .name = "a" };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_irq(v, hu_handler, 0, "a", &a), 0);

	/* 99,900 unhandled of 100,000: tolerated. */
	fire_mix(v, &a, 100, 99900);
	assert_false(hu_stats(v).spurious_disabled);
	assert_false(irqd_irq_disabled(irq_get_irq_data(v)));

	/* 99,901 of the next 100,000: disabled. */
	tu_log_capture_start();
	fire_mix(v, &a, 99, 99901);
	tu_log_capture_stop();
	assert_true(hu_stats(v).spurious_disabled);
	assert_true(irqd_irq_disabled(irq_get_irq_data(v)));
	hu_assert_balanced(v, 2 * WINDOW);

	free_irq(v, &a);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

/* A new shared handler re-enables a line the detector disabled. */
static void new_shared_handler_reenables(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq } };
	struct hu_dev a = { .name = "a", .ret = IRQ_NONE };
	struct hu_dev b = { .name = "b", .ret = IRQ_HANDLED };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_irq(v, hu_handler, IRQF_SHARED, "a", &a), 0);
	tu_log_capture_start();
	for (int i = 0; i < WINDOW; i++)
		generic_handle_irq(v);
	tu_log_capture_stop();
	assert_true(hu_stats(v).spurious_disabled);
	assert_int_equal(request_irq(v, hu_handler, IRQF_SHARED, "b", &b), 0);
	assert_false(hu_stats(v).spurious_disabled);
	assert_int_equal(hu_stats(v).depth, 0);
	assert_int_equal(generic_handle_irq(v), 0);
	assert_int_equal(atomic_load(&b.calls), 1);

	free_irq(v, &a);
	free_irq(v, &b);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static int show_spurious(FILE *f, void *arg)
{
	(void)arg;
	return irqmap_show_spurious(f);
}

static void unmapped_lines_count_per_domain(void **state)
{
	struct hu_ctl ctl = { 0 };
	struct irq_domain *d, *e;
	unsigned long before;
	char *text;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	e = hu_domain(&ctl);
	v = hu_map(d, 3);
	before = irqmap_domain_spurious(d);

	tu_log_capture_start();
	assert_int_equal(generic_handle_domain_irq(d, 4), -EINVAL);
	tu_assert_one_message("not mapped");
	assert_int_equal(irqmap_domain_spurious(d), before + 1);
	assert_int_equal(irqmap_domain_spurious(e), 0);

	/* Beyond the domain, or a line just disposed: the same. */
	tu_log_capture_start();
	assert_int_equal(generic_handle_domain_irq(d, 1000), -EINVAL);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(generic_handle_domain_irq(d, 3), -EINVAL);
	/* Messages are rate-limited: the 1st, 2nd, 4th, 8th... */
	for (int i = 0; i < 13; i++)
		assert_int_equal(generic_handle_domain_irq(d, 5), -EINVAL);
	assert_int_equal(irqmap_domain_spurious(d), before + 16);
	assert_int_equal(tu_log_count(), 4);

	assert_int_equal(generic_handle_domain_irq(NULL, 0), -EINVAL);
	assert_int_equal(generic_handle_irq(irq_get_nr_irqs() - 1), -EINVAL);
	assert_int_equal(generic_handle_irq(0), -EINVAL);
	tu_log_capture_stop();

	text = tu_capture_output(show_spurious, NULL, NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, "ERR: "));
	assert_non_null(strstr(text, d->name));
	assert_null(strstr(text, e->name));
	free(text);
	assert_int_equal(irqmap_show_spurious(NULL), -EINVAL);

	assert_int_equal(irq_domain_remove(d), 0);
	assert_int_equal(irq_domain_remove(e), 0);
	assert_int_equal(irqmap_domain_spurious(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(nobody_cared_disables_line,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(threshold_is_99900,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(new_shared_handler_reenables,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(unmapped_lines_count_per_domain,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
