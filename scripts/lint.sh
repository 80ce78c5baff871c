#!/bin/sh
# Static analysis of the library: cppcheck and clang-tidy, both with the
# configuration in the repository; any finding fails.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
cd "$top"
files=$(find src -name '*.c' | sort)

echo "cppcheck: $(echo "$files" | wc -l) files"
cppcheck --enable=warning,performance,portability --std=c11 --inline-suppr \
	--error-exitcode=1 -q -D_GNU_SOURCE -D_LGPL_SOURCE -DIRQMAP_DEBUG_LOCKS \
	-Iinclude -I"$build/include" -Isrc -Isrc/core \
	--suppress=missingIncludeSystem $files

echo "clang-tidy: $(echo "$files" | wc -l) files"
# shellcheck disable=SC2086
clang-tidy -p "$build" --quiet $files 2>&1 | grep -v "warnings generated" >"$build/clang-tidy.log" || true
if grep -qE "(warning|error):" "$build/clang-tidy.log"; then
	cat "$build/clang-tidy.log"
	exit 1
fi
echo "static analysis: clean"
