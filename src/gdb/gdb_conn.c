/* SPDX-License-Identifier: MIT */
/* The GDB stub's connection: listen on 127.0.0.1, wait for gdb, bytes and
 * framed packets in and out, and SIGIO so that a Ctrl-C reaches a running
 * guest. What the bytes mean is gdb.c's and gdb_cmd.c's. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../signals.h"
#include "gdb.h"

/* SIGIO on the connection kicks the vCPU out of KVM_RUN, so a Ctrl-C
 * reaches the stub while the guest runs; the handler only sets the run
 * area's flag (as signals.c's do). */
static volatile uint8_t *volatile gdb_kick;

static void gdb_on_sigio(int signo)
{
	(void)signo;
	if (gdb_kick)
		*gdb_kick = 1;
}

int gdb_write_all(struct gdb *g, const char *buf, size_t len)
{
	while (len && g->fd >= 0) {
		ssize_t n = write(g->fd, buf, len);

		if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
			struct pollfd p = { .fd = g->fd, .events = POLLOUT };

			poll(&p, 1, -1);
			continue;
		}
		if (n <= 0)
			return -EPIPE;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

void gdb_send(struct gdb *g, const char *payload, size_t len)
{
	g->framed_len = rsp_frame(g->framed, sizeof(g->framed), payload, len);
	if (!g->framed_len) /* never: replies are sized for it */
		g->framed_len = rsp_frame(g->framed, sizeof(g->framed), "E01", 3);
	gdb_write_all(g, g->framed, g->framed_len);
}

void gdb_send_str(struct gdb *g, const char *s)
{
	gdb_send(g, s, strlen(s));
}

/* The next byte from gdb; -1 when it is gone, -2 when none is waiting and
 * is_wait is false. */
int gdb_read_byte(struct gdb *g, bool is_wait)
{
	uint8_t b;

	for (;;) {
		struct pollfd p = { .fd = g->fd, .events = POLLIN };
		ssize_t n;

		if (g->fd < 0)
			return -1;
		if (poll(&p, 1, is_wait ? -1 : 0) == 0)
			return -2;
		n = read(g->fd, &b, 1);
		if (n == 1)
			return b;
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		return -1;
	}
}

static int gdb_listen(unsigned port, uint16_t *bound, struct vmm_err *err)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof(a);
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return err_set(err, -errno, "--gdb: cannot make a socket: %s",
			       strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(fd, 1) < 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &alen) < 0) {
		int rc = -errno;

		close(fd);
		return err_set(err, rc, "--gdb: cannot listen on 127.0.0.1:%u: %s",
			       port, strerror(-rc));
	}
	*bound = ntohs(a.sin_port);
	return fd;
}

/* Ctrl-C while the guest runs: SIGIO to this (the vCPU's) thread when
 * bytes arrive, which makes KVM_RUN return (gdb_on_sigio). */
static int gdb_async(struct gdb *g)
{
	struct f_owner_ex owner = { .type = F_OWNER_TID, .pid = gettid() };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = gdb_on_sigio;
	gdb_kick = run_kick_flag(g->vm);
	if (sigaction(SIGIO, &sa, NULL) < 0 ||
	    fcntl(g->fd, F_SETOWN_EX, &owner) < 0 ||
	    fcntl(g->fd, F_SETFL, O_ASYNC | O_NONBLOCK) < 0)
		return -errno;
	return 0;
}

void gdb_conn_kick(void)
{
	if (gdb_kick)
		*gdb_kick = 1;
}

int gdb_conn_open(struct gdb *g, unsigned port, struct vmm_err *err)
{
	int one = 1, lfd, rc;
	uint16_t bound = 0;

	lfd = gdb_listen(port, &bound, err);
	if (lfd < 0)
		return lfd;
	fprintf(stderr, "vmm: gdb: waiting for gdb on 127.0.0.1:%u (target remote :%u)\n",
		bound, bound);
	/* Ctrl-C, SIGTERM or --timeout while no gdb comes: no gdb, and the
	 * run ends at its start as that signal says (the handler has set
	 * the kick, so the first KVM_RUN returns at once). */
	rc = signals_wait_in(lfd);
	if (rc > 0) {
		g->fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		rc = g->fd < 0 ? -errno : 0;
	}
	close(lfd);
	if (rc < 0)
		return err_set(err, rc, "--gdb: cannot accept gdb: %s",
			       strerror(-rc));
	if (g->fd < 0)
		return 0;
	setsockopt(g->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	rc = gdb_async(g);
	if (rc < 0)
		return err_set(err, rc, "--gdb: cannot watch the connection: %s",
			       strerror(-rc));
	return 0;
}

void gdb_close(struct gdb *g)
{
	if (g->fd < 0)
		return;
	fcntl(g->fd, F_SETFL, 0); /* no SIGIO for the close */
	close(g->fd);
	g->fd = -1;
}
