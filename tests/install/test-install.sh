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
meson introspect "$build" --buildoptions >"$tmp/options.json"
opt() { # the value of a meson option; directories made absolute
	python3 - "$tmp/options.json" "$1" <<'PY'
import json, os, sys
opts = {o["name"]: o["value"] for o in json.load(open(sys.argv[1]))}
v = opts[sys.argv[2]]
if sys.argv[2].endswith("dir") and not os.path.isabs(v):
    v = os.path.join(opts["prefix"], v)
print(v)
PY
}
prefix=$(opt prefix)
libdir=$(opt libdir)
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

# headers and manual pages
for h in irqmap.h irqdomain.h interrupt.h of_irq.h version.h; do
	[ -f "$root$(opt includedir)/irqmap/$h" ] ||
		{ echo "header irqmap/$h is not installed" >&2; exit 1; }
done
mandir="$root$(opt mandir)"
[ -f "$mandir/man3/libirqmap.3" ] ||
	{ echo "libirqmap.3 is not installed in $mandir/man3" >&2; exit 1; }
if [ -f "$src/docs/irqmap.1" ]; then
	[ -f "$mandir/man1/irqmap.1" ] ||
		{ echo "irqmap.1 is not installed in $mandir/man1" >&2; exit 1; }
fi
echo "headers and manual pages: ok"

# one version everywhere: meson.build's project(version:)
version=$(meson introspect "$build" --projectinfo |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
cat >"$tmp/version.c" <<'C'
#include <stdio.h>
#include <irqmap/irqmap.h>

int main(void)
{
	printf("%s %s\n", irqmap_version(), IRQMAP_VERSION_STRING);
	return 0;
}
C
cc -std=c11 -Wall -Werror "$tmp/version.c" $flags -o "$tmp/version"
got_lib=$(LD_LIBRARY_PATH="$root$libdir" "$tmp/version")
got_tool=$(LD_LIBRARY_PATH="$root$libdir" "$root$(opt bindir)/irqmap" --version)
got_pc=$(pkg-config --modversion irqmap)
echo "version: meson $version; library, header: $got_lib; $got_tool; pkg-config $got_pc"
if [ "$got_lib" != "$version $version" ] || [ "$got_tool" != "irqmap $version" ] ||
	[ "$got_pc" != "$version" ]; then
	echo "the versions disagree" >&2
	exit 1
fi

# every example builds outside the tree as its comment says
for ex in "$src"/examples/*.c; do
	cc -std=c11 -Wall -Wextra -Werror "$ex" $flags -o "$tmp/example" ||
		{ echo "$ex does not build against the installed library" >&2; exit 1; }
done
echo "examples build against the installed library: ok"

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
