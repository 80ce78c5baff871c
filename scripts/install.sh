#!/bin/sh
# Install a build (make install): headers, libraries, pkg-config file,
# program and manual pages under the build's prefix (/usr/local unless set
# up otherwise), then refresh the dynamic loader's cache with ldconfig, so
# that `cc prog.c $(pkg-config --cflags --libs irqmap)` builds a program
# that runs with no variable set.
#
# A build directory set up without dpkg-dev got Meson's lib64, which neither
# Debian's pkg-config nor its dynamic loader searches: it is moved to the
# multiarch directory (lib/x86_64-linux-gnu) first.
#
# usage: scripts/install.sh [BUILDDIR]   (DESTDIR=DIR stages, no ldconfig)
set -eu
build=${1:-build}
destdir=${DESTDIR:-}

option() { # the value of a Meson option of the build directory
	meson introspect "$build" --buildoptions | python3 -c '
import json, sys
print({o["name"]: o["value"] for o in json.load(sys.stdin)}[sys.argv[1]])' "$1"
}

prefix=$(option prefix)
libdir=$(option libdir)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null ||
	"${CC:-cc}" -print-multiarch 2>/dev/null || true)
rebuild=--no-rebuild
if [ "$libdir" = lib64 ] && [ -n "$multiarch" ]; then
	echo "install: libdir lib64 -> lib/$multiarch"
	meson configure "$build" -Dlibdir="lib/$multiarch" >/dev/null
	rebuild=
fi

if [ -z "$destdir" ] && [ "$(id -u)" -ne 0 ] && ! [ -w "$prefix" ]; then
	if command -v sudo >/dev/null 2>&1; then
		cmd="sudo make install"
	else
		cmd="su -c 'make install'"
	fi
	echo "install: $prefix is not writable: run as root: $cmd" >&2
	exit 1
fi

meson install -C "$build" $rebuild --quiet ${destdir:+--destdir "$destdir"}
[ -n "$destdir" ] && exit 0

# The loader finds a new library in a directory of /etc/ld.so.conf only
# through its cache.
libdir=$(option libdir)
case "$libdir" in /*) ;; *) libdir="$prefix/$libdir" ;; esac
if [ "$(id -u)" -eq 0 ]; then
	PATH="$PATH:/sbin:/usr/sbin" ldconfig
	echo "install: libirqmap in $prefix (library and irqmap.pc in $libdir); ldconfig run"
else
	echo "install: libirqmap in $prefix (library and irqmap.pc in $libdir);" \
		"run ldconfig as root so that the dynamic loader finds libirqmap.so.0"
fi
