#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# docs/machine-format.md's error tables are what vmm prints: each case below
# is run as "vmm -c m.yaml GUEST" and must end with status 2 and one line on
# standard error that is an example of the tables, word for word; and every
# example of the tables must come from some case.
#
#   machine_errors.sh VMM GUEST DOC
set -u
vmm=$1 guest=$2 doc=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 2

# NAME and the machine file's text (printf escapes).
cases=(
	syntax_mapping 'memory: 16M\nentry: long: x\n'
	syntax_flow 'devices: { console: { port: 0x42 }\nentry: long\n'
	syntax_utf8 'memory: 16M\nentry: lo\377ng\n'
	empty ''
	top_sequence '- memory\n'
	two_documents 'memory: 16M\n---\nentry: long\n'
	unknown_key_near 'memroy: 16M\n'
	unknown_key 'memory: 16M\ncolour: blue\n'
	key_not_name '? [a]\n: 1\n'
	duplicate_key 'memory: 16M\nentry: long\nmemory: 32M\n'
	duplicate_device_key 'devices:\n  console: { port: 0x42, port: 0x43 }\n'
	scalar_expected 'memory: [16M]\n'
	mapping_expected 'devices: console\n'
	device_not_mapping 'devices:\n  console: 0x42\n'
	no_value 'memory:\n'
	bad_number 'memory: 16M\nload_address: 16k\n'
	number_too_big 'memory: 17179869184G\n'
	memory_0 'memory: 0\n'
	memory_not_pages 'memory: 0x1800\n'
	memory_too_small 'memory: 0x4000\n'
	memory_too_large 'memory: 0x8040000000\n'
	memory_no_1g_pages 'memory: 8G\n'
	unknown_entry 'entry: vm86\n'
	unknown_clock 'clock: wall\n'
	unknown_clock_near 'clock: virtaul\n'
	bad_duration 'input_delay: 1 s\n'
	duration_too_long 'input_delay: 99999999999999999999\n'
	unknown_device 'devices:\n  serial: { port: 0x3f8 }\n'
	unknown_device_near 'devices:\n  consle: { port: 0x42 }\n'
	device_twice 'devices:\n  console: { port: 0x42 }\n  exit: { port: 0xf4 }\n  console: { port: 0x43 }\n'
	unknown_port_key 'devices:\n  console: { prot: 0x42 }\n'
	bad_flag 'devices:\n  keyboard: { data_port: 0x44, status_port: 0x45, raw: yes }\n'
	bad_vector 'devices:\n  timer: { interval_port: 0x46, control_port: 0x47, irq: 31 }\n'
	missing_port 'devices:\n  keyboard: { data_port: 0x44 }\n'
	port_above_ffff 'devices:\n  console: { port: 0x10000 }\n'
	port_taken 'memory: 16M\ndevices:\n  console:  { port: 0x42 }\n  keyboard: { data_port: 0x42, status_port: 0x45 }\n'
	raw_keys_virtual 'clock: virtual\ndevices:\n  keyboard: { data_port: 0x44, status_port: 0x45, raw: true }\n'
	anchor 'memory: &m 16M\n'
	alias 'memory: *m\n'
	tag 'memory: !!str 16M\n'
	nul 'entry: "\\0"\n'
	unreadable -
	directory -
	too_large -
)

# The examples: each `m.yaml...` or `machines: ...` in a table row of the
# Errors section.
# shellcheck disable=SC2016 # the backquotes are the doc's, not the shell's
sed -n '/^## Errors/,$p' "$doc" | grep '^|' |
	grep -o '`\(m\.yaml\|machines\)[:][^`]*`' | tr -d '`' | sort -u > examples
[ -s examples ] || { echo "FAIL: no examples found in $doc" >&2; exit 1; }

fail=0
: > printed
for ((i = 0; i < ${#cases[@]}; i += 2)); do
	name=${cases[i]} text=${cases[i + 1]} file=m.yaml
	rm -rf m.yaml machines
	# shellcheck disable=SC2059 # each text is a format: its escapes
	case $name in
	unreadable) ;;
	directory) mkdir machines; file=machines ;;
	too_large) head -c 1048577 /dev/zero | tr '\0' ' ' > m.yaml ;;
	*) printf -- "$text" > m.yaml ;;
	esac
	if [ "$name" = raw_keys_virtual ]; then
		# Only a terminal on standard input brings this one.
		command -v script > /dev/null || { echo "SKIP: no script(1) for a terminal" >&2; exit 77; }
		script -qec "'$vmm' -c $file '$guest' 2> err; echo \$? > status" /dev/null < /dev/null > /dev/null
		status=$(cat status)
	else
		"$vmm" -c "$file" "$guest" < /dev/null > /dev/null 2> err
		status=$?
	fi
	line=$(cat err)
	# 1 GiB pages are the host's: where KVM gives them, 8 GiB runs.
	if [ "$name" = memory_no_1g_pages ] && [ "$status" != 2 ]; then
		echo "note: $name: this host's vCPU has 1 GiB pages (status $status), not checked here"
		grep -v 'cannot be identity-mapped' examples > e && mv e examples
		continue
	fi
	printf '%s\n' "$line" >> printed
	if [ "$status" != 2 ] || [ "$(wc -l < err)" != 1 ] || ! grep -qxF -- "$line" examples; then
		echo "FAIL: $name: status $status, not one line of the tables: $line" >&2
		fail=1
	fi
done
# No case can run vmm out of memory.
grep -v ': out of memory$' examples | while IFS= read -r ex; do
	grep -qxF -- "$ex" printed || { echo "FAIL: no case prints the example: $ex" >&2; exit 1; }
done || fail=1
[ "$fail" = 0 ] && echo "$(wc -l < printed) messages, each an example of the tables"
exit $fail
