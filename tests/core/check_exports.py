#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The version script names exactly the public API.

Usage: check_exports.py MAPFILE INCLUDE_DIR [SHARED_LIBRARY]

Collects every function and object declared in the public headers
(INCLUDE_DIR/*.h; static inline functions and macros are not symbols),
every name in the version script's global section (which must not use
wildcards), and, when given, the symbols the shared library defines. The
three sets must be equal; every difference is printed, and the exit
status is 1.
"""
import glob
import os
import re
import subprocess
import sys


def strip_blocks(text):
    """Remove every {...} block: struct bodies, enums, inline bodies."""
    out, depth = [], 0
    for ch in text:
        if ch == '{':
            depth += 1
            if depth == 1:
                out.append(';')
        elif ch == '}':
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return ''.join(out)


def header_symbols(include_dir):
    names = {}
    for path in sorted(glob.glob(os.path.join(include_dir, '*.h'))):
        text = open(path, encoding='utf-8').read()
        text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
        text = re.sub(r'//[^\n]*', ' ', text)
        text = re.sub(r'\\\n', ' ', text)
        text = re.sub(r'#ifdef __cplusplus.*?#endif', ' ', text, flags=re.S)
        text = re.sub(r'^\s*#[^\n]*', ' ', text, flags=re.M)
        text = re.sub(r'__attribute__\s*\(\(.*?\)\)', ' ', text)
        for stmt in strip_blocks(text).split(';'):
            stmt = ' '.join(stmt.split())
            if not stmt or re.match(r'(typedef|static|struct \w+$|'
                                    r'union \w+$|enum \w+$)', stmt):
                continue
            if '(' in stmt:
                # the identifier just before the first parenthesis
                m = re.search(r'(\w+)\s*\(', stmt)
                if m and not stmt.startswith('('):
                    names[m.group(1)] = os.path.basename(path)
            elif stmt.startswith('extern '):
                names[re.findall(r'\w+', stmt)[-1]] = os.path.basename(path)
    return names


def map_symbols(mapfile):
    text = re.sub(r'/\*.*?\*/', ' ', open(mapfile, encoding='utf-8').read(),
                  flags=re.S)
    text = re.sub(r'#[^\n]*', ' ', text)
    m = re.search(r'global:(.*?)local:', text, flags=re.S)
    if not m:
        sys.exit(f'{mapfile}: no global: ... local: section')
    names = [n.strip() for n in m.group(1).split(';') if n.strip()]
    bad = [n for n in names if re.search(r'[*?\[]', n)]
    if bad:
        print(f'{mapfile}: wildcards are not allowed: {" ".join(bad)}')
    return set(names), bool(bad)


def library_symbols(lib):
    out = subprocess.run(['nm', '-D', '--defined-only', lib],
                         capture_output=True, text=True, check=True).stdout
    syms = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in 'TDBRVW':
            syms.add(parts[2].split('@')[0])
    return syms


def report(what, names, where=None):
    for n in sorted(names):
        print(f'{what}: {n}' + (f' ({where[n]})' if where else ''))


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    declared = header_symbols(sys.argv[2])
    listed, wild = map_symbols(sys.argv[1])
    failed = wild
    missing = set(declared) - listed
    extra = listed - set(declared)
    report('declared in a public header but not in the version script',
           missing, declared)
    report('in the version script but declared in no public header', extra)
    failed |= bool(missing or extra)
    if len(sys.argv) == 4:
        exported = library_symbols(sys.argv[3])
        report('listed but not defined by the library', listed - exported)
        report('exported but not listed', exported - listed)
        failed |= exported != listed
    print(f'{len(declared)} public symbols, {len(listed)} listed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
