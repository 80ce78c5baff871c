// SPDX-License-Identifier: LGPL-2.1-or-later
/* harness.c - timing, medians and the report of the benchmark program. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench.h"

struct bench_cfg bench_cfg = { .reps = 7 };

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

uint64_t bench_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static volatile uint64_t sink;

double bench_ns_per_op(bench_body_fn fn, void *arg, uint64_t iters)
{
	unsigned int reps = bench_cfg.quick ? 3 : bench_cfg.reps;
	double t[32];

	sink += fn(arg, iters / 4 + 1);		/* warm-up */
	for (unsigned int r = 0; r < reps; r++) {
		uint64_t start = bench_now_ns();

		sink += fn(arg, iters);
		t[r] = (double)(bench_now_ns() - start) / (double)iters;
	}
	qsort(t, reps, sizeof(t[0]), cmp_double);
	return t[reps / 2];
}

void bench_section(const char *title)
{
	printf("\n== %s\n", title);
	printf("   %-52s %12s %14s\n", "", "ns/op", "ops/s");
}

void bench_row(const char *section, const char *name, double ns)
{
	(void)section;
	printf("   %-52s %12.2f %14.0f\n", name, ns, ns > 0 ? 1e9 / ns : 0);
}

void bench_ratio(const char *what, double a, double b, double goal,
		 const char *goal_text)
{
	double r = b > 0 ? a / b : 0;

	printf("   ratio: %s = %.2fx", what, r);
	if (goal > 0)
		printf("  (goal %s: %s)", goal_text, r <= goal ? "met" : "MISSED");
	printf("\n");
}

void bench_note(const char *fmt, ...)
{
	va_list ap;

	printf("   ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}
