/* SPDX-License-Identifier: MIT */
/* Command-line unit tests: cli_parse on argument vectors, every message. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/cli.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

static int parse(int argc, char **argv, struct cli_opts *o,
		 struct vmm_err *err)
{
	memset(err, 0, sizeof(*err));
	return cli_parse(argc, argv, o, err);
}

static void test_guest_alone(void **state)
{
	char *argv[] = { "vmm", "g.bin", NULL };
	struct cli_opts o;
	struct vmm_err err;

	(void)state;
	assert_int_equal(parse(ARGC(argv), argv, &o, &err), 0);
	assert_string_equal(o.guest, "g.bin");
	assert_null(o.machine_path);
	assert_int_equal(o.format, IMAGE_AUTO);
	assert_int_equal(o.timeout_ms, 0);
	assert_int_equal(o.guest_argc, 0);
	assert_int_equal(o.stats, CLI_STATS_OFF);
	assert_false(o.is_trace);
	assert_false(o.is_coalesce_off);
}

static void test_every_option(void **state)
{
	char *argv[] = { "vmm",         "-c",          "m.yaml",
			 "--format",    "raw",         "--timeout",
			 "1.5",         "--no-coalesce", "--trace=hlt,io",
			 "--trace-file", "t.txt",      "--stats=json",
			 "g.bin",       "--",          "a",
			 "b c",         NULL };
	struct cli_opts o;
	struct vmm_err err;

	(void)state;
	assert_int_equal(parse(ARGC(argv), argv, &o, &err), 0);
	assert_string_equal(o.machine_path, "m.yaml");
	assert_int_equal(o.format, IMAGE_RAW);
	assert_int_equal(o.timeout_ms, 1500);
	assert_true(o.is_coalesce_off);
	assert_true(o.is_trace);
	assert_string_equal(o.trace_filter, "hlt,io");
	assert_string_equal(o.trace_file, "t.txt");
	assert_int_equal(o.stats, CLI_STATS_JSON);
	assert_string_equal(o.guest, "g.bin");
	assert_int_equal(o.guest_argc, 2);
	assert_string_equal(o.guest_argv[0], "a");
	assert_string_equal(o.guest_argv[1], "b c");
}

static void test_small_values(void **state)
{
	char *argv[] = { "vmm", "--timeout", "0.0001", "--stats", "--trace",
			 "--format=elf", "g", NULL };
	struct cli_opts o;
	struct vmm_err err;

	(void)state;
	assert_int_equal(parse(ARGC(argv), argv, &o, &err), 0);
	assert_int_equal(o.timeout_ms, 1); /* rounded up, never 0 */
	assert_int_equal(o.stats, CLI_STATS_TEXT);
	assert_true(o.is_trace);
	assert_null(o.trace_filter);
	assert_int_equal(o.format, IMAGE_ELF);
}

static void test_help_and_version_need_no_guest(void **state)
{
	char *help[] = { "vmm", "--help", NULL };
	char *h[] = { "vmm", "-h", "--bogus", NULL };
	char *version[] = { "vmm", "--version", NULL };
	struct cli_opts o;
	struct vmm_err err;

	(void)state;
	assert_int_equal(parse(ARGC(help), help, &o, &err), 0);
	assert_true(o.is_help);
	assert_int_equal(parse(ARGC(h), h, &o, &err), 0);
	assert_true(o.is_help);
	assert_int_equal(parse(ARGC(version), version, &o, &err), 0);
	assert_true(o.is_version);
}

/* Each bad command line, with its exact message. */
static void bad(char **argv, int argc, const char *msg)
{
	struct cli_opts o;
	struct vmm_err err;

	assert_int_equal(parse(argc, argv, &o, &err), -EINVAL);
	assert_string_equal(err.msg, msg);
	assert_false(err.is_placed);
}

static void test_gdb_port(void **state)
{
	char *any[] = { "vmm", "--gdb", "0", "g", NULL };
	char *port[] = { "vmm", "--gdb", "1234", "g", NULL };
	char *none[] = { "vmm", "g", NULL };
	struct cli_opts o;
	struct vmm_err err;

	(void)state;
	assert_int_equal(parse(ARGC(any), any, &o, &err), 0);
	assert_true(o.has_gdb);
	assert_int_equal(o.gdb_port, 0);
	assert_int_equal(parse(ARGC(port), port, &o, &err), 0);
	assert_int_equal(o.gdb_port, 1234);
	assert_int_equal(parse(ARGC(none), none, &o, &err), 0);
	assert_false(o.has_gdb);
}

/* --clock and --input-delay override the machine file only when given. */
static void test_clock_options(void **state)
{
	char *virt[] = { "vmm", "--clock", "virtual", "--input-delay", "250ms",
			 "g", NULL };
	char *host[] = { "vmm", "--clock=host", "--input-delay=0.5", "g", NULL };
	char *none[] = { "vmm", "g", NULL };
	char *clock[] = { "vmm", "--clock", "wall", "g", NULL };
	char *delay[] = { "vmm", "--input-delay", "1.5 s", "g", NULL };
	char *fine[] = { "vmm", "--input-delay", "0.0000000001", "g", NULL };
	struct cli_opts o;
	struct vmm_err err;

	(void)state;
	assert_int_equal(parse(ARGC(virt), virt, &o, &err), 0);
	assert_true(o.has_clock);
	assert_int_equal(o.clock, MACHINE_CLOCK_VIRTUAL);
	assert_true(o.has_input_delay);
	assert_int_equal(o.input_delay_ns, 250000000u);
	assert_int_equal(parse(ARGC(host), host, &o, &err), 0);
	assert_int_equal(o.clock, MACHINE_CLOCK_HOST);
	assert_int_equal(o.input_delay_ns, 500000000u);
	assert_int_equal(parse(ARGC(none), none, &o, &err), 0);
	assert_false(o.has_clock);
	assert_false(o.has_input_delay);
	bad(clock, ARGC(clock), "--clock 'wall': expected 'host' or 'virtual'");
	bad(delay, ARGC(delay),
	    "--input-delay '1.5 s': expected seconds, e.g. 1, 0.25 or 250ms");
	bad(fine, ARGC(fine),
	    "--input-delay '0.0000000001': expected seconds, e.g. 1, 0.25 or 250ms");
}

static void test_bad_usage(void **state)
{
	char *none[] = { "vmm", NULL };
	char *extra[] = { "vmm", "g", "x", NULL };
	char *unknown[] = { "vmm", "--bogus", "g", NULL };
	char *value[] = { "vmm", "g", "-c", NULL };
	char *timeout[] = { "vmm", "--timeout", "0", "g", NULL };
	char *plus[] = { "vmm", "--timeout", "+1", "g", NULL };
	char *fmt[] = { "vmm", "--format", "exe", "g", NULL };
	char *stats[] = { "vmm", "--stats=xml", "g", NULL };
	char *gdb_big[] = { "vmm", "--gdb", "65536", "g", NULL };
	char *gdb_neg[] = { "vmm", "--gdb", "-1", "g", NULL };
	char *gdb_word[] = { "vmm", "--gdb", "port", "g", NULL };

	(void)state;
	bad(gdb_big, ARGC(gdb_big),
	    "--gdb '65536': expected a port number from 0 to 65535");
	bad(gdb_neg, ARGC(gdb_neg),
	    "--gdb '-1': expected a port number from 0 to 65535");
	bad(gdb_word, ARGC(gdb_word),
	    "--gdb 'port': expected a port number from 0 to 65535");
	bad(none, ARGC(none), "no guest image given (try 'vmm --help')");
	bad(extra, ARGC(extra),
	    "unexpected 'x' after the guest image (options go before it, guest arguments after '--')");
	bad(unknown, ARGC(unknown), "unknown option '--bogus' (try 'vmm --help')");
	bad(value, ARGC(value), "unexpected '-c' after the guest image (options go before it, guest arguments after '--')");
	bad(timeout, ARGC(timeout),
	    "--timeout '0': expected seconds, more than 0 and at most 31536000");
	bad(plus, ARGC(plus),
	    "--timeout '+1': expected seconds, more than 0 and at most 31536000");
	bad(fmt, ARGC(fmt), "--format 'exe': expected 'raw' or 'elf'");
	bad(stats, ARGC(stats), "--stats='xml': expected 'text' or 'json'");
}

static void test_missing_value(void **state)
{
	char *argv[] = { "vmm", "-c", NULL };

	(void)state;
	bad(argv, ARGC(argv), "option '-c' needs a value");
}

/* The help text names every device and exit reason --trace accepts. */
static void test_usage_lists_trace_words(void **state)
{
	char buf[4096] = { 0 };
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	(void)state;
	assert_non_null(f);
	cli_usage(f);
	fclose(f);
	assert_non_null(strstr(buf, "usage: vmm [-c MACHINE.yaml] [options] GUEST"));
	assert_non_null(strstr(buf, "(console, keyboard, timer, exit,\n"));
	assert_non_null(strstr(buf, "(io, debug, hlt, mmio,\n"));
	assert_non_null(strstr(buf, "fail_entry, intr,\n"));
	assert_non_null(strstr(buf, "internal_error); implies --no-coalesce"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guest_alone),
		cmocka_unit_test(test_every_option),
		cmocka_unit_test(test_small_values),
		cmocka_unit_test(test_help_and_version_need_no_guest),
		cmocka_unit_test(test_bad_usage),
		cmocka_unit_test(test_gdb_port),
		cmocka_unit_test(test_clock_options),
		cmocka_unit_test(test_missing_value),
		cmocka_unit_test(test_usage_lists_trace_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
