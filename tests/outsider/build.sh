#!/bin/bash
# build.sh OUTDIR — build the outsider guests with plain gcc (no SDK):
#   OUTDIR/guest64.elf  ELF64, for `entry: long`
#   OUTDIR/guest32.elf  ELF32, for `entry: protected`
set -euo pipefail
if [ $# -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
out=$1
mkdir -p "$out"
CC=${CC:-gcc}

# shellcheck disable=SC2054  # the commas belong to -Wl, options
common=(
    -std=gnu11 -O2 -Wall -Wextra -Werror
    -ffreestanding -nostdlib -static -fno-pic -no-pie
    -fno-stack-protector -fno-asynchronous-unwind-tables -fno-unwind-tables
    -fno-builtin -fno-tree-loop-distribute-patterns
    -mgeneral-regs-only -mno-red-zone
    -Wl,-T,"$here/guest.ld" -Wl,--build-id=none
)

"$CC" -m64 -mcmodel=small "${common[@]}" -o "$out/guest64.elf" "$here/guest64.c"
"$CC" -m32 "${common[@]}" -o "$out/guest32.elf" "$here/guest32.c"
