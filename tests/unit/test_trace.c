/* SPDX-License-Identifier: MIT */
/* Trace unit tests: the filter words and masks, and the lines the trace
 * observer prints for exits handed to it. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/devices/devices.h"
#include "src/trace.h"

static void test_no_filter_shows_everything(void **state)
{
	struct trace t = { 0 };

	(void)state;
	assert_int_equal(trace_parse_filter(NULL, &t, NULL), 0);
	assert_int_equal(t.reason_mask, ~0ull);
	assert_int_equal(t.dev_mask, ~0u);
	assert_int_equal(trace_parse_filter("", &t, NULL), 0);
	assert_int_equal(t.reason_mask, ~0ull);
	assert_ptr_equal(t.obs.ctx, &t);
	assert_true(t.obs.needs_rip);
	assert_non_null(t.obs.exit);
}

static void test_devices_and_reasons(void **state)
{
	struct trace t = { 0 };

	(void)state;
	assert_int_equal(trace_parse_filter("keyboard,hlt", &t, NULL), 0);
	assert_int_equal(t.reason_mask,
			 (1ull << RUN_REASON_IO) | (1ull << RUN_REASON_HLT));
	assert_int_equal(t.dev_mask, 1u << 1); /* devices_all[1] */
	assert_ptr_equal(devices_all[1], &kbd_desc);
	assert_int_equal(trace_parse_filter("none,intr", &t, NULL), 0);
	assert_int_equal(t.dev_mask, 1u << TRACE_NO_DEVICE);
	assert_int_equal(t.reason_mask,
			 (1ull << RUN_REASON_IO) | (1ull << RUN_REASON_INTR));
	/* "io" shows every device's accesses. */
	assert_int_equal(trace_parse_filter("console,io", &t, NULL), 0);
	assert_int_equal(t.dev_mask, ~0u);
}

static void test_unknown_word(void **state)
{
	struct trace t = { 0 };
	struct vmm_err err = { 0 };

	(void)state;
	assert_int_equal(trace_parse_filter("console,consol", &t, &err),
			 -EINVAL);
	assert_string_equal(err.msg,
			    "--trace: unknown device or exit reason 'consol' (devices: console, keyboard, timer, exit, none; reasons: io, debug, hlt, mmio, irq_window, shutdown, fail_entry, intr, internal_error)");
	assert_int_equal(trace_parse_filter("hlt,", &t, &err), 0);
	assert_int_equal(trace_parse_filter(",hlt", &t, &err), -EINVAL);
	assert_string_equal(strstr(err.msg, "''"), "'' (devices: console, keyboard, timer, exit, none; reasons: io, debug, hlt, mmio, irq_window, shutdown, fail_entry, intr, internal_error)");
}

static void test_filter_words(void **state)
{
	char buf[256];

	(void)state;
	trace_filter_words(buf, sizeof(buf), 1);
	assert_string_equal(buf, "console, keyboard, timer, exit, none");
	trace_filter_words(buf, sizeof(buf), 0);
	assert_string_equal(buf, "io, debug, hlt, mmio, irq_window, shutdown, fail_entry, intr, internal_error");
}

/* The lines t's observer prints for ex, timestamps cut off. */
static const char *lines(struct trace *t, const struct run_exit *ex)
{
	static char buf[1024];
	char *p;

	memset(buf, 0, sizeof(buf));
	t->out = fmemopen(buf, sizeof(buf), "w");
	assert_non_null(t->out);
	t->obs.exit(t->obs.ctx, ex);
	fclose(t->out);
	/* "%12.6f " is 13 characters: keep what follows on each line. */
	for (p = buf; *p; p = strchr(p, '\n') + 1)
		memmove(p, p + 13, strlen(p + 13) + 1);
	return buf;
}

static void test_lines(void **state)
{
	struct iotab_entry e = { .desc = &console_desc,
				 .key = &console_desc.ports[0],
				 .port = 0x42 };
	const uint8_t data[] = { 'h', 'i' };
	struct run_exit io = { .reason = RUN_REASON_IO,
			       .rip = 0x100011,
			       .e = &e,
			       .port = 0x42,
			       .is_out = true,
			       .size = 1,
			       .count = 2,
			       .data = data };
	struct run_exit hlt = { .reason = RUN_REASON_HLT, .rip = 0x100020 };
	struct run_exit mmio = { .reason = RUN_REASON_MMIO,
				 .rip = 0x7,
				 .mmio_gpa = 0x20000000,
				 .mmio_len = 1,
				 .mmio_is_write = true };
	struct run_exit odd = { .reason = 99, .rip = 1 };
	struct run_exit sig = { .is_interrupted = true };
	struct trace t = { 0 };

	(void)state;
	assert_int_equal(trace_parse_filter(NULL, &t, NULL), 0);
	t.t0_ns = 0;
	assert_string_equal(lines(&t, &io),
			    "io out port=0x42 size=1 value=0x68 dev=console.port rip=0x100011\n"
			    "io out port=0x42 size=1 value=0x69 dev=console.port rip=0x100011\n");
	assert_string_equal(lines(&t, &hlt), "hlt rip=0x100020\n");
	assert_string_equal(lines(&t, &mmio),
			    "mmio write addr=0x20000000 size=1 rip=0x7\n");
	assert_string_equal(lines(&t, &odd), "exit reason=99 rip=0x1\n");
	assert_string_equal(lines(&t, &sig), "");
	/* A filter leaves out other devices and reasons. */
	assert_int_equal(trace_parse_filter("keyboard", &t, NULL), 0);
	assert_string_equal(lines(&t, &io), "");
	assert_string_equal(lines(&t, &hlt), "");
	io.e = NULL;
	assert_int_equal(trace_parse_filter("none", &t, NULL), 0);
	io.count = 1;
	assert_string_equal(lines(&t, &io),
			    "io out port=0x42 size=1 value=0x68 dev=none rip=0x100011\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_filter_shows_everything),
		cmocka_unit_test(test_devices_and_reasons),
		cmocka_unit_test(test_unknown_word),
		cmocka_unit_test(test_filter_words),
		cmocka_unit_test(test_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
