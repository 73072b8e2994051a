/* SPDX-License-Identifier: MIT */
/* Host clock, output sink and the standard-input reader thread. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "devices/dev.h"
#include "host_io.h"
#include "signals.h"

/* A full ring waits for the guest this long before looking again: input
 * stays in the pipe or terminal meanwhile, so memory stays bounded. */
#define HOST_INPUT_FULL_WAIT_NS 1000000L

uint64_t host_now_ns(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int host_write_all(void *ctx, const void *buf, size_t len)
{
	int fd = *(const int *)ctx;
	const uint8_t *p = buf;

	if (fd < 0)
		return -EBADF;
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Wake an idle vCPU thread (idle.c): 8 bytes to its eventfd; and kick it
 * out of KVM_RUN when a keyboard's line may rise (SPEC "Interrupts"). */
static void host_input_wake(const struct host_input *in)
{
	uint64_t one = 1;

	if (in->wake_fd >= 0)
		(void)!write(in->wake_fd, &one, sizeof(one));
	if (in->has_kick)
		pthread_kill(in->kick_thread, SIGNALS_KICK);
}

/* Interrupts the reader's read() or sleep when the run ends (no
 * SA_RESTART): the only signal the reader thread takes. Thread
 * cancellation would do it too, but glibc loads libgcc_s for it then,
 * which the sandbox forbids. */
#define HOST_INPUT_STOP_SIGNAL (SIGRTMIN + 2)

static void host_input_stop_handler(int signo)
{
	(void)signo;
}

static void *host_input_thread(void *arg)
{
	struct host_input *in = arg;
	const struct timespec full_wait = { 0, HOST_INPUT_FULL_WAIT_NS };
	sigset_t stop;

	sigemptyset(&stop);
	sigaddset(&stop, HOST_INPUT_STOP_SIGNAL);
	pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
	while (!atomic_load(&in->is_stopping)) {
		uint64_t head = atomic_load_explicit(&in->head,
						     memory_order_relaxed);
		uint64_t tail = atomic_load_explicit(&in->tail,
						     memory_order_acquire);
		size_t at = head % HOST_INPUT_RING;
		size_t room = HOST_INPUT_RING - (size_t)(head - tail);
		ssize_t n;

		if (room == 0) {
			nanosleep(&full_wait, NULL);
			continue;
		}
		if (room > HOST_INPUT_RING - at)
			room = HOST_INPUT_RING - at;
		n = read(in->fd, in->ring + at, room);
		if (n < 0 && errno == EINTR)
			continue; /* the loop checks is_stopping */
		if (n <= 0)
			break;
		atomic_store_explicit(&in->head, head + (uint64_t)n,
				      memory_order_release);
		host_input_wake(in);
	}
	atomic_store_explicit(&in->is_closed, 1, memory_order_release);
	host_input_wake(in);
	return NULL;
}

void host_input_init(struct host_input *in, int fd)
{
	in->fd = fd;
	in->is_started = 0;
	in->has_thread = 0;
	atomic_init(&in->is_stopping, 0);
	in->wake_fd = -1;
	in->has_kick = 0;
	atomic_init(&in->head, 0);
	atomic_init(&in->tail, 0);
	atomic_init(&in->is_closed, 0);
}

/* /dev/null, which can never give a byte (also what a closed standard
 * input becomes: main.c). */
static int host_input_is_null(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) &&
	       st.st_rdev == makedev(1, 3);
}

/* The thread takes no signals: SIGINT, SIGTERM and the timeout must reach
 * the vCPU thread to interrupt KVM_RUN. A thread costs a short run about
 * a quarter of a millisecond (clone, on a nested-KVM host), so input that
 * is closed from the start gets none. */
void host_input_start(struct host_input *in)
{
	struct sigaction sa;
	sigset_t all, old;

	in->is_started = 1;
	if (host_input_is_null(in->fd)) {
		atomic_store(&in->is_closed, 1);
		return;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = host_input_stop_handler;
	sigemptyset(&sa.sa_mask);
	if (sigaction(HOST_INPUT_STOP_SIGNAL, &sa, NULL) < 0) {
		atomic_store(&in->is_closed, 1);
		return;
	}
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	if (pthread_create(&in->thread, NULL, host_input_thread, in) == 0)
		in->has_thread = 1;
	else
		atomic_store(&in->is_closed, 1);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* The thread may sit in read() on a terminal or pipe for ever: interrupt
 * it with its stop signal until it has gone (a signal that lands between
 * its check and its read() is lost, so send again every millisecond), then
 * the ring can be freed. */
void host_input_stop(struct host_input *in)
{
	struct timespec until;

	if (!in->has_thread)
		return;
	atomic_store(&in->is_stopping, 1);
	do {
		pthread_kill(in->thread, HOST_INPUT_STOP_SIGNAL);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 1000000;
		if (until.tv_nsec >= 1000000000) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000;
		}
	} while (pthread_timedjoin_np(in->thread, NULL, &until) == ETIMEDOUT);
	in->has_thread = 0;
}

size_t host_input_take(struct host_input *in, uint8_t *buf, size_t len,
		       uint64_t limit)
{
	uint64_t head = atomic_load_explicit(&in->head, memory_order_acquire);
	uint64_t tail = atomic_load_explicit(&in->tail, memory_order_relaxed);
	size_t n = 0;

	if (limit < head)
		head = limit;
	while (n < len && tail + n < head) {
		buf[n] = in->ring[(tail + n) % HOST_INPUT_RING];
		n++;
	}
	atomic_store_explicit(&in->tail, tail + n, memory_order_release);
	return n;
}

long host_input_read(void *ctx, uint8_t *buf, size_t len)
{
	struct host_input *in = ctx;
	int is_closed;
	size_t n;

	if (!in->is_started)
		return DEV_INPUT_EOF;
	/* Read is_closed before head: bytes stored before the close are seen. */
	is_closed = atomic_load_explicit(&in->is_closed, memory_order_acquire);
	n = host_input_take(in, buf, len, UINT64_MAX);
	if (n == 0 && is_closed)
		return DEV_INPUT_EOF;
	return (long)n;
}

void host_input_seen(struct host_input *in, uint64_t *head, int *is_closed)
{
	*is_closed = atomic_load_explicit(&in->is_closed, memory_order_acquire);
	*head = atomic_load_explicit(&in->head, memory_order_acquire);
}

uint8_t host_input_byte(const struct host_input *in, uint64_t at)
{
	return in->ring[at % HOST_INPUT_RING];
}

uint64_t host_input_tail(struct host_input *in)
{
	return atomic_load_explicit(&in->tail, memory_order_relaxed);
}

int host_input_wait(struct host_input *in)
{
	struct pollfd pfd = { .fd = in->wake_fd, .events = POLLIN };
	uint64_t n;

	if (in->wake_fd < 0)
		return -EBADF; /* idle_init gives every run one */
	if (signals_pending())
		return -EINTR;
	if (ppoll(&pfd, 1, NULL, NULL) > 0)
		(void)!read(in->wake_fd, &n, sizeof(n));
	return signals_pending() ? -EINTR : 0;
}

int host_input_may_come(struct host_input *in)
{
	return in->is_started &&
	       !atomic_load_explicit(&in->is_closed, memory_order_acquire);
}
