/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * irqchip-sunxi-pinctrl-socs.h - which pins of each Allwinner SoC can
 * interrupt, and as which line: runs of consecutive pins of one port
 * whose interrupt lines are consecutive in one IRQ bank. Read off the
 * pin tables of Linux 6.1's drivers/pinctrl/sunxi/pinctrl-*.c (the pins
 * with an "irq" function). Included by irqchip-sunxi-pinctrl.c alone.
 */
#ifndef IRQM_OF_SUNXI_PINCTRL_SOCS_H
#define IRQM_OF_SUNXI_PINCTRL_SOCS_H

static const struct sunxi_run sun20i_d1_runs[] = {
	{ 'B', 0, 13, 0, 0 }, { 'C', 0, 8, 1, 0 }, { 'D', 0, 23, 2, 0 },
	{ 'E', 0, 18, 3, 0 }, { 'F', 0, 7, 4, 0 }, { 'G', 0, 19, 5, 0 },
};

static const struct sunxi_run sun4i_a10_runs[] = {
	{ 'H', 0, 22, 0, 0 }, { 'I', 10, 10, 0, 22 },
};

static const struct sunxi_run sun50i_a100_r_runs[] = {
	{ 'L', 0, 12, 0, 0 },
};

static const struct sunxi_run sun50i_a100_runs[] = {
	{ 'B', 0, 11, 0, 0 }, { 'C', 0, 17, 1, 0 }, { 'D', 0, 24, 2, 0 },
	{ 'E', 0, 10, 3, 0 }, { 'F', 0, 7, 4, 0 }, { 'G', 0, 14, 5, 0 },
	{ 'H', 0, 20, 6, 0 },
};

static const struct sunxi_run sun50i_a64_r_runs[] = {
	{ 'L', 0, 13, 0, 0 },
};

static const struct sunxi_run sun50i_a64_runs[] = {
	{ 'B', 0, 10, 0, 0 }, { 'G', 0, 14, 1, 0 }, { 'H', 0, 12, 2, 0 },
};

static const struct sunxi_run sun50i_h5_runs[] = {
	{ 'A', 0, 22, 0, 0 }, { 'F', 0, 7, 1, 0 }, { 'G', 0, 14, 2, 0 },
};

static const struct sunxi_run sun50i_h6_r_runs[] = {
	{ 'L', 0, 11, 0, 0 }, { 'M', 0, 5, 1, 0 },
};

static const struct sunxi_run sun50i_h6_runs[] = {
	{ 'B', 0, 21, 0, 0 }, { 'F', 0, 7, 1, 0 }, { 'G', 0, 15, 2, 0 },
	{ 'H', 0, 11, 3, 0 },
};

static const struct sunxi_run sun50i_h616_runs[] = {
	{ 'C', 0, 17, 1, 0 }, { 'F', 0, 7, 4, 0 }, { 'G', 0, 20, 5, 0 },
	{ 'H', 0, 11, 6, 0 }, { 'I', 0, 17, 7, 0 },
};

static const struct sunxi_run sun5i_runs[] = {
	{ 'A', 17, 1, 0, 31 }, { 'B', 2, 13, 0, 16 }, { 'B', 19, 2, 0, 29 },
	{ 'E', 0, 2, 0, 14 }, { 'G', 0, 14, 0, 0 },
};

static const struct sunxi_run sun6i_a31_r_runs[] = {
	{ 'L', 5, 4, 0, 0 }, { 'M', 0, 8, 1, 0 },
};

static const struct sunxi_run sun6i_a31_runs[] = {
	{ 'A', 0, 28, 0, 0 }, { 'B', 0, 8, 1, 0 }, { 'E', 0, 17, 2, 0 },
	{ 'G', 0, 19, 3, 0 },
};

static const struct sunxi_run sun8i_a23_r_runs[] = {
	{ 'L', 0, 12, 0, 0 },
};

static const struct sunxi_run sun8i_a23_runs[] = {
	{ 'A', 0, 8, 0, 0 }, { 'B', 0, 8, 1, 0 }, { 'G', 0, 14, 2, 0 },
};

static const struct sunxi_run sun8i_a33_runs[] = {
	{ 'B', 0, 8, 0, 0 }, { 'G', 0, 14, 1, 0 },
};

static const struct sunxi_run sun8i_a83t_r_runs[] = {
	{ 'L', 0, 13, 0, 0 },
};

static const struct sunxi_run sun8i_a83t_runs[] = {
	{ 'B', 0, 11, 0, 0 }, { 'G', 0, 14, 1, 0 }, { 'H', 0, 12, 2, 0 },
};

static const struct sunxi_run sun8i_h3_r_runs[] = {
	{ 'L', 0, 12, 0, 0 },
};

static const struct sunxi_run sun8i_h3_runs[] = {
	{ 'A', 0, 22, 0, 0 }, { 'G', 0, 14, 1, 0 },
};

static const struct sunxi_run sun8i_v3s_runs[] = {
	{ 'B', 0, 14, 0, 0 }, { 'G', 0, 14, 1, 0 },
};

static const struct sunxi_run sun9i_a80_r_runs[] = {
	{ 'L', 0, 10, 0, 0 }, { 'M', 0, 5, 1, 0 }, { 'M', 8, 2, 1, 8 },
	{ 'M', 15, 1, 1, 15 },
};

static const struct sunxi_run sun9i_a80_runs[] = {
	{ 'A', 0, 18, 0, 0 }, { 'B', 5, 2, 1, 5 }, { 'B', 14, 3, 1, 14 },
	{ 'E', 0, 18, 2, 0 }, { 'G', 0, 16, 3, 0 }, { 'H', 8, 11, 4, 8 },
};

static const struct sunxi_run suniv_f1c100s_runs[] = {
	{ 'D', 0, 22, 0, 0 }, { 'E', 0, 13, 1, 0 }, { 'F', 0, 6, 2, 0 },
};

static const struct sunxi_soc sunxi_socs[] = {
	SOC("allwinner,sun20i-d1-pinctrl", 'A', sun20i_d1_runs),
	SOC("allwinner,sun4i-a10-pinctrl", 'A', sun4i_a10_runs),
	SOC("allwinner,sun7i-a20-pinctrl", 'A', sun4i_a10_runs),
	SOC("allwinner,sun8i-r40-pinctrl", 'A', sun4i_a10_runs),
	SOC("allwinner,sun50i-a100-r-pinctrl", 'L', sun50i_a100_r_runs),
	SOC("allwinner,sun50i-a100-pinctrl", 'A', sun50i_a100_runs),
	SOC("allwinner,sun50i-a64-r-pinctrl", 'L', sun50i_a64_r_runs),
	SOC("allwinner,sun50i-a64-pinctrl", 'A', sun50i_a64_runs),
	SOC("allwinner,sun50i-h5-pinctrl", 'A', sun50i_h5_runs),
	SOC("allwinner,sun50i-h6-r-pinctrl", 'L', sun50i_h6_r_runs),
	SOC("allwinner,sun50i-h6-pinctrl", 'A', sun50i_h6_runs),
	SOC("allwinner,sun50i-h616-pinctrl", 'A', sun50i_h616_runs),
	SOC("allwinner,sun5i-a10s-pinctrl", 'A', sun5i_runs),
	SOC("allwinner,sun5i-a13-pinctrl", 'A', sun5i_runs),
	SOC("nextthing,gr8-pinctrl", 'A', sun5i_runs),
	SOC("allwinner,sun6i-a31-r-pinctrl", 'L', sun6i_a31_r_runs),
	SOC("allwinner,sun6i-a31-pinctrl", 'A', sun6i_a31_runs),
	SOC("allwinner,sun6i-a31s-pinctrl", 'A', sun6i_a31_runs),
	SOC("allwinner,sun8i-a23-r-pinctrl", 'L', sun8i_a23_r_runs),
	SOC("allwinner,sun8i-a23-pinctrl", 'A', sun8i_a23_runs),
	SOC("allwinner,sun8i-a33-pinctrl", 'A', sun8i_a33_runs),
	SOC("allwinner,sun8i-a83t-r-pinctrl", 'L', sun8i_a83t_r_runs),
	SOC("allwinner,sun8i-a83t-pinctrl", 'A', sun8i_a83t_runs),
	SOC("allwinner,sun8i-h3-r-pinctrl", 'L', sun8i_h3_r_runs),
	SOC("allwinner,sun8i-h3-pinctrl", 'A', sun8i_h3_runs),
	SOC("allwinner,sun8i-v3-pinctrl", 'A', sun8i_v3s_runs),
	SOC("allwinner,sun8i-v3s-pinctrl", 'A', sun8i_v3s_runs),
	SOC("allwinner,sun9i-a80-r-pinctrl", 'L', sun9i_a80_r_runs),
	SOC("allwinner,sun9i-a80-pinctrl", 'A', sun9i_a80_runs),
	SOC("allwinner,suniv-f1c100s-pinctrl", 'A', suniv_f1c100s_runs),
};

#endif
