#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Standard input and output as the host gives them: closed, full, a pipe
# whose reader went away, a file, /dev/null. Each CASE checks vmm's status
# and its one-line reason.   host_io.sh VMM GUEST_DIR CASE
set -u
vmm=$1 g=$2 case=$3
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "SKIP: no usable /dev/kvm" >&2; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
expect() { # STATUS [STDERR-PATTERN]: compare with $status and $tmp/err
	echo "case $case: status $status, stderr: $(head -c 300 "$tmp/err")"
	[ "$status" = "$1" ] || return 1
	if [ $# -gt 1 ]; then grep -Eq -- "$2" "$tmp/err"; else [ ! -s "$tmp/err" ]; fi
}
case $case in
stdout_closed)
	"$vmm" "$g/hello_long.bin" >&- 2>"$tmp/err"; status=$?
	expect 1 '^vmm: console: host I/O failed: Bad file descriptor$' ;;
stdout_full)
	"$vmm" "$g/hello_long.bin" >/dev/full 2>"$tmp/err"; status=$?
	expect 1 '^vmm: console: host I/O failed: No space left on device$' ;;
stdout_full_plain)
	"$vmm" --no-coalesce "$g/hello_long.bin" >/dev/full 2>"$tmp/err"; status=$?
	expect 1 '^vmm: console: host I/O failed: No space left on device$' ;;
stdout_epipe)
	"$vmm" "$g/flood.bin" 2>"$tmp/err" | head -c 10 >/dev/null; status=${PIPESTATUS[0]}
	expect 1 '^vmm: console: host I/O failed: Broken pipe$' ;;
stdin_closed)
	"$vmm" "$g/echo.bin" -- 10 <&- >"$tmp/out" 2>"$tmp/err"; status=$?
	[ ! -s "$tmp/out" ] && expect 0 ;;
stdin_devnull)
	"$vmm" "$g/kbdcount.bin" </dev/null >"$tmp/out" 2>"$tmp/err"; status=$?
	[ "$(cat "$tmp/out")" = 0 ] && expect 0 ;;
stdin_file)
	head -c 30000 /dev/zero > "$tmp/in"
	"$vmm" "$g/kbdcount.bin" <"$tmp/in" >"$tmp/out" 2>"$tmp/err"; status=$?
	[ "$(cat "$tmp/out")" = 30000 ] && expect 0 ;;
stdin_flood)
	# keys far faster than the guest reads, through a pipe: none lost
	head -c 100000 /dev/urandom | "$vmm" "$g/kbdcount.bin" >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$(cat "$tmp/out")" = 100000 ] && expect 0 ;;
*)
	echo "unknown case $case"; exit 2 ;;
esac
