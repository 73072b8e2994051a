#!/bin/sh
# SPDX-License-Identifier: MIT
# Build the fuzz targets, gather the seeds, and run fuzz_machine, fuzz_elf
# and fuzz_gdb_rsp side by side for SECONDS each (default 60). Exits
# non-zero when any finds a crash, a leak, a sanitizer report, a timeout or an out-of-memory;
# the input is then in build-fuzz/artifacts/ and the log in build-fuzz/.
#
#   fuzz/smoke.sh [SECONDS]
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
out=${VMM_FUZZ_DIR:-$root/build-fuzz}

"$root/fuzz/build.sh" "$out" >/dev/null || exit 1
"$root/fuzz/seeds.sh" "$out/seeds" >/dev/null || exit 1
mkdir -p "$out/artifacts"

# run TARGET MAX_LEN [extra libFuzzer flags]: fuzz in the background into
# the target's growing corpus, seeded from seeds/.
run() {
	t=$1 len=$2
	shift 2
	mkdir -p "$out/corpus/$t"
	"$out/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len="$len" -print_final_stats=1 \
		-artifact_prefix="$out/artifacts/$t-" "$@" \
		"$out/corpus/$t" "$out/seeds/$(echo "$t" | sed 's/fuzz_//')" \
		> "$out/$t.log" 2>&1 &
}

run fuzz_machine 4096 -dict="$root/fuzz/machine.dict"
pid_machine=$!
run fuzz_elf 65536
pid_elf=$!
run fuzz_gdb_rsp 8192
pid_gdb_rsp=$!
fail=0
for t in machine elf gdb_rsp; do
	case $t in
	machine) wait "$pid_machine" ;;
	elf) wait "$pid_elf" ;;
	*) wait "$pid_gdb_rsp" ;;
	esac
	rc=$?
	log=$out/fuzz_$t.log
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -o 'cov: [0-9]*')
	if [ "$rc" = 0 ]; then
		echo "fuzz_$t: ok, ${runs:-?} runs in ${secs} s, $cov"
	else
		echo "fuzz_$t: FAILED (exit $rc) after ${runs:-?} runs; log $log"
		grep -E 'ERROR|SUMMARY|runtime error|broken promise|Test unit written' "$log" | head -20
		fail=1
	fi
done
exit $fail
