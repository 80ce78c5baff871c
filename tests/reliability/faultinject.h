/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * faultinject.h - run a scenario once to count its allocations, then once
 * per allocation with that allocation failing, checking after each run that
 * the library is consistent and, once the scenario has cleaned up, empty.
 */
#ifndef IRQMAP_FAULTINJECT_H
#define IRQMAP_FAULTINJECT_H

#include "testutil.h"

/*
 * A scenario does its work and undoes whatever succeeded, like a careful
 * caller. It returns 0 when every step succeeded, else the first error.
 */
typedef int (*fi_scenario_fn)(void);

struct fi_result {
	unsigned long points;		/* allocations of a clean run */
	unsigned long failed_runs;	/* runs where the scenario saw an error */
	unsigned long hit;		/* runs where the armed fault fired */
	unsigned long silent;		/* fired, yet the scenario succeeded */
};

/* Sweep every allocation of @fn; asserts on any inconsistency or leak. */
void fi_sweep(const char *name, fi_scenario_fn fn, struct fi_result *res);

#endif
