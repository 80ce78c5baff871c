// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * run.c - one simulation from start to end.
 *
 * The machine of -M is chosen first: an unknown one is bad input before
 * anything is up. Library up (with reference tracking unless the
 * environment says otherwise), machine up, CPUs up, the tree's devices
 * plugged, then the command line's (-device); then the script and the
 * churn. Whatever happened, everything plugged is
 * unplugged again, the deliveries drained, the machine and the library
 * torn down, and the leaks counted: a run that stops at a bad line still
 * ends with irqmap_exit() finding nothing left.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static int worst(int a, int b)
{
	return a > b ? a : b;
}

static int script(struct irqm_sim *s)
{
	const struct irqm_sim_opts *o = s->opts;
	const char *name = o->script;
	FILE *f;
	int ret;

	if (o->script_text) {
		f = fmemopen((void *)o->script_text, strlen(o->script_text), "r");
		name = o->script_name;
	} else if (!strcmp(o->script, "-")) {
		f = stdin;
		name = "stdin";
	} else {
		f = fopen(o->script, "r");
	}
	if (!f) {
		irqm_sim_err(s, "cannot open %s: %s", name, strerror(errno));
		return IRQM_SIM_BAD_INPUT;
	}
	ret = irqm_sim_run_script(s, f, name);
	if (f != stdin)
		fclose(f);
	return ret;
}

static int teardown(struct irqm_sim *s, unsigned long *leaks)
{
	int status = IRQM_SIM_OK;

	s->ending = true;
	if (irqm_sim_unplug_all(s))
		status = IRQM_SIM_FAILED;
	if (irqm_sim_cpus_drain(s, IRQM_SIM_DRAIN_MS)) {
		irqm_sim_err(s, "deliveries did not finish after everything was unplugged");
		status = IRQM_SIM_FAILED;
	}
	irqm_sim_cpus_stop(s);
	if (irqm_sim_machine_down(s, leaks))
		status = IRQM_SIM_FAILED;
	return status;
}

static void free_model(struct irqm_sim *s)
{
	irqm_sim_lines_free(s);
	while (s->buses) {
		struct irqm_sim_bus *b = s->buses;

		s->buses = b->next;
		free(b);
	}
	free(s->devs);
	free(s->dev_hash);
	free(s->base);
	free(s->losses);
	free(s->gone);
	free(s->dot);
}

static void stopped(struct irqm_sim *s)
{
	if (!s->file)
		return;
	if (s->cmdline)
		fprintf(stderr, "irqmap: stopped at -device %u", s->lineno);
	else
		fprintf(stderr, "irqmap: stopped at %s:%u", s->file, s->lineno);
	fprintf(stderr, "; unplugging the %zu device%s plugged so far\n",
		s->nr_devs, s->nr_devs == 1 ? "" : "s");
}

static int simulate(struct irqm_sim *s)
{
	int status = IRQM_SIM_OK;

	if (irqm_sim_plug_tree(s))
		return IRQM_SIM_FAILED;
	irqm_sim_dot_snapshot(s);
	status = irqm_sim_cmdline_devices(s);
	if (status && !s->opts->keep_going) {
		stopped(s);
		return status;
	}
	if (s->opts->script || s->opts->script_text) {
		status = worst(status, script(s));
		if (status && !s->opts->keep_going) {
			stopped(s);
			return status;
		}
	}
	s->file = NULL;
	if (s->opts->churn && irqm_sim_churn(s))
		status = worst(status, IRQM_SIM_FAILED);
	return status;
}

int irqm_sim_run(const struct irqm_sim_opts *opts)
{
	struct irqm_sim s = { .opts = opts };
	unsigned long leaks = 0;
	int status, ret;

	if (opts->qemu_machine) {
		char why[512];

		s.qm = irqm_sim_machine_pick(opts->qemu_arch, opts->qemu_machine,
					     irqm_sim_cmdline_has_phb(opts), why,
					     sizeof(why));
		if (!s.qm) {
			fprintf(stderr, "irqmap: %s\n", why);
			return IRQM_SIM_BAD_INPUT;
		}
	} else if (irqm_sim_cmdline_has_phb(opts)) {
		fprintf(stderr, "irqmap: -device spapr-pci-host-bridge: only -M pseries has it\n");
		return IRQM_SIM_BAD_INPUT;
	}

	if (!getenv("IRQMAP_DEBUG_REFS"))
		setenv("IRQMAP_DEBUG_REFS", "1", 1);
	ret = irqmap_init();
	if (ret) {
		fprintf(stderr, "irqmap: cannot initialise the library: %s\n",
			strerror(-ret));
		return IRQM_SIM_FAILED;
	}
	s.refs_tracking = irqmap_debug_refs_enabled();
	irqm_sim_log_install(&s);
	irqmap_set_nr_cpus(opts->cpus);
	if (irqm_sim_machine_up(&s)) {
		status = IRQM_SIM_FAILED;
	} else if (irqm_sim_cpus_start(&s, opts->cpus)) {
		irqm_sim_err(&s, "cannot start the CPU threads");
		status = IRQM_SIM_FAILED;
	} else {
		status = simulate(&s);
	}
	s.file = NULL;
	status = worst(status, teardown(&s, &leaks));
	if (irqm_sim_dot_write(&s))
		status = worst(status, IRQM_SIM_FAILED);
	irqmap_set_log_handler(NULL, NULL);
	if (irqmap_exit()) {
		fprintf(stderr, "irqmap: the library still had something at exit (listed above)\n");
		leaks++;
	}
	irqm_sim_report_end(&s, leaks, status != IRQM_SIM_OK);
	if (leaks || s.failures || s.nr_losses || s.leaked_lines)
		status = worst(status, IRQM_SIM_FAILED);
	free_model(&s);
	return status;
}
