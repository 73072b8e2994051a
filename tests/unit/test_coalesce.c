/* SPDX-License-Identifier: MIT */
/* Coalesced-ring drain unit tests: a ring laid out as KVM shares it,
 * filled by the test, drained into real devices in order. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <linux/kvm.h>

#include "src/coalesce.h"
#include "src/devices/devices.h"

#define RING_MAX 8 /* small, so the tests wrap around */

struct fixture {
	struct devset ds;
	struct coalesce co;
	struct kvm_coalesced_mmio_ring *ring;
	char out[64];
	size_t out_len;
	int fail_rc;
};

static int sink_output(void *ctx, const void *buf, size_t len)
{
	struct fixture *f = ctx;

	if (f->fail_rc)
		return f->fail_rc;
	assert_true(f->out_len + len <= sizeof(f->out));
	memcpy(f->out + f->out_len, buf, len);
	f->out_len += len;
	return 0;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct vmm_err err = { 0 };
	const uint16_t con = 0x42, ex = 0xf4;

	assert_non_null(f);
	devset_init(&f->ds);
	f->ds.env.output = sink_output;
	f->ds.env.output_ctx = f;
	assert_int_equal(devset_add(&f->ds, &console_desc, &con, &err), 0);
	assert_int_equal(devset_add(&f->ds, &exitdev_desc, &ex, &err), 0);
	f->ring = calloc(1, sizeof(*f->ring) +
				    RING_MAX * sizeof(f->ring->coalesced_mmio[0]));
	assert_non_null(f->ring);
	coalesce_init(&f->co);
	f->co.ring = f->ring;
	f->co.ring_max = RING_MAX;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	devset_free(&f->ds);
	free(f->ring);
	free(f);
	return 0;
}

/* Queue 1-byte OUTs of s to port, as KVM does: write, then move last. */
static void queue(struct fixture *f, uint16_t port, const char *s)
{
	for (; *s; s++) {
		struct kvm_coalesced_mmio *m =
			&f->ring->coalesced_mmio[f->ring->last];

		memset(m, 0, sizeof(*m));
		m->phys_addr = port;
		m->len = 1;
		m->pio = 1;
		m->data[0] = (uint8_t)*s;
		f->ring->last = (f->ring->last + 1) % RING_MAX;
		assert_int_not_equal(f->ring->last, f->ring->first);
	}
}

static void test_empty_ring(void **state)
{
	struct fixture *f = *state;
	const char *name = NULL;

	assert_false(coalesce_is_pending(&f->co));
	assert_int_equal(coalesce_drain(&f->co, &f->ds, &name), 0);
	assert_int_equal(f->co.drained, 0);
	f->co.ring = NULL; /* coalescing off: never pending, nothing to do */
	assert_false(coalesce_is_pending(&f->co));
	assert_int_equal(coalesce_drain(&f->co, &f->ds, &name), 0);
}

static void test_drain_in_order(void **state)
{
	struct fixture *f = *state;
	const char *name = NULL;

	queue(f, 0x42, "hi\n");
	assert_true(coalesce_is_pending(&f->co));
	assert_int_equal(coalesce_drain(&f->co, &f->ds, &name), 0);
	assert_false(coalesce_is_pending(&f->co));
	assert_int_equal(f->out_len, 3);
	assert_memory_equal(f->out, "hi\n", 3);
	assert_int_equal(f->co.drained, 3);
	assert_int_equal(f->co.by_entry[iotab_lookup(&f->ds.iotab, 0x42) -
					f->ds.iotab.entry],
			 3);
}

static void test_drain_wraps_around(void **state)
{
	struct fixture *f = *state;
	const char *name = NULL;

	f->ring->first = f->ring->last = RING_MAX - 2;
	queue(f, 0x42, "abcde\n");
	assert_int_equal(f->ring->last, 4);
	assert_int_equal(coalesce_drain(&f->co, &f->ds, &name), 0);
	assert_int_equal(f->ring->first, 4);
	assert_memory_equal(f->out, "abcde\n", 6);
}

/* An entry for a port with no device (the zones are only the console's,
 * so KVM cannot queue one) is skipped, not handed to anyone. */
static void test_unknown_port_skipped(void **state)
{
	struct fixture *f = *state;
	const char *name = NULL;

	queue(f, 0x42, "a");
	queue(f, 0x99, "b");
	queue(f, 0x42, "\n");
	assert_int_equal(coalesce_drain(&f->co, &f->ds, &name), 0);
	assert_int_equal(f->out_len, 2);
	assert_memory_equal(f->out, "a\n", 2);
	assert_int_equal(f->co.drained, 3);
}

/* A handler that ends the run stops the drain right after its entry. */
static void test_drain_stops_at_a_result(void **state)
{
	struct fixture *f = *state;
	const char *name = NULL;

	queue(f, 0xf4, "\x07");
	queue(f, 0x42, "x\n");
	assert_int_equal(coalesce_drain(&f->co, &f->ds, &name), DEV_STOP);
	assert_string_equal(name, "exit");
	assert_int_equal(f->ds.env.exit_status, 7);
	assert_int_equal(f->ring->first, 1);
	assert_true(coalesce_is_pending(&f->co));
	f->fail_rc = -EPIPE;
	assert_int_equal(coalesce_drain(&f->co, &f->ds, &name), -EPIPE);
	assert_string_equal(name, "console");
	assert_false(coalesce_is_pending(&f->co));
}

static void test_count_asks_once(void **state)
{
	struct fixture *f = *state;

	assert_false(coalesce_count(&f->co, COALESCE_AFTER_OUTS));
	coalesce_arm(&f->co);
	assert_false(coalesce_count(&f->co, COALESCE_AFTER_OUTS - 1));
	assert_true(coalesce_count(&f->co, 1));
	assert_false(coalesce_count(&f->co, COALESCE_AFTER_OUTS));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_empty_ring),
		T(test_drain_in_order),
		T(test_drain_wraps_around),
		T(test_unknown_port_skipped),
		T(test_drain_stops_at_a_result),
		T(test_count_asks_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
