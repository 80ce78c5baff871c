// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_fastpath.c - the lock-free delivery path (src/handle/fastpath.c):
 * when lines take it, that it tells the chip and counts exactly what the
 * locked path does, that it hands every unusual case to the locked path,
 * and the races: disable_irq(), synchronize_irq() and free_irq() against
 * threads delivering on the same lines, under ThreadSanitizer too. The
 * lines use hu_chip_fast, which also checks that chip calls never overlap.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "handle/handle.h"
#include "hutil.h"

/* free_irq() waits for a grace period: milliseconds with busy readers */
#ifdef IRQMAP_TSAN
#define ROUNDS		150u
#define FREE_ROUNDS	40u
#else
#define ROUNDS		2000u
#define FREE_ROUNDS	200u
#endif
#define NR_DISPATCH	2
#define NR_RACE_LINES	4

/* Is the lock-free path on for @virq (the line word's IRQM_LINE_FAST)? */
static bool fast_on(unsigned int virq)
{
	struct irqm_desc_handling *h;
	struct irq_desc *desc;
	bool on;

	irqmap_read_lock();
	desc = irq_to_desc(virq);
	h = desc ? irqm_handling_of(desc) : NULL;
	on = h && (atomic_load(&h->state) & IRQM_LINE_FAST);
	irqmap_read_unlock();
	return on;
}

static const irq_flow_handler_t flows[NR_RACE_LINES] = {
	handle_level_irq, handle_edge_irq, handle_fasteoi_irq,
	handle_simple_irq,
};

/* What one delivery tells the chip, per flow, on the lock-free path. */
static const char *const one_delivery[NR_RACE_LINES] = {
	"MAU", "A", "E", "",
};

static void fast_state_follows_the_line(void **state)
{
	struct hu_ctl ctl = { .chip = &hu_chip_fast,
			      .flow = { handle_level_irq, handle_edge_irq,
					handle_fasteoi_irq, handle_simple_irq } };
	struct hu_dev dev[NR_RACE_LINES];
	struct irqmap_irq_stats st;
	struct irq_domain *d;
	unsigned int v[NR_RACE_LINES];

	(void)state;
	d = hu_domain(&ctl);
	for (int i = 0; i < NR_RACE_LINES; i++) {
		dev[i] = (struct hu_dev){ .name = "f", .ret = IRQ_HANDLED };
		v[i] = hu_map(d, (irq_hw_number_t)i);
		/* Nobody to call: the locked path keeps it pending. */
		assert_false(fast_on(v[i]));
		assert_int_equal(request_irq(v[i], hu_handler, 0, "f", &dev[i]),
				 0);
		assert_true(fast_on(v[i]));
	}
	hu_rec_reset();
	for (int i = 0; i < NR_RACE_LINES; i++) {
		char twice[8];

		assert_int_equal(generic_handle_irq(v[i]), 0);
		assert_int_equal(generic_handle_irq(v[i]), 0);
		snprintf(twice, sizeof(twice), "%s%s", one_delivery[i],
			 one_delivery[i]);
		assert_string_equal(hu_rec((irq_hw_number_t)i), twice);
		assert_int_equal(atomic_load(&dev[i].calls), 2);
		st = hu_stats(v[i]);
		assert_int_equal(st.count, 2);
		assert_int_equal(st.handled, 2);
		assert_int_equal(kstat_irqs(v[i]), 2);
		hu_assert_balanced(v[i], 2);
		assert_true(fast_on(v[i]));
	}

	/* Disabled: off until enabled again. */
	disable_irq(v[0]);
	assert_false(fast_on(v[0]));
	enable_irq(v[0]);
	assert_true(fast_on(v[0]));

	/* ONESHOT lines stay locked; any chip will do. */
	free_irq(v[2], &dev[2]);
	assert_false(fast_on(v[2]));
	assert_int_equal(request_threaded_irq(v[2], NULL, hu_thread_fn,
					      IRQF_ONESHOT, "t", &dev[2]), 0);
	assert_false(fast_on(v[2]));
	free_irq(v[2], &dev[2]);
	assert_int_equal(irq_set_chip(v[3], &hu_chip), 0);
	(void)hu_stats(v[3]);	/* any trip through the line lock decides */
	assert_true(fast_on(v[3]));

	for (int i = 0; i < NR_RACE_LINES; i++) {
		if (i != 2)
			free_irq(v[i], &dev[i]);
		assert_int_equal(irq_dispose_mapping(v[i]), 0);
	}
	assert_int_equal(hu_chip_overlaps(), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

struct reentrant {
	struct hu_dev dev;
	unsigned int virq;
	int refire;
	bool disable;		/* disable_irq_nosync() its own line instead */
};

static irqreturn_t reentrant_handler(int irq, void *dev_id)
{
	struct reentrant *r = dev_id;

	hu_handler(irq, &r->dev);
	if (r->disable) {
		r->disable = false;
		disable_irq_nosync(r->virq);
	}
	if (r->refire > 0) {
		r->refire--;
		assert_int_equal(generic_handle_irq(r->virq), 0);
	}
	return IRQ_HANDLED;
}

/*
 * An interrupt arriving while the fast path runs the handlers goes to the
 * locked path, and the fast path finishes like the locked one would.
 */
static void arrivals_while_running(void **state)
{
	struct hu_ctl ctl = { .chip = &hu_chip_fast,
			      .flow = { handle_level_irq, handle_edge_irq,
					handle_fasteoi_irq } };
	static const char *const seen[] = { "MAAU", "AMAUMAU", "EE" };
	static const unsigned long deferred[] = { 1, 2, 1 };
	struct irq_domain *d;

	(void)state;
	d = hu_domain(&ctl);
	for (int i = 0; i < 3; i++) {
		struct reentrant r = { .dev = { .name = "r" },
				       .refire = i == 1 ? 2 : 1 };
		struct irqmap_irq_stats st;

		r.virq = hu_map(d, (irq_hw_number_t)i);
		assert_int_equal(request_irq(r.virq, reentrant_handler, 0, "r",
					     &r), 0);
		assert_true(fast_on(r.virq));
		hu_rec_reset();
		assert_int_equal(generic_handle_irq(r.virq), 0);
		assert_string_equal(hu_rec((irq_hw_number_t)i), seen[i]);
		st = hu_stats(r.virq);
		assert_int_equal(st.count, 1);
		assert_int_equal(st.deferred, deferred[i]);
		assert_int_equal(st.replayed, i == 1 ? 2 : 0);
		hu_assert_balanced(r.virq, 1 + deferred[i]);
		assert_false(irqd_irq_masked(irq_get_irq_data(r.virq)));
		assert_true(fast_on(r.virq));
		free_irq(r.virq, &r);
		assert_int_equal(irq_dispose_mapping(r.virq), 0);
	}
	assert_int_equal(hu_chip_overlaps(), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

/* A handler disabling its own line: the run finishes on the locked path. */
static void handler_disables_its_line(void **state)
{
	struct hu_ctl ctl = { .chip = &hu_chip_fast,
			      .flow = { handle_level_irq } };
	struct reentrant r = { .dev = { .name = "r" }, .disable = true };
	struct irq_domain *d;

	(void)state;
	d = hu_domain(&ctl);
	r.virq = hu_map(d, 0);
	assert_int_equal(request_irq(r.virq, reentrant_handler,
				     IRQF_TRIGGER_HIGH, "r", &r), 0);
	hu_rec_reset();
	assert_int_equal(generic_handle_irq(r.virq), 0);
	/* Masked and acked; not unmasked, the line is disabled now. */
	assert_string_equal(hu_rec(0), "MA");
	assert_true(irqd_irq_disabled(irq_get_irq_data(r.virq)));
	assert_true(irqd_irq_masked(irq_get_irq_data(r.virq)));
	assert_false(fast_on(r.virq));
	assert_int_equal(generic_handle_irq(r.virq), 0);
	assert_int_equal(atomic_load(&r.dev.calls), 1);

	/* A level line asserts again by itself: nothing is resent. */
	enable_irq(r.virq);
	assert_true(fast_on(r.virq));
	assert_int_equal(generic_handle_irq(r.virq), 0);
	assert_string_equal(hu_rec(0), "MAAUMAU");
	assert_int_equal(atomic_load(&r.dev.calls), 2);
	hu_assert_balanced(r.virq, 3);

	free_irq(r.virq, &r);
	assert_int_equal(irq_dispose_mapping(r.virq), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

/*
 * A chip change goes through the line lock: the next delivery calls the
 * new chip, still on the fast path, exactly as the locked path would.
 */
static void new_chip_is_used_at_once(void **state)
{
	struct hu_ctl ctl = { .chip = &hu_chip_fast,
			      .flow = { handle_level_irq, handle_fasteoi_irq } };
	struct hu_dev dev[2] = { { .name = "a", .ret = IRQ_HANDLED },
				 { .name = "b", .ret = IRQ_HANDLED } };
	struct irq_domain *d;
	unsigned int v[2];

	(void)state;
	d = hu_domain(&ctl);
	for (int i = 0; i < 2; i++) {
		v[i] = hu_map(d, (irq_hw_number_t)i);
		assert_int_equal(request_irq(v[i], hu_handler, 0, "x", &dev[i]),
				 0);
		assert_true(fast_on(v[i]));
		assert_int_equal(irq_set_chip(v[i], &hu_chip), 0);
		assert_true(fast_on(v[i]));
	}
	hu_rec_reset();
	for (int i = 0; i < 2; i++) {
		assert_int_equal(generic_handle_irq(v[i]), 0);
		assert_true(fast_on(v[i]));
		assert_int_equal(generic_handle_irq(v[i]), 0);
		assert_int_equal(atomic_load(&dev[i].calls), 2);
		hu_assert_balanced(v[i], 2);
		assert_int_equal(hu_stats(v[i]).handled, 2);
	}
	/* hu_chip records what it is told: the new chip heard everything */
	assert_string_equal(hu_rec(0), "MAUMAU");
	assert_string_equal(hu_rec(1), "EE");
	for (int i = 0; i < 2; i++) {
		free_irq(v[i], &dev[i]);
		assert_int_equal(irq_dispose_mapping(v[i]), 0);
	}
	assert_int_equal(irq_domain_remove(d), 0);
}

#define WINDOW 100000

static void fire(unsigned int v, struct hu_dev *dev, irqreturn_t ret, int n)
{
	dev->ret = ret;
	for (int i = 0; i < n; i++)
		assert_int_equal(generic_handle_irq(v), 0);
}

/* Handled runs are counted on the fast path, in the same windows. */
static void spurious_detector_on_fast_path(void **state)
{
	struct hu_ctl ctl = { .chip = &hu_chip_fast,
			      .flow = { handle_fasteoi_irq, handle_level_irq } };
	struct hu_dev a = { .name = "a" }, b = { .name = "b" };
	struct irq_domain *d;
	unsigned int v, w;

	(void)state;
	d = hu_domain(&ctl);
	v = hu_map(d, 0);
	w = hu_map(d, 1);
	assert_int_equal(request_irq(v, hu_handler, 0, "a", &a), 0);
	assert_int_equal(request_irq(w, hu_handler, 0, "b", &b), 0);

	/* 99,900 unhandled of 100,000: tolerated. */
	fire(v, &a, IRQ_HANDLED, 100);
	fire(v, &a, IRQ_NONE, 99900);
	assert_false(hu_stats(v).spurious_disabled);
	/* 99,950 unhandled, the window ending on handled runs: disabled. */
	tu_log_capture_start();
	fire(v, &a, IRQ_NONE, 99950);
	assert_false(hu_stats(v).spurious_disabled);
	fire(v, &a, IRQ_HANDLED, 50);
	assert_true(tu_log_contains("nobody cared"));
	tu_log_capture_stop();
	assert_true(hu_stats(v).spurious_disabled);
	assert_false(fast_on(v));
	hu_assert_balanced(v, 2 * WINDOW);

	/* Handled windows one after the other: nothing happens. */
	fire(w, &b, IRQ_HANDLED, 2 * WINDOW + 1);
	assert_false(hu_stats(w).spurious_disabled);
	assert_true(fast_on(w));
	assert_int_equal(hu_stats(w).handled, 2 * WINDOW + 1);
	hu_assert_balanced(w, 2 * WINDOW + 1);

	free_irq(v, &a);
	free_irq(w, &b);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_dispose_mapping(w), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

/* ---- races ---- */

static struct {
	struct irq_domain *d;
	unsigned int virq[NR_RACE_LINES];
	atomic_bool closed[NR_RACE_LINES];	/* no handler may run now */
	atomic_uint violations;
	atomic_bool running[NR_RACE_LINES];	/* a run of the handlers */
	unsigned long runs[NR_RACE_LINES];	/* plain: for ThreadSanitizer */
	atomic_uint gen;			/* synchronize_irq() rounds */
	atomic_uint active[2];			/* handlers running, by gen */
	atomic_bool stop;
	atomic_uint started;			/* dispatchers under way */
	unsigned long ok[NR_DISPATCH][NR_RACE_LINES];
} r;

/*
 * Every handler of the race tests: checks that no other run of its line's
 * handlers is under way (one runner at a time), that its line is not
 * disabled (closed) and that it was not freed, and counts itself in the
 * synchronize_irq() round it started in.
 */
static irqreturn_t race_handler(int irq, void *dev_id)
{
	struct hu_dev *dev = dev_id;
	unsigned int line = (unsigned int)(dev->tag - '0');
	unsigned int g = atomic_load(&r.gen) & 1;

	(void)irq;
	if (atomic_exchange(&r.running[line], true))
		atomic_fetch_add(&r.violations, 1);
	r.runs[line]++;
	atomic_fetch_add(&r.active[g], 1);
	if (atomic_fetch_add(&dev->calls, 1) % 16 == 0)
		sched_yield();	/* so that the waiting side finds us here */
	if (atomic_load(&r.closed[line]) || atomic_load(&dev->freed))
		atomic_fetch_add(&r.violations, 1);
	atomic_fetch_sub(&r.active[g], 1);
	atomic_store(&r.running[line], false);
	return dev->ret;
}

static void *dispatcher(void *arg)
{
	unsigned int id = (unsigned int)(uintptr_t)arg;
	unsigned int x = 777 + id * 31;

	irqmap_set_cpu(1 + id);
	for (unsigned long n = 0; !atomic_load(&r.stop); n++) {
		unsigned int line;

		x = x * 1103515245u + 12345u;
		line = (x >> 16) % NR_RACE_LINES;
		assert_int_equal(generic_handle_domain_irq(r.d, line), 0);
		r.ok[id][line]++;
		if (n == 100)
			atomic_fetch_add(&r.started, 1);
	}
	return NULL;
}

static void race_setup(struct hu_dev *dev, pthread_t *tid)
{
	struct hu_ctl *ctl = calloc(1, sizeof(*ctl));

	assert_non_null(ctl);
	memset(&r, 0, sizeof(r));
	ctl->chip = &hu_chip_fast;
	for (int i = 0; i < NR_RACE_LINES; i++)
		ctl->flow[i] = flows[i];
	assert_int_equal(irqmap_set_nr_cpus(4), 0);
	r.d = hu_domain(ctl);
	for (int i = 0; i < NR_RACE_LINES; i++) {
		dev[i] = (struct hu_dev){ .name = "race", .tag = (char)('0' + i),
					  .ret = IRQ_HANDLED };
		r.virq[i] = hu_map(r.d, (irq_hw_number_t)i);
		assert_int_equal(request_irq(r.virq[i], race_handler,
					     IRQF_SHARED, "race", &dev[i]), 0);
		assert_true(fast_on(r.virq[i]));
	}
	for (uintptr_t i = 0; i < NR_DISPATCH; i++)
		assert_int_equal(pthread_create(&tid[i], NULL, dispatcher,
						(void *)i), 0);
	while (atomic_load(&r.started) < NR_DISPATCH)
		sched_yield();
}

static void race_teardown(struct hu_dev *dev, pthread_t *tid)
{
	struct hu_ctl *ctl = r.d->host_data;

	atomic_store(&r.stop, true);
	for (int i = 0; i < NR_DISPATCH; i++)
		pthread_join(tid[i], NULL);
	irqmap_set_cpu(0);
	assert_int_equal(atomic_load(&r.violations), 0);
	assert_int_equal(hu_chip_overlaps(), 0);
	for (int i = 0; i < NR_RACE_LINES; i++) {
		unsigned long delivered = 0;

		for (int t = 0; t < NR_DISPATCH; t++)
			delivered += r.ok[t][i];
		hu_assert_balanced(r.virq[i], delivered);
		assert_int_equal(hu_stats(r.virq[i]).depth, 0);
		if (dev) {
			assert_non_null(free_irq(r.virq[i], &dev[i]));
			assert_int_equal(hu_stats(r.virq[i]).handled,
					 atomic_load(&dev[i].calls));
		}
		assert_int_equal(irq_dispose_mapping(r.virq[i]), 0);
	}
	assert_int_equal(irq_domain_remove(r.d), 0);
	free(ctl);
}

/*
 * Deliveries on the same lines from two threads: one run of a line's
 * handlers at a time, chip calls one at a time, and every interrupt
 * counted once, accepted or deferred.
 */
static void deliveries_race_each_other(void **state)
{
	struct hu_dev dev[NR_RACE_LINES];
	pthread_t tid[NR_DISPATCH];

	(void)state;
	race_setup(dev, tid);
	for (unsigned int i = 0; i < ROUNDS; i++) {
		/* and the line lock taken now and then meanwhile */
		(void)hu_stats(r.virq[i % NR_RACE_LINES]);
		hu_msleep(1);
	}
	race_teardown(dev, tid);
}

/*
 * The core's own chip calls (->irq_set_type here) against fast deliveries
 * on the same lines: the chip never sees two calls of a line at once.
 */
static void set_type_races_delivery(void **state)
{
	static const unsigned int types[] = { IRQ_TYPE_LEVEL_HIGH,
					      IRQ_TYPE_EDGE_RISING };
	struct hu_dev dev[NR_RACE_LINES];
	pthread_t tid[NR_DISPATCH];

	(void)state;
	race_setup(dev, tid);
	for (unsigned int i = 0; i < ROUNDS * 4; i++) {
		unsigned int line = i % NR_RACE_LINES;

		assert_int_equal(irq_set_irq_type(r.virq[line], types[i & 1]),
				 0);
		if (i % 16 == 0)
			sched_yield();
	}
	race_teardown(dev, tid);
}

/* After disable_irq() returns, no handler of the line runs until enabled. */
static void disable_irq_races_delivery(void **state)
{
	struct hu_dev dev[NR_RACE_LINES];
	pthread_t tid[NR_DISPATCH];

	(void)state;
	race_setup(dev, tid);
	for (unsigned int i = 0; i < ROUNDS; i++) {
		unsigned int line = i % NR_RACE_LINES;

		if (i & NR_RACE_LINES) {
			disable_irq(r.virq[line]);
		} else {
			disable_irq_nosync(r.virq[line]);
			synchronize_irq(r.virq[line]);
		}
		atomic_store(&r.closed[line], true);
		sched_yield();
		atomic_store(&r.closed[line], false);
		/* A pending edge is resent here, on this thread. */
		enable_irq(r.virq[line]);
		sched_yield();
	}
	race_teardown(dev, tid);
}

/*
 * After synchronize_irq() returns, every handler that started before it
 * was called has returned: handlers count themselves in the parity of the
 * round they started in, and that count is zero once the round is over.
 */
static void synchronize_irq_races_delivery(void **state)
{
	struct hu_dev dev[NR_RACE_LINES];
	pthread_t tid[NR_DISPATCH];
	unsigned int busy = 0;

	(void)state;
	race_setup(dev, tid);
	for (unsigned int i = 0; i < ROUNDS; i++) {
		unsigned int old;

		/* Mostly while a handler runs: that is the case to test. */
		for (int spin = 0; spin < 100 && !atomic_load(&r.active[0]) &&
				   !atomic_load(&r.active[1]); spin++)
			sched_yield();
		old = atomic_fetch_add(&r.gen, 1);
		busy += atomic_load(&r.active[old & 1]) != 0;
		/* every line is synchronised: any handler may be of @old */
		for (int line = 0; line < NR_RACE_LINES; line++)
			synchronize_irq(r.virq[line]);
		if (atomic_load(&r.active[old & 1]))
			atomic_fetch_add(&r.violations, 1);
	}
	print_message("synchronize_irq: handlers running at %u of %u rounds\n",
		      busy, ROUNDS);
	race_teardown(dev, tid);
}

/*
 * After free_irq() returns its handler never runs again, while shared
 * handlers come and go on lines that keep delivering.
 */
static void free_irq_races_delivery(void **state)
{
	struct hu_dev dev[NR_RACE_LINES];
	struct hu_dev *churn = calloc(FREE_ROUNDS, sizeof(*churn));
	pthread_t tid[NR_DISPATCH];

	(void)state;
	assert_non_null(churn);
	race_setup(dev, tid);
	for (unsigned int i = 0; i < FREE_ROUNDS; i++) {
		unsigned int line = i % NR_RACE_LINES;

		churn[i] = (struct hu_dev){ .name = "churn",
					    .tag = (char)('0' + line),
					    .ret = i % 3 ? IRQ_HANDLED : IRQ_NONE };
		assert_int_equal(request_irq(r.virq[line], race_handler,
					     IRQF_SHARED, "churn", &churn[i]),
				 0);
		sched_yield();
		assert_non_null(free_irq(r.virq[line], &churn[i]));
		atomic_store(&churn[i].freed, true);
	}
	race_teardown(dev, tid);
	free(churn);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(fast_state_follows_the_line,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(arrivals_while_running,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(handler_disables_its_line,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(new_chip_is_used_at_once,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(spurious_detector_on_fast_path,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(deliveries_race_each_other,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(set_type_races_delivery,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(disable_irq_races_delivery,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(synchronize_irq_races_delivery,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(free_irq_races_delivery,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
