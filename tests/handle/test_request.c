// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_request.c - request_irq()/free_irq(): bad input, sharing rules,
 * handler order, the chip calls of each flow, and the order free_irq()
 * then irq_dispose_mapping().
 */
#include <errno.h>
#include <string.h>

#include "hutil.h"

static irqreturn_t thread_only(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	return IRQ_HANDLED;
}

/* Each bad request fails with -EINVAL and one message; nothing changes. */
static void bad_requests_change_nothing(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq } };
	struct hu_dev dev = { .name = "dev", .ret = IRQ_HANDLED };
	struct irq_domain *d;
	struct tu_state s;
	unsigned int virq;
	int bare;

	(void)state;
	d = hu_domain(&ctl);
	virq = hu_map(d, 0);
	bare = irq_alloc_descs(-1, 1, 1, 0);
	assert_true(bare > 0);
	tu_state_save(&s);

	tu_log_capture_start();
	assert_int_equal(request_irq(0, hu_handler, 0, "dev", &dev), -EINVAL);
	tu_assert_one_message("virq 0");

	tu_log_capture_start();
	assert_int_equal(request_irq(virq + 1000, hu_handler, 0, "dev", &dev),
			 -EINVAL);
	tu_assert_one_message("not mapped");

	tu_log_capture_start();
	assert_int_equal(request_irq((unsigned int)bare, hu_handler, 0, "dev",
				     &dev), -EINVAL);
	tu_assert_one_message("not mapped");

	tu_log_capture_start();
	assert_int_equal(request_irq(virq, NULL, 0, "dev", &dev), -EINVAL);
	tu_assert_one_message("request_irq");

	tu_log_capture_start();
	assert_int_equal(request_threaded_irq(virq, NULL, NULL, 0, "dev", &dev),
			 -EINVAL);
	tu_assert_one_message("neither a handler nor a thread");

	tu_log_capture_start();
	assert_int_equal(request_irq(virq, hu_handler, IRQF_SHARED, "dev",
				     NULL), -EINVAL);
	tu_assert_one_message("IRQF_SHARED needs a dev_id");

	tu_log_capture_start();
	assert_int_equal(request_threaded_irq(virq, NULL, thread_only, 0, "dev",
					      &dev), -EINVAL);
	tu_assert_one_message("IRQF_ONESHOT");

	tu_log_capture_stop();
	assert_int_equal(hu_stats(virq).nr_actions, 0);
	tu_state_assert_unchanged(&s);
	assert_int_equal(generic_handle_irq(virq), 0);
	assert_int_equal(atomic_load(&dev.calls), 0);

	assert_int_equal(irq_free_descs((unsigned int)bare, 1), 0);
	assert_int_equal(irq_dispose_mapping(virq), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void expect_busy(unsigned int virq, unsigned long flags,
			struct hu_dev *dev, const char *why)
{
	tu_log_capture_start();
	assert_int_equal(request_irq(virq, hu_handler, flags, dev->name, dev),
			 -EBUSY);
	tu_assert_one_message(why);
	tu_log_capture_stop();
}

static void sharing_needs_agreement(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq,
					[1] = handle_level_irq } };
	struct hu_dev a = { .name = "a", .tag = 'a', .ret = IRQ_HANDLED };
	struct hu_dev b = { .name = "b", .tag = 'b', .ret = IRQ_HANDLED };
	struct hu_dev c = { .name = "c", .tag = 'c', .ret = IRQ_HANDLED };
	struct irq_domain *d;
	unsigned int v0, v1;
	struct tu_state s;

	(void)state;
	d = hu_domain(&ctl);
	v0 = hu_map(d, 0);
	v1 = hu_map(d, 1);
	assert_int_equal(request_irq(v0, hu_handler,
				     IRQF_SHARED | IRQF_TRIGGER_HIGH, "a", &a),
			 0);
	assert_int_equal(irq_get_trigger_type(v0), IRQ_TYPE_LEVEL_HIGH);
	tu_state_save(&s);

	expect_busy(v0, IRQF_TRIGGER_HIGH, &b, "IRQF_SHARED");
	expect_busy(v0, IRQF_SHARED | IRQF_TRIGGER_RISING, &b,
		    "trigger types differ");
	expect_busy(v0, IRQF_SHARED | IRQF_TRIGGER_LOW, &b,
		    "trigger types differ");
	expect_busy(v0, IRQF_SHARED | IRQF_ONESHOT, &b, "IRQF_ONESHOT");

	/* IRQF_PROBE_SHARED: the same refusal, at debug level. */
	tu_log_capture_start();
	assert_int_equal(request_irq(v0, hu_handler,
				     IRQF_PROBE_SHARED | IRQF_TRIGGER_HIGH,
				     "b", &b), -EBUSY);
	assert_int_equal(tu_log_level_of("cannot share"), IRQMAP_LOG_DEBUG);
	tu_log_capture_stop();

	tu_state_assert_unchanged(&s);
	assert_int_equal(hu_stats(v0).nr_actions, 1);
	hu_order_reset();
	assert_int_equal(generic_handle_irq(v0), 0);
	assert_string_equal(hu_order(), "a");

	/* No trigger flag: the request takes the line's type. */
	assert_int_equal(request_irq(v0, hu_handler, IRQF_SHARED, "b", &b), 0);
	assert_int_equal(request_irq(v0, hu_handler,
				     IRQF_SHARED | IRQF_TRIGGER_HIGH, "c", &c),
			 0);
	assert_int_equal(hu_stats(v0).nr_actions, 3);

	/* A line requested without IRQF_SHARED refuses a shared user too. */
	assert_int_equal(request_irq(v1, hu_handler, 0, "a", &a), 0);
	expect_busy(v1, IRQF_SHARED, &b, "IRQF_SHARED");

	assert_string_equal(free_irq(v0, &a), "a");
	assert_string_equal(free_irq(v0, &b), "b");
	assert_string_equal(free_irq(v0, &c), "c");
	assert_string_equal(free_irq(v1, &a), "a");
	assert_int_equal(irq_dispose_mapping(v0), 0);
	assert_int_equal(irq_dispose_mapping(v1), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void handlers_run_in_registration_order(void **state)
{
	struct hu_ctl ctl = { .flow = { [2] = handle_fasteoi_irq } };
	struct hu_dev a = { .name = "a", .tag = 'a', .ret = IRQ_NONE };
	struct hu_dev b = { .name = "b", .tag = 'b', .ret = IRQ_HANDLED };
	struct hu_dev c = { .name = "c", .tag = 'c', .ret = IRQ_NONE };
	struct hu_dev e = { .name = "e", .tag = 'e', .ret = IRQ_NONE };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 2);
	assert_int_equal(request_irq(v, hu_handler, IRQF_SHARED, "a", &a), 0);
	assert_int_equal(request_irq(v, hu_handler, IRQF_SHARED, "b", &b), 0);
	assert_int_equal(request_irq(v, hu_handler, IRQF_SHARED, "c", &c), 0);
	hu_order_reset();
	assert_int_equal(generic_handle_irq(v), 0);
	assert_int_equal(generic_handle_domain_irq(d, 2), 0);
	assert_string_equal(hu_order(), "abcabc");
	assert_int_equal(atomic_load(&a.last_irq), (int)v);

	/* Every handler runs even after one handled it. */
	assert_int_equal(hu_stats(v).handled, 2);

	assert_string_equal(free_irq(v, &b), "b");
	assert_int_equal(request_irq(v, hu_handler, IRQF_SHARED, "e", &e), 0);
	hu_order_reset();
	assert_int_equal(generic_handle_irq(v), 0);
	assert_string_equal(hu_order(), "ace");
	/* Nobody handled this one. */
	assert_int_equal(hu_stats(v).unhandled, 1);
	hu_assert_balanced(v, 3);

	free_irq(v, &a);
	free_irq(v, &c);
	free_irq(v, &e);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

/* Fire once on hwirq @hw, which has one handler, and return the chip log. */
static const char *fire_and_record(struct irq_domain *d, irq_hw_number_t hw)
{
	hu_rec_reset();
	assert_int_equal(generic_handle_domain_irq(d, hw), 0);
	return hu_rec(hw);
}

static void flow_talks_to_chip_by_type(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq,
					[1] = handle_edge_irq,
					[2] = handle_fasteoi_irq,
					[3] = handle_simple_irq } };
	struct hu_dev dev[6] = {
		{ .name = "level", .ret = IRQ_HANDLED },
		{ .name = "edge", .ret = IRQ_HANDLED },
		{ .name = "fasteoi", .ret = IRQ_HANDLED },
		{ .name = "simple", .ret = IRQ_HANDLED },
		{ .name = "dflt-edge", .ret = IRQ_HANDLED },
		{ .name = "dflt-level", .ret = IRQ_HANDLED },
	};
	unsigned long types[6] = { IRQF_TRIGGER_HIGH, IRQF_TRIGGER_RISING,
				   IRQF_TRIGGER_HIGH, 0, IRQF_TRIGGER_FALLING,
				   IRQF_TRIGGER_LOW };
	unsigned int v[6];
	struct irq_domain *d;

	(void)state;
	d = hu_domain(&ctl);
	hu_rec_reset();
	for (unsigned int i = 0; i < 6; i++) {
		v[i] = hu_map(d, i);
		assert_int_equal(request_irq(v[i], hu_handler, types[i],
					     dev[i].name, &dev[i]), 0);
	}
	/* Start-up set the type, then unmasked the line. */
	assert_string_equal(hu_rec(0), "TU");
	assert_string_equal(hu_rec(3), "U");

	/* level: mask and ack, handlers, unmask */
	assert_string_equal(fire_and_record(d, 0), "MAU");
	/* edge: ack */
	assert_string_equal(fire_and_record(d, 1), "A");
	/* fasteoi: eoi */
	assert_string_equal(fire_and_record(d, 2), "E");
	/* simple: nothing */
	assert_string_equal(fire_and_record(d, 3), "");
	/* No flow handler set: the trigger type chooses. */
	assert_string_equal(fire_and_record(d, 4), "A");
	assert_string_equal(fire_and_record(d, 5), "MAU");

	for (unsigned int i = 0; i < 6; i++) {
		assert_int_equal(atomic_load(&dev[i].calls), 1);
		assert_int_equal(kstat_irqs(v[i]), 1);
		hu_assert_balanced(v[i], 1);
		assert_string_equal(free_irq(v[i], &dev[i]), dev[i].name);
		assert_int_equal(irq_dispose_mapping(v[i]), 0);
	}
	assert_int_equal(irq_domain_remove(d), 0);
}

static void free_irq_removes_exactly_one(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq } };
	struct hu_dev a = { .name = "a", .tag = 'a', .ret = IRQ_HANDLED };
	struct hu_dev b = { .name = "b", .tag = 'b', .ret = IRQ_HANDLED };
	struct hu_dev stranger = { .name = "x" };
	struct irq_domain *d;
	struct tu_state s;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_irq(v, hu_handler, IRQF_SHARED, "a", &a), 0);
	assert_int_equal(request_irq(v, hu_handler, IRQF_SHARED, "b", &b), 0);

	/* An unknown dev_id: NULL, one message, nothing changed. */
	tu_state_save(&s);
	tu_log_capture_start();
	assert_null(free_irq(v, &stranger));
	tu_assert_one_message("no handler with dev_id");
	tu_log_capture_start();
	assert_null(free_irq(v + 1000, &a));
	tu_assert_one_message("no handler with dev_id");
	tu_log_capture_stop();
	tu_state_assert_unchanged(&s);

	assert_string_equal(free_irq(v, &a), "a");
	atomic_store(&a.freed, true);
	hu_order_reset();
	for (int i = 0; i < 10; i++)
		assert_int_equal(generic_handle_irq(v), 0);
	assert_string_equal(hu_order(), "bbbbbbbbbb");
	assert_int_equal(atomic_load(&a.calls_after_free), 0);
	assert_false(irqd_irq_disabled(irq_get_irq_data(v)));

	/* Freeing twice: the second finds nothing. */
	tu_log_capture_start();
	assert_null(free_irq(v, &a));
	tu_assert_one_message("no handler with dev_id");
	tu_log_capture_stop();

	/* The last one shuts the line down. */
	assert_string_equal(free_irq(v, &b), "b");
	assert_true(irqd_irq_disabled(irq_get_irq_data(v)));
	assert_true(irqd_irq_masked(irq_get_irq_data(v)));
	assert_int_equal(hu_stats(v).depth, 1);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void dispose_waits_for_free_irq(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq } };
	struct hu_dev a = { .name = "a", .ret = IRQ_HANDLED };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(hu_map(d, 0), v);
	assert_int_equal(request_irq(v, hu_handler, 0, "a", &a), 0);

	/* Not the last reference: dropped as usual. */
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_mapping_refcount(v), 1);

	/* The last one while a handler is installed: refused, kept. */
	tu_log_capture_start();
	assert_int_equal(irq_dispose_mapping(v), -EBUSY);
	tu_assert_one_message("free_irq");
	tu_log_capture_stop();
	assert_int_equal(irq_find_mapping(d, 0), v);
	assert_int_equal(irq_mapping_refcount(v), 1);
	assert_int_equal(generic_handle_domain_irq(d, 0), 0);
	assert_int_equal(atomic_load(&a.calls), 1);

	/* free_irq, then irq_dispose_mapping. */
	assert_string_equal(free_irq(v, &a), "a");
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_find_mapping(d, 0), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

/* Library exit frees handlers and stops threads left behind. */
static void exit_frees_leftover_handlers(void **state)
{
	static struct hu_ctl ctl = { .flow = { [0] = handle_fasteoi_irq } };
	static struct hu_dev a = { .name = "a", .ret = IRQ_WAKE_THREAD };
	static struct hu_dev b = { .name = "b", .ret = IRQ_HANDLED };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_threaded_irq(v, hu_handler, hu_thread_fn,
					      IRQF_SHARED | IRQF_ONESHOT, "a",
					      &a), 0);
	assert_int_equal(request_threaded_irq(v, hu_handler, hu_thread_fn,
					      IRQF_SHARED | IRQF_ONESHOT, "b",
					      &b), 0);
	assert_int_equal(generic_handle_irq(v), 0);
	tu_log_capture_start();
	assert_int_equal(irqmap_exit(), -EBUSY);
	assert_true(tu_log_contains("free_irq() was not called"));
	tu_log_capture_stop();
	assert_int_equal(irqmap_init(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(bad_requests_change_nothing,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(sharing_needs_agreement,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(handlers_run_in_registration_order,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(flow_talks_to_chip_by_type,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(free_irq_removes_exactly_one,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(dispose_waits_for_free_irq,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(exit_frees_leftover_handlers,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
