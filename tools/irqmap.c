// SPDX-License-Identifier: LGPL-2.1-or-later
/* irqmap.c - the command-line program: dispatch to a subcommand. */
#include <stdio.h>
#include <string.h>

#include <irqmap/irqmap.h>

#include "commands.h"

static const struct irqmap_command commands[] = {
	{ "demo", "show a shared PCI INTx line outliving its first user", cmd_demo },
	{ "routes", "resolve and map every interrupt of a device tree", cmd_routes },
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fprintf(f, "usage: irqmap [COMMAND] [ARGS...]\n"
		   "       irqmap --help | --version\n\ncommands:\n");
	for (size_t i = 0; i < NR_COMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nWith no command, runs 'demo'. 'irqmap COMMAND --help' "
		   "describes a command.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return cmd_demo(1, (char *[]){ "demo", NULL });
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
	fprintf(stderr, "irqmap: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
