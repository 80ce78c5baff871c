// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * lines.c - the controller lines devices resolve to.
 *
 * A line is (domain, hwirq), created the first time a device resolves to
 * it and kept until the end of the run: deliveries queued for it stay
 * valid whatever is unplugged meanwhile. It counts its users (plugged
 * devices that hold a reference on its mapping) and the deliveries made
 * to the mapping it has now, which the checks compare with the library's
 * counters.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim.h"

long long irqm_sim_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static size_t line_hash(const struct irq_domain *domain, irq_hw_number_t hwirq,
			size_t size)
{
	uint64_t h = ((uint64_t)(uintptr_t)domain >> 4) * 0x9e3779b97f4a7c15ull;

	h ^= (uint64_t)hwirq * 0xc2b2ae3d27d4eb4full;
	return (size_t)(h ^ (h >> 29)) & (size - 1);
}

struct irqm_sim_line *irqm_sim_line_find(struct irqm_sim *s,
					 struct irq_domain *domain,
					 irq_hw_number_t hwirq)
{
	struct irqm_sim_line *l;

	if (!s->line_hash_size)
		return NULL;
	l = s->line_hash[line_hash(domain, hwirq, s->line_hash_size)];
	for (; l; l = l->hash_next)
		if (l->domain == domain && l->hwirq == hwirq)
			return l;
	return NULL;
}

/* Room for one more line in the table, kept at most half full. */
static int line_hash_grow(struct irqm_sim *s)
{
	size_t size = s->line_hash_size ? s->line_hash_size * 2 : 64;
	struct irqm_sim_line **t;

	if (s->nr_lines + 1 <= s->line_hash_size / 2)
		return 0;
	t = calloc(size, sizeof(*t));
	if (!t)
		return -ENOMEM;
	for (struct irqm_sim_line *l = s->lines; l; l = l->next) {
		size_t h = line_hash(l->domain, l->hwirq, size);

		l->hash_next = t[h];
		t[h] = l;
	}
	free(s->line_hash);
	s->line_hash = t;
	s->line_hash_size = size;
	return 0;
}

static bool line_before(const struct irqm_sim_line *a,
			const struct irqm_sim_line *b)
{
	int c = strcmp(a->ctrl, b->ctrl);

	return c < 0 || (c == 0 && a->hwirq < b->hwirq);
}

/*
 * Insert @l in domain name then hwirq order, for the output. Lines mostly
 * come in that order (a tree's devices in tree order): try the end first.
 */
static void line_insert(struct irqm_sim *s, struct irqm_sim_line *l)
{
	struct irqm_sim_line **tail;
	size_t h = line_hash(l->domain, l->hwirq, s->line_hash_size);

	l->hash_next = s->line_hash[h];
	s->line_hash[h] = l;
	s->nr_lines++;
	if (!s->lines_tail || line_before(s->lines_tail, l)) {
		tail = s->lines_tail ? &s->lines_tail->next : &s->lines;
	} else {
		for (tail = &s->lines; *tail; tail = &(*tail)->next)
			if (line_before(l, *tail))
				break;
	}
	l->next = *tail;
	*tail = l;
	if (!l->next)
		s->lines_tail = l;
}

/* The line, created on first use; NULL when out of memory. */
struct irqm_sim_line *irqm_sim_line_get(struct irqm_sim *s,
					struct irq_domain *domain,
					irq_hw_number_t hwirq)
{
	struct irqm_sim_line *l = irqm_sim_line_find(s, domain, hwirq);

	if (l)
		return l;
	if (line_hash_grow(s))
		return NULL;
	l = calloc(1, sizeof(*l));
	if (!l)
		return NULL;
	l->domain = domain;
	l->hwirq = hwirq;
	snprintf(l->ctrl, sizeof(l->ctrl), "%s", domain->name);
	atomic_init(&l->asserted, 0);
	atomic_init(&l->queued, 0);
	atomic_init(&l->inflight, 0);
	atomic_init(&l->stuck, false);
	atomic_init(&l->last_progress, irqm_sim_now_ns());
	atomic_init(&l->delivered, 0);
	atomic_init(&l->life_delivered, 0);
	atomic_init(&l->unmapped, 0);
	atomic_init(&l->failed, 0);
	atomic_init(&l->masked, 0);
	atomic_init(&l->coalesced, 0);
	line_insert(s, l);
	return l;
}

void irqm_sim_lines_free(struct irqm_sim *s)
{
	while (s->lines) {
		struct irqm_sim_line *l = s->lines;

		s->lines = l->next;
		free(l);
	}
	s->lines_tail = NULL;
	free(s->line_hash);
	s->line_hash = NULL;
	s->line_hash_size = 0;
	s->nr_lines = 0;
}

/* @d resolved to @l: it goes last on the line's list of devices. */
void irqm_sim_line_join(struct irqm_sim_line *l, struct irqm_sim_dev *d)
{
	d->line = l;
	d->line_next = NULL;
	d->line_prev = l->devs_tail;
	if (l->devs_tail)
		l->devs_tail->line_next = d;
	else
		l->devs_head = d;
	l->devs_tail = d;
}

/*
 * @d leaves its line's list: out of the registry, or its plug failed.
 * d->line stays, for what its unplug reports.
 */
void irqm_sim_line_leave(struct irqm_sim_dev *d)
{
	struct irqm_sim_line *l = d->line;

	if (!l)
		return;
	if (d->line_prev)
		d->line_prev->line_next = d->line_next;
	else
		l->devs_head = d->line_next;
	if (d->line_next)
		d->line_next->line_prev = d->line_prev;
	else
		l->devs_tail = d->line_prev;
	d->line_prev = d->line_next = NULL;
}

/*
 * The line's mapping is gone, and no delivery that could have reached it
 * is still running (irqm_sim_wait_line_idle()): count afresh for the next.
 */
void irqm_sim_line_unmapped(struct irqm_sim_line *l)
{
	l->virq = 0;
	atomic_store(&l->life_delivered, 0);
}

/* "usb@1 nic0 nic1" into @buf; returns how many. */
unsigned int irqm_sim_line_holders(struct irqm_sim *s,
				   const struct irqm_sim_line *l,
				   char *buf, size_t len)
{
	unsigned int nr = 0;
	size_t n = 0;

	if (len)
		buf[0] = '\0';
	/* Its own devices only, in plug order, as the registry has them. */
	for (const struct irqm_sim_dev *d = l->devs_head; d; d = d->line_next) {
		int w;

		if (!d->virq)
			continue;
		nr++;
		/*
		 * Full: the rest is the line's own count, which 'check'
		 * compares with the devices; a walk on would cost a line
		 * shared by thousands of devices quadratic time.
		 */
		if (n >= len)
			return nr > l->users ? nr : l->users;
		w = snprintf(buf + n, len - n, "%s%s", n ? " " : "", d->id);
		if (w > 0)
			n += (size_t)w;
	}
	return nr;
}

static int ptr_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;

	return (x > y) - (x < y);
}

/*
 * How many different domains the lines are in (1: hwirqs say enough).
 * Sorted, then counted: the lines can be as many as the tree's nodes.
 */
unsigned int irqm_sim_lines_with_domains(struct irqm_sim *s)
{
	const struct irq_domain **v;
	unsigned int nr = 0;
	size_t n = 0;

	if (!s->nr_lines)
		return 0;
	v = malloc(s->nr_lines * sizeof(*v));
	if (!v)
		return 2;	/* say more than enough */
	for (struct irqm_sim_line *l = s->lines; l; l = l->next)
		v[n++] = l->domain;
	qsort(v, n, sizeof(*v), ptr_cmp);
	for (size_t i = 0; i < n; i++)
		nr += !i || v[i] != v[i - 1];
	free(v);
	return nr;
}
