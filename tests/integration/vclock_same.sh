#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# On the virtual clock every run is the same (SPEC "The virtual clock";
# issue 15): run a guest N times with the same input and check that every
# run prints exactly the expected bytes and ends with status 0. Wall times
# are printed for the log, never judged (bench/run measures them).
#   vclock_same.sh N EXPECTED-FILE INPUT-TEXT -- VMM ARGS...
set -u
n=$1 expect=$2 input=$3
shift 4
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "SKIP: no usable /dev/kvm" >&2; exit 77; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
fail=0
for i in $(seq "$n"); do
	start=$EPOCHREALTIME
	# shellcheck disable=SC2086 # VMM_EXTRA_ARGS is split into words on purpose
	printf "$input" | timeout 60 "$1" ${VMM_EXTRA_ARGS:-} "${@:2}" > "$out"
	status=$?
	ms=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", (b - a) * 1000 }')
	if [ "$status" != 0 ] || ! cmp -s "$out" "$expect"; then
		echo "FAIL: run $i: status $status, $(wc -c < "$out") bytes, ${ms} ms"
		diff "$expect" "$out" | head -5
		fail=1
	else
		echo "ok: run $i: $(wc -c < "$out") bytes as expected, ${ms} ms"
	fi
done
exit $fail
