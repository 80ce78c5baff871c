#!/bin/sh
# Install into a temporary DESTDIR, then build and run a program outside the
# tree with nothing but pkg-config; also build it against the uninstalled
# tree (irqmap-uninstalled.pc).
set -eu
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

meson install -C "$build" --destdir "$tmp/root" --no-rebuild >"$tmp/install.log" 2>&1 ||
	{ cat "$tmp/install.log"; exit 1; }
prefix=$(meson introspect "$build" --buildoptions |
	python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
libdir=$(meson introspect "$build" --buildoptions |
	python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="libdir"][0])')
case "$libdir" in /*) ;; *) libdir="$prefix/$libdir" ;; esac
root="$tmp/root"

export PKG_CONFIG_SYSROOT_DIR="$root"
export PKG_CONFIG_PATH="$root$libdir/pkgconfig"
flags=$(pkg-config --cflags --libs irqmap)
echo "pkg-config irqmap: $flags"
cc -std=c11 -Wall -Werror "$src/examples/shared_line_threads.c" $flags -pthread \
	-o "$tmp/external"
LD_LIBRARY_PATH="$root$libdir" "$tmp/external"

# the static library, through pkg-config --static
sflags=$(pkg-config --cflags --libs --static irqmap)
cc -std=c11 -Wall -Werror "$src/examples/shared_line_threads.c" \
	"$root$libdir/libirqmap.a" $(pkg-config --cflags --libs --static liburcu-bp liburcu-cds) \
	-I"$root$prefix/include" -ldl -pthread -o "$tmp/external-static"
"$tmp/external-static"
echo "static flags: $sflags"

# only the public API is exported
if nm -D --defined-only "$root$libdir/libirqmap.so" | awk '{print $3}' | grep -q '^irqm_'; then
	echo "private irqm_ symbols are exported" >&2
	exit 1
fi

# against the build tree, without installing
unset PKG_CONFIG_SYSROOT_DIR
export PKG_CONFIG_PATH="$build/meson-uninstalled"
cc -std=c11 -Wall -Werror "$src/examples/shared_line_threads.c" \
	$(pkg-config --cflags --libs irqmap-uninstalled) -pthread -o "$tmp/uninstalled"
LD_LIBRARY_PATH="$build/src" "$tmp/uninstalled"
echo "install test: ok"
