/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* simtest.h - running 'irqmap sim' from the simulator's tests. */
#ifndef IRQMAP_SIMTEST_H
#define IRQMAP_SIMTEST_H

#include "testutil.h"

#include "sim/sim_paths.h"

/* What a run of the program left. */
struct st_run {
	int status;		/* exit status, 128 + signal when killed */
	char *out;		/* standard output */
	char *err;		/* standard error */
};

/*
 * Run irqmap with @argv (NULL-terminated, without the program) and with
 * @env ("NAME=VALUE" strings, NULL-terminated, or NULL) added to the
 * environment. @in is fed to its standard input (NULL: empty).
 */
void st_run(struct st_run *r, const char *const *argv, const char *const *env,
	    const char *in);
#define ST_RUN(r, ...) st_run(r, (const char *const[]){ __VA_ARGS__, NULL }, \
			      NULL, NULL)
void st_done(struct st_run *r);

/* Write @text to a new temporary file; returns its name (free() it). */
char *st_script(const char *text);
void st_unlink(char *path);

/* "$SIM_SHARED_DT/@name", or NULL (after saying why) when it is missing. */
char *st_tree(const char *name);

/* Assert @hay contains @needle, showing both when it does not. */
#define st_contains(hay, needle) _st_contains(hay, needle, __FILE__, __LINE__)
void _st_contains(const char *hay, const char *needle, const char *file,
		  int line);
#define st_lacks(hay, needle) _st_lacks(hay, needle, __FILE__, __LINE__)
void _st_lacks(const char *hay, const char *needle, const char *file,
	       int line);
/* Assert the exit status, showing the output when it is wrong. */
#define st_status(r, want) _st_status(r, want, __FILE__, __LINE__)
void _st_status(const struct st_run *r, int want, const char *file, int line);

#endif
