// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * parse.c - the scenario language, one command a line.
 *
 *	device_add DRIVER[,bus=BUS][,addr=SLOT[.FN]][,id=ID][,pin=A-D]
 *		[,multifunction=on|off][,QEMU's other options]
 *	device_del ID
 *	raise ID [COUNT]
 *	info interrupts|domains|refs|pci
 *	check
 *	sync
 *	echo TEXT
 *
 * '#' starts a comment. device_add takes what QEMU's -device and
 * device_add take: addr= is hexadecimal ("addr=1f.7" or "addr=0x1f") and
 * leaving it out takes the first free slot; leaving out bus= takes the bus
 * QEMU would, and id= an automatic one (exec.c); the driver must be one
 * QEMU has (qemu-drivers.c), and options that only matter to QEMU
 * (netdev=, mac=...) are ignored. This file only checks the syntax;
 * whether the bus or the id exist is for exec.c.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define MAX_RAISE 1000000ul

static char *skip_space(char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

/* The next space-separated word of *@p, NUL-terminated, or NULL. */
static char *word(char **p)
{
	char *w = skip_space(*p), *e;

	if (!*w)
		return NULL;
	for (e = w; *e && !isspace((unsigned char)*e); e++)
		;
	if (*e)
		*e++ = '\0';
	*p = e;
	return w;
}

static bool valid_name(const char *v)
{
	if (!*v)
		return false;
	for (; *v; v++)
		if (!isalnum((unsigned char)*v) && !strchr("-_.@/:", *v))
			return false;
	return true;
}

static int copy_name(struct irqm_sim *s, const char *what, const char *v,
		     char *dst, size_t len)
{
	if (!valid_name(v)) {
		irqm_sim_err(s, "device_add: bad %s '%s' (letters, digits and -_.@/: only)",
			     what, irqm_sim_q(v));
		return -EINVAL;
	}
	if (strlen(v) >= len) {
		irqm_sim_err(s, "device_add: %s '%s' is longer than %zu characters",
			     what, irqm_sim_q(v), len - 1);
		return -EINVAL;
	}
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

static bool parse_hex(const char *v, unsigned long max, unsigned long *out)
{
	char *end;

	if (!isxdigit((unsigned char)*v))
		return false;
	errno = 0;
	*out = strtoul(v, &end, 16);
	return !errno && !*end && *out <= max;
}

static int parse_addr(struct irqm_sim *s, const char *v,
		      struct irqm_sim_cmd *c)
{
	char buf[32], *dot;
	unsigned long slot, fn = 0;

	snprintf(buf, sizeof(buf), "%s", v);
	dot = strchr(buf, '.');
	if (dot)
		*dot++ = '\0';
	if (strlen(v) >= sizeof(buf) ||
	    !parse_hex(buf + (strncmp(buf, "0x", 2) ? 0 : 2), IRQM_SIM_SLOTS - 1,
		       &slot) ||
	    (dot && !parse_hex(dot, IRQM_SIM_FUNCS - 1, &fn))) {
		irqm_sim_err(s, "device_add: bad addr '%s' (SLOT[.FN] in hexadecimal: slot 0-1f, function 0-7)",
			     irqm_sim_q(v));
		return -EINVAL;
	}
	c->slot = (int)slot;
	c->fn = (unsigned int)fn;
	return 0;
}

static int parse_prop(struct irqm_sim *s, char *kv, struct irqm_sim_cmd *c)
{
	char *v = strchr(kv, '='), *end;
	unsigned long n;

	if (!v) {
		irqm_sim_err(s, "device_add: '%s' is not KEY=VALUE", irqm_sim_q(kv));
		return -EINVAL;
	}
	*v++ = '\0';
	if (!strcmp(kv, "bus"))
		return copy_name(s, "bus", v, c->bus, sizeof(c->bus));
	if (!strcmp(kv, "id"))
		return copy_name(s, "id", v, c->id, sizeof(c->id));
	if (!strcmp(kv, "driver"))
		return copy_name(s, "driver", v, c->driver, sizeof(c->driver));
	if (!strcmp(kv, "addr"))
		return parse_addr(s, v, c);
	if (!strcmp(kv, "pin")) {
		if (strlen(v) != 1 || toupper((unsigned char)*v) < 'A' ||
		    toupper((unsigned char)*v) > 'D') {
			irqm_sim_err(s, "device_add: bad pin '%s' (A, B, C or D)",
				     irqm_sim_q(v));
			return -EINVAL;
		}
		c->pin = (unsigned int)(toupper((unsigned char)*v) - 'A' + 1);
		return 0;
	}
	if (!strcmp(kv, "multifunction")) {
		if (strcmp(v, "on") != 0 && strcmp(v, "off") != 0) {
			irqm_sim_err(s, "device_add: bad multifunction '%s' (on or off)",
				     irqm_sim_q(v));
			return -EINVAL;
		}
		c->multifunction = !strcmp(v, "on");
		return 0;
	}
	if (!strcmp(kv, "chassis_nr") || !strcmp(kv, "index")) {
		n = strtoul(v, &end, 10);
		if (!isdigit((unsigned char)*v) || *end || n > 255) {
			irqm_sim_err(s, "device_add: bad %s '%s' (0-255)", kv,
				     irqm_sim_q(v));
			return -EINVAL;
		}
		if (kv[0] == 'i')
			c->index = (int)n;
		return 0;
	}
	if (irqm_sim_option_ignored(kv))
		return 0;
	irqm_sim_err(s, "device_add: unknown property '%s' (bus, addr, id, pin, multifunction; QEMU's own, such as netdev, mac or chassis_nr, are accepted and ignored)",
		     irqm_sim_q(kv));
	return -EINVAL;
}

static int known_driver(struct irqm_sim *s, const char *driver)
{
	char names[2048];

	if (irqm_sim_driver_find(driver))
		return 0;
	irqm_sim_driver_names(names, sizeof(names));
	irqm_sim_err(s, "device_add: unknown driver '%s' (drivers: %s)",
		     irqm_sim_q(driver), names);
	return -EINVAL;
}

static int parse_device_add(struct irqm_sim *s, char *args,
			    struct irqm_sim_cmd *c)
{
	char *rest = args, *p, *extra;

	if (!args || !*args) {
		irqm_sim_err(s, "device_add: missing DRIVER[,bus=BUS][,addr=SLOT][,id=ID]");
		return -EINVAL;
	}
	extra = word(&rest);
	if (word(&rest)) {
		irqm_sim_err(s, "device_add: unexpected text after '%s'",
			     irqm_sim_q(extra));
		return -EINVAL;
	}
	c->slot = -1;
	c->index = -1;
	for (bool first = true; (p = strsep(&args, ",")); first = false) {
		if (!*p) {
			irqm_sim_err(s, "device_add: empty property");
			return -EINVAL;
		}
		if (first && !strchr(p, '=')) {
			if (copy_name(s, "driver", p, c->driver, sizeof(c->driver)))
				return -EINVAL;
		} else if (parse_prop(s, p, c)) {
			return -EINVAL;
		}
	}
	if (!c->driver[0]) {
		irqm_sim_err(s, "device_add: missing DRIVER");
		return -EINVAL;
	}
	c->auto_id = !c->id[0];
	return known_driver(s, c->driver);
}

static int parse_count(struct irqm_sim *s, const char *v, unsigned long *n)
{
	char *end;

	errno = 0;
	*n = strtoul(v, &end, 10);
	if (!isdigit((unsigned char)*v) || *end || errno || !*n || *n > MAX_RAISE) {
		irqm_sim_err(s, "raise: bad count '%s' (1 to %lu)", irqm_sim_q(v),
			     MAX_RAISE);
		return -EINVAL;
	}
	return 0;
}

static int no_more(struct irqm_sim *s, const char *cmd, char **rest)
{
	char *w = word(rest);

	if (!w)
		return 0;
	irqm_sim_err(s, "%s: unexpected argument '%s'", cmd,
		     irqm_sim_q(w));
	return -EINVAL;
}

static int parse_id_arg(struct irqm_sim *s, const char *cmd, char **rest,
			struct irqm_sim_cmd *c)
{
	char *id = word(rest);

	if (!id) {
		irqm_sim_err(s, "%s: missing device id", cmd);
		return -EINVAL;
	}
	if (strlen(id) >= sizeof(c->id)) {
		irqm_sim_err(s, "%s: no device with id '%s'", cmd,
			     irqm_sim_q(id));
		return -EINVAL;
	}
	memcpy(c->id, id, strlen(id) + 1);
	return 0;
}

static int parse_info(struct irqm_sim *s, char **rest, struct irqm_sim_cmd *c)
{
	static const char *const items[] = {
		[IRQM_SIM_INFO_INTERRUPTS] = "interrupts",
		[IRQM_SIM_INFO_DOMAINS] = "domains",
		[IRQM_SIM_INFO_REFS] = "refs",
		[IRQM_SIM_INFO_PCI] = "pci",
	};
	char *w = word(rest);

	for (size_t i = 0; w && i < sizeof(items) / sizeof(items[0]); i++) {
		if (!strcmp(w, items[i])) {
			c->info = (enum irqm_sim_info)i;
			return no_more(s, "info", rest);
		}
	}
	if (w)
		irqm_sim_err(s, "info: unknown item '%s' (interrupts, domains, refs, pci)",
			     irqm_sim_q(w));
	else
		irqm_sim_err(s, "info: missing item (interrupts, domains, refs, pci)");
	return -EINVAL;
}

/*
 * Parse one line (modified in place). Return: 0 with @c filled in, 1 for
 * a line with nothing to do, -EINVAL after reporting a bad line.
 */
int irqm_sim_parse(struct irqm_sim *s, char *line, struct irqm_sim_cmd *c)
{
	char *hash = strchr(line, '#'), *rest, *verb;
	size_t n;

	if (hash)
		*hash = '\0';
	line = skip_space(line);
	n = strlen(line);
	while (n && isspace((unsigned char)line[n - 1]))
		line[--n] = '\0';
	if (!n)
		return 1;
	memset(c, 0, sizeof(*c));
	snprintf(c->text, sizeof(c->text), "%s", line);
	rest = line;
	verb = word(&rest);
	if (!strcmp(verb, "echo")) {
		c->op = IRQM_SIM_ECHO;
		c->echo = rest;		/* keeps the indentation after "echo " */
		return 0;
	}
	if (!strcmp(verb, "device_add")) {
		c->op = IRQM_SIM_DEVICE_ADD;
		return parse_device_add(s, skip_space(rest), c);
	}
	if (!strcmp(verb, "device_del")) {
		c->op = IRQM_SIM_DEVICE_DEL;
		if (parse_id_arg(s, verb, &rest, c))
			return -EINVAL;
		return no_more(s, verb, &rest);
	}
	if (!strcmp(verb, "raise")) {
		char *w;

		c->op = IRQM_SIM_RAISE;
		c->count = 1;
		if (parse_id_arg(s, verb, &rest, c))
			return -EINVAL;
		w = word(&rest);
		if (w && parse_count(s, w, &c->count))
			return -EINVAL;
		return no_more(s, verb, &rest);
	}
	if (!strcmp(verb, "info")) {
		c->op = IRQM_SIM_INFO;
		return parse_info(s, &rest, c);
	}
	if (!strcmp(verb, "check") || !strcmp(verb, "sync")) {
		c->op = verb[0] == 'c' ? IRQM_SIM_CHECK : IRQM_SIM_SYNC;
		return no_more(s, verb, &rest);
	}
	irqm_sim_err(s, "unknown command '%s' (device_add, device_del, raise, info, check, sync, echo)",
		     irqm_sim_q(verb));
	return -EINVAL;
}
