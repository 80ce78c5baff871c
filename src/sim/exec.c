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
	for (unsigned int slot = 0; slot < b->nr_slots; slot++) {
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

/*
 * The bus QEMU puts a device on when -device has no bus=: its search
 * (qbus_find_recursive()) looks at the newest host bridge first (a bus
 * lists its children newest first), takes the first root bus with a free
 * slot, and only then the buses of bridges. On a pseries with a second
 * PHB that is pci.1, as in the tree QEMU gives such a guest.
 */
static struct irqm_sim_bus *default_bus(struct irqm_sim *s)
{
	struct irqm_sim_bus *pick = NULL;

	for (struct irqm_sim_bus *b = s->buses; b; b = b->next)
		if (!b->bridge && free_slot(b) >= 0)
			pick = b;
	for (struct irqm_sim_bus *b = s->buses; b && !pick; b = b->next)
		if (b->bridge && free_slot(b) >= 0)
			pick = b;
	return pick;
}

/* A host bridge: only pseries' second PHB, which chose the machine. */
static int host_bridge(struct irqm_sim *s, const struct irqm_sim_cmd *c)
{
	if (!s->cmdline || !s->qm || strcmp(s->qm->name, "pseries") != 0) {
		irqm_sim_err(s, "device_add: %s: a host bridge is part of the machine: give it as -device with -M pseries",
			     c->driver);
		return -EINVAL;
	}
	if (c->index < 0) {
		irqm_sim_err(s, "device_add: %s: missing index= (index=1: the second PHB, pci.1)",
			     c->driver);
		return -EINVAL;
	}
	if (c->index != 1) {
		irqm_sim_err(s, "device_add: %s: index=%d is not built in (index=1: the second PHB, pci.1)",
			     c->driver, c->index);
		return -EINVAL;
	}
	return 0;
}

int irqm_sim_device_add(struct irqm_sim *s, const struct irqm_sim_cmd *c)
{
	const struct irqm_sim_driver *drv = irqm_sim_driver_find(c->driver);
	bool bridge = drv && drv->kind == IRQM_SIM_BRIDGE;
	struct irqm_sim_bus *b;
	struct irqm_sim_dev *d, *other;
	char why[512], id[IRQM_SIM_ID_LEN];
	int slot = c->slot;

	if (!drv)
		return -EINVAL;
	if (drv->kind == IRQM_SIM_HOST_BRIDGE)
		return host_bridge(s, c);
	b = c->bus[0] ? irqm_sim_bus_find(s, c->bus) : default_bus(s);
	if (!b) {
		irqm_sim_bus_names(s, why, sizeof(why));
		if (c->bus[0])
			irqm_sim_err(s, "device_add: no bus named '%s' (buses: %s)",
				     c->bus, why);
		else
			irqm_sim_err(s, "device_add: no bus has a free slot (buses: %s)",
				     why[0] ? why : "none");
		return -EINVAL;
	}
	if (c->auto_id)
		irqm_sim_auto_id(s, c->driver, id, sizeof(id));
	else
		snprintf(id, sizeof(id), "%s", c->id);
	if (irqm_sim_dev_find(s, id)) {
		irqm_sim_err(s, "device_add: id '%s' is already in use", id);
		return -EINVAL;
	}
	if (bridge && irqm_sim_bus_find(s, id)) {
		irqm_sim_err(s, "device_add: a bus is already named '%s'", id);
		return -EINVAL;
	}
	if (slot >= 0 && (unsigned int)slot >= b->nr_slots) {
		irqm_sim_err(s, "device_add: bad addr %02x for bus %s: it has only slot 0 (the bus of a PCIe port)",
			     (unsigned int)slot, b->name);
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
	d = irqm_sim_dev_new(id, c->driver, b, (unsigned int)slot, c->fn,
			     c->pin ? c->pin : drv->pin);
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
		if (d->fixed) {
			irqm_sim_err(s, "device_del: '%s' is part of the machine: it cannot be unplugged",
				     d->id);
			return -EINVAL;
		}
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
 * Parse and run one line (modified in place), folding its outcome into
 * *@status as irqm_sim_run_script() says. Return: false when the run must
 * stop there (a bad or failed line, without --keep-going).
 */
bool irqm_sim_run_line(struct irqm_sim *s, char *line,
		       struct irqm_sim_cmd *cmd, int *status)
{
	int ret = irqm_sim_parse(s, line, cmd);

	if (ret == 1)
		return true;
	if (!ret) {
		if (cmd->op != IRQM_SIM_ECHO)
			irqm_sim_report_command(s, cmd->text);
		ret = irqm_sim_exec(s, cmd);
	}
	if (ret == -EINVAL) {
		s->errors++;
		*status = IRQM_SIM_BAD_INPUT;
	} else if (ret && *status == IRQM_SIM_OK) {
		*status = IRQM_SIM_FAILED;
	}
	return !ret || s->opts->keep_going;
}

/*
 * Read one line of at most IRQM_SIM_MAX_LINE bytes into *@buf (grown as
 * needed, NUL-terminated, the newline kept) and its length into *@n, NUL
 * bytes included. A longer line is read to its end and dropped. Return:
 * 1 for a line, 0 at the end, -E2BIG for a line too long, -ENOMEM.
 */
static int read_line(FILE *f, char **buf, size_t *cap, size_t *n)
{
	bool too_long = false;
	int c = EOF;

	*n = 0;
	while ((c = getc_unlocked(f)) != EOF) {
		if (*n + 2 > *cap && !too_long) {
			size_t want = *cap ? *cap * 2 : 256;
			char *nb = realloc(*buf, want);

			if (!nb)
				return -ENOMEM;
			*buf = nb;
			*cap = want;
		}
		if (*n >= IRQM_SIM_MAX_LINE)
			too_long = true;
		if (!too_long)
			(*buf)[(*n)++] = (char)c;
		if (c == '\n')
			break;
	}
	if (*buf)
		(*buf)[*n] = '\0';
	if (too_long)
		return -E2BIG;
	return *n || c != EOF ? 1 : 0;
}

/*
 * A control character (a NUL byte included) is no part of any command:
 * say where it is. Tabs are blanks; "\r\n" ends a line as "\n" does.
 * Return: 0, or -EINVAL after saying so.
 */
static int check_bytes(struct irqm_sim *s, char *line, size_t n)
{
	if (n >= 2 && line[n - 2] == '\r' && line[n - 1] == '\n')
		line[n - 2] = '\n', line[n - 1] = '\0', n--;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)line[i];

		if (c >= 0x20 && c != 0x7f)
			continue;
		if (c == '\t' || (c == '\n' && i == n - 1))
			continue;
		s->col = (unsigned int)(i + 1);
		irqm_sim_err(s, "control character \\x%02x in the script (only tab and newline may be there)",
			     c);
		s->col = 0;
		return -EINVAL;
	}
	return 0;
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
	int status = IRQM_SIM_OK, ret;
	size_t n, total = 0;

	if (!cmd)
		return IRQM_SIM_FAILED;
	s->file = name;
	s->lineno = 0;
	/* Bounded: a script can be a pipe that never ends. */
	while ((ret = read_line(f, &buf, &cap, &n)) != 0) {
		s->lineno++;
		total += n;
		if (ret == -ENOMEM) {
			irqm_sim_err(s, "out of memory");
			status = IRQM_SIM_FAILED;
			break;
		}
		if (ret == -E2BIG || total > IRQM_SIM_MAX_SCRIPT) {
			irqm_sim_err(s, ret == -E2BIG ?
				     "line longer than %u bytes" :
				     "script larger than %u bytes: stopped here",
				     ret == -E2BIG ? IRQM_SIM_MAX_LINE :
				     IRQM_SIM_MAX_SCRIPT);
			s->errors++;
			status = IRQM_SIM_BAD_INPUT;
			if (ret != -E2BIG || !s->opts->keep_going)
				break;
			continue;
		}
		if (check_bytes(s, buf, n)) {
			s->errors++;
			status = IRQM_SIM_BAD_INPUT;
			if (!s->opts->keep_going)
				break;
			continue;
		}
		if (!irqm_sim_run_line(s, buf, cmd, &status))
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
