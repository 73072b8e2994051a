/* SPDX-License-Identifier: MIT */
/* io_insn_back: where the port instruction behind an exit starts, from the
 * bytes around RIP, as each kind of KVM host reports it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/io_insn.h"

#define NOP 0x90

/* An OUT of size bytes to port, in code_bits code, with the bytes before
 * RIP (up to 3, last one nearest RIP) and at RIP (up to 4), NOP-padded. */
static struct io_insn out(unsigned size, uint16_t port, unsigned code_bits,
			  bool completes, const char *before, size_t nb,
			  const char *at, size_t na)
{
	struct io_insn io = {
		.is_out = true, .size = size, .port = port,
		.code_bits = code_bits, .host_completes_out = completes,
		.has_before = true, .has_at = true,
	};

	memset(io.before, NOP, sizeof(io.before));
	memset(io.at, NOP, sizeof(io.at));
	memcpy(io.before + IO_INSN_BACK - nb, before, nb);
	memcpy(io.at, at, na);
	return io;
}

/* Intel and AMD stop on a plain OUT: RIP is the instruction. */
static void test_hardware_plain_out_is_at_rip(void **state)
{
	struct io_insn dx = out(1, 0x42, 64, false, "", 0, "\xee", 1);
	struct io_insn imm = out(1, 0x42, 64, false, "", 0, "\xe6\x42", 2);
	struct io_insn w = out(2, 0x42, 64, false, "", 0, "\x66\xef", 2);

	(void)state;
	assert_int_equal(io_insn_back(&dx), 0);
	assert_int_equal(io_insn_back(&imm), 0);
	assert_int_equal(io_insn_back(&w), 0);
}

/* kvm_pvm completes it: RIP is past it, by its length with prefix. */
static void test_completing_host_steps_back(void **state)
{
	struct io_insn dx = out(1, 0x42, 64, true, "\xee", 1, "", 0);
	struct io_insn imm = out(1, 0x42, 64, true, "\xe6\x42", 2, "", 0);
	struct io_insn w64 = out(2, 0x42, 64, true, "\x66\xef", 2, "", 0);
	struct io_insn d32imm = out(4, 0x42, 32, true, "\xe7\x42", 2, "", 0);
	struct io_insn d16 = out(4, 0x42, 16, true, "\x66\xef", 2, "", 0);
	struct io_insn d16imm = out(4, 0x42, 16, true, "\x66\xe7\x42", 3,
				    "", 0);

	(void)state;
	assert_int_equal(io_insn_back(&dx), 1);
	assert_int_equal(io_insn_back(&imm), 2);
	assert_int_equal(io_insn_back(&w64), 2);
	assert_int_equal(io_insn_back(&d32imm), 2);
	assert_int_equal(io_insn_back(&d16), 2);
	assert_int_equal(io_insn_back(&d16imm), 3);
}

/* The same OUT again at RIP must not fool a completing host. */
static void test_completing_host_back_to_back(void **state)
{
	struct io_insn io = out(1, 0x42, 64, true, "\xee", 1, "\xee", 1);

	(void)state;
	assert_int_equal(io_insn_back(&io), 1);
}

/* Every host's emulator keeps RIP on a rep OUTS until RCX runs out, and
 * completes a single OUTS. */
static void test_outs(void **state)
{
	struct io_insn rep = out(1, 0x42, 64, false, "", 0, "\xf3\x6e", 2);
	struct io_insn rep_pvm = out(1, 0x42, 64, true, "", 0, "\xf3\x6e", 2);
	struct io_insn one = out(1, 0x42, 64, false, "\x6e", 1, "", 0);
	struct io_insn one_pvm = out(1, 0x42, 64, true, "\x6e", 1, "", 0);
	struct io_insn w = out(2, 0x42, 32, false, "\x66\x6f", 2, "", 0);

	(void)state;
	assert_int_equal(io_insn_back(&rep), 0);
	assert_int_equal(io_insn_back(&rep_pvm), 0);
	assert_int_equal(io_insn_back(&one), 1);
	assert_int_equal(io_insn_back(&one_pvm), 1);
	assert_int_equal(io_insn_back(&w), 2);
}

/* IN never moves, and bytes that are not the exit's instruction (wrong
 * port, wrong size, missing prefix, unreadable) leave RIP as reported. */
static void test_no_match_stays(void **state)
{
	struct io_insn in = out(1, 0x42, 64, true, "\xec", 1, "", 0);
	struct io_insn port = out(1, 0x43, 64, true, "\xe6\x42", 2, "", 0);
	struct io_insn size = out(2, 0x42, 64, true, "\xee", 1, "", 0);
	struct io_insn pfx = out(2, 0x42, 64, true, "\xef", 1, "", 0);
	struct io_insn gone = out(1, 0x42, 64, true, "\xee", 1, "", 0);

	(void)state;
	in.is_out = false;
	gone.has_before = false;
	assert_int_equal(io_insn_back(&in), 0);
	assert_int_equal(io_insn_back(&port), 0);
	assert_int_equal(io_insn_back(&size), 0);
	assert_int_equal(io_insn_back(&pfx), 0);
	assert_int_equal(io_insn_back(&gone), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hardware_plain_out_is_at_rip),
		cmocka_unit_test(test_completing_host_steps_back),
		cmocka_unit_test(test_completing_host_back_to_back),
		cmocka_unit_test(test_outs),
		cmocka_unit_test(test_no_match_stays),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
