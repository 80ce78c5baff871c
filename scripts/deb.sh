#!/bin/sh
# The Debian packages (debian/): make deb, make deb-check.
#
# usage: scripts/deb.sh build   install the build dependencies (as root with
#                               apt-get; otherwise print the command), copy
#                               the tree into build-deb/ and build the
#                               packages there with dpkg-buildpackage; the
#                               .debs are left in build-deb/
#        scripts/deb.sh symbols rewrite debian/libirqmap0.symbols from the
#                               library of build-deb/ (new symbols get the
#                               upstream version; see docs/packaging.md)
#        scripts/deb.sh check   check the packages of build-deb/: lintian,
#                               their contents (dpkg-deb -c), and, installed
#                               with apt in a private mount namespace, an
#                               example built with pkg-config alone
#
# DEB_BUILD_OPTIONS (make deb: nocheck, the tests being make test's) and
# DEB_BUILD_PROFILES pass to dpkg-buildpackage; nocheck in the options
# implies the nocheck profile.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=build-deb
version=$(dpkg-parsechangelog -S Version 2>/dev/null ||
	sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' debian/changelog)
upstream=${version%-*}
arch=$(dpkg --print-architecture)

build() {
	# dpkg-dev first: dpkg-checkbuilddeps names what else is missing.
	scripts/deps.sh dpkg-dev
	export DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-}"
	profiles=${DEB_BUILD_PROFILES:-}
	case " $DEB_BUILD_OPTIONS " in
	*" nocheck "*)
		case ",$profiles," in *",nocheck,"*) ;; *) profiles=${profiles:+$profiles,}nocheck ;; esac ;;
	esac
	export DEB_BUILD_PROFILES="$profiles"
	unmet=$(dpkg-checkbuilddeps ${profiles:+-P "$profiles"} 2>&1 |
		sed -n 's/.*Unmet build dependencies: //p' |
		sed 's/([^)]*)//g; s/<[^>]*>//g; s/|[^ ]*//g; s/debhelper-compat/debhelper/')
	# shellcheck disable=SC2086
	[ -z "$unmet" ] || scripts/deps.sh $unmet

	# A copy of the tree (what git knows of, or everything but the build
	# directories): dpkg-buildpackage leaves its files next to it.
	rm -rf "$out"
	src="$out/irqmap-$upstream"
	mkdir -p "$src"
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files --cached --others --exclude-standard |
			while IFS= read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done |
			tar -cf - -T - | tar -xf - -C "$src"
	else
		tar -cf - --exclude='./build*' --exclude=./obj-\* . | tar -xf - -C "$src"
	fi

	echo "deb: dpkg-buildpackage -us -uc -b in $src" \
		"(DEB_BUILD_OPTIONS=$DEB_BUILD_OPTIONS DEB_BUILD_PROFILES=$DEB_BUILD_PROFILES)"
	start=$(date +%s)
	if ! (cd "$src" && dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1; then
		tail -n 40 "$out/build.log" >&2
		echo "deb: the package build failed: $out/build.log" >&2
		exit 1
	fi
	grep -A 40 'dpkg-gensymbols: warning' "$out/build.log" || true
	rm -rf "$src"
	echo "deb: built in $(($(date +%s) - start)) s:"
	ls -1 "$out"/*.deb
	echo "deb: install them with: apt install $(debs)"
}

debs() { # the packages to install, as apt's arguments (no debug symbols)
	for p in "$out"/*.deb; do
		case "$p" in *-dbgsym_*) ;; *) printf './%s ' "$p" ;; esac
	done
}

symbols() {
	deb="$out/libirqmap0_${version}_$arch.deb"
	[ -f "$deb" ] || { echo "deb: no $deb: run make deb" >&2; exit 1; }
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	dpkg-deb -x "$deb" "$tmp/root"
	file=debian/libirqmap0.symbols
	dpkg-gensymbols -plibirqmap0 -P"$tmp/root" -v"$upstream" -c0 -I"$file" \
		-O"$tmp/symbols" >"$tmp/diff" 2>&1 || { cat "$tmp/diff"; exit 1; }
	grep -q '^\* Build-Depends-Package:' "$tmp/symbols" ||
		sed -i '1a * Build-Depends-Package: libirqmap-dev' "$tmp/symbols"
	if cmp -s "$tmp/symbols" "$file"; then
		echo "deb: $file is up to date ($(grep -c '@' "$file") symbols)"
	else
		diff -u "$file" "$tmp/symbols" || true
		cp "$tmp/symbols" "$file"
		echo "deb: $file rewritten ($(grep -c '@' "$file") symbols)"
	fi
}

check() {
	scripts/deps.sh lintian
	changes="$out/irqmap_${version}_$arch.changes"
	[ -f "$changes" ] || { echo "deb: no $changes: run make deb" >&2; exit 1; }

	# lintian at its default level: no error, no warning (the tags kept are
	# overridden in debian/, each with its reason).
	echo "== lintian $changes"
	lintian --fail-on error,warning "$changes"
	echo "lintian: no error, no warning"

	# Contents.
	echo "== contents (dpkg-deb -c)"
	ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
	expect() { # package file...
		deb="$out/${1}_${version}_$arch.deb"
		[ -f "$deb" ] || deb="$out/${1}_${version}_all.deb"
		shift
		list=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's,^\./,/,')
		for f in "$@"; do
			printf '%s\n' "$list" | grep -qx "$f" ||
				{ echo "$(basename "$deb") lacks $f" >&2; exit 1; }
		done
		echo "$(basename "$deb"): $(printf '%s\n' "$list" | grep -vc '/$') files, the expected ones among them"
	}
	expect libirqmap0 "/usr/lib/$ma/libirqmap.so.0" "/usr/lib/$ma/libirqmap.so.$upstream"
	expect libirqmap-dev /usr/include/irqmap/irqmap.h /usr/include/irqmap/version.h \
		"/usr/lib/$ma/libirqmap.so" "/usr/lib/$ma/libirqmap.a" \
		"/usr/lib/$ma/pkgconfig/irqmap.pc" /usr/share/man/man3/libirqmap.3.gz \
		/usr/share/doc/libirqmap-dev/examples/shared_line_threads.c
	expect irqmap /usr/bin/irqmap /usr/share/man/man1/irqmap.1.gz
	if ls "$out"/libirqmap-doc_*.deb >/dev/null 2>&1; then
		expect libirqmap-doc /usr/share/doc/libirqmap-doc/html/index.html
	fi
	if dpkg-deb -c "$out/libirqmap0_${version}_$arch.deb" | grep -q 'include/\|\.a$'; then
		echo "libirqmap0 holds development files" >&2
		exit 1
	fi

	# Installed with apt, used with pkg-config alone: in a private mount
	# namespace whose /usr, /etc and /var are overlays on a tmpfs, so that
	# the system itself is not changed.
	echo "== apt install ./*.deb, then an example with pkg-config alone"
	if [ "$(id -u)" -ne 0 ] || ! unshare -m true 2>/dev/null; then
		echo "deb: installing the packages needs root and a private mount" \
			"namespace (not in a chroot): skipped"
		return 0
	fi
	tmp=$(mktemp -d)
	rc=0
	unshare -m sh "$0" check-installed "$tmp" || rc=$?
	rmdir "$tmp"
	return $rc
}

# Inside the private mount namespace of check.
check_installed() { # tmp
	tmp=$1
	mount -t tmpfs deb-check "$tmp"
	for d in /usr /etc /var; do
		mkdir -p "$tmp/upper$d" "$tmp/work$d"
		mount -t overlay deb-check \
			-o "lowerdir=$d,upperdir=$tmp/upper$d,workdir=$tmp/work$d" "$d"
	done
	export DEBIAN_FRONTEND=noninteractive
	apt-get remove -y -qq libirqmap0 libirqmap-dev irqmap libirqmap-doc \
		>/dev/null 2>&1 || true
	# shellcheck disable=SC2046
	apt-get install -y -qq --no-install-recommends \
		$(debs) >"$tmp/apt.log" 2>&1 ||
		{ cat "$tmp/apt.log"; exit 1; }
	debian/tests/build-examples
	echo "deb-check: ok"
}

case "${1:-}" in
build) build ;;
symbols) symbols ;;
check) check ;;
check-installed) check_installed "$2" ;;
*) echo "usage: $0 build|symbols|check" >&2; exit 2 ;;
esac
