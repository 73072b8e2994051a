/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the input bytes as what gdb sends vmm --gdb. Every
 * byte goes through the framer (src/gdb/rsp.c); each packet it delivers
 * has its hex fields parsed as the stub does and is framed back out. Any
 * crash, sanitizer report or broken promise below is a finding.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "src/gdb/rsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct rsp_rx rx;
static char framed[4 * RSP_PKT_MAX + 16];
static uint8_t bytes[RSP_PKT_MAX / 2];

/* "ADDR,LEN:HEX" as m, M and Z carry them. */
static void parse_fields(const char *p, size_t len)
{
	uint64_t addr, n;

	if (rsp_hex_u64(&p, &addr) < 0 || *p++ != ',' ||
	    rsp_hex_u64(&p, &n) < 0)
		return;
	if (*p == ':')
		p++;
	if (n <= sizeof(bytes) && n <= strnlen(p, len) / 2)
		rsp_hex_decode(p, bytes, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rsp_rx_init(&rx);
	for (size_t i = 0; i < size; i++) {
		if (rsp_feed(&rx, data[i]) != RSP_PACKET)
			continue;
		if (rx.len > RSP_PKT_MAX || rx.buf[rx.len] != '\0')
			abort(); /* rsp.h: len within the buffer, NUL after */
		if (rx.len > 1)
			parse_fields(rx.buf + 1, rx.len - 1);
		if (!rsp_frame(framed, sizeof(framed), rx.buf, rx.len))
			abort(); /* the stub's reply buffer fits any packet */
	}
	return 0;
}
