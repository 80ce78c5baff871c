// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * qemu-machines.c - the machines of -M, by QEMU's names, built in.
 *
 * Each is the device tree QEMU itself gives a guest of that machine
 * (src/sim/machines/, compiled and embedded at build time), so no file
 * is needed:
 *
 *	pseries				IBM pSeries, one PCI host bridge (pci.0);
 *					with -device spapr-pci-host-bridge,index=1
 *					a second one (pci.1)
 *	powernv				bare-metal POWER9, no PCI host bridge
 *	virt[,gic-version=2|3]		Arm virt, GICv3 unless told otherwise
 *	riscv-virt[,aia=aplic-imsic]	RISC-V virt, PLIC unless told otherwise
 *
 * "virt" is QEMU's name for both Arm's and RISC-V's; it means Arm's
 * unless the architecture says RISC-V (qemu-system-riscv64 on the command
 * line, or an aia= option, which only RISC-V has). Options of -M that
 * only matter to QEMU (accel=, highmem=...) are ignored.
 *
 * The root buses are named as QEMU names them: pcie.0 on virt (a PCIe
 * host bridge), pci.0 and pci.1 on pseries; the other spelling is an
 * alias, so that scenarios written for either work.
 */
#include <string.h>

#include "sim.h"

/* Generated from src/sim/machines/ by scripts/embed.py. */
/* A declaration: its argument cannot be parenthesised. */
/* NOLINTNEXTLINE(bugprone-macro-parentheses) */
#define EMBEDDED(n) extern const unsigned char n[]; extern const size_t n##_size
EMBEDDED(irqm_sim_qemu_pseries);
EMBEDDED(irqm_sim_qemu_pseries_2phb);
EMBEDDED(irqm_sim_qemu_powernv);
EMBEDDED(irqm_sim_qemu_virt_gicv2);
EMBEDDED(irqm_sim_qemu_virt_gicv3);
EMBEDDED(irqm_sim_qemu_riscv_virt);
EMBEDDED(irqm_sim_qemu_riscv_virt_aia);

#define BLOB(n) n, &n##_size

static const struct irqm_sim_machine machines[] = {
	{ "pseries", "pseries", "QEMU pseries, one PCI host bridge", "pci.",
	  BLOB(irqm_sim_qemu_pseries) },
	{ "pseries", "pseries-2phb",
	  "QEMU pseries with spapr-pci-host-bridge,index=1", "pci.",
	  BLOB(irqm_sim_qemu_pseries_2phb) },
	{ "powernv", "powernv", "QEMU powernv (POWER9)", "pcie.",
	  BLOB(irqm_sim_qemu_powernv) },
	{ "virt", "virt-gicv3", "QEMU Arm virt, gic-version=3", "pcie.",
	  BLOB(irqm_sim_qemu_virt_gicv3) },
	{ "virt", "virt-gicv2", "QEMU Arm virt, gic-version=2", "pcie.",
	  BLOB(irqm_sim_qemu_virt_gicv2) },
	{ "riscv-virt", "riscv-virt", "QEMU RISC-V virt, PLIC", "pcie.",
	  BLOB(irqm_sim_qemu_riscv_virt) },
	{ "riscv-virt", "riscv-virt-aia", "QEMU RISC-V virt, aia=aplic-imsic",
	  "pcie.", BLOB(irqm_sim_qemu_riscv_virt_aia) },
};

/* Options of -M that only matter to QEMU. */
static const char *const ignored[] = {
	"accel", "usb", "highmem", "its", "iommu", "virtualization",
	"secure", "kernel-irqchip", "dump-guest-core", "mem-merge",
	"memory-backend", "graphics", "ras", "mte", "acpi", "dumpdtb",
	"max-cpu-compat", "ic-mode", "kvm-type", "vsmt", "resize-hpt",
	"firmware", "pflash0", "pflash1", "confidential-guest-support",
};

static bool ignored_option(const char *key)
{
	if (!strncmp(key, "cap-", 4))
		return true;
	for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
		if (!strcmp(ignored[i], key))
			return true;
	return false;
}

static const struct irqm_sim_machine *by_tree(const char *tree)
{
	for (size_t i = 0; i < sizeof(machines) / sizeof(machines[0]); i++)
		if (!strcmp(machines[i].tree, tree))
			return &machines[i];
	return NULL;
}

/* One NAME=VALUE of -M; @tree is updated. Return: 0, or -EINVAL. */
static int machine_option(const char *name, const char *kv, const char **tree,
			  char *err, size_t len)
{
	const char *v = strchr(kv, '=');
	size_t klen = v ? (size_t)(v - kv) : strlen(kv);

	v = v ? v + 1 : "";
	if (!strcmp(name, "virt") && klen == 11 &&
	    !strncmp(kv, "gic-version", klen)) {
		if (!strcmp(v, "2")) {
			*tree = "virt-gicv2";
		} else if (!strcmp(v, "3") || !strcmp(v, "host") ||
			   !strcmp(v, "max")) {
			*tree = "virt-gicv3";
		} else {
			snprintf(err, len, "-M virt: bad gic-version '%s' (2, 3, host or max)",
				 v);
			return -1;
		}
		return 0;
	}
	if (!strcmp(name, "riscv-virt") && klen == 3 && !strncmp(kv, "aia", 3)) {
		if (!strcmp(v, "none")) {
			*tree = "riscv-virt";
		} else if (!strcmp(v, "aplic-imsic")) {
			*tree = "riscv-virt-aia";
		} else {
			snprintf(err, len, "-M virt: aia=%s is not built in (none or aplic-imsic)",
				 v);
			return -1;
		}
		return 0;
	}
	{
		char key[64];

		snprintf(key, sizeof(key), "%.*s", (int)klen, kv);
		if (ignored_option(key))
			return 0;
		snprintf(err, len, "-M %s: unknown option '%s' (%s; QEMU's accel=, highmem=... are accepted and ignored)",
			 !strcmp(name, "riscv-virt") ? "virt" : name, key,
			 !strcmp(name, "virt") ? "gic-version=2|3" :
			 !strcmp(name, "riscv-virt") ? "aia=none|aplic-imsic" :
						       "it has none");
	}
	return -1;
}

/**
 * irqm_sim_machine_pick() - the built-in machine a -M specification names
 * @arch:	"riscv64" when the command line says RISC-V, else NULL
 * @spec:	what follows -M: NAME[,OPTION=VALUE...]
 * @two_phbs:	the -device list adds spapr-pci-host-bridge,index=1
 * @err:	the reason when there is none, naming the choices
 * @len:	size of @err
 *
 * Return: the machine, or NULL with @err filled in.
 */
const struct irqm_sim_machine *irqm_sim_machine_pick(const char *arch,
						     const char *spec,
						     bool two_phbs, char *err,
						     size_t len)
{
	char name[32];
	const char *opts = strchr(spec, ','), *tree;
	size_t n = opts ? (size_t)(opts - spec) : strlen(spec);
	bool riscv = arch && !strcmp(arch, "riscv64");

	if (n >= sizeof(name))
		n = sizeof(name) - 1;
	memcpy(name, spec, n);
	name[n] = '\0';
	if (opts && strstr(opts, ",aia=") && !strcmp(name, "virt"))
		riscv = true;
	if (!strcmp(name, "virt") && riscv)
		snprintf(name, sizeof(name), "riscv-virt");
	if (!strcmp(name, "pseries") || !strcmp(name, "powernv") ||
	    !strcmp(name, "riscv-virt")) {
		tree = !strcmp(name, "pseries") && two_phbs ? "pseries-2phb" : name;
	} else if (!strcmp(name, "virt")) {
		tree = "virt-gicv3";
	} else if (!strcmp(name, "powernv9")) {
		tree = "powernv";
	} else {
		snprintf(err, len, "-M: unknown machine '%s' (built in: pseries, powernv, virt[,gic-version=2|3], riscv-virt[,aia=aplic-imsic]; or a .dtb or .dts file)",
			 name);
		return NULL;
	}
	if (two_phbs && strcmp(tree, "pseries-2phb") != 0) {
		snprintf(err, len, "-device spapr-pci-host-bridge: only -M pseries has it");
		return NULL;
	}
	while (opts) {
		char kv[128];
		const char *next = strchr(opts + 1, ',');

		n = next ? (size_t)(next - opts - 1) : strlen(opts + 1);
		snprintf(kv, sizeof(kv), "%.*s", (int)n, opts + 1);
		if (machine_option(!strncmp(tree, "riscv", 5) ? "riscv-virt" : name,
				   kv, &tree, err, len))
			return NULL;
		opts = next;
	}
	return by_tree(tree);
}

/* The root bus of host bridge @index as QEMU names it, and its alias. */
void irqm_sim_root_bus_name(const struct irqm_sim *s, unsigned int index,
			    const char *compatible, char *name, char *alias,
			    size_t len)
{
	bool pcie;

	if (s->qm) {
		pcie = !strcmp(s->qm->bus_prefix, "pcie.");
		snprintf(name, len, "%s%u", s->qm->bus_prefix, index);
	} else {
		/* A file keeps the names it always had: pci.N. */
		pcie = compatible && !strcmp(compatible, "pci-host-ecam-generic");
		snprintf(name, len, "pci.%u", index);
		if (pcie) {
			snprintf(alias, len, "pcie.%u", index);
			return;
		}
	}
	if (pcie)
		snprintf(alias, len, "pci.%u", index);
	else
		alias[0] = '\0';
}
