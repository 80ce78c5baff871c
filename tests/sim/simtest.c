// SPDX-License-Identifier: LGPL-2.1-or-later
/* simtest.c - running 'irqmap sim' from the simulator's tests. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "simtest.h"

extern char **environ;

static char **environment(const char *const *extra)
{
	size_t n = 0, k = 0;
	char **env;

	while (environ[n])
		n++;
	while (extra && extra[k])
		k++;
	env = calloc(n + k + 1, sizeof(*env));
	assert_non_null(env);
	if (k)
		memcpy(env, extra, k * sizeof(*env));
	memcpy(env + k, environ, n * sizeof(*env));
	return env;
}

void st_run(struct st_run *r, const char *const *argv, const char *const *env,
	    const char *in)
{
	char out[] = "/tmp/irqmap-sim-out-XXXXXX";
	char err[] = "/tmp/irqmap-sim-err-XXXXXX";
	char *input = st_script(in ? in : "");
	size_t n = 0;
	char **args, **envp = environment(env);
	posix_spawn_file_actions_t fa;
	int fo = mkstemp(out), fe = mkstemp(err), status;
	pid_t pid;

	while (argv[n])
		n++;
	args = calloc(n + 2, sizeof(*args));
	assert_non_null(args);
	args[0] = SIM_TOOL;
	if (n)
		memcpy(args + 1, argv, n * sizeof(*args));
	assert_true(fo >= 0 && fe >= 0);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, input, O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fo, STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, fe, STDERR_FILENO);
	assert_int_equal(posix_spawn(&pid, SIM_TOOL, &fa, NULL, args, envp), 0);
	posix_spawn_file_actions_destroy(&fa);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	close(fo);
	close(fe);
	r->out = tu_slurp(out);
	r->err = tu_slurp(err);
	unlink(out);
	unlink(err);
	st_unlink(input);
	free(args);
	free(envp);
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) :
					128 + WTERMSIG(status);
}

void st_done(struct st_run *r)
{
	free(r->out);
	free(r->err);
}

char *st_script(const char *text)
{
	char *path = strdup("/tmp/irqmap-sim-script-XXXXXX");
	int fd;

	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

void st_unlink(char *path)
{
	unlink(path);
	free(path);
}

char *st_tree(const char *name)
{
	char *path;

	if (asprintf(&path, "%s/%s", SIM_SHARED_DT, name) < 0)
		return NULL;
	if (access(path, R_OK)) {
		printf("# %s: not available, skipped\n", path);
		free(path);
		return NULL;
	}
	return path;
}

void _st_contains(const char *hay, const char *needle, const char *file,
		  int line)
{
	if (!strstr(hay, needle)) {
		print_error("%s:%d: no \"%s\" in:\n%s\n", file, line, needle, hay);
		_fail(file, line);
	}
}

void _st_lacks(const char *hay, const char *needle, const char *file,
	       int line)
{
	if (strstr(hay, needle)) {
		print_error("%s:%d: unexpected \"%s\" in:\n%s\n", file, line,
			    needle, hay);
		_fail(file, line);
	}
}

void _st_status(const struct st_run *r, int want, const char *file, int line)
{
	if (r->status != want) {
		print_error("%s:%d: exit status %d, expected %d\n--- stdout\n%s\n--- stderr\n%s\n",
			    file, line, r->status, want, r->out, r->err);
		_fail(file, line);
	}
}
