#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Run 'irqmap routes --json' over every .dtb under a directory and count.

Usage: boards-report.py IRQMAP DIR

Prints how many interrupts resolve (routes), how many of those map, why
the others do not (grouped by reason, with the controller's compatible),
and the interrupts that do not resolve at all. Exit status 1 when a tree
makes irqmap fail (no JSON, or a crash).
"""
import collections
import json
import os
import re
import subprocess
import sys


def compatible(dtb, path, cache):
    key = (dtb, path)
    if key not in cache:
        p = subprocess.run(['fdtget', '-t', 's', dtb, path, 'compatible'],
                           capture_output=True, text=True)
        cache[key] = p.stdout.split()[0] if p.returncode == 0 and p.stdout.split() \
            else '(no compatible: %s)' % path.rsplit('/', 1)[-1]
    return cache[key]


def shape(msg):
    """A message with paths and numbers taken out, to group alike ones."""
    msg = re.sub(r'/[^ :"]*', 'PATH', msg)
    msg = re.sub(r'<[^>]*>', '<CELLS>', msg)
    return re.sub(r'\b(0x[0-9a-f]+|\d+)\b', 'N', msg)


def main():
    irqmap, top = sys.argv[1], sys.argv[2]
    dtbs = sorted(os.path.join(d, f) for d, _, fs in os.walk(top)
                  for f in fs if f.endswith('.dtb'))
    count = collections.Counter()
    reasons = collections.Counter()
    by_compat = collections.Counter()
    unresolved = collections.Counter()
    broken, cache = [], {}
    for dtb in dtbs:
        p = subprocess.run([irqmap, 'routes', '--json', dtb],
                           capture_output=True, text=True)
        try:
            doc = json.loads(p.stdout)
        except ValueError:
            broken.append('%s: exit %d: %s' % (dtb, p.returncode,
                                                 p.stderr.strip()[:200]))
            continue
        count['trees'] += 1
        for r in doc['routes']:
            count['routes'] += 1
            if r['virq'] is not None:
                count['mapped'] += 1
                continue
            reasons[shape(r['map_error'])] += 1
            by_compat[compatible(dtb, r['controller'], cache)] += 1
        for e in doc['errors']:
            count['unresolved'] += 1
            unresolved[shape(e['error'])] += 1
    routes = max(count['routes'], 1)
    print('%d trees, %d routes, %d mapped (%.2f%%), %d not mapped, '
          '%d interrupts that do not resolve' %
          (count['trees'], count['routes'], count['mapped'],
           100.0 * count['mapped'] / routes,
           count['routes'] - count['mapped'], count['unresolved']))
    if reasons:
        print('\nnot mapped, by reason:')
        for msg, n in reasons.most_common():
            print('%7d  %s' % (n, msg))
        print('\nnot mapped, by controller:')
        for c, n in by_compat.most_common():
            print('%7d  %s' % (n, c))
    if unresolved:
        print('\ndo not resolve, by reason:')
        for msg, n in unresolved.most_common():
            print('%7d  %s' % (n, msg))
    for b in broken:
        print('FAILED: ' + b)
    return 1 if broken else 0


if __name__ == '__main__':
    sys.exit(main())
