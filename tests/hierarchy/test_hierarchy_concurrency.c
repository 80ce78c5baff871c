// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_hierarchy_concurrency.c - threads share and unshare INTx lines and
 * allocate and free MSI vectors through the same hierarchy while a reader
 * looks every level up; at the end every level's callbacks balance.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "hiertest.h"

#define THREADS 4
#define ROUNDS 2000

static struct ht h;
static atomic_int stop;

struct worker {
	unsigned int id;
	unsigned long failures;
};

static void *intx_worker(void *arg)
{
	struct worker *w = arg;

	for (unsigned int i = 0; i < ROUNDS; i++) {
		unsigned int pin = (i + w->id) % 4;
		unsigned int a = ht_map_intx(&h, pin);
		unsigned int b = ht_map_intx(&h, pin);

		if (!a || a != b || irq_mapping_refcount(a) < 2)
			w->failures++;
		if (irq_find_mapping(h.gic.d, 32 + pin) != a)
			w->failures++;
		if (irq_dispose_mapping(a) || irq_dispose_mapping(b))
			w->failures++;
	}
	return NULL;
}

static void *msi_worker(void *arg)
{
	struct worker *w = arg;
	struct ht_msi_arg msi = { 100 + 64 * w->id };

	for (unsigned int i = 0; i < ROUNDS / 4; i++) {
		unsigned int n = 1u << (i % 5);
		int base = irq_domain_alloc_irqs(h.msi.d, n, -1, &msi);

		if (base <= 0) {
			w->failures++;
			continue;
		}
		if (irq_find_mapping(h.gic.d, 512 + msi.hwirq) != (unsigned int)base)
			w->failures++;
		if (irq_domain_free_irqs((unsigned int)base, n))
			w->failures++;
	}
	return NULL;
}

static void *reader(void *arg)
{
	unsigned long *seen = arg;

	while (!atomic_load(&stop)) {
		for (unsigned int pin = 0; pin < 4; pin++) {
			struct irq_desc *desc;

			irqmap_read_lock();
			desc = irq_resolve_mapping(h.intx.d, pin);
			if (desc) {
				struct irq_data *d = irq_desc_get_irq_data(desc);

				/* a published mapping is fully built */
				if (d->parent_data && d->parent_data->domain == h.gic.d)
					(*seen)++;
			}
			irqmap_read_unlock();
		}
	}
	return NULL;
}

static void shared_lines_and_vectors_race(void **state)
{
	pthread_t t[THREADS], r;
	struct worker w[THREADS] = { 0 };
	unsigned long seen = 0;

	ht_create(&h);
	atomic_store(&stop, 0);
	pthread_create(&r, NULL, reader, &seen);
	for (unsigned int i = 0; i < THREADS; i++) {
		w[i].id = i;
		pthread_create(&t[i], NULL, i % 2 ? msi_worker : intx_worker, &w[i]);
	}
	for (unsigned int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(w[i].failures, 0);
	}
	atomic_store(&stop, 1);
	pthread_join(r, NULL);

	assert_int_equal(irq_domain_mapcount(h.gic.d), 0);
	ht_assert_balanced(&h);
	assert_int_equal(irqmap_check(stderr), 0);
	ht_remove(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(shared_lines_and_vectors_race,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
