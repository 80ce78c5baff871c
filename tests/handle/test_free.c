// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_free.c - free_irq() against handlers running on other threads: it
 * waits for them, never lets the freed handler run again, and leaves the
 * other handlers of the line working throughout.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "hutil.h"

struct blocker {
	struct hu_dev dev;
	atomic_bool entered;
	atomic_bool go;
	atomic_bool exited;
};

static irqreturn_t blocking_handler(int irq, void *dev_id)
{
	struct blocker *b = dev_id;

	hu_handler(irq, &b->dev);
	atomic_store(&b->entered, true);
	while (!atomic_load(&b->go))
		sched_yield();
	atomic_store(&b->exited, true);
	return IRQ_HANDLED;
}

struct job {
	unsigned int virq;
	void *dev_id;
	struct blocker *b;
	const void *ret;
	atomic_bool done;
	bool exited_at_return;
};

static void *dispatch_once(void *arg)
{
	struct job *j = arg;

	irqmap_set_cpu(1);
	assert_int_equal(generic_handle_irq(j->virq), 0);
	atomic_store(&j->done, true);
	return NULL;
}

static void *do_free(void *arg)
{
	struct job *j = arg;

	j->ret = free_irq(j->virq, j->dev_id);
	j->exited_at_return = atomic_load(&j->b->exited);
	atomic_store(&j->done, true);
	return NULL;
}

static void free_irq_waits_for_running_handler(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_simple_irq } };
	struct blocker b = { .dev = { .name = "slow" } };
	struct hu_dev other = { .name = "other", .ret = IRQ_HANDLED };
	struct job disp = { 0 }, fr = { 0 };
	pthread_t td, tf;
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_irq(v, blocking_handler, IRQF_SHARED, "slow",
				     &b), 0);
	assert_int_equal(request_irq(v, hu_handler, IRQF_SHARED, "other",
				     &other), 0);

	disp.virq = v;
	assert_int_equal(pthread_create(&td, NULL, dispatch_once, &disp), 0);
	while (!atomic_load(&b.entered))
		sched_yield();

	fr.virq = v;
	fr.dev_id = &b;
	fr.b = &b;
	assert_int_equal(pthread_create(&tf, NULL, do_free, &fr), 0);
	hu_msleep(50);
	assert_false(atomic_load(&fr.done));
	assert_true(irqd_irq_inprogress(irq_get_irq_data(v)));

	atomic_store(&b.go, true);
	pthread_join(tf, NULL);
	pthread_join(td, NULL);
	assert_string_equal(fr.ret, "slow");
	assert_true(fr.exited_at_return);
	atomic_store(&b.dev.freed, true);

	for (int i = 0; i < 10; i++)
		assert_int_equal(generic_handle_irq(v), 0);
	assert_int_equal(atomic_load(&b.dev.calls), 1);
	assert_int_equal(atomic_load(&b.dev.calls_after_free), 0);
	assert_int_equal(atomic_load(&other.calls), 11);

	free_irq(v, &other);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

#define NR_CHURN 200

struct churn {
	unsigned int virq;
	struct hu_dev keep;
	struct hu_dev dev[NR_CHURN];
	atomic_bool stop;
	atomic_uint fired;
};

static void *fire_until_stopped(void *arg)
{
	struct churn *c = arg;

	irqmap_set_cpu(1);
	while (!atomic_load(&c->stop)) {
		assert_int_equal(generic_handle_irq(c->virq), 0);
		atomic_fetch_add(&c->fired, 1);
	}
	return NULL;
}

static void others_keep_running_while_one_churns(void **state)
{
	static struct churn c;
	struct hu_ctl ctl = { .flow = { [0] = handle_edge_irq } };
	struct irq_domain *d;
	unsigned int seen, before;
	pthread_t tid;

	(void)state;
	memset(&c, 0, sizeof(c));
	d = hu_domain(&ctl);
	c.virq = hu_map(d, 0);
	c.keep = (struct hu_dev){ .name = "keep", .ret = IRQ_HANDLED };
	assert_int_equal(request_irq(c.virq, hu_handler, IRQF_SHARED, "keep",
				     &c.keep), 0);
	assert_int_equal(pthread_create(&tid, NULL, fire_until_stopped, &c),
			 0);
	seen = 0;
	for (int i = 0; i < NR_CHURN; i++) {
		struct hu_dev *x = &c.dev[i];

		x->name = "churn";
		x->ret = IRQ_NONE;
		assert_int_equal(request_irq(c.virq, hu_handler, IRQF_SHARED,
					     "churn", x), 0);
		before = atomic_load(&c.keep.calls);
		while (atomic_load(&c.keep.calls) < before + 2)
			sched_yield();
		assert_string_equal(free_irq(c.virq, x), "churn");
		atomic_store(&x->freed, true);
		seen += atomic_load(&x->calls) > 0;
	}
	/* The line kept running throughout. */
	before = atomic_load(&c.keep.calls);
	while (atomic_load(&c.keep.calls) < before + 10)
		sched_yield();
	atomic_store(&c.stop, true);
	pthread_join(tid, NULL);

	for (int i = 0; i < NR_CHURN; i++)
		assert_int_equal(atomic_load(&c.dev[i].calls_after_free), 0);
	assert_true(seen > 0);
	hu_assert_balanced(c.virq, atomic_load(&c.fired));
	assert_int_equal(hu_stats(c.virq).handled + hu_stats(c.virq).unhandled,
			 atomic_load(&c.keep.calls));

	free_irq(c.virq, &c.keep);
	assert_int_equal(irq_dispose_mapping(c.virq), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(free_irq_waits_for_running_handler,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(others_keep_running_while_one_churns,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
