#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The guest prints "line one" (after other lines, maybe), then spins without
# any exit. The line must reach standard output while the guest still runs
# (SPEC: within 20 ms of its newline), long before --timeout ends the run.
set -u
vmm=$1 guest=$2
shift 2
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "SKIP: no usable /dev/kvm" >&2; exit 77; }
coproc VMM { exec "$vmm" --timeout 20 "$@" "$guest" 2>/dev/null; }
pid=$VMM_PID
line=
while [ "$line" != "line one" ]; do
	if ! IFS= read -r -t 10 line <&"${VMM[0]}"; then
		echo "FAIL: no 'line one' within 10 s"
		kill "$pid" 2>/dev/null
		exit 1
	fi
done
kill -0 "$pid" 2>/dev/null && alive=1 || alive=0
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
echo "read '$line' while vmm was running: $alive"
[ "$line" = "line one" ] && [ "$alive" = 1 ]
