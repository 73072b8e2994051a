#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# On a terminal (a pty made by script(1)), a raw-keys machine switches the
# terminal to raw keys while the guest runs, and the settings come back
# after the run, however it ends: SIGNAL (a signal name) or "fault". HOW
# "line" runs a machine without raw keys: the terminal must stay untouched.
#   terminal.sh VMM MACHINE GUEST_DIR HOW
set -u
vmm=$1 machine=$2 g=$3 how=$4
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "SKIP: no usable /dev/kvm" >&2; exit 77; }
command -v script >/dev/null || { echo "FAIL: script(1) is missing"; exit 1; }
# A root without /dev/pts (a bare chroot) has no pseudo-terminals to test on.
script -qec true /dev/null >/dev/null 2>&1 ||
	{ echo "SKIP: no pseudo-terminal can be made here (is /dev/pts mounted?)" >&2; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The guest runs in the background on the terminal (\$t). Once it has
# printed "line one" (it is running: any raw mode is set), sample the
# terminal, then send the signal; no fixed sleep, so a slow host passes too.
# "line" sends TERM; "fault" just waits for the guest's fault.
guest="$vmm -c $machine $g/spin.bin" sig=$how
case $how in
fault) guest="$vmm -c $machine $g/noport.bin" ;;
line) guest="$vmm $g/spin.bin" sig=TERM ;;
esac
if [ "$how" = fault ]; then
	signal=:
else
	signal="i=0; until grep -q '^line one' $tmp/out || [ \$i = 300 ]; do sleep 0.05; i=\$((i + 1)); done
	stty -g -F \$t > $tmp/during; kill -$sig \$pid"
fi
script -qec "t=\$(tty); stty -g > $tmp/before
	$guest < \$t > $tmp/out 2> $tmp/err & pid=\$!
	$signal
	wait \$pid; echo \$? > $tmp/status; stty -g > $tmp/after" /dev/null > /dev/null
echo "status $(cat "$tmp/status"), stderr: $(head -1 "$tmp/err")"
echo "before $(cat "$tmp/before")"
echo "during $(cat "$tmp/during" 2>/dev/null)"
echo "after  $(cat "$tmp/after")"
cmp -s "$tmp/before" "$tmp/after" || { echo "FAIL: terminal not restored"; exit 1; }
if [ "$how" = line ]; then
	cmp -s "$tmp/before" "$tmp/during" || { echo "FAIL: terminal changed"; exit 1; }
elif [ "$how" != fault ]; then
	cmp -s "$tmp/before" "$tmp/during" && { echo "FAIL: terminal never raw"; exit 1; }
fi
case $how in
fault) [ "$(cat "$tmp/status")" = 3 ] ;;
TERM | line) [ "$(cat "$tmp/status")" = 143 ] ;;
INT) [ "$(cat "$tmp/status")" = 130 ] ;;
esac
