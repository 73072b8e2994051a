#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# "cannot open /dev/kvm" says what to check: run vmm in a mount namespace
# where /dev/kvm is missing, then where it is a node this user may not open.
# Both end with status 1 and one line naming the reason and the check.
#   kvm_hint.sh VMM GUEST
set -u
vmm=$1 guest=$2
[ "$(id -u)" = 0 ] && command -v unshare >/dev/null && command -v setpriv >/dev/null ||
	{ echo "SKIP: needs root, unshare and setpriv to hide /dev/kvm" >&2; exit 77; }
fail=0
# check NAME EXPECTED-RE COMMAND...: status 1 and exactly one matching line.
check() {
	name=$1 re=$2
	shift 2
	err=$("$@" 2>&1 >/dev/null)
	got=$?
	if [ "$got" != 1 ] || [ "$(printf '%s\n' "$err" | wc -l)" != 1 ] ||
		! printf '%s\n' "$err" | grep -Eq -- "$re"; then
		echo "FAIL: $name: status $got, stderr:"; printf '%s\n' "$err"
		fail=1
	else
		echo "ok: $name: $err"
	fi
}
check missing \
	'^vmm: cannot open /dev/kvm: No such file or directory \(is KVM loaded\? modprobe kvm_intel or kvm_amd; .*nested virtualization\)$' \
	unshare -m sh -c 'mount -t tmpfs tmpfs /dev && exec "$0" "$1"' "$vmm" "$guest"
check denied \
	"^vmm: cannot open /dev/kvm: Permission denied \(check its permissions: join its group, usually 'kvm': sudo usermod -aG kvm .USER, then log in again\)$" \
	unshare -m sh -c 'mount -t tmpfs tmpfs /dev && mknod -m 600 /dev/kvm c 10 232 &&
		exec setpriv --reuid=65534 --regid=65534 --clear-groups "$0" "$1"' "$vmm" "$guest"
exit $fail
