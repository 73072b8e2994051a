#!/bin/sh
# SPDX-License-Identifier: MIT
# Install this build of vmm into a temporary prefix, then configure, build
# and test the out-of-tree example against that prefix alone, as a user's
# project would against /usr. Offline; removes everything it made. Exits 77
# when /dev/kvm is not usable (the example's guests could not run).
#
#   out_of_tree.sh CMAKE CTEST BUILD_DIR EXAMPLE_DIR
set -u
if [ $# -ne 4 ]; then
	echo "usage: $0 CMAKE CTEST BUILD_DIR EXAMPLE_DIR" >&2
	exit 2
fi
cmake=$1 ctest=$2 build=$3 example=$4
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
step() {
	echo "+ $*"
	"$@" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
}
step "$cmake" --install "$build" --prefix "$tmp/prefix"
step "$cmake" -S "$example" -B "$tmp/build" -DCMAKE_PREFIX_PATH="$tmp/prefix"
step "$cmake" --build "$tmp/build"
"$ctest" --test-dir "$tmp/build" --output-on-failure || exit 1
if ! [ -r /dev/kvm ] || ! [ -w /dev/kvm ]; then
	echo "SKIP: /dev/kvm is not usable here: the example's tests were skipped" >&2
	exit 77
fi
