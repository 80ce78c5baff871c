// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * progress.c - a progress bar on stderr for long runs, when stderr is a
 * terminal; redrawn at most ten times a second, erased at the end.
 */
#include <stdlib.h>
#include <unistd.h>

#include "sim.h"

#define BAR 30

struct irqm_sim_progress {
	const char *what;
	unsigned long total;
	long long start, last;
};

struct irqm_sim_progress *irqm_sim_progress_start(const char *what,
						  unsigned long total)
{
	struct irqm_sim_progress *p;

	if (!isatty(STDERR_FILENO) || total < 1000)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->what = what;
	p->total = total;
	p->start = irqm_sim_now_ns();
	return p;
}

void irqm_sim_progress_update(struct irqm_sim_progress *p, unsigned long done)
{
	long long now;
	unsigned int fill;
	char bar[BAR + 1];

	if (!p)
		return;
	now = irqm_sim_now_ns();
	if (now - p->last < 100000000LL && done < p->total)
		return;
	p->last = now;
	fill = (unsigned int)(done * BAR / p->total);
	for (unsigned int i = 0; i < BAR; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[BAR] = '\0';
	fprintf(stderr, "\r%s [%s] %3lu%% %lu/%lu (%.0f s)", p->what, bar,
		done * 100 / p->total, done, p->total,
		(double)(now - p->start) / 1e9);
	fflush(stderr);
}

void irqm_sim_progress_end(struct irqm_sim_progress *p)
{
	if (!p)
		return;
	fprintf(stderr, "\r%*s\r", 80, "");
	fflush(stderr);
	free(p);
}
