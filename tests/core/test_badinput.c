// SPDX-License-Identifier: LGPL-2.1-or-later
/* test_badinput.c - every caller error: documented result, one line of log, no change of state. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "testutil.h"

/*
 * Every test runs next to a live domain with a shared mapping, and checks
 * that the failing call left it, and everything else, as it was.
 */
struct fixture {
	struct fwnode_handle fw;
	struct tu_counts c;
	struct irq_domain *d;
	unsigned int v;			/* hwirq 2, two references */
	struct tu_state st;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || irqmap_init())
		return -1;
	fwnode_init(&fx->fw, FWNODE_KIND_USER, "victim", NULL);
	fx->d = irq_domain_create_linear(&fx->fw, 8, &tu_counting_ops, &fx->c);
	if (!fx->d)
		return -1;
	fx->v = irq_create_mapping(fx->d, 2);
	if (!fx->v || irq_create_mapping(fx->d, 2) != fx->v)
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int ret = 0;

	tu_log_capture_stop();
	if (irq_dispose_mapping(fx->v) || irq_dispose_mapping(fx->v) ||
	    irq_domain_remove(fx->d))
		ret = -1;
	free(fx);
	return tu_teardown(state) ? -1 : ret;
}

/* Before the bad call: remember everything, capture the log. */
static void before(struct fixture *fx)
{
	tu_state_save(&fx->st);
	tu_log_capture_start();
}

/* After it: one message with @needle, and nothing changed. */
static void after(struct fixture *fx, const char *needle)
{
	tu_assert_one_message(needle);
	tu_state_assert_unchanged(&fx->st);
	assert_int_equal(irq_mapping_refcount(fx->v), 2);
	assert_int_equal(irq_domain_mapcount(fx->d), 1);
	assert_int_equal(irq_find_mapping(fx->d, 2), fx->v);
	assert_int_equal(fx->c.map, 1);
	assert_int_equal(fx->c.unmap, 0);
}

static void create_mapping_null_domain(void **state)
{
	struct fixture *fx = *state;

	before(fx);
	assert_int_equal(irq_create_mapping(NULL, 2), 0);
	after(fx, "NULL domain");
}

static void create_mapping_hwirq_beyond_linear_size(void **state)
{
	struct fixture *fx = *state;

	before(fx);
	assert_int_equal(irq_create_mapping(fx->d, 8), 0);
	after(fx, "hwirq 8 is beyond domain victim (size 8)");
	before(fx);
	assert_int_equal(irq_create_mapping(fx->d, ULONG_MAX), 0);
	after(fx, "is beyond domain victim");
	/* Through a specifier as well. */
	before(fx);
	{
		struct irq_fwspec f = { .fwnode = &fx->fw, .param_count = 1,
					.param = { 100 } };

		assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	}
	after(fx, "hwirq 100 is beyond domain victim");
}

static void fwspec_null(void **state)
{
	struct fixture *fx = *state;

	before(fx);
	assert_int_equal(irq_create_fwspec_mapping(NULL), 0);
	after(fx, "NULL fwspec");
}

static void fwspec_param_count_negative(void **state)
{
	struct fixture *fx = *state;
	struct irq_fwspec f = { .fwnode = &fx->fw, .param_count = -1,
				.param = { 2 } };

	before(fx);
	assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	after(fx, "param_count -1 outside 0..16");
	f.param_count = INT_MIN;
	before(fx);
	assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	after(fx, "outside 0..16");
}

static void fwspec_param_count_too_large(void **state)
{
	struct fixture *fx = *state;
	struct irq_fwspec f = { .fwnode = &fx->fw, .param_count = 17,
				.param = { 2 } };

	before(fx);
	assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	after(fx, "param_count 17 outside 0..16");
	f.param_count = INT_MAX;
	before(fx);
	assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	after(fx, "outside 0..16");
	/* 16 is allowed. */
	f.param_count = 16;
	assert_int_equal(irq_create_fwspec_mapping(&f), fx->v);
	assert_int_equal(irq_dispose_mapping(fx->v), 0);
}

static void fwspec_too_few_cells(void **state)
{
	struct fixture *fx = *state;
	struct irq_fwspec f = { .fwnode = &fx->fw, .param_count = 0 };

	before(fx);
	assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	after(fx, "domain victim cannot translate a 0-cell specifier");
}

static void fwspec_unknown_fwnode(void **state)
{
	struct fixture *fx = *state;
	struct fwnode_handle stranger;
	struct irq_fwspec f = { .fwnode = &stranger, .param_count = 1,
				.param = { 2 } };

	fwnode_init(&stranger, FWNODE_KIND_USER, "stranger", NULL);
	before(fx);
	assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	after(fx, "no irq domain found for stranger");
}

/* A translator that reports a type outside IRQ_TYPE_SENSE_MASK. */
static int bad_type_translate(struct irq_domain *d, struct irq_fwspec *fwspec,
			      unsigned long *hw, unsigned int *type)
{
	*hw = fwspec->param[0];
	*type = fwspec->param[1];
	return 0;
}

static const struct irq_domain_ops bad_type_ops = {
	.map = NULL,
	.translate = bad_type_translate,
};

static void fwspec_type_outside_sense_mask(void **state)
{
	struct fixture *fx = *state;
	struct fwnode_handle fw;
	struct irq_domain *d;
	struct irq_fwspec f = { .param_count = 2 };
	unsigned int v;

	fwnode_init(&fw, FWNODE_KIND_USER, "odd-types", NULL);
	d = irq_domain_create_linear(&fw, 8, &bad_type_ops, NULL);
	assert_non_null(d);
	f.fwnode = &fw;
	f.param[0] = 1;
	f.param[1] = IRQ_TYPE_LEVEL_HIGH;
	v = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v, 0);

	/* On the existing mapping: no reference taken, type kept. */
	f.param[1] = 0x10 | IRQ_TYPE_LEVEL_HIGH;
	before(fx);
	assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	after(fx, "outside the sense mask");
	assert_int_equal(irq_mapping_refcount(v), 1);
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_LEVEL_HIGH);
	/* On a new line: nothing mapped. */
	f.param[0] = 4;
	f.param[1] = 0x100;
	before(fx);
	assert_int_equal(irq_create_fwspec_mapping(&f), 0);
	after(fx, "type 0x100, outside the sense mask");
	assert_int_equal(irq_find_mapping(d, 4), 0);
	assert_int_equal(irq_domain_mapcount(d), 1);

	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(irq_domain_remove(d), 0);
}

/* ->map fails with the code in host_data; remembers the virq it was offered. */
struct failmap {
	int ret;
	unsigned int offered;
	unsigned int unmap;
};

static int fail_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hw)
{
	struct failmap *f = d->host_data;

	f->offered = virq;
	irq_set_chip(virq, &dummy_irq_chip);
	irq_set_chip_data(virq, f);
	return f->ret;
}

static void fail_unmap(struct irq_domain *d, unsigned int virq)
{
	struct failmap *f = d->host_data;

	f->unmap++;
}

static const struct irq_domain_ops fail_ops = {
	.map = fail_map,
	.unmap = fail_unmap,
	.xlate = irq_domain_xlate_twocell,
};

static void map_failure_leaves_no_trace(void **state)
{
	static const int codes[] = { -EIO, -ENOMEM, 1 };
	struct fixture *fx = *state;
	struct failmap fm = { 0 };
	struct fwnode_handle fw;
	struct irq_fwspec f = { .param_count = 2,
				.param = { 3, IRQ_TYPE_EDGE_RISING } };
	struct irq_domain *d;
	unsigned int v;

	fwnode_init(&fw, FWNODE_KIND_USER, "flaky", NULL);
	d = irq_domain_create_tree(&fw, &fail_ops, &fm);
	assert_non_null(d);
	f.fwnode = &fw;
	for (unsigned int i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		fm.ret = codes[i];
		fm.offered = 0;
		before(fx);
		assert_int_equal(irq_create_mapping(d, 3), 0);
		after(fx, "->map of hwirq 3 to virq");
		assert_int_not_equal(fm.offered, 0);
		assert_null(irq_to_desc(fm.offered));
		assert_int_equal(irq_find_mapping(d, 3), 0);
		assert_int_equal(irq_domain_mapcount(d), 0);

		fm.offered = 0;
		before(fx);
		assert_int_equal(irq_create_fwspec_mapping(&f), 0);
		after(fx, "failed");
		assert_int_not_equal(fm.offered, 0);
		assert_null(irq_to_desc(fm.offered));
		assert_int_equal(irq_domain_mapcount(d), 0);
	}
	assert_int_equal(fm.unmap, 0);

	/* Once ->map succeeds, the mapping is a plain new one. */
	fm.ret = 0;
	v = irq_create_fwspec_mapping(&f);
	assert_int_not_equal(v, 0);
	assert_int_equal(irq_mapping_refcount(v), 1);
	assert_int_equal(irq_get_trigger_type(v), IRQ_TYPE_EDGE_RISING);
	assert_ptr_equal(irq_get_chip_data(v), &fm);
	assert_int_equal(irq_dispose_mapping(v), 0);
	assert_int_equal(fm.unmap, 1);
	assert_int_equal(irq_domain_remove(d), 0);
}

static void create_domain_null_ops(void **state)
{
	struct fixture *fx = *state;
	struct fwnode_handle fw;

	fwnode_init(&fw, FWNODE_KIND_USER, "no-ops", NULL);
	before(fx);
	errno = 0;
	assert_null(irq_domain_create_linear(&fw, 8, NULL, NULL));
	assert_int_equal(errno, EINVAL);
	after(fx, "irq_domain_create_linear: NULL ops");
	before(fx);
	errno = 0;
	assert_null(irq_domain_create_tree(&fw, NULL, NULL));
	assert_int_equal(errno, EINVAL);
	after(fx, "irq_domain_create_tree: NULL ops");
	before(fx);
	errno = 0;
	assert_null(irq_domain_create_legacy(&fw, 4, 300, 0, NULL, NULL));
	assert_int_equal(errno, EINVAL);
	after(fx, "irq_domain_create_legacy: NULL ops");
	assert_null(irq_to_desc(300));
	assert_null(irq_find_matching_fwnode(&fw, DOMAIN_BUS_ANY));
}

static void create_linear_size_zero(void **state)
{
	struct fixture *fx = *state;
	struct fwnode_handle fw;

	fwnode_init(&fw, FWNODE_KIND_USER, "empty", NULL);
	before(fx);
	errno = 0;
	assert_null(irq_domain_create_linear(&fw, 0, &tu_counting_ops, NULL));
	assert_int_equal(errno, EINVAL);
	after(fx, "size 0");
	assert_null(irq_find_matching_fwnode(&fw, DOMAIN_BUS_ANY));
}

static void create_legacy_bad_range(void **state)
{
	struct fixture *fx = *state;
	struct tu_counts c = { 0 };

	before(fx);
	errno = 0;
	assert_null(irq_domain_create_legacy(NULL, 0, 300, 0, &tu_counting_ops, &c));
	assert_int_equal(errno, EINVAL);
	after(fx, "bad range");
	before(fx);
	errno = 0;
	assert_null(irq_domain_create_legacy(NULL, 4, 0, 0, &tu_counting_ops, &c));
	assert_int_equal(errno, EINVAL);
	after(fx, "bad range");
	before(fx);
	errno = 0;
	assert_null(irq_domain_create_legacy(NULL, 4, 300, ULONG_MAX - 1,
					     &tu_counting_ops, &c));
	assert_int_equal(errno, EINVAL);
	after(fx, "bad range");
	before(fx);
	errno = 0;
	assert_null(irq_domain_create_legacy(NULL, 4, 300, 1ul << 33,
					     &tu_counting_ops, &c));
	assert_int_equal(errno, EINVAL);
	after(fx, "too large");
	assert_int_equal(c.map, 0);
}

static void set_refcounting_null_domain(void **state)
{
	struct fixture *fx = *state;

	before(fx);
	assert_int_equal(irq_domain_set_refcounting(NULL, false), -EINVAL);
	after(fx, "NULL domain");
}

static void find_matching_fwspec_null(void **state)
{
	struct fixture *fx = *state;

	before(fx);
	errno = 0;
	assert_null(irq_find_matching_fwspec(NULL, DOMAIN_BUS_ANY));
	assert_int_equal(errno, EINVAL);
	after(fx, "NULL fwspec");
}

static void update_bus_token_null_domain(void **state)
{
	struct fixture *fx = *state;

	before(fx);
	irq_domain_update_bus_token(NULL, DOMAIN_BUS_WIRED);
	after(fx, "NULL domain");
	assert_int_equal(fx->d->bus_token, DOMAIN_BUS_ANY);
}

static void dispose_unmapped_virq(void **state)
{
	struct fixture *fx = *state;

	before(fx);
	assert_int_equal(irq_dispose_mapping(fx->v + 1), -ENOENT);
	after(fx, "has no mapping");
}

static void show_refs_unmapped_virq(void **state)
{
	struct fixture *fx = *state;
	FILE *null = fopen("/dev/null", "w");

	assert_non_null(null);
	before(fx);
	assert_int_equal(irqmap_show_refs(null, fx->v + 7), -ENOENT);
	after(fx, "has no mapping");
	fclose(null);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(create_mapping_null_domain),
		T(create_mapping_hwirq_beyond_linear_size),
		T(fwspec_null),
		T(fwspec_param_count_negative),
		T(fwspec_param_count_too_large),
		T(fwspec_too_few_cells),
		T(fwspec_unknown_fwnode),
		T(fwspec_type_outside_sense_mask),
		T(map_failure_leaves_no_trace),
		T(create_domain_null_ops),
		T(create_linear_size_zero),
		T(create_legacy_bad_range),
		T(set_refcounting_null_domain),
		T(find_matching_fwspec_null),
		T(update_bus_token_null_domain),
		T(dispose_unmapped_virq),
		T(show_refs_unmapped_virq),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
