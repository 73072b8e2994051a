#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Drive real gdb against `vmm --gdb 0` (any free port: vmm says which, so
# tests may run in parallel) on a C guest with symbols (tests/guests/gdbme.c)
# and check what gdb prints, what the guest prints and vmm's status.
#   gdb.sh VMM GUEST BITS CASE [MACHINE]
#   CASE: break hbreak watch intr fault detach kill; step (any guest, no
#         symbols);
#         nogdb (no gdb comes: --timeout still ends the wait);
#         nasm, nasm_break, nasm_intr, nasm_fault (tests/guests/gdbraw.inc,
#         no symbols: its fixed offsets from the load address, 0x1000 in
#         real mode, else 1 MiB)
set -u
vmm=$1 guest=$2 bits=$3 case=$4 machine=${5:-}
[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "SKIP: no usable /dev/kvm" >&2; exit 77; }
command -v gdb > /dev/null || { echo "SKIP: no gdb (scripts/install-deps)" >&2; exit 77; }
if [ "$case" = watch ] && [ -d /sys/module/kvm_pvm ]; then
	# kvm_pvm takes DR0-DR3 for execution breakpoints but never raises
	# a data breakpoint's #DB; Intel and AMD do.
	echo "SKIP: kvm_pvm does not raise data breakpoints (watchpoints)" >&2
	exit 77
fi
# QEMU's emulated SVM before 9.1 loads DR7 on VMRUN without arming its
# breakpoints, so a nested guest's DR0-DR3 never fire (fixed by QEMU's
# "target/i386: disable/enable breakpoints on vmentry/vmexit"). Hardware
# breakpoints and watchpoints need them, and so does a breakpoint in real
# mode (docs/debugging.md).
if { [ "$case" = watch ] || [ "$case" = hbreak ] ||
	[ "$case$bits" = nasm_break16 ]; } &&
	[ -n "${VMM_TESTVM_QEMU:-}" ] &&
	[ "$(printf '9.1\n%s\n' "$VMM_TESTVM_QEMU" | sort -V | head -1)" != 9.1 ]; then
	echo "SKIP: QEMU $VMM_TESTVM_QEMU's emulated SVM never raises a debug register's #DB (before 9.1)" >&2
	exit 77
fi
dir=$(mktemp -d)
trap 'kill "$vpid" 2> /dev/null; rm -rf "$dir"' EXIT
arg=
case $case in intr) arg=spin ;; fault) arg=trap ;; esac
vmm_secs=60
[ "$case" = nogdb ] && vmm_secs=1

# --timeout: a test that goes wrong ends, with status 124.
"$vmm" ${machine:+-c "$machine"} --timeout $vmm_secs --gdb 0 "$guest" ${arg:+-- "$arg"} > "$dir/out" 2> "$dir/err" &
vpid=$!
for _ in $(seq 100); do
	grep -q 'waiting for gdb' "$dir/err" && break
	sleep 0.1
done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$dir/err")
[ -n "$port" ] || { cat "$dir/err"; echo "FAIL: vmm named no port"; exit 1; }

pc=rip
[ "$bits" != 64 ] && pc=eip
base=0x100000
[ "$bits" = 16 ] && base=0x1000
hex() { printf '0x%x' $((base + $1)); }
# to: how timeout(1) ends gdb; the intr case sends gdb the SIGINT that a
# Ctrl-C would, by then with the guest running (gdb's remote Ctrl-C).
to="-s KILL 60"
rungdb() {
	timeout $to gdb -batch -nx -ex "set pagination off" \
		-ex "target remote 127.0.0.1:$port" "$@" "$guest" > "$dir/gdb" 2>&1
}
case $case in
break)
	# $4-$6: the x87 state as reset leaves it (FNINIT's; the guest uses
	# none: kvm_pvm cannot run x87 code); $7 the FS base main set in
	# long mode (void in 32-bit code, which has none).
	rungdb -ex "info registers $pc eflags cs ss" -ex "break bump" \
		-ex continue -ex "info registers $pc" -ex "p by" \
		-ex "x/s greeting" -ex stepi -ex "p counter" -ex next \
		-ex "p counter" -ex 'p $st0' -ex 'p/x $ftag' -ex 'p/x $fctrl' \
		-ex 'p/x $fs_base' -ex "set var answer = 99" -ex delete \
		-ex continue
	expect_status=3
	expect=("Breakpoint 1, bump (by=" "<bump>" '$1 = 1'
		'"hello from gdbme"' '$2 = 0' '$3 = 1'
		'$4 = 0' '$5 = 0xffff' '$6 = 0x37f'
		"exited with code 03")
	[ "$bits" = 64 ] && expect+=('$7 = 0x5a5a000')
	expect_out="answer 99" ;;
hbreak)
	# On DR0: it stays in place across both calls to bump.
	rungdb -ex "hbreak bump" -ex continue -ex "p by" -ex continue \
		-ex "p by" -ex delete -ex continue
	expect_status=3
	expect=("Hardware assisted breakpoint 1" "Breakpoint 1, bump (by="
		'$1 = 1' '$2 = 2' "exited with code 03")
	expect_out="answer 41" ;;
watch)
	rungdb -ex "watch counter" -ex continue -ex continue -ex kill
	expect_status=137
	expect=("Hardware watchpoint 1: counter" "Old value = 0"
		"New value = 1" "New value = 3")
	expect_out="hello from gdbme" ;;
intr)
	to="--foreground -s INT -k 60 3" # to gdb alone, once
	rungdb -ex continue -ex bt -ex kill
	expect_status=137
	expect=("received signal SIGINT" "spin_forever")
	expect_out="hello from gdbme" ;;
fault)
	rungdb -ex continue -ex bt -ex "info registers $pc" -ex continue
	expect_status=3
	expect=("received signal SIGILL" "fault_here" "exited with code 03")
	expect_out="hello from gdbme" ;;
detach)
	rungdb -ex "break bump" -ex continue -ex detach
	expect_status=3
	expect=("Breakpoint 1, bump" "detached")
	expect_out="answer 41" ;;
step)
	# A raw image: registers, one step, the end as gdb's "exited".
	rungdb -ex "info registers $pc" -ex stepi -ex "info registers $pc" \
		-ex continue
	start=$(sed -n "s/^$pc  *\(0x[0-9a-f]*\) .*/\1/p" "$dir/gdb" | head -1)
	expect_status=0
	expect=("$pc" "exited normally")
	[ -n "$start" ] && [ "$(grep -c "^$pc " "$dir/gdb")" = 2 ] &&
		! [ "$(grep "^$pc " "$dir/gdb" | sort -u | wc -l)" = 1 ] ||
		expect+=("a second, different $pc after stepi")
	expect_out="" ;;
kill)
	rungdb -ex "info registers $pc" -ex kill
	expect_status=137
	expect=("_start")
	expect_out="" ;;
nasm)
	# Held at the first instruction: read and write memory, one step
	# (the jmp to +0x30), then the exit device's status as gdb's exit.
	rungdb -ex 'p/x $pc' -ex "x/s $(hex 0x10)" \
		-ex "set {char}$(hex 0x10) = 'G'" -ex stepi -ex 'p/x $pc' \
		-ex continue
	expect_status=7
	expect=("\$1 = $(hex 0)" "$(hex 0x10):" '"gdb raw guest\n"'
		"\$2 = $(hex 0x30)" "exited with code 07")
	expect_out="Gdb raw guest" ;;
nasm_break)
	# A breakpoint on an address (no symbols), continue, the end.
	rungdb -ex "break *$(hex 0x60)" -ex continue -ex 'p/x $pc' \
		-ex "info registers $pc eflags" -ex continue
	expect_status=7
	expect=("Breakpoint 1, 0x" "\$1 = $(hex 0x60)"
		"exited with code 07")
	expect_out="gdb raw guest" ;;
nasm_intr)
	# gdb moves the PC to the spin (a register write), Ctrl-C stops it.
	to="--foreground -s INT -k 60 3"
	rungdb -ex "set \$pc = $(hex 0x70)" -ex continue -ex 'p/x $pc' \
		-ex kill
	expect_status=137
	expect=("received signal SIGINT" "\$1 = $(hex 0x70)")
	expect_out="" ;;
nasm_fault)
	# ... or to an OUT to a port with no device: a fault in every mode.
	rungdb -ex "set \$pc = $(hex 0x80)" -ex continue -ex 'p/x $pc' \
		-ex continue
	expect_status=3
	expect=("received signal SIGSEGV" "\$1 = $(hex 0x80)"
		"exited with code 03")
	expect_out="" ;;
nogdb)
	expect=()
	expect_status=124
	expect_err="vmm: timeout: the guest ran for 1000 ms"
	expect_out="" ;;
esac
wait "$vpid"
status=$?
vpid=
fail=0
touch "$dir/gdb"
for e in "${expect[@]}"; do
	grep -qF -- "$e" "$dir/gdb" || { echo "FAIL: gdb did not print '$e'"; fail=1; }
done
[ "$status" = "$expect_status" ] || { echo "FAIL: status $status, not $expect_status"; fail=1; }
if [ -n "$expect_out" ]; then
	grep -qxF -- "$expect_out" "$dir/out" || { echo "FAIL: no '$expect_out' on stdout"; fail=1; }
fi
if [ -n "${expect_err:-}" ]; then
	grep -qxF -- "$expect_err" "$dir/err" || { echo "FAIL: no '$expect_err' on stderr"; fail=1; }
fi
if [ $fail = 1 ]; then
	echo "--- gdb"; cat "$dir/gdb"; echo "--- stdout"; cat "$dir/out"
	echo "--- stderr"; cat "$dir/err"
fi
exit $fail
