// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_thread.c - threaded handlers: they run on their own thread, ONESHOT
 * keeps the line masked until they return, wake-ups coalesce,
 * synchronize_irq() waits for them, free_irq() stops and joins them.
 */
#include <errno.h>
#include <string.h>

#include "hutil.h"

/* A threaded device whose thread_fn can be held until the test lets go. */
struct tdev {
	struct hu_dev dev;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool hold;		/* thread_fn waits while set */
	bool inside;		/* thread_fn is running */
	pthread_t self;		/* the thread that ran thread_fn */
	unsigned int virq;
	atomic_bool masked_inside;	/* line was masked while it ran */
	atomic_bool slow_done;
};

static void tdev_init(struct tdev *t, const char *name)
{
	memset(t, 0, sizeof(*t));
	t->dev.name = name;
	t->dev.ret = IRQ_WAKE_THREAD;
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->cond, NULL);
}

static void tdev_destroy(struct tdev *t)
{
	pthread_cond_destroy(&t->cond);
	pthread_mutex_destroy(&t->lock);
}

static irqreturn_t primary(int irq, void *dev_id)
{
	struct tdev *t = dev_id;

	return hu_handler(irq, &t->dev);
}

static irqreturn_t held_thread_fn(int irq, void *dev_id)
{
	struct tdev *t = dev_id;

	hu_thread_fn(irq, &t->dev);
	atomic_store(&t->masked_inside,
		     irqd_irq_masked(irq_get_irq_data((unsigned int)irq)));
	pthread_mutex_lock(&t->lock);
	t->self = pthread_self();
	t->inside = true;
	pthread_cond_broadcast(&t->cond);
	while (t->hold)
		pthread_cond_wait(&t->cond, &t->lock);
	t->inside = false;
	pthread_mutex_unlock(&t->lock);
	return IRQ_HANDLED;
}

static void wait_inside(struct tdev *t)
{
	pthread_mutex_lock(&t->lock);
	while (!t->inside)
		pthread_cond_wait(&t->cond, &t->lock);
	pthread_mutex_unlock(&t->lock);
}

static void set_hold(struct tdev *t, bool hold)
{
	pthread_mutex_lock(&t->lock);
	t->hold = hold;
	pthread_cond_broadcast(&t->cond);
	pthread_mutex_unlock(&t->lock);
}

static void thread_fn_runs_on_its_own_thread(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq } };
	struct irq_domain *d;
	struct tdev t;
	unsigned int v;

	(void)state;
	tdev_init(&t, "thr");
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_threaded_irq(v, primary, held_thread_fn, 0,
					      "thr", &t), 0);
	assert_int_equal(generic_handle_irq(v), 0);
	synchronize_irq(v);
	assert_int_equal(atomic_load(&t.dev.calls), 1);
	assert_int_equal(atomic_load(&t.dev.thread_calls), 1);
	assert_false(pthread_equal(t.self, pthread_self()));
	/* Without ONESHOT the line is unmasked once the primary is done. */
	assert_false(irqd_irq_masked(irq_get_irq_data(v)));
	assert_int_equal(hu_stats(v).handled, 1);

	assert_string_equal(free_irq(v, &t), "thr");
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
	tdev_destroy(&t);
}

static void oneshot_keeps_line_masked(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_fasteoi_irq,
					[1] = handle_level_irq } };
	struct irq_domain *d;
	struct tdev t, l;
	unsigned int v, w;

	(void)state;
	tdev_init(&t, "eoi");
	tdev_init(&l, "lvl");
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	w = hu_map(d, 1);
	assert_int_equal(request_threaded_irq(v, primary, held_thread_fn,
					      IRQF_ONESHOT, "eoi", &t), 0);
	assert_int_equal(request_threaded_irq(w, NULL, held_thread_fn,
					      IRQF_ONESHOT, "lvl", &l), 0);

	/* fasteoi: masked, eoi, the thread runs with the line masked. */
	set_hold(&t, true);
	hu_rec_reset();
	assert_int_equal(generic_handle_irq(v), 0);
	wait_inside(&t);
	assert_true(irqd_irq_masked(irq_get_irq_data(v)));
	assert_true(atomic_load(&t.masked_inside));
	assert_string_equal(hu_rec(0), "ME");
	set_hold(&t, false);
	synchronize_irq(v);
	assert_false(irqd_irq_masked(irq_get_irq_data(v)));
	assert_string_equal(hu_rec(0), "MEU");

	/* level, with the default primary handler (NULL). */
	set_hold(&l, true);
	hu_rec_reset();
	assert_int_equal(generic_handle_irq(w), 0);
	wait_inside(&l);
	assert_true(irqd_irq_masked(irq_get_irq_data(w)));
	assert_string_equal(hu_rec(1), "MA");
	set_hold(&l, false);
	synchronize_irq(w);
	assert_false(irqd_irq_masked(irq_get_irq_data(w)));
	assert_string_equal(hu_rec(1), "MAU");
	assert_int_equal(atomic_load(&l.dev.thread_calls), 1);

	free_irq(v, &t);
	free_irq(w, &l);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_dispose_mapping(w), 0);
	assert_int_equal(irq_domain_remove(d), 0);
	tdev_destroy(&t);
	tdev_destroy(&l);
}

static void wakeups_coalesce(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_edge_irq } };
	struct irq_domain *d;
	struct tdev t;
	unsigned int v;

	(void)state;
	tdev_init(&t, "co");
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_threaded_irq(v, primary, held_thread_fn, 0,
					      "co", &t), 0);
	set_hold(&t, true);
	assert_int_equal(generic_handle_irq(v), 0);
	wait_inside(&t);
	/* Three more while the thread runs: one more run for all three. */
	for (int i = 0; i < 3; i++)
		assert_int_equal(generic_handle_irq(v), 0);
	set_hold(&t, false);
	synchronize_irq(v);
	assert_int_equal(atomic_load(&t.dev.calls), 4);
	assert_int_equal(atomic_load(&t.dev.thread_calls), 2);

	free_irq(v, &t);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
	tdev_destroy(&t);
}

struct freer {
	unsigned int virq;
	void *dev_id;
	const void *ret;
	atomic_bool done;
};

static void *do_free(void *arg)
{
	struct freer *f = arg;

	f->ret = free_irq(f->virq, f->dev_id);
	atomic_store(&f->done, true);
	return NULL;
}

static void free_irq_stops_and_joins_thread(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_fasteoi_irq } };
	struct hu_dev other = { .name = "other", .ret = IRQ_HANDLED };
	struct irq_domain *d;
	struct freer f = { 0 };
	pthread_t tid;
	struct tdev t;
	unsigned int v;

	(void)state;
	tdev_init(&t, "stop");
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_threaded_irq(v, primary, held_thread_fn,
					      IRQF_SHARED | IRQF_ONESHOT,
					      "stop", &t), 0);
	assert_int_equal(request_irq(v, hu_handler, IRQF_SHARED | IRQF_ONESHOT,
				     "other", &other), 0);
	set_hold(&t, true);
	assert_int_equal(generic_handle_irq(v), 0);
	wait_inside(&t);

	/* free_irq waits for the running thread_fn. */
	f.virq = v;
	f.dev_id = &t;
	assert_int_equal(pthread_create(&tid, NULL, do_free, &f), 0);
	hu_msleep(50);
	assert_false(atomic_load(&f.done));
	set_hold(&t, false);
	pthread_join(tid, NULL);
	assert_string_equal(f.ret, "stop");
	atomic_store(&t.dev.freed, true);

	/* The ONESHOT bit went with it: the line is open for the others. */
	assert_false(irqd_irq_masked(irq_get_irq_data(v)));
	for (int i = 0; i < 5; i++)
		assert_int_equal(generic_handle_irq(v), 0);
	assert_int_equal(atomic_load(&other.calls), 6);
	assert_int_equal(atomic_load(&t.dev.calls), 1);
	assert_int_equal(atomic_load(&t.dev.thread_calls), 1);
	assert_int_equal(atomic_load(&t.dev.calls_after_free), 0);

	free_irq(v, &other);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
	tdev_destroy(&t);
}

/* A thread_fn due when free_irq() comes still runs, before it returns. */
static void free_irq_runs_due_thread(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_simple_irq } };
	struct hu_dev dev = { .name = "due", .ret = IRQ_WAKE_THREAD };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_threaded_irq(v, hu_handler, hu_thread_fn, 0,
					      "due", &dev), 0);
	for (int i = 0; i < 20; i++)
		assert_int_equal(generic_handle_irq(v), 0);
	assert_string_equal(free_irq(v, &dev), "due");
	atomic_store(&dev.freed, true);
	assert_true(atomic_load(&dev.thread_calls) >= 1);
	assert_int_equal(atomic_load(&dev.calls_after_free), 0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static irqreturn_t slow_thread_fn(int irq, void *dev_id)
{
	struct tdev *t = dev_id;

	(void)irq;
	hu_msleep(30);
	atomic_store(&t->slow_done, true);
	return IRQ_HANDLED;
}

static void synchronize_waits_for_thread(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq } };
	struct irq_domain *d;
	struct tdev t;
	unsigned int v;

	(void)state;
	tdev_init(&t, "slow");
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_threaded_irq(v, primary, slow_thread_fn, 0,
					      "slow", &t), 0);
	assert_int_equal(generic_handle_irq(v), 0);
	synchronize_irq(v);
	assert_true(atomic_load(&t.slow_done));

	/* disable_irq waits the same way. */
	atomic_store(&t.slow_done, false);
	assert_int_equal(generic_handle_irq(v), 0);
	disable_irq(v);
	assert_true(atomic_load(&t.slow_done));
	enable_irq(v);

	free_irq(v, &t);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
	tdev_destroy(&t);
}

/* free_irq() from the action's own thread would join itself. */
static irqreturn_t self_freeing_thread_fn(int irq, void *dev_id)
{
	struct tdev *t = dev_id;

	assert_null(free_irq((unsigned int)irq, t));
	atomic_store(&t->slow_done, true);
	return IRQ_HANDLED;
}

static void thread_cannot_free_itself(void **state)
{
	struct hu_ctl ctl = { .flow = { [0] = handle_level_irq } };
	struct hu_dev plain = { .name = "plain", .ret = IRQ_WAKE_THREAD };
	struct irq_domain *d;
	struct tdev t;
	unsigned int v;

	(void)state;
	tdev_init(&t, "self");
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	assert_int_equal(request_threaded_irq(v, primary, self_freeing_thread_fn,
					      IRQF_SHARED, "self", &t), 0);
	/* IRQ_WAKE_THREAD without a thread_fn: warned once. */
	assert_int_equal(request_irq(v, hu_handler, IRQF_SHARED, "plain",
				     &plain), 0);
	tu_log_capture_start();
	assert_int_equal(generic_handle_irq(v), 0);
	synchronize_irq(v);
	assert_int_equal(generic_handle_irq(v), 0);
	synchronize_irq(v);
	assert_true(atomic_load(&t.slow_done));
	assert_int_equal(tu_log_count_matching("own threaded handler") +
			 tu_log_count_matching("threaded handler of self"), 2);
	assert_int_equal(tu_log_count_matching("no thread function"), 1);
	tu_log_capture_stop();
	assert_int_equal(hu_stats(v).nr_actions, 2);

	free_irq(v, &t);
	free_irq(v, &plain);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
	tdev_destroy(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(thread_fn_runs_on_its_own_thread,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(oneshot_keeps_line_masked,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(wakeups_coalesce,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(free_irq_stops_and_joins_thread,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(free_irq_runs_due_thread,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(synchronize_waits_for_thread,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(thread_cannot_free_itself,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
