#!/bin/sh
# SPDX-License-Identifier: MIT
# Gather the seed corpora into DIR (default build-fuzz/seeds): DIR/gdb_rsp,
# a gdb session written below; DIR/machine
# from machines/, the test machines and fuzz/seeds/machine; DIR/elf from the
# built guests (build/guests, or $VMM_BUILD_DIR/guests) and the malformed
# images fuzz/gen_elf_seeds.c writes. Nothing binary is kept in git.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/build-fuzz/seeds}
guests=${VMM_BUILD_DIR:-$root/build}/guests
mkdir -p "$dir/machine" "$dir/elf" "$dir/gdb_rsp"
rm -f "$dir"/machine/* "$dir"/elf/* "$dir"/gdb_rsp/* # stale seeds of an earlier run

# What gdb sends at the start of a session, a breakpoint and a Ctrl-C.
printf '+$qSupported:multiprocess+;swbreak+#d4$QStartNoAckMode#b0+$?#3f$g#67$m100000,40#8f$Z0,100030,1#e1$vCont;c#a8\003$X100000,2:}]}\003#00-$P10=3010000000000000#00' \
	> "$dir/gdb_rsp/session"

for f in "$root"/machines/*.yaml "$root"/tests/integration/machines/*.yaml \
	"$root"/fuzz/seeds/machine/*.yaml; do
	[ -f "$f" ] && cp "$f" "$dir/machine/$(basename "$(dirname "$f")")-$(basename "$f")"
done

${CC:-cc} -std=c11 -O1 -o "$dir/gen_elf_seeds" "$root/fuzz/gen_elf_seeds.c"
"$dir/gen_elf_seeds" "$dir/elf"
rm -f "$dir/gen_elf_seeds"

if ls "$guests"/*.elf >/dev/null 2>&1; then
	for f in "$guests"/*.elf; do
		# Stripped: the loader reads only the headers and PT_LOADs, and
		# small seeds mutate faster. Two keep their symbols.
		objcopy --strip-all "$f" "$dir/elf/$(basename "$f")" 2>/dev/null ||
			cp "$f" "$dir/elf/"
	done
	cp "$guests/hello64.elf" "$dir/elf/hello64-full.elf"
	cp "$guests/hello32.elf" "$dir/elf/hello32-full.elf"
	cp "$guests"/*.bin "$dir/elf/"
else
	echo "seeds.sh: no built guests in $guests (build vmm first); using the generated seeds only" >&2
fi
echo "seeds: $(find "$dir/machine" -type f | wc -l) machine files, $(find "$dir/elf" -type f | wc -l) images in $dir"
