/* SPDX-License-Identifier: MIT */
/* The GDB remote serial protocol's framing (gdb's manual, "Overview" and
 * "Binary Data"): checksums, escapes, acks, Ctrl-C, hex. */
#include <errno.h>
#include <string.h>

#include "rsp.h"

enum { RX_IDLE, RX_DATA, RX_CSUM_HI, RX_CSUM_LO };

#define RSP_ESCAPE 0x7d /* '}': the next byte is XORed with 0x20 */

void rsp_rx_init(struct rsp_rx *rx)
{
	memset(rx, 0, sizeof(*rx));
}

static int rsp_hex_val(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static enum rsp_event rsp_idle(struct rsp_rx *rx, uint8_t byte)
{
	switch (byte) {
	case '$':
		rx->state = RX_DATA;
		rx->len = 0;
		rx->sum = 0;
		rx->is_escaped = 0;
		rx->is_overflow = 0;
		return RSP_NONE;
	case 0x03:
		return RSP_INTR;
	case '+':
		return RSP_ACK;
	case '-':
		return RSP_NAK;
	default:
		return RSP_NONE; /* noise between packets */
	}
}

static void rsp_data(struct rsp_rx *rx, uint8_t byte)
{
	rx->sum += byte;
	if (byte == RSP_ESCAPE && !rx->is_escaped) {
		rx->is_escaped = 1;
		return;
	}
	if (rx->is_escaped)
		byte ^= 0x20;
	rx->is_escaped = 0;
	if (rx->len >= RSP_PKT_MAX) {
		rx->is_overflow = 1;
		return;
	}
	rx->buf[rx->len++] = (char)byte;
}

enum rsp_event rsp_feed(struct rsp_rx *rx, uint8_t byte)
{
	int v;

	switch (rx->state) {
	case RX_DATA:
		if (byte == '#')
			rx->state = RX_CSUM_HI;
		else if (byte == '$') /* a new packet: the old one is lost */
			return rsp_idle(rx, byte);
		else
			rsp_data(rx, byte);
		return RSP_NONE;
	case RX_CSUM_HI:
	case RX_CSUM_LO:
		v = rsp_hex_val(byte);
		if (v < 0) {
			rx->state = RX_IDLE;
			return RSP_BAD;
		}
		rx->csum = (uint8_t)(rx->csum << 4 | v);
		if (rx->state == RX_CSUM_HI) {
			rx->state = RX_CSUM_LO;
			return RSP_NONE;
		}
		rx->state = RX_IDLE;
		rx->buf[rx->len] = '\0';
		if (rx->csum != rx->sum || rx->is_overflow)
			return RSP_BAD;
		return RSP_PACKET;
	default:
		return rsp_idle(rx, byte);
	}
}

static int rsp_needs_escape(char c)
{
	return c == '$' || c == '#' || c == RSP_ESCAPE || c == '*';
}

size_t rsp_frame(char *out, size_t cap, const char *payload, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t sum = 0;
	size_t n = 0;

	if (cap < 4)
		return 0;
	out[n++] = '$';
	for (size_t i = 0; i < len; i++) {
		char c = payload[i];

		if (n + 2 + 3 > cap)
			return 0;
		if (rsp_needs_escape(c)) {
			out[n++] = RSP_ESCAPE;
			sum += RSP_ESCAPE;
			c ^= 0x20;
		}
		out[n++] = c;
		sum += (uint8_t)c;
	}
	if (n + 3 > cap)
		return 0;
	out[n++] = '#';
	out[n++] = hex[sum >> 4];
	out[n++] = hex[sum & 0xf];
	return n;
}

int rsp_hex_u64(const char **p, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	int n = 0, d;

	while ((d = rsp_hex_val((unsigned char)s[n])) >= 0) {
		if (n == 16)
			return -EINVAL;
		x = x << 4 | (uint64_t)d;
		n++;
	}
	if (n == 0)
		return -EINVAL;
	*v = x;
	*p = s + n;
	return 0;
}

int rsp_hex_decode(const char *hex, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int hi = rsp_hex_val((unsigned char)hex[2 * i]);
		int lo = hi < 0 ? -1 : rsp_hex_val((unsigned char)hex[2 * i + 1]);

		if (lo < 0)
			return -EINVAL;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

void rsp_hex_encode(char *out, const uint8_t *in, size_t n)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[in[i] >> 4];
		out[2 * i + 1] = hex[in[i] & 0xf];
	}
}
