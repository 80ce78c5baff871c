// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmdline.c - the devices of the command line, as QEMU takes them.
 *
 *	irqmap sim -M virt -device pci-bridge,chassis_nr=1,id=br1 \
 *		-device e1000,bus=br1,addr=3 -device virtio-net-pci
 *
 * Each -device is a device_add, plugged in order once the machine's own
 * devices are, before any scenario runs; a bad one is reported as
 * "-device N: ..." and stops the run like a bad scenario line. A
 * spapr-pci-host-bridge is not plugged: it chose the machine (a pseries
 * with a second PHB, qemu-machines.c) and only its index is checked.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static bool is_phb(const char *opts)
{
	static const char phb[] = "spapr-pci-host-bridge";

	if (!strncmp(opts, "driver=", 7))
		opts += 7;
	return !strncmp(opts, phb, sizeof(phb) - 1) &&
	       (!opts[sizeof(phb) - 1] || opts[sizeof(phb) - 1] == ',');
}

/* Does the -device list add pseries' second host bridge? */
bool irqm_sim_cmdline_has_phb(const struct irqm_sim_opts *o)
{
	for (size_t i = 0; i < o->nr_devices; i++)
		if (is_phb(o->devices[i]))
			return true;
	return false;
}

/*
 * Plug every -device. Return: IRQM_SIM_OK, or as irqm_sim_run_script()
 * (with --keep-going every bad one is reported).
 */
int irqm_sim_cmdline_devices(struct irqm_sim *s)
{
	struct irqm_sim_cmd *cmd = malloc(sizeof(*cmd));
	int status = IRQM_SIM_OK;

	if (!cmd)
		return IRQM_SIM_FAILED;
	s->cmdline = true;
	s->file = "-device";
	for (size_t i = 0; i < s->opts->nr_devices; i++) {
		const char *opts = s->opts->devices[i];
		size_t n = strlen(opts) + sizeof("device_add ");
		char *line = malloc(n);
		bool go_on;

		s->lineno = (unsigned int)i + 1;
		if (!line) {
			status = IRQM_SIM_FAILED;
			break;
		}
		/* One -device is one line, and '#' would start a comment. */
		if (strpbrk(opts, "\n#")) {
			irqm_sim_err(s, "device_add: '%s' is not one -device's options",
				     opts);
			s->errors++;
			status = IRQM_SIM_BAD_INPUT;
			go_on = s->opts->keep_going;
		} else {
			snprintf(line, n, "device_add %s", opts);
			go_on = irqm_sim_run_line(s, line, cmd, &status);
		}
		free(line);
		if (!go_on)
			break;
	}
	free(cmd);
	if (status == IRQM_SIM_OK || s->opts->keep_going) {
		s->cmdline = false;
		s->file = NULL;
	}
	return status;
}
