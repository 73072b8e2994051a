#!/bin/sh
# SPDX-License-Identifier: MIT
# Build the libFuzzer targets (fuzz_machine, fuzz_elf, fuzz_gdb_rsp) with clang, ASan and
# UBSan straight from the project sources, into build-fuzz/ (or $1). The
# gcc build in build/ is left alone.
#
# With LIBYAML_SRC set to a libyaml source tree (src/ and include/, e.g. the
# 0.2.5 release Debian ships), libyaml is compiled in with the same
# instrumentation, so fuzz_machine is guided by the parser's coverage too
# and ASan checks libyaml's reads of the input. Otherwise the system -lyaml.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/build-fuzz}
cc=${CC_FUZZ:-clang}
mkdir -p "$out"

# machines/default.yaml embedded as in config/CMakeLists.txt.
cmake -DIN="$root/machines/default.yaml" -DOUT="$out/default_machine.c" \
	-P "$root/config/embed.cmake"

flags="-std=c11 -g -O1 -fno-omit-frame-pointer
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
	-Wall -Wextra -Wshadow -Wformat=2 -Wvla -Wstrict-prototypes
	-Wmissing-prototypes -Werror
	-D_GNU_SOURCE
	-I$root -I$root/src -I$root/guests/sdk/include"
# The modules the targets reach: config/, loader/ and the device model
# (every file, so a new one needs no change here), with the error helper.
config="$(echo "$root"/config/*.c) $out/default_machine.c"
devices="$root/src/err.c $(echo "$root"/src/devices/*.c)"
loader=$(echo "$root"/loader/*.c)
libs="$(pkg-config --libs libelf)"
if [ -n "${LIBYAML_SRC:-}" ]; then
	mkdir -p "$out/libyaml"
	printf '%s\n' '#define YAML_VERSION_MAJOR 0' '#define YAML_VERSION_MINOR 2' \
		'#define YAML_VERSION_PATCH 5' '#define YAML_VERSION_STRING "0.2.5"' \
		> "$out/libyaml/config.h"
	yaml=
	for f in api parser reader scanner; do
		# shellcheck disable=SC2086
		$cc -g -O1 -fno-omit-frame-pointer -w \
			-fsanitize=fuzzer-no-link,address,undefined \
			-fno-sanitize-recover=all -DHAVE_CONFIG_H \
			-I"$out/libyaml" -I"$LIBYAML_SRC/include" \
			-c "$LIBYAML_SRC/src/$f.c" -o "$out/libyaml/$f.o"
		yaml="$yaml $out/libyaml/$f.o"
	done
	flags="$flags -I$LIBYAML_SRC/include"
else
	yaml=
	libs="$libs $(pkg-config --libs yaml-0.1)"
fi

# shellcheck disable=SC2086 # the lists are word lists on purpose
$cc $flags -o "$out/fuzz_machine" \
	"$root/fuzz/fuzz_machine.c" $loader $config $devices $yaml $libs
# shellcheck disable=SC2086
$cc $flags -o "$out/fuzz_elf" \
	"$root/fuzz/fuzz_elf.c" $loader $config $devices $yaml $libs
# shellcheck disable=SC2086
$cc $flags -o "$out/fuzz_gdb_rsp" "$root/fuzz/fuzz_gdb_rsp.c" "$root/src/gdb/rsp.c"
echo "built $out/fuzz_machine $out/fuzz_elf $out/fuzz_gdb_rsp"
