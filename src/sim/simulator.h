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

/* What the kernel does with a mapping when a device goes. */
enum irqm_sim_semantics {
	IRQM_SIM_REFCOUNTED,	/* one reference per user (irqmap) */
	IRQM_SIM_DISPOSE,	/* dispose on every unplug: others lose it */
	IRQM_SIM_NEVER_DISPOSE,	/* never dispose: lines leak */
};

struct irqm_sim_opts {
	const char *machine;	/* .dtb or .dts file; NULL: the built-in one */
	const char *qemu_machine;	/* or -M NAME[,OPTIONS] */
	const char *qemu_arch;	/* "riscv64" from qemu-system-riscv64 */
	const char *const *devices;	/* -device OPTIONS, plugged at start */
	size_t nr_devices;
	const char *script;	/* scenario file, "-" for stdin; NULL: none */
	const char *script_text;	/* or a scenario in memory, */
	const char *script_name;	/* called this in messages */
	unsigned int cpus;	/* delivery threads, 1..IRQM_SIM_MAX_CPUS */
	unsigned long churn;	/* devices the random soak plugs; 0: none */
	unsigned long long seed;
	bool json;		/* info and events as JSON, one object a line */
	enum irqm_sim_semantics semantics;
	bool keep_going;	/* report bad lines and go on */
	const char *dot_file;	/* Graphviz source of the busiest moment */
	const char *svg_file;	/* the same rendered by dot(1) */
};

/* "refcount", "dispose" or "never-dispose"; -1 for anything else. */
int irqm_sim_semantics_parse(const char *name);
const char *irqm_sim_semantics_name(enum irqm_sim_semantics sem);

/* Run a simulation. Return: the program's exit status (0, 1 or 2). */
int irqm_sim_run(const struct irqm_sim_opts *opts);

/* The built-in scenario and machine, as text. */
const char *irqm_sim_builtin_scenario(void);
/* What runs on a machine given without a scenario: the info tables. */
const char *irqm_sim_survey_scenario(void);
const char *irqm_sim_builtin_machine_source(void);

#endif
