/* SPDX-License-Identifier: MIT */
/* Exit device unit tests: through exitdev_desc. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "vmm_abi.h"

#include "src/devices/devices.h"

struct fixture {
	struct dev_env env;
	void *dev;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->env.exit_status = -1;
	f->dev = calloc(1, exitdev_desc.state_size);
	assert_non_null(f->dev);
	assert_int_equal(exitdev_desc.init(f->dev, &f->env), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->dev);
	free(f);
	return 0;
}

static void test_descriptor(void **state)
{
	(void)state;
	assert_string_equal(exitdev_desc.name, "exit");
	assert_int_equal(exitdev_desc.nports, 1);
	assert_string_equal(exitdev_desc.ports[0].key, "port");
	assert_int_equal(exitdev_desc.ports[0].abi_slot, VMM_PORT_EXIT);
	assert_ptr_equal(devices_find("exit"), &exitdev_desc);
}

static void exit_with(struct fixture *f, unsigned width, uint32_t val,
                      int status)
{
	f->env.exit_status = -1;
	assert_int_equal(exitdev_desc.out(f->dev, 0, width, val), DEV_STOP);
	assert_int_equal(f->env.exit_status, status);
}

static void test_out_stops_with_low_byte(void **state)
{
	struct fixture *f = *state;

	exit_with(f, 1, 0, 0);
	exit_with(f, 1, 3, 3);
	exit_with(f, 1, 0xff, 0xff);
	exit_with(f, 2, 0x1ff, 0xff);
	exit_with(f, 2, 0x100, 0);
	exit_with(f, 4, 0x12345678, 0x78);
	exit_with(f, 4, 0xffffff2a, 42);
}

static void test_in_reads_zero(void **state)
{
	struct fixture *f = *state;
	uint32_t val;

	for (unsigned w = 1; w <= 4; w *= 2) {
		val = 0xdeadbeef;
		assert_int_equal(exitdev_desc.in(f->dev, 0, w, &val), 0);
		assert_int_equal(val, 0);
	}
	assert_int_equal(f->env.exit_status, -1);
}

static void test_bad_access(void **state)
{
	struct fixture *f = *state;
	uint32_t val = 0;

	assert_int_equal(exitdev_desc.out(f->dev, 0, 3, 1), DEV_BAD_ACCESS);
	assert_int_equal(exitdev_desc.out(f->dev, 1, 1, 1), DEV_BAD_ACCESS);
	assert_int_equal(exitdev_desc.in(f->dev, 0, 8, &val), DEV_BAD_ACCESS);
	assert_int_equal(exitdev_desc.in(f->dev, 1, 1, &val), DEV_BAD_ACCESS);
	assert_int_equal(f->env.exit_status, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_descriptor),
		cmocka_unit_test_setup_teardown(test_out_stops_with_low_byte,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_in_reads_zero, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_bad_access, setup,
		                                teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
