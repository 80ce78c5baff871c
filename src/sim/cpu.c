// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cpu.c - simulated CPUs: threads that take interrupts.
 *
 * Each CPU is a thread that says which CPU it stands for
 * (irqmap_set_cpu()) and takes lines from its queue. For a line that is
 * still asserted it does what the controller and the CPU do together:
 * nothing while the line is masked at the chip (a handler is running on
 * another CPU), else generic_handle_domain_irq(). A level-triggered line
 * that is still asserted afterwards fires again on the next CPU, unless
 * another delivery of it is already queued. (Only chips that can mask
 * hold a line back: the device-tree front end's chips have no ->irq_mask,
 * and their lines, which the library reports masked until a chip unmasks
 * them, are delivered regardless, as their hardware would.) A line that
 * makes no progress
 * for a few seconds (asserted, but no handler claims anything) is given
 * up and reported by the next drain.
 *
 * Every wait is bounded: the threads wake up at least every 50 ms to look
 * at the stop flag, and a drain gives up after its timeout.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>

#include "sim.h"

#define STUCK_NS (3LL * 1000000000LL)

struct item {
	struct irqm_sim_line *line;
	bool ghost;
};

struct cpu_queue {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct item *v;
	size_t head, len, cap;
};

struct cpu_arg {
	struct irqm_sim_cpus *c;
	unsigned int cpu;
};

struct irqm_sim_cpus {
	struct irqm_sim *s;
	unsigned int nr, started;
	atomic_bool stop;
	atomic_uint next;
	atomic_long outstanding;	/* queued or being processed */
	atomic_ulong dropped;		/* could not be queued (no memory) */
	struct cpu_queue *q;
	pthread_t *threads;
	struct cpu_arg *args;
};

static bool push(struct irqm_sim_cpus *c, unsigned int cpu, struct item it)
{
	struct cpu_queue *q = &c->q[cpu];
	bool ok = true;

	pthread_mutex_lock(&q->lock);
	if (q->len == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 64;
		struct item *v = malloc(cap * sizeof(*v));

		if (v) {
			for (size_t i = 0; i < q->len; i++)
				v[i] = q->v[(q->head + i) % q->cap];
			free(q->v);
			q->v = v;
			q->head = 0;
			q->cap = cap;
		} else {
			ok = false;
		}
	}
	if (ok) {
		atomic_fetch_add(&c->outstanding, 1);
		q->v[(q->head + q->len++) % q->cap] = it;
		pthread_cond_signal(&q->cond);
	}
	pthread_mutex_unlock(&q->lock);
	if (!ok)
		atomic_fetch_add(&c->dropped, 1);
	return ok;
}

/*
 * Would the controller hold the line back? Only a chip that can mask
 * (->irq_mask) does; a line of a chip without one is reported masked from
 * its start, but nothing stops it.
 */
static bool masked(struct irq_desc *desc)
{
	struct irq_chip *chip = irq_desc_get_chip(desc);

	return chip && chip->irq_mask &&
	       irqd_irq_masked(irq_desc_get_irq_data(desc));
}

/* One delivery. Return: false when the line was masked (nothing done). */
static bool deliver(struct irqm_sim_line *l)
{
	struct irq_desc *desc;
	int ret;

	irqmap_read_lock();
	desc = irq_resolve_mapping(l->domain, l->hwirq);
	if (desc && masked(desc)) {
		irqmap_read_unlock();
		atomic_fetch_add(&l->masked, 1);
		return false;
	}
	/* Pairs with the fence of irqm_sim_wait_line_idle(). */
	atomic_fetch_add(&l->inflight, 1);
	atomic_thread_fence(memory_order_seq_cst);
	ret = generic_handle_domain_irq(l->domain, l->hwirq);
	if (!ret) {
		atomic_fetch_add(&l->delivered, 1);
		atomic_fetch_add(&l->life_delivered, 1);
	} else if (ret == -EINVAL) {
		atomic_fetch_add(&l->unmapped, 1);
	} else {
		atomic_fetch_add(&l->failed, 1);
	}
	atomic_fetch_sub(&l->inflight, 1);
	irqmap_read_unlock();
	return true;
}

static void process(struct irqm_sim_cpus *c, unsigned int cpu, struct item it)
{
	struct irqm_sim_line *l = it.line;
	bool ran;

	if (it.ghost) {
		deliver(l);
		return;
	}
	atomic_fetch_sub(&l->queued, 1);
	if (atomic_load(&l->asserted) <= 0) {
		atomic_fetch_add(&l->coalesced, 1);
		return;
	}
	ran = deliver(l);
	if (atomic_load(&l->asserted) <= 0 || atomic_load(&l->queued) > 0)
		return;
	if (irqm_sim_now_ns() - atomic_load(&l->last_progress) > STUCK_NS) {
		atomic_store(&l->stuck, true);
		return;
	}
	if (!ran)
		sched_yield();
	atomic_fetch_add(&l->queued, 1);
	if (!push(c, (cpu + 1) % c->nr, it))
		atomic_fetch_sub(&l->queued, 1);
}

static void *cpu_main(void *arg)
{
	struct cpu_arg *a = arg;
	struct irqm_sim_cpus *c = a->c;
	struct cpu_queue *q = &c->q[a->cpu];

	irqmap_set_cpu(a->cpu);
	irqm_sim_set_delivery_thread(c->s);
	pthread_mutex_lock(&q->lock);
	while (!atomic_load(&c->stop)) {
		struct timespec until;
		struct item it;

		if (!q->len) {
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += 50 * 1000000L;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&q->cond, &q->lock, &until);
			continue;
		}
		it = q->v[q->head];
		q->head = (q->head + 1) % q->cap;
		q->len--;
		pthread_mutex_unlock(&q->lock);
		process(c, a->cpu, it);
		atomic_fetch_sub(&c->outstanding, 1);
		pthread_mutex_lock(&q->lock);
	}
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

static void cpus_free(struct irqm_sim_cpus *c)
{
	for (unsigned int i = 0; i < c->nr; i++) {
		pthread_mutex_destroy(&c->q[i].lock);
		pthread_cond_destroy(&c->q[i].cond);
		free(c->q[i].v);
	}
	free(c->q);
	free(c->threads);
	free(c->args);
	free(c);
}

int irqm_sim_cpus_start(struct irqm_sim *s, unsigned int nr)
{
	struct irqm_sim_cpus *c = calloc(1, sizeof(*c));

	if (!c)
		return -ENOMEM;
	c->s = s;
	c->nr = nr;
	atomic_init(&c->stop, false);
	atomic_init(&c->next, 0);
	atomic_init(&c->outstanding, 0);
	atomic_init(&c->dropped, 0);
	c->q = calloc(nr, sizeof(*c->q));
	c->threads = calloc(nr, sizeof(*c->threads));
	c->args = calloc(nr, sizeof(*c->args));
	if (!c->q || !c->threads || !c->args) {
		free(c->q);
		free(c->threads);
		free(c->args);
		free(c);
		return -ENOMEM;
	}
	for (unsigned int i = 0; i < nr; i++) {
		pthread_mutex_init(&c->q[i].lock, NULL);
		pthread_cond_init(&c->q[i].cond, NULL);
	}
	s->cpus = c;
	for (; c->started < nr; c->started++) {
		c->args[c->started] = (struct cpu_arg){ c, c->started };
		if (pthread_create(&c->threads[c->started], NULL, cpu_main,
				   &c->args[c->started])) {
			irqm_sim_cpus_stop(s);
			return -EAGAIN;
		}
	}
	return 0;
}

void irqm_sim_cpus_stop(struct irqm_sim *s)
{
	struct irqm_sim_cpus *c = s->cpus;

	if (!c)
		return;
	atomic_store(&c->stop, true);
	for (unsigned int i = 0; i < c->nr; i++) {
		pthread_mutex_lock(&c->q[i].lock);
		pthread_cond_broadcast(&c->q[i].cond);
		pthread_mutex_unlock(&c->q[i].lock);
	}
	for (unsigned int i = 0; i < c->started; i++)
		pthread_join(c->threads[i], NULL);
	s->cpus = NULL;
	cpus_free(c);
}

/* Hand @l to @nr CPUs, round robin. Ghost deliveries happen once each. */
void irqm_sim_cpus_kick(struct irqm_sim *s, struct irqm_sim_line *l,
			unsigned int nr, bool ghost)
{
	struct irqm_sim_cpus *c = s->cpus;

	for (unsigned int i = 0; i < nr; i++) {
		unsigned int cpu = atomic_fetch_add(&c->next, 1) % c->nr;

		if (!ghost)
			atomic_fetch_add(&l->queued, 1);
		if (!push(c, cpu, (struct item){ l, ghost }) && !ghost)
			atomic_fetch_sub(&l->queued, 1);
	}
}

static void nap(long ns)
{
	struct timespec ts = { 0, ns };

	nanosleep(&ts, NULL);
}

/*
 * Wait until every queued delivery is done and no line is asserted.
 * Return: 0; -ETIMEDOUT after @timeout_ms; -EAGAIN when lines were given
 * up (asserted, nothing claims them), or deliveries could not be queued.
 */
int irqm_sim_cpus_drain(struct irqm_sim *s, unsigned int timeout_ms)
{
	struct irqm_sim_cpus *c = s->cpus;
	long long deadline = irqm_sim_now_ns() + timeout_ms * 1000000LL;
	long ns = 1000;

	if (!c)
		return 0;
	while (atomic_load(&c->outstanding) > 0) {
		if (irqm_sim_now_ns() > deadline)
			return -ETIMEDOUT;
		nap(ns);
		if (ns < 1000000)
			ns *= 2;
	}
	for (struct irqm_sim_line *l = s->lines; l; l = l->next)
		if (atomic_load(&l->asserted) > 0)
			return -EAGAIN;
	return atomic_load(&c->dropped) ? -EAGAIN : 0;
}

/*
 * Wait until no delivery that may have found @l's previous mapping is
 * still running (the caller has just disposed it).
 */
void irqm_sim_wait_line_idle(struct irqm_sim *s, struct irqm_sim_line *l)
{
	long long deadline = irqm_sim_now_ns() + IRQM_SIM_DRAIN_MS * 1000000LL;

	atomic_thread_fence(memory_order_seq_cst);
	while (atomic_load(&l->inflight) > 0) {
		if (irqm_sim_now_ns() > deadline) {
			irqm_sim_err(s, "a delivery on %s hwirq 0x%lx did not finish in %u ms",
				     l->ctrl, (unsigned long)l->hwirq,
				     IRQM_SIM_DRAIN_MS);
			s->failures++;
			return;
		}
		sched_yield();
	}
}
