// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_stress.c - everything at once, bounded.
 *
 * Two dispatch threads (CPUs 1 and 2) deliver interrupts as fast as they
 * can on the eight lines of one domain:
 *  - lines 0-3 stay mapped, each with a permanent shared handler registered
 *    first (level, edge, fasteoi, fasteoi+ONESHOT), while a churn thread
 *    requests and frees extra shared handlers on them (threaded ones on the
 *    ONESHOT line) and a third thread disables and enables the edge line;
 *  - lines 4-7 are mapped, requested, freed and disposed over and over by
 *    a mapping thread, which also checks that the last dispose is refused
 *    while a handler is installed;
 *  - a reader prints the interrupts table and reads counters meanwhile.
 * At the end every count balances: per stable line, deliveries against
 * accepted and deferred interrupts, runs against the permanent handler's
 * calls, handled/unhandled against what it returned; deliveries that found
 * no mapping against the domain's spurious count; and no handler ran after
 * its free_irq() returned. It runs twice: with a chip that has
 * ->irq_set_type (every delivery takes desc->lock), and with one that has
 * none (deliveries take the lock-free path when they can), which also
 * checks that chip calls never overlap.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "hutil.h"

/*
 * Dispatchers run at least MIN_ITERATIONS, then on until the churning
 * threads have made MIN_CHURN rounds each (free_irq waits for a grace
 * period, which takes milliseconds while readers are this busy), but never
 * past MAX_ITERATIONS.
 */
#ifdef IRQMAP_TSAN
#define MIN_ITERATIONS	20000u
#define MAX_ITERATIONS	400000u
#define MIN_CHURN	12u
#else
#define MIN_ITERATIONS	200000u
#define MAX_ITERATIONS	20000000u
#define MIN_CHURN	40u
#endif
#define MAX_CHURN	1000u
#define NR_DISPATCH	2
#define NR_STABLE	4
#define NR_LINES	8

/* The permanent handler: handles two interrupts out of three. */
struct perm {
	atomic_ulong calls;
	atomic_ulong handled;
	atomic_ulong none;
};

/* A churned handler, used once. */
struct cdev {
	atomic_bool freed;
	atomic_uint calls;
	atomic_uint after_free;
};

static struct {
	struct irq_domain *d;
	unsigned int virq[NR_STABLE];
	struct perm perm[NR_STABLE];
	struct cdev churn[MAX_CHURN];
	struct cdev mapdev[MAX_CHURN];
	atomic_bool stop;
	atomic_uint dispatchers_left;
	unsigned long ok[NR_DISPATCH][NR_LINES];
	unsigned long einval[NR_DISPATCH][NR_LINES];
	atomic_uint busy_seen;
	atomic_uint violations;
	atomic_uint churned;
	atomic_uint remapped;
	atomic_uint toggles;
} s;

static irqreturn_t perm_handler(int irq, void *dev_id)
{
	struct perm *p = dev_id;
	unsigned long n = atomic_fetch_add(&p->calls, 1) + 1;

	(void)irq;
	if (n % 3) {
		atomic_fetch_add(&p->handled, 1);
		return IRQ_HANDLED;
	}
	atomic_fetch_add(&p->none, 1);
	return IRQ_NONE;
}

static void note_call(struct cdev *c)
{
	atomic_fetch_add(&c->calls, 1);
	if (atomic_load(&c->freed)) {
		atomic_fetch_add(&c->after_free, 1);
		atomic_fetch_add(&s.violations, 1);
	}
}

static irqreturn_t churn_handler(int irq, void *dev_id)
{
	(void)irq;
	note_call(dev_id);
	return IRQ_NONE;
}

static irqreturn_t churn_wake(int irq, void *dev_id)
{
	(void)irq;
	note_call(dev_id);
	return IRQ_WAKE_THREAD;
}

static irqreturn_t churn_thread(int irq, void *dev_id)
{
	(void)irq;
	note_call(dev_id);
	return IRQ_HANDLED;
}

static void *dispatcher(void *arg)
{
	unsigned int id = (unsigned int)(uintptr_t)arg;
	unsigned int x = 12345 + id * 777;

	irqmap_set_cpu(1 + id);
	for (unsigned int i = 0; i < MAX_ITERATIONS; i++) {
		unsigned int hw;
		int ret;

		x = x * 1103515245u + 12345u;
		hw = (x >> 16) % NR_LINES;
		ret = generic_handle_domain_irq(s.d, hw);
		if (ret == 0)
			s.ok[id][hw]++;
		else if (ret == -EINVAL)
			s.einval[id][hw]++;
		else
			fail_msg("generic_handle_domain_irq: %d", ret);
		if (i >= MIN_ITERATIONS && (i & 1023) == 0 &&
		    atomic_load(&s.churned) >= MIN_CHURN &&
		    atomic_load(&s.remapped) >= MIN_CHURN)
			break;
	}
	atomic_fetch_sub(&s.dispatchers_left, 1);
	return NULL;
}

static bool running(void)
{
	return atomic_load(&s.dispatchers_left) > 0;
}

static void *churner(void *arg)
{
	unsigned int i;

	(void)arg;
	for (i = 0; i < MAX_CHURN && running(); i++) {
		unsigned int line = i % NR_STABLE;
		struct cdev *c = &s.churn[i];
		int ret;

		if (line == 3)
			ret = request_threaded_irq(s.virq[line], churn_wake,
						   churn_thread,
						   IRQF_SHARED | IRQF_ONESHOT,
						   "churn-t", c);
		else
			ret = request_irq(s.virq[line], churn_handler,
					  IRQF_SHARED, "churn", c);
		assert_int_equal(ret, 0);
		sched_yield();
		assert_non_null(free_irq(s.virq[line], c));
		atomic_store(&c->freed, true);
		atomic_store(&s.churned, i + 1);
	}
	return NULL;
}

static void *mapper(void *arg)
{
	unsigned int i;

	(void)arg;
	for (i = 0; i < MAX_CHURN && running(); i++) {
		irq_hw_number_t hw = NR_STABLE + i % (NR_LINES - NR_STABLE);
		struct cdev *c = &s.mapdev[i];
		unsigned int v;

		v = irq_create_mapping(s.d, hw);

		assert_int_not_equal(v, 0);
		assert_int_equal(request_irq(v, churn_handler, IRQF_SHARED,
					     "mapped", c), 0);
		if (i % 4 == 0) {
			/* Last reference with a handler: refused, kept. */
			assert_int_equal(irq_dispose_mapping(v), -EBUSY);
			assert_int_equal(irq_find_mapping(s.d, hw), v);
			assert_int_equal(irq_mapping_refcount(v), 1);
			atomic_fetch_add(&s.busy_seen, 1);
		} else if (i % 4 == 1) {
			/* A second user: its dispose is not the last. */
			assert_int_equal(irq_create_mapping(s.d, hw), v);
			assert_int_equal(irq_dispose_mapping(v), 0);
		}
		sched_yield();
		assert_non_null(free_irq(v, c));
		atomic_store(&c->freed, true);
		assert_int_equal(irq_dispose_mapping(v), 0);
		atomic_store(&s.remapped, i + 1);
	}
	return NULL;
}

static void *toggler(void *arg)
{
	unsigned int i;

	(void)arg;
	for (i = 0; running(); i++) {
		if (i % 2)
			disable_irq(s.virq[1]);
		else
			disable_irq_nosync(s.virq[1]);
		sched_yield();
		enable_irq(s.virq[1]);
		hu_msleep(1);
	}
	atomic_store(&s.toggles, i);
	return NULL;
}

static void *reader(void *arg)
{
	(void)arg;
	while (running()) {
		struct irqmap_irq_stats st;
		char *text;

		/* printed while mappings are created, used and disposed */
		text = tu_show_interrupts();

		assert_non_null(text);
		free(text);
		for (unsigned int i = 0; i < NR_STABLE; i++) {
			assert_int_equal(irqmap_irq_stats(s.virq[i], &st), 0);
			(void)kstat_irqs(s.virq[i]);
			(void)kstat_irqs_cpu(s.virq[i], 1);
		}
		(void)irqmap_domain_spurious(s.d);
		hu_msleep(2);
	}
	return NULL;
}

static void everything_at_once(struct irq_chip *chip)
{
	struct hu_ctl ctl = { .chip = chip,
			      .flow = { [0] = handle_level_irq,
					[1] = handle_edge_irq,
					[2] = handle_fasteoi_irq,
					[3] = handle_fasteoi_irq,
					[4] = handle_level_irq,
					[5] = handle_edge_irq,
					[6] = handle_fasteoi_irq,
					[7] = handle_simple_irq } };
	pthread_t disp[NR_DISPATCH], tc, tm, tt, tr;
	unsigned long spurious_before, einval = 0;

	memset(&s, 0, sizeof(s));
	assert_int_equal(irqmap_set_nr_cpus(4), 0);
	s.d = hu_domain(&ctl);
	for (unsigned int i = 0; i < NR_STABLE; i++) {
		s.virq[i] = hu_map(s.d, i);
		assert_int_equal(request_irq(s.virq[i], perm_handler,
					     IRQF_SHARED |
					     (i == 3 ? IRQF_ONESHOT : 0),
					     "perm", &s.perm[i]), 0);
	}
	spurious_before = irqmap_domain_spurious(s.d);
	atomic_store(&s.dispatchers_left, NR_DISPATCH);

	/* Unmapped deliveries log, rate-limited; keep them off stderr. */
	tu_log_capture_start();
	for (uintptr_t i = 0; i < NR_DISPATCH; i++)
		assert_int_equal(pthread_create(&disp[i], NULL, dispatcher,
						(void *)i), 0);
	assert_int_equal(pthread_create(&tc, NULL, churner, NULL), 0);
	assert_int_equal(pthread_create(&tm, NULL, mapper, NULL), 0);
	assert_int_equal(pthread_create(&tt, NULL, toggler, NULL), 0);
	assert_int_equal(pthread_create(&tr, NULL, reader, NULL), 0);
	for (int i = 0; i < NR_DISPATCH; i++)
		pthread_join(disp[i], NULL);
	pthread_join(tc, NULL);
	pthread_join(tm, NULL);
	pthread_join(tt, NULL);
	pthread_join(tr, NULL);
	tu_log_capture_stop();

	print_message("stress: %u churned handlers, %u mapping lives, %u disable/enable pairs\n",
		      atomic_load(&s.churned), atomic_load(&s.remapped),
		      atomic_load(&s.toggles));
	assert_int_equal(atomic_load(&s.violations), 0);
	assert_true(atomic_load(&s.churned) >= MIN_CHURN);
	assert_true(atomic_load(&s.remapped) >= MIN_CHURN);

	for (unsigned int i = 0; i < NR_STABLE; i++) {
		unsigned long delivered = 0;
		struct irqmap_irq_stats st = hu_stats(s.virq[i]);
		unsigned long runs = st.handled + st.unhandled;

		for (int t = 0; t < NR_DISPATCH; t++) {
			delivered += s.ok[t][i];
			assert_int_equal(s.einval[t][i], 0);
		}
		print_message("line %u: delivered %lu count %lu deferred %lu replayed %lu resent %lu handled %lu unhandled %lu\n",
			      i, delivered, st.count, st.deferred, st.replayed,
			      st.resent, st.handled, st.unhandled);
		hu_assert_balanced(s.virq[i], delivered);
		assert_int_equal(runs, atomic_load(&s.perm[i].calls));
		if (i != 3) {
			assert_int_equal(st.handled,
					 atomic_load(&s.perm[i].handled));
			assert_int_equal(st.unhandled,
					 atomic_load(&s.perm[i].none));
		} else {
			assert_true(st.handled >=
				    atomic_load(&s.perm[i].handled));
		}
		assert_int_equal(st.nr_actions, 1);
		assert_int_equal(st.depth, 0);
		assert_int_equal(kstat_irqs(s.virq[i]), st.count);
	}
	for (int t = 0; t < NR_DISPATCH; t++)
		for (unsigned int hw = NR_STABLE; hw < NR_LINES; hw++)
			einval += s.einval[t][hw];
	assert_int_equal(irqmap_domain_spurious(s.d) - spurious_before,
			 einval);

	for (unsigned int i = 0; i < NR_STABLE; i++) {
		assert_non_null(free_irq(s.virq[i], &s.perm[i]));
		assert_int_equal(irq_dispose_mapping(s.virq[i]), 0);
	}
	assert_int_equal(irq_domain_mapcount(s.d), 0);
	assert_int_equal(irqmap_check(stderr), 0);
	assert_int_equal(irq_domain_remove(s.d), 0);
	assert_int_equal(hu_chip_overlaps(), 0);
}

static void everything_at_once_balances(void **state)
{
	(void)state;
	everything_at_once(&hu_chip);
}

static void everything_at_once_lock_free_balances(void **state)
{
	(void)state;
	everything_at_once(&hu_chip_fast);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(everything_at_once_balances,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(everything_at_once_lock_free_balances,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
