// SPDX-License-Identifier: LGPL-2.1-or-later
/* irqmap.c - the command-line program: dispatch to a subcommand. */
#include <stdio.h>
#include <string.h>

#include <irqmap/irqmap.h>

#include "commands.h"

static const struct irqmap_command commands[] = {
	{ "sim", "simulate PCI hot-plug: shared INTx lines living and dying", cmd_sim },
	{ "demo", "the built-in scenario (the same as 'irqmap sim')", cmd_sim },
	{ "routes", "resolve and map every interrupt of device trees", cmd_routes },
	{ "check", "what Linux would log at boot about a tree's interrupts", cmd_check },
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fprintf(f, "usage: irqmap [COMMAND] [ARGS...]\n"
		   "       irqmap --help | --version\n\ncommands:\n");
	for (size_t i = 0; i < NR_COMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nWith no command (or only options of 'sim'), runs 'sim': with no\n"
		   "arguments, the built-in scenario. 'irqmap COMMAND --help' describes a\n"
		   "command.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return cmd_sim(1, (char *[]){ "sim", NULL });
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("irqmap %s\n", irqmap_version());
		return EXIT_OK;
	}
	for (size_t i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	/* Options or a machine without a command are for 'sim'. */
	if (argv[1][0] == '-' || strstr(argv[1], ".dtb") || strstr(argv[1], ".dts"))
		return cmd_sim(argc, argv);
	fprintf(stderr, "irqmap: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
