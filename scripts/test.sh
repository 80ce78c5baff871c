#!/bin/sh
# Build and run every test: the normal build, then everything under
# AddressSanitizer+UndefinedBehaviorSanitizer, then the concurrency suite
# under ThreadSanitizer. Ends with one line,
# "irqmap tests: N passed, N failed, N skipped".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
jobs=$(nproc 2>/dev/null || echo 2)
passed=0
failed=0
skipped=0

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$top/tests/tsan.supp"

setup() { # dir, meson options...
	dir=$1; shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$@" >/dev/null || return 1
	fi
	ninja -C "$dir" >/dev/null || ninja -C "$dir"
}

run_suite() { # label, dir, meson test args...
	label=$1; dir=$2; shift 2
	echo "== $label"
	meson test -C "$dir" --num-processes "$jobs" --print-errorlogs "$@"
	rc=$?
	log="$dir/meson-logs/testlog.json"
	if [ -f "$log" ]; then
		ok=$(grep -c '"result": "OK"' "$log" || true)
		bad=$(grep -c '"result": "\(FAIL\|TIMEOUT\|ERROR\|UNEXPECTEDPASS\)"' "$log" || true)
		skip=$(grep -c '"result": "SKIP"' "$log" || true)
		passed=$((passed + ok))
		failed=$((failed + bad))
		skipped=$((skipped + skip))
	fi
	[ $rc -eq 0 ] || [ "$bad" -gt 0 ] || failed=$((failed + 1))
}

build_failed() {
	echo "== $1: build failed"
	failed=$((failed + 1))
}

if setup build; then run_suite "default build" build; else build_failed default; fi
if setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
	-Dc_args=-fno-sanitize-recover=all -Dbuildtype=debug; then
	run_suite "ASan+UBSan" build-asan
else build_failed asan; fi
if setup build-tsan -Db_sanitize=thread -Db_lundef=false -Dbuildtype=debugoptimized; then
	run_suite "ThreadSanitizer" build-tsan --suite concurrency
else build_failed tsan; fi

# libFuzzer targets: each replays the inputs that once crashed it and runs
# briefly over its seed corpus (one test per target), when clang's fuzzer
# runtime is installed. `make fuzz` runs them for longer.
echo "== fuzz targets (regressions and seed corpora)"
if ! scripts/fuzz.sh available; then
	echo "fuzz: clang's libFuzzer runtime is not available; skipped"
	skipped=$((skipped + $(scripts/fuzz.sh targets | wc -w)))
elif ! scripts/fuzz.sh build; then
	build_failed fuzz
else
	for t in $(scripts/fuzz.sh targets); do
		if scripts/fuzz.sh check "$t" 2000; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
		fi
	done
fi

echo "== static analysis (cppcheck, clang-tidy)"
if [ -f build/compile_commands.json ] && scripts/lint.sh build; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi

echo "irqmap tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
