// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_of_load.c - loading trees: .dts through dtc, .dtb, memory; and
 * refusing truncated or corrupt blobs with one message each, whatever the
 * corruption.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libfdt.h>

#include "alloc.h"
#include "oftest.h"

/* Write @len bytes to a new temporary file ending in @suffix. */
static void write_tmp(char *path, size_t size, const char *suffix,
		      const void *data, size_t len)
{
	int fd;

	snprintf(path, size, "%s/irqmap-test-XXXXXX%s",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", suffix);
	fd = mkstemps(path, (int)strlen(suffix));
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static size_t blob_size(const struct irqmap_of *t)
{
	const unsigned char *b = irqmap_of_blob(t);

	return (size_t)b[4] << 24 | (size_t)b[5] << 16 | (size_t)b[6] << 8 | b[7];
}

static void dts_dtb_and_memory_agree(void **state)
{
	struct irqmap_of *a, *b, *c;
	char path[256];
	void *copy;
	size_t size;
	int na = 0, nb = 0;

	(void)state;
	tu_log_capture_start();
	a = ot_load("inherit.dts");
	size = blob_size(a);
	write_tmp(path, sizeof(path), ".dtb", irqmap_of_blob(a), size);
	b = irqmap_of_load(path);
	unlink(path);
	assert_non_null(b);
	copy = malloc(size);
	memcpy(copy, irqmap_of_blob(a), size);
	c = irqmap_of_load_blob(copy, size);
	memset(copy, 0, size);		/* the tree has its own copy */
	free(copy);
	assert_non_null(c);
	for (int o = irqmap_of_next_node(a, -1), p = irqmap_of_next_node(b, -1);
	     o >= 0; o = irqmap_of_next_node(a, o), p = irqmap_of_next_node(b, p)) {
		assert_string_equal(irqmap_of_node_path(a, o), irqmap_of_node_path(b, p));
		na++;
		nb += p >= 0;
	}
	assert_int_equal(na, 12);
	assert_int_equal(nb, na);
	OT_EXPECT(c, "/bus@4000/sub@4300/dev@4310", 0, "/interrupt-controller@2000", 9);
	assert_int_equal(tu_log_count(), 0);
	assert_int_equal(irqmap_of_free(a), 0);
	assert_int_equal(irqmap_of_free(b), 0);
	assert_int_equal(irqmap_of_free(c), 0);
	assert_int_equal(irqmap_of_free(NULL), 0);
}

static void node_accessors(void **state)
{
	struct irqmap_of *t;
	struct fwnode_handle *fw;
	int off;

	(void)state;
	tu_log_capture_start();
	t = ot_load("inherit.dts");
	assert_int_equal(irqmap_of_next_node(t, -1), 0);
	assert_string_equal(irqmap_of_node_path(t, 0), "/");
	off = ot_node(t, "/bus@4000/dev@4100");
	fw = irqmap_of_node_fwnode(t, off);
	assert_non_null(fw);
	assert_int_equal(fw->kind, FWNODE_KIND_OF);
	assert_string_equal(fw->name, "/bus@4000/dev@4100");
	assert_int_equal(irqmap_of_find_node(t, "/nope"), -ENOENT);
	assert_int_equal(irqmap_of_find_node(t, "bus@4000"), -ENOENT);
	errno = 0;
	assert_null(irqmap_of_node_path(t, off + 1));	/* inside a node */
	assert_int_equal(errno, EINVAL);
	assert_int_equal(irqmap_of_next_node(t, off + 1), -EINVAL);
	assert_null(irqmap_of_node_domain(t, off));	/* not brought up */
	assert_int_equal(irqmap_of_irq_entries(t, ot_node(t, "/dev@6000")), 3);
	assert_int_equal(irqmap_of_irq_entries(t, 0), 0);
	assert_int_equal(of_irq_count(t, ot_node(t, "/dev@6000")), 3);
	assert_int_equal(of_irq_find_parent(t, ot_node(t, "/dev@5000")),
			 ot_node(t, "/interrupt-controller@2000"));
	assert_int_equal(irqmap_of_free(t), 0);
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Each refusal is one line, and nothing is leaked (checked at exit). */
static void expect_refused(const void *blob, size_t len, int err)
{
	unsigned int before = tu_log_count();

	errno = 0;
	assert_null(irqmap_of_load_blob(blob, len));
	assert_int_equal(errno, err);
	assert_int_equal(tu_log_count(), before + 1);
}

static void truncated_and_corrupt_blobs(void **state)
{
	struct irqmap_of *t;
	unsigned char *b;
	size_t size;

	(void)state;
	tu_log_capture_start();
	t = ot_load("pci.dts");
	size = blob_size(t);
	b = malloc(size);
	memcpy(b, irqmap_of_blob(t), size);
	expect_refused(b, 0, EINVAL);
	expect_refused(b, 10, EINVAL);
	expect_refused(b, 40, EINVAL);
	expect_refused(b, size / 2, EINVAL);
	expect_refused(b, size - 1, EINVAL);
	assert_true(tu_log_contains("FDT_ERR_TRUNCATED"));
	b[0] ^= 0xff;				/* magic */
	expect_refused(b, size, EINVAL);
	assert_true(tu_log_contains("FDT_ERR_BADMAGIC"));
	b[0] ^= 0xff;
	put_be32(b + 4, (uint32_t)size + 4);	/* totalsize past the buffer */
	expect_refused(b, size, EINVAL);
	free(b);
	assert_int_equal(irqmap_of_free(t), 0);
	expect_refused(NULL, 10, EINVAL);
}

/*
 * Corrupt every byte of a blob in turn. Each load is refused with one
 * message, or loads; a tree that loads must resolve every interrupt of
 * every node and tear down again, without crashing or hanging.
 */
static void every_byte_corrupted(void **state)
{
	struct irqmap_of *good;
	unsigned char *b;
	size_t size;
	int loaded = 0;

	(void)state;
	tu_log_capture_start();
	good = ot_load("nexus-chain.dts");
	size = blob_size(good);
	b = malloc(size);
	for (size_t i = 0; i < size; i++) {
		struct irqmap_of *t;

		memcpy(b, irqmap_of_blob(good), size);
		b[i] ^= (unsigned char)(i & 1 ? 0xff : 0x01);
		t = irqmap_of_load_blob(b, size);
		if (!t)
			continue;
		loaded++;
		irqmap_of_irq_init(t);
		for (int n = irqmap_of_next_node(t, -1); n >= 0;
		     n = irqmap_of_next_node(t, n)) {
			int nr = irqmap_of_irq_entries(t, n);

			for (int k = 0; k < nr; k++) {
				unsigned int virq = irq_of_parse_and_map(t, n, k);

				irq_dispose_mapping(virq);
			}
			of_irq_count(t, n);
		}
		assert_int_equal(irqmap_of_free(t), 0);
	}
	print_message("%zu corrupted blobs, %d loaded\n", size, loaded);
	free(b);
	assert_int_equal(irqmap_of_free(good), 0);
}

/*
 * Fail allocation number k of a whole life (load, bring-up, mapping every
 * interrupt, teardown), for every k until a life runs without failing:
 * each failure is handled and nothing leaks (tu_teardown checks).
 */
static void allocation_failures(void **state)
{
	struct irqmap_of *good;
	unsigned long k;
	size_t size;
	void *blob;

	(void)state;
	tu_log_capture_start();
	good = ot_load("riscv.dts");
	size = blob_size(good);
	blob = malloc(size);
	memcpy(blob, irqmap_of_blob(good), size);
	assert_int_equal(irqmap_of_free(good), 0);
	for (k = 1; k < 100000; k++) {
		unsigned int virqs[32];
		struct irqmap_of *t;
		int n = 0, hit;

		irqm_fault_arm(k);
		t = irqmap_of_load_blob(blob, size);
		if (t) {
			irqmap_of_irq_init(t);
			for (int node = irqmap_of_next_node(t, -1); node >= 0;
			     node = irqmap_of_next_node(t, node))
				for (int i = 0; i < irqmap_of_irq_entries(t, node) && n < 32; i++)
					virqs[n++] = irq_of_parse_and_map(t, node, i);
		}
		hit = irqm_fault_hit();
		irqm_fault_arm(0);
		for (int i = 0; i < n; i++)
			irq_dispose_mapping(virqs[i]);
		assert_int_equal(irqmap_of_free(t), 0);
		assert_int_equal(irqmap_check(stderr), 0);
		if (!hit)
			break;
	}
	print_message("a life of riscv.dts makes %lu allocations\n", k - 1);
	free(blob);
}

static void dtc_failures(void **state)
{
	static const char bad[] = "/dts-v1/;\n/ { foo = <1 ; };\n";
	char path[256];

	(void)state;
	tu_log_capture_start();
	write_tmp(path, sizeof(path), ".dts", bad, sizeof(bad) - 1);
	errno = 0;
	assert_null(irqmap_of_load(path));
	assert_int_equal(errno, ENOEXEC);
	assert_int_equal(tu_log_count(), 1);
	assert_true(tu_log_contains("dtc failed"));
	assert_true(tu_log_contains("syntax error"));

	setenv("IRQMAP_DTC", "/nonexistent/dtc", 1);
	assert_null(irqmap_of_load(path));
	unsetenv("IRQMAP_DTC");
	assert_int_equal(errno, ENOENT);
	assert_true(tu_log_contains("cannot run /nonexistent/dtc"));
	unlink(path);

	assert_null(irqmap_of_load("/nonexistent/tree.dtb"));
	assert_int_equal(errno, ENOENT);
	assert_null(irqmap_of_load(NULL));
	assert_int_equal(errno, EINVAL);
	assert_int_equal(tu_log_count(), 4);
}

/* A pipe holding @len bytes of @data, its writing end closed; its /dev/fd path. */
static int pipe_of(const void *data, size_t len, char *path, size_t plen)
{
	int fds[2];

	assert_int_equal(pipe(fds), 0);
	assert_true(len < 65536);	/* fits the pipe: no writer needed */
	assert_int_equal(write(fds[1], data, len), (ssize_t)len);
	close(fds[1]);
	snprintf(path, plen, "/dev/fd/%d", fds[0]);
	return fds[0];
}

/*
 * A pipe (a shell's <(...), or standard input) brings a blob or source
 * with no name to tell which: the FDT magic tells. Both give the same tree
 * as the file; a pipe of neither fails with one line.
 */
static void pipes_bring_blobs_and_source_alike(void **state)
{
	struct irqmap_of *file, *from_blob, *from_source;
	char path[64], src_path[512];
	char *src;
	int fd;

	(void)state;
	tu_log_capture_start();
	file = ot_load("gic-v2.dts");
	fd = pipe_of(irqmap_of_blob(file), fdt_totalsize(irqmap_of_blob(file)),
		     path, sizeof(path));
	from_blob = irqmap_of_load(path);
	close(fd);
	assert_non_null(from_blob);
	snprintf(src_path, sizeof(src_path), "%s/gic-v2.dts", OF_FIXTURES);
	src = tu_slurp(src_path);
	fd = pipe_of(src, strlen(src), path, sizeof(path));
	from_source = irqmap_of_load(path);
	close(fd);
	free(src);
	assert_non_null(from_source);
	assert_int_equal(fdt_totalsize(irqmap_of_blob(from_blob)),
			 fdt_totalsize(irqmap_of_blob(file)));
	assert_string_equal(irqmap_of_node_path(from_source,
				irqmap_of_find_node(from_source, "/uart@9000000")),
			    "/uart@9000000");
	fd = pipe_of("not a tree {\n", 13, path, sizeof(path));
	assert_null(irqmap_of_load(path));
	close(fd);
	assert_true(tu_log_contains("dtc failed"));
	assert_int_equal(irqmap_of_free(file), 0);
	assert_int_equal(irqmap_of_free(from_blob), 0);
	assert_int_equal(irqmap_of_free(from_source), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(dts_dtb_and_memory_agree, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(node_accessors, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(truncated_and_corrupt_blobs, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(every_byte_corrupted, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(allocation_failures, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(dtc_failures, tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(pipes_bring_blobs_and_source_alike,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
