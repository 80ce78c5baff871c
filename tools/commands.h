/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* commands.h - the subcommands of the irqmap program, one file each. */
#ifndef IRQMAP_TOOL_COMMANDS_H
#define IRQMAP_TOOL_COMMANDS_H

struct irqmap_command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);	/* argv[0] is the command */
};

/* Exit statuses shared by every command. */
#define EXIT_OK		0
#define EXIT_FAILURE_RUN 1	/* the work failed (leak, unusable input) */
#define EXIT_USAGE	2	/* bad command line or script */

int cmd_sim(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_check(int argc, char **argv);

#endif
