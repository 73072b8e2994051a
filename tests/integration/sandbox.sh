#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The sandbox is on in a running vmm: /proc/PID/status says "Seccomp: 2"
# (filter mode) while the guest spins, and "Seccomp: 0" with --no-sandbox;
# --stats says it was on. (vmm runs here as it is, never under valgrind.)
#   sandbox.sh VMM SPIN-GUEST HELLO-GUEST
set -u
vmm=$1 guest=$2 hello=$3
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "SKIP: no usable /dev/kvm" >&2; exit 77; }
fail=0
# mode EXPECTED [vmm options]: run the spinning guest, read its seccomp mode
# once it has printed its first line (so it is past boot), then stop it.
mode() {
	want=$1
	shift
	tmp=$(mktemp -d)
	"$vmm" "$@" "$guest" > "$tmp/out" 2> "$tmp/err" &
	pid=$!
	for _ in $(seq 200); do
		grep -q "line one" "$tmp/out" 2>/dev/null && break
		sleep 0.05
	done
	got=$(awk '/^Seccomp:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"
	st=$?
	if [ "$got" != "$want" ] || [ "$st" != 143 ]; then
		echo "FAIL: vmm $*: Seccomp: '$got' (expected $want), status $st (expected 143)"
		cat "$tmp/err"
		fail=1
	else
		echo "ok: vmm $*: Seccomp: $got, status $st"
	fi
	rm -rf "$tmp"
}
mode 2
mode 0 --no-sandbox
if "$vmm" --stats "$hello" 2>&1 >/dev/null | grep -Eq '^  sandbox    on, [0-9]+ seccomp rules$'; then
	echo "ok: --stats says the sandbox was on"
else
	echo "FAIL: --stats does not say the sandbox was on"
	fail=1
fi
exit $fail
