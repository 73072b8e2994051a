/* SPDX-License-Identifier: MIT */
/* exception.c: the 32 vectors' names, error codes and their decoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/exception.h"

static void test_every_vector_has_a_name(void **state)
{
	(void)state;
	for (unsigned v = 0; v < EXC_VECTORS; v++) {
		assert_non_null(exc_name(v));
		assert_true(strlen(exc_name(v)) > 0);
	}
	assert_string_equal(exc_name(0), "divide error (#DE)");
	assert_string_equal(exc_name(6), "invalid opcode (#UD)");
	assert_string_equal(exc_name(13), "general protection (#GP)");
	assert_string_equal(exc_name(14), "page fault (#PF)");
	assert_string_equal(exc_name(15), "reserved vector 15");
	assert_string_equal(exc_name(32), "not an exception vector");
}

static void test_error_code_vectors(void **state)
{
	const unsigned with[] = { 8, 10, 11, 12, 13, 14, 17, 21, 29, 30 };
	unsigned n = 0;

	(void)state;
	for (unsigned v = 0; v < EXC_VECTORS; v++)
		n += exc_has_error_code(v);
	assert_int_equal(n, sizeof(with) / sizeof(with[0]));
	for (unsigned i = 0; i < n; i++)
		assert_true(exc_has_error_code(with[i]));
}

static void test_page_fault_bits(void **state)
{
	char buf[128];

	(void)state;
	exc_error_text(14, 0x0, buf, sizeof(buf));
	assert_string_equal(buf, "0x0: not present, read, supervisor");
	exc_error_text(14, 0x7, buf, sizeof(buf));
	assert_string_equal(buf, "0x7: protection violation, write, user");
	exc_error_text(14, 0x19, buf, sizeof(buf));
	assert_string_equal(buf,
			    "0x19: protection violation, instruction fetch, supervisor, reserved bit set");
}

static void test_selector_codes(void **state)
{
	char buf[128];

	(void)state;
	exc_error_text(13, 0x28, buf, sizeof(buf));
	assert_string_equal(buf, "0x28: selector 0x28, GDT index 5");
	exc_error_text(13, 0x0, buf, sizeof(buf));
	assert_string_equal(buf, "0x0: no selector");
	exc_error_text(13, 0x102, buf, sizeof(buf));
	assert_string_equal(buf, "0x102: IDT vector 32");
	exc_error_text(11, 0x1d, buf, sizeof(buf));
	assert_string_equal(buf, "0x1d: selector 0x18, LDT index 3, external event");
	exc_error_text(17, 0x0, buf, sizeof(buf));
	assert_string_equal(buf, "0x0");
}

static void test_short_buffer_stays_terminated(void **state)
{
	char buf[8];

	(void)state;
	exc_error_text(14, 0x7, buf, sizeof(buf));
	assert_int_equal(strlen(buf), sizeof(buf) - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_vector_has_a_name),
		cmocka_unit_test(test_error_code_vectors),
		cmocka_unit_test(test_page_fault_bits),
		cmocka_unit_test(test_selector_codes),
		cmocka_unit_test(test_short_buffer_stays_terminated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
