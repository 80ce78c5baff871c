// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_sim_bad.c - bad scenario lines. Each must be reported with the
 * file and line it is on and what is wrong, and stop the run with exit
 * status 2 after unplugging everything plugged so far, with nothing left
 * behind (irqmap_exit() finds nothing: "leaks found: 0"). With
 * --keep-going the run goes on after each.
 */
#include <stdlib.h>
#include <string.h>

#include "simtest.h"

struct bad {
	const char *script;
	unsigned int line;
	const char *msg;
};

static const struct bad cases[] = {
	{ "device_add e1000,bus=pci.0,addr=5,id=nic0\n"
	  "device_add e1000,bus=pci.1,addr=5,id=nic1\nraise nic0 2\n"
	  "# a comment\n\nfrobnicate now\n",
	  6, "unknown command 'frobnicate'" },
	{ "device_add e1000,bus=pci.0,addr=5,id=nic0\ndevice_del nic9\n",
	  2, "device_del: no device with id 'nic9'" },
	{ "device_add e1000,bus=pci.0,addr=5,id=nic0\n"
	  "device_add virtio-net-pci,bus=pci.0,addr=5,id=nic1\n",
	  2, "device_add: pci.0:05.0 is occupied by 'nic0'" },
	{ "device_add e1000,bus=pci.0,addr=1,id=nic0\n",
	  1, "device_add: pci.0:01.0 is occupied by 'usb@1'" },
	{ "device_add e1000,bus=pci.7,addr=5,id=nic0\n",
	  1, "device_add: no bus named 'pci.7' (buses: pci.0, pci.1)" },
	{ "device_add pci-bridge,bus=pci.1,addr=2,id=br1\n"
	  "device_add e1000,bus=br2,addr=5,id=nic0\n",
	  2, "device_add: no bus named 'br2' (buses: pci.0, pci.1, br1)" },
	{ "device_add e1000,bus=pci.0,addr=5,id=nic0\ndevice_del nic0\n"
	  "raise nic0\n",
	  3, "raise: no device with id 'nic0' (it was unplugged at line 2)" },
	{ "raise ghost 3\n", 1, "raise: no device with id 'ghost'" },
	{ "device_add VGA,bus=pci.1,addr=2,id=vga0\nraise vga0\n",
	  2, "raise: 'vga0' has no interrupt pin" },
	{ "device_add e1000,bus=pci.0,addr=zz,id=nic0\n",
	  1, "device_add: bad addr 'zz' (SLOT[.FN] in hexadecimal: slot 0-1f, function 0-7)" },
	{ "device_add e1000,bus=pci.0,addr=20,id=nic0\n",
	  1, "device_add: bad addr '20'" },
	{ "device_add e1000,bus=pci.0,addr=5.8,id=nic0\n",
	  1, "device_add: bad addr '5.8'" },
	{ "device_add e1000,bus=pci.0,addr=5,id=nic0,pin=E\n",
	  1, "device_add: bad pin 'E' (A, B, C or D)" },
	{ "device_add e1000,bus=pci.0,adr=5,id=nic0\n",
	  1, "device_add: unknown property 'adr' (bus, addr, id, pin, multifunction; QEMU's own, such as netdev, mac or chassis_nr, are accepted and ignored)" },
	{ "device_add e1000,bus=pci.0,addr=5\ndevice_add e1001,bus=pci.0\n",
	  2, "device_add: unknown driver 'e1001' (drivers: pci-bridge, pcie-pci-bridge, pcie-root-port," },
	{ "device_add bus=pci.0,addr=5,id=x\n", 1, "device_add: missing DRIVER" },
	{ "device_add\n", 1, "device_add: missing DRIVER[,bus=BUS][,addr=SLOT][,id=ID]" },
	{ "device_add pcie-root-port,bus=pci.0,addr=4,id=rp0\n"
	  "device_add e1000,bus=rp0,addr=1\n",
	  2, "device_add: bad addr 01 for bus rp0: it has only slot 0 (the bus of a PCIe port)" },
	{ "device_add e1000,addr=5,id=pci.1\ndevice_add pci-bridge,id=pci.1\n",
	  2, "device_add: id 'pci.1' is already in use" },
	{ "device_add spapr-pci-host-bridge,index=1\n",
	  1, "device_add: spapr-pci-host-bridge: a host bridge is part of the machine: give it as -device with -M pseries" },
	{ "device_add e1000,bus=pci.0,addr=5,id=nic0\n"
	  "device_add e1000,bus=pci.0,addr=6,id=nic0\n",
	  2, "device_add: id 'nic0' is already in use" },
	{ "device_add e1000,bus=pci.0,addr=5,id=nic0\n"
	  "device_add e1000,bus=pci.0,addr=5.1,id=nic1\n",
	  2, "device_add: pci.0:05.1: 'nic0' in function 0 is not multifunction=on" },
	{ "device_add e1000,bus=pci.0,addr=5.1,id=nic1\n"
	  "device_add e1000,bus=pci.0,addr=5.0,id=nic0\n",
	  2, "device_add: pci.0:05.0: function 1 is in use, so function 0 needs multifunction=on" },
	{ "device_add e1000,bus=pci.0,addr=5,id=nic0\nraise nic0 0\n",
	  2, "raise: bad count '0' (1 to 1000000)" },
	{ "raise\n", 1, "raise: missing device id" },
	{ "device_del nic0 now\n", 1, "device_del: unexpected argument 'now'" },
	{ "info\n", 1, "info: missing item (interrupts, domains, refs, pci)" },
	{ "info foo\n", 1, "info: unknown item 'foo'" },
	{ "check now\n", 1, "check: unexpected argument 'now'" },
	{ "device_add e1000,bus=pci.0,addr=5,id=a b\n", 1, "device_add: unexpected text after" },
};

static void test_bad_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *script = st_script(cases[i].script), *where, *stop;
		struct st_run r;

		assert_true(asprintf(&where, "%s:%u: %s", script, cases[i].line,
				     cases[i].msg) > 0);
		assert_true(asprintf(&stop, "irqmap: stopped at %s:%u;", script,
				     cases[i].line) > 0);
		ST_RUN(&r, "sim", script);
		st_status(&r, 2);
		st_contains(r.err, where);
		st_contains(r.err, stop);
		st_lacks(r.err, "still had something");
		st_contains(r.out, "usb@1: unplugged; virq 1 unmapped");
		st_contains(r.out, "leaks found: 0\n");
		st_done(&r);
		free(where);
		free(stop);
		st_unlink(script);
	}
}

/* Devices plugged before the bad line are unplugged, every one. */
static void test_teardown(void **state)
{
	char *script = st_script(
		"device_add pci-bridge,bus=pci.1,addr=3,id=br1\n"
		"device_add e1000,bus=br1,addr=1,id=nic2\n"
		"device_add e1000,bus=pci.0,addr=5,id=nic0\n"
		"raise nic0 1000\nraise nic2 1000\n"
		"device_del nic7\n"
		"device_add e1000,bus=pci.0,addr=6,id=never\n");
	struct st_run r;

	(void)state;
	ST_RUN(&r, "sim", script);
	st_status(&r, 2);
	st_contains(r.out, "nic0: unplugged");
	st_contains(r.out, "nic2: unplugged");
	st_contains(r.out, "br1: unplugged");
	st_lacks(r.out, "never");
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
	st_unlink(script);
}

static void test_keep_going(void **state)
{
	char *script = st_script(
		"device_add e1000,bus=pci.0,addr=5,id=nic0\n"
		"device_del nic9\n"
		"device_add e1000,bus=pci.0,addr=5,id=nic1\n"
		"device_add e1000,bus=pci.0,addr=6,id=nic2\n"
		"raise nic2 3\ncheck\n");
	char *l2, *l3;
	struct st_run r;

	(void)state;
	assert_true(asprintf(&l2, "%s:2: device_del: no device with id 'nic9'", script) > 0);
	assert_true(asprintf(&l3, "%s:3: device_add: pci.0:05.0 is occupied by 'nic0'", script) > 0);
	ST_RUN(&r, "sim", "--keep-going", script);
	st_status(&r, 2);
	st_contains(r.err, l2);
	st_contains(r.err, l3);
	st_lacks(r.err, "stopped at");
	st_contains(r.out, "nic2: e1000 at pci.0:06.0");
	st_contains(r.out, "check: ok");
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
	free(l2);
	free(l3);
	st_unlink(script);
}

static void test_missing_script(void **state)
{
	struct st_run r;

	(void)state;
	ST_RUN(&r, "sim", "/nonexistent/script.txt");
	st_status(&r, 2);
	st_contains(r.err, "cannot open /nonexistent/script.txt: No such file or directory");
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
}

/* On a tree of QEMU's: its bus names, its lines. */
static void test_tree_errors(void **state)
{
	char *tree = st_tree("virt-gicv3.dtb"), *script;
	char *where;
	struct st_run r;

	(void)state;
	if (!tree)
		skip();
	script = st_script("device_add e1000,bus=pci.0,addr=2,id=nic0\n"
			   "device_add e1000,bus=pcie.1,addr=3,id=nic1\n");
	assert_true(asprintf(&where, "%s:2: device_add: no bus named 'pcie.1' (buses: pci.0 (or pcie.0))",
			     script) > 0);
	ST_RUN(&r, "sim", tree, script);
	st_status(&r, 2);
	st_contains(r.err, where);
	st_contains(r.out, "nic0: unplugged; virq");
	st_contains(r.out, "unmapped: it was the last user");
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
	free(where);
	st_unlink(script);
	free(tree);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_teardown),
		cmocka_unit_test(test_keep_going),
		cmocka_unit_test(test_missing_script),
		cmocka_unit_test(test_tree_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
