#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --trace prints exactly one line per exit: compare with EXPECTED after
# masking the timestamp column, and check the timestamps never go back.
#   trace.sh VMM EXPECTED [vmm arguments...]
set -u
vmm=$1 expect=$2
shift 2
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "SKIP: no usable /dev/kvm" >&2; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$vmm" --trace-file "$tmp/trace" "$@" > "$tmp/out" 2> "$tmp/err"
echo "status $?"
[ -s "$tmp/err" ] && { echo "FAIL: unexpected stderr:"; cat "$tmp/err"; exit 1; }
awk 'NR > 1 && $1 < last { bad = 1 } { last = $1 } END { exit bad }' "$tmp/trace" ||
	{ echo "FAIL: timestamps go back"; exit 1; }
sed 's/^ *[0-9]*\.[0-9]\{6\} //' "$tmp/trace" > "$tmp/masked"
diff -u "$expect" "$tmp/masked"
