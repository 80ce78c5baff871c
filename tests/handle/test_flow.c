// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_flow.c - what the flow handlers do with interrupts that cannot run
 * at once: edge replay, level drop, pending while disabled and resent on
 * enable; eoi rules; chained handlers; handle_bad_irq.
 *
 * An interrupt "arriving while the line is being handled on another CPU"
 * is produced deterministically by a handler that delivers its own line
 * again.
 */
#include <errno.h>
#include <string.h>

#include "hutil.h"

struct reentrant {
	struct hu_dev dev;
	unsigned int virq;
	int refire;		/* deliveries to make from inside the handler */
};

static irqreturn_t reentrant_handler(int irq, void *dev_id)
{
	struct reentrant *r = dev_id;

	hu_handler(irq, &r->dev);
	if (r->refire > 0) {
		r->refire--;
		assert_int_equal(generic_handle_irq(r->virq), 0);
	}
	return IRQ_HANDLED;
}

static void edge_replays_interrupt_arriving_while_running(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_edge_irq } };
	struct reentrant r = { .dev = { .name = "r" }, .refire = 2 };
	struct irq_domain *d;
	struct irqmap_irq_stats st;

	(void)state;
	d = hu_domain(&ctl);
	r.virq = hu_map(d, 0);
	assert_int_equal(request_irq(r.virq, reentrant_handler, 0, "r", &r), 0);
	hu_rec_reset();
	assert_int_equal(generic_handle_irq(r.virq), 0);
	/*
	 * Ack; the edge that comes in while running is kept pending and
	 * masks the line; the running thread reopens it and runs again;
	 * once more for the edge that came during the replay.
	 */
	assert_string_equal(hu_rec(0), "AMAUMAU");
	assert_int_equal(atomic_load(&r.dev.calls), 3);
	st = hu_stats(r.virq);
	assert_int_equal(st.count, 1);
	assert_int_equal(st.deferred, 2);
	assert_int_equal(st.replayed, 2);
	assert_int_equal(st.handled, 3);
	hu_assert_balanced(r.virq, 3);
	assert_false(irqd_irq_masked(irq_get_irq_data(r.virq)));

	free_irq(r.virq, &r);
	assert_int_equal(irq_dispose_mapping(r.virq), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void level_drops_interrupt_arriving_while_running(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq } };
	struct reentrant r = { .dev = { .name = "r" }, .refire = 1 };
	struct irq_domain *d;
	struct irqmap_irq_stats st;

	(void)state;
	d = hu_domain(&ctl);
	r.virq = hu_map(d, 0);
	assert_int_equal(request_irq(r.virq, reentrant_handler, 0, "r", &r), 0);
	hu_rec_reset();
	assert_int_equal(generic_handle_irq(r.virq), 0);
	/* Mask+ack; the second is acked and dropped; unmask at the end. */
	assert_string_equal(hu_rec(0), "MAAU");
	assert_int_equal(atomic_load(&r.dev.calls), 1);
	st = hu_stats(r.virq);
	assert_int_equal(st.count, 1);
	assert_int_equal(st.deferred, 1);
	assert_int_equal(st.replayed, 0);
	hu_assert_balanced(r.virq, 2);

	free_irq(r.virq, &r);
	assert_int_equal(irq_dispose_mapping(r.virq), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void disabled_edge_is_resent_on_enable(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_edge_irq } };
	struct hu_dev dev = { .name = "e", .ret = IRQ_HANDLED };
	struct irq_domain *d;
	struct irqmap_irq_stats st;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_irq(v, hu_handler, IRQF_TRIGGER_RISING, "e",
				     &dev), 0);
	disable_irq(v);
	hu_rec_reset();
	/* Lazy disable: the chip hears of it when an edge comes. */
	assert_false(irqd_irq_masked(irq_get_irq_data(v)));
	assert_int_equal(generic_handle_irq(v), 0);
	assert_int_equal(generic_handle_irq(v), 0);
	assert_string_equal(hu_rec(0), "MAA");
	assert_true(irqd_irq_masked(irq_get_irq_data(v)));
	assert_int_equal(atomic_load(&dev.calls), 0);

	/* Both edges were one pending interrupt: delivered once. */
	enable_irq(v);
	assert_int_equal(atomic_load(&dev.calls), 1);
	assert_string_equal(hu_rec(0), "MAAUA");
	st = hu_stats(v);
	assert_int_equal(st.resent, 1);
	assert_int_equal(st.deferred, 2);
	assert_int_equal(st.count, 1);
	hu_assert_balanced(v, 2);

	free_irq(v, &dev);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void disabled_level_is_not_resent(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq } };
	struct hu_dev dev = { .name = "l", .ret = IRQ_HANDLED };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_irq(v, hu_handler, IRQF_TRIGGER_HIGH, "l",
				     &dev), 0);
	disable_irq(v);
	assert_int_equal(generic_handle_irq(v), 0);
	assert_true(irqd_irq_masked(irq_get_irq_data(v)));
	enable_irq(v);
	/* A level line asserts again by itself: no resend. */
	assert_int_equal(atomic_load(&dev.calls), 0);
	assert_false(irqd_irq_masked(irq_get_irq_data(v)));
	assert_int_equal(hu_stats(v).resent, 0);
	assert_int_equal(generic_handle_irq(v), 0);
	assert_int_equal(atomic_load(&dev.calls), 1);
	hu_assert_balanced(v, 2);

	free_irq(v, &dev);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void fasteoi_eoi_rules(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_fasteoi_irq,
					[1] = handle_fasteoi_irq } };
	struct hu_ctl ctl2 = { .flow = { [0] = handle_fasteoi_irq },
			       .chip = &hu_chip_eoi_if_handled };
	struct hu_dev dev = { .name = "f", .ret = IRQ_HANDLED };
	struct hu_dev one = { .name = "o", .ret = IRQ_HANDLED };
	struct irq_domain *d, *d2;
	unsigned int v, v1, w;

	(void)state;
	d = hu_domain(&ctl);
	d2 = hu_domain(&ctl2);
	v = hu_map(d, 0);
	v1 = hu_map(d, 1);
	w = hu_map(d2, 0);
	assert_int_equal(request_irq(v, hu_handler, 0, "f", &dev), 0);
	assert_int_equal(request_irq(w, hu_handler, 0, "f", &dev), 0);
	assert_int_equal(request_irq(v1, hu_handler, IRQF_ONESHOT, "o", &one),
			 0);

	/* Not run (disabled): masked, and still eoi'd... */
	disable_irq(v);
	hu_rec_reset();
	assert_int_equal(generic_handle_irq(v), 0);
	assert_string_equal(hu_rec(0), "ME");
	/* ...unless the chip wants an eoi only for handled interrupts. */
	disable_irq(w);
	hu_rec_reset();
	assert_int_equal(generic_handle_irq(w), 0);
	assert_string_equal(hu_rec(0), "M");
	enable_irq(w);
	hu_rec_reset();
	assert_int_equal(generic_handle_irq(w), 0);
	assert_string_equal(hu_rec(0), "E");
	enable_irq(v);

	/* ONESHOT without a thread: masked around the handler. */
	hu_rec_reset();
	assert_int_equal(generic_handle_irq(v1), 0);
	assert_string_equal(hu_rec(1), "MEU");
	assert_int_equal(atomic_load(&one.calls), 1);

	free_irq(v, &dev);
	free_irq(w, &dev);
	free_irq(v1, &one);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_dispose_mapping(v1), 0);
	assert_int_equal(irq_dispose_mapping(w), 0);
	assert_int_equal(irq_domain_remove(d), 0);
	assert_int_equal(irq_domain_remove(d2), 0);
}

/* A cascaded controller: 4 child lines behind one parent line. */
struct cascade {
	struct irq_domain *child;
	atomic_uint status;	/* bit n: child hwirq n is asserted */
	atomic_uint entered;
};

static void cascade_handler(struct irq_desc *desc)
{
	struct cascade *c = irq_desc_get_handler_data(desc);
	struct irq_chip *chip = irq_desc_get_chip(desc);
	unsigned int st = atomic_exchange(&c->status, 0);

	atomic_fetch_add(&c->entered, 1);
	chained_irq_enter(chip, desc);
	for (unsigned int hw = 0; hw < 4; hw++)
		if (st & (1u << hw))
			generic_handle_domain_irq(c->child, hw);
	chained_irq_exit(chip, desc);
}

static void chained_handler_demultiplexes(void **state)
{
	struct hu_ctl pctl = { .flow = { [0] = handle_level_irq } };
	struct hu_ctl cctl = { .flow = { [1] = handle_simple_irq,
					 [3] = handle_simple_irq } };
	struct hu_dev d1 = { .name = "c1", .ret = IRQ_HANDLED };
	struct hu_dev d3 = { .name = "c3", .ret = IRQ_HANDLED };
	struct cascade c = { 0 };
	struct irq_domain *pd;
	unsigned int parent, c1, c3;
	char *text;

	(void)state;
	pd = hu_domain(&pctl);
	c.child = hu_domain(&cctl);
	parent = hu_map(pd, 0);
	c1 = hu_map(c.child, 1);
	c3 = hu_map(c.child, 3);
	assert_int_equal(irq_set_chained_handler_and_data(parent,
							  cascade_handler, &c),
			 0);
	assert_false(irqd_irq_disabled(irq_get_irq_data(parent)));
	assert_int_equal(request_irq(c1, hu_handler, 0, "c1", &d1), 0);
	assert_int_equal(request_irq(c3, hu_handler, 0, "c3", &d3), 0);

	/* A chained line cannot be requested. */
	tu_log_capture_start();
	assert_int_equal(request_irq(parent, hu_handler, 0, "p", &d1),
			 -EINVAL);
	tu_assert_one_message("chained");
	tu_log_capture_stop();

	atomic_store(&c.status, (1u << 1) | (1u << 3));
	hu_rec_reset();
	assert_int_equal(generic_handle_domain_irq(pd, 0), 0);
	/* hu_chip has ->irq_eoi: the chained handler only sends the eoi. */
	assert_string_equal(hu_rec(0), "E");
	assert_int_equal(atomic_load(&d1.calls), 1);
	assert_int_equal(atomic_load(&d3.calls), 1);
	atomic_store(&c.status, 1u << 3);
	assert_int_equal(generic_handle_domain_irq(pd, 0), 0);
	assert_int_equal(atomic_load(&d1.calls), 1);
	assert_int_equal(atomic_load(&d3.calls), 2);
	/* Child hwirq 2 is not mapped: spurious for the child domain. */
	atomic_store(&c.status, 1u << 2);
	tu_log_capture_start();
	assert_int_equal(generic_handle_domain_irq(pd, 0), 0);
	tu_log_capture_stop();
	assert_int_equal(irqmap_domain_spurious(c.child), 1);
	assert_int_equal(irqmap_domain_spurious(pd), 0);

	text = tu_show_interrupts();
	assert_non_null(strstr(text, "chained"));
	free(text);

	free_irq(c1, &d1);
	free_irq(c3, &d3);
	assert_int_equal(irq_set_chained_handler_and_data(parent, NULL, NULL),
			 0);
	assert_true(irqd_irq_disabled(irq_get_irq_data(parent)));
	assert_int_equal(irq_dispose_mapping(c1), 0);
	assert_int_equal(irq_dispose_mapping(c3), 0);
	assert_int_equal(irq_dispose_mapping(parent), 0);
	assert_int_equal(irq_domain_remove(c.child), 0);
	assert_int_equal(irq_domain_remove(pd), 0);
}

static void bad_irq_counts_and_reports_once(void **state)
{
	struct hu_ctl ctl = { 0 };
	struct irq_domain *d;
	struct irqmap_irq_stats st;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(irq_set_handler(v, NULL), 0);
	tu_log_capture_start();
	for (int i = 0; i < 5; i++)
		assert_int_equal(generic_handle_irq(v), 0);
	tu_assert_one_message("no flow handler");
	tu_log_capture_stop();
	st = hu_stats(v);
	assert_int_equal(st.count, 5);
	assert_int_equal(st.unhandled, 5);
	hu_assert_balanced(v, 5);
	assert_int_equal(irq_set_handler(v + 1000, handle_level_irq), -EINVAL);

	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

/* A line without handlers keeps an edge pending for its first handler. */
static void pending_edge_goes_to_first_handler(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_edge_irq } };
	struct hu_dev dev = { .name = "late", .ret = IRQ_HANDLED };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(generic_handle_irq(v), 0);
	assert_int_equal(hu_stats(v).deferred, 1);
	assert_int_equal(request_irq(v, hu_handler, 0, "late", &dev), 0);
	assert_int_equal(atomic_load(&dev.calls), 1);
	hu_assert_balanced(v, 1);
	free_irq(v, &dev);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(edge_replays_interrupt_arriving_while_running,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(level_drops_interrupt_arriving_while_running,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(disabled_edge_is_resent_on_enable,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(disabled_level_is_not_resent,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(fasteoi_eoi_rules,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(chained_handler_demultiplexes,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(bad_irq_counts_and_reports_once,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(pending_edge_goes_to_first_handler,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
