/* SPDX-License-Identifier: MIT */
/* run_io unit tests: port exits served from a fake run area, without KVM,
 * through real device descriptors and a fake output sink. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <linux/kvm.h>

#include "vmm_abi.h"

#include "src/devices/devices.h"
#include "src/run.h"

#define RUN_AREA_BYTES 8192
#define DATA_OFF       4096

struct fixture {
	struct vm vm;
	struct devset ds;
	struct coalesce co;
	struct trail trail;
	struct run_ctx ctx;
	struct run_result res;
	char out[8192]; /* what the console wrote */
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

static uint64_t fake_now(void *ctx)
{
	(void)ctx;
	return 1000000000ull;
}

static int bad_out(void *st, unsigned reg, unsigned width, uint32_t val)
{
	(void)st, (void)reg, (void)width, (void)val;
	return DEV_BAD_ACCESS;
}

static const struct dev_port picky_ports[] = { { .key = "port" } };
static const struct dev_desc picky_desc = {
	.name = "picky",
	.ports = picky_ports,
	.nports = 1,
	.out = bad_out,
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct vmm_err err = { 0 };
	const uint16_t con = 0x42, ex = 0xf4, tmr[] = { 0x46, 0x47 };
	const uint16_t picky = 0x60;

	assert_non_null(f);
	f->vm.run = calloc(1, RUN_AREA_BYTES);
	assert_non_null(f->vm.run);
	f->vm.run_bytes = RUN_AREA_BYTES;
	devset_init(&f->ds);
	f->ds.env.output = sink_output;
	f->ds.env.output_ctx = f;
	f->ds.env.now_ns = fake_now;
	assert_int_equal(devset_add(&f->ds, &console_desc, &con, &err), 0);
	assert_int_equal(devset_add(&f->ds, &exitdev_desc, &ex, &err), 0);
	assert_int_equal(devset_add(&f->ds, &timer_desc, tmr, &err), 0);
	assert_int_equal(devset_add(&f->ds, &picky_desc, &picky, &err), 0);
	coalesce_init(&f->co);
	run_init(&f->ctx, &f->vm, &f->ds, &f->co, &f->trail);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	devset_free(&f->ds);
	free(f->vm.run);
	free(f);
	return 0;
}

/* Put a port exit in the run area; data gets count * size bytes. */
static int io(struct fixture *f, int is_out, uint16_t port, unsigned size,
	      uint32_t count, const void *data)
{
	struct kvm_run *r = f->vm.run;

	r->exit_reason = KVM_EXIT_IO;
	r->io.direction = is_out ? KVM_EXIT_IO_OUT : KVM_EXIT_IO_IN;
	r->io.port = port;
	r->io.size = (uint8_t)size;
	r->io.count = count;
	r->io.data_offset = DATA_OFF;
	if (data)
		memcpy((uint8_t *)r + DATA_OFF, data, (size_t)size * count);
	memset(&f->res, 0, sizeof(f->res));
	return run_io(&f->ctx, iotab_lookup(&f->ds.iotab, port), &f->res);
}

static void test_out_reaches_the_console(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(io(f, 1, 0x42, 1, 1, "h"), 0);
	assert_int_equal(io(f, 1, 0x42, 1, 1, "\n"), 0);
	assert_int_equal(f->out_len, 2);
	assert_memory_equal(f->out, "h\n", 2);
}

static void test_string_out_in_order(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(io(f, 1, 0x42, 1, 6, "hello\n"), 0);
	assert_int_equal(f->out_len, 6);
	assert_memory_equal(f->out, "hello\n", 6);
}

static void test_in_fills_the_data(void **state)
{
	struct fixture *f = *state;
	const uint16_t period = 0x1234;
	uint16_t got = 0;

	assert_int_equal(io(f, 1, 0x46, 2, 1, &period), 0);
	assert_int_equal(io(f, 0, 0x46, 2, 1, NULL), 0);
	memcpy(&got, (uint8_t *)f->vm.run + DATA_OFF, sizeof(got));
	assert_int_equal(got, 0x1234);
}

static void test_no_device_is_a_fault(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(io(f, 1, 0x99, 1, 1, "x"), 1);
	assert_int_equal(f->res.end, RUN_FAULT);
	assert_string_equal(f->res.what, "OUT to port 0x99 with no device");
	assert_int_equal(io(f, 0, 0x98, 1, 1, NULL), 1);
	assert_string_equal(f->res.what, "IN from port 0x98 with no device");
}

static void test_bad_size_is_a_fault(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(io(f, 1, 0x42, 3, 1, "abc"), 1);
	assert_int_equal(f->res.end, RUN_FAULT);
	assert_string_equal(f->res.what,
			    "OUT to port 0x42 ('console' port) of 1 x 3 bytes");
	assert_int_equal(f->out_len, 0);
}

static void test_data_past_the_run_area_is_a_fault(void **state)
{
	struct fixture *f = *state;

	/* 4097 bytes from offset 4096 end one byte past the area. */
	assert_int_equal(io(f, 1, 0x42, 1, 4097, NULL), 1);
	assert_int_equal(f->res.end, RUN_FAULT);
	assert_string_equal(f->res.what,
			    "OUT to port 0x42 ('console' port) of 4097 x 1 bytes");
	assert_int_equal(f->out_len, 0);
}

static void test_refused_access_is_a_fault(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(io(f, 1, 0x60, 1, 1, "x"), 1);
	assert_int_equal(f->res.end, RUN_FAULT);
	assert_string_equal(f->res.what,
			    "OUT to port 0x60 ('picky' port) of 1 bytes refused");
}

static void test_exit_device_stops(void **state)
{
	struct fixture *f = *state;
	const uint32_t v = 0x12345;

	assert_int_equal(io(f, 1, 0xf4, 4, 1, &v), 1);
	assert_int_equal(f->res.end, RUN_EXIT_DEVICE);
	assert_int_equal(f->res.status, 0x45);
}

static void test_host_failure(void **state)
{
	struct fixture *f = *state;

	f->fail_rc = -EPIPE;
	assert_int_equal(io(f, 1, 0x42, 1, 1, "\n"), 1);
	assert_int_equal(f->res.end, RUN_HOST_ERROR);
	assert_int_equal(f->res.err, -EPIPE);
	assert_string_equal(f->res.what, "console: host I/O failed: Broken pipe");
}

/* Once armed, enough console bytes pause the run so its owner can start
 * coalescing; the bytes of that exit are served first. */
static void test_console_bytes_pause_for_coalescing(void **state)
{
	struct fixture *f = *state;
	static char line[COALESCE_AFTER_OUTS];

	memset(line, 'a', sizeof(line));
	assert_int_equal(io(f, 1, 0x42, 1, 100, line), 0); /* not armed */
	coalesce_arm(&f->co);
	assert_int_equal(io(f, 1, 0x42, 1, COALESCE_AFTER_OUTS - 1, line), 0);
	assert_false(f->ctx.wants_coalesce);
	assert_int_equal(io(f, 1, 0x42, 1, 1, line), 1);
	assert_int_equal(f->res.end, RUN_PAUSED);
	assert_true(f->ctx.wants_coalesce);
	assert_int_equal(devset_finish(&f->ds), 0);
	assert_int_equal(f->out_len, 100 + COALESCE_AFTER_OUTS);
	/* Asked once: later bytes go on as usual. */
	f->ctx.wants_coalesce = false;
	assert_int_equal(io(f, 1, 0x42, 1, 1, line), 0);
}

static void test_reason_names(void **state)
{
	(void)state;
	assert_string_equal(run_reason_name(KVM_EXIT_IO), "io");
	assert_string_equal(run_reason_name(KVM_EXIT_HLT), "hlt");
	assert_string_equal(run_reason_name(KVM_EXIT_INTR), "intr");
	assert_null(run_reason_name(KVM_EXIT_UNKNOWN));
	assert_null(run_reason_name(RUN_REASONS));
	assert_int_equal(run_reason_fold(1000), RUN_REASONS - 1);
	assert_int_equal(run_reason_fold(KVM_EXIT_MMIO), KVM_EXIT_MMIO);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_out_reaches_the_console),
		T(test_string_out_in_order),
		T(test_in_fills_the_data),
		T(test_no_device_is_a_fault),
		T(test_bad_size_is_a_fault),
		T(test_data_past_the_run_area_is_a_fault),
		T(test_refused_access_is_a_fault),
		T(test_exit_device_stops),
		T(test_host_failure),
		T(test_console_bytes_pause_for_coalescing),
		cmocka_unit_test(test_reason_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
