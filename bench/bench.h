/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * bench.h - the benchmark harness: medians of repeated timed runs, a table,
 * and one ratio line per comparison measured side by side in the same run.
 */
#ifndef IRQMAP_BENCH_H
#define IRQMAP_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <irqmap/irqmap.h>

struct bench_cfg {
	bool quick;		/* tiny sizes: the test suite's smoke run */
	unsigned int reps;	/* repetitions per figure (median taken) */
	const char *dt_dir;	/* device trees for the device-tree figures */
};

extern struct bench_cfg bench_cfg;

/* A timed body: runs @iters operations and returns a value to keep. */
typedef uint64_t (*bench_body_fn)(void *arg, uint64_t iters);

/* Median ns per operation of @reps runs of @iters operations (warm-up first). */
double bench_ns_per_op(bench_body_fn fn, void *arg, uint64_t iters);

/* Monotonic time in ns. */
uint64_t bench_now_ns(void);

/* One row of the table. */
void bench_row(const char *section, const char *name, double ns_per_op);
/* A comparison: @what is @a / @b; @goal > 0 is the highest acceptable ratio. */
void bench_ratio(const char *what, double a, double b, double goal,
		 const char *goal_text);
/* A plain line of the report. */
void bench_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A section heading. */
void bench_section(const char *title);

/* Deterministic pseudo-random numbers (splitmix64). */
uint64_t bench_rand(uint64_t *state);

/* Each figure of docs/performance.md. */
void bench_lookup_linear(void);
void bench_lookup_tree(void);
void bench_lookup_churn(void);
void bench_lifecycle(void);
void bench_hierarchy(void);
void bench_memory(void);
void bench_dispatch(void);
void bench_dt(void);
void bench_whole(void);
void bench_shapes(void);

/*
 * whole.c: `irqmap routes --json @path` (median of @reps runs) against one
 * `dtc -I dtb -O dts @path` stopped past @limit_s seconds, as rows and a
 * ratio; irqmap's median in ns, or -1.
 */
double bench_whole_vs_slow_dtc(const char *name, const char *path,
			       unsigned int reps, unsigned int limit_s);

/* dt.c: a tree of @nexus nexus nodes with @per devices each, as .dts. */
int bench_generate_dts(const char *path, unsigned int nexus, unsigned int per);

/* Hash tables a user would write by hand (bench/handtable.c). */
struct hand_table;
struct hand_table *hand_table_new(unsigned int nbuckets, bool rwlock);
void hand_table_free(struct hand_table *t);
void hand_table_insert(struct hand_table *t, unsigned long key,
		       unsigned int val);
void hand_table_remove(struct hand_table *t, unsigned long key);
unsigned int hand_table_lookup(struct hand_table *t, unsigned long key);

#endif
