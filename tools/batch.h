/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * batch.h - the files of a run over many device trees: the arguments
 * expanded (a directory stands for every .dtb and .dts below it), and a
 * progress bar on a terminal while they are processed.
 */
#ifndef IRQMAP_TOOL_BATCH_H
#define IRQMAP_TOOL_BATCH_H

#include <stdbool.h>
#include <stddef.h>

struct batch {
	char **files;
	size_t nr, cap;
	size_t unusable;	/* arguments that gave no tree to read */
	bool bar;		/* drawing a progress bar */
	bool drawn;		/* the bar is on the screen */
	long long start_ns, last_ns;
};

/* Add a file, or every tree below a directory (one line if it has none). */
int batch_add(struct batch *b, const char *arg);
/* Start the bar: on stderr when it is a terminal and there is > 1 file. */
void batch_start(struct batch *b);
/* Show @done of b->nr files processed (at most ten times a second). */
void batch_progress(struct batch *b, size_t done);
/* Take the bar off the screen before writing anything else. */
void batch_clear(struct batch *b);
void batch_free(struct batch *b);

#endif
