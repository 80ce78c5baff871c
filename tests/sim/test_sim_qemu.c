// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * test_sim_qemu.c - a QEMU user's command line, pasted: the machines of
 * -M built in, -device lists as QEMU takes them (no bus=, no id=, QEMU's
 * bus names, QEMU-only options), the whole machine plugged at start (its
 * platform devices' lines), and a PCI-to-PCI bridge's own line. Every
 * device must land on the controller line a Linux guest of that machine
 * gives it: on virt, INTx pin P of slot S is GIC SPI 3 + (S + P - 1) % 4
 * (hwirq 35..38), the UART SPI 1 (hwirq 33), the RTC SPI 2 (hwirq 34);
 * on pseries, LSI 0x1200 + (S + P - 1) % 4 per PHB; on RISC-V virt, PLIC
 * source 32 + (S + P - 1) % 4, the UART 10 and the RTC 11.
 */
#include <stdlib.h>
#include <string.h>

#include "simtest.h"

#define SIM(r, ...) ST_RUN(r, "sim", __VA_ARGS__)

/* No scenario: the machine at start, then its info tables, then the end. */
static void test_virt_paste_of_a_qemu_command_line_lands_every_device_on_its_spi(void **state)
{
	struct st_run r;

	(void)state;
	SIM(&r, "-M", "virt", "-m", "1G", "-nographic",
	    "-device", "pci-bridge,chassis_nr=1,id=br1,addr=3",
	    "-device", "e1000,bus=br1,addr=3,netdev=n0,mac=52:54:00:12:34:56",
	    "-device", "virtio-net-pci",
	    "-device", "e1000,bus=pcie.0,addr=5",
	    "-device", "e1000,bus=pci.0,addr=9,id=nic9",
	    "-device", "nvme,addr=2,serial=deadbeef");
	st_status(&r, 0);
	assert_string_equal(r.err, "");
	st_contains(r.out, "machine: QEMU Arm virt, gic-version=3");
	st_contains(r.out, "PCI host bridges: pcie.0 (or pci.0) = /pcie@10000000");
	st_contains(r.out, "gpex-root: gpex-root at pcie.0:00.0, no interrupt pin");
	/* The bridge's own INTA: slot 3, SPI 6. */
	st_contains(r.out, "br1: pci-bridge at pcie.0:03.0, secondary bus br1; its own INTA -> /intc@8000000 0x26 ");
	/* Behind it, slot 3 INTA leaves as INTD of slot 3: SPI 5. */
	st_contains(r.out, "e1000.0: e1000 at br1:03.0, INTA -> pcie.0:03.0 INTD -> /intc@8000000 0x25 ");
	/* No bus=, no addr=: the first free slot after gpex-root. */
	st_contains(r.out, "virtio-net-pci.0: virtio-net-pci at pcie.0:01.0, INTA -> /intc@8000000 0x24 ");
	st_contains(r.out, "e1000.1: e1000 at pcie.0:05.0, INTA -> /intc@8000000 0x24 ");
	st_contains(r.out, "nic9: e1000 at pcie.0:09.0, INTA -> /intc@8000000 0x24 ");
	st_contains(r.out, "(shared: 3 references, users virtio-net-pci.0 e1000.1 nic9)");
	st_contains(r.out, "nvme.0: nvme at pcie.0:02.0, INTA -> /intc@8000000 0x25 ");
	/* The automatic ids are in the tables. */
	st_contains(r.out, "  01.0  virtio-net-pci.0 virtio-net-pci");
	st_contains(r.out, "  03.0  e1000.0        e1000");
	st_contains(r.out, "check: ok");
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
}

static void test_virt_platform_devices_are_plugged_at_start_with_linux_lines(void **state)
{
	static const char script[] = "raise pl011@9000000 2\nraise pl031@9010000\n"
				     "raise virtio_mmio@a003e00\ninfo interrupts\n"
				     "device_del pl011@9000000\n";
	char *path = st_script(script);
	struct st_run r;

	(void)state;
	SIM(&r, "-M", "virt,gic-version=2", path);
	st_status(&r, 2);
	st_contains(r.out, "machine: QEMU Arm virt, gic-version=2");
	st_contains(r.out, "pl011@9000000: arm,pl011 at platform, interrupt 0 -> /intc@8000000 0x21 ");
	st_contains(r.out, "pl031@9010000: arm,pl031 at platform, interrupt 0 -> /intc@8000000 0x22 ");
	st_contains(r.out, "virtio_mmio@a000000: virtio,mmio at platform, interrupt 0 -> /intc@8000000 0x30 ");
	st_contains(r.out, "virtio_mmio@a003e00: virtio,mmio at platform, interrupt 0 -> /intc@8000000 0x4f ");
	/* The GPIO controller is a cascade: its line is the machine's, not a device's. */
	st_lacks(r.out, "pl061@9030000: arm,pl061");
	st_contains(r.out, "pl011@9000000: interrupt 0 asserted 2 times on virq");
	st_contains(r.out, "level  pl011@9000000\n");	/* /proc/interrupts' name */
	st_contains(r.err, ":5: device_del: 'pl011@9000000' is part of the machine: it cannot be unplugged");
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
	st_unlink(path);
}

static void test_pseries_takes_qemu_bus_names_and_its_second_phb(void **state)
{
	struct st_run r;

	(void)state;
	/* The -device list of QEMU's own pseries-2phb tree, replayed. */
	SIM(&r, "-M", "pseries", "-device", "spapr-pci-host-bridge,index=1",
	    "-device", "e1000,bus=pci.1", "-device", "virtio-net-pci",
	    "-device", "pci-bridge,chassis_nr=1,id=br1",
	    "-device", "e1000,bus=br1,addr=3");
	st_status(&r, 0);
	assert_string_equal(r.err, "");
	st_contains(r.out, "PCI host bridges: pci.0 = /pci@800000020000000, pci.1 = /pci@800000020000001");
	/* Where QEMU put them: no bus= is the newest PHB, pci.1. */
	st_contains(r.out, "e1000.0: e1000 at pci.1:00.0, INTA -> /interrupt-controller 0x1204 ");
	st_contains(r.out, "virtio-net-pci.0: virtio-net-pci at pci.1:01.0, INTA -> /interrupt-controller 0x1205 ");
	st_contains(r.out, "br1: pci-bridge at pci.1:02.0, secondary bus br1; its own INTA -> /interrupt-controller 0x1206 ");
	st_contains(r.out, "e1000.1: e1000 at br1:03.0, INTA -> pci.1:02.0 INTD -> /interrupt-controller 0x1205 ");
	/* The machine's own: the USB controller, VIO devices, event sources. */
	st_contains(r.out, "usb-xhci@1: nec-usb-xhci at pci.0:01.0, INTA (from its device-tree node) -> /interrupt-controller 0x1201 ");
	st_contains(r.out, "vty@71000000: hvterm1 at platform, interrupt 0 -> /interrupt-controller 0x1100 ");
	st_contains(r.out, "l-lan@71000002: IBM,l-lan at platform, interrupt 0 -> /interrupt-controller 0x1102 ");
	st_contains(r.out, "epow-events: epow-events at platform, interrupt 0 -> /interrupt-controller 0x1000 ");
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);

	SIM(&r, "-M", "pseries", "-device", "e1000", "-device", "e1000,addr=5");
	st_status(&r, 0);
	st_contains(r.out, "PCI host bridges: pci.0 = /pci@800000020000000\n");
	st_contains(r.out, "e1000.0: e1000 at pci.0:02.0, INTA -> /interrupt-controller 0x1202 ");
	st_contains(r.out, "e1000.1: e1000 at pci.0:05.0, INTA -> /interrupt-controller 0x1201 ");
	st_done(&r);
}

static void test_riscv_virt_plic_and_aia_lines(void **state)
{
	static const char *const machines[][3] = {
		{ "riscv-virt", NULL, "/soc/plic@c000000" },
		{ "virt", "qemu-system-riscv64", "/soc/plic@c000000" },
		{ "virt,aia=aplic-imsic", NULL, "/soc/aplic@d000000" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(machines) / sizeof(machines[0]); i++) {
		const char *ctrl = machines[i][2];
		char want[160];
		struct st_run r;

		if (machines[i][1])
			SIM(&r, machines[i][1], "-M", machines[i][0],
			    "-device", "pcie-root-port,id=rp0,chassis=1",
			    "-device", "virtio-net-pci,bus=rp0",
			    "-device", "e1000,addr=5", "-device", "pci-bridge,id=br1");
		else
			SIM(&r, "-M", machines[i][0],
			    "-device", "pcie-root-port,id=rp0,chassis=1",
			    "-device", "virtio-net-pci,bus=rp0",
			    "-device", "e1000,addr=5", "-device", "pci-bridge,id=br1");
		st_status(&r, 0);
		assert_string_equal(r.err, "");
		st_contains(r.out, "PCI host bridges: pcie.0 (or pci.0) = /soc/pci@30000000");
		/* A PCIe port requests no INTx line of its own (MSI). */
		st_contains(r.out, "rp0: pcie-root-port at pcie.0:01.0, secondary bus rp0\n");
		snprintf(want, sizeof(want), "virtio-net-pci.0: virtio-net-pci at rp0:00.0, INTA -> pcie.0:01.0 INTA -> %s 0x21 ", ctrl);
		st_contains(r.out, want);
		snprintf(want, sizeof(want), "e1000.0: e1000 at pcie.0:05.0, INTA -> %s 0x21 ", ctrl);
		st_contains(r.out, want);
		snprintf(want, sizeof(want), "br1: pci-bridge at pcie.0:02.0, secondary bus br1; its own INTA -> %s 0x22 ", ctrl);
		st_contains(r.out, want);
		snprintf(want, sizeof(want), "serial@10000000: ns16550a at platform, interrupt 0 -> %s 0xa ", ctrl);
		st_contains(r.out, want);
		snprintf(want, sizeof(want), "rtc@101000: google,goldfish-rtc at platform, interrupt 0 -> %s 0xb ", ctrl);
		st_contains(r.out, want);
		st_contains(r.out, "leaks found: 0\n");
		st_done(&r);
	}
}

static void test_powernv_is_built_in_and_comes_up_with_its_lpc_serial(void **state)
{
	struct st_run r;

	(void)state;
	SIM(&r, "powernv");
	st_status(&r, 0);
	st_contains(r.out, "machine: QEMU powernv (POWER9)");
	/*
	 * Its LPC serial port: plugged on the LPC controller's line 4 when
	 * the device-tree front end resolves it, else left out with the
	 * reason; either way the machine comes up.
	 */
	st_contains(r.out, "isa-serial@i3f8: ");
	if (!strstr(r.out, "isa-serial@i3f8: left out: "))
		st_contains(r.out, "isa-serial@i3f8: ns16550 at platform, interrupt 0 -> /lpcm-opb@6030000000000/lpc@0 0x4 ");
	st_contains(r.out, "leaks found: 0\n");
	st_done(&r);
}

/* Bad -M and -device: named, with the choices; exit 2; all torn down. */
static void test_bad_machine_and_device_options_are_refused_as_qemu_would(void **state)
{
	static const struct {
		const char *machine, *device, *msg;
	} cases[] = {
		{ "q35", NULL, "irqmap: -M: unknown machine 'q35' (built in: pseries, powernv, virt[,gic-version=2|3], riscv-virt[,aia=aplic-imsic]; or a .dtb or .dts file)" },
		{ "virt,gic-version=4", NULL, "irqmap: -M virt: bad gic-version '4' (2, 3, host or max)" },
		{ "virt,aia=aplic", NULL, "irqmap: -M virt: aia=aplic is not built in (none or aplic-imsic)" },
		{ "virt,frobs=on", NULL, "irqmap: -M virt: unknown option 'frobs' (gic-version=2|3;" },
		{ "virt", "spapr-pci-host-bridge,index=1", "irqmap: -device spapr-pci-host-bridge: only -M pseries has it" },
		{ "virt", "e1001", "-device 2: unknown driver 'e1001' (drivers: pci-bridge, " },
		{ "virt", "e1000,addr=20", "-device 2: bad addr '20' (SLOT[.FN] in hexadecimal: slot 0-1f, function 0-7)" },
		{ "virt", "e1000,addr=0", "-device 2: pcie.0:00.0 is occupied by 'gpex-root'" },
		{ "virt", "e1000,id=nic0", "-device 2: id 'nic0' is already in use" },
		{ "virt", "e1000,bus=pci.1", "-device 2: no bus named 'pci.1' (buses: pcie.0 (or pci.0))" },
		{ "virt", "e1000,adr=3", "-device 2: unknown property 'adr'" },
		{ "pseries", "e1000,bus=pcie.0", "-device 2: no bus named 'pcie.0' (buses: pci.0)" },
		{ "pseries", "spapr-pci-host-bridge,index=2", "-device 2: spapr-pci-host-bridge: index=2 is not built in (index=1: the second PHB, pci.1)" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct st_run r;

		SIM(&r, "-M", cases[i].machine, "-device", "e1000,id=nic0",
		    "-device", cases[i].device ? cases[i].device : "e1000");
		st_status(&r, 2);
		st_contains(r.err, cases[i].msg);
		if (!strncmp(cases[i].msg, "-device", 7)) {
			st_contains(r.err, "irqmap: stopped at -device 2; unplugging the ");
			st_contains(r.out, "nic0: unplugged");
			st_contains(r.out, "leaks found: 0\n");
		}
		st_done(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_virt_paste_of_a_qemu_command_line_lands_every_device_on_its_spi),
		cmocka_unit_test(test_virt_platform_devices_are_plugged_at_start_with_linux_lines),
		cmocka_unit_test(test_pseries_takes_qemu_bus_names_and_its_second_phb),
		cmocka_unit_test(test_riscv_virt_plic_and_aia_lines),
		cmocka_unit_test(test_powernv_is_built_in_and_comes_up_with_its_lpc_serial),
		cmocka_unit_test(test_bad_machine_and_device_options_are_refused_as_qemu_would),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
