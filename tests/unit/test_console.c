/* SPDX-License-Identifier: MIT */
/* Console unit tests: through console_desc, with an output sink that records
 * every call. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vmm_abi.h"

#include "src/devices/console.h"
#include "src/devices/devices.h"

#define SINK_MAX_CALLS 16

/* Records what reaches dev_env.output; fail_rc makes the calls fail. */
struct sink {
	uint8_t data[4 * CONSOLE_LINE_MAX];
	size_t len;
	unsigned calls;
	size_t call_len[SINK_MAX_CALLS];
	int fail_rc;
};

struct fixture {
	struct sink sink;
	struct dev_env env;
	void *con;
};

static int sink_output(void *ctx, const void *buf, size_t len)
{
	struct sink *s = ctx;

	if (s->calls < SINK_MAX_CALLS)
		s->call_len[s->calls] = len;
	s->calls++;
	if (s->fail_rc)
		return s->fail_rc;
	assert_true(s->len + len <= sizeof(s->data));
	memcpy(s->data + s->len, buf, len);
	s->len += len;
	return 0;
}

static void *console_new(struct dev_env *env)
{
	void *st = calloc(1, console_desc.state_size);

	assert_non_null(st);
	assert_int_equal(console_desc.init(st, env), 0);
	return st;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->env.output = sink_output;
	f->env.output_ctx = &f->sink;
	f->con = console_new(&f->env);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->con);
	free(f);
	return 0;
}

/* Byte-wide OUTs of s; the first non-zero handler result, or 0. */
static int out_str(void *con, const char *s)
{
	for (; *s; s++) {
		int rc = console_desc.out(con, 0, 1, (uint8_t)*s);

		if (rc)
			return rc;
	}
	return 0;
}

static int out_repeat(void *con, char c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int rc = console_desc.out(con, 0, 1, (uint8_t)c);

		if (rc)
			return rc;
	}
	return 0;
}

static void test_descriptor(void **state)
{
	(void)state;
	assert_string_equal(console_desc.name, "console");
	assert_int_equal(console_desc.nports, 1);
	assert_string_equal(console_desc.ports[0].key, "port");
	assert_int_equal(console_desc.ports[0].abi_slot, VMM_PORT_CONSOLE);
	assert_non_null(console_desc.finish);
	assert_ptr_equal(devices_find("console"), &console_desc);
}

static void test_one_write_per_line(void **state)
{
	struct fixture *f = *state;
	struct console_stats st;

	assert_int_equal(out_str(f->con, "hello"), 0);
	assert_int_equal(f->sink.calls, 0);
	assert_int_equal(out_str(f->con, "\n"), 0);
	assert_int_equal(f->sink.calls, 1);
	assert_int_equal(f->sink.call_len[0], 6);
	assert_int_equal(out_str(f->con, "ab\n\n"), 0);
	assert_int_equal(f->sink.calls, 3);
	assert_int_equal(f->sink.call_len[1], 3);
	assert_int_equal(f->sink.call_len[2], 1);
	assert_memory_equal(f->sink.data, "hello\nab\n\n", 10);
	console_get_stats(f->con, &st);
	assert_int_equal(st.lines, 3);
	assert_int_equal(st.bytes, 10);
	assert_int_equal(st.writes, 3);
	assert_int_equal(st.bytes_failed, 0);
}

static void test_full_buffer_flushes_at_line_max(void **state)
{
	struct fixture *f = *state;
	struct console_stats st;

	assert_int_equal(out_repeat(f->con, 'x', CONSOLE_LINE_MAX - 1), 0);
	assert_int_equal(f->sink.calls, 0);
	assert_int_equal(out_repeat(f->con, 'y', 1), 0);
	assert_int_equal(f->sink.calls, 1);
	assert_int_equal(f->sink.call_len[0], CONSOLE_LINE_MAX);
	assert_int_equal(f->sink.data[CONSOLE_LINE_MAX - 1], 'y');
	/* The rest of the long line, then a line that fits exactly. */
	assert_int_equal(out_str(f->con, "z\n"), 0);
	assert_int_equal(f->sink.calls, 2);
	assert_int_equal(f->sink.call_len[1], 2);
	assert_int_equal(out_repeat(f->con, 'w', CONSOLE_LINE_MAX - 1), 0);
	assert_int_equal(out_str(f->con, "\n"), 0);
	assert_int_equal(f->sink.calls, 3);
	assert_int_equal(f->sink.call_len[2], CONSOLE_LINE_MAX);
	assert_int_equal(f->sink.len, 2 * CONSOLE_LINE_MAX + 2);
	console_get_stats(f->con, &st);
	assert_int_equal(st.lines, 2);
	assert_int_equal(st.bytes, 2 * CONSOLE_LINE_MAX + 2);
}

static void test_finish_flushes_partial_line(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(console_desc.finish(f->con), 0);
	assert_int_equal(f->sink.calls, 0);
	assert_int_equal(out_str(f->con, "line\npart"), 0);
	assert_int_equal(f->sink.calls, 1);
	assert_int_equal(console_desc.finish(f->con), 0);
	assert_int_equal(f->sink.calls, 2);
	assert_int_equal(f->sink.call_len[1], 4);
	assert_memory_equal(f->sink.data, "line\npart", 9);
	/* A second finish has nothing left to write. */
	assert_int_equal(console_desc.finish(f->con), 0);
	assert_int_equal(f->sink.calls, 2);
}

static void test_write_error_propagates(void **state)
{
	struct fixture *f = *state;
	struct console_stats st;

	f->sink.fail_rc = -EPIPE;
	assert_int_equal(out_str(f->con, "a"), 0);
	assert_int_equal(out_str(f->con, "\n"), -EPIPE);
	assert_int_equal(f->sink.calls, 1);
	/* The failed line is not written again by finish. */
	f->sink.fail_rc = 0;
	assert_int_equal(console_desc.finish(f->con), 0);
	assert_int_equal(f->sink.calls, 1);
	console_get_stats(f->con, &st);
	assert_int_equal(st.writes, 1);
	assert_int_equal(st.bytes, 0);
	assert_int_equal(st.bytes_failed, 2);
	assert_int_equal(st.lines, 0);
}

static void test_error_on_full_buffer_and_finish(void **state)
{
	struct fixture *f = *state;

	f->sink.fail_rc = -EIO;
	assert_int_equal(out_repeat(f->con, 'x', CONSOLE_LINE_MAX - 1), 0);
	assert_int_equal(out_repeat(f->con, 'x', 1), -EIO);
	assert_int_equal(out_str(f->con, "tail"), 0);
	assert_int_equal(console_desc.finish(f->con), -EIO);
	assert_int_equal(f->sink.calls, 2);
	assert_int_equal(f->sink.call_len[1], 4);
}

static void test_widths_append_low_byte(void **state)
{
	struct fixture *f = *state;
	uint32_t val;

	assert_int_equal(console_desc.out(f->con, 0, 2, 0x4142), 0);
	assert_int_equal(console_desc.out(f->con, 0, 4, 0x43444546), 0);
	assert_int_equal(console_desc.out(f->con, 0, 4, 0xffffff0a), 0);
	assert_int_equal(f->sink.calls, 1);
	assert_int_equal(f->sink.call_len[0], 3);
	assert_memory_equal(f->sink.data, "BF\n", 3);
	for (unsigned w = 1; w <= 4; w *= 2) {
		val = 0xdeadbeef;
		assert_int_equal(console_desc.in(f->con, 0, w, &val), 0);
		assert_int_equal(val, 0);
	}
}

static void test_bad_access(void **state)
{
	struct fixture *f = *state;
	uint32_t val = 0;

	assert_int_equal(console_desc.out(f->con, 0, 3, 'a'), DEV_BAD_ACCESS);
	assert_int_equal(console_desc.out(f->con, 0, 8, 'a'), DEV_BAD_ACCESS);
	assert_int_equal(console_desc.out(f->con, 1, 1, 'a'), DEV_BAD_ACCESS);
	assert_int_equal(console_desc.in(f->con, 0, 0, &val), DEV_BAD_ACCESS);
	assert_int_equal(console_desc.in(f->con, 1, 1, &val), DEV_BAD_ACCESS);
	assert_int_equal(console_desc.finish(f->con), 0);
	assert_int_equal(f->sink.calls, 0);
}

/* console_put and one-byte OUTs produce the same output calls. */
static void test_put_matches_outs(void **state)
{
	struct fixture *f = *state;
	struct sink *other = calloc(1, sizeof(*other));
	struct dev_env env = { .output = sink_output, .output_ctx = other };
	void *con2 = console_new(&env);
	size_t len = 3 + 2 * CONSOLE_LINE_MAX + 10;
	uint8_t *buf = malloc(len);

	assert_non_null(other);
	assert_non_null(buf);
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)('a' + i % 26);
	buf[2] = '\n';
	buf[100] = '\n';
	buf[len - 5] = '\n';
	assert_int_equal(console_put(f->con, buf, len), 0);
	for (size_t i = 0; i < len; i++)
		assert_int_equal(console_desc.out(con2, 0, 1, buf[i]), 0);
	assert_int_equal(console_desc.finish(f->con), 0);
	assert_int_equal(console_desc.finish(con2), 0);
	assert_int_equal(f->sink.calls, other->calls);
	assert_int_equal(f->sink.calls, 5);
	assert_int_equal(f->sink.call_len[2], CONSOLE_LINE_MAX);
	assert_memory_equal(f->sink.call_len, other->call_len,
	                    sizeof(other->call_len));
	assert_int_equal(f->sink.len, len);
	assert_memory_equal(f->sink.data, buf, len);
	assert_memory_equal(other->data, buf, len);
	free(buf);
	free(con2);
	free(other);
}

/* After a failed write, console_put takes no more bytes. */
static void test_put_stops_at_error(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(console_put(f->con, (const uint8_t *)"", 0), 0);
	f->sink.fail_rc = -ENOSPC;
	assert_int_equal(console_put(f->con, (const uint8_t *)"a\nbc", 4),
	                 -ENOSPC);
	f->sink.fail_rc = 0;
	assert_int_equal(console_desc.finish(f->con), 0);
	assert_int_equal(f->sink.calls, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_descriptor),
		cmocka_unit_test_setup_teardown(test_one_write_per_line, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(
		        test_full_buffer_flushes_at_line_max, setup, teardown),
		cmocka_unit_test_setup_teardown(
		        test_finish_flushes_partial_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_error_propagates,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(
		        test_error_on_full_buffer_and_finish, setup, teardown),
		cmocka_unit_test_setup_teardown(test_widths_append_low_byte,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_access, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_put_matches_outs, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_put_stops_at_error, setup,
		                                teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
