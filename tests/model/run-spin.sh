#!/bin/sh
# Model-check a protocol with spin: run-spin.sh MODEL.pml "MUTANT'S NAME".
# The protocol must hold in every interleaving, and the model's mutant
# (built with -DMUTANT) must be caught.
set -eu
model=$1
mutant=${2:-mutant}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

check() { # label, expect (pass|fail), spin -D flags...
	label=$1; expect=$2; shift 2
	rm -f pan pan.* ./*.trail
	spin "$@" -a "$model" >/dev/null
	cc -O2 -DSAFETY -w -o pan pan.c
	./pan -m200000 >out.txt 2>&1 || true
	errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' out.txt | head -n 1)
	states=$(sed -n 's/^ *\([0-9e.+]*\) states, stored.*/\1/p' out.txt | head -n 1)
	echo "$label: errors=$errors states=${states:-?}"
	if [ "$expect" = pass ] && [ "$errors" != 0 ]; then
		cat out.txt; exit 1
	fi
	if [ "$expect" = fail ] && [ "$errors" = 0 ]; then
		echo "$label: the mutant was not caught" >&2; exit 1
	fi
	grep -E "assertion violated|invalid end state" out.txt | head -n 1 || true
}

check protocol pass
check "mutant ($mutant)" fail -DMUTANT
