#!/bin/sh
# SPDX-License-Identifier: MIT
# The version in CMakeLists.txt (project(vmm VERSION ...), which vmm
# --version prints) must be the one at the top of debian/changelog, which
# names the .deb: one version, written twice, held equal here.
#
#   version.sh PROJECT_VERSION debian/changelog
set -u
want=$1
got=$(sed -n '1s/^vmm (\([^)]*\)).*/\1/p' "$2")
if [ "$got" != "$want" ]; then
	echo "FAIL: $2 says version '$got', CMakeLists.txt says '$want'" >&2
	exit 1
fi
