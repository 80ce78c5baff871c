// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * whole.c - figure 9: the whole command, as a user runs it. `irqmap routes
 * --json F` against `dtc -I dtb -O dts F` on the same tree, each timed
 * from fork to the end of waitpid (process start-up, loading, all the
 * work, exit), output to /dev/null; the median of repeated runs. dtc reads
 * the whole tree and writes all of it again: a program that reports on
 * every interrupt of a tree should cost no more. For every .dtb of
 * --dt-dir and for the generated tree of figure 8.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "bench_paths.h"	/* IRQMAP_TOOL */

/*
 * Run @argv with stdout and stderr on /dev/null; ns from fork to reaping,
 * -1 when it cannot run, or -2 when it ran past @limit_s seconds (0: no
 * limit) and was stopped: its alarm outlives exec.
 */
static double run_limited_ns(char *const argv[], unsigned int limit_s)
{
	uint64_t start = bench_now_ns();
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0 ||
		    dup2(fd, STDERR_FILENO) < 0)
			_exit(127);
		alarm(limit_s);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
		return -2;
	if (!WIFEXITED(status) || WEXITSTATUS(status) == 127)
		return -1;
	return (double)(bench_now_ns() - start);
}

static double run_ns(char *const argv[])
{
	return run_limited_ns(argv, 0);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * The medians of @reps runs of @a and of @b, after one of each to warm the
 * page cache. Rounds alternate the two, so a slow moment of a shared
 * machine falls on both. -1 in @ma or @mb for a command that failed.
 */
static void medians(char *const a[], char *const b[], unsigned int reps,
		    double *ma, double *mb)
{
	double ta[64], tb[64];

	*ma = run_ns(a);
	*mb = run_ns(b);
	for (unsigned int r = 0; r < reps && *ma >= 0 && *mb >= 0; r++) {
		*ma = ta[r] = run_ns(a);
		*mb = tb[r] = run_ns(b);
	}
	if (*ma < 0 || *mb < 0)
		return;
	qsort(ta, reps, sizeof(ta[0]), cmp_double);
	qsort(tb, reps, sizeof(tb[0]), cmp_double);
	*ma = ta[reps / 2];
	*mb = tb[reps / 2];
}

/* The two commands, on @path. */
#define IRQMAP_ARGV(path) { (char *)IRQMAP_TOOL, (char *)"routes", \
			    (char *)"--json", (char *)(path), NULL }
#define DTC_ARGV(path) { (char *)"dtc", (char *)"-I", (char *)"dtb", \
			 (char *)"-O", (char *)"dts", (char *)(path), NULL }

/*
 * Rows for irqmap's @a and dtc's @b (-2: dtc was stopped after @limit_s)
 * and their ratio, judged against @goal when it is above 0; irqmap's time,
 * or -1 when either could not run.
 */
static double report(const char *name, double a, double b,
		     unsigned int limit_s, double goal, const char *goal_text)
{
	char what[200];

	if (a < 0 || b == -1) {
		bench_note("%s: cannot run %s", name, a < 0 ? IRQMAP_TOOL : "dtc");
		return -1;
	}
	snprintf(what, sizeof(what), "%s: irqmap routes --json", name);
	bench_row("", what, a);
	if (b == -2) {
		bench_note("%s: dtc -I dtb -O dts: stopped after %u s", name,
			   limit_s);
		b = (double)limit_s * 1e9;
	} else {
		snprintf(what, sizeof(what), "%s: dtc -I dtb -O dts", name);
		bench_row("", what, b);
	}
	snprintf(what, sizeof(what), "%s: irqmap / dtc", name);
	bench_ratio(what, a, b, goal, goal_text);
	return a;
}

/*
 * irqmap's median of @reps runs on @path, with dtc run once, stopped past
 * @limit_s: dtc's decompiler is quadratic on trees full of phandle
 * references, and a benchmark must end. The ratio is shown, not judged
 * (shapes.c says why).
 */
double bench_whole_vs_slow_dtc(const char *name, const char *path,
			       unsigned int reps, unsigned int limit_s)
{
	char *irqmap[] = IRQMAP_ARGV(path), *dtc[] = DTC_ARGV(path);
	double t[16];

	if (reps > 16)
		reps = 16;
	for (unsigned int r = 0; r < reps; r++)
		t[r] = run_ns(irqmap);
	qsort(t, reps, sizeof(t[0]), cmp_double);
	return report(name, t[reps / 2], run_limited_ns(dtc, limit_s),
		      limit_s, 0, "");
}

/* Both commands on @path, alternating, medians of many runs each. */
static void compare(const char *name, const char *path)
{
	char *irqmap[] = IRQMAP_ARGV(path), *dtc[] = DTC_ARGV(path);
	double a, b;

	medians(irqmap, dtc, bench_cfg.quick ? 3 : 31, &a, &b);
	report(name, a, b, 0, 1.0, "<= 1.0");
}

static int dtb_name(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 4 && !strcmp(e->d_name + n - 4, ".dtb");
}

/* The generated tree, compiled as a user would: dtc -q -I dts -O dtb. */
static void generated(void)
{
	char dts[64], dtb[64];
	char *argv[] = { (char *)"dtc", (char *)"-q", (char *)"-I", (char *)"dts",
			 (char *)"-O", (char *)"dtb", (char *)"-o", dtb, dts, NULL };
	unsigned int n = bench_cfg.quick ? 10 : 100;

	snprintf(dts, sizeof(dts), "/tmp/irqmap-bench-%d.dts", (int)getpid());
	snprintf(dtb, sizeof(dtb), "/tmp/irqmap-bench-%d.dtb", (int)getpid());
	if (bench_generate_dts(dts, n, n) || run_ns(argv) < 0) {
		bench_note("(cannot generate a tree: is dtc installed?)");
	} else {
		char name[64];

		snprintf(name, sizeof(name), "generated %u devices", n * n);
		compare(name, dtb);
	}
	unlink(dts);
	unlink(dtb);
}

void bench_whole(void)
{
	struct dirent **ents;
	int n;

	bench_section("9. whole command: irqmap routes --json vs dtc -I dtb -O dts (one op = one run)");
	n = bench_cfg.dt_dir ? scandir(bench_cfg.dt_dir, &ents, dtb_name,
				       alphasort) : -1;
	if (n < 0) {
		bench_note("(no device-tree directory: pass --dt-dir)");
	} else {
		for (int i = 0; i < n; i++) {
			char path[512];

			snprintf(path, sizeof(path), "%s/%s", bench_cfg.dt_dir,
				 ents[i]->d_name);
			compare(ents[i]->d_name, path);
			free(ents[i]);
		}
		free(ents);
	}
	generated();
}
