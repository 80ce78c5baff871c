// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_stress_mix.c - every operation at once on shared lines, for a fixed
 * number of operations.
 *
 * Three domains: a flat linear one (lines 0-3 level, 4-7 edge), and a
 * two-level hierarchy whose 8-line child maps line h to line 32 + h of a
 * 64-line root. Worker threads each run their share of IRQMAP_STRESS_OPS
 * operations (default 3000), chosen at random:
 *  - create and fwspec create on the flat lines, fwspec create on the
 *    child's lines 0-3: shared by every worker, and by the main thread's
 *    keepers on flat lines 0 and 4 and child line 0;
 *  - hierarchy allocations: ranges of 1 to 4 root lines private to the
 *    worker, and one child line (4 + worker) private to it;
 *  - request_irq and request_threaded_irq (always IRQF_SHARED) on a line
 *    the worker holds, free_irq, disable_irq/enable_irq pairs;
 *  - releasing what it holds: its handler first, then the dispose or the
 *    irq_domain_free_irqs().
 * Every one of these must succeed: a worker only requests on lines it
 * holds, so a dispose never finds handlers it does not own. Meanwhile two
 * dispatch threads, standing for CPUs 1 and 2, deliver interrupts on every
 * line of every domain, and a reader prints the interrupts table.
 *
 * At the end: no handler ran after its free_irq() returned; on the kept
 * lines, deliveries balance against accepted and deferred interrupts and
 * runs against handled and unhandled ones and the permanent handler's
 * calls; every ->map has its ->unmap and every level's ->alloc its ->free;
 * irqmap_check() passes and irqmap_exit() finds nothing left.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define NR_WORKERS	3
#define NR_DISPATCH	2
#define MAX_HOLD	6
#define NR_KEPT		3
#define CHILD_BASE	32
#define DEFAULT_OPS	3000ul

enum { FLAT, ROOT, CHILD, NR_DOMS };

struct counting {
	atomic_ulong map, unmap, alloc, free;
};

/* A handler a worker requests: must never run after its free_irq(). */
struct sdev {
	char name[24];
	atomic_bool freed;
	atomic_ulong calls;
	atomic_ulong after_free;
};

/* The kept lines' handler: handles two interrupts out of three. */
struct perm {
	atomic_ulong calls, handled, none;
};

enum hold_kind { H_FLAT, H_CHILD_SHARED, H_ROOT_PRIVATE, H_CHILD_PRIVATE };

struct hold {
	unsigned int virq;
	enum hold_kind kind;
	unsigned int nr;	/* private allocations: their size */
	struct sdev *dev;	/* the handler requested on it, or NULL */
};

struct worker {
	unsigned int id;
	unsigned long ops;
	unsigned long long rnd;
	struct hold hold[MAX_HOLD];
	int nr_hold;
	struct sdev dev[MAX_HOLD];
	bool root_busy, child_busy;
	unsigned long done[10];	/* per kind of operation */
};

static struct {
	struct irq_domain *d[NR_DOMS];
	struct fwnode_handle fw[NR_DOMS];
	struct counting cnt[NR_DOMS];
	unsigned int kept[NR_KEPT];
	struct perm perm[NR_KEPT];
	atomic_uint workers_left;
	atomic_ulong violations;
	/* per dispatcher and kept line: deliveries that found the line */
	unsigned long delivered[NR_DISPATCH][NR_KEPT];
	unsigned long unmapped[NR_DISPATCH];
	pthread_mutex_t msg_lock;
	char first[256];
} s;

static void violation(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void violation(const char *fmt, ...)
{
	va_list ap;

	atomic_fetch_add(&s.violations, 1);
	pthread_mutex_lock(&s.msg_lock);
	if (!s.first[0]) {
		va_start(ap, fmt);
		vsnprintf(s.first, sizeof(s.first), fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&s.msg_lock);
}

static unsigned int rnd(unsigned long long *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return (unsigned int)(*x >> 11);
}

static int dom_of(struct irq_domain *d)
{
	for (int i = 0; i < NR_DOMS; i++)
		if (s.d[i] == d)
			return i;
	return FLAT;
}

/* ---- the domains ---- */

static int flat_map(struct irq_domain *d, unsigned int virq,
		    irq_hw_number_t hw)
{
	atomic_fetch_add(&s.cnt[FLAT].map, 1);
	return irq_set_chip_and_handler(virq, &dummy_irq_chip,
					hw < 4 ? handle_level_irq :
						 handle_edge_irq);
}

static void flat_unmap(struct irq_domain *d, unsigned int virq)
{
	atomic_fetch_add(&s.cnt[FLAT].unmap, 1);
}

static const struct irq_domain_ops flat_ops = {
	.map = flat_map,
	.unmap = flat_unmap,
	.xlate = irq_domain_xlate_twocell,
};

static int root_alloc(struct irq_domain *d, unsigned int virq,
		      unsigned int nr, void *arg)
{
	struct irq_fwspec *spec = arg;

	for (unsigned int i = 0; i < nr; i++)
		irq_domain_set_hwirq_and_chip(d, virq + i, spec->param[0] + i,
					      &dummy_irq_chip, NULL);
	atomic_fetch_add(&s.cnt[ROOT].alloc, nr);
	return 0;
}

static void level_free(struct irq_domain *d, unsigned int virq,
		       unsigned int nr)
{
	atomic_fetch_add(&s.cnt[dom_of(d)].free, nr);
	if (d->parent)
		irq_domain_free_irqs_top(d, virq, nr);
	else
		irq_domain_free_irqs_common(d, virq, nr);
}

static const struct irq_domain_ops root_ops = {
	.translate = irq_domain_translate_twocell,
	.alloc = root_alloc,
	.free = level_free,
};

static int child_alloc(struct irq_domain *d, unsigned int virq,
		       unsigned int nr, void *arg)
{
	struct irq_fwspec *spec = arg;
	struct irq_fwspec parent = {
		.fwnode = d->parent->fwnode, .param_count = 2,
		.param = { CHILD_BASE + spec->param[0], IRQ_TYPE_LEVEL_HIGH },
	};
	int ret;

	for (unsigned int i = 0; i < nr; i++)
		irq_domain_set_hwirq_and_chip(d, virq + i, spec->param[0] + i,
					      &dummy_irq_chip, NULL);
	ret = irq_domain_alloc_irqs_parent(d, virq, nr, &parent);
	if (!ret)
		atomic_fetch_add(&s.cnt[CHILD].alloc, nr);
	return ret;
}

static const struct irq_domain_ops child_ops = {
	.translate = irq_domain_translate_onecell,
	.alloc = child_alloc,
	.free = level_free,
};

/* ---- handlers ---- */

static void note_call(struct sdev *dev)
{
	atomic_fetch_add(&dev->calls, 1);
	if (atomic_load(&dev->freed)) {
		atomic_fetch_add(&dev->after_free, 1);
		violation("%s ran after its free_irq() returned", dev->name);
	}
}

static irqreturn_t dev_handler(int irq, void *dev_id)
{
	(void)irq;
	note_call(dev_id);
	return IRQ_NONE;
}

static irqreturn_t dev_wake(int irq, void *dev_id)
{
	(void)irq;
	note_call(dev_id);
	return IRQ_WAKE_THREAD;
}

static irqreturn_t dev_thread(int irq, void *dev_id)
{
	(void)irq;
	note_call(dev_id);
	return IRQ_HANDLED;
}

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

/* ---- workers ---- */

static unsigned int type_of_flat(unsigned int hw)
{
	return hw < 4 ? IRQ_TYPE_LEVEL_HIGH : IRQ_TYPE_EDGE_RISING;
}

static unsigned int map_flat(struct worker *w, bool fwspec)
{
	unsigned int hw = rnd(&w->rnd) % 8, virq;

	if (fwspec) {
		struct irq_fwspec spec = {
			.fwnode = &s.fw[FLAT], .param_count = 2,
			.param = { hw, type_of_flat(hw) },
		};

		virq = irq_create_fwspec_mapping(&spec);
	} else {
		virq = irq_create_mapping(s.d[FLAT], hw);
	}
	if (!virq)
		violation("worker %u: flat line %u does not map", w->id, hw);
	else if (irq_find_mapping(s.d[FLAT], hw) != virq)
		violation("worker %u: flat line %u: held virq %u, lookup says %u",
			  w->id, hw, virq, irq_find_mapping(s.d[FLAT], hw));
	return virq;
}

static unsigned int map_child_shared(struct worker *w)
{
	unsigned int hw = rnd(&w->rnd) % 4, virq;
	struct irq_fwspec spec = {
		.fwnode = &s.fw[CHILD], .param_count = 1, .param = { hw },
	};

	virq = irq_create_fwspec_mapping(&spec);
	if (!virq)
		violation("worker %u: child line %u does not map", w->id, hw);
	else if (irq_find_mapping(s.d[ROOT], CHILD_BASE + hw) != virq)
		violation("worker %u: child line %u: virq %u, root lookup says %u",
			  w->id, hw, virq,
			  irq_find_mapping(s.d[ROOT], CHILD_BASE + hw));
	return virq;
}

static int alloc_private(struct worker *w, bool child, unsigned int *nr)
{
	struct irq_fwspec spec = { .param_count = 2 };
	int ret;

	if (child) {
		spec.fwnode = &s.fw[CHILD];
		spec.param[0] = 4 + w->id;	/* child line 4 + id: ours */
		*nr = 1;
	} else {
		spec.fwnode = &s.fw[ROOT];
		spec.param[0] = w->id * 8;	/* root lines 8 id..: ours */
		*nr = 1 + rnd(&w->rnd) % 4;
	}
	ret = irq_domain_alloc_irqs(s.d[child ? CHILD : ROOT], *nr, -1, &spec);
	if (ret <= 0)
		violation("worker %u: private %s allocation of %u failed: %d",
			  w->id, child ? "child" : "root", *nr, ret);
	return ret;
}

static void add_hold(struct worker *w, unsigned int virq, enum hold_kind k,
		     unsigned int nr)
{
	struct hold *h;

	if (!virq)
		return;
	h = &w->hold[w->nr_hold++];
	h->virq = virq;
	h->kind = k;
	h->nr = nr;
	h->dev = NULL;
	if (k == H_ROOT_PRIVATE)
		w->root_busy = true;
	if (k == H_CHILD_PRIVATE)
		w->child_busy = true;
}

static struct sdev *free_dev(struct worker *w)
{
	for (int i = 0; i < MAX_HOLD; i++) {
		bool used = false;

		for (int k = 0; k < w->nr_hold; k++)
			used |= w->hold[k].dev == &w->dev[i];
		if (!used)
			return &w->dev[i];
	}
	return NULL;
}

static bool request(struct worker *w, struct hold *h)
{
	struct sdev *dev = free_dev(w);
	bool threaded = rnd(&w->rnd) % 4 == 0;
	int ret;

	if (h->dev || !dev)
		return false;
	atomic_store(&dev->freed, false);
	if (threaded)
		ret = request_threaded_irq(h->virq, dev_wake, dev_thread,
					   IRQF_SHARED, dev->name, dev);
	else
		ret = request_irq(h->virq, dev_handler, IRQF_SHARED, dev->name,
				  dev);
	if (ret)
		violation("worker %u: request on held virq %u: %d", w->id,
			  h->virq, ret);
	else
		h->dev = dev;
	return !ret;
}

static bool release_handler(struct worker *w, struct hold *h)
{
	const void *name;

	if (!h->dev)
		return false;
	name = free_irq(h->virq, h->dev);
	if (name != h->dev->name)
		violation("worker %u: free_irq(%u) returned %p", w->id, h->virq,
			  name);
	atomic_store(&h->dev->freed, true);
	h->dev = NULL;
	return true;
}

static void release(struct worker *w, int k)
{
	struct hold *h = &w->hold[k];
	int ret;

	release_handler(w, h);
	switch (h->kind) {
	case H_ROOT_PRIVATE:
	case H_CHILD_PRIVATE:
		ret = irq_domain_free_irqs(h->virq, h->nr);
		if (h->kind == H_ROOT_PRIVATE)
			w->root_busy = false;
		else
			w->child_busy = false;
		break;
	default:
		ret = irq_dispose_mapping(h->virq);
		break;
	}
	if (ret)
		violation("worker %u: releasing virq %u: %d", w->id, h->virq,
			  ret);
	*h = w->hold[--w->nr_hold];
}

static void toggle(struct hold *h)
{
	disable_irq(h->virq);
	sched_yield();
	enable_irq(h->virq);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	unsigned int nr;
	int virq;

	for (unsigned long i = 0; i < w->ops; i++) {
		unsigned int op = rnd(&w->rnd) % 10;
		bool done = true;

		if (w->nr_hold == MAX_HOLD)
			op = 9;
		if (!w->nr_hold && op >= 5)
			op = 0;
		switch (op) {
		case 0:
		case 1:
			add_hold(w, map_flat(w, op == 1), H_FLAT, 1);
			break;
		case 2:
			add_hold(w, map_child_shared(w), H_CHILD_SHARED, 1);
			break;
		case 3:
			done = !w->root_busy;
			if (!done)
				break;
			virq = alloc_private(w, false, &nr);
			add_hold(w, virq > 0 ? (unsigned int)virq : 0,
				 H_ROOT_PRIVATE, nr);
			break;
		case 4:
			done = !w->child_busy;
			if (!done)
				break;
			virq = alloc_private(w, true, &nr);
			add_hold(w, virq > 0 ? (unsigned int)virq : 0,
				 H_CHILD_PRIVATE, nr);
			break;
		case 5:
		case 6:
			done = request(w, &w->hold[rnd(&w->rnd) % w->nr_hold]);
			break;
		case 7:
			done = release_handler(w, &w->hold[rnd(&w->rnd) %
							   w->nr_hold]);
			break;
		case 8:
			toggle(&w->hold[rnd(&w->rnd) % w->nr_hold]);
			break;
		default:
			release(w, (int)(rnd(&w->rnd) % (unsigned int)w->nr_hold));
			break;
		}
		w->done[op] += done;
	}
	while (w->nr_hold)
		release(w, 0);
	atomic_fetch_sub(&s.workers_left, 1);
	return NULL;
}

/* ---- dispatchers and the reader ---- */

static int kept_index(struct irq_domain *d, irq_hw_number_t hw)
{
	if (d == s.d[FLAT] && (hw == 0 || hw == 4))
		return hw ? 1 : 0;
	if ((d == s.d[CHILD] && hw == 0) ||
	    (d == s.d[ROOT] && hw == CHILD_BASE))
		return 2;
	return -1;
}

static void *dispatcher(void *arg)
{
	unsigned int id = (unsigned int)(uintptr_t)arg;
	unsigned long long x = 0x9e3779b97f4a7c15ull * (id + 1);

	irqmap_set_cpu(1 + id);
	while (atomic_load(&s.workers_left)) {
		unsigned int r = rnd(&x);
		int dom = (int)(r % NR_DOMS);
		irq_hw_number_t hw = (r >> 8) % (dom == ROOT ? 40 : 8);
		int k = kept_index(s.d[dom], hw);
		int ret = generic_handle_domain_irq(s.d[dom], hw);

		if (ret && ret != -EINVAL)
			violation("dispatcher %u: delivery returned %d", id, ret);
		if (k >= 0 && ret)
			violation("dispatcher %u: kept line %d unmapped", id, k);
		if (k >= 0 && !ret)
			s.delivered[id][k]++;
		if (ret)
			s.unmapped[id]++;
	}
	return NULL;
}

static void *reader(void *arg)
{
	(void)arg;
	while (atomic_load(&s.workers_left)) {
		char *text = tu_show_interrupts();

		free(text);
		for (unsigned int hw = 0; hw < 8; hw++) {
			unsigned int v = irq_find_mapping(s.d[FLAT], hw);

			(void)irq_mapping_refcount(v);
			(void)irq_find_mapping(s.d[CHILD], hw);
		}
		for (int k = 0; k < NR_KEPT; k++)
			if (irq_mapping_refcount(s.kept[k]) == 0)
				violation("kept virq %u lost its references",
					  s.kept[k]);
		sched_yield();
	}
	return NULL;
}

/* ---- the test ---- */

static void setup_domains(void)
{
	static const char *const names[NR_DOMS] = { "mix-flat", "mix-root",
						    "mix-child" };

	for (int i = 0; i < NR_DOMS; i++)
		fwnode_init(&s.fw[i], FWNODE_KIND_USER, names[i], NULL);
	s.d[FLAT] = irq_domain_create_linear(&s.fw[FLAT], 8, &flat_ops, NULL);
	s.d[ROOT] = irq_domain_create_linear(&s.fw[ROOT], 64, &root_ops, NULL);
	assert_non_null(s.d[FLAT]);
	assert_non_null(s.d[ROOT]);
	s.d[CHILD] = irq_domain_create_hierarchy(s.d[ROOT], 0, 8, &s.fw[CHILD],
						 &child_ops, NULL);
	assert_non_null(s.d[CHILD]);
}

static void keep_lines(void)
{
	struct irq_fwspec spec = {
		.fwnode = &s.fw[CHILD], .param_count = 1, .param = { 0 },
	};

	s.kept[0] = irq_create_mapping(s.d[FLAT], 0);
	s.kept[1] = irq_create_mapping(s.d[FLAT], 4);
	s.kept[2] = irq_create_fwspec_mapping(&spec);
	for (int k = 0; k < NR_KEPT; k++) {
		assert_int_not_equal(s.kept[k], 0);
		assert_int_equal(request_irq(s.kept[k], perm_handler,
					     IRQF_SHARED, "perm", &s.perm[k]),
				 0);
	}
}

static void check_kept(int k)
{
	struct irqmap_irq_stats st;
	unsigned long delivered = 0;

	for (int t = 0; t < NR_DISPATCH; t++)
		delivered += s.delivered[t][k];
	assert_int_equal(irqmap_irq_stats(s.kept[k], &st), 0);
	print_message("kept line %d: delivered %lu count %lu deferred %lu replayed %lu resent %lu handled %lu unhandled %lu\n",
		      k, delivered, st.count, st.deferred, st.replayed,
		      st.resent, st.handled, st.unhandled);
	/* every delivery accepted or deferred, every run counted once */
	assert_int_equal(delivered + st.resent, st.count + st.deferred);
	assert_int_equal(st.count + st.replayed, st.handled + st.unhandled);
	/* the permanent handler ran in every run */
	assert_int_equal(st.handled + st.unhandled,
			 atomic_load(&s.perm[k].calls));
	assert_true(st.handled >= atomic_load(&s.perm[k].handled));
	assert_true(st.unhandled <= atomic_load(&s.perm[k].none));
}

static void every_operation_at_once_balances(void **state)
{
	static struct worker w[NR_WORKERS];
	pthread_t wt[NR_WORKERS], dt[NR_DISPATCH], rt;
	const char *env = getenv("IRQMAP_STRESS_OPS");
	unsigned long ops = env ? strtoul(env, NULL, 10) : DEFAULT_OPS;
	unsigned long totals[10] = { 0 };
	unsigned long unmapped = 0;

	(void)state;
	if (!ops)
		ops = DEFAULT_OPS;
	memset(&s, 0, sizeof(s));
	pthread_mutex_init(&s.msg_lock, NULL);
	assert_int_equal(irqmap_set_nr_cpus(4), 0);
	setup_domains();
	keep_lines();

	atomic_store(&s.workers_left, NR_WORKERS);
	/* deliveries to unmapped lines log (rate-limited): keep them quiet */
	tu_log_capture_start();
	for (unsigned int i = 0; i < NR_WORKERS; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].id = i;
		w[i].ops = ops / NR_WORKERS;
		w[i].rnd = 0x2545f4914f6cdd1dull * (i + 1);
		for (int k = 0; k < MAX_HOLD; k++)
			snprintf(w[i].dev[k].name, sizeof(w[i].dev[k].name),
				 "w%u.dev%d", i, k);
		assert_int_equal(pthread_create(&wt[i], NULL, worker_main,
						&w[i]), 0);
	}
	for (uintptr_t i = 0; i < NR_DISPATCH; i++)
		assert_int_equal(pthread_create(&dt[i], NULL, dispatcher,
						(void *)i), 0);
	assert_int_equal(pthread_create(&rt, NULL, reader, NULL), 0);
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_join(wt[i], NULL);
	for (int i = 0; i < NR_DISPATCH; i++)
		pthread_join(dt[i], NULL);
	pthread_join(rt, NULL);
	tu_log_capture_stop();

	for (int i = 0; i < NR_WORKERS; i++)
		for (int k = 0; k < 10; k++)
			totals[k] += w[i].done[k];
	for (int i = 0; i < NR_DISPATCH; i++)
		unmapped += s.unmapped[i];
	print_message("stress: %lu ops: %lu creates, %lu fwspec creates, %lu shared child lines, %lu root and %lu child allocations, %lu requests, %lu free_irqs, %lu disable/enable, %lu releases; %lu deliveries found no line\n",
		      ops / NR_WORKERS * NR_WORKERS, totals[0], totals[1],
		      totals[2], totals[3], totals[4], totals[5] + totals[6],
		      totals[7], totals[8], totals[9], unmapped);
	if (atomic_load(&s.violations))
		fail_msg("%lu violations, the first: %s",
			 atomic_load(&s.violations), s.first);
	for (int k = 0; k < NR_KEPT; k++)
		check_kept(k);

	/* the main thread lets go of its lines too: everything balances */
	for (int k = 0; k < NR_KEPT; k++) {
		assert_ptr_equal(free_irq(s.kept[k], &s.perm[k]), "perm");
		assert_int_equal(irq_dispose_mapping(s.kept[k]), 0);
	}
	assert_int_equal(irqmap_check(stderr), 0);
	for (int i = 0; i < NR_DOMS; i++)
		assert_int_equal(irq_domain_mapcount(s.d[i]), 0);
	assert_int_equal(atomic_load(&s.cnt[FLAT].map),
			 atomic_load(&s.cnt[FLAT].unmap));
	for (int i = ROOT; i <= CHILD; i++)
		assert_int_equal(atomic_load(&s.cnt[i].alloc),
				 atomic_load(&s.cnt[i].free));
	assert_true(atomic_load(&s.cnt[CHILD].alloc) > 0);
	assert_int_equal(irq_domain_remove(s.d[CHILD]), 0);
	assert_int_equal(irq_domain_remove(s.d[ROOT]), 0);
	assert_int_equal(irq_domain_remove(s.d[FLAT]), 0);
	pthread_mutex_destroy(&s.msg_lock);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_operation_at_once_balances,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
