// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_concurrency.c - creates, disposes and lock-free lookups racing on the same lines. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"
#include "core.h"

#define NR_WORKERS	4
#define ITERS		1500
#define NR_SHARED	4	/* lines every worker maps */
#define NR_LINES	(NR_SHARED + NR_WORKERS)	/* + one private each */
#define MAX_HOLD	3

/*
 * Line i of a test domain is hwirq hw_of(i): consecutive in linear domains,
 * spread over 64 bits in tree domains.
 */
struct line_state {
	atomic_int live;		/* mappings alive: 0 or 1, never 2 */
	atomic_uint virq;		/* the live mapping's virq */
};

struct cdom {
	struct irq_domain *d;
	struct fwnode_handle fw;
	bool tree;
	atomic_ulong map, unmap;
	atomic_ulong bad_map;		/* ->map while the line was mapped */
	atomic_ulong bad_unmap;		/* ->unmap of something not live */
	struct line_state line[NR_LINES];
};

static irq_hw_number_t hw_of(const struct cdom *cd, unsigned int i)
{
	return cd->tree ? ((irq_hw_number_t)i << 40) | (i * 977u) : i;
}

static int line_of(const struct cdom *cd, irq_hw_number_t hw)
{
	for (unsigned int i = 0; i < NR_LINES; i++)
		if (hw_of(cd, i) == hw)
			return (int)i;
	return -1;
}

/* Callbacks run under the root mutex: each line has at most one mapping. */
static int cdom_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hw)
{
	struct cdom *cd = d->host_data;
	int i = line_of(cd, hw);

	atomic_fetch_add(&cd->map, 1);
	if (i < 0 || atomic_fetch_add(&cd->line[i].live, 1) != 0)
		atomic_fetch_add(&cd->bad_map, 1);
	else
		atomic_store(&cd->line[i].virq, virq);
	return irq_set_chip(virq, &dummy_irq_chip);
}

static void cdom_unmap(struct irq_domain *d, unsigned int virq)
{
	struct cdom *cd = d->host_data;
	struct irq_data *data = irq_get_irq_data(virq);
	int i = data ? line_of(cd, data->hwirq) : -1;

	atomic_fetch_add(&cd->unmap, 1);
	if (i < 0 || atomic_load(&cd->line[i].virq) != virq ||
	    atomic_fetch_sub(&cd->line[i].live, 1) != 1)
		atomic_fetch_add(&cd->bad_unmap, 1);
}

static const struct irq_domain_ops cdom_ops = {
	.map = cdom_map,
	.unmap = cdom_unmap,
	.xlate = irq_domain_xlate_onetwocell,
};

static void cdom_init(struct cdom *cd, bool tree, const char *name)
{
	*cd = (struct cdom){ .tree = tree };
	fwnode_init(&cd->fw, FWNODE_KIND_USER, name, NULL);
	cd->d = tree ? irq_domain_create_tree(&cd->fw, &cdom_ops, cd) :
		       irq_domain_create_linear(&cd->fw, NR_LINES, &cdom_ops, cd);
	assert_non_null(cd->d);
}

/* Everything created was disposed: callbacks balance, nothing is left. */
static void cdom_assert_clean(struct cdom *cd)
{
	assert_int_equal(atomic_load(&cd->bad_map), 0);
	assert_int_equal(atomic_load(&cd->bad_unmap), 0);
	assert_true(atomic_load(&cd->map) > 0);
	assert_int_equal(atomic_load(&cd->map), atomic_load(&cd->unmap));
	assert_int_equal(irq_domain_mapcount(cd->d), 0);
	for (unsigned int i = 0; i < NR_LINES; i++) {
		assert_int_equal(atomic_load(&cd->line[i].live), 0);
		assert_int_equal(irq_find_mapping(cd->d, hw_of(cd, i)), 0);
	}
	assert_int_equal(irqmap_check(stderr), 0);
	assert_int_equal(irq_domain_remove(cd->d), 0);
}

struct run {
	struct cdom *dom[2];
	unsigned int nr_dom;
	bool use_fwspec;		/* odd workers map through specifiers */
	atomic_bool stop;
	atomic_ulong errors;		/* every broken expectation */
	atomic_ulong reads;
	pthread_barrier_t start;
};

struct worker {
	struct run *run;
	unsigned int id;
	unsigned int seed;
};

/*
 * liburcu-bp gives the reader slot of an exited thread to the next thread
 * that registers, under a lock ThreadSanitizer cannot see (liburcu is not
 * instrumented). Each thread therefore registers (its first read-side
 * section) before any of them may exit, and threads of earlier tests were
 * joined before these were created.
 */
static void thread_start(struct run *r)
{
	irqmap_read_lock();
	irqmap_read_unlock();
	pthread_barrier_wait(&r->start);
}

/* Threads cannot use cmocka's asserts: they count, the main thread asserts. */
static void broken(struct run *r, const char *what)
{
	if (atomic_fetch_add(&r->errors, 1) < 10)
		fprintf(stderr, "broken: %s\n", what);
}

/* A virq returned by a create always leads back to a live mapping. */
static unsigned int settle(struct run *r, unsigned int v)
{
	if (v && !irq_mapping_refcount(v))
		broken(r, "a created virq has no mapping");
	return v;
}

/* Specifier cells are 32 bits: use_fwspec runs on linear domains only. */
static unsigned int create_one(struct run *r, struct cdom *cd, unsigned int i,
			       bool fwspec)
{
	if (fwspec) {
		struct irq_fwspec f = { .fwnode = &cd->fw, .param_count = 2 };

		f.param[0] = (uint32_t)hw_of(cd, i);
		f.param[1] = IRQ_TYPE_EDGE_RISING;
		return settle(r, irq_create_fwspec_mapping(&f));
	}
	return settle(r, irq_create_mapping(cd->d, hw_of(cd, i)));
}

/*
 * While references are held the mapping must stay what it is: found by a
 * lookup, with a descriptor of the right virq and hwirq, counted at least
 * as many times as this thread holds it.
 */
static void check_held(struct run *r, struct cdom *cd, unsigned int i,
		       unsigned int v, unsigned int held)
{
	struct irq_data *data = irq_get_irq_data(v);
	unsigned int n = irq_mapping_refcount(v);

	if (irq_find_mapping(cd->d, hw_of(cd, i)) != v || !data ||
	    data->irq != v || data->hwirq != hw_of(cd, i) ||
	    data->domain != cd->d || n < held || n > IRQMAP_REFCOUNT_MAX)
		broken(r, "held mapping changed under its holder");
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct run *r = w->run;
	bool fwspec = r->use_fwspec && (w->id & 1);

	thread_start(r);
	for (unsigned int it = 0; it < ITERS; it++) {
		struct cdom *cd = r->dom[rand_r(&w->seed) % r->nr_dom];
		unsigned int hold = 1 + rand_r(&w->seed) % MAX_HOLD;
		unsigned int i, v = 0;

		/* Mostly the shared lines, sometimes this worker's own. */
		if (rand_r(&w->seed) % 4)
			i = rand_r(&w->seed) % NR_SHARED;
		else
			i = NR_SHARED + w->id;

		for (unsigned int h = 0; h < hold; h++) {
			unsigned int got = create_one(r, cd, i, fwspec);

			if (!got || (v && got != v))
				broken(r, "create gave 0 or another virq");
			v = got;
			check_held(r, cd, i, v, h + 1);
		}
		/* A private line is this thread's alone: exact count. */
		if (i >= NR_SHARED && irq_mapping_refcount(v) != hold)
			broken(r, "private line count is not what was taken");
		if (fwspec && irq_get_trigger_type(v) != IRQ_TYPE_EDGE_RISING)
			broken(r, "specifier's type not set");
		for (unsigned int h = hold; h > 0; h--) {
			check_held(r, cd, i, v, h);
			if (irq_dispose_mapping(v))
				broken(r, "dispose of a held reference failed");
		}
		if (i >= NR_SHARED &&
		    (irq_find_mapping(cd->d, hw_of(cd, i)) || irq_to_desc(v)))
			broken(r, "private line still mapped after last dispose");
	}
	return NULL;
}

/* Lock-free lookups on every line while the workers churn. */
static void *reader_main(void *arg)
{
	struct run *r = arg;
	unsigned long loops = 0;

	thread_start(r);
	while (!atomic_load(&r->stop) || loops < 100) {
		for (unsigned int k = 0; k < r->nr_dom; k++) {
			struct cdom *cd = r->dom[k];

			for (unsigned int i = 0; i < NR_LINES; i++) {
				irq_hw_number_t hw = hw_of(cd, i);
				unsigned int v = irq_find_mapping(cd->d, hw);
				unsigned int n = v ? irq_mapping_refcount(v) : 0;
				struct irq_desc *desc;

				if (n > IRQMAP_REFCOUNT_MAX)
					broken(r, "reader saw a wild count");
				irqmap_read_lock();
				desc = irq_resolve_mapping(cd->d, hw);
				if (desc) {
					struct irq_data *data =
						irq_desc_get_irq_data(desc);

					if (data->hwirq != hw ||
					    data->domain != cd->d ||
					    data->irq != irq_desc_get_irq(desc) ||
					    !irq_desc_get_irq(desc))
						broken(r, "resolved descriptor of another line");
				}
				if (v) {
					desc = irq_to_desc(v);
					if (desc && irq_desc_get_irq(desc) != v)
						broken(r, "descriptor of another virq");
				}
				irqmap_read_unlock();
			}
		}
		loops++;
	}
	atomic_store(&r->reads, loops);
	return NULL;
}

static void run_threads(struct run *r)
{
	pthread_t wt[NR_WORKERS], rt;
	struct worker w[NR_WORKERS];

	atomic_init(&r->stop, false);
	atomic_init(&r->errors, 0);
	atomic_init(&r->reads, 0);
	assert_int_equal(pthread_barrier_init(&r->start, NULL, NR_WORKERS + 1), 0);
	tu_log_capture_start();
	assert_int_equal(pthread_create(&rt, NULL, reader_main, r), 0);
	for (unsigned int i = 0; i < NR_WORKERS; i++) {
		w[i] = (struct worker){ .run = r, .id = i, .seed = 1234 + i };
		assert_int_equal(pthread_create(&wt[i], NULL, worker_main, &w[i]), 0);
	}
	for (unsigned int i = 0; i < NR_WORKERS; i++)
		pthread_join(wt[i], NULL);
	atomic_store(&r->stop, true);
	pthread_join(rt, NULL);
	pthread_barrier_destroy(&r->start);
	if (tu_log_count())
		tu_log_dump(stderr);
	/* Nothing went wrong, so nothing was said. */
	assert_int_equal(tu_log_count(), 0);
	tu_log_capture_stop();
	assert_int_equal(atomic_load(&r->errors), 0);
	assert_true(atomic_load(&r->reads) >= 100);
}

static void same_and_private_lines_linear(void **state)
{
	struct cdom cd;
	struct run r = { .dom = { &cd }, .nr_dom = 1 };

	(void)state;
	cdom_init(&cd, false, "conc-linear");
	run_threads(&r);
	cdom_assert_clean(&cd);
}

static void same_and_private_lines_tree(void **state)
{
	struct cdom cd;
	struct run r = { .dom = { &cd }, .nr_dom = 1 };

	(void)state;
	cdom_init(&cd, true, "conc-tree");
	run_threads(&r);
	cdom_assert_clean(&cd);
}

static void two_unrelated_domains(void **state)
{
	struct cdom a, b;
	struct run r = { .dom = { &a, &b }, .nr_dom = 2 };

	(void)state;
	cdom_init(&a, false, "conc-a");
	cdom_init(&b, true, "conc-b");
	run_threads(&r);
	cdom_assert_clean(&a);
	cdom_assert_clean(&b);
}

static void specifiers_and_plain_creates_share(void **state)
{
	struct cdom cd;
	struct run r = { .dom = { &cd }, .nr_dom = 1, .use_fwspec = true };

	(void)state;
	cdom_init(&cd, false, "conc-fwspec");
	run_threads(&r);
	cdom_assert_clean(&cd);
}

/*
 * Lines that stay mapped throughout (one reference held by the test)
 * never lose it however the others churn.
 */
static void held_lines_survive_churn(void **state)
{
	struct cdom cd;
	struct run r = { .dom = { &cd }, .nr_dom = 1 };
	unsigned int v[NR_SHARED];

	(void)state;
	cdom_init(&cd, true, "conc-held");
	for (unsigned int i = 0; i < NR_SHARED; i += 2)
		v[i] = irq_create_mapping(cd.d, hw_of(&cd, i));
	run_threads(&r);
	for (unsigned int i = 0; i < NR_SHARED; i += 2) {
		assert_int_equal(irq_find_mapping(cd.d, hw_of(&cd, i)), v[i]);
		assert_int_equal(irq_mapping_refcount(v[i]), 1);
		assert_int_equal(irq_dispose_mapping(v[i]), 0);
	}
	/* Each held line was mapped once, before the threads started. */
	for (unsigned int i = 0; i < NR_SHARED; i += 2)
		assert_int_equal(irq_find_mapping(cd.d, hw_of(&cd, i)), 0);
	cdom_assert_clean(&cd);
}

/* Reference tracking with holders on several threads at once. */
#define REF_ROUNDS	40

struct refs_run {
	struct irq_domain *d;
	pthread_barrier_t step;		/* workers and the main thread */
	atomic_ulong errors;
};

struct refs_worker {
	struct refs_run *rr;
	unsigned int id;
};

static void *refs_worker_main(void *arg)
{
	struct refs_worker *w = arg;
	struct refs_run *rr = w->rr;
	char owner[16];

	snprintf(owner, sizeof(owner), "drv-%u", w->id);
	irqmap_debug_set_owner(owner);
	irqmap_read_lock();
	irqmap_read_unlock();
	pthread_barrier_wait(&rr->step);
	for (unsigned int round = 0; round < REF_ROUNDS; round++) {
		unsigned int v = 0;

		/* Take id + 1 references, all at once with the others. */
		for (unsigned int k = 0; k <= w->id; k++) {
			unsigned int got = irq_create_mapping(rr->d, 3);

			if (!got || (v && got != v) || !irq_mapping_refcount(got))
				atomic_fetch_add(&rr->errors, 1);
			v = got;
		}
		pthread_barrier_wait(&rr->step);	/* main counts */
		pthread_barrier_wait(&rr->step);
		/* Drop all but one. */
		for (unsigned int k = 0; k < w->id; k++)
			if (irq_dispose_mapping(v))
				atomic_fetch_add(&rr->errors, 1);
		pthread_barrier_wait(&rr->step);	/* main counts */
		pthread_barrier_wait(&rr->step);
		if (irq_dispose_mapping(v))
			atomic_fetch_add(&rr->errors, 1);
		pthread_barrier_wait(&rr->step);	/* main checks it is gone */
		pthread_barrier_wait(&rr->step);
	}
	irqmap_debug_set_owner(NULL);
	return NULL;
}

static int show_refs_of(FILE *f, void *arg)
{
	return irqmap_show_refs(f, *(unsigned int *)arg);
}

/* irqmap_show_refs() of @virq: the count, and the records of each owner. */
static void assert_holders(unsigned int virq, const unsigned int per_owner[])
{
	unsigned int total = 0;
	char *out;
	int n;

	out = tu_capture_output(show_refs_of, &virq, &n);
	assert_non_null(out);
	for (unsigned int i = 0; i < NR_WORKERS; i++) {
		char label[32];
		unsigned int seen = 0;

		snprintf(label, sizeof(label), " for drv-%u\n", i);
		for (const char *p = out; (p = strstr(p, label)); p++)
			seen++;
		assert_int_equal(seen, per_owner[i]);
		total += per_owner[i];
	}
	assert_int_equal(n, total);
	assert_int_equal(irq_mapping_refcount(virq), total);
	free(out);
}

static void every_holder_is_tracked_across_threads(void **state)
{
	struct refs_run rr = { 0 };
	struct refs_worker w[NR_WORKERS];
	pthread_t t[NR_WORKERS];
	unsigned int all[NR_WORKERS], one[NR_WORKERS];

	(void)state;
	assert_true(irqmap_debug_refs_enabled());
	rr.d = irq_domain_create_tree(NULL, &tu_counting_ops,
				      &(struct tu_counts){ 0 });
	assert_non_null(rr.d);
	assert_int_equal(pthread_barrier_init(&rr.step, NULL, NR_WORKERS + 1), 0);
	for (unsigned int i = 0; i < NR_WORKERS; i++) {
		all[i] = i + 1;
		one[i] = 1;
		w[i] = (struct refs_worker){ .rr = &rr, .id = i };
		assert_int_equal(pthread_create(&t[i], NULL, refs_worker_main,
						&w[i]), 0);
	}
	pthread_barrier_wait(&rr.step);
	for (unsigned int round = 0; round < REF_ROUNDS; round++) {
		unsigned int v;

		pthread_barrier_wait(&rr.step);
		v = irq_find_mapping(rr.d, 3);
		assert_int_not_equal(v, 0);
		assert_holders(v, all);
		pthread_barrier_wait(&rr.step);
		pthread_barrier_wait(&rr.step);
		/* Each thread's disposes dropped its own records. */
		assert_holders(v, one);
		pthread_barrier_wait(&rr.step);
		pthread_barrier_wait(&rr.step);
		assert_int_equal(irq_find_mapping(rr.d, 3), 0);
		pthread_barrier_wait(&rr.step);
	}
	for (unsigned int i = 0; i < NR_WORKERS; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&rr.step);
	assert_int_equal(atomic_load(&rr.errors), 0);
	assert_int_equal(irqmap_check(stderr), 0);
	assert_int_equal(irq_domain_remove(rr.d), 0);
}

static int setup_refs(void **state)
{
	setenv("IRQMAP_DEBUG_REFS", "1", 1);
	return tu_setup(state);
}

static int teardown_refs(void **state)
{
	unsetenv("IRQMAP_DEBUG_REFS");
	return tu_teardown(state);
}

/*
 * A sharer spins on a line the main thread keeps creating and disposing;
 * every time its create shares the mapping, the virq it got must already
 * lead back to that mapping (its reference visible and droppable at once).
 */
#define SHARE_ROUNDS	2000

struct sharer {
	struct irq_domain *d;
	atomic_uint round;	/* the hwirq being published, 0 at the end */
	atomic_uint bad;
	unsigned int shared;	/* rounds in which the sharer got in */
};

static void *sharer_main(void *arg)
{
	struct sharer *s = arg;
	unsigned int hw;

	while ((hw = atomic_load(&s->round)) != 0) {
		unsigned int virq;

		if (!irq_find_mapping(s->d, hw)) {
			sched_yield();
			continue;
		}
		virq = irq_create_mapping(s->d, hw);
		if (!virq)
			continue;	/* disposed meanwhile: a fresh one */
		if (irq_mapping_refcount(virq) < 1 ||
		    irq_dispose_mapping(virq) != 0)
			atomic_fetch_add(&s->bad, 1);
		s->shared++;
		while (atomic_load(&s->round) == hw)
			sched_yield();
	}
	return NULL;
}

static void create_returns_a_virq_that_leads_to_its_mapping(void **state)
{
	struct tu_counts c = { 0 };
	struct sharer s = { 0 };
	pthread_t t;

	(void)state;
	s.d = irq_domain_create_tree(NULL, &tu_counting_ops, &c);
	assert_non_null(s.d);
	atomic_store(&s.round, 1);
	assert_int_equal(pthread_create(&t, NULL, sharer_main, &s), 0);
	for (unsigned int hw = 1; hw <= SHARE_ROUNDS; hw++) {
		unsigned int v;

		atomic_store(&s.round, hw);
		v = irq_create_mapping(s.d, hw);
		assert_int_not_equal(v, 0);
		/* give the sharer a moment at the freshly published line */
		for (unsigned int spin = 0; spin < 50; spin++)
			sched_yield();
		assert_int_equal(irq_dispose_mapping(v), 0);
	}
	atomic_store(&s.round, 0);
	pthread_join(t, NULL);

	assert_int_equal(atomic_load(&s.bad), 0);
	assert_true(s.shared > 0);
	assert_int_equal(c.map, c.unmap);
	assert_int_equal(irq_domain_mapcount(s.d), 0);
	assert_int_equal(irqmap_check(stderr), 0);
	assert_int_equal(irq_domain_remove(s.d), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(same_and_private_lines_linear,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(same_and_private_lines_tree,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(two_unrelated_domains,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(specifiers_and_plain_creates_share,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(held_lines_survive_churn,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(every_holder_is_tracked_across_threads,
						setup_refs, teardown_refs),
		cmocka_unit_test_setup_teardown(create_returns_a_virq_that_leads_to_its_mapping,
						tu_setup, tu_teardown),
	};

	unsetenv("IRQMAP_DEBUG_REFS");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
