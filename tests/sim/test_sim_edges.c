// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_sim_edges.c - hostile input at the edges: control characters and
 * huge tokens in scripts, bounded script lines, pipes as scripts, and a
 * dtc child that must not outlive irqmap however irqmap ends.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "simtest.h"

static char *write_bytes(const void *data, size_t len)
{
	char *path = strdup("/tmp/irqmap-edge-XXXXXX");
	int fd = path ? mkstemp(path) : -1;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

static void run_script_bytes(struct st_run *r, const void *data, size_t len)
{
	char *path = write_bytes(data, len);

	ST_RUN(r, "sim", "-M", "virt", path);
	st_unlink(path);
}

static void test_nul_byte_in_script_is_an_error_naming_line_and_column(void **state)
{
	static const char text[] = "check\ncheck\0garbage\n";
	struct st_run r;

	run_script_bytes(&r, text, sizeof(text) - 1);
	st_status(&r, 2);
	st_contains(r.err, ":2:6: control character \\x00 in the script");
	st_done(&r);
}

static void test_control_character_in_script_is_an_error_naming_line_and_column(void **state)
{
	static const char text[] = "  che\x1b[31mck\n";
	struct st_run r;

	run_script_bytes(&r, text, sizeof(text) - 1);
	st_status(&r, 2);
	st_contains(r.err, ":1:6: control character \\x1b in the script");
	st_lacks(r.err, "\x1b");
	st_done(&r);
}

static void test_tabs_and_crlf_line_ends_are_accepted(void **state)
{
	static const char text[] = "check\r\n\tcheck\t\r\n";
	struct st_run r;

	run_script_bytes(&r, text, sizeof(text) - 1);
	st_status(&r, 0);
	st_done(&r);
}

static void test_unknown_megabyte_token_is_quoted_bounded_and_escaped(void **state)
{
	size_t len = 1000000;
	char *text = malloc(len + 2);
	struct st_run r;

	assert_non_null(text);
	memset(text, 'x', len);
	text[0] = '\xff';
	text[len] = '\n';
	run_script_bytes(&r, text, len + 1);
	st_status(&r, 2);
	/* 40 bytes: the first one escaped, 39 more, then "...". */
	st_contains(r.err, "unknown command '\\xff" "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'");
	assert_true(strlen(r.err) < 1024);
	st_done(&r);
	free(text);
}

static void test_script_line_past_the_bound_is_a_one_line_error(void **state)
{
	size_t len = (2u << 20);
	char *text = malloc(len + 1);
	struct st_run r;

	assert_non_null(text);
	memset(text, 'y', len);
	text[len] = '\n';
	run_script_bytes(&r, text, len + 1);
	st_status(&r, 2);
	st_contains(r.err, ":1: line longer than 1048576 bytes");
	assert_true(strlen(r.err) < 1024);
	st_done(&r);
	free(text);
}

static void test_script_from_standard_input_runs(void **state)
{
	struct st_run r;

	st_run(&r, (const char *const[]){ "sim", "-M", "virt", "-", NULL }, NULL,
	       "check\n");
	st_status(&r, 0);
	st_contains(r.out, "check: ok");
	st_done(&r);
}

/* A dtc that says where it is, then sleeps: the test kills irqmap. */
static char *fake_dtc(const char *pidfile)
{
	char text[512];
	char *path;

	snprintf(text, sizeof(text), "#!/bin/sh\necho $$ > %s.tmp\nmv %s.tmp %s\nexec sleep 60\n",
		 pidfile, pidfile, pidfile);
	path = write_bytes(text, strlen(text));
	assert_int_equal(chmod(path, 0700), 0);
	return path;
}

static pid_t read_pid(const char *pidfile)
{
	for (int i = 0; i < 1000; i++) {
		FILE *f = fopen(pidfile, "r");
		int pid = 0;

		if (f) {
			int ok = fscanf(f, "%d", &pid);

			fclose(f);
			if (ok == 1 && pid > 0)
				return pid;
		}
		usleep(10000);
	}
	return -1;
}

/*
 * Spawn irqmap @cmd on a .dts with the fake dtc, kill irqmap with @sig
 * once dtc runs, and see dtc go. The test is a subreaper: an orphaned dtc
 * comes to it, so waitpid() tells whether and how it ended.
 */
static void dtc_dies_with_irqmap(const char *cmd, int sig)
{
	char pidfile[] = "/tmp/irqmap-edge-pid-XXXXXX";
	char *dts = write_bytes("/dts-v1/;\n/ { };\n", 17), *dtc;
	char dtspath[300];
	int status, fd = mkstemp(pidfile);
	pid_t irqmap, child, got = 0;

	assert_true(fd >= 0);
	close(fd);
	unlink(pidfile);
	snprintf(dtspath, sizeof(dtspath), "%s.dts", dts);
	assert_int_equal(rename(dts, dtspath), 0);
	free(dts);
	dtc = fake_dtc(pidfile);
	assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	irqmap = fork();
	assert_true(irqmap >= 0);
	if (!irqmap) {
		setenv("IRQMAP_DTC", dtc, 1);
		if (!strcmp(cmd, "sim"))
			execl(SIM_TOOL, SIM_TOOL, "sim", dtspath, "/dev/null",
			      (char *)NULL);
		else
			execl(SIM_TOOL, SIM_TOOL, cmd, dtspath, (char *)NULL);
		_exit(127);
	}
	child = read_pid(pidfile);
	assert_true(child > 0);
	assert_int_equal(kill(irqmap, sig), 0);
	assert_int_equal(waitpid(irqmap, &status, 0), irqmap);
	assert_true(WIFSIGNALED(status));
	/* dtc, orphaned, is ours now: it must end, killed, within 5 s. */
	for (int i = 0; i < 500 && got == 0; i++) {
		got = waitpid(child, &status, WNOHANG);
		if (!got)
			usleep(10000);
	}
	if (got != child)
		kill(child, SIGKILL);
	assert_int_equal(got, child);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	unlink(pidfile);
	unlink(dtspath);
	st_unlink(dtc);
}

static void test_dtc_child_dies_when_routes_gets_sigterm(void **state)
{
	dtc_dies_with_irqmap("routes", SIGTERM);
}

static void test_dtc_child_dies_when_routes_gets_sigkill(void **state)
{
	dtc_dies_with_irqmap("routes", SIGKILL);
}

static void test_dtc_child_dies_when_check_gets_sigint(void **state)
{
	dtc_dies_with_irqmap("check", SIGINT);
}

static void test_dtc_child_dies_when_sim_gets_sigkill(void **state)
{
	dtc_dies_with_irqmap("sim", SIGKILL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nul_byte_in_script_is_an_error_naming_line_and_column),
		cmocka_unit_test(test_control_character_in_script_is_an_error_naming_line_and_column),
		cmocka_unit_test(test_tabs_and_crlf_line_ends_are_accepted),
		cmocka_unit_test(test_unknown_megabyte_token_is_quoted_bounded_and_escaped),
		cmocka_unit_test(test_script_line_past_the_bound_is_a_one_line_error),
		cmocka_unit_test(test_script_from_standard_input_runs),
		cmocka_unit_test(test_dtc_child_dies_when_routes_gets_sigterm),
		cmocka_unit_test(test_dtc_child_dies_when_routes_gets_sigkill),
		cmocka_unit_test(test_dtc_child_dies_when_check_gets_sigint),
		cmocka_unit_test(test_dtc_child_dies_when_sim_gets_sigkill),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
