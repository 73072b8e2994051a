/* SPDX-License-Identifier: MIT */
/* Run-object unit tests: what vmm_create refuses, with which message, and
 * the one place that decides the "vmm: " prefix (err_print). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/vmm.h"

/* err as err_print writes it, one line. */
static const char *printed(const struct vmm_err *err)
{
	static char buf[VMM_ERR_MSG_MAX + 16];
	FILE *f;

	memset(buf, 0, sizeof(buf));
	f = fmemopen(buf, sizeof(buf), "w");
	assert_non_null(f);
	err_print(err, f);
	fclose(f);
	return buf;
}

static void test_err_print(void **state)
{
	struct vmm_err err = { 0 };

	(void)state;
	err_set(&err, -EINVAL, "no guest image given");
	assert_string_equal(printed(&err), "vmm: no guest image given\n");
	err_placed(&err);
	assert_string_equal(printed(&err), "no guest image given\n");
	/* A new message starts unplaced. */
	err_set(&err, -EIO, "m.yaml:1:2: bad");
	assert_string_equal(printed(&err), "vmm: m.yaml:1:2: bad\n");
}

/* The run object's create step, on opts; returns its result. */
static int create(struct cli_opts *o, struct vmm_err *err)
{
	struct vmm *v = NULL;
	int rc;

	memset(err, 0, sizeof(*err));
	rc = vmm_create(&v, o, 1, err);
	assert_non_null(v);
	vmm_destroy(v);
	return rc;
}

static void test_create_refuses(void **state)
{
	struct cli_opts o = { .guest = "/nonexistent/guest.bin" };
	struct vmm_err err;

	(void)state;
	/* The image: its message starts with its file, so no prefix. */
	assert_true(create(&o, &err) < 0);
	assert_string_equal(printed(&err),
			    "/nonexistent/guest.bin: cannot open: No such file or directory\n");
	/* The machine file comes first. */
	o.machine_path = "/nonexistent/m.yaml";
	assert_true(create(&o, &err) < 0);
	assert_string_equal(printed(&err),
			    "/nonexistent/m.yaml: cannot read: No such file or directory\n");
	/* The trace filter, before either: vmm's own message. */
	o.is_trace = 1;
	o.trace_filter = "bogus";
	assert_int_equal(create(&o, &err), -EINVAL);
	assert_non_null(strstr(printed(&err),
			       "vmm: --trace: unknown device or exit reason 'bogus'"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_err_print),
		cmocka_unit_test(test_create_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
