#!/bin/sh
# SPDX-License-Identifier: MIT
# One test of vmm_add_guest_test(): run vmm with standard input from INPUT,
# then compare its standard output byte for byte with EXPECT and its exit
# status with STATUS. Exits 77 (ctest's skip) where /dev/kvm is not usable,
# so a test never passes without running its guest.
#
#   vmm-guest-test.sh EXPECT INPUT STATUS VMM [VMM-ARGS...]
set -u
if [ $# -lt 4 ]; then
	echo "usage: $0 EXPECT INPUT STATUS VMM [VMM-ARGS...]" >&2
	exit 2
fi
expect=$1 input=$2 status=$3
shift 3
if ! [ -r /dev/kvm ] || ! [ -w /dev/kvm ]; then
	echo "SKIP: /dev/kvm is not usable here" >&2
	exit 77
fi
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
"$@" < "$input" > "$out"
got=$?
fail=0
if [ "$got" != "$status" ]; then
	echo "FAIL: exit status $got, expected $status" >&2
	fail=1
fi
if ! cmp -s "$expect" "$out"; then
	echo "FAIL: standard output differs from $expect (- expected, + got):" >&2
	diff -u "$expect" "$out" | tail -n +3 | head -40 >&2
	fail=1
fi
exit $fail
