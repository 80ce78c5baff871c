// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_refcount_race.c - reference counts at their limits, concurrently.
 *
 *  - The last dispose racing irq_domain_remove(): the remove is refused
 *    (-EBUSY) while the mapping exists and succeeds once it is gone, and
 *    nothing else can happen: no crash, no use of the freed domain, ->unmap
 *    exactly once, and a remove that returned 0 saw the unmap done. The
 *    same with two holders disposing, with an extra (stale) dispose from a
 *    third thread, and across a hierarchy (child and root domains).
 *  - Creates racing across the saturation point: the count stops at
 *    IRQMAP_REFCOUNT_SATURATED, one warning says so, and racing disposes
 *    never move it again.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "core.h"

#ifdef IRQMAP_TSAN
#define ROUNDS		300
#else
#define ROUNDS		3000
#endif
#define NR_RACERS	3

/* ---- dispose against remove ---- */

enum race_kind {
	ONE_HOLDER,		/* one reference: its dispose is the last */
	TWO_HOLDERS,		/* two references, disposed from two threads */
	STALE_DISPOSE,		/* one reference, then an extra dispose */
	HIERARCHY,		/* a line through a child and its root */
};

struct race {
	enum race_kind kind;
	pthread_barrier_t start, end;
	atomic_bool quit;
	struct irq_domain *d, *root;
	struct fwnode_handle fw, root_fw;
	unsigned int virq;
	atomic_uint unmaps;
	atomic_uint zeros;	/* disposes that returned 0 */
	atomic_uint enoents;	/* disposes that returned -ENOENT */
	atomic_int remove_ret;
	atomic_uint bad;
	unsigned int round;
	unsigned long busy, removed;	/* outcomes of the remove */
};

static struct race r;

static void bad(const char *what)
{
	if (atomic_fetch_add(&r.bad, 1) == 0)
		print_message("round %u (kind %d): %s\n", r.round, r.kind, what);
}

static int race_map(struct irq_domain *d, unsigned int virq,
		    irq_hw_number_t hw)
{
	return irq_set_chip(virq, &dummy_irq_chip);
}

static void race_unmap(struct irq_domain *d, unsigned int virq)
{
	atomic_fetch_add(&r.unmaps, 1);
}

static const struct irq_domain_ops race_ops = {
	.map = race_map,
	.unmap = race_unmap,
	.xlate = irq_domain_xlate_onecell,
};

static int root_alloc(struct irq_domain *d, unsigned int virq,
		      unsigned int nr, void *arg)
{
	struct irq_fwspec *spec = arg;

	return irq_domain_set_hwirq_and_chip(d, virq, spec->param[0],
					     &dummy_irq_chip, NULL);
}

static const struct irq_domain_ops root_ops = {
	.translate = irq_domain_translate_onecell,
	.alloc = root_alloc,
	.free = irq_domain_free_irqs_common,
};

static int child_alloc(struct irq_domain *d, unsigned int virq,
		       unsigned int nr, void *arg)
{
	struct irq_fwspec *spec = arg;
	struct irq_fwspec parent = {
		.fwnode = d->parent->fwnode, .param_count = 1,
		.param = { 100 + spec->param[0] },
	};

	irq_domain_set_hwirq_and_chip(d, virq, spec->param[0], &dummy_irq_chip,
				      NULL);
	return irq_domain_alloc_irqs_parent(d, virq, nr, &parent);
}

static void child_free(struct irq_domain *d, unsigned int virq,
		       unsigned int nr)
{
	atomic_fetch_add(&r.unmaps, 1);
	irq_domain_free_irqs_top(d, virq, nr);
}

static const struct irq_domain_ops child_ops = {
	.translate = irq_domain_translate_onecell,
	.alloc = child_alloc,
	.free = child_free,
};

/* A few dozen iterations of nothing, differently per round and thread. */
static void jitter(unsigned int salt)
{
	unsigned int n = (r.round * 2654435761u + salt * 40503u) >> 26;

	for (volatile unsigned int i = 0; i < n; i++)
		;
}

/* References taken on the line. */
static unsigned int holders(void)
{
	return r.kind == TWO_HOLDERS ? 2 : 1;
}

/* Disposes made: one per reference, one more for a stale dispose. */
static unsigned int disposes(void)
{
	return holders() + (r.kind == STALE_DISPOSE);
}

static void *disposer(void *arg)
{
	unsigned int id = (unsigned int)(uintptr_t)arg;

	for (;;) {
		pthread_barrier_wait(&r.start);
		if (atomic_load(&r.quit))
			return NULL;
		jitter(id + 1);
		if (id < disposes()) {
			/*
			 * Whichever runs first drops a reference; a dispose
			 * once too often finds nothing: never a crash.
			 */
			int ret = irq_dispose_mapping(r.virq);

			if (ret == 0)
				atomic_fetch_add(&r.zeros, 1);
			else if (ret == -ENOENT)
				atomic_fetch_add(&r.enoents, 1);
			else
				bad("a dispose returned neither 0 nor -ENOENT");
		}
		pthread_barrier_wait(&r.end);
	}
}

static void *remover(void *arg)
{
	(void)arg;
	for (;;) {
		bool all_done;
		int ret;

		pthread_barrier_wait(&r.start);
		if (atomic_load(&r.quit))
			return NULL;
		jitter(7);
		/* every reference gone before we start: the remove succeeds */
		all_done = atomic_load(&r.zeros) == holders();
		ret = irq_domain_remove(r.d);
		atomic_store(&r.remove_ret, ret);
		if (ret == 0 && atomic_load(&r.unmaps) != 1)
			bad("removed while the line was still mapped");
		if (ret != 0 && ret != -EBUSY)
			bad("remove returned neither 0 nor -EBUSY");
		if (ret == -EBUSY && all_done)
			bad("remove refused after the last dispose returned");
		pthread_barrier_wait(&r.end);
	}
}

static void set_up_round(void)
{
	struct irq_fwspec spec = { .fwnode = &r.fw, .param_count = 1,
				   .param = { 3 } };

	atomic_store(&r.unmaps, 0);
	atomic_store(&r.zeros, 0);
	atomic_store(&r.enoents, 0);
	if (r.kind == HIERARCHY) {
		r.root = irq_domain_create_linear(&r.root_fw, 256, &root_ops,
						  NULL);
		assert_non_null(r.root);
		r.d = irq_domain_create_hierarchy(r.root, 0, 8, &r.fw,
						  &child_ops, NULL);
	} else {
		r.d = irq_domain_create_linear(&r.fw, 8, &race_ops, NULL);
	}
	assert_non_null(r.d);
	r.virq = irq_create_fwspec_mapping(&spec);
	assert_int_not_equal(r.virq, 0);
	for (unsigned int i = 1; i < holders(); i++)
		assert_int_equal(irq_create_fwspec_mapping(&spec), r.virq);
}

static void finish_round(void)
{
	int ret = atomic_load(&r.remove_ret);

	if (atomic_load(&r.unmaps) != 1)
		bad("the line was not unmapped exactly once");
	if (atomic_load(&r.zeros) != holders() ||
	    atomic_load(&r.enoents) != disposes() - holders())
		bad("not one dispose per reference");
	if (ret == -EBUSY) {
		r.busy++;
		assert_int_equal(irq_domain_remove(r.d), 0);
	} else {
		r.removed++;
	}
	if (r.kind == HIERARCHY) {
		/* the child is gone: the root is free to go */
		assert_int_equal(irq_domain_remove(r.root), 0);
	}
	assert_int_equal(irq_mapping_refcount(r.virq), 0);
	if (atomic_load(&r.bad)) {
		assert_int_equal(irqmap_check(stderr), 0);
		fail_msg("%u bad outcomes", atomic_load(&r.bad));
	}
}

static void race_rounds(enum race_kind kind)
{
	pthread_t t[NR_RACERS], rm;

	memset(&r, 0, sizeof(r));
	r.kind = kind;
	fwnode_init(&r.fw, FWNODE_KIND_USER, "racer", NULL);
	fwnode_init(&r.root_fw, FWNODE_KIND_USER, "racer-root", NULL);
	pthread_barrier_init(&r.start, NULL, NR_RACERS + 2);
	pthread_barrier_init(&r.end, NULL, NR_RACERS + 2);
	for (uintptr_t i = 0; i < NR_RACERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, disposer,
						(void *)i), 0);
	assert_int_equal(pthread_create(&rm, NULL, remover, NULL), 0);
	tu_log_capture_start();		/* -EBUSY and -ENOENT are logged */
	for (r.round = 0; r.round < ROUNDS; r.round++) {
		set_up_round();
		pthread_barrier_wait(&r.start);
		pthread_barrier_wait(&r.end);
		finish_round();
	}
	atomic_store(&r.quit, true);
	pthread_barrier_wait(&r.start);
	for (int i = 0; i < NR_RACERS; i++)
		pthread_join(t[i], NULL);
	pthread_join(rm, NULL);
	tu_log_capture_stop();
	pthread_barrier_destroy(&r.start);
	pthread_barrier_destroy(&r.end);
	print_message("%d rounds: remove refused %lu times, succeeded %lu times\n",
		      ROUNDS, r.busy, r.removed);
	assert_int_equal(irqmap_check(stderr), 0);
}

static void last_dispose_races_remove(void **state)
{
	(void)state;
	race_rounds(ONE_HOLDER);
}

static void two_holders_race_remove(void **state)
{
	(void)state;
	race_rounds(TWO_HOLDERS);
}

static void stale_dispose_races_remove(void **state)
{
	(void)state;
	race_rounds(STALE_DISPOSE);
}

static void hierarchy_dispose_races_child_remove(void **state)
{
	(void)state;
	race_rounds(HIERARCHY);
}

/* ---- saturation, concurrently ---- */

#define SAT_THREADS	4
#define SAT_CREATES	200

static struct irq_domain *sat_domain;
static unsigned int sat_virq;
static atomic_uint sat_wrong;

static void *saturating_creator(void *arg)
{
	struct irq_fwspec spec = { .fwnode = sat_domain->fwnode,
				   .param_count = 1, .param = { 5 } };

	for (int i = 0; i < SAT_CREATES; i++) {
		unsigned int v = (uintptr_t)arg & 1 ?
				 irq_create_fwspec_mapping(&spec) :
				 irq_create_mapping(sat_domain, 5);

		if (v != sat_virq)
			atomic_fetch_add(&sat_wrong, 1);
		/* racing disposes: before saturation they cancel a create */
		if (i % 4 == 3 && irq_dispose_mapping(sat_virq))
			atomic_fetch_add(&sat_wrong, 1);
	}
	return NULL;
}

static void set_count(unsigned int virq, unsigned int v)
{
	struct irq_mapping *m;

	irqmap_read_lock();
	m = irqm_virq_to_mapping(virq);
	assert_non_null(m);
	irqm_ref_init(&m->ref, v);
	irqmap_read_unlock();
}

static void creates_saturate_once_concurrently(void **state)
{
	struct tu_counts c = { 0 };
	struct fwnode_handle fw;
	pthread_t t[SAT_THREADS];

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "sat-race", NULL);
	sat_domain = irq_domain_create_linear(&fw, 8, &tu_counting_ops, &c);
	assert_non_null(sat_domain);
	sat_virq = irq_create_mapping(sat_domain, 5);
	assert_int_not_equal(sat_virq, 0);
	/* a net gain of 150 per thread carries it well past the maximum */
	set_count(sat_virq, IRQMAP_REFCOUNT_MAX - 100);
	atomic_store(&sat_wrong, 0);
	tu_log_capture_start();
	for (uintptr_t i = 0; i < SAT_THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, saturating_creator,
						(void *)i), 0);
	for (int i = 0; i < SAT_THREADS; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(atomic_load(&sat_wrong), 0);
	assert_int_equal(irq_mapping_refcount(sat_virq),
			 IRQMAP_REFCOUNT_SATURATED);
	/* exactly one create saturated it, and said so once */
	assert_int_equal(tu_log_count_matching("saturated"), 1);
	tu_log_capture_stop();
	assert_int_equal(c.unmap, 0);
	assert_int_equal(irq_find_mapping(sat_domain, 5), sat_virq);
	assert_int_equal(irqmap_check(stderr), 0);
	/* leaked on purpose: irqmap_exit() reports and frees it */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(last_dispose_races_remove,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(two_holders_race_remove,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(stale_dispose_races_remove,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(hierarchy_dispose_races_child_remove,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(creates_saturate_once_concurrently,
						tu_setup, tu_teardown_expect_busy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
