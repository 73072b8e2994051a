/* SPDX-License-Identifier: MIT */
/* What the devices reach on the host: the monotonic clock, standard output
 * and standard input (read by a helper thread, so that polling the keyboard
 * never costs a syscall on the exit path). */
#ifndef VMM_SRC_HOST_IO_H
#define VMM_SRC_HOST_IO_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define HOST_INPUT_RING 65536 /* a power of two */

struct host_input {
	int fd;
	int is_started;
	int has_thread; /* the reader runs, or ran: host_input_stop joins it */
	pthread_t thread;
	/* Single producer (the thread), single consumer (the vCPU thread). */
	_Atomic uint64_t head; /* bytes produced */
	_Atomic uint64_t tail; /* bytes consumed */
	atomic_int is_closed;  /* the fd reached end of file or failed */
	atomic_int is_stopping; /* host_input_stop: the thread must end */
	int wake_fd; /* eventfd the reader signals on news (idle.c), or -1 */
	int has_kick;         /* a keyboard with irq: kick the vCPU thread */
	pthread_t kick_thread; /* with SIGNALS_KICK when bytes arrive */
	uint8_t ring[HOST_INPUT_RING];
};

/* dev_env.now_ns: CLOCK_MONOTONIC in nanoseconds (ctx unused). */
uint64_t host_now_ns(void *ctx);

/* dev_env.output: write all of buf to the fd *(int *)ctx, retrying short
 * writes and EINTR; 0 or a negative errno (-EPIPE for a closed reader,
 * -EBADF when the fd is -1: standard output was closed). */
int host_write_all(void *ctx, const void *buf, size_t len);

/* Prepare to read fd; nothing is read before host_input_start. */
void host_input_init(struct host_input *in, int fd);

/* Start the reader thread (at boot, when a device needs input). If the
 * thread cannot start, or fd is /dev/null, the input reads as closed. */
void host_input_start(struct host_input *in);

/* Stop the reader thread, if any, and wait for it: afterwards in may be
 * freed. Safe to call when none was started. */
void host_input_stop(struct host_input *in);

/* dev_env.input: move up to len bytes read so far into buf; never blocks.
 * Returns the count, or DEV_INPUT_EOF once fd is closed and drained (and
 * at once when host_input_start was never called). */
long host_input_read(void *ctx, uint8_t *buf, size_t len);

/* Move up to len bytes read so far, below the absolute offset limit (a
 * count of bytes since the start), into buf; never blocks. The count. */
size_t host_input_take(struct host_input *in, uint8_t *buf, size_t len,
		       uint64_t limit);

/* What the reader has produced so far (*head, bytes since the start) and
 * whether it has seen the end; is_closed is read first, so every byte
 * before the end is counted in *head. */
void host_input_seen(struct host_input *in, uint64_t *head, int *is_closed);

/* The byte at absolute offset at, for tail <= at < head. */
uint8_t host_input_byte(const struct host_input *in, uint64_t at);

/* Bytes consumed so far. */
uint64_t host_input_tail(struct host_input *in);

/* Block until the reader has news (wake_fd) or a signal came: 0, or
 * -EINTR when a signal is pending (the run is ending). On the vCPU
 * thread; the reader and the signal handlers write wake_fd. */
int host_input_wait(struct host_input *in);

/* True while input may still come (the reader runs and has not seen the
 * end); false when host_input_start was never called. */
int host_input_may_come(struct host_input *in);

#endif
