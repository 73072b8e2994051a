// SPDX-License-Identifier: MIT
/* The GDB remote protocol's framing (src/gdb/rsp.c), fed well-formed and
 * hostile bytes: every packet is either delivered whole or refused, and
 * nothing is written past the buffer. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/gdb/rsp.h"

/* Feed s (n bytes); the last event that was not RSP_NONE. */
static enum rsp_event feed(struct rsp_rx *rx, const char *s, size_t n)
{
	enum rsp_event last = RSP_NONE;

	for (size_t i = 0; i < n; i++) {
		enum rsp_event e = rsp_feed(rx, (uint8_t)s[i]);

		if (e != RSP_NONE)
			last = e;
	}
	return last;
}

static void test_packet(void **state)
{
	struct rsp_rx rx;

	(void)state;
	rsp_rx_init(&rx);
	assert_int_equal(feed(&rx, "+$g#67", 6), RSP_PACKET);
	assert_string_equal(rx.buf, "g");
	assert_int_equal(feed(&rx, "$m100,4#5e", 10), RSP_PACKET);
	assert_string_equal(rx.buf, "m100,4");
	assert_int_equal(rx.len, 6);
}

static void test_bad_checksum(void **state)
{
	struct rsp_rx rx;

	(void)state;
	rsp_rx_init(&rx);
	assert_int_equal(feed(&rx, "$g#68", 5), RSP_BAD);
	assert_int_equal(feed(&rx, "$g#zz", 5), RSP_BAD);
	/* The framer recovers: the next good packet goes through. */
	assert_int_equal(feed(&rx, "$g#67", 5), RSP_PACKET);
}

static void test_intr_ack_nak(void **state)
{
	struct rsp_rx rx;

	(void)state;
	rsp_rx_init(&rx);
	assert_int_equal(rsp_feed(&rx, 0x03), RSP_INTR);
	assert_int_equal(rsp_feed(&rx, '+'), RSP_ACK);
	assert_int_equal(rsp_feed(&rx, '-'), RSP_NAK);
	/* Inside a packet, 0x03 is data. */
	assert_int_equal(feed(&rx, "$\x03#03", 5), RSP_PACKET);
	assert_int_equal(rx.buf[0], 0x03);
}

static void test_escape(void **state)
{
	struct rsp_rx rx;
	char out[32];
	size_t n = rsp_frame(out, sizeof(out), "X0,1:#", 6);

	(void)state;
	rsp_rx_init(&rx);
	assert_true(n > 0);
	assert_int_equal(feed(&rx, out, n), RSP_PACKET);
	assert_int_equal(rx.len, 6);
	assert_memory_equal(rx.buf, "X0,1:#", 6);
	/* A frame that does not fit is refused, not cut. */
	assert_int_equal(rsp_frame(out, 6, "abcdef", 6), 0);
}

/* A packet longer than the buffer is refused whole, and the bytes after
 * the buffer never reach memory (ASan would see it). */
static void test_overflow(void **state)
{
	struct rsp_rx *rx = malloc(sizeof(*rx));
	size_t big = RSP_PKT_MAX * 3;
	char *pkt = malloc(big + 4);
	uint8_t sum = 0;

	(void)state;
	assert_non_null(rx);
	assert_non_null(pkt);
	rsp_rx_init(rx);
	pkt[0] = '$';
	memset(pkt + 1, 'a', big);
	for (size_t i = 0; i < big; i++)
		sum += 'a';
	pkt[big + 1] = '#';
	pkt[big + 2] = "0123456789abcdef"[sum >> 4];
	pkt[big + 3] = "0123456789abcdef"[sum & 0xf];
	assert_int_equal(feed(rx, pkt, big + 4), RSP_BAD);
	assert_true(rx->len <= RSP_PKT_MAX);
	assert_int_equal(feed(rx, "$g#67", 5), RSP_PACKET);
	free(pkt);
	free(rx);
}

/* Every byte value in every state: no crash, len within bounds. */
static void test_all_bytes(void **state)
{
	struct rsp_rx rx;

	(void)state;
	rsp_rx_init(&rx);
	srand(16);
	for (int i = 0; i < 200000; i++) {
		rsp_feed(&rx, (uint8_t)(i % 7 == 0 ? "$#}"[i % 3] : rand()));
		assert_true(rx.len <= RSP_PKT_MAX);
	}
}

static void test_hex(void **state)
{
	const char *p = "ffffffffffffffff,";
	const char *q = "10000000000000000";
	const char *e = ",1";
	uint64_t v;
	uint8_t b[2];

	(void)state;
	assert_int_equal(rsp_hex_u64(&p, &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(*p, ',');
	assert_int_equal(rsp_hex_u64(&q, &v), -EINVAL); /* 17 digits */
	assert_int_equal(rsp_hex_u64(&e, &v), -EINVAL); /* none */
	assert_int_equal(rsp_hex_decode("0aFf", b, 2), 0);
	assert_int_equal(b[0], 0x0a);
	assert_int_equal(b[1], 0xff);
	assert_int_equal(rsp_hex_decode("0g", b, 1), -EINVAL);
	assert_int_equal(rsp_hex_decode("0\0", b, 1), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_packet),
		cmocka_unit_test(test_bad_checksum),
		cmocka_unit_test(test_intr_ack_nak),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_all_bytes),
		cmocka_unit_test(test_hex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
