#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SIGNAL ends a guest that spins without exits: vmm must exit with STATUS
# (128 + the signal) after writing out the partial console line. The signal
# goes once "line one" is out (the guest is running), not after a fixed
# sleep, so a slow host passes too.
set -u
vmm=$1 guest=$2 sig=$3 expect=$4
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "SKIP: no usable /dev/kvm" >&2; exit 77; }
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
"$vmm" "$guest" > "$out" 2> "$err" &
pid=$!
for _ in $(seq 300); do
	grep -q '^line one$' "$out" && break
	sleep 0.05
done
sleep 0.1 # and "partial" is written too: the guest spins
kill -"$sig" "$pid"
wait "$pid"
status=$?
printf 'status %s, stdout %q, stderr %q\n' "$status" "$(cat "$out")" "$(cat "$err")"
[ "$status" = "$expect" ] && [ "$(cat "$out")" = "$(printf 'line one\npartial')" ] &&
	grep -q "^vmm: stopped by $sig$" "$err"
