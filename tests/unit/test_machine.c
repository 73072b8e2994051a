/* SPDX-License-Identifier: MIT */
/* config/machine.c: every key, number form and error message, exactly. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "vmm_abi.h"

#include "config/cfg_text.h"
#include "config/machine.h"
#include "src/devices/devices.h"

#define NO_PORT 0x10000u

static int parse(const char *yaml, struct machine *m, struct vmm_err *err)
{
	memset(err, 0, sizeof(*err));
	return machine_parse("m.yaml", yaml, strlen(yaml), m, err);
}

/* The port bound to key of device name in m, or NO_PORT. */
static unsigned port_of(const struct machine *m, const char *name,
			const char *key)
{
	for (unsigned i = 0; i < m->ndevs; i++) {
		const struct dev_desc *d = m->dev[i].desc;

		if (strcmp(d->name, name) != 0)
			continue;
		for (size_t k = 0; k < d->nports; k++)
			if (strcmp(d->ports[k].key, key) == 0)
				return m->dev[i].port[k];
	}
	return NO_PORT;
}

static void check_ports(const struct machine *m, unsigned console,
			unsigned kbd_data, unsigned kbd_status,
			unsigned interval, unsigned control, unsigned exit)
{
	assert_int_equal(m->ndevs, 4);
	assert_int_equal(port_of(m, "console", "port"), console);
	assert_int_equal(port_of(m, "keyboard", "data_port"), kbd_data);
	assert_int_equal(port_of(m, "keyboard", "status_port"), kbd_status);
	assert_int_equal(port_of(m, "timer", "interval_port"), interval);
	assert_int_equal(port_of(m, "timer", "control_port"), control);
	assert_int_equal(port_of(m, "exit", "port"), exit);
}

/* yaml must fail with -EINVAL and exactly msg; line is the caller's. */
static void check_error(const char *yaml, const char *msg, int line)
{
	struct machine m;
	struct vmm_err err;
	int rc = parse(yaml, &m, &err);

	if (rc != -EINVAL || strcmp(err.msg, msg) != 0)
		print_error("case at line %d: rc %d, message: %s\n", line, rc,
			    err.msg);
	assert_int_equal(rc, -EINVAL);
	assert_int_equal(err.code, -EINVAL);
	assert_string_equal(err.msg, msg);
}

#define expect_error(yaml, msg) check_error(yaml, msg, __LINE__)

static void test_builtin_default(void **state)
{
	struct machine m;
	struct vmm_err err = { 0 };

	(void)state;
	assert_int_equal(machine_load_default(&m, &err), 0);
	assert_string_equal(m.file, MACHINE_BUILTIN_NAME);
	assert_int_equal(m.mem_bytes, MACHINE_DEFAULT_MEM_BYTES);
	assert_int_equal(m.entry, MACHINE_DEFAULT_ENTRY);
	assert_int_equal(m.load_address, MACHINE_DEFAULT_LOAD_ADDRESS);
	assert_int_equal(m.clock, MACHINE_CLOCK_HOST);
	assert_int_equal(m.input_delay_ns, 1000000000u);
	check_ports(&m, VMM_DEFAULT_PORT_CONSOLE, VMM_DEFAULT_PORT_KBD_DATA,
		    VMM_DEFAULT_PORT_KBD_STATUS, VMM_DEFAULT_PORT_TIMER_INTERVAL,
		    VMM_DEFAULT_PORT_TIMER_CONTROL, VMM_DEFAULT_PORT_EXIT);
	/* "memory: 16M" is line 4 of machines/default.yaml. */
	assert_int_equal(m.mem_mark.line, 4);
	assert_int_equal(m.mem_mark.column, 9);
	assert_ptr_equal(m.dev[0].desc, devices_find("console"));
}

static void test_default_file_is_builtin(void **state)
{
	struct machine file, builtin;
	struct vmm_err err = { 0 };

	(void)state;
	assert_int_equal(machine_load(VMM_SOURCE_DIR "/machines/default.yaml",
				      &file, &err),
			 0);
	assert_int_equal(machine_load_default(&builtin, &err), 0);
	assert_string_equal(file.file, VMM_SOURCE_DIR "/machines/default.yaml");
	memcpy(file.file, builtin.file, sizeof(file.file));
	assert_memory_equal(&file, &builtin, sizeof(file));
}

static void test_machine_files(void **state)
{
	struct machine m;
	struct vmm_err err = { 0 };

	(void)state;
	assert_int_equal(machine_load(VMM_SOURCE_DIR "/machines/protected.yaml",
				      &m, &err),
			 0);
	assert_int_equal(m.mem_bytes, 16u << 20);
	assert_int_equal(m.entry, ENTRY_PROTECTED);
	assert_int_equal(m.load_address, 0x100000);
	check_ports(&m, 0x42, 0x44, 0x45, 0x46, 0x47, 0xf4);

	assert_int_equal(machine_load(VMM_SOURCE_DIR "/machines/real.yaml", &m,
				      &err),
			 0);
	assert_int_equal(m.mem_bytes, 1u << 20);
	assert_int_equal(m.entry, ENTRY_REAL);
	assert_int_equal(m.load_address, 0x1000);
	check_ports(&m, 0x42, 0x44, 0x45, 0x46, 0x47, 0xf4);

	assert_int_equal(machine_load(VMM_SOURCE_DIR "/machines/remapped.yaml",
				      &m, &err),
			 0);
	assert_int_equal(m.mem_bytes, 32u << 20);
	assert_int_equal(m.entry, ENTRY_LONG);
	assert_int_equal(m.load_address, 0x100000);
	check_ports(&m, 0x3f8, 0x60, 0x64, 0x1040, 0x1041, 0x501);
}

static void test_missing_keys_take_defaults(void **state)
{
	struct machine m;
	struct vmm_err err;

	(void)state;
	assert_int_equal(parse("devices:\n  exit: { port: 0xf4 }\n", &m, &err),
			 0);
	assert_int_equal(m.mem_bytes, MACHINE_DEFAULT_MEM_BYTES);
	assert_int_equal(m.entry, MACHINE_DEFAULT_ENTRY);
	assert_int_equal(m.load_address, MACHINE_DEFAULT_LOAD_ADDRESS);
	assert_int_equal(m.ndevs, 1);
	assert_int_equal(port_of(&m, "exit", "port"), 0xf4);
	assert_int_equal(port_of(&m, "console", "port"), NO_PORT);
	/* A key left out is reported at the top-level mapping. */
	assert_int_equal(m.mem_mark.line, 1);
	assert_int_equal(m.mem_mark.column, 1);
	assert_string_equal(m.file, "m.yaml");
}

static void test_failure_leaves_machine(void **state)
{
	struct machine m, before;
	struct vmm_err err;

	(void)state;
	assert_int_equal(parse("memory: 2M\nentry: real\n", &m, &err), 0);
	before = m;
	assert_int_equal(parse("memory: 4M\nentry: rael\n", &m, &err),
			 -EINVAL);
	assert_memory_equal(&m, &before, sizeof(m));
}

/* Without a devices: key, the built-in machine's devices, each at the
 * top-level mapping's mark; with one, only what it lists. */
static void test_devices_left_out(void **state)
{
	struct machine m, builtin;
	struct vmm_err err;

	(void)state;
	assert_int_equal(machine_load_default(&builtin, &err), 0);
	assert_int_equal(parse("# no devices: key\n"
			       "  memory: 1M\n  entry: real\n",
			       &m, &err),
			 0);
	check_ports(&m, VMM_DEFAULT_PORT_CONSOLE, VMM_DEFAULT_PORT_KBD_DATA,
		    VMM_DEFAULT_PORT_KBD_STATUS, VMM_DEFAULT_PORT_TIMER_INTERVAL,
		    VMM_DEFAULT_PORT_TIMER_CONTROL, VMM_DEFAULT_PORT_EXIT);
	for (unsigned i = 0; i < m.ndevs; i++) {
		assert_ptr_equal(m.dev[i].desc, builtin.dev[i].desc);
		assert_int_equal(m.dev[i].flags, builtin.dev[i].flags);
		assert_int_equal(m.dev[i].irq, builtin.dev[i].irq);
		assert_int_equal(m.dev[i].mark.line, 2);
		assert_int_equal(m.dev[i].mark.column, 3);
	}
	assert_int_equal(m.entry, ENTRY_REAL);
	assert_int_equal(m.mem_bytes, 1u << 20);
	assert_string_equal(m.file, "m.yaml");
}

static void test_no_devices(void **state)
{
	struct machine m;
	struct vmm_err err;

	(void)state;
	assert_int_equal(parse("memory: 1M\nentry: real\ndevices: {}\n", &m,
			       &err),
			 0);
	assert_int_equal(m.ndevs, 0);
	assert_int_equal(m.entry, ENTRY_REAL);
	assert_int_equal(m.mem_bytes, 1u << 20);
	assert_int_equal(m.mem_mark.line, 1);
	assert_int_equal(m.mem_mark.column, 9);
	assert_int_equal(m.entry_mark.line, 2);
	assert_int_equal(m.entry_mark.column, 8);
	assert_int_equal(parse("devices: {}\n", &m, &err), 0);
	assert_int_equal(m.ndevs, 0);
	assert_int_equal(parse("devices:\n# all left out\n", &m, &err), 0);
	assert_int_equal(m.ndevs, 0);
}

static void test_block_style_and_quotes(void **state)
{
	struct machine m;
	struct vmm_err err;

	(void)state;
	assert_int_equal(parse("memory: '64M'\n"
			       "entry: \"protected\"\n"
			       "devices:\n"
			       "  keyboard:\n"
			       "    status_port: 100\n"
			       "    data_port: 0x60\n"
			       "  console:\n"
			       "    port: 0x3F8\n",
			       &m, &err),
			 0);
	assert_int_equal(m.mem_bytes, 64u << 20);
	assert_int_equal(m.entry, ENTRY_PROTECTED);
	assert_int_equal(m.ndevs, 2);
	/* In file order. */
	assert_ptr_equal(m.dev[0].desc, devices_find("keyboard"));
	assert_ptr_equal(m.dev[1].desc, devices_find("console"));
	assert_int_equal(m.dev[0].mark.line, 4);
	assert_int_equal(m.dev[0].mark.column, 3);
	assert_int_equal(port_of(&m, "keyboard", "data_port"), 0x60);
	assert_int_equal(port_of(&m, "keyboard", "status_port"), 100);
	assert_int_equal(port_of(&m, "console", "port"), 0x3f8);
}

static void test_numbers(void **state)
{
	static const struct {
		const char *text;
		uint64_t val;
	} ok[] = {
		{ "0", 0 },
		{ "4096", 4096 },
		{ "010", 10 }, /* decimal, never octal */
		{ "0x1000", 0x1000 },
		{ "0X1000", 0x1000 },
		{ "0xfFfF", 0xffff },
		{ "4K", 4096 },
		{ "3M", 3u << 20 },
		{ "2G", 2ull << 30 },
		{ "0x10M", 16u << 20 },
		{ "0x1B", 0x1b },
		{ "18446744073709551615", UINT64_MAX },
		{ "0xffffffffffffffff", UINT64_MAX },
		{ "17179869183G", 17179869183ull << 30 },
	};
	char yaml[128];
	struct machine m;
	struct vmm_err err;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		snprintf(yaml, sizeof(yaml), "load_address: %s\n", ok[i].text);
		assert_int_equal(parse(yaml, &m, &err), 0);
		assert_int_equal(m.load_address, ok[i].val);
		assert_int_equal(m.load_mark.column, 15);
	}
}

static void test_bad_numbers(void **state)
{
	static const char *const bad[] = {
		"-1",  "+1",    "' 1'",  "'1 '", "1.5", "0x",  "K",
		"16k", "0x0x5", "16 M",  "1e3",  "0xg", "16MB", "0b101",
		"''",  "1_000", "0x-1",
	};
	char yaml[128], msg[256], shown[16];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *t = bad[i];
		size_t n = strlen(t);

		/* The message shows the value, not its quotes. */
		if (t[0] == '\'')
			snprintf(shown, sizeof(shown), "%.*s", (int)n - 2,
				 t + 1);
		else
			snprintf(shown, sizeof(shown), "%s", t);
		snprintf(yaml, sizeof(yaml), "entry: long\nload_address: %s\n",
			 t);
		snprintf(msg, sizeof(msg),
			 "m.yaml:2:15: bad number '%s' for 'load_address' (expected decimal or 0x hex, with an optional K, M or G suffix)",
			 shown);
		check_error(yaml, msg, __LINE__);
	}
}

static void test_number_overflow(void **state)
{
	(void)state;
	expect_error("load_address: 18446744073709551616\n",
		     "m.yaml:1:15: number '18446744073709551616' for 'load_address' does not fit in 64 bits");
	expect_error("load_address: 0x10000000000000000\n",
		     "m.yaml:1:15: number '0x10000000000000000' for 'load_address' does not fit in 64 bits");
	expect_error("memory: 17179869184G\n",
		     "m.yaml:1:9: number '17179869184G' for 'memory' does not fit in 64 bits");
}

static void test_syntax_errors(void **state)
{
	(void)state;
	expect_error("memory: 16M\nentry: long: x\n",
		     "m.yaml:2:12: syntax error: mapping values are not allowed in this context");
	expect_error("devices: { console: { port: 0x42 }\n",
		     "m.yaml:2:1: syntax error: did not find expected ',' or '}' (while parsing a flow mapping at 1:10)");
	expect_error("devices:\n\tconsole: { port: 0x42 }\n",
		     "m.yaml:2:1: syntax error: found character that cannot start any token (while scanning for the next token at 2:1)");
	expect_error("memory: 16M\nentry: \"long\n",
		     "m.yaml:3:1: syntax error: found unexpected end of stream (while scanning a quoted scalar at 2:8)");
	/* Reader errors carry a byte offset; the mark is counted from it. */
	expect_error("memory: 16M\nentry: lo\xffng\n",
		     "m.yaml:2:10: syntax error: invalid leading UTF-8 octet");
	expect_error("entry: \"\xc3\xa9\" \x01\n",
		     "m.yaml:1:12: syntax error: control characters are not allowed");
}

static void test_empty(void **state)
{
	(void)state;
	expect_error("", "m.yaml:1:1: the machine description is empty");
	expect_error("# nothing\n\n",
		     "m.yaml:3:1: the machine description is empty");
	expect_error("---\n", "m.yaml:2:1: the machine description is empty");
}

static void test_top_not_mapping(void **state)
{
	(void)state;
	expect_error("- memory\n",
		     "m.yaml:1:1: the top level must be a mapping, found a sequence");
	expect_error("long\n",
		     "m.yaml:1:1: the top level must be a mapping, found a scalar");
	expect_error("memory: 16M\n---\nmemory: 32M\n",
		     "m.yaml:2:1: only one document is allowed");
}

static void test_unknown_key(void **state)
{
	(void)state;
	expect_error("memroy: 16M\n",
		     "m.yaml:1:1: unknown key 'memroy' (did you mean 'memory'?)");
	expect_error("memory: 16M\nload_adress: 0x1000\n",
		     "m.yaml:2:1: unknown key 'load_adress' (did you mean 'load_address'?)");
	expect_error("memory: 16M\ncolour: red\n",
		     "m.yaml:2:1: unknown key 'colour' (expected 'memory', 'entry', 'load_address', 'clock', 'input_delay' or 'devices')");
	expect_error("? [memory]\n: 16M\n",
		     "m.yaml:1:3: a key must be a name, found a sequence");
}

static void test_duplicate_key(void **state)
{
	(void)state;
	expect_error("memory: 16M\nentry: long\nmemory: 32M\n",
		     "m.yaml:3:1: duplicate key 'memory' (first at 1:1)");
	expect_error("devices:\n  console: { port: 0x42, port: 0x43 }\n",
		     "m.yaml:2:26: duplicate key 'port' (first at 2:14)");
}

static void test_wrong_type(void **state)
{
	(void)state;
	expect_error("memory: [16M]\n",
		     "m.yaml:1:9: 'memory' must be a scalar, found a sequence");
	expect_error("entry: { mode: long }\n",
		     "m.yaml:1:8: 'entry' must be a scalar, found a mapping");
	expect_error("devices: console\n",
		     "m.yaml:1:10: 'devices' must be a mapping, found a scalar");
	expect_error("devices:\n  - console\n",
		     "m.yaml:2:3: 'devices' must be a mapping, found a sequence");
	expect_error("devices:\n  console: 0x42\n",
		     "m.yaml:2:12: 'console' must be a mapping, found a scalar");
	expect_error("devices:\n  console: { port: [0x42] }\n",
		     "m.yaml:2:20: 'port' must be a scalar, found a sequence");
	expect_error("memory:\nentry: long\n", "m.yaml:1:8: 'memory' has no value");
	expect_error("entry: ~\n",
		     "m.yaml:1:8: unknown entry mode '~' (expected 'real', 'protected' or 'long')");
}

static void test_memory_limits(void **state)
{
	struct machine m;
	struct vmm_err err;

	(void)state;
	expect_error("memory: 0x1800\n",
		     "m.yaml:1:9: memory 0x1800 is not a multiple of 4 KiB (0x1000)");
	expect_error("memory: 1000\n",
		     "m.yaml:1:9: memory 0x3e8 is not a multiple of 4 KiB (0x1000)");
	expect_error("memory: 0\nentry: real\n",
		     "m.yaml:1:9: memory must not be 0");
	/* Checked once the entry mode is known, wherever it is written. */
	expect_error("memory: 16K\nentry: long\n",
		     "m.yaml:1:9: memory 0x4000 is too small for entry mode 'long' (at least 0x8000)");
	expect_error("memory: 513G\n",
		     "m.yaml:1:9: memory 0x8040000000 is above 0x8000000000 (512 GiB), the most vmm can map");
	assert_int_equal(parse("memory: 32K\n", &m, &err), 0);
	assert_int_equal(m.mem_bytes, 0x8000);
	assert_int_equal(parse("memory: 4K\nentry: real\n", &m, &err), 0);
	assert_int_equal(parse("memory: 4K\nentry: protected\n", &m, &err), 0);
	assert_int_equal(parse("memory: 512G\n", &m, &err), 0);
	assert_int_equal(m.mem_bytes, 512ull << 30);
	/* More than the entry mode addresses: the guest may switch modes
	 * (docs/machine-format.md), so one limit for every mode. */
	assert_int_equal(parse("memory: 16G\nentry: real\n", &m, &err), 0);
	assert_int_equal(m.mem_bytes, 16ull << 30);
	assert_int_equal(parse("memory: 512G\nentry: protected\n", &m, &err),
			 0);
	assert_int_equal(m.mem_bytes, 512ull << 30);
	expect_error("memory: 513G\nentry: real\n",
		     "m.yaml:1:9: memory 0x8040000000 is above 0x8000000000 (512 GiB), the most vmm can map");
}

static void test_unknown_entry(void **state)
{
	(void)state;
	expect_error("entry: lnog\n",
		     "m.yaml:1:8: unknown entry mode 'lnog' (did you mean 'long'?)");
	expect_error("entry: Protected\n",
		     "m.yaml:1:8: unknown entry mode 'Protected' (did you mean 'protected'?)");
	expect_error("entry: vm86\n",
		     "m.yaml:1:8: unknown entry mode 'vm86' (expected 'real', 'protected' or 'long')");
	/* What a message shows of a value stays on one line and short. */
	expect_error("entry: \"lo\\nng\"\n",
		     "m.yaml:1:8: unknown entry mode 'lo?ng' (did you mean 'long'?)");
	expect_error("entry: xxxxxxxxxxyyyyyyyyyyxxxxxxxxxxyyyyyyyyyyxxxxxxxxxx\n",
		     "m.yaml:1:8: unknown entry mode 'xxxxxxxxxxyyyyyyyyyyxxxxxxxxxxyyyyyyyyyyxxxx...' (expected 'real', 'protected' or 'long')");
}

/* clock: host | virtual, and input_delay as a duration (SPEC "The
 * virtual clock"). */
static void test_clock_keys(void **state)
{
	struct machine m;
	struct vmm_err err;

	(void)state;
	assert_int_equal(parse("clock: virtual\ninput_delay: 0.25\n", &m, &err), 0);
	assert_int_equal(m.clock, MACHINE_CLOCK_VIRTUAL);
	assert_int_equal(m.input_delay_ns, 250000000u);
	assert_int_equal(m.clock_mark.line, 1);
	assert_int_equal(m.input_delay_mark.line, 2);
	assert_int_equal(parse("clock: host\ninput_delay: 250ms\n", &m, &err), 0);
	assert_int_equal(m.clock, MACHINE_CLOCK_HOST);
	assert_int_equal(m.input_delay_ns, 250000000u);
	assert_int_equal(parse("input_delay: 0\n", &m, &err), 0);
	assert_int_equal(m.input_delay_ns, 0);
	assert_string_equal(machine_clock_name(MACHINE_CLOCK_VIRTUAL), "virtual");
	expect_error("clock: virtaul\n",
		     "m.yaml:1:8: unknown clock 'virtaul' (did you mean 'virtual'?)");
	expect_error("clock: wall\n",
		     "m.yaml:1:8: unknown clock 'wall' (expected 'host' or 'virtual')");
	expect_error("clock: [virtual]\n",
		     "m.yaml:1:8: 'clock' must be a scalar, found a sequence");
	expect_error("input_delay: 1 s\n",
		     "m.yaml:1:14: bad duration '1 s' for 'input_delay' (expected seconds, e.g. 1, 0.25 or 250ms)");
	expect_error("input_delay: -1\n",
		     "m.yaml:1:14: bad duration '-1' for 'input_delay' (expected seconds, e.g. 1, 0.25 or 250ms)");
	expect_error("input_delay: 99999999999999999999\n",
		     "m.yaml:1:14: bad duration '99999999999999999999' for 'input_delay' (expected seconds, e.g. 1, 0.25 or 250ms): too long");
	expect_error("clock: host\nclock: virtual\n",
		     "m.yaml:2:1: duplicate key 'clock' (first at 1:1)");
}

/* Durations are exact decimals: no rounding, nothing finer than 1 ns. */
static void test_durations(void **state)
{
	static const struct {
		const char *text;
		int rc;
		uint64_t ns;
	} cases[] = {
		{ "1", 0, 1000000000u },       { "0.5", 0, 500000000u },
		{ "0.000000001", 0, 1 },       { "1.5ms", 0, 1500000u },
		{ "250ms", 0, 250000000u },    { "3us", 0, 3000 },
		{ "2s", 0, 2000000000u },      { "0", 0, 0 },
		{ "1.5us", 0, 1500 },          { "18446744073", 0, 18446744073000000000u },
		{ "18446744074", -ERANGE, 0 }, { "0.0000000001", -EINVAL, 0 },
		{ "0.1us", 0, 100 },           { "0.0001us", -EINVAL, 0 },
		{ "1.", -EINVAL, 0 },          { ".5", -EINVAL, 0 },
		{ "", -EINVAL, 0 },            { "s", -EINVAL, 0 },
		{ "1m", -EINVAL, 0 },          { "1 s", -EINVAL, 0 },
		{ "-1", -EINVAL, 0 },          { "+1", -EINVAL, 0 },
		{ "1e3", -EINVAL, 0 },         { "0x10", -EINVAL, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t ns = 0;
		int rc = cfg_text_duration(cases[i].text, &ns);

		if (rc != cases[i].rc || (rc == 0 && ns != cases[i].ns))
			print_error("'%s': rc %d, %llu ns\n", cases[i].text, rc,
				    (unsigned long long)ns);
		assert_int_equal(rc, cases[i].rc);
		if (rc == 0)
			assert_int_equal(ns, cases[i].ns);
	}
}

static void test_unknown_device(void **state)
{
	(void)state;
	expect_error("devices:\n  serial: { port: 0x3f8 }\n",
		     "m.yaml:2:3: unknown device 'serial' (expected 'console', 'keyboard', 'timer' or 'exit')");
	expect_error("devices:\n  consle: { port: 0x3f8 }\n",
		     "m.yaml:2:3: unknown device 'consle' (did you mean 'console'?)");
}

static void test_unknown_port_key(void **state)
{
	(void)state;
	expect_error("devices:\n  console: { prot: 0x42 }\n",
		     "m.yaml:2:14: device 'console' has no key 'prot' (did you mean 'port'?)");
	expect_error("devices:\n  keyboard: { data_port: 0x60, irqs: 1 }\n",
		     "m.yaml:2:32: device 'keyboard' has no key 'irqs' (did you mean 'irq'?)");
}

/* Flags: true or false, default false, each at most once. */
static void test_device_flags(void **state)
{
	struct machine m;
	struct vmm_err err = { 0 };

	(void)state;
	assert_int_equal(parse("devices:\n  keyboard: { data_port: 0x44, status_port: 0x45, raw: true }\n",
			       &m, &err),
			 0);
	assert_int_equal(m.dev[0].flags, DEV_FLAG_RAW_INPUT);
	assert_int_equal(parse("devices:\n  keyboard: { raw: false, data_port: 0x44, status_port: 0x45 }\n",
			       &m, &err),
			 0);
	assert_int_equal(m.dev[0].flags, 0);
	assert_int_equal(parse("devices:\n  keyboard: { data_port: 0x44, status_port: 0x45 }\n",
			       &m, &err),
			 0);
	assert_int_equal(m.dev[0].flags, 0);
	expect_error("devices:\n  keyboard: { data_port: 0x44, status_port: 0x45, raw: yes }\n",
		     "m.yaml:2:56: 'keyboard' raw must be true or false, not 'yes'");
	expect_error("devices:\n  keyboard: { raw: true, data_port: 0x44, raw: false, status_port: 0x45 }\n",
		     "m.yaml:2:43: duplicate key 'raw' (first at 2:15)");
	expect_error("devices:\n  keyboard: { data_port: 0x44, status_port: 0x45, raw: [1] }\n",
		     "m.yaml:2:56: 'raw' must be a scalar, found a sequence");
	expect_error("devices:\n  console: { port: 0x42, raw: true }\n",
		     "m.yaml:2:26: device 'console' has no key 'raw' (expected 'port')");
}

/* `irq: VECTOR` on the timer and the keyboard: 32-255, or an error at the
 * value; other devices have no such key. */
static void test_irq_key(void **state)
{
	struct machine m;
	struct vmm_err err = { 0 };

	(void)state;
	assert_int_equal(parse("devices:\n  timer: { interval_port: 0x46, control_port: 0x47, irq: 32 }\n  keyboard: { irq: 255, data_port: 0x44, status_port: 0x45 }\n",
			       &m, &err),
			 0);
	assert_int_equal(m.dev[0].irq, 32);
	assert_int_equal(m.dev[1].irq, 255);
	assert_int_equal(parse("devices:\n  timer: { interval_port: 0x46, control_port: 0x47 }\n",
			       &m, &err),
			 0);
	assert_int_equal(m.dev[0].irq, 0);
	expect_error("devices:\n  timer: { interval_port: 0x46, control_port: 0x47, irq: 31 }\n",
		     "m.yaml:2:58: 'timer' irq 31 is not a vector from 32 to 255");
	expect_error("devices:\n  keyboard: { data_port: 0x44, status_port: 0x45, irq: 256 }\n",
		     "m.yaml:2:56: 'keyboard' irq 256 is not a vector from 32 to 255");
	expect_error("devices:\n  console: { port: 0x42, irq: 40 }\n",
		     "m.yaml:2:26: device 'console' has no key 'irq' (expected 'port')");
}

static void test_missing_port_key(void **state)
{
	(void)state;
	expect_error("devices:\n  keyboard: { data_port: 0x44 }\n",
		     "m.yaml:2:3: device 'keyboard' is missing 'status_port'");
	expect_error("devices:\n  timer: {}\n",
		     "m.yaml:2:3: device 'timer' is missing 'interval_port'");
	expect_error("devices:\n  exit:\n",
		     "m.yaml:2:3: device 'exit' is missing 'port'");
}

static void test_port_above_ffff(void **state)
{
	struct machine m;
	struct vmm_err err;

	(void)state;
	expect_error("devices:\n  console: { port: 0x10000 }\n",
		     "m.yaml:2:20: port 0x10000 of 'console' port is above 0xffff");
	expect_error("devices:\n  keyboard: { data_port: 65536, status_port: 1 }\n",
		     "m.yaml:2:26: port 0x10000 of 'keyboard' data_port is above 0xffff");
	assert_int_equal(parse("devices:\n  console: { port: 0xffff }\n"
			       "  exit: { port: 0 }\n",
			       &m, &err),
			 0);
	assert_int_equal(port_of(&m, "console", "port"), 0xffff);
	assert_int_equal(port_of(&m, "exit", "port"), 0);
}

static void test_port_taken(void **state)
{
	(void)state;
	expect_error("memory: 16M\n"
		     "devices:\n"
		     "  console:  { port: 0x42 }\n"
		     "  keyboard: { data_port: 0x42, status_port: 0x45 }\n",
		     "m.yaml:4:26: port 0x42 of 'keyboard' data_port is already used by 'console' port (at 3:21)");
	expect_error("devices:\n"
		     "  keyboard: { data_port: 0x44, status_port: 68 }\n",
		     "m.yaml:2:45: port 0x44 of 'keyboard' status_port is already used by 'keyboard' data_port (at 2:26)");
}

static void test_device_twice(void **state)
{
	(void)state;
	expect_error("devices:\n"
		     "  console: { port: 0x42 }\n"
		     "  exit: { port: 0xf4 }\n"
		     "  console: { port: 0x43 }\n",
		     "m.yaml:4:3: device 'console' is listed twice (first at 2:3)");
}

static void test_yaml_features_refused(void **state)
{
	(void)state;
	expect_error("memory: &m 16M\n",
		     "m.yaml:1:9: anchors are not supported ('&m')");
	expect_error("memory: *m\n",
		     "m.yaml:1:9: aliases are not supported ('*m')");
	expect_error("memory: !!str 16M\n",
		     "m.yaml:1:9: tags are not supported ('tag:yaml.org,2002:str')");
	expect_error("devices: !dev {}\n",
		     "m.yaml:1:10: tags are not supported ('!dev')");
	expect_error("entry: \"long\\0\"\n",
		     "m.yaml:1:8: a NUL character in a value is not supported");
	expect_error("<<: { memory: 16M }\n",
		     "m.yaml:1:1: unknown key '<<' (expected 'memory', 'entry', 'load_address', 'clock', 'input_delay' or 'devices')");
}

/* Found by fuzz_machine: libyaml decodes %XX in a tag, so a tag could put a
 * newline or a terminal escape into the one-line message. Names from the
 * file are shown with control characters (C0, DEL, UTF-8 C1) as '?' and
 * long ones cut, like every other value. */
static void test_yaml_names_shown_safely(void **state)
{
	(void)state;
	expect_error("memory: !x%0A%1B%5B2J 16M\n",
		     "m.yaml:1:9: tags are not supported ('!x??[2J')");
	expect_error("memory: !x%C2%9B31m 16M\n",
		     "m.yaml:1:9: tags are not supported ('!x?31m')");
	expect_error("memory: &aaaaaaaaaabbbbbbbbbbaaaaaaaaaabbbbbbbbbbaaaaaaaaaa 16M\n",
		     "m.yaml:1:9: anchors are not supported ('&aaaaaaaaaabbbbbbbbbbaaaaaaaaaabbbbbbbbbbaaaa...')");
	expect_error("memory: *aaaaaaaaaabbbbbbbbbbaaaaaaaaaabbbbbbbbbbaaaaaaaaaa\n",
		     "m.yaml:1:9: aliases are not supported ('*aaaaaaaaaabbbbbbbbbbaaaaaaaaaabbbbbbbbbbaaaa...')");
	/* A C1 control written as a double-quoted escape, in a value. */
	expect_error("entry: \"\\x9b31m\"\n",
		     "m.yaml:1:8: unknown entry mode '?31m' (expected 'real', 'protected' or 'long')");
	expect_error("entry: \"lo\\x85ng\\tx\"\n",
		     "m.yaml:1:8: unknown entry mode 'lo?ng?x' (expected 'real', 'protected' or 'long')");
}

static void test_too_large(void **state)
{
	char *text = malloc(MACHINE_TEXT_MAX + 1);
	struct machine m;
	struct vmm_err err;

	(void)state;
	assert_non_null(text);
	memset(text, '#', MACHINE_TEXT_MAX + 1);
	assert_int_equal(machine_parse("m.yaml", text, MACHINE_TEXT_MAX + 1, &m,
				       &err),
			 -EINVAL);
	assert_string_equal(err.msg, "m.yaml: larger than 0x100000 bytes");
	/* At the limit, it is only a long comment. */
	assert_int_equal(machine_parse("m.yaml", text, MACHINE_TEXT_MAX, &m,
				       &err),
			 -EINVAL);
	assert_string_equal(err.msg,
			    "m.yaml:2:1: the machine description is empty");
	free(text);
}

static void test_load_errors(void **state)
{
	char path[] = "/tmp/test_machine_XXXXXX";
	char *text = malloc(MACHINE_TEXT_MAX + 1);
	struct machine m;
	struct vmm_err err = { 0 };
	int fd;

	(void)state;
	assert_int_equal(machine_load("/nonexistent/m.yaml", &m, &err),
			 -ENOENT);
	assert_string_equal(err.msg,
			    "/nonexistent/m.yaml: cannot read: No such file or directory");
	assert_int_equal(machine_load(VMM_SOURCE_DIR "/machines", &m, &err),
			 -EISDIR);
	assert_string_equal(err.msg, VMM_SOURCE_DIR
			    "/machines: cannot read: Is a directory");

	assert_non_null(text);
	memset(text, '#', MACHINE_TEXT_MAX + 1);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, MACHINE_TEXT_MAX + 1),
			 MACHINE_TEXT_MAX + 1);
	close(fd);
	assert_int_equal(machine_load(path, &m, &err), -EINVAL);
	assert_true(strncmp(err.msg, path, strlen(path)) == 0);
	assert_string_equal(err.msg + strlen(path),
			    ": larger than 0x100000 bytes");
	unlink(path);
	free(text);
}

static void test_load_names_file(void **state)
{
	char path[] = "/tmp/test_machine_XXXXXX";
	static const char yaml[] = "memory: 4K\n";
	struct machine m;
	struct vmm_err err = { 0 };
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, yaml, strlen(yaml)), (int)strlen(yaml));
	close(fd);
	assert_int_equal(machine_load(path, &m, &err), -EINVAL);
	assert_true(strncmp(err.msg, path, strlen(path)) == 0);
	assert_string_equal(err.msg + strlen(path),
			    ":1:9: memory 0x1000 is too small for entry mode 'long' (at least 0x8000)");
	unlink(path);
}

static void test_long_name_truncated(void **state)
{
	char name[MACHINE_NAME_MAX + 100];
	struct machine m;
	struct vmm_err err;

	(void)state;
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	assert_int_equal(machine_parse(name, "{}", 2, &m, &err), 0);
	assert_int_equal(strlen(m.file), MACHINE_NAME_MAX - 1);
	assert_memory_equal(m.file, name, MACHINE_NAME_MAX - 1);
}

static void test_entry_helpers(void **state)
{
	(void)state;
	assert_string_equal(machine_entry_name(ENTRY_REAL), "real");
	assert_string_equal(machine_entry_name(ENTRY_PROTECTED), "protected");
	assert_string_equal(machine_entry_name(ENTRY_LONG), "long");
	assert_int_equal(machine_guest_start(ENTRY_REAL), VMM_GUEST_START_LOW);
	assert_int_equal(machine_guest_start(ENTRY_PROTECTED),
			 VMM_GUEST_START_LOW);
	assert_int_equal(machine_guest_start(ENTRY_LONG), VMM_GUEST_START_LONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_default),
		cmocka_unit_test(test_default_file_is_builtin),
		cmocka_unit_test(test_machine_files),
		cmocka_unit_test(test_missing_keys_take_defaults),
		cmocka_unit_test(test_failure_leaves_machine),
		cmocka_unit_test(test_devices_left_out),
		cmocka_unit_test(test_no_devices),
		cmocka_unit_test(test_block_style_and_quotes),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_bad_numbers),
		cmocka_unit_test(test_number_overflow),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_top_not_mapping),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_memory_limits),
		cmocka_unit_test(test_unknown_entry),
		cmocka_unit_test(test_clock_keys),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_unknown_device),
		cmocka_unit_test(test_unknown_port_key),
		cmocka_unit_test(test_device_flags),
		cmocka_unit_test(test_irq_key),
		cmocka_unit_test(test_missing_port_key),
		cmocka_unit_test(test_port_above_ffff),
		cmocka_unit_test(test_port_taken),
		cmocka_unit_test(test_device_twice),
		cmocka_unit_test(test_yaml_features_refused),
		cmocka_unit_test(test_yaml_names_shown_safely),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_load_names_file),
		cmocka_unit_test(test_long_name_truncated),
		cmocka_unit_test(test_entry_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
