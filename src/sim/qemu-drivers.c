// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * qemu-drivers.c - the -device drivers the simulator knows, as QEMU
 * names them, and the options that only matter to QEMU.
 *
 * A QEMU user's -device list is meant to be pasted as it is, so every
 * option QEMU would accept for a PCI device is accepted; the ones that
 * have nothing to do with interrupt routing (netdev=, mac=, drive=...)
 * are ignored. An option neither side knows is refused, as QEMU refuses
 * it, rather than ignored: a typo (adr=3) must not plug a device
 * somewhere else than meant.
 *
 * What matters of a driver is its kind (a device, a bridge whose bus is
 * named by its id, a host bridge of the machine) and whether its device
 * has an interrupt pin (QEMU's VGA has none). A PCI-to-PCI bridge with a
 * standard hot-plug controller (pci-bridge, pcie-pci-bridge) requests its
 * own INTA, as Linux's shpchp does; a PCIe port uses MSI for its services
 * and requests no INTx line.
 */
#include <string.h>

#include "sim.h"

static const struct irqm_sim_driver drivers[] = {
	/* Bridges. */
	{ "pci-bridge", IRQM_SIM_BRIDGE, 1, IRQM_SIM_SLOTS },
	{ "pcie-pci-bridge", IRQM_SIM_BRIDGE, 1, IRQM_SIM_SLOTS },
	{ "pcie-root-port", IRQM_SIM_BRIDGE, 0, 1 },
	{ "ioh3420", IRQM_SIM_BRIDGE, 0, 1 },
	{ "spapr-pci-host-bridge", IRQM_SIM_HOST_BRIDGE, 0, 0 },
	/* Network. */
	{ "e1000", IRQM_SIM_DEVICE, 1, 0 },
	{ "e1000e", IRQM_SIM_DEVICE, 1, 0 },
	{ "igb", IRQM_SIM_DEVICE, 1, 0 },
	{ "rtl8139", IRQM_SIM_DEVICE, 1, 0 },
	{ "pcnet", IRQM_SIM_DEVICE, 1, 0 },
	{ "ne2k_pci", IRQM_SIM_DEVICE, 1, 0 },
	{ "i82559er", IRQM_SIM_DEVICE, 1, 0 },
	{ "vmxnet3", IRQM_SIM_DEVICE, 1, 0 },
	{ "virtio-net-pci", IRQM_SIM_DEVICE, 1, 0 },
	/* Storage. */
	{ "virtio-blk-pci", IRQM_SIM_DEVICE, 1, 0 },
	{ "virtio-scsi-pci", IRQM_SIM_DEVICE, 1, 0 },
	{ "nvme", IRQM_SIM_DEVICE, 1, 0 },
	{ "ich9-ahci", IRQM_SIM_DEVICE, 1, 0 },
	{ "ahci", IRQM_SIM_DEVICE, 1, 0 },
	{ "megasas", IRQM_SIM_DEVICE, 1, 0 },
	{ "megasas-gen2", IRQM_SIM_DEVICE, 1, 0 },
	{ "lsi53c895a", IRQM_SIM_DEVICE, 1, 0 },
	{ "am53c974", IRQM_SIM_DEVICE, 1, 0 },
	{ "mptsas1068", IRQM_SIM_DEVICE, 1, 0 },
	/* USB, sound, display and the rest. */
	{ "qemu-xhci", IRQM_SIM_DEVICE, 1, 0 },
	{ "nec-usb-xhci", IRQM_SIM_DEVICE, 1, 0 },
	{ "pci-ohci", IRQM_SIM_DEVICE, 1, 0 },
	{ "usb-ehci", IRQM_SIM_DEVICE, 1, 0 },
	{ "ich9-usb-ehci1", IRQM_SIM_DEVICE, 1, 0 },
	{ "ich9-usb-uhci1", IRQM_SIM_DEVICE, 1, 0 },
	{ "ich9-usb-uhci2", IRQM_SIM_DEVICE, 2, 0 },
	{ "ich9-usb-uhci3", IRQM_SIM_DEVICE, 3, 0 },
	{ "piix3-usb-uhci", IRQM_SIM_DEVICE, 4, 0 },
	{ "ich9-intel-hda", IRQM_SIM_DEVICE, 1, 0 },
	{ "intel-hda", IRQM_SIM_DEVICE, 1, 0 },
	{ "AC97", IRQM_SIM_DEVICE, 1, 0 },
	{ "ES1370", IRQM_SIM_DEVICE, 1, 0 },
	{ "virtio-rng-pci", IRQM_SIM_DEVICE, 1, 0 },
	{ "virtio-balloon-pci", IRQM_SIM_DEVICE, 1, 0 },
	{ "virtio-serial-pci", IRQM_SIM_DEVICE, 1, 0 },
	{ "virtio-gpu-pci", IRQM_SIM_DEVICE, 1, 0 },
	{ "virtio-keyboard-pci", IRQM_SIM_DEVICE, 1, 0 },
	{ "virtio-mouse-pci", IRQM_SIM_DEVICE, 1, 0 },
	{ "virtio-tablet-pci", IRQM_SIM_DEVICE, 1, 0 },
	{ "virtio-9p-pci", IRQM_SIM_DEVICE, 1, 0 },
	{ "vhost-vsock-pci", IRQM_SIM_DEVICE, 1, 0 },
	{ "i6300esb", IRQM_SIM_DEVICE, 1, 0 },
	{ "pvpanic-pci", IRQM_SIM_DEVICE, 1, 0 },
	{ "edu", IRQM_SIM_DEVICE, 1, 0 },
	{ "pci-testdev", IRQM_SIM_DEVICE, 1, 0 },
	{ "ivshmem-doorbell", IRQM_SIM_DEVICE, 1, 0 },
	{ "ivshmem-plain", IRQM_SIM_DEVICE, 1, 0 },
	{ "vfio-pci", IRQM_SIM_DEVICE, 1, 0 },
	{ "VGA", IRQM_SIM_DEVICE, 0, 0 },
	{ "secondary-vga", IRQM_SIM_DEVICE, 0, 0 },
	{ "bochs-display", IRQM_SIM_DEVICE, 0, 0 },
	{ "cirrus-vga", IRQM_SIM_DEVICE, 0, 0 },
};

/* Options of QEMU's PCI devices that do not change interrupt routing. */
static const char *const ignored[] = {
	"chassis_nr", "chassis", "slot", "port", "shpc", "msi", "msix",
	"mac", "netdev", "mq", "vectors", "romfile", "rombar", "bootindex",
	"drive", "serial", "num_queues", "num-queues", "iothread",
	"disable-legacy", "disable-modern", "ats", "event_idx",
	"ioeventfd", "indirect_desc", "logical_block_size",
	"physical_block_size", "write-cache", "discard_granularity",
	"rng", "max-bytes", "period", "audiodev", "memdev", "chardev",
	"host", "sysfsdev", "failover", "bus-reserve", "io-reserve",
	"mem-reserve", "pref32-reserve", "pref64-reserve", "hotplug",
	"max_ports", "p2", "p3", "streams", "intrs", "slots", "msi_nr",
	"ram_size", "vgamem_mb", "xres", "yres", "edid", "cmd_per_lun",
	"max_sectors", "hba_type", "sectors", "multidevs", "fsdev",
	"mount_tag", "guest-cid", "bandwidth", "speed", "duplex",
	"rx_queue_size", "tx_queue_size", "host_mtu", "x-pcie-lnksta-dllla",
	"aer", "power_controller_present", "hotplug-support",
};

const struct irqm_sim_driver *irqm_sim_driver_find(const char *name)
{
	for (size_t i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++)
		if (!strcmp(drivers[i].name, name))
			return &drivers[i];
	return NULL;
}

/* "e1000, e1000e, ..." into @buf. */
void irqm_sim_driver_names(char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++) {
		int w = snprintf(buf + n, len - n, "%s%s", i ? ", " : "",
				 drivers[i].name);

		if (w < 0 || (size_t)w >= len - n)
			break;
		n += (size_t)w;
	}
}

/* Options QEMU has and the simulator ignores ("x-..." are QEMU's own). */
bool irqm_sim_option_ignored(const char *key)
{
	if (!strncmp(key, "x-", 2))
		return true;
	for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
		if (!strcmp(ignored[i], key))
			return true;
	return false;
}

/*
 * An id for a device given without one: "DRIVER.N", the first N not in
 * use as a device's id or a bus's name. QEMU itself leaves such devices
 * anonymous; the simulator's tables and commands need a name.
 */
void irqm_sim_auto_id(struct irqm_sim *s, const char *driver, char *buf,
		      size_t len)
{
	for (unsigned int n = 0;; n++) {
		snprintf(buf, len, "%s.%u", driver, n);
		if (!irqm_sim_dev_find(s, buf) && !irqm_sim_bus_find(s, buf) &&
		    !irqm_sim_gone_find(s, buf))
			return;
	}
}
