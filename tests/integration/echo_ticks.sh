#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The echo guest prints the latest line on every tick until the next line
# comes. The input follows what the guest prints, not the clock, so a host
# five times slower passes as a fast one does: feed "hello"; once it has been
# printed on 5 ticks, feed "world"; once that has been printed on 3 ticks,
# close input. The run must end with 0, every line "hello" or "world", no
# "hello" after a "world", and no more lines than 20 ms periods went by
# (the guest prints at most once per tick).
set -u
vmm=$1 guest=$2
period_ms=20
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "SKIP: no usable /dev/kvm" >&2; exit 77; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
start=$EPOCHREALTIME
coproc VMM { exec timeout 60 "$vmm" "$guest" -- "$period_ms"; }
pid=$VMM_PID to_vmm=${VMM[1]}
# Our own copy: bash closes the coprocess's descriptors once it has ended.
exec {from_vmm}<&"${VMM[0]}"

# wait_for WORD N: append the guest's lines to $out until WORD came N times.
wait_for() {
	local n=0 line
	while [ "$n" -lt "$2" ]; do
		if ! IFS= read -r -t 30 line <&"$from_vmm"; then
			echo "FAIL: '$1' printed $n times, then nothing for 30 s"
			cat "$out"
			exit 1
		fi
		printf '%s\n' "$line" >> "$out"
		[ "$line" = "$1" ] && n=$((n + 1))
	done
}
printf 'hello\n' >&"$to_vmm"
wait_for hello 5
printf 'world\n' >&"$to_vmm"
wait_for world 3
exec {to_vmm}>&- # end of input: the guest exits on a later tick
cat <&"$from_vmm" >> "$out"
wait "$pid"
status=$?
periods=$(awk -v a="$start" -v b="$EPOCHREALTIME" -v p="$period_ms" \
	'BEGIN { print int((b - a) * 1000 / p) }')
hellos=$(grep -c '^hello$' "$out")
worlds=$(grep -c '^world$' "$out")
others=$(grep -vc -e '^hello$' -e '^world$' "$out")
order_ok=$(awk '/^world$/ { w = 1 } /^hello$/ && w { bad = 1 } END { print bad ? 0 : 1 }' "$out")
echo "status $status, $hellos hello, $worlds world, $others other lines, $periods periods"
[ "$status" = 0 ] && [ "$hellos" -ge 5 ] && [ "$worlds" -ge 3 ] &&
	[ $((hellos + worlds)) -le "$periods" ] && [ "$others" = 0 ] &&
	[ "$order_ok" = 1 ]
