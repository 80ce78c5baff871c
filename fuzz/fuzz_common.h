/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz_common.h - the library's life cycle around fuzz inputs.
 *
 * irqmap_exit() waits twice for liburcu's call_rcu thread, which batches
 * its work every 10 ms: calling it for every input would hold a target to
 * a few dozen inputs a second. So the library stays initialised across
 * inputs, and after each one it must be exactly as empty as irqmap_exit()
 * requires (no domain, no allocated virq, irqmap_check() clean); the virq
 * cursor goes back to 1 so that every input sees the virq numbers of a
 * fresh process. Every FUZZ_EXIT_EVERY inputs (default 64; 1: every
 * input) and when the process ends, irqmap_exit() itself must return 0.
 */
#ifndef IRQMAP_FUZZ_COMMON_H
#define IRQMAP_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include <irqmap/irqmap.h>

#include "core.h"

static bool fz_ready;
static unsigned long fz_inputs, fz_exit_every = 64;

static void fz_abort(const char *what)
{
	fprintf(stderr, "fuzz: %s\n", what);
	abort();
}

static int fz_count_domain(struct irq_domain *d, void *arg)
{
	(void)d;
	(*(unsigned int *)arg)++;
	return 0;
}

static void fz_exit(void)
{
	fz_ready = false;
	if (irqmap_exit())
		fz_abort("irqmap_exit(): something was left behind");
}

static void fz_atexit(void)
{
	if (fz_ready)
		fz_exit();
}

/* From LLVMFuzzerInitialize(). */
static void fz_setup(void)
{
	const char *every = getenv("FUZZ_EXIT_EVERY");

	setenv("IRQMAP_NR_IRQS", "16384", 0);
	if (every && strtoul(every, NULL, 10))
		fz_exit_every = strtoul(every, NULL, 10);
	atexit(fz_atexit);
}

/* Before an input: the library up, quiet (or @log), virqs from 1. */
static void fz_begin(irqmap_log_fn log)
{
	if (!fz_ready) {
		if (irqmap_init())
			fz_abort("irqmap_init() failed");
		fz_ready = true;
	}
	irqm_desc_set_cursor(1);
	irqmap_set_log_handler(log, NULL);
}

/* After an input that released everything: nothing may be left. */
static void fz_end(void)
{
	unsigned int domains = 0;

	irqmap_set_log_handler(NULL, NULL);
	if (irqmap_check(stderr))
		fz_abort("irqmap_check() failed at the end of the input");
	irq_domain_for_each(fz_count_domain, &domains);
	if (domains)
		fz_abort("a domain is left at the end of the input");
	if (irqm_desc_count())
		fz_abort("a virq is left allocated at the end of the input");
	if (++fz_inputs % fz_exit_every == 0)
		fz_exit();
}

#endif
