// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * dt.c - figure 8: a device tree as a user pays for it: loading and
 * indexing the blob, bringing its controllers up, resolving and mapping
 * every interrupt, disposing the mappings and freeing the tree; against a
 * bare libfdt walk that only reads every node's interrupt properties. For
 * the trees of a directory and for a generated tree of 10,000 devices
 * behind nexus nodes.
 */
#include <dirent.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

struct dtb {
	const void *blob;		/* the file's, as loaded once */
	size_t size;
	struct irqmap_of *tree;
	unsigned int *virqs;
	unsigned int nr_virqs;
	unsigned int cap;
};

static uint64_t body_walk(void *arg, uint64_t iters)
{
	struct dtb *t = arg;
	const void *fdt = t->blob;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < iters; i++)
		for (int n = fdt_next_node(fdt, -1, NULL); n >= 0;
		     n = fdt_next_node(fdt, n, NULL)) {
			int len = 0;

			if (fdt_getprop(fdt, n, "interrupts", &len))
				acc += (uint64_t)len;
			if (fdt_getprop(fdt, n, "interrupts-extended", &len))
				acc += (uint64_t)len;
			if (fdt_getprop(fdt, n, "interrupt-parent", &len))
				acc++;
		}
	return acc;
}

static uint64_t body_map(void *arg, uint64_t iters)
{
	struct dtb *t = arg;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < iters; i++) {
		t->tree = irqmap_of_load_blob(t->blob, t->size);
		if (!t->tree || irqmap_of_irq_init(t->tree)) {
			irqmap_of_free(t->tree);
			return acc;
		}
		t->nr_virqs = 0;
		for (int n = irqmap_of_next_node(t->tree, -1); n >= 0;
		     n = irqmap_of_next_node(t->tree, n)) {
			int cnt = of_irq_count(t->tree, n);

			for (int k = 0; k < cnt && t->nr_virqs < t->cap; k++) {
				unsigned int v = irq_of_parse_and_map(t->tree, n, k);

				if (v)
					t->virqs[t->nr_virqs++] = v;
			}
		}
		acc += t->nr_virqs;
		for (unsigned int k = 0; k < t->nr_virqs; k++)
			irq_dispose_mapping(t->virqs[k]);
		irqmap_of_free(t->tree);
		t->tree = NULL;
	}
	return acc;
}

static void measure(const char *name, const char *path)
{
	struct irqmap_of *loaded;
	struct dtb t = { 0 };
	uint64_t iters;
	double walk, map;
	char what[160];

	irqmap_set_log_handler(NULL, NULL);
	loaded = irqmap_of_load(path);	/* also compiles a .dts */
	if (!loaded) {
		bench_note("%s: cannot load", name);
		return;
	}
	t.blob = irqmap_of_blob(loaded);
	t.size = fdt_totalsize(t.blob);
	t.cap = 1u << 16;
	t.virqs = calloc(t.cap, sizeof(*t.virqs));
	body_map(&t, 1);
	iters = bench_cfg.quick ? 2 : (t.nr_virqs > 1000 ? 20 : 2000);
	walk = bench_ns_per_op(body_walk, &t, iters);
	map = bench_ns_per_op(body_map, &t, iters);
	/* one operation is one whole tree: ns per tree, trees per second */
	snprintf(what, sizeof(what), "%s: libfdt walk", name);
	bench_row("", what, walk);
	snprintf(what, sizeof(what), "%s: load+init+map+dispose+free %u", name,
		 t.nr_virqs);
	bench_row("", what, map);
	snprintf(what, sizeof(what), "%s: irqmap / bare walk", name);
	bench_ratio(what, map, walk, 3.0, "<= 3x");
	free(t.virqs);
	irqmap_of_free(loaded);
}

/* @nexus nexus nodes, @per devices each, pins spread over 4 lines per nexus. */
int bench_generate_dts(const char *path, unsigned int nexus, unsigned int per)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fprintf(f, "/dts-v1/;\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n"
		   "\tintc: interrupt-controller@0 {\n\t\tcompatible = \"bench,intc\";\n"
		   "\t\treg = <0 0x1000>;\n\t\tinterrupt-controller;\n"
		   "\t\t#interrupt-cells = <2>;\n\t\t#address-cells = <0>;\n\t};\n");
	for (unsigned int x = 0; x < nexus; x++) {
		fprintf(f, "\tnexus@%x {\n\t\treg = <0x%x 0x1000>;\n"
			   "\t\t#address-cells = <1>;\n\t\t#size-cells = <0>;\n"
			   "\t\t#interrupt-cells = <1>;\n"
			   "\t\tinterrupt-map-mask = <0 7>;\n\t\tinterrupt-map = <",
			(x + 1) * 0x1000, (x + 1) * 0x1000);
		for (unsigned int pin = 1; pin <= 4; pin++)
			fprintf(f, "0 %u &intc %u 4 ", pin, 32 + (x * 4 + pin - 1) % 960);
		fprintf(f, ">;\n");
		for (unsigned int d = 0; d < per; d++)
			fprintf(f, "\t\tdev@%x {\n\t\t\treg = <0x%x>;\n"
				   "\t\t\tinterrupts = <%u>;\n\t\t};\n",
				d, d, d % 4 + 1);
		fprintf(f, "\t};\n");
	}
	fprintf(f, "};\n");
	return fclose(f);
}

void bench_dt(void)
{
	char path[512];
	DIR *dir;
	struct dirent *e;

	bench_section("8. device tree: resolve and map every interrupt (one op = one whole tree)");
	if (bench_cfg.dt_dir && (dir = opendir(bench_cfg.dt_dir))) {
		while ((e = readdir(dir)))
			if (strstr(e->d_name, ".dtb")) {
				snprintf(path, sizeof(path), "%s/%s",
					 bench_cfg.dt_dir, e->d_name);
				measure(e->d_name, path);
			}
		closedir(dir);
	} else {
		bench_note("(no device-tree directory: pass --dt-dir)");
	}
	snprintf(path, sizeof(path), "/tmp/irqmap-bench-%d.dts", (int)getpid());
	if (!bench_generate_dts(path, bench_cfg.quick ? 10 : 100, bench_cfg.quick ? 10 : 100)) {
		measure(bench_cfg.quick ? "generated 100 devices" :
					  "generated 10000 devices", path);
		unlink(path);
	}
}
