// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * cmd_sim.c - 'irqmap sim': the PCI hot-plug simulator's command line.
 *
 * Positional arguments are told apart by name: a file ending in .dtb or
 * .dts is the machine, and so is the name of a built-in machine (virt,
 * pseries...); qemu-system-ARCH says which architecture "virt" is; anything
 * else is the scenario ("-" for stdin). QEMU's own spellings are taken
 * as they are, so that a QEMU command line can be pasted: -M and -machine
 * choose the machine, -device adds a device at start, and the options of
 * QEMU that have nothing to do with interrupt routing (-m, -smp, -netdev,
 * -nographic...) are ignored. The simulation itself is in src/sim.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	OPT_SEMANTICS,
	OPT_MACHINE,
	OPT_DEVICE,
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
	{ "semantics", required_argument, NULL, OPT_SEMANTICS },
	{ "machine", required_argument, NULL, OPT_MACHINE },
	{ "device", required_argument, NULL, OPT_DEVICE },
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
"usage: irqmap sim [MACHINE] [SCRIPT|-] [-device OPTS...] [OPTIONS]\n"
"\n"
"Simulates PCI hot-plug on a machine described by a device tree: devices\n"
"plug into slots, map their INTx line (one reference each), request it\n"
"shared, raise interrupts that CPU threads deliver, and unplug again. A\n"
"shared line stays mapped until its last user is gone. The machine's own\n"
"devices (PCI or not: UART, RTC, virtio-mmio...) are plugged at start.\n"
"\n"
"  MACHINE   a .dtb, a .dts compiled with dtc, or a machine of QEMU's,\n"
"            built in (as -M); default: the built-in pSeries machine with\n"
"            two PCI host bridges, pci.0 and pci.1\n"
"  SCRIPT    scenario commands, one a line ('-': standard input); default:\n"
"            the built-in scenario on the built-in machine, the info tables\n"
"            on another machine, nothing with --churn\n"
"\n"
"As in QEMU:\n"
"  -M, -machine NAME[,OPTS]  pseries (a second PHB with -device\n"
"            spapr-pci-host-bridge,index=1), powernv, virt[,gic-version=2|3],\n"
"            riscv-virt[,aia=aplic-imsic] (or qemu-system-riscv64 -M virt)\n"
"  -device OPTS              plug a device at start, as device_add OPTS\n"
"  QEMU's other options (-m, -smp, -cpu, -netdev, -drive, -nographic...)\n"
"  are accepted and ignored.\n"
"\n"
"Scenario commands ('#' starts a comment):\n"
"  device_add DRIVER[,bus=BUS][,addr=SLOT[.FN]][,id=ID][,pin=A-D][,multifunction=on]\n"
"            plug a device as QEMU would (SLOT in hexadecimal; without bus=\n"
"            the bus QEMU picks, without id= an automatic one, DRIVER.N);\n"
"            a bridge (pci-bridge, pcie-root-port...) adds a bus named ID;\n"
"            QEMU's own options (netdev=, mac=, chassis_nr=...) are ignored\n"
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
"  --semantics S     what happens to a mapping when a device goes:\n"
"                    refcount (default): the last user unmaps the line;\n"
"                    dispose: every unplug unmaps it (pseries before its\n"
"                    fix), lists the devices that lose their interrupt;\n"
"                    never-dispose: it stays mapped (arm64 generic PCI),\n"
"                    lists the lines leaked\n"
"  --no-refcount     the same as --semantics dispose\n"
"  --keep-going      report bad lines and go on\n"
"  --print-scenario  print the built-in scenario\n"
"  --print-machine   print the built-in machine's device tree source\n"
"  -h, --help        this text\n"
"  --version         the version\n"
"\n"
"Exit status: 0 when everything checked out; 1 when a check failed, a\n"
"device lost its interrupt, or something leaked; 2 for a bad command line,\n"
"-device or scenario line (after unplugging everything plugged so far).\n"
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

/* "virt", "pseries,..." and no file of that name: a built-in machine. */
static bool is_builtin_machine(const char *arg)
{
	static const char *const names[] = {
		"pseries", "powernv", "powernv9", "virt", "riscv-virt",
	};
	size_t n = strcspn(arg, ",");

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && !strncmp(names[i], arg, n))
			return access(arg, F_OK) != 0;
	return false;
}

static int positional(struct irqm_sim_opts *o, const char *arg)
{
	if (!strncmp(arg, "qemu-system-", 12)) {
		o->qemu_arch = arg + 12;
		return 0;
	}
	if (is_builtin_machine(arg)) {
		if (o->machine || o->qemu_machine)
			return bad("two machines: '%s'", arg);
		o->qemu_machine = arg;
	} else if (is_machine(arg)) {
		if (o->machine || o->qemu_machine)
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
		o->semantics = IRQM_SIM_DISPOSE;
		return 0;
	case OPT_SEMANTICS:
		if (irqm_sim_semantics_parse(arg) < 0)
			return bad("--semantics: unknown '%s' (refcount, dispose or never-dispose)",
				   arg);
		o->semantics = (enum irqm_sim_semantics)irqm_sim_semantics_parse(arg);
		return 0;
	case OPT_MACHINE:
		if (o->machine || o->qemu_machine)
			return bad("two machines: '%s'", arg);
		o->qemu_machine = arg;
		return 0;
	case OPT_KEEP_GOING:
		o->keep_going = true;
		return 0;
	}
	return EXIT_USAGE;
}

/* QEMU's options that do not change interrupt routing: skipped. */
static int qemu_ignored(const char *arg)
{
	static const char *const with_value[] = {
		"-m", "-smp", "-cpu", "-netdev", "-nic", "-drive", "-blockdev",
		"-kernel", "-initrd", "-append", "-dtb", "-bios", "-serial",
		"-display", "-vga", "-accel", "-chardev", "-object", "-name",
		"-global", "-boot", "-monitor", "-qmp", "-rtc", "-uuid",
		"-fsdev", "-audiodev", "-mon", "-incoming", "-L", "-pidfile",
	};
	static const char *const flags[] = {
		"-nographic", "-enable-kvm", "-no-reboot", "-no-shutdown", "-S",
		"-snapshot", "-daemonize", "-no-user-config", "-nodefaults",
	};

	for (size_t i = 0; i < sizeof(with_value) / sizeof(with_value[0]); i++)
		if (!strcmp(arg, with_value[i]))
			return 2;
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (!strcmp(arg, flags[i]))
			return 1;
	return 0;
}

/*
 * QEMU's spellings into getopt's: -machine and -device become --machine
 * and --device, QEMU's other options are dropped. Return: the new argv
 * (free() it), NULL when out of memory.
 */
static char **qemu_argv(int argc, char **argv, int *new_argc)
{
	char **v = calloc((size_t)argc + 1, sizeof(*v));
	int n = 0;

	if (!v)
		return NULL;
	for (int i = 0; i < argc; i++) {
		int skip = i ? qemu_ignored(argv[i]) : 0;

		if (skip) {
			i += skip - 1;
			continue;
		}
		if (!strcmp(argv[i], "-machine"))
			v[n++] = "--machine";
		else if (!strcmp(argv[i], "-device"))
			v[n++] = "--device";
		else
			v[n++] = argv[i];
	}
	*new_argc = n;
	return v;
}

static int add_device(struct irqm_sim_opts *o, const char ***devices,
		      const char *arg)
{
	const char **v = realloc(*devices, (o->nr_devices + 1) * sizeof(*v));

	if (!v) {
		fprintf(stderr, "irqmap sim: out of memory\n");
		return EXIT_FAILURE_RUN;
	}
	v[o->nr_devices++] = arg;
	*devices = v;
	o->devices = v;
	return 0;
}

static int parse_args(struct irqm_sim_opts *o, const char ***devices,
		      int argc, char **argv)
{
	int c, ret;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hM:", options, NULL)) != -1) {
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
		case 'M':
			c = OPT_MACHINE;
			/* fall through */
		default:
			ret = c == OPT_DEVICE ? add_device(o, devices, optarg) :
						option(o, c, optarg);
			if (ret)
				return ret;
		}
	}
	for (; optind < argc; optind++) {
		ret = positional(o, argv[optind]);
		if (ret)
			return ret;
	}
	return -1;
}

int cmd_sim(int argc, char **argv)
{
	struct irqm_sim_opts o = { .cpus = 2, .seed = 1 };
	const char **devices = NULL;
	char **args;
	int n, ret;

	args = qemu_argv(argc, argv, &n);
	if (!args) {
		fprintf(stderr, "irqmap sim: out of memory\n");
		return EXIT_FAILURE_RUN;
	}
	ret = parse_args(&o, &devices, n, args);
	if (ret < 0) {
		bool other = o.machine || o.qemu_machine || o.nr_devices;

		if (!o.script && !o.churn) {
			/* The built-in scenario's slots are only free on its machine. */
			o.script_text = other ? irqm_sim_survey_scenario() :
						irqm_sim_builtin_scenario();
			o.script_name = other ? "survey" : "built-in scenario";
		}
		ret = irqm_sim_run(&o);
	}
	free(devices);
	free(args);
	return ret;
}
