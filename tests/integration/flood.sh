#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The flood guest's output (lines of every length around the console buffer)
# must be byte for byte what it wrote, with coalesced I/O and without.
set -u
vmm=$1 guest=$2
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "SKIP: no usable /dev/kvm" >&2; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk 'function line(n,  s, c) { c = sprintf("%c", 97 + n % 26); s = ""
	while (length(s) < n) s = s c c c c c c c c c c c c c c c c
	print substr(s, 1, n) }
BEGIN { for (n = 0; n < 300; n++) line(n); for (n = 4090; n < 4100; n++) line(n)
	for (n = 8190; n < 8195; n++) line(n); for (n = 200000; n < 200003; n++) line(n) }' > "$tmp/expect"
"$vmm" "$guest" > "$tmp/coalesced" || { echo "FAIL: status $? (coalesced)"; exit 1; }
"$vmm" --no-coalesce "$guest" > "$tmp/plain" || { echo "FAIL: status $? (plain)"; exit 1; }
wc -c "$tmp/expect" "$tmp/coalesced" "$tmp/plain"
cmp "$tmp/expect" "$tmp/coalesced" && cmp "$tmp/expect" "$tmp/plain"
