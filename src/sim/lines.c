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

struct irqm_sim_line *irqm_sim_line_find(struct irqm_sim *s,
					 struct irq_domain *domain,
					 irq_hw_number_t hwirq)
{
	for (struct irqm_sim_line *l = s->lines; l; l = l->next)
		if (l->domain == domain && l->hwirq == hwirq)
			return l;
	return NULL;
}

/* The line, created on first use; NULL when out of memory. */
struct irqm_sim_line *irqm_sim_line_get(struct irqm_sim *s,
					struct irq_domain *domain,
					irq_hw_number_t hwirq)
{
	struct irqm_sim_line *l = irqm_sim_line_find(s, domain, hwirq), **tail;

	if (l)
		return l;
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
	/* Keep the list sorted by domain name then hwirq, for the output. */
	for (tail = &s->lines; *tail; tail = &(*tail)->next) {
		int c = strcmp((*tail)->ctrl, l->ctrl);

		if (c > 0 || (c == 0 && (*tail)->hwirq > hwirq))
			break;
	}
	l->next = *tail;
	*tail = l;
	return l;
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
	for (size_t i = 0; i < s->nr_devs; i++) {
		const struct irqm_sim_dev *d = s->devs[i];
		int w;

		if (d->line != l || !d->virq)
			continue;
		nr++;
		if (n >= len)
			continue;
		w = snprintf(buf + n, len - n, "%s%s", n ? " " : "", d->id);
		if (w > 0)
			n += (size_t)w;
	}
	return nr;
}

/* How many different domains the lines are in (1: hwirqs say enough). */
unsigned int irqm_sim_lines_with_domains(struct irqm_sim *s)
{
	unsigned int nr = 0;

	for (struct irqm_sim_line *l = s->lines; l; l = l->next) {
		bool seen = false;

		for (struct irqm_sim_line *m = s->lines; m != l; m = m->next)
			seen |= m->domain == l->domain;
		nr += !seen;
	}
	return nr;
}
