#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SIGNAL ends a guest that spins without exits: vmm must exit with STATUS
# (128 + the signal) after writing out the partial console line.
set -u
vmm=$1 guest=$2 sig=$3 expect=$4
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "SKIP: no usable /dev/kvm" >&2; exit 77; }
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
"$vmm" "$guest" > "$out" 2> "$err" &
pid=$!
sleep 0.3
kill -"$sig" "$pid"
wait "$pid"
status=$?
printf 'status %s, stdout %q, stderr %q\n' "$status" "$(cat "$out")" "$(cat "$err")"
[ "$status" = "$expect" ] && [ "$(cat "$out")" = "$(printf 'line one\npartial')" ] &&
	grep -q "^vmm: stopped by $sig$" "$err"
