#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Run vmm once and compare its standard output (exactly), its exit status and
# its standard error (a grep -E pattern) with what the test expects.
#
#   run_guest.sh [--kvm] [--stdin-text T | --stdin FILE]
#                [--stdout-text T | --stdout-file FILE] [--stdout-re RE] [--stderr-re RE]... [--status N] -- VMM ARGS...
#
# --kvm: the run needs /dev/kvm; without it the test exits 77 (ctest SKIP).
# --plain: run VMM with --no-coalesce (every console OUT a VM exit).
# VMM_EXTRA_ARGS in the environment go right after VMM (scripts/check-valgrind
# gives --no-sandbox: valgrind cannot run a seccomp filter).
# --skip-on-pvm WHY: exit 77 on the paravirtual kvm_pvm, which cannot run
#   what the test needs (WHY says what); Intel and AMD hosts run it.
# --stderr-re may be given more than once: some line must match each.
# Texts take printf escapes (\n). Without --stdout-text, stdout must be empty.
# VMM_WRAPPER in the environment (e.g. valgrind and its options, as in
# scripts/check-valgrind) is put before the command, split into words.
set -u
plain=0 needs_kvm=0 stdin_text= stdin_file=/dev/null expect_out= expect_file=
out_re= status=0
expect_re=()
while [ $# -gt 0 ]; do
	case "$1" in
	--kvm) needs_kvm=1 ;;
	--plain) plain=1 ;;
	--skip-on-pvm) [ -e /sys/module/kvm_pvm ] && { echo "SKIP: kvm_pvm $2" >&2; exit 77; }; shift ;;
	--stdin-text) stdin_text=$2; stdin_file=; shift ;;
	--stdin) stdin_file=$2; shift ;;
	--stdout-text) expect_out=$2; shift ;;
	--stdout-file) expect_file=$2; shift ;;
	--stdout-re) out_re=$2; shift ;;
	--stderr-re) expect_re+=("$2"); shift ;;
	--status) status=$2; shift ;;
	--) shift; break ;;
	*) echo "run_guest.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
if [ "$needs_kvm" = 1 ] && ! [ -r /dev/kvm ] || [ "$needs_kvm" = 1 ] && ! [ -w /dev/kvm ]; then
	echo "SKIP: /dev/kvm is not usable here" >&2
	exit 77
fi
if [ -n "${VMM_EXTRA_ARGS:-}" ]; then
	vmm=$1
	shift
	# shellcheck disable=SC2086 # split into words on purpose
	set -- "$vmm" $VMM_EXTRA_ARGS "$@"
fi
if [ "$plain" = 1 ]; then
	vmm=$1
	shift
	set -- "$vmm" --no-coalesce "$@"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$stdin_file" ]; then
	printf "$stdin_text" > "$tmp/in"
	stdin_file=$tmp/in
fi
if [ -n "$expect_file" ]; then
	cp "$expect_file" "$tmp/expect" || exit 2
else
	printf "$expect_out" > "$tmp/expect"
fi
# shellcheck disable=SC2086 # VMM_WRAPPER is split into words on purpose
timeout 60 ${VMM_WRAPPER:-} "$@" < "$stdin_file" > "$tmp/out" 2> "$tmp/err"
got=$?
fail=0
if [ "$got" != "$status" ]; then
	echo "FAIL: exit status $got, expected $status" >&2
	fail=1
fi
if [ -n "$out_re" ]; then
	if ! grep -Eq -- "$out_re" "$tmp/out"; then
		echo "FAIL: standard output does not match /$out_re/" >&2
		fail=1
	fi
elif ! cmp -s "$tmp/out" "$tmp/expect"; then
	echo "FAIL: standard output differs (expected, then got):" >&2
	if [ -n "$expect_file" ]; then
		diff "$tmp/expect" "$tmp/out" | head -20 >&2
	else
		od -c "$tmp/expect" | head -20 >&2
		od -c "$tmp/out" | head -20 >&2
	fi
	fail=1
fi
for re in "${expect_re[@]}"; do
	if ! grep -Eq -- "$re" "$tmp/err"; then
		echo "FAIL: standard error does not match /$re/" >&2
		fail=1
	fi
done
if [ "${#expect_re[@]}" = 0 ] && [ -s "$tmp/err" ]; then
	echo "FAIL: unexpected standard error" >&2
	fail=1
fi
echo "--- stderr:" >&2
cat "$tmp/err" >&2
exit $fail
