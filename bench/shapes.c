// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * shapes.c - figure 10: hostile trees. Each shape of tests/of/shapes.c
 * (interrupts-extended entries in one node, cascades listed children
 * first, interrupt-parent chains, many controllers, interrupt-map cycles
 * and interrupt-parent loops) at 20,000 and at 200,000, through the whole
 * `irqmap routes --json` next to `dtc -I dtb -O dts` on the same blob (dtc
 * run once, and stopped after 20 s); and irqmap's time at 10x the size
 * against its time at 1x, which linear work keeps near 10: that ratio is
 * the goal. Against dtc the ratios are shown, not judged: on a node with
 * 200,000 interrupts irqmap writes 200,000 routes where dtc writes one
 * line, and on trees full of phandle references dtc's own decompiler is
 * quadratic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <libfdt.h>

#include "bench.h"
#include "shapes.h"

/* dtc decompiles phandle-heavy trees in quadratic time: it stops here. */
#define DTC_LIMIT_S 20

/* Write @shape at @n to @path; 0 or -1. */
static int write_shape(const struct shape *sh, unsigned int n, const char *path)
{
	void *fdt = shape_build(sh->fn, n);
	FILE *f;
	int ret = -1;

	if (!fdt)
		return -1;
	f = fopen(path, "w");
	if (f) {
		ret = fwrite(fdt, 1, fdt_totalsize(fdt), f) == fdt_totalsize(fdt) ?
		      0 : -1;
		ret |= fclose(f);
	}
	free(fdt);
	return ret;
}

void bench_shapes(void)
{
	unsigned int small = bench_cfg.quick ? 200 : 20000;
	unsigned int reps = bench_cfg.quick ? 1 : 3;
	char path[64];

	bench_section("10. hostile trees: irqmap routes --json vs dtc, at N and 10N (one op = one run)");
	snprintf(path, sizeof(path), "/tmp/irqmap-bench-shape-%d.dtb", (int)getpid());
	for (const struct shape *sh = shapes; sh->name; sh++) {
		double t[2] = { -1, -1 };
		char what[160];

		for (int k = 0; k < 2; k++) {
			unsigned int n = k ? 10 * small : small;

			snprintf(what, sizeof(what), "%s, %u", sh->name, n);
			if (write_shape(sh, n, path)) {
				bench_note("%s: cannot build the tree", what);
				break;
			}
			t[k] = bench_whole_vs_slow_dtc(what, path, reps,
							DTC_LIMIT_S);
		}
		if (t[0] > 0 && t[1] > 0) {
			snprintf(what, sizeof(what), "%s: irqmap at 10N / at N",
				 sh->name);
			bench_ratio(what, t[1], t[0], 15.0, "<= 15 (linear: 10)");
		}
	}
	unlink(path);
}
