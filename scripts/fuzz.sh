#!/bin/sh
# The libFuzzer targets of fuzz/ (docs/reliability.md), built with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer in their own build
# directory.
#
#   scripts/fuzz.sh available           exit 0 when clang's fuzzer runtime works
#   scripts/fuzz.sh build               configure and build $FUZZ_BUILD (build-fuzz)
#   scripts/fuzz.sh targets             the target names (without the
#                                       simulator's placeholder, "sim")
#   scripts/fuzz.sh check TARGET [N]    replay fuzz/regressions/TARGET/, then
#                                       N runs (2000) over the seed corpus
#   scripts/fuzz.sh run TARGET SECONDS  fuzz for SECONDS, growing the
#                                       fuzz/corpus-TARGET/ working corpus
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
build=${FUZZ_BUILD:-build-fuzz}
targets="dt api"
shared_dt="$top/../shared/dt"

: "${ASAN_OPTIONS:=detect_leaks=1:abort_on_error=1}"
: "${UBSAN_OPTIONS:=print_stacktrace=1:halt_on_error=1}"
export ASAN_OPTIONS UBSAN_OPTIONS

usage() {
	sed -n '2,14s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

available() {
	tmp=$(mktemp -d) || return 1
	cat >"$tmp/probe.c" <<'EOF'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { (void)data; (void)size; return 0; }
EOF
	clang -fsanitize=fuzzer,address,undefined -o "$tmp/probe" "$tmp/probe.c" \
		>/dev/null 2>&1
	rc=$?
	rm -rf "$tmp"
	return $rc
}

build() {
	if [ ! -f "$build/build.ninja" ]; then
		CC=clang meson setup "$build" -Dfuzz=true -Dtests=false \
			-Db_sanitize=address,undefined -Db_lundef=false \
			-Dc_args=-fno-sanitize-recover=all >/dev/null || return 1
	fi
	set --
	for t in $targets; do
		set -- "$@" "fuzz/fuzz-$t"
	done
	# the placeholder target of the simulator, when it is in the build
	if ninja -C "$build" -t targets all 2>/dev/null | grep -q '^fuzz/fuzz-sim:'; then
		set -- "$@" fuzz/fuzz-sim
	fi
	ninja -C "$build" "$@" >/dev/null || ninja -C "$build" "$@"
}

# The seed directories of a target (read-only: new inputs go elsewhere).
seeds() {
	if [ -d "fuzz/corpus/$1" ]; then
		echo "fuzz/corpus/$1"
	fi
	if [ "$1" = dt ] && [ -d "$shared_dt" ]; then
		echo "$shared_dt"
	fi
	if [ "$1" = sim ] && [ -d examples/scenarios ]; then
		echo examples/scenarios
	fi
}

options() {
	echo "-timeout=30 -rss_limit_mb=2048 -print_final_stats=1"
	if [ -f "fuzz/$1.dict" ]; then
		echo "-dict=fuzz/$1.dict"
	fi
	# Its inputs end with frees deferred by call_rcu: libFuzzer would take
	# every one for a leak candidate and run it again under LeakSanitizer.
	# Leaks are caught by irqmap_exit() (fuzz_common.h) and at exit.
	if [ "$1" = api ]; then
		echo "-detect_leaks=0"
	fi
}

check() { # target, runs
	bin="$build/fuzz/fuzz-$1"
	[ -x "$bin" ] || { echo "fuzz-$1: not built" >&2; return 1; }
	regressions=$(find "fuzz/regressions/$1" -type f 2>/dev/null | sort)
	if [ -n "$regressions" ]; then
		# shellcheck disable=SC2086
		FUZZ_EXIT_EVERY=1 "$bin" $regressions >"$build/fuzz-$1-regressions.log" 2>&1 || {
			cat "$build/fuzz-$1-regressions.log"
			echo "fuzz-$1: a regression input fails again" >&2
			return 1
		}
	fi
	work=$(mktemp -d) || return 1
	# shellcheck disable=SC2046
	"$bin" -runs="$2" -seed=1 $(options "$1") "$work" $(seeds "$1") \
		>"$build/fuzz-$1-check.log" 2>&1
	rc=$?
	rm -rf "$work"
	if [ $rc -ne 0 ]; then
		cat "$build/fuzz-$1-check.log"
		echo "fuzz-$1: failed" >&2
		return 1
	fi
	echo "fuzz-$1: $(echo "$regressions" | grep -c .) regression inputs," \
		"$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/fuzz-$1-check.log") runs: ok"
}

run() { # target, seconds
	bin="$build/fuzz/fuzz-$1"
	[ -x "$bin" ] || { echo "fuzz-$1: not built" >&2; return 1; }
	mkdir -p "fuzz/corpus-$1" "$build/artifacts/$1"
	echo "== fuzz-$1: $2 seconds (working corpus fuzz/corpus-$1/)"
	# shellcheck disable=SC2046
	"$bin" -max_total_time="$2" $(options "$1") \
		-artifact_prefix="$build/artifacts/$1/" \
		"fuzz/corpus-$1" $(seeds "$1") 2>&1 | tee "$build/fuzz-$1-run.log" |
		grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::|ERROR|SUMMARY|Test unit written'
	if grep -q 'Test unit written' "$build/fuzz-$1-run.log"; then
		echo "fuzz-$1: crash saved under $build/artifacts/$1/;" \
			"once fixed, add it to fuzz/regressions/$1/" >&2
		return 1
	fi
}

case "${1:-}" in
available) available ;;
build) build ;;
targets) echo "$targets" ;;
check) [ $# -ge 2 ] || usage; check "$2" "${3:-2000}" ;;
run) [ $# -ge 3 ] || usage; run "$2" "$3" ;;
*) usage ;;
esac
