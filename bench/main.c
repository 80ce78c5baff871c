// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * main.c - the benchmark program: every figure of docs/performance.md.
 * `irqmap-bench` runs the full set; `--quick` runs each once with tiny
 * sizes (the test suite does, so the benchmarks cannot rot).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "bench.h"

static void machine(void)
{
	struct utsname u;
	char model[256] = "unknown CPU";
	FILE *f = fopen("/proc/cpuinfo", "r");

	if (f) {
		char line[512];

		while (fgets(line, sizeof(line), f))
			if (!strncmp(line, "model name", 10)) {
				char *p = strchr(line, ':');

				if (p)
					snprintf(model, sizeof(model), "%s", p + 2);
				model[strcspn(model, "\n")] = '\0';
				break;
			}
		fclose(f);
	}
	uname(&u);
	printf("irqmap-bench %s on %s, %ld CPUs, %s %s\n", irqmap_version(),
	       model, sysconf(_SC_NPROCESSORS_ONLN), u.sysname, u.release);
}

static void (*const figures[])(void) = {
	bench_lookup_linear, bench_lookup_tree, bench_lookup_churn,
	bench_dispatch, bench_lifecycle, bench_hierarchy, bench_memory,
	bench_dt, bench_whole, bench_shapes,
};

#define NR_FIGURES (unsigned int)(sizeof(figures) / sizeof(figures[0]))

int main(int argc, char **argv)
{
	unsigned int only = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			bench_cfg.quick = true;
		} else if (!strcmp(argv[i], "--dt-dir") && i + 1 < argc) {
			bench_cfg.dt_dir = argv[++i];
		} else if (!strcmp(argv[i], "--only") && i + 1 < argc) {
			only = (unsigned int)atoi(argv[++i]);
			if (only < 1 || only > NR_FIGURES) {
				fprintf(stderr, "irqmap-bench: --only takes a figure from 1 to %u\n",
					NR_FIGURES);
				return 2;
			}
		} else {
			fprintf(stderr, "usage: irqmap-bench [--quick] [--dt-dir DIR] [--only FIGURE]\n");
			return 2;
		}
	}
	if (irqmap_init()) {
		fprintf(stderr, "irqmap-bench: irqmap_init failed\n");
		return 1;
	}
	machine();
	for (unsigned int f = 1; f <= NR_FIGURES; f++)
		if (!only || only == f)
			figures[f - 1]();
	return irqmap_exit() ? 1 : 0;
}
