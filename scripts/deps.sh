#!/bin/sh
# Install the Debian packages that are missing: those listed in
# scripts/packages.txt, or the ones named on the command line.
# As root it runs apt-get; otherwise it prints the exact command to run
# (with sudo where sudo is installed, else with su: a minimal Debian has no
# sudo).
#
# usage: scripts/deps.sh [PACKAGE...]
#        scripts/deps.sh --hint PACKAGE...   print the command only
set -eu
here=$(dirname "$0")

# The command that installs the packages given, for the user running this.
install_command() {
	if [ "$(id -u)" -eq 0 ]; then
		echo "apt-get install -y $*"
	elif command -v sudo >/dev/null 2>&1; then
		echo "sudo apt-get install -y $*"
	else
		echo "su -c 'apt-get install -y $*'"
	fi
}

if [ "${1:-}" = "--hint" ]; then
	shift
	install_command "$@"
	exit 0
fi

if [ $# -gt 0 ]; then
	wanted="$*"
else
	wanted=$(grep -v '^#' "$here/packages.txt")
fi
missing=""
for pkg in $wanted; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $pkg" ;;
	esac
done
[ -z "$missing" ] && exit 0
missing=${missing# }
if [ "$(id -u)" -eq 0 ]; then
	echo "deps: installing $missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
	echo "deps: missing Debian packages: $missing" >&2
	echo "deps: run: $(install_command "$missing")" >&2
	exit 1
fi
