#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# An interrupt echo guest prints exactly what the polled echo guest prints
# for the same input, and ends with the same status (SPEC "Interrupts";
# issue 14): a few inputs, with a 10 ms tick, on the virtual clock (issue
# 15), so that both see every line at the same tick on any host.
#   irq_same.sh VMM POLLED-MACHINE POLLED-GUEST IRQ-MACHINE IRQ-GUEST
set -u
vmm=$1 pm=$2 pg=$3 im=$4 ig=$5
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "SKIP: no usable /dev/kvm" >&2; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
long=$(printf 'x%.0s' $(seq 300))
fail=0
for input in 'hello\nworld\n' 'one\ntwo' '' '\n\n\n' "$long\\nshort\\n"; do
	printf "$input" | timeout 30 "$vmm" --clock virtual -c "$pm" "$pg" -- 10 >"$dir/polled"
	ps=$?
	printf "$input" | timeout 30 "$vmm" --clock virtual -c "$im" "$ig" -- 10 >"$dir/irq"
	is=$?
	if [ "$ps" != "$is" ] || ! cmp -s "$dir/polled" "$dir/irq"; then
		echo "FAIL: input '$input': polled status $ps, irq status $is"
		diff "$dir/polled" "$dir/irq" | head -5
		fail=1
	else
		echo "ok: input '$input': status $ps, $(wc -c <"$dir/irq") bytes"
	fi
done
exit $fail
