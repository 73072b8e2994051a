/* SPDX-License-Identifier: MIT */
/* Keyboard unit tests: through kbd_desc, with a scripted input whose bytes
 * become ready when the test says so, then end of file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vmm_abi.h"

#include "src/devices/devices.h"
#include "src/devices/keyboard.h"

enum { DATA, STATUS }; /* the registers, in kbd_desc.ports order */

/* data[0, ready) can be read; after that, EOF once is_closed. */
struct script {
	const uint8_t *data;
	size_t ready;
	size_t pos;
	bool is_closed;
	unsigned calls;
};

struct fixture {
	struct script in;
	struct dev_env env;
	void *kbd;
};

static long script_input(void *ctx, uint8_t *buf, size_t len)
{
	struct script *s = ctx;
	size_t n = s->ready - s->pos;

	s->calls++;
	if (n > len)
		n = len;
	if (!n && s->is_closed)
		return DEV_INPUT_EOF;
	memcpy(buf, s->data + s->pos, n);
	s->pos += n;
	return (long)n;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->env.input = script_input;
	f->env.input_ctx = &f->in;
	f->kbd = calloc(1, kbd_desc.state_size);
	assert_non_null(f->kbd);
	assert_int_equal(kbd_desc.init(f->kbd, &f->env), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->kbd);
	free(f);
	return 0;
}

/* The script offers all of s, then is_closed says whether EOF follows. */
static void script_set(struct script *in, const char *s, bool is_closed)
{
	in->data = (const uint8_t *)s;
	in->ready = strlen(s);
	in->is_closed = is_closed;
}

static uint32_t kin(struct fixture *f, unsigned reg)
{
	uint32_t val = 0xdeadbeef;

	assert_int_equal(kbd_desc.in(f->kbd, reg, 1, &val), 0);
	return val;
}

static void kout(struct fixture *f, unsigned reg, uint32_t val)
{
	assert_int_equal(kbd_desc.out(f->kbd, reg, 1, val), 0);
}

static void test_descriptor(void **state)
{
	(void)state;
	assert_string_equal(kbd_desc.name, "keyboard");
	assert_int_equal(kbd_desc.nports, 2);
	assert_string_equal(kbd_desc.ports[0].key, "data_port");
	assert_int_equal(kbd_desc.ports[0].reg, DATA);
	assert_int_equal(kbd_desc.ports[0].abi_slot, VMM_PORT_KBD_DATA);
	assert_string_equal(kbd_desc.ports[1].key, "status_port");
	assert_int_equal(kbd_desc.ports[1].reg, STATUS);
	assert_int_equal(kbd_desc.ports[1].abi_slot, VMM_PORT_KBD_STATUS);
	assert_ptr_equal(devices_find("keyboard"), &kbd_desc);
}

static void test_nothing_ready(void **state)
{
	struct fixture *f = *state;

	script_set(&f->in, "", false);
	assert_int_equal(kin(f, DATA), 0);
	assert_int_equal(f->in.calls, 0);
	assert_int_equal(kin(f, STATUS), 0);
	assert_int_equal(f->in.calls, 1);
	/* A key typed later is latched by the next status read. */
	script_set(&f->in, "k", false);
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	assert_int_equal(kin(f, DATA), 'k');
}

static void test_read_data_then_ack(void **state)
{
	struct fixture *f = *state;

	script_set(&f->in, "ab", false);
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	assert_int_equal(kin(f, DATA), 'a');
	kout(f, STATUS, 0);
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	assert_int_equal(kin(f, DATA), 'b');
	kout(f, STATUS, 0);
	assert_int_equal(kin(f, STATUS), 0);
	assert_int_equal(kin(f, DATA), 'b');
}

static void test_ack_then_read_data(void **state)
{
	struct fixture *f = *state;

	script_set(&f->in, "ab", false);
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	kout(f, STATUS, 0);
	/* The data register keeps the acknowledged key... */
	assert_int_equal(kin(f, DATA), 'a');
	assert_int_equal(kin(f, DATA), 'a');
	/* ...until the next status read latches the next one. */
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	assert_int_equal(kin(f, DATA), 'b');
}

static void test_data_read_never_latches(void **state)
{
	struct fixture *f = *state;

	script_set(&f->in, "xy", false);
	assert_int_equal(kin(f, DATA), 0);
	assert_int_equal(f->in.calls, 0);
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	kout(f, STATUS, 0);
	assert_int_equal(kin(f, DATA), 'x');
	assert_int_equal(kin(f, DATA), 'x');
}

static void test_no_input_while_latched(void **state)
{
	struct fixture *f = *state;

	script_set(&f->in, "ab", false);
	f->in.ready = 1;
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	assert_int_equal(f->in.calls, 1);
	f->in.ready = 2;
	for (int i = 0; i < 5; i++) {
		assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
		assert_int_equal(kin(f, DATA), 'a');
	}
	assert_int_equal(f->in.calls, 1);
	kout(f, STATUS, 0);
	assert_int_equal(f->in.calls, 1);
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	assert_int_equal(f->in.calls, 2);
	assert_int_equal(kin(f, DATA), 'b');
}

static void test_no_input_while_queued(void **state)
{
	struct fixture *f = *state;

	script_set(&f->in, "abc", false);
	for (const char *c = "abc"; *c; c++) {
		assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
		assert_int_equal(kin(f, DATA), *c);
		kout(f, STATUS, 0);
	}
	assert_int_equal(f->in.calls, 1);
}

/* Keys that arrive faster than the guest reads are all kept, in order,
 * across several refills of the queue. */
static void test_queue_keeps_fast_keys(void **state)
{
	struct fixture *f = *state;
	size_t n = 2 * KBD_QUEUE_SIZE + 1000;
	uint8_t *keys = malloc(n);
	struct kbd_stats st;

	assert_non_null(keys);
	for (size_t i = 0; i < n; i++)
		keys[i] = (uint8_t)(i * 7 + 1);
	f->in.data = keys;
	f->in.ready = n;
	f->in.is_closed = true;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
		assert_int_equal(kin(f, DATA), keys[i]);
		kout(f, STATUS, 0);
	}
	assert_int_equal(kin(f, STATUS), VMM_KBD_EOF);
	assert_int_equal(f->in.calls, 4);
	kbd_get_stats(f->kbd, &st);
	assert_int_equal(st.bytes_queued, n);
	assert_int_equal(st.keys_latched, n);
	assert_int_equal(st.input_calls, 4);
	free(keys);
}

static void test_eof_only_when_drained(void **state)
{
	struct fixture *f = *state;

	script_set(&f->in, "xy", true);
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	kout(f, STATUS, 0);
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	/* Input is closed and the queue is empty, but 'y' is not acked. */
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	assert_int_equal(kin(f, DATA), 'y');
	kout(f, STATUS, 0);
	assert_int_equal(kin(f, STATUS), VMM_KBD_EOF);
	assert_int_equal(f->in.calls, 2);
	/* End of input is final: the input is not asked again. */
	assert_int_equal(kin(f, STATUS), VMM_KBD_EOF);
	assert_int_equal(f->in.calls, 2);
	assert_int_equal(kin(f, DATA), 'y');
}

static void test_eof_on_empty_input(void **state)
{
	struct fixture *f = *state;

	script_set(&f->in, "", true);
	assert_int_equal(kin(f, STATUS), VMM_KBD_EOF);
	assert_int_equal(kin(f, DATA), 0);
}

static void test_other_writes_ignored(void **state)
{
	struct fixture *f = *state;
	uint32_t val;

	script_set(&f->in, "ab", false);
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	kout(f, STATUS, VMM_KBD_HAS_KEY);
	kout(f, STATUS, VMM_KBD_EOF);
	assert_int_equal(kbd_desc.out(f->kbd, STATUS, 2, 0x100), 0);
	kout(f, DATA, 'z');
	kout(f, DATA, 0);
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	assert_int_equal(kin(f, DATA), 'a');
	/* 0 acknowledges at every width. */
	assert_int_equal(kbd_desc.out(f->kbd, STATUS, 4, 0), 0);
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	assert_int_equal(kin(f, DATA), 'b');
	assert_int_equal(kbd_desc.out(f->kbd, STATUS, 2, 0), 0);
	val = 0xdeadbeef;
	assert_int_equal(kbd_desc.in(f->kbd, STATUS, 4, &val), 0);
	assert_int_equal(val, 0);
	/* An ack with nothing latched changes nothing. */
	kout(f, STATUS, 0);
	assert_int_equal(kin(f, DATA), 'b');
}

static void test_widths(void **state)
{
	struct fixture *f = *state;
	uint32_t val;

	script_set(&f->in, "\xff", false);
	for (unsigned w = 1; w <= 4; w *= 2) {
		val = 0xdeadbeef;
		assert_int_equal(kbd_desc.in(f->kbd, STATUS, w, &val), 0);
		assert_int_equal(val, VMM_KBD_HAS_KEY);
		val = 0xdeadbeef;
		assert_int_equal(kbd_desc.in(f->kbd, DATA, w, &val), 0);
		assert_int_equal(val, 0xff);
	}
}

static void test_bad_access(void **state)
{
	struct fixture *f = *state;
	uint32_t val = 0;

	script_set(&f->in, "a", false);
	assert_int_equal(kbd_desc.in(f->kbd, STATUS, 3, &val), DEV_BAD_ACCESS);
	assert_int_equal(kbd_desc.in(f->kbd, DATA, 8, &val), DEV_BAD_ACCESS);
	assert_int_equal(kbd_desc.in(f->kbd, 2, 1, &val), DEV_BAD_ACCESS);
	assert_int_equal(kbd_desc.out(f->kbd, STATUS, 0, 0), DEV_BAD_ACCESS);
	assert_int_equal(kbd_desc.out(f->kbd, 2, 1, 0), DEV_BAD_ACCESS);
	assert_int_equal(f->in.calls, 0);
}

/* The descriptor's interrupt line is up while a key waits, latched or
 * queued, and once more at the end of input; asking never latches (the data register keeps the old key). It
 * needs input from the host; its stats count queued and latched bytes. */
static void test_irq_line_and_stats(void **state)
{
	struct fixture *f = *state;
	uint64_t vals[DEV_MAX_STATS];

	assert_int_equal(kbd_desc.host_needs, DEV_HOST_INPUT);
	script_set(&f->in, "", false);
	assert_int_equal(kbd_desc.irq_level(f->kbd), 0);
	script_set(&f->in, "ab", true);
	assert_int_equal(kbd_desc.irq_level(f->kbd), 1);
	assert_int_equal(kin(f, DATA), 0); /* nothing latched yet */
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	kout(f, STATUS, 0);
	assert_int_equal(kbd_desc.irq_level(f->kbd), 1); /* 'b' queued */
	assert_int_equal(kin(f, STATUS), VMM_KBD_HAS_KEY);
	kout(f, STATUS, 0);
	/* Once more for the end of input, until the status shows it. */
	assert_int_equal(kbd_desc.irq_level(f->kbd), 1);
	assert_int_equal(kin(f, STATUS), VMM_KBD_EOF);
	assert_int_equal(kbd_desc.irq_level(f->kbd), 0);
	assert_int_equal(kin(f, STATUS), VMM_KBD_EOF);
	assert_int_equal(kbd_desc.irq_level(f->kbd), 0);
	assert_int_equal(kbd_desc.nstats, 2);
	kbd_desc.get_stats(f->kbd, vals);
	assert_int_equal(vals[0], 2);
	assert_int_equal(vals[1], 2);
	assert_string_equal(kbd_desc.stats[1].text, "keys read");
}

#define KBD_TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_descriptor),
		KBD_TEST(test_irq_line_and_stats),
		KBD_TEST(test_nothing_ready),
		KBD_TEST(test_read_data_then_ack),
		KBD_TEST(test_ack_then_read_data),
		KBD_TEST(test_data_read_never_latches),
		KBD_TEST(test_no_input_while_latched),
		KBD_TEST(test_no_input_while_queued),
		KBD_TEST(test_queue_keeps_fast_keys),
		KBD_TEST(test_eof_only_when_drained),
		KBD_TEST(test_eof_on_empty_input),
		KBD_TEST(test_other_writes_ignored),
		KBD_TEST(test_widths),
		KBD_TEST(test_bad_access),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
