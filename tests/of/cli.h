/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli.h - running the irqmap program from a test, with its output in
 * memory, and reading its JSON back.
 */
#ifndef IRQMAP_OF_CLI_H
#define IRQMAP_OF_CLI_H

#include <json-c/json.h>

#include "oftest.h"

struct run {
	int status;	/* the exit status; 128 when killed */
	char *out;
	char *err;
};

/* Run "irqmap ARGS..." (a NULL-terminated list) to completion. */
void cli_run(struct run *r, const char *const *args);
#define CLI_RUN(r, ...) cli_run(r, (const char *const[]){ __VA_ARGS__, NULL })
void cli_done(struct run *r);

void cli_write(const char *path, const void *data, size_t len);
/* tests/of/fixtures/@name, in a static buffer of @n (one per call site). */
const char *cli_fixture(char *buf, size_t n, const char *name);

/* @o's member @k; fails the test when there is none. */
json_object *cli_key(json_object *o, const char *k);
/* How many lines @s has (each ending in '\n'). */
int cli_lines(const char *s);

#endif
