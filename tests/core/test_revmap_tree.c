// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_revmap_tree.c - the tree domains' hash table on its own: deleted
 * slots, growth, shrinking, reserve failures, and lookups that never miss
 * a stable key while a writer churns and rehashes the table.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "testutil.h"
#include "alloc.h"
#include "revmap_tree.h"

struct table {
	_Atomic(struct irqm_tree *) t;
};

static struct irqm_tree *cur(struct table *tb)
{
	return atomic_load(&tb->t);
}

static void put(struct table *tb, irq_hw_number_t hw, unsigned int virq)
{
	assert_int_equal(irqm_tree_reserve(&tb->t, 1), 0);
	irqm_tree_insert(cur(tb), hw, virq);
}

static unsigned int find(struct table *tb, irq_hw_number_t hw)
{
	unsigned int v;

	irqmap_read_lock();
	v = irqm_tree_find(cur(tb), hw);
	irqmap_read_unlock();
	return v;
}

static void setup_table(struct table *tb)
{
	struct irqm_tree *t = irqm_tree_new(0);

	assert_non_null(t);
	atomic_init(&tb->t, t);
}

static void teardown_table(struct table *tb)
{
	irqm_synchronize_rcu();
	irqm_tree_destroy(cur(tb));
}

static void deleted_slots_and_extreme_keys(void **state)
{
	struct table tb;
	const irq_hw_number_t keys[] = { 0, 1, ~0ul, ~0ul - 1, 1ul << 63, 77 };

	(void)state;
	setup_table(&tb);
	for (unsigned int i = 0; i < 6; i++)
		put(&tb, keys[i], 100 + i);
	for (unsigned int i = 0; i < 6; i++)
		assert_int_equal(find(&tb, keys[i]), 100 + i);
	assert_int_equal(find(&tb, 2), 0);

	assert_true(irqm_tree_remove(cur(&tb), ~0ul));
	assert_false(irqm_tree_remove(cur(&tb), ~0ul));	/* already gone */
	assert_false(irqm_tree_remove(cur(&tb), 12345));	/* never there */
	assert_int_equal(find(&tb, ~0ul), 0);
	assert_int_equal(irqm_tree_count(cur(&tb)), 5);

	/* the same key comes back in its old slot, with its new virq */
	put(&tb, ~0ul, 999);
	assert_int_equal(find(&tb, ~0ul), 999);
	assert_int_equal(irqm_tree_count(cur(&tb)), 6);
	teardown_table(&tb);
}

static int cmp_hw(const void *a, const void *b)
{
	irq_hw_number_t x = *(const irq_hw_number_t *)a;
	irq_hw_number_t y = *(const irq_hw_number_t *)b;

	return x < y ? -1 : x > y;
}

static void grows_and_collects_everything(void **state)
{
	enum { N = 20000 };
	static irq_hw_number_t hw[N];
	static unsigned int virqs[N];
	struct table tb;
	unsigned long n;

	(void)state;
	setup_table(&tb);
	for (unsigned int i = 0; i < N; i++)
		put(&tb, (irq_hw_number_t)i * 7919 + 3, i + 1);
	assert_int_equal(irqm_tree_count(cur(&tb)), N);
	/* at most three quarters in use, at least a quarter once grown */
	assert_true(irqm_tree_capacity(cur(&tb)) >= N * 4 / 3);
	assert_true(irqm_tree_capacity(cur(&tb)) <= N * 4);
	for (unsigned int i = 0; i < N; i++)
		assert_int_equal(find(&tb, (irq_hw_number_t)i * 7919 + 3), i + 1);

	n = irqm_tree_collect(cur(&tb), hw, virqs);
	assert_int_equal(n, N);
	for (unsigned int i = 0; i < N; i++)
		assert_int_equal(hw[i], (irq_hw_number_t)(virqs[i] - 1) * 7919 + 3);
	qsort(hw, N, sizeof(hw[0]), cmp_hw);
	for (unsigned int i = 1; i < N; i++)
		assert_true(hw[i - 1] < hw[i]);
	teardown_table(&tb);
}

static void churn_stays_bounded_and_shrinks(void **state)
{
	struct table tb;
	unsigned long peak = 0;

	(void)state;
	setup_table(&tb);
	/* 100 live keys, 200,000 distinct keys through the table */
	for (unsigned int i = 0; i < 200000; i++) {
		put(&tb, i, i + 1);
		if (i >= 100)
			assert_true(irqm_tree_remove(cur(&tb), i - 100));
		if (irqm_tree_capacity(cur(&tb)) > peak)
			peak = irqm_tree_capacity(cur(&tb));
	}
	assert_int_equal(irqm_tree_count(cur(&tb)), 100);
	assert_true(peak <= 512);	/* deleted slots are swept, not grown over */

	for (unsigned int i = 0; i < 5000; i++)
		put(&tb, 1000000 + i, i + 1);
	for (unsigned int i = 0; i < 5000; i++)
		assert_true(irqm_tree_remove(cur(&tb), 1000000 + i));
	assert_true(irqm_tree_capacity(cur(&tb)) >= 8192);
	/* the next reserve gives the memory back */
	assert_int_equal(irqm_tree_reserve(&tb.t, 1), 0);
	assert_true(irqm_tree_capacity(cur(&tb)) <= 512);
	for (unsigned int i = 199900; i < 200000; i++)
		assert_int_equal(find(&tb, i), i + 1);
	teardown_table(&tb);
}

static void reserve_failure_changes_nothing(void **state)
{
	struct table tb;
	struct irqm_tree *before;
	unsigned long cap;

	(void)state;
	setup_table(&tb);
	for (unsigned int i = 0; i < 12; i++)
		put(&tb, i, i + 1);
	before = cur(&tb);
	cap = irqm_tree_capacity(before);
	irqm_fault_arm(1);
	assert_int_equal(irqm_tree_reserve(&tb.t, 1000), -ENOMEM);
	assert_true(irqm_fault_hit());
	irqm_fault_arm(0);
	assert_ptr_equal(cur(&tb), before);
	assert_int_equal(irqm_tree_capacity(cur(&tb)), cap);
	for (unsigned int i = 0; i < 12; i++)
		assert_int_equal(find(&tb, i), i + 1);
	/* an absurd reservation is refused, not wrapped */
	assert_int_equal(irqm_tree_reserve(&tb.t, ~0ul), -ENOMEM);
	teardown_table(&tb);
}

/*
 * Readers look up 64 stable keys without pause while the writer inserts
 * and removes others, forcing growth, sweeps and shrinks: a stable key must
 * never be missing or carry another virq, whichever table a reader holds.
 */
#define STABLE		4096
#define CHURN_ROUNDS	300000

struct race {
	struct table tb;
	atomic_bool stop;
	atomic_ulong bad, reads;
};

static void *race_reader(void *arg)
{
	struct race *r = arg;

	while (!atomic_load(&r->stop)) {
		for (unsigned int i = 0; i < STABLE; i++) {
			unsigned int v = find(&r->tb, (irq_hw_number_t)i << 40);

			if (v != 5000 + i)
				atomic_fetch_add(&r->bad, 1);
		}
		atomic_fetch_add(&r->reads, STABLE);
	}
	return NULL;
}

static void lookups_never_miss_during_rehash(void **state)
{
	struct race r = { 0 };
	pthread_t t;

	(void)state;
	setup_table(&r.tb);
	for (unsigned int i = 0; i < STABLE; i++)
		put(&r.tb, (irq_hw_number_t)i << 40, 5000 + i);
	assert_int_equal(pthread_create(&t, NULL, race_reader, &r), 0);
	while (atomic_load(&r.reads) == 0)
		sched_yield();
	for (unsigned int round = 0; round < CHURN_ROUNDS; round++) {
		/* waves of 0..1023 extra keys: grow, sweep and shrink */
		unsigned int wave = round % 2048 < 1024 ? round % 1024
							 : 1023 - round % 1024;
		irq_hw_number_t k = 1000 + round;

		put(&r.tb, k, 1);
		if (round >= wave)
			irqm_tree_remove(cur(&r.tb), k - wave);
	}
	atomic_store(&r.stop, true);
	pthread_join(t, NULL);
	assert_int_equal(atomic_load(&r.bad), 0);
	assert_true(atomic_load(&r.reads) > 0);
	teardown_table(&r.tb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(deleted_slots_and_extreme_keys,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(grows_and_collects_everything,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(churn_stays_bounded_and_shrinks,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(reserve_failure_changes_nothing,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(lookups_never_miss_during_rehash,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
