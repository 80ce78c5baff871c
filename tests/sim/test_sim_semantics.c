// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_sim_semantics.c - one scenario, three kernels. On QEMU's Arm virt
 * machine nic0 (slot 1) and nic1 (slot 5) share GIC SPI 4 (hwirq 0x24),
 * nic2 (slot 2) has SPI 5 (0x25) alone. nic0 goes first, nic1 raises
 * (and its interrupts are handled, or lost), then both others go, and nic3 comes to slot 9, SPI 4 again:
 *
 *  - refcount (irqmap): nic1 keeps its line, each last user unmaps its
 *    line, nothing lost, nothing leaked, exit 0;
 *  - dispose (pseries before its fix): nic0's unplug takes the line from
 *    nic1, whose interrupts are lost; exit 1;
 *  - never-dispose (arm64 generic PCI today): nothing is unmapped; nic3
 *    finds SPI 4 still mapped, and SPI 5 stays mapped after nic2 is gone,
 *    a leak; exit 1.
 */
#include <stdlib.h>
#include <string.h>

#include "simtest.h"

static const char scenario[] =
	"device_del nic0\n"
	"raise nic1 2\n"
	"sync\n"
	"device_del nic1\n"
	"device_del nic2\n"
	"device_add e1000,addr=9,id=nic3\n"
	"raise nic3\n"
	"check\n";

static void run(struct st_run *r, const char *semantics)
{
	char *path = st_script(scenario);

	ST_RUN(r, "sim", "-M", "virt", "--semantics", semantics,
	       "-device", "e1000,addr=1,id=nic0", "-device", "e1000,addr=5,id=nic1",
	       "-device", "virtio-net-pci,addr=2,id=nic2", path);
	st_unlink(path);
}

static void test_refcount_keeps_the_line_for_its_other_users_and_leaks_nothing(void **state)
{
	struct st_run r;

	(void)state;
	run(&r, "refcount");
	st_status(&r, 0);
	assert_string_equal(r.err, "");
	st_contains(r.out, "semantics: refcount\n");
	st_contains(r.out, "nic0: unplugged; virq 41 stays mapped: 1 reference left, users nic1");
	st_contains(r.out, "nic1: INTA asserted 2 times on virq 41");
	st_contains(r.out, "nic1: unplugged; virq 41 unmapped: it was the last user");
	st_contains(r.out, "nic2: unplugged; virq 42 unmapped: it was the last user");
	st_contains(r.out, "nic3: e1000 at pcie.0:09.0, INTA -> /intc@8000000 0x24 = virq 43 (mapped for it: 1 reference)");
	st_contains(r.out, "interrupts balance: 3 raised = 3 handled + 0 dropped at unplug\n");
	st_contains(r.out, "summary: semantics refcount (0 devices lost their interrupt, 0 lines leaked); ");
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
}

static void test_dispose_on_every_unplug_lists_the_devices_that_lose_their_interrupt(void **state)
{
	struct st_run r;

	(void)state;
	run(&r, "dispose");
	st_status(&r, 1);
	st_contains(r.out, "semantics: dispose\n");
	st_contains(r.out, "nic1: LOST its interrupt: unplugging nic0 unmapped virq 41 under it");
	st_contains(r.out, "nic1: INTA asserted 2 times, but nothing of it is installed since nic0 was unplugged: lost");
	st_contains(r.out, "interrupts balance: 3 raised = 1 handled + 0 dropped at unplug + 2 lost\n");
	st_contains(r.out, "kernel semantics: 1 device lost its interrupt when another device on its line was unplugged:\n"
			   "  nic1: virq 41 unmapped when nic0 was unplugged\n");
	st_contains(r.out, "summary: semantics dispose (1 device lost its interrupt, 0 lines leaked); ");
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
}

static void test_never_dispose_lists_the_lines_left_mapped_after_their_last_user(void **state)
{
	struct st_run r;

	(void)state;
	run(&r, "never-dispose");
	st_status(&r, 1);
	st_contains(r.out, "semantics: never-dispose\n");
	st_contains(r.out, "nic0: unplugged; virq 41 stays mapped: never disposed, users nic1");
	st_contains(r.out, "nic1: INTA asserted 2 times on virq 41");
	st_contains(r.out, "nic1: unplugged; virq 41 LEFT MAPPED with no user");
	st_contains(r.out, "nic2: unplugged; virq 42 LEFT MAPPED with no user");
	/* The kernel finds the mapping there: the same virq, no new one. */
	st_contains(r.out, "nic3: e1000 at pcie.0:09.0, INTA -> /intc@8000000 0x24 = virq 41 (mapped for it: 1 reference)");
	st_contains(r.out, "check: 1 line left mapped with no user (never dispose)\n");
	st_contains(r.out, "never dispose: 1 line left mapped after its last user was unplugged (leaked):\n"
			   "  /intc@8000000 hwirq 0x25: still mapped after nic2 was unplugged (line 5)\n");
	st_contains(r.out, "summary: semantics never-dispose (0 devices lost their interrupt, 1 line leaked); ");
	/* The simulator releases them itself: the library comes down clean. */
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
}

static void test_semantics_options_and_their_aliases(void **state)
{
	struct st_run r;

	(void)state;
	ST_RUN(&r, "sim", "--semantics", "sometimes");
	st_status(&r, 2);
	st_contains(r.err, "--semantics: unknown 'sometimes' (refcount, dispose or never-dispose)");
	st_done(&r);
	ST_RUN(&r, "sim", "--no-refcount");
	st_status(&r, 1);
	st_contains(r.out, "summary: semantics dispose (3 devices lost their interrupt, 0 lines leaked); ");
	st_done(&r);
	/* The built-in scenario under never-dispose: its lines leak, nobody loses one. */
	ST_RUN(&r, "sim", "--semantics", "never-dispose");
	st_status(&r, 1);
	st_contains(r.out, "(0 devices lost their interrupt, ");
	st_lacks(r.out, "LOST its interrupt");
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refcount_keeps_the_line_for_its_other_users_and_leaks_nothing),
		cmocka_unit_test(test_dispose_on_every_unplug_lists_the_devices_that_lose_their_interrupt),
		cmocka_unit_test(test_never_dispose_lists_the_lines_left_mapped_after_their_last_user),
		cmocka_unit_test(test_semantics_options_and_their_aliases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
