// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_introspect.c - the interrupts table, the domains table and the mapping iterator. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define MAX_TOK 24

/* The line of @text for @virq ("   NN: ..."), or NULL. */
static const char *row_line(const char *text, unsigned int virq)
{
	char head[16];
	const char *line = text;

	snprintf(head, sizeof(head), "%u:", virq);
	while (line && *line) {
		const char *p = line + strspn(line, " ");
		const char *end = strchr(line, '\n');

		if (strncmp(p, head, strlen(head)) == 0)
			return line;
		line = end ? end + 1 : NULL;
	}
	return NULL;
}

/* Split a copy of the line of @virq into tokens; 0 when there is none. */
static int row_of(const char *text, unsigned int virq, char *buf, size_t len,
		  char *tok[MAX_TOK])
{
	const char *line = row_line(text, virq);
	size_t l;
	int n = 0;

	if (!line)
		return 0;
	l = strcspn(line, "\n");
	if (l >= len)
		return -1;
	memcpy(buf, line, l);
	buf[l] = '\0';
	for (char *s = strtok(buf, " "); s && n < MAX_TOK; s = strtok(NULL, " "))
		tok[n++] = s;
	return n;
}

/* Index of @s among the tokens, or -1. */
static int tok_index(char *tok[], int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(tok[i], s) == 0)
			return i;
	return -1;
}

static void assert_interrupt_row(const char *text, unsigned int virq,
				 const char *chip, const char *hwirq,
				 const char *trigger, const char *domain,
				 const char *refs)
{
	char buf[512];
	char *tok[MAX_TOK];
	int n = row_of(text, virq, buf, sizeof(buf), tok);
	int c;

	if (n <= 0)
		fprintf(stderr, "no row for virq %u in:\n%s", virq, text);
	assert_true(n > 0);
	c = tok_index(tok, n, chip);
	assert_true(c > 0);
	assert_true(c + 4 < n);
	assert_string_equal(tok[c + 1], hwirq);
	assert_string_equal(tok[c + 2], trigger);
	/* columns: CHIP HWIRQ TRIGGER USERS DOMAIN */
	assert_string_equal(tok[c + 3], refs ? refs : "-");
	assert_string_equal(tok[c + 4], domain);
}

static void interrupts_table_rows(void **state)
{
	struct tu_counts c = { 0 };
	struct fwnode_handle fw;
	struct irq_fwspec f = { .param_count = 2,
				.param = { 5, IRQ_TYPE_EDGE_RISING } };
	struct irq_domain *d;
	char *text, *header;
	unsigned int v5, v9;
	int bare;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "gpio-ctl", NULL);
	d = irq_domain_create_linear(&fw, 16, &tu_counting_ops, &c);
	assert_non_null(d);
	f.fwnode = &fw;
	v5 = irq_create_fwspec_mapping(&f);
	assert_int_equal(irq_create_fwspec_mapping(&f), v5);
	v9 = irq_create_mapping(d, 9);
	bare = irq_alloc_descs(-1, 1, 1, 0);
	assert_true(bare > 0);

	text = tu_show_interrupts();
	assert_non_null(text);
	header = strndup(text, strcspn(text, "\n"));
	assert_non_null(strstr(header, "CHIP"));
	assert_non_null(strstr(header, "HWIRQ"));
	assert_non_null(strstr(header, "TRIGGER"));
	assert_non_null(strstr(header, "DOMAIN"));
	free(header);
	assert_interrupt_row(text, v5, "dummy", "5", "edge-rising", "gpio-ctl",
			     "refs=2");
	assert_interrupt_row(text, v9, "dummy", "9", "none", "gpio-ctl",
			     "refs=1");
	/* A bare descriptor: no hwirq, no domain. */
	assert_interrupt_row(text, (unsigned int)bare, "none", "-", "none",
			     "(no", NULL);
	assert_true(strncmp(strstr(row_line(text, (unsigned int)bare), "(no"),
			    "(no mapping)", 12) == 0);
	/* Rows in virq order. */
	assert_true(row_line(text, v5) < row_line(text, v9));
	free(text);

	/* Disposed lines and freed descriptors disappear from the table. */
	assert_int_equal(irq_dispose_mapping(v9), 0);
	assert_int_equal(irq_free_descs((unsigned int)bare, 1), 0);
	text = tu_show_interrupts();
	assert_null(row_line(text, v9));
	assert_null(row_line(text, (unsigned int)bare));
	assert_interrupt_row(text, v5, "dummy", "5", "edge-rising", "gpio-ctl",
			     "refs=2");
	free(text);

	assert_int_equal(irq_dispose_mapping(v5), 0);
	assert_int_equal(irq_dispose_mapping(v5), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

/* The block of the domains table for @name, up to the next domain. */
static char *domain_block(const char *text, const char *name)
{
	char head[96];
	const char *start, *next;

	snprintf(head, sizeof(head), "name:    %s\n", name);
	start = strstr(text, head);
	if (!start)
		return NULL;
	next = strstr(start + strlen(head), "name:    ");
	return next ? strndup(start, (size_t)(next - start)) : strdup(start);
}

struct drow {
	unsigned long hwirq;
	unsigned int virq, refs;
	char type[32];
	int legacy;
};

/* The mapping rows of a domain block, in order. */
static int domain_rows(const char *block, struct drow *rows, int max)
{
	const char *line = block;
	int n = 0;

	while (line && *line && n < max) {
		const char *end = strchr(line, '\n');

		if (sscanf(line, "%lu %u %31s %u", &rows[n].hwirq,
			   &rows[n].virq, rows[n].type, &rows[n].refs) == 4) {
			const char *leg = strstr(line, "(legacy)");

			rows[n].legacy = leg && (!end || leg < end);
			n++;
		}
		line = end ? end + 1 : NULL;
	}
	return n;
}

static void domains_table_rows(void **state)
{
	struct tu_counts c = { 0 };
	struct fwnode_handle flin, ftree;
	struct irq_fwspec f = { .param_count = 2,
				.param = { 12, IRQ_TYPE_LEVEL_LOW } };
	struct irq_domain *lin, *tree, *leg, *plain;
	struct drow rows[8];
	char *text, *block;
	unsigned int v12, v3, vt;

	(void)state;
	fwnode_init(&flin, FWNODE_KIND_USER, "root-lin", NULL);
	fwnode_init(&ftree, FWNODE_KIND_USER, "sparse", NULL);
	lin = irq_domain_create_linear(&flin, 16, &tu_counting_ops, &c);
	tree = irq_domain_create_tree(&ftree, &tu_counting_ops, &c);
	leg = irq_domain_create_legacy(NULL, 2, 700, 4, &tu_counting_ops, &c);
	plain = irq_domain_create_linear(NULL, 4, &tu_counting_ops, &c);
	assert_non_null(lin);
	assert_non_null(tree);
	assert_non_null(leg);
	assert_non_null(plain);
	assert_int_equal(irq_domain_set_refcounting(plain, false), 0);
	f.fwnode = &flin;
	v12 = irq_create_fwspec_mapping(&f);
	v3 = irq_create_mapping(lin, 3);
	assert_int_equal(irq_create_mapping(lin, 3), v3);
	assert_int_equal(irq_create_mapping(lin, 3), v3);
	vt = irq_create_mapping(tree, 1ul << 35);
	assert_int_equal(irq_create_mapping(leg, 5), 701);

	text = tu_show_domains();
	assert_non_null(text);

	block = domain_block(text, "root-lin");
	assert_non_null(block);
	assert_non_null(strstr(block, " size:   16\n"));
	assert_non_null(strstr(block, " mapped: 2\n"));
	assert_non_null(strstr(block, " parent: (none)\n"));
	assert_int_equal(domain_rows(block, rows, 8), 2);
	assert_int_equal(rows[0].hwirq, 3);
	assert_int_equal(rows[0].virq, v3);
	assert_string_equal(rows[0].type, "none");
	assert_int_equal(rows[0].refs, 3);
	assert_int_equal(rows[1].hwirq, 12);
	assert_int_equal(rows[1].virq, v12);
	assert_string_equal(rows[1].type, "level-low");
	assert_int_equal(rows[1].refs, 1);
	free(block);

	block = domain_block(text, "sparse");
	assert_non_null(block);
	assert_non_null(strstr(block, " size:   tree\n"));
	assert_non_null(strstr(block, " mapped: 1\n"));
	assert_int_equal(domain_rows(block, rows, 8), 1);
	assert_int_equal(rows[0].hwirq, 1ul << 35);
	assert_int_equal(rows[0].virq, vt);
	free(block);

	block = domain_block(text, leg->name);
	assert_non_null(block);
	assert_non_null(strstr(block, " size:   6\n"));
	assert_int_equal(domain_rows(block, rows, 8), 2);
	assert_int_equal(rows[0].hwirq, 4);
	assert_int_equal(rows[0].virq, 700);
	assert_int_equal(rows[0].refs, 1);
	assert_true(rows[0].legacy);
	assert_int_equal(rows[1].hwirq, 5);
	assert_int_equal(rows[1].virq, 701);
	assert_int_equal(rows[1].refs, 2);
	assert_true(rows[1].legacy);
	free(block);

	block = domain_block(text, plain->name);
	assert_non_null(block);
	assert_non_null(strstr(block, "no-refcount"));
	assert_non_null(strstr(block, " mapped: 0\n"));
	assert_int_equal(domain_rows(block, rows, 8), 0);
	free(block);
	free(text);

	assert_int_equal(irq_dispose_mapping(v12), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(irq_dispose_mapping(v3), 0);
	assert_int_equal(irq_dispose_mapping(vt), 0);
	assert_int_equal(irq_dispose_mapping(701), 0);
	assert_int_equal(irq_domain_remove(lin), 0);
	assert_int_equal(irq_domain_remove(tree), 0);
	assert_int_equal(irq_domain_remove(leg), 0);
	assert_int_equal(irq_domain_remove(plain), 0);

	text = tu_show_domains();
	assert_string_equal(text, "");
	free(text);
}

struct collect {
	struct irqmap_mapping_info info[8];
	int n;
	int stop_after;			/* return 7 after this many; 0 = never */
};

static int collect(const struct irqmap_mapping_info *m, void *arg)
{
	struct collect *c = arg;

	if (c->n < 8)
		c->info[c->n] = *m;
	c->n++;
	return c->stop_after && c->n == c->stop_after ? 7 : 0;
}

static void iterator_reports_mappings_in_hwirq_order(void **state)
{
	static const irq_hw_number_t hw[] = { 1ul << 40, 17, 1ul << 20, 5 };
	struct tu_counts cnt = { 0 };
	struct fwnode_handle fw;
	struct irq_fwspec f = { .param_count = 2 };
	struct irq_domain *d;
	struct collect c = { .n = 0 };
	unsigned int v[4];

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "iter", NULL);
	d = irq_domain_create_tree(&fw, &tu_counting_ops, &cnt);
	assert_non_null(d);
	for (int i = 0; i < 4; i++)
		v[i] = irq_create_mapping(d, hw[i]);
	/* 17 gets a type and a second reference. */
	f.fwnode = &fw;
	f.param[0] = 17;
	f.param[1] = IRQ_TYPE_EDGE_BOTH;
	assert_int_equal(irq_create_fwspec_mapping(&f), v[1]);

	assert_int_equal(irq_domain_for_each_mapping(d, collect, &c), 0);
	assert_int_equal(c.n, 4);
	assert_int_equal(c.info[0].hwirq, 5);
	assert_int_equal(c.info[0].virq, v[3]);
	assert_int_equal(c.info[1].hwirq, 17);
	assert_int_equal(c.info[1].virq, v[1]);
	assert_int_equal(c.info[1].type, IRQ_TYPE_EDGE_BOTH);
	assert_int_equal(c.info[1].refcount, 2);
	assert_int_equal(c.info[2].hwirq, 1ul << 20);
	assert_int_equal(c.info[2].virq, v[2]);
	assert_int_equal(c.info[3].hwirq, 1ul << 40);
	assert_int_equal(c.info[3].virq, v[0]);
	for (int i = 0; i < 4; i++) {
		assert_ptr_equal(c.info[i].domain, d);
		assert_int_equal(c.info[i].nr_irqs, 1);
		assert_false(c.info[i].legacy);
		if (i != 1) {
			assert_int_equal(c.info[i].refcount, 1);
			assert_int_equal(c.info[i].type, IRQ_TYPE_NONE);
		}
	}

	/* A non-zero return stops the walk and is returned. */
	c.n = 0;
	c.stop_after = 2;
	assert_int_equal(irq_domain_for_each_mapping(d, collect, &c), 7);
	assert_int_equal(c.n, 2);

	tu_log_capture_start();
	assert_int_equal(irq_domain_for_each_mapping(NULL, collect, &c), -EINVAL);
	tu_assert_one_message("NULL domain");
	tu_log_capture_start();
	assert_int_equal(irq_domain_for_each_mapping(d, NULL, &c), -EINVAL);
	tu_assert_one_message("NULL callback");

	assert_int_equal(irq_dispose_mapping(v[1]), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(irq_dispose_mapping(v[i]), 0);
	c.n = 0;
	c.stop_after = 0;
	assert_int_equal(irq_domain_for_each_mapping(d, collect, &c), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void linear_iterator_and_mapcount(void **state)
{
	struct tu_counts cnt = { 0 };
	struct irq_domain *d;
	struct collect c = { .n = 0 };
	unsigned int v7, v0;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &cnt);
	assert_int_equal(irq_domain_mapcount(d), 0);
	assert_int_equal(irq_domain_mapcount(NULL), 0);
	v7 = irq_create_mapping(d, 7);
	v0 = irq_create_mapping(d, 0);
	assert_int_equal(irq_domain_mapcount(d), 2);
	assert_int_equal(irq_domain_for_each_mapping(d, collect, &c), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.info[0].hwirq, 0);
	assert_int_equal(c.info[0].virq, v0);
	assert_int_equal(c.info[1].hwirq, 7);
	assert_int_equal(c.info[1].virq, v7);
	assert_int_equal(irq_dispose_mapping(v7), 0);
	assert_int_equal(irq_domain_mapcount(d), 1);
	assert_int_equal(irq_dispose_mapping(v0), 0);
	assert_int_equal(irq_domain_mapcount(d), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void show_functions_refuse_null_stream(void **state)
{
	(void)state;
	tu_log_capture_start();
	assert_int_equal(irqmap_show_interrupts(NULL), -EINVAL);
	tu_assert_one_message("NULL stream");
	tu_log_capture_start();
	assert_int_equal(irqmap_show_domains(NULL), -EINVAL);
	tu_assert_one_message("NULL stream");
	tu_log_capture_start();
	assert_int_equal(irqmap_show_refs(NULL, 0), -EINVAL);
	tu_assert_one_message("NULL stream");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(interrupts_table_rows,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(domains_table_rows,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(iterator_reports_mappings_in_hwirq_order,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(linear_iterator_and_mapcount,
						tu_setup, tu_teardown),
		cmocka_unit_test_setup_teardown(show_functions_refuse_null_stream,
						tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
