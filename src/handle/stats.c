// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * stats.c - CPUs, per-CPU interrupt counts and the columns they add to the
 * interrupts table.
 *
 * Each line keeps one cache line of counters per CPU, in chunks allocated
 * on first use, written by the threads that stand for that CPU, so
 * counting does not bounce a cache line between CPUs; readers add the
 * slots up. Every counter but RESENT is written under the line lock only
 * (line.c), which serialises its writers: a load and a store increment
 * it, with no atomic read-modify-write. RESENT is counted with an atomic
 * add by irqm_resend(), outside the lock.
 */
#include <errno.h>
#include <stdint.h>

#include "alloc.h"
#include "handle.h"
#include "log.h"

static __thread unsigned int this_cpu;
static atomic_uint nr_cpus = 1;
static atomic_uint cpu_limit = IRQMAP_NR_CPUS_DEFAULT_MAX;
static atomic_bool nr_cpus_fixed;

int irqmap_set_nr_cpus(unsigned int nr)
{
	if (!nr || nr > IRQMAP_NR_CPUS_MAX) {
		irqm_err("%u CPUs: must be 1 to %u", nr, IRQMAP_NR_CPUS_MAX);
		return -EINVAL;
	}
	atomic_store(&cpu_limit, nr);
	atomic_store(&nr_cpus, nr);
	atomic_store(&nr_cpus_fixed, true);
	return 0;
}

unsigned int irqmap_nr_cpus(void)
{
	return atomic_load_explicit(&nr_cpus, memory_order_relaxed);
}

void irqmap_set_cpu(unsigned int cpu)
{
	unsigned int limit = atomic_load(&cpu_limit);
	unsigned int n;

	if (cpu >= limit) {
		irqm_err("CPU %u is out of range (%u CPUs); the thread stays on CPU %u",
			 cpu, limit, this_cpu);
		return;
	}
	this_cpu = cpu;
	if (atomic_load(&nr_cpus_fixed))
		return;
	n = atomic_load(&nr_cpus);
	while (n < cpu + 1 &&
	       !atomic_compare_exchange_weak(&nr_cpus, &n, cpu + 1))
		;
}

unsigned int irqmap_get_cpu(void)
{
	return this_cpu;
}

static struct irqm_cpu_chunk *chunk_get(struct irqm_desc_handling *h,
					unsigned int idx)
{
	struct irqm_cpu_chunk *c, *expected = NULL;
	void *raw;

	c = atomic_load_explicit(&h->pcpu[idx], memory_order_acquire);
	if (c)
		return c;
	raw = irqm_calloc(1, sizeof(*c) + IRQM_CACHELINE);
	if (!raw)
		return NULL;
	c = (void *)(((uintptr_t)raw + IRQM_CACHELINE - 1) &
		     ~(uintptr_t)(IRQM_CACHELINE - 1));
	for (unsigned int i = 0; i < IRQM_CPUS_PER_CHUNK; i++)
		for (unsigned int j = 0; j < IRQM_NR_STATS; j++)
			atomic_init(&c->cpu[i].v[j], 0);
	c->raw = raw;
	if (!atomic_compare_exchange_strong_explicit(&h->pcpu[idx], &expected,
						     c, memory_order_acq_rel,
						     memory_order_acquire)) {
		irqm_free(raw);
		c = expected;
	}
	return c;
}

/* The calling thread's CPU's counters of @h (the spill slot without memory). */
static struct irqm_cpu_stat *this_stat(struct irqm_desc_handling *h)
{
	unsigned int cpu = this_cpu;
	struct irqm_cpu_chunk *c = chunk_get(h, cpu / IRQM_CPUS_PER_CHUNK);

	return c ? &c->cpu[cpu % IRQM_CPUS_PER_CHUNK] : &h->spill;
}

/* Count one @item, atomically. Context: any; only for RESENT. */
void irqm_stat_inc(struct irqm_desc_handling *h, enum irqm_stat_item item)
{
	atomic_fetch_add_explicit(&this_stat(h)->v[item], 1,
				  memory_order_relaxed);
}

/* Add one to a counter whose every writer holds the line lock of @h. */
static void add_locked(struct irqm_desc_handling *h, struct irqm_cpu_stat *s,
		       enum irqm_stat_item item)
{
	irqm_line_lockdep_assert_held(h);
	atomic_store_explicit(&s->v[item],
			      atomic_load_explicit(&s->v[item],
						   memory_order_relaxed) + 1,
			      memory_order_relaxed);
}

/* Count one @item (not RESENT). Context: the line lock held. */
void irqm_stat_inc_locked(struct irqm_desc_handling *h,
			  enum irqm_stat_item item)
{
	irqm_line_lockdep_assert_held(h);
	add_locked(h, this_stat(h), item);
}

/*
 * Count an interrupt accepted and its run of the handlers, done: COUNT and
 * HANDLED or UNHANDLED. Context: the line lock held.
 */
void irqm_stat_run_locked(struct irqm_desc_handling *h, irqreturn_t ret)
{
	struct irqm_cpu_stat *s = this_stat(h);

	irqm_line_lockdep_assert_held(h);
	add_locked(h, s, IRQM_STAT_COUNT);
	add_locked(h, s, ret == IRQ_NONE ? IRQM_STAT_UNHANDLED :
					IRQM_STAT_HANDLED);
}

static unsigned long stat_cpu(struct irqm_desc_handling *h, unsigned int cpu,
			      enum irqm_stat_item item)
{
	struct irqm_cpu_chunk *c;

	c = atomic_load_explicit(&h->pcpu[cpu / IRQM_CPUS_PER_CHUNK],
				 memory_order_acquire);
	if (!c)
		return 0;
	return atomic_load_explicit(&c->cpu[cpu % IRQM_CPUS_PER_CHUNK].v[item],
				    memory_order_relaxed);
}

unsigned long irqm_stat_sum(struct irqm_desc_handling *h,
			    enum irqm_stat_item item)
{
	unsigned long sum = atomic_load_explicit(&h->spill.v[item],
						 memory_order_relaxed);

	for (unsigned int i = 0; i < IRQM_NR_CPU_CHUNKS; i++) {
		struct irqm_cpu_chunk *c;

		c = atomic_load_explicit(&h->pcpu[i], memory_order_acquire);
		if (!c)
			continue;
		for (unsigned int j = 0; j < IRQM_CPUS_PER_CHUNK; j++)
			sum += atomic_load_explicit(&c->cpu[j].v[item],
						    memory_order_relaxed);
	}
	return sum;
}

void irqm_stats_free(struct irqm_desc_handling *h)
{
	for (unsigned int i = 0; i < IRQM_NR_CPU_CHUNKS; i++) {
		struct irqm_cpu_chunk *c = atomic_load(&h->pcpu[i]);

		if (c)
			irqm_free(c->raw);
	}
}

unsigned int kstat_irqs_cpu(unsigned int irq, int cpu)
{
	struct irqm_desc_handling *h;
	struct irq_desc *desc;
	unsigned long n = 0;

	if (cpu < 0 || (unsigned int)cpu >= IRQMAP_NR_CPUS_MAX)
		return 0;
	irqm_rcu_read_lock();
	desc = irq_to_desc(irq);
	h = desc ? irqm_handling_of(desc) : NULL;
	if (h)
		n = stat_cpu(h, (unsigned int)cpu, IRQM_STAT_COUNT);
	irqm_rcu_read_unlock();
	return (unsigned int)n;
}

unsigned int kstat_irqs(unsigned int irq)
{
	struct irqm_desc_handling *h;
	struct irq_desc *desc;
	unsigned long n = 0;

	irqm_rcu_read_lock();
	desc = irq_to_desc(irq);
	h = desc ? irqm_handling_of(desc) : NULL;
	if (h)
		n = irqm_stat_sum(h, IRQM_STAT_COUNT);
	irqm_rcu_read_unlock();
	return (unsigned int)n;
}

int irqmap_irq_stats(unsigned int irq, struct irqmap_irq_stats *st)
{
	struct irqm_desc_handling *h;
	struct irq_desc *desc;
	unsigned int state;

	if (!IRQM_READY())
		return -ENODEV;
	if (!st) {
		irqm_err("NULL stats");
		return -EINVAL;
	}
	irqm_rcu_read_lock();
	desc = irq_to_desc(irq);
	if (!desc) {
		irqm_rcu_read_unlock();
		irqm_err("virq %u is not allocated", irq);
		return -EINVAL;
	}
	*st = (struct irqmap_irq_stats){ .depth = 1, .disabled = true,
					 .masked = true };
	h = irqm_handling_of(desc);
	if (h) {
		st->count = irqm_stat_sum(h, IRQM_STAT_COUNT);
		st->handled = irqm_stat_sum(h, IRQM_STAT_HANDLED);
		st->unhandled = irqm_stat_sum(h, IRQM_STAT_UNHANDLED);
		st->deferred = irqm_stat_sum(h, IRQM_STAT_DEFERRED);
		st->replayed = irqm_stat_sum(h, IRQM_STAT_REPLAYED);
		st->resent = irqm_stat_sum(h, IRQM_STAT_RESENT);
		for (struct irqaction *a = irqm_rcu_deref(h->action); a;
		     a = irqm_rcu_deref(a->next))
			st->nr_actions++;
		irqm_line_lock(desc, h);
		st->depth = h->depth;
		state = atomic_load(&h->state);
		irqm_line_unlock(desc, h);
		st->disabled = state & IRQD_IRQ_DISABLED;
		st->masked = state & IRQD_IRQ_MASKED;
		st->spurious_disabled = state & IRQM_STATE_SPURIOUS_DISABLED;
	}
	irqm_rcu_read_unlock();
	return 0;
}

/*
 * The interrupts table (irqmap_show_interrupts()): one count column per
 * CPU and the unhandled runs, then the flow and the handlers' names, as
 * Linux's /proc/interrupts. Called under RCU and the virq-space lock: only
 * lock-free reads here.
 */
void irqm_show_stats_header(FILE *f)
{
	unsigned int n = irqmap_nr_cpus();
	char name[16];

	for (unsigned int cpu = 0; cpu < n; cpu++) {
		snprintf(name, sizeof(name), "CPU%u", cpu);
		fprintf(f, " %10s", name);
	}
	fprintf(f, " %10s", "UNHANDLED");
}

void irqm_show_desc_stats(FILE *f, struct irq_desc *desc)
{
	struct irqm_desc_handling *h = irqm_handling_of(desc);
	unsigned int n = irqmap_nr_cpus();

	for (unsigned int cpu = 0; cpu < n; cpu++)
		fprintf(f, " %10lu", h ? stat_cpu(h, cpu, IRQM_STAT_COUNT) : 0);
	fprintf(f, " %10lu", h ? irqm_stat_sum(h, IRQM_STAT_UNHANDLED) : 0);
}

void irqm_show_desc_actions(FILE *f, struct irq_desc *desc)
{
	struct irqm_desc_handling *h = irqm_handling_of(desc);
	const char *sep = "  ";
	struct irqaction *a;
	unsigned int state;

	if (!h)
		return;
	a = irqm_rcu_deref(h->action);
	/* The flow of lines nobody set up or requested goes without saying. */
	if (a || atomic_load_explicit(&h->handle_irq, memory_order_relaxed) ||
	    atomic_load_explicit(&h->chained, memory_order_relaxed))
		fprintf(f, "  %s", irqm_flow_name(h, desc));
	for (; a; a = irqm_rcu_deref(a->next)) {
		fprintf(f, "%s%s", sep, a->name ? a->name : "(unnamed)");
		sep = ", ";
	}
	state = atomic_load_explicit(&h->state, memory_order_relaxed);
	if (state & IRQM_STATE_SPURIOUS_DISABLED)
		fprintf(f, "  [disabled: nobody cared]");
	else if ((state & IRQD_IRQ_DISABLED) &&
		 atomic_load_explicit(&h->action, memory_order_relaxed))
		fprintf(f, "  [disabled]");
}
