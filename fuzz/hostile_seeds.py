#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Write the hostile tree shapes, small, as seeds of fuzz/corpus/dt/.

Each shape costs time or memory growing with its size when a walk is not
bounded or memoised; the fuzzer starts from a small one (N nodes) and
mutates it. Run from the top of the source tree: fuzz/hostile_seeds.py [N]
(dtc compiles each shape).
"""
import subprocess
import sys

HEAD = ['/dts-v1/;', '/ {', '\t#address-cells = <1>;', '\t#size-cells = <1>;',
        '\tinterrupt-parent = <&gic>;',
        '\tgic: interrupt-controller@8000000 {',
        '\t\tcompatible = "arm,cortex-a15-gic";',
        '\t\t#interrupt-cells = <3>;', '\t\tinterrupt-controller;',
        '\t\treg = <0x8000000 0x10000 0x8010000 0x10000>;', '\t};']


def parent_chain(n):
    """N nodes, each naming the next as its interrupt-parent."""
    out = []
    for i in range(n):
        nxt = 'p%d' % (i + 1) if i + 1 < n else 'gic'
        out.append('\tp%d: n%d { interrupt-parent = <&%s>; interrupts = <0 1 4>; };'
                   % (i, i, nxt))
    return out


def parent_loop(n):
    """N nodes naming each other as interrupt-parent, in a ring."""
    return ['\tp%d: n%d { interrupt-parent = <&p%d>; interrupts = <1>; };'
            % (i, i, (i + 1) % n) for i in range(n)]


def map_cycle(n):
    """Two nexus nodes mapping to each other, N devices behind them."""
    out = ['\tma: nexus-a { #interrupt-cells = <1>; #address-cells = <0>;'
           ' interrupt-map = <1 &mb 1>; interrupt-map-mask = <0xffffffff>; };',
           '\tmb: nexus-b { #interrupt-cells = <1>; #address-cells = <0>;'
           ' interrupt-map = <1 &ma 1>; interrupt-map-mask = <0xffffffff>; };']
    out += ['\td%d { interrupt-parent = <&ma>; interrupts = <1>; };' % i
            for i in range(n)]
    return out


def extended(n):
    """One node with N interrupts-extended entries."""
    cells = ' '.join('&gic 0 %d 4' % (i % 900) for i in range(n))
    return ['\tmany { interrupts-extended = <%s>; };' % cells]


def deep(n):
    """N nodes, each the child of the one before, each with an interrupt."""
    out = ['\t' + 'n%d { interrupts = <0 %d 4>;' % (i, i % 900) for i in range(n)]
    return out + ['\t' + '};' * n]


def controllers(n):
    """N cascaded controllers with one device each."""
    out = []
    for i in range(n):
        out.append('\tc%d: intc%d { compatible = "arm,pl061"; interrupt-controller;'
                   ' #interrupt-cells = <2>; gpio-controller; #gpio-cells = <2>;'
                   ' interrupts = <0 %d 4>; };' % (i, i, i % 900))
        out.append('\tdev%d { interrupt-parent = <&c%d>; interrupts = <1 4>; };'
                   % (i, i))
    return out


SHAPES = {'parent-chain': parent_chain, 'parent-loop': parent_loop,
          'map-cycle': map_cycle, 'extended': extended, 'deep': deep,
          'controllers': controllers}


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    for name, shape in SHAPES.items():
        src = '\n'.join(HEAD + shape(n) + ['};', ''])
        out = 'fuzz/corpus/dt/hostile-%s.dtb' % name
        subprocess.run(['dtc', '-q', '-I', 'dts', '-O', 'dtb', '-o', out, '-'],
                       input=src.encode(), check=True)
        print(out)


if __name__ == '__main__':
    main()
