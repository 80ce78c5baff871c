// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_sim.c - 'irqmap sim': the PCI hot-plug simulator's command line.
 *
 * Positional arguments are told apart by name: a file ending in .dtb or
 * .dts is the machine, anything else the scenario ("-" for stdin). The
 * simulation itself is in src/sim.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <irqmap/irqmap.h>

#include "commands.h"
#include "simulator.h"

enum {
	OPT_CPUS = 256,
	OPT_CHURN,
	OPT_SEED,
	OPT_JSON,
	OPT_DOT,
	OPT_SVG,
	OPT_NO_REFCOUNT,
	OPT_KEEP_GOING,
	OPT_PRINT_SCENARIO,
	OPT_PRINT_MACHINE,
	OPT_VERSION,
};

static const struct option options[] = {
	{ "cpus", required_argument, NULL, OPT_CPUS },
	{ "churn", required_argument, NULL, OPT_CHURN },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "dot", required_argument, NULL, OPT_DOT },
	{ "svg", required_argument, NULL, OPT_SVG },
	{ "no-refcount", no_argument, NULL, OPT_NO_REFCOUNT },
	{ "keep-going", no_argument, NULL, OPT_KEEP_GOING },
	{ "print-scenario", no_argument, NULL, OPT_PRINT_SCENARIO },
	{ "print-machine", no_argument, NULL, OPT_PRINT_MACHINE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fprintf(f,
"usage: irqmap sim [MACHINE.dtb|MACHINE.dts] [SCRIPT|-] [OPTIONS]\n"
"\n"
"Simulates PCI hot-plug on a machine described by a device tree: devices\n"
"plug into slots, map their INTx line (one reference each), request it\n"
"shared, raise interrupts that CPU threads deliver, and unplug again. A\n"
"shared line stays mapped until its last user is gone.\n"
"\n"
"  MACHINE   a .dtb, or a .dts compiled with dtc; default: the built-in\n"
"            pSeries machine with two PCI host bridges, pci.0 and pci.1\n"
"  SCRIPT    scenario commands, one a line ('-': standard input); default:\n"
"            the built-in scenario on the built-in machine, the info tables\n"
"            on another machine, nothing with --churn\n"
"\n"
"Scenario commands ('#' starts a comment):\n"
"  device_add DRIVER,bus=BUS[,addr=SLOT[.FN]],id=ID[,pin=A-D][,multifunction=on]\n"
"            plug a device (SLOT in hexadecimal, as in QEMU); DRIVER\n"
"            pci-bridge adds a bus named ID\n"
"  device_del ID         unplug a device (a bridge with what is behind it)\n"
"  raise ID [COUNT]      the device asserts its INTx line COUNT times\n"
"  info interrupts|domains|refs|pci\n"
"  check                 every reference count equals its users, counters balance\n"
"  sync                  wait until every raised interrupt was handled\n"
"  echo TEXT             print TEXT\n"
"\n"
"Options:\n"
"  --cpus N          CPU threads delivering interrupts (1-%u, default 2)\n"
"  --churn N         then plug and unplug N devices at random slots, with\n"
"                    interrupts flowing, and verify nothing leaked\n"
"  --seed S          seed of --churn (default 1)\n"
"  --json            events and info tables as JSON, one object a line\n"
"  --dot FILE        Graphviz source of domains, mappings and devices at\n"
"                    the busiest moment of the run\n"
"  --svg FILE        the same rendered by Graphviz's dot\n"
"  --no-refcount     the kernel's old semantics (one dispose unmaps a line);\n"
"                    reports the devices that lose their interrupt\n"
"  --keep-going      report bad lines and go on\n"
"  --print-scenario  print the built-in scenario\n"
"  --print-machine   print the built-in machine's device tree source\n"
"  -h, --help        this text\n"
"  --version         the version\n"
"\n"
"Exit status: 0 when everything checked out; 1 when a check failed, a\n"
"device lost its interrupt, or something leaked; 2 for a bad command line\n"
"or a bad scenario line (after unplugging everything plugged so far).\n"
"See irqmap(1) and docs/simulator.md.\n", IRQM_SIM_MAX_CPUS);
}

static int bad(const char *fmt, const char *arg)
{
	fprintf(stderr, "irqmap sim: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'irqmap sim --help'.\n");
	return EXIT_USAGE;
}

static bool number(const char *arg, unsigned long long min,
		   unsigned long long max, unsigned long long *out)
{
	char *end;

	errno = 0;
	*out = strtoull(arg, &end, 0);
	return *arg >= '0' && *arg <= '9' && !*end && !errno &&
	       *out >= min && *out <= max;
}

static bool is_machine(const char *arg)
{
	size_t n = strlen(arg);

	return n > 4 && (!strcmp(arg + n - 4, ".dtb") ||
			 !strcmp(arg + n - 4, ".dts"));
}

static int positional(struct irqm_sim_opts *o, const char *arg)
{
	if (is_machine(arg)) {
		if (o->machine)
			return bad("two machines: '%s'", arg);
		o->machine = arg;
	} else {
		if (o->script)
			return bad("two scenarios: '%s' (a machine ends in .dtb or .dts)",
				   arg);
		o->script = arg;
	}
	return 0;
}

static int option(struct irqm_sim_opts *o, int c, const char *arg)
{
	unsigned long long n;

	switch (c) {
	case OPT_CPUS:
		if (!number(arg, 1, IRQM_SIM_MAX_CPUS, &n))
			return bad("--cpus: '%s' is not a number from 1 to 64", arg);
		o->cpus = (unsigned int)n;
		return 0;
	case OPT_CHURN:
		if (!number(arg, 1, 1000000000ull, &n))
			return bad("--churn: '%s' is not a number from 1 to 1000000000",
				   arg);
		o->churn = (unsigned long)n;
		return 0;
	case OPT_SEED:
		if (!number(arg, 0, ~0ull, &n))
			return bad("--seed: '%s' is not a number", arg);
		o->seed = n;
		return 0;
	case OPT_JSON:
		o->json = true;
		return 0;
	case OPT_DOT:
		o->dot_file = arg;
		return 0;
	case OPT_SVG:
		o->svg_file = arg;
		return 0;
	case OPT_NO_REFCOUNT:
		o->no_refcount = true;
		return 0;
	case OPT_KEEP_GOING:
		o->keep_going = true;
		return 0;
	}
	return EXIT_USAGE;
}

int cmd_sim(int argc, char **argv)
{
	struct irqm_sim_opts o = { .cpus = 2, .seed = 1 };
	int c, ret;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case OPT_VERSION:
			printf("irqmap %s\n", irqmap_version());
			return EXIT_OK;
		case OPT_PRINT_SCENARIO:
			fputs(irqm_sim_builtin_scenario(), stdout);
			return EXIT_OK;
		case OPT_PRINT_MACHINE:
			fputs(irqm_sim_builtin_machine_source(), stdout);
			return EXIT_OK;
		case ':':
			return bad("%s needs an argument", argv[optind - 1]);
		case '?':
			return bad("unknown option '%s'", argv[optind - 1]);
		default:
			ret = option(&o, c, optarg);
			if (ret)
				return ret;
		}
	}
	for (; optind < argc; optind++) {
		ret = positional(&o, argv[optind]);
		if (ret)
			return ret;
	}
	if (!o.script && !o.churn) {
		o.script_text = o.machine ? irqm_sim_survey_scenario() :
					    irqm_sim_builtin_scenario();
		o.script_name = o.machine ? "survey" : "built-in scenario";
	}
	return irqm_sim_run(&o);
}
