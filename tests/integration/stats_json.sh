#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --stats=json prints one JSON object whose counts match what the echo guest
# is known to do with "hello\nworld\n": 12 bytes queued and read, 2 console
# lines of 12 bytes, one exit-device write, at least 3 timer events.
set -u
vmm=$1 guest=$2
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "SKIP: no usable /dev/kvm" >&2; exit 77; }
json=$(printf 'hello\nworld\n' | "$vmm" --stats=json "$guest" -- 10 2>&1 >/dev/null)
echo "$json"
echo "$json" | jq -e '
	.keyboard.queued == 12 and .keyboard.read == 12 and
	.console.lines == 2 and .console.bytes == 12 and
	(.ports[] | select(.device == "exit") | .accesses) == 1 and
	.timer.fired >= 3 and .exits_total == .exits.io and
	.exits_total > 0 and .run_s > 0 and .in_kvm_run_s <= .run_s and
	.idle_waits >= 0 and .idle_s <= .run_s' >/dev/null
