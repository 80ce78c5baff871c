// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * exec.c - running scenario commands against the machine.
 *
 * A command that makes no sense for the machine as it is (a bus that does
 * not exist, a slot that is taken, a device that is not plugged) is bad
 * input, like a syntax error: -EINVAL. A command the library refuses, or a
 * check that fails, is a failure of the run: -EIO.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static int sync_deliveries(struct irqm_sim *s, const char *verb)
{
	int ret = irqm_sim_cpus_drain(s, IRQM_SIM_DRAIN_MS);

	if (!ret)
		return 0;
	if (ret == -ETIMEDOUT) {
		irqm_sim_err(s, "%s: interrupts still being delivered after %u ms",
			     verb, IRQM_SIM_DRAIN_MS);
	} else {
		for (struct irqm_sim_line *l = s->lines; l; l = l->next)
			if (atomic_load(&l->asserted) > 0)
				irqm_sim_err(s, "%s: %s hwirq 0x%lx: %ld interrupts asserted that no handler claims",
					     verb, l->ctrl, (unsigned long)l->hwirq,
					     atomic_load(&l->asserted));
	}
	s->failures++;
	return -EIO;
}

static int free_slot(struct irqm_sim_bus *b)
{
	for (unsigned int slot = 0; slot < IRQM_SIM_SLOTS; slot++) {
		bool used = false;

		for (unsigned int fn = 0; fn < IRQM_SIM_FUNCS; fn++)
			used |= b->slots[slot][fn] != NULL;
		if (!used)
			return (int)slot;
	}
	return -1;
}

/* QEMU's rules for functions of one slot. */
static int check_functions(struct irqm_sim *s, const struct irqm_sim_cmd *c,
			   struct irqm_sim_bus *b, unsigned int slot)
{
	struct irqm_sim_dev *f0 = b->slots[slot][0];

	if (c->fn && f0 && !f0->multifunction) {
		irqm_sim_err(s, "device_add: %s:%02x.%u: '%s' in function 0 is not multifunction=on",
			     b->name, slot, c->fn, f0->id);
		return -EINVAL;
	}
	if (!c->fn && !c->multifunction)
		for (unsigned int fn = 1; fn < IRQM_SIM_FUNCS; fn++)
			if (b->slots[slot][fn]) {
				irqm_sim_err(s, "device_add: %s:%02x.0: function %u is in use, so function 0 needs multifunction=on",
					     b->name, slot, fn);
				return -EINVAL;
			}
	return 0;
}

int irqm_sim_device_add(struct irqm_sim *s, const struct irqm_sim_cmd *c)
{
	bool bridge = !strcmp(c->driver, "pci-bridge");
	struct irqm_sim_bus *b = irqm_sim_bus_find(s, c->bus);
	struct irqm_sim_dev *d, *other;
	char why[512];
	int slot = c->slot;

	if (!b) {
		irqm_sim_bus_names(s, why, sizeof(why));
		irqm_sim_err(s, "device_add: no bus named '%s' (buses: %s)",
			     c->bus, why);
		return -EINVAL;
	}
	if (irqm_sim_dev_find(s, c->id)) {
		irqm_sim_err(s, "device_add: id '%s' is already in use", c->id);
		return -EINVAL;
	}
	if (bridge && irqm_sim_bus_find(s, c->id)) {
		irqm_sim_err(s, "device_add: a bus is already named '%s'", c->id);
		return -EINVAL;
	}
	if (slot < 0 && (slot = free_slot(b)) < 0) {
		irqm_sim_err(s, "device_add: bus %s has no free slot", b->name);
		return -EINVAL;
	}
	other = b->slots[slot][c->fn];
	if (other) {
		irqm_sim_err(s, "device_add: %s:%02x.%u is occupied by '%s'",
			     b->name, (unsigned int)slot, c->fn, other->id);
		return -EINVAL;
	}
	if (check_functions(s, c, b, (unsigned int)slot))
		return -EINVAL;
	d = irqm_sim_dev_new(c->id, c->driver, b, (unsigned int)slot, c->fn,
			     bridge ? 0 : c->pin);
	if (!d) {
		irqm_sim_err(s, "device_add: out of memory");
		return -EIO;
	}
	d->multifunction = c->multifunction;
	if (irqm_sim_plug(s, d, why, sizeof(why))) {
		irqm_sim_err(s, "device_add: %s", why);
		s->failures++;
		return -EIO;
	}
	return 0;
}

/* The device @cmd names, or NULL after saying why there is none. */
static struct irqm_sim_dev *target(struct irqm_sim *s, const char *verb,
				   const char *id)
{
	struct irqm_sim_dev *d = irqm_sim_dev_find(s, id);
	const struct irqm_sim_gone *g;

	if (d)
		return d;
	g = irqm_sim_gone_find(s, id);
	if (g && g->script_line)
		irqm_sim_err(s, "%s: no device with id '%s' (it was unplugged at line %u)",
			     verb, id, g->script_line);
	else
		irqm_sim_err(s, "%s: no device with id '%s'", verb, id);
	return NULL;
}

static int raise_cmd(struct irqm_sim *s, const struct irqm_sim_cmd *c)
{
	struct irqm_sim_dev *d = target(s, "raise", c->id);

	if (!d)
		return -EINVAL;
	if (d->child) {
		irqm_sim_err(s, "raise: '%s' is a pci-bridge: it raises no interrupt",
			     d->id);
		return -EINVAL;
	}
	if (!d->line) {
		irqm_sim_err(s, "raise: '%s' has no interrupt pin", d->id);
		return -EINVAL;
	}
	irqm_sim_raise(s, d, c->count);
	irqm_sim_report_raise(s, d, c->count);
	return 0;
}

int irqm_sim_exec(struct irqm_sim *s, const struct irqm_sim_cmd *c)
{
	struct irqm_sim_dev *d;

	switch (c->op) {
	case IRQM_SIM_DEVICE_ADD:
		return irqm_sim_device_add(s, c);
	case IRQM_SIM_DEVICE_DEL:
		d = target(s, "device_del", c->id);
		if (!d)
			return -EINVAL;
		return irqm_sim_unplug(s, d) ? -EIO : 0;
	case IRQM_SIM_RAISE:
		return raise_cmd(s, c);
	case IRQM_SIM_INFO:
		if (sync_deliveries(s, "info"))
			return -EIO;
		return irqm_sim_info(s, c->info) ? -EIO : 0;
	case IRQM_SIM_CHECK:
		if (sync_deliveries(s, "check"))
			return -EIO;
		return irqm_sim_check(s, true) ? -EIO : 0;
	case IRQM_SIM_SYNC:
		return sync_deliveries(s, "sync");
	case IRQM_SIM_ECHO:
		irqm_sim_report_echo(s, c->echo);
		return 0;
	}
	return -EINVAL;
}

/*
 * Run every line of @f. Return: IRQM_SIM_OK, IRQM_SIM_FAILED after a
 * failure, IRQM_SIM_BAD_INPUT after a bad line (the worse of the two
 * with --keep-going, which goes on after both).
 */
int irqm_sim_run_script(struct irqm_sim *s, FILE *f, const char *name)
{
	struct irqm_sim_cmd *cmd = malloc(sizeof(*cmd));
	char *buf = NULL;
	size_t cap = 0;
	int status = IRQM_SIM_OK;

	if (!cmd)
		return IRQM_SIM_FAILED;
	s->file = name;
	s->lineno = 0;
	while (getline(&buf, &cap, f) >= 0) {
		int ret;

		s->lineno++;
		ret = irqm_sim_parse(s, buf, cmd);
		if (ret == 1)
			continue;
		if (!ret) {
			if (cmd->op != IRQM_SIM_ECHO)
				irqm_sim_report_command(s, cmd->text);
			ret = irqm_sim_exec(s, cmd);
		}
		if (ret == -EINVAL) {
			s->errors++;
			status = IRQM_SIM_BAD_INPUT;
		} else if (ret && status == IRQM_SIM_OK) {
			status = IRQM_SIM_FAILED;
		}
		if (ret && !s->opts->keep_going)
			break;
	}
	if (ferror(f)) {
		irqm_sim_err(s, "read error");
		status = IRQM_SIM_FAILED;
	}
	free(buf);
	free(cmd);
	return status;
}
