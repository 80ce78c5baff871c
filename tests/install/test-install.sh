#!/bin/sh
# The installation a user of the library gets from `make install`: the files
# go where Debian's pkg-config and dynamic loader look by default, and a
# program outside the tree builds with nothing but
# `pkg-config --cflags --libs irqmap` and runs with no variable set.
#
# 1. The build's pkg-config and library directories must be among those that
#    pkg-config and the dynamic loader search by default, as the tools
#    themselves report them with every variable that changes them unset
#    (for the system prefixes /usr and /usr/local: a build for another
#    prefix is found where its user points the tools).
# 2. The build is installed for real and ldconfig runs, as `make install`
#    does, inside a private mount namespace (as root, or in an unprivileged
#    user namespace) where overlays over the prefix and /etc take every
#    write: the system itself is not changed. The checks below run there
#    with those variables unset. Where namespaces are not allowed, the build
#    is staged in a DESTDIR instead and the checks point pkg-config and the
#    loader at it, and say so.
# 3. Checks: the examples build and one runs; the static library links
#    through `pkg-config --static`; headers and manual pages are installed;
#    one version everywhere; only the public API is exported; the build
#    tree's irqmap-uninstalled.pc works.
#
# usage: test-install.sh BUILDDIR SOURCEDIR
set -eu
NOT_ISOLATED=99

if [ "${1:-}" = "--in-namespace" ]; then
	inside=yes
	shift
else
	inside=no
fi
build=$1
src=$2

# The variables that would change where pkg-config, the compiler and the
# loader look: the checks are about their defaults.
unset PKG_CONFIG_PATH PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR LD_LIBRARY_PATH \
	LIBRARY_PATH CPATH C_INCLUDE_PATH
PATH="$PATH:/usr/sbin:/sbin"

opt() { # the value of a Meson option; directories made absolute
	meson introspect "$build" --buildoptions | python3 -c '
import json, os, sys
opts = {o["name"]: o["value"] for o in json.load(sys.stdin)}
v = opts[sys.argv[1]]
if sys.argv[1].endswith("dir") and not os.path.isabs(v):
    v = os.path.join(opts["prefix"], v)
print(v)' "$1"
}

checks() { # root (the staging directory, or empty), run (a wrapper, or empty)
	root=$1
	run=$2
	flags=$(pkg-config --cflags --libs irqmap)
	echo "pkg-config irqmap: $flags"
	cc -std=c11 -Wall -Werror "$src/examples/shared_line_threads.c" $flags \
		-o "$tmp/external"
	$run "$tmp/external" >/dev/null
	echo "an example built with pkg-config alone runs: ok"

	# the static library, with the flags of pkg-config --static
	sflags=$(pkg-config --libs --static irqmap | sed 's/-lirqmap\( \|$\)/ /')
	cc -std=c11 -Wall -Werror "$src/examples/shared_line_threads.c" \
		$(pkg-config --cflags irqmap) "$root$libdir/libirqmap.a" $sflags \
		-o "$tmp/external-static"
	if readelf -d "$tmp/external-static" | grep -q 'libirqmap\.so'; then
		echo "the static link still needs libirqmap.so" >&2
		exit 1
	fi
	"$tmp/external-static" >/dev/null
	echo "static library with pkg-config --static: ok"

	for h in irqmap.h irqdomain.h interrupt.h of_irq.h version.h; do
		[ -f "$root$includedir/irqmap/$h" ] ||
			{ echo "header irqmap/$h is not installed" >&2; exit 1; }
	done
	[ -f "$root$mandir/man3/libirqmap.3" ] ||
		{ echo "libirqmap.3 is not installed in $mandir/man3" >&2; exit 1; }
	if [ -f "$src/docs/irqmap.1" ]; then
		[ -f "$root$mandir/man1/irqmap.1" ] ||
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
	got_lib=$($run "$tmp/version")
	got_tool=$($run "$root$bindir/irqmap" --version)
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
	if nm -D --defined-only "$root$libdir/libirqmap.so" | awk '{print $3}' |
		grep -q '^irqm_'; then
		echo "private irqm_ symbols are exported" >&2
		exit 1
	fi
}

prefix=$(opt prefix)
libdir=$(opt libdir)
includedir=$(opt includedir)
mandir=$(opt mandir)
bindir=$(opt bindir)

if [ "$inside" = yes ]; then
	tmp=$3
	# Every write goes to a tmpfs: the prefix and /etc (ld.so.cache) are
	# overlays. Nothing has been changed when a mount fails.
	mount -t tmpfs irqmap-test "$tmp/ns" 2>/dev/null || exit $NOT_ISOLATED
	for d in "$prefix" /etc; do
		u="$tmp/ns/upper$d"
		w="$tmp/ns/work$d"
		mkdir -p "$u" "$w"
		mount -t overlay irqmap-test -o "lowerdir=$d,upperdir=$u,workdir=$w" "$d" \
			2>/dev/null || exit $NOT_ISOLATED
	done
	# An unprivileged user namespace cannot write into root's directories,
	# even through an overlay.
	for d in "$libdir" "$includedir" "$bindir" "$mandir" /etc; do
		while [ ! -d "$d" ]; do d=$(dirname "$d"); done
		mkdir "$d/.irqmap-test" 2>/dev/null && rmdir "$d/.irqmap-test" ||
			exit $NOT_ISOLATED
	done
	meson install -C "$build" --no-rebuild --quiet >"$tmp/install.log" 2>&1 ||
		{ cat "$tmp/install.log"; exit 1; }
	ldconfig
	echo "installed into $prefix (private mount namespace), ldconfig run"
	checks "" ""
	exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. Where the files go.
case "$prefix" in
/usr | /usr/local) system=yes ;;
*) system=no ;;
esac
if [ "$system" = yes ]; then
	pc_path=$(pkg-config --variable pc_path pkg-config)
	case ":$pc_path:" in
	*":$libdir/pkgconfig:"*) ;;
	*)
		echo "$libdir/pkgconfig is not in pkg-config's search path ($pc_path):" \
			"set the build up with dpkg-dev installed, or with --libdir=lib/$(cc -print-multiarch)" >&2
		exit 1 ;;
	esac
	# The loader: its built-in directories, then those of /etc/ld.so.conf
	# (through the cache ldconfig writes).
	ldso=$(ldd /bin/sh | sed -n 's,^[[:space:]]*\(/[^ ]*ld[^ ]*\.so[^ ]*\) .*,\1,p' | head -n 1)
	ld_dirs=$("$ldso" --list-diagnostics 2>/dev/null |
		sed -n 's,^path\.system_dirs\[[^]]*\]="\(.*\)/*"$,\1,p' | sed 's,/$,,')
	ld_conf() { # the directories of an ld.so.conf file and its includes
		[ -f "$1" ] || return 0
		while read -r word rest; do
			case "$word" in
			'' | '#'*) ;;
			include)
				for f in $rest; do ld_conf "$f"; done ;;
			*) echo "$word" ;;
			esac
		done <"$1"
	}
	ld_dirs="$ld_dirs
$(ld_conf /etc/ld.so.conf)"
	if ! printf '%s\n' "$ld_dirs" | grep -qxF "$libdir"; then
		echo "the dynamic loader does not search $libdir;" \
			"it searches: $(printf '%s ' $ld_dirs)" >&2
		exit 1
	fi
	echo "default search paths: pkg-config and the dynamic loader look in $libdir"
else
	echo "prefix $prefix: not a system prefix, the search paths are its user's"
fi

# 2. Install for real, isolated; else staged.
isolated=no
if [ "$system" = yes ] && command -v unshare >/dev/null 2>&1; then
	if [ "$(id -u)" -eq 0 ]; then
		ns="unshare -m"
	else
		ns="unshare -Urm"
	fi
	# (not in a chroot, whose / is no mount point to make private)
	if $ns true 2>/dev/null; then
		mkdir -p "$tmp/ns"
		rc=0
		$ns sh "$0" --in-namespace "$build" "$src" "$tmp" || rc=$?
		case $rc in
		0) isolated=yes ;;
		$NOT_ISOLATED) ;;
		*) exit $rc ;;
		esac
	fi
fi
if [ "$isolated" = no ]; then
	echo "no private mount namespace here: staged in a DESTDIR, pkg-config" \
		"and the loader pointed at it"
	meson install -C "$build" --destdir "$tmp/root" --no-rebuild --quiet \
		>"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; exit 1; }
	export PKG_CONFIG_SYSROOT_DIR="$tmp/root"
	export PKG_CONFIG_PATH="$tmp/root$libdir/pkgconfig"
	checks "$tmp/root" "env LD_LIBRARY_PATH=$tmp/root$libdir"
	unset PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_PATH
fi

# against the build tree, without installing
export PKG_CONFIG_PATH="$build/meson-uninstalled"
cc -std=c11 -Wall -Werror "$src/examples/shared_line_threads.c" \
	$(pkg-config --cflags --libs irqmap-uninstalled) -pthread -o "$tmp/uninstalled"
LD_LIBRARY_PATH="$build/src" "$tmp/uninstalled" >/dev/null
echo "install test: ok"
