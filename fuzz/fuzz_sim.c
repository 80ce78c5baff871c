// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * fuzz_sim.c - scenario scripts of the hot-plug simulator (a placeholder).
 *
 * Each input is a scenario script, run with irqm_sim_run() on the built-in
 * machine with one CPU and keep_going, so that a bad line is reported and
 * the rest still runs. The simulator brings the library up and down
 * itself and checks, at the end, that irqmap_exit() finds nothing left.
 * For now only what the sanitizers see is a finding: the simulator's exit
 * statuses (1 for a failed check, 2 for bad input) are not yet settled
 * enough to tell a bad script from a broken library, and the target is
 * slow (a machine and a CPU thread per input). It is built when the
 * simulator is part of the build, and not run by the test command:
 * scripts/fuzz.sh run sim SECONDS, seeded with examples/scenarios.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simulator.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("IRQMAP_NR_IRQS", "16384", 0);
	/* the narration of every run: libFuzzer reports on stderr */
	if (!freopen("/dev/null", "w", stdout))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct irqm_sim_opts opts = {
		.script_name = "fuzz-input",
		.cpus = 1,
		.seed = 1,
		.keep_going = true,
	};
	char *text;

	if (size > 4096)
		return 0;
	text = malloc(size + 1);
	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	opts.script_text = text;
	(void)irqm_sim_run(&opts);
	free(text);
	return 0;
}
