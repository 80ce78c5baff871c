// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_refdebug.c - IRQMAP_DEBUG_REFS: who holds each reference, and who disposed too often. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/*
 * The tests that take or drop references are not static: the program is
 * linked with -rdynamic, so dladdr() names them in the holders' lists.
 */
void holders_are_listed_with_owner_and_caller(void **state);
void dispose_drops_the_owners_own_reference(void **state);
void busy_remove_logs_holders(void **state);
void exit_logs_holders(void **state);
void extra_dispose_names_its_caller(void **state);
void legacy_extra_dispose_names_its_caller(void **state);
void show_refs_of_every_mapping(void **state);

static int setup_refs(void **state)
{
	(void)state;
	setenv("IRQMAP_DEBUG_REFS", "1", 1);
	return irqmap_init();
}

static int teardown_refs(void **state)
{
	irqmap_debug_set_owner(NULL);
	unsetenv("IRQMAP_DEBUG_REFS");
	return tu_teardown(state);
}

static int teardown_after_exit(void **state)
{
	(void)state;
	tu_log_capture_stop();
	irqmap_debug_set_owner(NULL);
	unsetenv("IRQMAP_DEBUG_REFS");
	return irqmap_exit() == -ENODEV ? 0 : -1;
}

static int show_refs(FILE *f, void *arg)
{
	return irqmap_show_refs(f, *(unsigned int *)arg);
}

static char *refs_of(unsigned int virq, int *ret)
{
	char *text = tu_capture_output(show_refs, &virq, ret);

	assert_non_null(text);
	return text;
}

static unsigned int count_lines(const char *s, const char *needle)
{
	unsigned int n = 0;

	for (; (s = strstr(s, needle)); s += strlen(needle))
		n++;
	return n;
}

void holders_are_listed_with_owner_and_caller(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	char expect[96];
	char *out;
	unsigned int v;
	int n;

	(void)state;
	assert_true(irqmap_debug_refs_enabled());
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	irqmap_debug_set_owner("uart0");
	v = irq_create_mapping(d, 3);
	irqmap_debug_set_owner("spi1");
	assert_int_equal(irq_create_mapping(d, 3), v);
	irqmap_debug_set_owner(NULL);
	assert_int_equal(irq_create_mapping(d, 3), v);

	out = refs_of(v, &n);
	assert_int_equal(n, 3);
	snprintf(expect, sizeof(expect), "virq %u (domain %s, hwirq 3): 3 references",
		 v, d->name);
	assert_non_null(strstr(out, expect));
	assert_non_null(strstr(out, " for uart0\n"));
	assert_non_null(strstr(out, " for spi1\n"));
	/* The code that took them: this function. */
	assert_int_equal(count_lines(out,
			 "taken by holders_are_listed_with_owner_and_caller+"), 3);
	/* The unlabelled reference has no owner. */
	assert_int_equal(count_lines(out, " for "), 2);
	free(out);

	for (int i = 0; i < 3; i++)
		assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

void dispose_drops_the_owners_own_reference(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	char *out;
	unsigned int v;
	int n;

	(void)state;
	d = irq_domain_create_tree(NULL, &tu_counting_ops, &c);
	assert_non_null(d);
	irqmap_debug_set_owner("eth0");
	v = irq_create_mapping(d, 40);
	irqmap_debug_set_owner("eth1");
	assert_int_equal(irq_create_mapping(d, 40), v);
	irqmap_debug_set_owner("eth2");
	assert_int_equal(irq_create_mapping(d, 40), v);

	/* eth0 took the oldest reference; its dispose drops that one. */
	irqmap_debug_set_owner("eth0");
	assert_int_equal(irq_dispose_mapping(v), 0);
	out = refs_of(v, &n);
	assert_int_equal(n, 2);
	assert_null(strstr(out, "for eth0"));
	assert_non_null(strstr(out, "for eth1"));
	assert_non_null(strstr(out, "for eth2"));
	free(out);

	irqmap_debug_set_owner("eth2");
	assert_int_equal(irq_dispose_mapping(v), 0);
	out = refs_of(v, &n);
	assert_int_equal(n, 1);
	assert_non_null(strstr(out, "for eth1"));
	assert_non_null(strstr(out, "1 reference\n"));
	free(out);

	irqmap_debug_set_owner("eth1");
	assert_int_equal(irq_dispose_mapping(v), 0);
	tu_log_capture_start();
	out = refs_of(v, &n);
	assert_int_equal(n, -ENOENT);
	tu_assert_one_message("has no mapping");
	free(out);
	assert_int_equal(irq_domain_remove(d), 0);
}

void busy_remove_logs_holders(void **state)
{
	struct tu_counts c = { 0 };
	struct fwnode_handle fw;
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "gpio-busy", NULL);
	d = irq_domain_create_linear(&fw, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	irqmap_debug_set_owner("keyboard");
	v = irq_create_mapping(d, 2);
	irqmap_debug_set_owner("mouse");
	assert_int_equal(irq_create_mapping(d, 2), v);
	irqmap_debug_set_owner(NULL);

	tu_log_capture_start();
	assert_int_equal(irq_domain_remove(d), -EBUSY);
	assert_true(tu_log_contains("domain gpio-busy still has 1 mapping"));
	assert_true(tu_log_contains("hwirq 2 to virq"));
	assert_true(tu_log_contains("for keyboard"));
	assert_true(tu_log_contains("for mouse"));
	assert_int_equal(tu_log_count_matching("taken by busy_remove_logs_holders+"), 2);
	tu_log_capture_stop();

	irqmap_debug_set_owner("keyboard");
	assert_int_equal(irq_dispose_mapping(v), 0);
	irqmap_debug_set_owner("mouse");
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

void exit_logs_holders(void **state)
{
	struct tu_counts c = { 0 };
	struct fwnode_handle fw;
	struct irq_domain *d;

	(void)state;
	fwnode_init(&fw, FWNODE_KIND_USER, "forgotten", NULL);
	d = irq_domain_create_linear(&fw, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	irqmap_debug_set_owner("leaky-driver");
	assert_int_not_equal(irq_create_mapping(d, 7), 0);
	irqmap_debug_set_owner(NULL);

	tu_log_capture_start();
	assert_int_equal(irqmap_exit(), -EBUSY);
	assert_true(tu_log_contains("left: domain forgotten hwirq 7 -> virq"));
	assert_true(tu_log_contains("taken by exit_logs_holders+"));
	assert_true(tu_log_contains("for leaky-driver"));
	assert_int_equal(c.unmap, 0);
}

void extra_dispose_names_its_caller(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	unsigned int v;

	(void)state;
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	assert_non_null(d);
	v = irq_create_mapping(d, 1);
	assert_int_equal(irq_dispose_mapping(v), 0);
	tu_log_capture_start();
	assert_int_equal(irq_dispose_mapping(v), -ENOENT);
	tu_assert_one_message("dispose from extra_dispose_names_its_caller+");
	assert_int_equal(c.unmap, 1);
	assert_int_equal(irq_domain_remove(d), 0);
}

void legacy_extra_dispose_names_its_caller(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	char *out;
	int n;

	(void)state;
	d = irq_domain_create_legacy(NULL, 2, 40, 0, &tu_counting_ops, &c);
	assert_non_null(d);
	/* The domain's own reference was taken on behalf of this function. */
	out = refs_of(41, &n);
	assert_int_equal(n, 1);
	assert_non_null(strstr(out, "taken by legacy_extra_dispose_names_its_caller+"));
	free(out);

	tu_log_capture_start();
	assert_int_equal(irq_dispose_mapping(41), -ENOENT);
	tu_assert_one_message("extra dispose from legacy_extra_dispose_names_its_caller+");
	assert_int_equal(irq_mapping_refcount(41), 1);
	assert_int_equal(irq_domain_remove(d), 0);
	assert_int_equal(c.unmap, 2);
}

void show_refs_of_every_mapping(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *a, *b;
	unsigned int va, vb;
	char *out;
	int n;

	(void)state;
	a = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	b = irq_domain_create_tree(NULL, &tu_counting_ops, &c);
	irqmap_debug_set_owner("dev-a");
	va = irq_create_mapping(a, 0);
	assert_int_equal(irq_create_mapping(a, 0), va);
	irqmap_debug_set_owner("dev-b");
	vb = irq_create_mapping(b, 123456789);
	irqmap_debug_set_owner(NULL);

	out = refs_of(0, &n);
	assert_int_equal(n, 3);
	assert_int_equal(count_lines(out, "for dev-a"), 2);
	assert_int_equal(count_lines(out, "for dev-b"), 1);
	assert_non_null(strstr(out, "hwirq 123456789): 1 reference"));
	free(out);

	irqmap_debug_set_owner("dev-a");
	assert_int_equal(irq_dispose_mapping(va), 0);
	assert_int_equal(irq_dispose_mapping(va), 0);
	irqmap_debug_set_owner("dev-b");
	assert_int_equal(irq_dispose_mapping(vb), 0);
	out = refs_of(0, &n);
	assert_int_equal(n, 0);
	assert_string_equal(out, "");
	free(out);
	assert_int_equal(irq_domain_remove(a), 0);
	assert_int_equal(irq_domain_remove(b), 0);
}

/* Without IRQMAP_DEBUG_REFS: counts only, owner labels ignored. */
static void without_tracking_counts_only(void **state)
{
	struct tu_counts c = { 0 };
	struct irq_domain *d;
	char expect[96];
	char *out;
	unsigned int v;
	int n;

	(void)state;
	assert_false(irqmap_debug_refs_enabled());
	d = irq_domain_create_linear(NULL, 8, &tu_counting_ops, &c);
	irqmap_debug_set_owner("ignored");
	v = irq_create_mapping(d, 5);
	assert_int_equal(irq_create_mapping(d, 5), v);
	irqmap_debug_set_owner(NULL);
	out = refs_of(v, &n);
	assert_int_equal(n, 0);
	snprintf(expect, sizeof(expect), "virq %u (domain %s, hwirq 5): 2 references\n",
		 v, d->name);
	assert_string_equal(out, expect);
	free(out);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(holders_are_listed_with_owner_and_caller,
						setup_refs, teardown_refs),
		cmocka_unit_test_setup_teardown(dispose_drops_the_owners_own_reference,
						setup_refs, teardown_refs),
		cmocka_unit_test_setup_teardown(busy_remove_logs_holders,
						setup_refs, teardown_refs),
		cmocka_unit_test_setup_teardown(exit_logs_holders,
						setup_refs, teardown_after_exit),
		cmocka_unit_test_setup_teardown(extra_dispose_names_its_caller,
						setup_refs, teardown_refs),
		cmocka_unit_test_setup_teardown(legacy_extra_dispose_names_its_caller,
						setup_refs, teardown_refs),
		cmocka_unit_test_setup_teardown(show_refs_of_every_mapping,
						setup_refs, teardown_refs),
		cmocka_unit_test_setup_teardown(without_tracking_counts_only,
						tu_setup, tu_teardown),
	};

	unsetenv("IRQMAP_DEBUG_REFS");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
