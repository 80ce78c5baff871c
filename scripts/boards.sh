#!/bin/sh
# 'make boards': every interrupt of the board device trees that Debian's
# Linux 6.1 kernel packages ship (arm64 and armhf), through 'irqmap routes'.
#
# Downloads the newest linux-image-6.1.0-N-arm64-unsigned and -armmp
# packages with apt-get into BOARDS_DIR (default build-boards/), using apt
# lists of its own there so that the machine's apt and dpkg set-up is left
# as it is (no foreign architecture is added), unpacks their .dtb files and
# runs scripts/boards-report.py over them with the given irqmap program.
set -eu
irqmap=$1
dir=${BOARDS_DIR:-build-boards}
mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" "$dir/debs"
dir=$(cd "$dir" && pwd)
apt_opts="-q -o Dir::State::Lists=$dir/apt/lists -o Dir::Cache=$dir/apt/cache
	-o APT::Architectures::=arm64 -o APT::Architectures::=armhf
	-o Debug::NoLocking=1"

if [ ! -f "$dir/dtbs/.done" ]; then
	# shellcheck disable=SC2086
	apt-get $apt_opts update >/dev/null 2>&1 || true
	# shellcheck disable=SC2086
	newest=$(apt-cache $apt_opts search '^linux-image-6\.1\.0-[0-9]+-arm64-unsigned$' |
		sed -n 's/^linux-image-6\.1\.0-\([0-9]*\)-.*/\1/p' | sort -n | tail -1)
	if [ -z "$newest" ]; then
		echo "boards: no linux-image-6.1.0-N-arm64-unsigned package in Debian's archive" >&2
		exit 1
	fi
	echo "boards: downloading linux-image-6.1.0-$newest-arm64-unsigned and -armmp"
	(cd "$dir/debs" &&
	 # shellcheck disable=SC2086
	 apt-get $apt_opts download "linux-image-6.1.0-$newest-arm64-unsigned:arm64" \
		"linux-image-6.1.0-$newest-armmp:armhf" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
	rm -rf "$dir/dtbs"
	mkdir -p "$dir/dtbs"
	for deb in "$dir"/debs/linux-image-6.1.0-"$newest"-*.deb; do
		[ -f "$deb" ] || { echo "boards: download failed" >&2; exit 1; }
		dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir/dtbs" --wildcards '*.dtb'
	done
	touch "$dir/dtbs/.done"
fi
echo "boards: $(find "$dir/dtbs" -name '*.dtb' | wc -l) trees"
exec python3 "$(dirname "$0")/boards-report.py" "$irqmap" "$dir/dtbs"
