/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * simulator.h - the PCI hot-plug simulator, as the irqmap program sees it.
 *
 * 'irqmap sim' fills in the options and calls irqm_sim_run(). Everything
 * else of the simulator is private to src/sim (sim.h).
 */
#ifndef IRQMAP_SIM_SIMULATOR_H
#define IRQMAP_SIM_SIMULATOR_H

#include <stdbool.h>
#include <stddef.h>

/* Most simulated CPUs (delivery threads). */
#define IRQM_SIM_MAX_CPUS 64u

struct irqm_sim_opts {
	const char *machine;	/* .dtb or .dts file; NULL: the built-in one */
	const char *script;	/* scenario file, "-" for stdin; NULL: none */
	const char *script_text;	/* or a scenario in memory, */
	const char *script_name;	/* called this in messages */
	unsigned int cpus;	/* delivery threads, 1..IRQM_SIM_MAX_CPUS */
	unsigned long churn;	/* devices the random soak plugs; 0: none */
	unsigned long long seed;
	bool json;		/* info and events as JSON, one object a line */
	bool no_refcount;	/* the kernel's unreferenced mappings */
	bool keep_going;	/* report bad lines and go on */
	const char *dot_file;	/* Graphviz source of the busiest moment */
	const char *svg_file;	/* the same rendered by dot(1) */
};

/* Run a simulation. Return: the program's exit status (0, 1 or 2). */
int irqm_sim_run(const struct irqm_sim_opts *opts);

/* The built-in scenario and machine, as text. */
const char *irqm_sim_builtin_scenario(void);
/* What runs on a machine given without a scenario: the info tables. */
const char *irqm_sim_survey_scenario(void);
const char *irqm_sim_builtin_machine_source(void);

#endif
