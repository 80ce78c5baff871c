// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * churn.c - figure 3: the lookup rate of one thread while another creates
 * and disposes mappings in the same domain, against the same without the
 * writer; and the same for the hand-written rwlock and mutex tables.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "bench.h"

#define KEYS 1024

struct churn {
	struct irq_domain *d;
	struct hand_table *hand;
	unsigned long keys[KEYS];
	atomic_bool stop;
	uint64_t writes;
};

static void *writer(void *arg)
{
	struct churn *c = arg;
	unsigned long hw = 1ul << 40;

	while (!atomic_load_explicit(&c->stop, memory_order_relaxed)) {
		if (c->d) {
			unsigned int v = irq_create_mapping(c->d, hw);

			irq_dispose_mapping(v);
		} else {
			hand_table_insert(c->hand, hw, 1);
			hand_table_remove(c->hand, hw);
		}
		hw = (hw + 1) & ((1ul << 40) | 0xffff);
		c->writes++;
	}
	return NULL;
}

/* Lookups per second over @ms milliseconds. */
static double rate(struct churn *c, unsigned int ms)
{
	uint64_t end = bench_now_ns() + (uint64_t)ms * 1000000, n = 0, acc = 0;

	while (bench_now_ns() < end) {
		for (unsigned int i = 0; i < 256; i++) {
			unsigned long k = c->keys[(n + i) % KEYS];

			acc += c->d ? irq_find_mapping(c->d, k)
				    : hand_table_lookup(c->hand, k);
		}
		n += 256;
	}
	return acc ? (double)n * 1000.0 / ms : 0;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median_rate(struct churn *c, bool with_writer)
{
	unsigned int reps = bench_cfg.quick ? 3 : 5;
	unsigned int ms = bench_cfg.quick ? 20 : 300;
	double r[8];

	for (unsigned int i = 0; i < reps; i++) {
		pthread_t t;

		atomic_store(&c->stop, false);
		if (with_writer)
			pthread_create(&t, NULL, writer, c);
		r[i] = rate(c, ms);
		atomic_store(&c->stop, true);
		if (with_writer)
			pthread_join(t, NULL);
	}
	qsort(r, reps, sizeof(r[0]), cmp);
	return r[reps / 2];
}

static void one(const char *name, struct churn *c)
{
	double quiet = median_rate(c, false), busy = median_rate(c, true);
	char what[96];

	bench_note("%-34s %14.0f lookups/s alone, %14.0f with a writer",
		   name, quiet, busy);
	snprintf(what, sizeof(what), "%s: rate with writer / alone", name);
	if (c->d)
		bench_note("ratio: %s = %.2f  (goal >= 0.80: %s)", what,
			   busy / quiet, busy >= 0.8 * quiet ? "met" : "MISSED");
	else
		bench_note("ratio: %s = %.2f", what, busy / quiet);
}

void bench_lookup_churn(void)
{
	struct churn *c = calloc(1, sizeof(*c));
	unsigned int virqs[KEYS];

	printf("\n== 3. lookup under churn (one reader, one writer)\n");
	c->d = irq_domain_create_tree(NULL, &irq_domain_simple_ops, NULL);
	for (unsigned int i = 0; i < KEYS; i++) {
		c->keys[i] = 1000 + 7 * i;
		virqs[i] = irq_create_mapping(c->d, c->keys[i]);
	}
	one("irqmap tree domain", c);
	for (unsigned int i = 0; i < KEYS; i++)
		irq_dispose_mapping(virqs[i]);
	irq_domain_remove(c->d);
	c->d = NULL;

	for (int rw = 1; rw >= 0; rw--) {
		c->hand = hand_table_new(KEYS, rw);
		for (unsigned int i = 0; i < KEYS; i++)
			hand_table_insert(c->hand, c->keys[i], i + 1);
		one(rw ? "hash table + rwlock" : "hash table + mutex", c);
		hand_table_free(c->hand);
	}
	free(c);
}
