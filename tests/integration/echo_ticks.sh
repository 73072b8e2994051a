#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The echo guest prints the latest line on every tick until the next line
# comes: feed "hello", wait 0.5 s, feed "world", wait 0.3 s, close input.
# With a 20 ms period, "hello" must appear on many ticks (bounds, not exact
# timing: the host may be slow), then "world", and the run must end with 0.
set -u
vmm=$1 guest=$2
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "SKIP: no usable /dev/kvm" >&2; exit 77; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
{ printf 'hello\n'; sleep 0.5; printf 'world\n'; sleep 0.3; } |
	timeout 30 "$vmm" "$guest" -- 20 > "$out"
status=$?
hellos=$(grep -c '^hello$' "$out")
worlds=$(grep -c '^world$' "$out")
others=$(grep -vc -e '^hello$' -e '^world$' "$out")
order_ok=$(awk '/^world$/ { w = 1 } /^hello$/ && w { bad = 1 } END { print bad ? 0 : 1 }' "$out")
echo "status $status, $hellos hello, $worlds world, $others other lines"
[ "$status" = 0 ] && [ "$hellos" -ge 5 ] && [ "$hellos" -le 30 ] &&
	[ "$worlds" -ge 3 ] && [ "$worlds" -le 20 ] && [ "$others" = 0 ] &&
	[ "$order_ok" = 1 ]
