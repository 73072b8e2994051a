#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A polled echo guest that waits for input costs little host CPU (SPEC
# "Idle guests cost no host CPU") and still prints on every tick: feed
# "hi", keep input open 2 s with a 100 ms tick. Without idle waiting the
# guest spins a whole core. Bounds, not exact timing: the host may be slow
# and shared.
#   idle.sh VMM GUEST [VMM-OPTIONS...]
set -u
vmm=$1 guest=$2
shift 2
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "SKIP: no usable /dev/kvm" >&2; exit 77; }
out=$(mktemp) times=$(mktemp)
trap 'rm -f "$out" "$times"' EXIT
TIMEFORMAT='%R %U %S'
{ time { { printf 'hi\n'; sleep 2; } |
	timeout 30 "$vmm" "$@" "$guest" -- 100 > "$out" 2>/dev/null; }; } 2> "$times"
status=$?
read -r real user sys < "$times"
his=$(grep -c '^hi$' "$out")
others=$(grep -vc '^hi$' "$out")
# CPU per cent of one core over the run, start-up included.
pct=$(awk -v r="$real" -v u="$user" -v s="$sys" 'BEGIN { printf "%d", 100 * (u + s) / r }')
echo "status $status, $his hi, $others other lines, ${real}s wall, ${user}s user, ${sys}s sys: ${pct}% of a core"
[ "$status" = 0 ] && [ "$his" -ge 10 ] && [ "$his" -le 25 ] &&
	[ "$others" = 0 ] && [ "$pct" -le 25 ]
