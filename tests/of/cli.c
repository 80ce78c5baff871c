// SPDX-License-Identifier: LGPL-2.1-or-later
/* cli.c - running the irqmap program from the device-tree tests. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

extern char **environ;

void cli_write(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

void cli_run(struct run *r, const char *const *args)
{
	char out[] = "/tmp/irqmap-cli-out-XXXXXX";
	char err[] = "/tmp/irqmap-cli-err-XXXXXX";
	char *argv[32] = { IRQMAP_TOOL };
	posix_spawn_file_actions_t fa;
	int fo = mkstemp(out), fe = mkstemp(err), n = 1;
	pid_t pid;

	for (; *args && n < 31; args++)
		argv[n++] = (char *)*args;
	assert_null(*args);
	assert_true(fo >= 0 && fe >= 0);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fo, STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, fe, STDERR_FILENO);
	assert_int_equal(posix_spawn(&pid, IRQMAP_TOOL, &fa, NULL, argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	assert_int_equal(waitpid(pid, &r->status, 0), pid);
	close(fo);
	close(fe);
	r->out = tu_slurp(out);
	r->err = tu_slurp(err);
	unlink(out);
	unlink(err);
	r->status = WIFEXITED(r->status) ? WEXITSTATUS(r->status) : 128;
}

void cli_done(struct run *r)
{
	free(r->out);
	free(r->err);
}

const char *cli_fixture(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", OF_FIXTURES, name);
	return buf;
}

json_object *cli_key(json_object *o, const char *k)
{
	json_object *v = NULL;

	if (!json_object_object_get_ex(o, k, &v))
		fail_msg("no \"%s\" in %s", k, json_object_to_json_string(o));
	return v;
}

int cli_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}
