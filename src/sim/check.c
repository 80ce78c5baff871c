// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check.c - do the library's counts agree with the machine?
 *
 * At a quiet moment (no delivery queued or running), for every line:
 *  - its reference count is the number of plugged devices resolved to it
 *    (plus what was there before any device: a cascade's hold), or 1
 *    under the kernel's semantics; an unused line is unmapped;
 *  - it has one handler per user;
 *  - the library's counters of the current mapping balance with the
 *    deliveries made to it:  delivered + resent == count + deferred,
 *    count + replayed == handled + unhandled;
 * under the never-dispose semantics, a line its last user left stays
 * mapped with one reference (a leak it stands for, not a failure);
 * every interrupt raised was claimed by its device, dropped when it was
 * unplugged, or lost with its line; deliveries that found no mapping are
 * the domain's spurious count; no mapping exists that nobody holds; and
 * irqmap_check() finds the library consistent.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

int irqm_sim_base_save(struct irqm_sim *s)
{
	size_t nr_domains, nr;
	struct irq_domain **domains = irqm_sim_domains(&nr_domains);

	for (size_t i = 0; i < nr_domains; i++) {
		struct irqmap_mapping_info *m = irqm_sim_mappings(domains[i], &nr);

		for (size_t j = 0; j < nr; j++) {
			struct irqm_sim_base *b = realloc(s->base,
				(s->nr_base + 1) * sizeof(*b));

			if (!b) {
				free(m);
				free(domains);
				return -ENOMEM;
			}
			s->base = b;
			b[s->nr_base++] = (struct irqm_sim_base){
				m[j].domain, m[j].hwirq, m[j].virq, m[j].refcount };
		}
		free(m);
	}
	free(domains);
	return 0;
}

static const struct irqm_sim_base *base_find(struct irqm_sim *s,
					     struct irq_domain *d,
					     irq_hw_number_t hwirq)
{
	for (size_t i = 0; i < s->nr_base; i++)
		if (s->base[i].domain == d && s->base[i].hwirq == hwirq)
			return &s->base[i];
	return NULL;
}

static void problem(struct irqm_sim *s, unsigned int *nr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct irqm_sim *s, unsigned int *nr, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	irqm_sim_err(s, "check: %s", msg);
	(*nr)++;
}

static unsigned int check_stats(struct irqm_sim *s, struct irqm_sim_line *l,
				unsigned int users)
{
	unsigned long delivered = atomic_load(&l->life_delivered);
	struct irqmap_irq_stats st;
	unsigned int nr = 0;

	if (irqmap_irq_stats(l->virq, &st)) {
		problem(s, &nr, "virq %u: no statistics", l->virq);
		return nr;
	}
	if (st.nr_actions != users)
		problem(s, &nr, "%s 0x%lx (virq %u): %u handlers for %u users",
			l->ctrl, (unsigned long)l->hwirq, l->virq,
			st.nr_actions, users);
	if (delivered + st.resent != st.count + st.deferred)
		problem(s, &nr, "%s 0x%lx (virq %u): %lu deliveries + %lu resent != %lu counted + %lu deferred",
			l->ctrl, (unsigned long)l->hwirq, l->virq, delivered,
			st.resent, st.count, st.deferred);
	if (st.count + st.replayed != st.handled + st.unhandled)
		problem(s, &nr, "%s 0x%lx (virq %u): %lu counted + %lu replayed != %lu handled + %lu unhandled",
			l->ctrl, (unsigned long)l->hwirq, l->virq, st.count,
			st.replayed, st.handled, st.unhandled);
	return nr;
}

/* Never dispose: @l is mapped with no user, as that semantics leaves it. */
static bool left_mapped(struct irqm_sim *s, const struct irqm_sim_line *l)
{
	return s->opts->semantics == IRQM_SIM_NEVER_DISPOSE && !l->users &&
	       l->last_user[0] && l->virq;
}

static unsigned int check_line(struct irqm_sim *s, struct irqm_sim_line *l)
{
	const struct irqm_sim_base *b = base_find(s, l->domain, l->hwirq);
	unsigned int users = 0, nr = 0, virq, refs, expect;
	char holders[256];

	if (atomic_load(&l->failed))
		problem(s, &nr, "%s 0x%lx: %lu deliveries failed",
			l->ctrl, (unsigned long)l->hwirq, atomic_load(&l->failed));

	for (size_t i = 0; i < s->nr_devs; i++)
		users += s->devs[i]->line == l && s->devs[i]->virq;
	if (users != l->users)
		problem(s, &nr, "%s 0x%lx: %u devices hold it, the line counts %u",
			l->ctrl, (unsigned long)l->hwirq, users, l->users);
	virq = irq_find_mapping(l->domain, l->hwirq);
	refs = virq ? irq_mapping_refcount(virq) : 0;
	if (!users && left_mapped(s, l)) {
		if (virq != l->virq || refs != 1)
			problem(s, &nr, "%s 0x%lx: left mapped as virq %u, but found virq %u with %u references",
				l->ctrl, (unsigned long)l->hwirq, l->virq, virq, refs);
		return nr;
	}
	if (!users) {
		if (virq && !b)
			problem(s, &nr, "%s 0x%lx: mapped as virq %u with %u references, but no device uses it",
				l->ctrl, (unsigned long)l->hwirq, virq, refs);
		return nr;
	}
	if (virq != l->virq) {
		problem(s, &nr, "%s 0x%lx: mapped as virq %u, its devices hold virq %u",
			l->ctrl, (unsigned long)l->hwirq, virq, l->virq);
		return nr;
	}
	if (l->domain->flags & IRQ_DOMAIN_FLAG_NO_REFCOUNT)
		expect = 1;
	else
		expect = users + (b ? b->refs : 0);
	irqm_sim_line_holders(s, l, holders, sizeof(holders));
	if (refs != expect)
		problem(s, &nr, "%s 0x%lx (virq %u): %u references, but %u users (%s)",
			l->ctrl, (unsigned long)l->hwirq, virq, refs, users,
			holders);
	return nr + check_stats(s, l, users);
}

/* Mappings nobody accounts for: neither there at start nor a line in use. */
static unsigned int strays(struct irqm_sim *s, FILE *f)
{
	size_t nr_domains, nr;
	struct irq_domain **domains = irqm_sim_domains(&nr_domains);
	unsigned int bad = 0;

	for (size_t i = 0; i < nr_domains; i++) {
		struct irqmap_mapping_info *m = irqm_sim_mappings(domains[i], &nr);

		for (size_t j = 0; j < nr; j++) {
			const struct irqm_sim_base *b =
				base_find(s, m[j].domain, m[j].hwirq);
			struct irqm_sim_line *l =
				irqm_sim_line_find(s, m[j].domain, m[j].hwirq);

			if (b && (!l || !l->users) && b->refs == m[j].refcount)
				continue;
			if (l && (l->users || left_mapped(s, l)))
				continue;
			bad++;
			if (f)
				fprintf(f, "leak: %s hwirq 0x%lx is mapped as virq %u with %u references%s\n",
					m[j].domain->name,
					(unsigned long)m[j].hwirq, m[j].virq,
					m[j].refcount, b ? " (more than at start)" :
							   ", and no device uses it");
		}
		free(m);
	}
	free(domains);
	return bad;
}

/*
 * Deliveries that found no mapping are what the library counted as
 * spurious for the domain (nothing else delivers to these domains).
 */
static void check_spurious(struct irqm_sim *s, unsigned int *nr)
{
	for (struct irqm_sim_line *l = s->lines; l; l = l->next) {
		unsigned long mine = 0, lib;
		bool first = true;

		for (struct irqm_sim_line *m = s->lines; m; m = m->next) {
			first &= m == l || m->domain != l->domain;
			if (m == l)
				break;
		}
		if (!first)
			continue;
		for (struct irqm_sim_line *m = l; m; m = m->next)
			if (m->domain == l->domain)
				mine += atomic_load(&m->unmapped);
		lib = irqmap_domain_spurious(l->domain);
		if (mine != lib)
			problem(s, nr, "%s: %lu deliveries found no mapping, the library counted %lu",
				l->ctrl, mine, lib);
	}
}

/* Every interrupt raised is claimed, pending, dropped or lost. */
static bool balanced(struct irqm_sim *s, unsigned long *claimed,
		     unsigned long *pending)
{
	*claimed = s->handled_gone;
	*pending = 0;
	for (size_t i = 0; i < s->nr_devs; i++) {
		*claimed += atomic_load(&s->devs[i]->handled);
		*pending += (unsigned long)atomic_load(&s->devs[i]->pending);
	}
	return s->raised == *claimed + *pending + s->dropped + s->ghost;
}

static void report_ok(struct irqm_sim *s, unsigned int lines,
		      unsigned int shared, unsigned int most,
		      unsigned long claimed)
{
	unsigned int left = 0;
	json_object *o;

	for (struct irqm_sim_line *l = s->lines; l; l = l->next)
		left += left_mapped(s, l);

	if (!s->opts->json) {
		printf("check: ok: %u line%s mapped", lines, lines == 1 ? "" : "s");
		if (shared)
			printf(" (%u shared, up to %u users)", shared, most);
		printf(", every reference count equals its users; interrupts balance: "
		       "%lu raised = %lu handled + %lu dropped at unplug", s->raised,
		       claimed, s->dropped);
		if (s->ghost)
			printf(" + %lu lost", s->ghost);
		printf("\n");
		if (s->nr_losses)
			printf("check: %zu device%s lost %s interrupt under the kernel's semantics\n",
			       s->nr_losses, s->nr_losses == 1 ? "" : "s",
			       s->nr_losses == 1 ? "its" : "their");
		if (left)
			printf("check: %u line%s left mapped with no user (never dispose)\n",
			       left, left == 1 ? "" : "s");
		return;
	}
	o = irqm_sim_json_command(s, "check");
	json_object_object_add(o, "ok", json_object_new_boolean(1));
	json_object_object_add(o, "lines", json_object_new_int((int)lines));
	json_object_object_add(o, "shared", json_object_new_int((int)shared));
	json_object_object_add(o, "most_users", json_object_new_int((int)most));
	json_object_object_add(o, "raised", json_object_new_int64((int64_t)s->raised));
	json_object_object_add(o, "handled", json_object_new_int64((int64_t)claimed));
	json_object_object_add(o, "dropped", json_object_new_int64((int64_t)s->dropped));
	json_object_object_add(o, "lost", json_object_new_int64((int64_t)s->ghost));
	json_object_object_add(o, "left_mapped", json_object_new_int((int)left));
	irqm_sim_json_print(o);
}

/*
 * Check everything (the caller drained the deliveries). Return: 0, or
 * -EIO after naming every problem on stderr.
 */
int irqm_sim_check(struct irqm_sim *s, bool report)
{
	unsigned int nr = 0, lines = 0, shared = 0, most = 0, stray;
	unsigned long claimed, pending;

	for (struct irqm_sim_line *l = s->lines; l; l = l->next) {
		nr += check_line(s, l);
		lines += l->users > 0;
		shared += l->users > 1;
		if (l->users > most)
			most = l->users;
	}
	for (size_t i = 0; i < s->nr_devs; i++)
		if (atomic_load(&s->devs[i]->foreign))
			problem(s, &nr, "the handler of %s was called for another virq",
				s->devs[i]->id);
	if (!balanced(s, &claimed, &pending))
		problem(s, &nr, "%lu interrupts raised, but %lu handled + %lu pending + %lu dropped + %lu lost",
			s->raised, claimed, pending, s->dropped, s->ghost);
	check_spurious(s, &nr);
	stray = strays(s, stderr);
	if (stray)
		problem(s, &nr, "%u mapping%s that no device holds", stray,
			stray == 1 ? "" : "s");
	if (irqmap_check(stderr))
		problem(s, &nr, "the library's own invariants do not hold");
	if (nr) {
		s->failures++;
		return -EIO;
	}
	if (report)
		report_ok(s, lines, shared, most, claimed);
	return 0;
}

/*
 * After everything was unplugged: what is still mapped that was not at
 * start. Named on @f; returns how many.
 */
unsigned long irqm_sim_leaks(struct irqm_sim *s, FILE *f)
{
	unsigned long claimed, pending, leaks = strays(s, f);

	if (irqmap_check(f))
		leaks++;
	if (!balanced(s, &claimed, &pending)) {
		fprintf(f, "irqmap: %lu interrupts raised, but %lu handled + %lu pending + %lu dropped + %lu lost\n",
			s->raised, claimed, pending, s->dropped, s->ghost);
		s->failures++;
	}
	return leaks;
}
