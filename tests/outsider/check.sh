#!/bin/bash
# check.sh VMM OUTDIR — run the outsider guests (built by build.sh into
# OUTDIR) under VMM and compare their exact standard output and exit status.
# Exit 0 when every case matches, 1 when one does not, 77 when /dev/kvm is
# not usable (skip), 2 on bad usage.
set -u
if [ $# -ne 2 ]; then
    echo "usage: $0 VMM OUTDIR" >&2
    exit 2
fi
vmm=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
machines=$here/../../machines

if ! [ -c /dev/kvm ] || ! { exec 3<>/dev/kvm; } 2>/dev/null; then
    echo "check.sh: /dev/kvm is not usable, skipping" >&2
    exit 77
fi
exec 3<&- 3>&-

for f in guest64.elf guest32.elf; do
    if ! [ -f "$out/$f" ]; then
        echo "check.sh: $out/$f is missing (run build.sh $out first)" >&2
        exit 2
    fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
ms() { echo $(( $(date +%s%N) / 1000000 )); }

# run NAME WANT_STATUS MIN_MS STDIN_CMD -- VMM-ARGS...
# Expected stdout is read from this function's standard input.
run() {
    local name=$1 want_status=$2 min_ms=$3 feed=$4
    shift 5
    cat >"$tmp/$name.want"
    local t0 t1 status
    t0=$(ms)
    bash -c "$feed" | "$vmm" --timeout 20 "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    status=${PIPESTATUS[1]}
    t1=$(ms)
    local ok=1
    if ! cmp -s "$tmp/$name.want" "$tmp/$name.out"; then
        ok=0
        echo "FAIL $name: stdout differs (want / got):"
        diff -u "$tmp/$name.want" "$tmp/$name.out" | sed 's/^/    /'
    fi
    if [ "$status" != "$want_status" ]; then
        ok=0
        echo "FAIL $name: exit status $status, want $want_status"
    fi
    if [ $((t1 - t0)) -lt "$min_ms" ]; then
        ok=0
        echo "FAIL $name: finished in $((t1 - t0)) ms, the timer needs at least $min_ms ms"
    fi
    if [ $ok = 1 ]; then
        echo "PASS $name ($((t1 - t0)) ms)"
    else
        echo "    command: $feed | $vmm --timeout 20 $*"
        if [ -s "$tmp/$name.err" ]; then
            echo "    stderr:"
            sed 's/^/    /' "$tmp/$name.err"
        fi
        failures=$((failures + 1))
    fi
}

# 1. The ELF64 guest on the built-in default machine (no -c).
run guest64-default 7 50 "printf 'abc\n'" -- \
    "$out/guest64.elf" -- hello outsider <<'EOF'
outsider: 64-bit guest up
bootinfo: magic VMMB version 2 size 0x838 memory 16777216
entry: registers ok
ports: console 0x42 keyboard 0x44/0x45 timer 0x46/0x47 exit 0xf4
bss ok, data ok
cmdline 14: [hello outsider]
keyboard: 4 bytes, sum 48
timer: interval 10 ms
5 ticks
exit 0x107
EOF

# 2. The ELF32 guest on machines/protected.yaml.
run guest32-protected 7 50 "printf 'abc\n'" -- \
    -c "$machines/protected.yaml" "$out/guest32.elf" -- hello outsider <<'EOF'
outsider: 32-bit guest up
bootinfo: magic VMMB version 2 size 0x838 memory 16777216
entry: registers ok
ports: console 0x42 keyboard 0x44/0x45 timer 0x46/0x47 exit 0xf4
bss ok, data ok
cmdline 14: [hello outsider]
keyboard: 4 bytes, sum 48
timer: interval 10 ms
5 ticks
exit 7
EOF

# 3. Same ELF64, every device moved, 32 MiB, empty stdin, no command line.
run guest64-remapped 7 50 "true" -- \
    -c "$here/remapped64.yaml" "$out/guest64.elf" <<'EOF'
outsider: 64-bit guest up
bootinfo: magic VMMB version 2 size 0x838 memory 33554432
entry: registers ok
ports: console 0x2f8 keyboard 0x1060/0x1064 timer 0x8040/0x8043 exit 0xfff0
bss ok, data ok
cmdline 0: []
keyboard: 0 bytes, sum 0
timer: interval 10 ms
5 ticks
exit 0x107
EOF

# 4. Same ELF32, devices moved, 8 MiB, no keyboard at all, `--` with no words.
run guest32-remapped 7 50 "printf 'xyz'" -- \
    -c "$here/remapped32.yaml" "$out/guest32.elf" -- <<'EOF'
outsider: 32-bit guest up
bootinfo: magic VMMB version 2 size 0x838 memory 8388608
entry: registers ok
ports: console 0xe9 keyboard absent/absent timer 0x70/0x71 exit 0x501
bss ok, data ok
cmdline 0: []
keyboard: absent
timer: interval 10 ms
5 ticks
exit 7
EOF

# 5. ELF64 with input arriving in pieces (the guest must keep polling until
#    end of input) and words that contain spaces.
run guest64-slow-input 7 50 \
    "printf 'ab'; sleep 0.2; printf 'cd'; sleep 0.2; printf '\n'" -- \
    "$out/guest64.elf" -- one "two words" three <<'EOF'
outsider: 64-bit guest up
bootinfo: magic VMMB version 2 size 0x838 memory 16777216
entry: registers ok
ports: console 0x42 keyboard 0x44/0x45 timer 0x46/0x47 exit 0xf4
bss ok, data ok
cmdline 19: [one two words three]
keyboard: 5 bytes, sum 148
timer: interval 10 ms
5 ticks
exit 0x107
EOF

# 6. ELF32 with 64 KiB of input written faster than the guest reads it
#    (SPEC: queued, never overwritten).
big="awk 'BEGIN { for (i = 0; i < 16384; i++) printf \"%c\", 32 + (i * 7) % 95 }'"
bash -c "$big" >"$tmp/big.in"
big_n=$(wc -c <"$tmp/big.in")
big_sum=$(od -An -v -tu1 "$tmp/big.in" | awk '{ for (i = 1; i <= NF; i++) s += $i } END { print s % 256 }')
run guest32-big-input 7 50 "cat '$tmp/big.in'" -- \
    -c "$machines/protected.yaml" "$out/guest32.elf" -- big <<EOF
outsider: 32-bit guest up
bootinfo: magic VMMB version 2 size 0x838 memory 16777216
entry: registers ok
ports: console 0x42 keyboard 0x44/0x45 timer 0x46/0x47 exit 0xf4
bss ok, data ok
cmdline 3: [big]
keyboard: $big_n bytes, sum $big_sum
timer: interval 10 ms
5 ticks
exit 7
EOF

if [ $failures -ne 0 ]; then
    echo "check.sh: $failures case(s) failed"
    exit 1
fi
echo "check.sh: all cases passed"
exit 0
