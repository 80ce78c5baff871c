#!/bin/sh
# Build the documentation: render the Graphviz diagrams docs/img/*.dot to
# SVG, check the manual pages docs/*.[1-8] with groff, and build the HTML
# API reference from the public headers with Doxygen (docs/Doxyfile; the
# kernel-doc comments go through scripts/kerneldoc2doxygen.py). Any
# warning fails the build.
#
# Both tools are optional and nothing is installed here: when one is
# missing, this says so, names the Debian package and exits 0.
#
# usage: scripts/docs.sh [--check] [OUTDIR]
#   OUTDIR    where the reference goes (default: build/docs); open
#             OUTDIR/html/index.html
#   --check   for the test suite: render the diagrams into OUTDIR/img
#             instead of docs/img, and exit 77 (skipped) without doxygen
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

check=no
if [ "${1:-}" = "--check" ]; then
	check=yes
	shift
fi
out=${1:-build/docs}
case "$out" in /*) ;; *) out="$top/$out" ;; esac
mkdir -p "$out"

# The version is meson.build's project(version:), and only there.
version=$(sed -n "s/^[[:space:]]*version[[:space:]]*:[[:space:]]*'\([^']*\)'.*/\1/p" \
	meson.build | head -n 1)
[ -n "$version" ] || { echo "docs: no version in meson.build" >&2; exit 1; }

# Diagrams.
if command -v dot >/dev/null 2>&1; then
	if [ "$check" = yes ]; then
		imgdir="$out/img"
		mkdir -p "$imgdir"
	else
		imgdir=docs/img
	fi
	n=0
	for f in docs/img/*.dot; do
		dot -Tsvg "$f" -o "$imgdir/$(basename "$f" .dot).svg"
		n=$((n + 1))
	done
	echo "docs: $n diagram(s) rendered into ${imgdir#"$top"/}"
else
	echo "docs: dot (Graphviz) is not installed: diagrams not rendered;" \
		"install it with: $(scripts/deps.sh --hint graphviz)"
fi

# Manual pages: groff must format them without a warning.
if command -v groff >/dev/null 2>&1; then
	for f in docs/*.[1-8]; do
		[ -f "$f" ] || continue
		warnings=$(groff -man -Tutf8 -ww -z "$f" 2>&1)
		if [ -n "$warnings" ]; then
			printf '%s\n' "$warnings" >&2
			echo "docs: $f: groff warnings" >&2
			exit 1
		fi
	done
fi

# API reference.
if ! command -v doxygen >/dev/null 2>&1; then
	echo "docs: doxygen is not installed: no API reference;" \
		"install it with: $(scripts/deps.sh --hint doxygen)"
	[ "$check" = yes ] && exit 77
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "docs: python3 is needed by the Doxygen input filter" >&2
	exit 1
fi
rm -rf "$out/html"
if ! IRQMAP_VERSION="$version" IRQMAP_DOCS_OUT="$out" doxygen docs/Doxyfile; then
	echo "docs: doxygen reported warnings (see above): fix the comments" >&2
	exit 1
fi
echo "docs: API reference for libirqmap $version: $out/html/index.html"
