// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * builtin.c - what 'irqmap' shows with no arguments: the built-in machine
 * (builtin-pseries.dts, compiled at build time and embedded) and the
 * scenario below, which tells the story of a shared INTx line.
 */
#include "sim.h"

/* Generated from builtin-pseries.dts by scripts/embed.py. */
extern const unsigned char irqm_sim_builtin_dtb[];
extern const size_t irqm_sim_builtin_dtb_size;
extern const unsigned char irqm_sim_builtin_dts[];
extern const size_t irqm_sim_builtin_dts_size;

static const char scenario[] =
	"# The built-in scenario: shared PCI INTx lines living and dying on an\n"
	"# IBM pSeries machine with two PCI host bridges, pci.0 and pci.1\n"
	"# ('irqmap sim --print-machine' shows its device tree). Every PHB routes\n"
	"# pin P of slot S to XICS line base + (P - 1 + S) % 4.\n"
	"echo\n"
	"echo == 1. At start, the USB controller of the device tree is plugged\n"
	"echo    It is in slot 1 of pci.0 and its INTA reaches XICS line 0x1201.\n"
	"info pci\n"
	"echo\n"
	"echo == 2. Hot-plug three devices onto pci.0\n"
	"echo    INTA of slots 1, 5 and 9 all reach line 0x1201: each driver maps\n"
	"echo    it, taking one more reference, and requests it shared.\n"
	"device_add e1000,bus=pci.0,addr=5,id=nic0\n"
	"device_add virtio-net-pci,bus=pci.0,addr=9,id=nic1\n"
	"device_add nvme,bus=pci.0,addr=2,id=disk0\n"
	"echo\n"
	"echo == 3. Behind a PCI-to-PCI bridge the pin is swizzled once more\n"
	"echo    The bridge's own INTA (slot 3 of pci.1) reaches line 0x1207: its\n"
	"echo    hot-plug controller's driver requests it. INTA of nic2 (slot 1 of\n"
	"echo    br1) leaves the bridge as INTB of slot 3 of pci.1: line 0x1204,\n"
	"echo    which INTA of slot 4 (nic3) reaches too.\n"
	"device_add pci-bridge,bus=pci.1,addr=3,id=br1\n"
	"device_add e1000,bus=br1,addr=1,id=nic2\n"
	"device_add virtio-net-pci,bus=pci.1,addr=4,id=nic3\n"
	"info domains\n"
	"echo\n"
	"echo == 4. Interrupts, delivered by the CPU threads\n"
	"echo    Every handler of a shared line runs; each claims only what its own\n"
	"echo    device raised. (A rare UNHANDLED run is a second CPU taking the line\n"
	"echo    just as the first one had claimed everything.)\n"
	"raise nic0 3\n"
	"raise nic1 2\n"
	"raise usb@1 1\n"
	"raise disk0 1\n"
	"raise nic2 4\n"
	"raise nic3 2\n"
	"info interrupts\n"
	"echo\n"
	"echo == 5. Unplug nic0: line 0x1201 loses one reference and stays mapped\n"
	"echo    nic1 and the USB controller keep their interrupt.\n"
	"device_del nic0\n"
	"raise nic1 2\n"
	"info refs\n"
	"echo\n"
	"echo == 6. Unplug the other two: the last reference unmaps line 0x1201\n"
	"device_del nic1\n"
	"device_del usb@1\n"
	"info domains\n"
	"echo\n"
	"echo == 7. Unplug the rest; the bridge takes nic2 with it\n"
	"device_del br1\n"
	"device_del nic3\n"
	"device_del disk0\n"
	"echo\n"
	"echo == 8. Every reference count equals its number of users\n"
	"check\n";

const char *irqm_sim_builtin_scenario(void)
{
	return scenario;
}

const char *irqm_sim_survey_scenario(void)
{
	return "# No scenario: what the machine looks like at start.\n"
	       "info pci\n"
	       "info interrupts\n"
	       "info domains\n"
	       "check\n";
}

const char *irqm_sim_builtin_machine_source(void)
{
	return (const char *)irqm_sim_builtin_dts;
}

const void *irqm_sim_builtin_blob(size_t *size)
{
	*size = irqm_sim_builtin_dtb_size;
	return irqm_sim_builtin_dtb;
}
