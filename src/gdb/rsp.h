/* SPDX-License-Identifier: MIT */
/* The GDB remote serial protocol's framing: bytes from gdb into packets
 * ($data#cs, with '}' escapes), acks, Ctrl-C; packets out; hex fields.
 * Pure: no sockets, no KVM, so a unit test and a fuzzer can drive it. */
#ifndef VMM_SRC_GDB_RSP_H
#define VMM_SRC_GDB_RSP_H

#include <stddef.h>
#include <stdint.h>

#define RSP_PKT_MAX 4096 /* the PacketSize we announce, payload bytes */

enum rsp_event {
	RSP_NONE,     /* the byte was taken; nothing complete yet */
	RSP_PACKET,   /* rx.buf holds rx.len bytes (NUL after them) */
	RSP_BAD,      /* a packet with a wrong checksum or too long: nak it */
	RSP_INTR,     /* Ctrl-C (0x03) outside a packet */
	RSP_ACK,      /* '+' */
	RSP_NAK,      /* '-': send the last packet again */
};

struct rsp_rx {
	int state;
	int is_escaped;
	int is_overflow;
	uint8_t sum;
	uint8_t csum;
	size_t len;
	char buf[RSP_PKT_MAX + 1];
};

/* Start rx with nothing received. */
void rsp_rx_init(struct rsp_rx *rx);

/* Take one byte from gdb; what it completed. Any byte sequence is safe:
 * rx.buf is never written past RSP_PKT_MAX bytes plus its NUL. */
enum rsp_event rsp_feed(struct rsp_rx *rx, uint8_t byte);

/* Frame len bytes of payload as "$payload#cs" into out (cap bytes), with
 * the bytes '$', '#', '}' and '*' escaped; the framed length, or 0 when
 * it does not fit. */
size_t rsp_frame(char *out, size_t cap, const char *payload, size_t len);

/* Parse hex digits at *p (at least one, at most 16) into *v and move *p
 * past them; 0, or -EINVAL. */
int rsp_hex_u64(const char **p, uint64_t *v);

/* Decode 2 * n hex digits from hex into out; 0, or -EINVAL when one is
 * not a hex digit (hex must hold 2 * n characters: the caller checks). */
int rsp_hex_decode(const char *hex, uint8_t *out, size_t n);

/* Encode n bytes as 2 * n lowercase hex digits at out (no NUL). */
void rsp_hex_encode(char *out, const uint8_t *in, size_t n);

#endif
