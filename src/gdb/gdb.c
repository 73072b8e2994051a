/* SPDX-License-Identifier: MIT */
/* The GDB remote stub's conversation: the socket, packets in and out, the
 * commands, and the stops (a run observer with a decide hook, run.h).
 * What a command does to the guest is target.c's. */
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

#include "../exception.h"
#include "../quirk.h"
#include "../signals.h"
#include "../status.h"
#include "gdb.h"

/* The vectors with their own signal (SDM vol. 3A, table 6-1). */
enum { EXC_DE = 0, EXC_DB = 1, EXC_UD = 6, EXC_MF = 16, EXC_XM = 19 };

enum gdb_action { GDB_STAY, GDB_CONT, GDB_STEP, GDB_KILL, GDB_DETACH };

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

static int gdb_write_all(struct gdb *g, const char *buf, size_t len)
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

static void gdb_send(struct gdb *g, const char *payload, size_t len)
{
	g->framed_len = rsp_frame(g->framed, sizeof(g->framed), payload, len);
	if (!g->framed_len) /* never: replies are sized for it */
		g->framed_len = rsp_frame(g->framed, sizeof(g->framed), "E01", 3);
	gdb_write_all(g, g->framed, g->framed_len);
}

static void gdb_send_str(struct gdb *g, const char *s)
{
	gdb_send(g, s, strlen(s));
}

/* The next byte from gdb; -1 when it is gone, -2 when none is waiting and
 * is_wait is false. */
static int gdb_read_byte(struct gdb *g, bool is_wait)
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

static void gdb_stop_reply(struct gdb *g, int signo, const char *extra)
{
	snprintf(g->stop, sizeof(g->stop), "T%02x%sthread:1;", signo,
		 extra ? extra : "");
}

static void gdb_xfer(struct gdb *g, const char *args)
{
	const char *xml = gdb_target_xml(g);
	size_t total = strlen(xml);
	uint64_t off, len;
	const char *p = strchr(args, ':');

	if (strncmp(args, "target.xml:", 11) != 0 || !(p = args + 11) ||
	    rsp_hex_u64(&p, &off) < 0 || *p++ != ',' ||
	    rsp_hex_u64(&p, &len) < 0) {
		gdb_send_str(g, "E00");
		return;
	}
	if (off > total)
		off = total;
	if (len > RSP_PKT_MAX - 1)
		len = RSP_PKT_MAX - 1;
	if (len > total - off)
		len = total - off;
	g->reply[0] = off + len < total ? 'm' : 'l';
	memcpy(g->reply + 1, xml + off, len);
	gdb_send(g, g->reply, len + 1);
}

static void gdb_query(struct gdb *g, const char *pkt)
{
	if (strncmp(pkt, "qSupported", 10) == 0)
		gdb_send_str(g, "PacketSize=1000;qXfer:features:read+;QStartNoAckMode+");
	else if (strncmp(pkt, "qXfer:features:read:", 20) == 0)
		gdb_xfer(g, pkt + 20);
	else if (strcmp(pkt, "qAttached") == 0)
		gdb_send_str(g, "1");
	else if (strcmp(pkt, "qC") == 0)
		gdb_send_str(g, "QC1");
	else if (strcmp(pkt, "qfThreadInfo") == 0)
		gdb_send_str(g, "m1");
	else if (strcmp(pkt, "qsThreadInfo") == 0)
		gdb_send_str(g, "l");
	else if (strcmp(pkt, "QStartNoAckMode") == 0) {
		gdb_send_str(g, "OK");
		g->is_no_ack = true;
	} else
		gdb_send_str(g, "");
}

/* "ADDR,LEN" at *p; 0 or -EINVAL. */
static int gdb_addr_len(const char **p, uint64_t *addr, uint64_t *len)
{
	if (rsp_hex_u64(p, addr) < 0 || *(*p)++ != ',' ||
	    rsp_hex_u64(p, len) < 0)
		return -EINVAL;
	return 0;
}

static void gdb_mem_read(struct gdb *g, const char *p)
{
	uint8_t buf[RSP_PKT_MAX / 2];
	uint64_t addr, len;

	if (gdb_addr_len(&p, &addr, &len) < 0 || *p) {
		gdb_send_str(g, "E01");
		return;
	}
	if (len > sizeof(buf))
		len = sizeof(buf);
	if (gdb_mem(g, addr, buf, len, false) < 0) {
		gdb_send_str(g, "E14"); /* EFAULT */
		return;
	}
	rsp_hex_encode(g->reply, buf, len);
	gdb_send(g, g->reply, 2 * len);
}

/* M (hex) or X (binary) from packet pkt of pkt_len bytes. */
static void gdb_mem_write(struct gdb *g, const char *pkt, size_t pkt_len)
{
	uint8_t buf[RSP_PKT_MAX];
	const char *p = pkt + 1;
	uint64_t addr, len;
	size_t left;
	int rc;

	if (gdb_addr_len(&p, &addr, &len) < 0 || *p++ != ':') {
		gdb_send_str(g, "E01");
		return;
	}
	left = pkt_len - (size_t)(p - pkt);
	if (pkt[0] == 'X') {
		rc = len <= left ? 0 : -EINVAL;
		if (rc == 0)
			memcpy(buf, p, len);
	} else {
		rc = len <= left / 2 ? rsp_hex_decode(p, buf, len) : -EINVAL;
	}
	if (rc == 0)
		rc = gdb_mem(g, addr, buf, len, true);
	gdb_send_str(g, rc == 0 ? "OK" : rc == -EFAULT ? "E14" : "E01");
}

static void gdb_breakpoint(struct gdb *g, const char *pkt)
{
	const char *p = pkt + 1;
	uint64_t type, addr, kind;
	int rc;

	if (rsp_hex_u64(&p, &type) < 0 || *p++ != ',' ||
	    gdb_addr_len(&p, &addr, &kind) < 0 || type > 4) {
		gdb_send_str(g, "E01");
		return;
	}
	rc = gdb_bp(g, (unsigned)type, addr, (unsigned)kind, pkt[0] == 'Z');
	gdb_send_str(g, rc == 0 ? "OK" : rc == -ENOSPC ? "E1c" : "E01");
}

static void gdb_regs_cmd(struct gdb *g, const char *pkt)
{
	const char *p = pkt + 1;
	uint64_t n;
	size_t len;

	switch (pkt[0]) {
	case 'g':
		gdb_send(g, g->reply, gdb_regs_hex(g, g->reply));
		return;
	case 'G':
		gdb_send_str(g, gdb_regs_set(g, p) == 0 ? "OK" : "E01");
		return;
	case 'p':
		len = rsp_hex_u64(&p, &n) < 0 || *p || n > 64 ? 0 :
			gdb_reg_hex(g, (unsigned)n, g->reply);
		if (len)
			gdb_send(g, g->reply, len);
		else
			gdb_send_str(g, "E01");
		return;
	default: /* 'P' */
		if (rsp_hex_u64(&p, &n) < 0 || *p++ != '=' || n > 64 ||
		    gdb_reg_set(g, (unsigned)n, p) < 0)
			gdb_send_str(g, "E01");
		else
			gdb_send_str(g, "OK");
	}
}

/* vCont;ACTION[:THREAD][;...]: the first action is for our one thread. */
static enum gdb_action gdb_vcont(struct gdb *g, const char *pkt)
{
	if (strcmp(pkt, "vCont?") == 0) {
		gdb_send_str(g, "vCont;c;C;s;S");
		return GDB_STAY;
	}
	if (strncmp(pkt, "vCont;", 6) == 0) {
		if (pkt[6] == 'c' || pkt[6] == 'C')
			return GDB_CONT;
		if (pkt[6] == 's' || pkt[6] == 'S')
			return GDB_STEP;
		gdb_send_str(g, "E01");
		return GDB_STAY;
	}
	if (strncmp(pkt, "vKill", 5) == 0) {
		gdb_send_str(g, "OK");
		return GDB_KILL;
	}
	gdb_send_str(g, "");
	return GDB_STAY;
}

/* One packet; what the guest does next. */
static enum gdb_action gdb_packet(struct gdb *g, const char *pkt, size_t len)
{
	switch (pkt[0]) {
	case '?':
		gdb_send_str(g, g->stop);
		return GDB_STAY;
	case 'q':
	case 'Q':
		gdb_query(g, pkt);
		return GDB_STAY;
	case 'g': case 'G': case 'p': case 'P':
		gdb_regs_cmd(g, pkt);
		return GDB_STAY;
	case 'm':
		gdb_mem_read(g, pkt + 1);
		return GDB_STAY;
	case 'M': case 'X':
		gdb_mem_write(g, pkt, len);
		return GDB_STAY;
	case 'Z': case 'z':
		gdb_breakpoint(g, pkt);
		return GDB_STAY;
	case 'c': case 'C':
		return GDB_CONT; /* resuming elsewhere is not offered */
	case 's': case 'S':
		return GDB_STEP;
	case 'v':
		return gdb_vcont(g, pkt);
	case 'H': case 'T':
		gdb_send_str(g, "OK");
		return GDB_STAY;
	case 'k':
		return GDB_KILL;
	case 'D':
		gdb_send_str(g, "OK");
		return GDB_DETACH;
	default:
		gdb_send_str(g, "");
		return GDB_STAY;
	}
}

/* Talk to gdb until it resumes, kills or leaves the guest. */
static enum gdb_action gdb_serve(struct gdb *g)
{
	for (;;) {
		int b = gdb_read_byte(g, true);
		enum gdb_action a;

		if (b < 0)
			return GDB_DETACH; /* gdb is gone: the guest runs on */
		switch (rsp_feed(&g->rx, (uint8_t)b)) {
		case RSP_PACKET:
			if (!g->is_no_ack)
				gdb_write_all(g, "+", 1);
			a = gdb_packet(g, g->rx.buf, g->rx.len);
			if (a != GDB_STAY)
				return a;
			break;
		case RSP_BAD:
			if (!g->is_no_ack)
				gdb_write_all(g, "-", 1);
			break;
		case RSP_NAK:
			gdb_write_all(g, g->framed, g->framed_len);
			break;
		default:
			break;
		}
	}
}

/* Stop: tell gdb (unless this is the stop before the first instruction,
 * which gdb asks about with '?'), serve it, then arm the vCPU for what it
 * asked. */
static enum gdb_action gdb_stop(struct gdb *g, const struct run_result *res,
				bool is_tell)
{
	enum gdb_action a;

	gdb_load_stop(g, res);
	if (is_tell)
		gdb_send_str(g, g->stop);
	a = gdb_serve(g);
	g->is_stepping = a == GDB_STEP;
	if (a == GDB_DETACH || a == GDB_KILL) {
		gdb_bp_clear(g);
		if (a == GDB_DETACH)
			gdb_close(g);
		return a;
	}
	gdb_arm(g);
	return a;
}

static int gdb_exc_signal(unsigned vector)
{
	switch (vector) {
	case EXC_DE:
	case EXC_MF:
	case EXC_XM:
		return SIGFPE;
	case EXC_DB:
	case EXC_BP:
		return SIGTRAP;
	case EXC_UD:
		return SIGILL;
	default:
		return SIGSEGV;
	}
}

/* The guest's end, as gdb's "process exited" ('W') or "killed" ('X'). */
static int gdb_end(struct gdb *g, const struct run_result *res)
{
	char pkt[8];

	if (res->end == RUN_HLT)
		snprintf(pkt, sizeof(pkt), "W00");
	else if (res->end == RUN_EXIT_DEVICE)
		snprintf(pkt, sizeof(pkt), "W%02x", res->status & 0xff);
	else if (res->end == RUN_FAULT)
		snprintf(pkt, sizeof(pkt), "W%02x", VMM_EXIT_FAULT);
	else if (res->end == RUN_SIGNAL)
		snprintf(pkt, sizeof(pkt), "X%02x", res->signo & 0xff);
	else
		snprintf(pkt, sizeof(pkt), "X%02x", SIGKILL);
	gdb_send_str(g, pkt);
	gdb_close(g);
	return 1;
}

static int gdb_killed(struct gdb *g, struct run_result *res)
{
	gdb_close(g);
	memset(res, 0, sizeof(*res));
	res->end = RUN_SIGNAL;
	res->signo = SIGKILL;
	return 1;
}

/* A debug exit: a breakpoint, a watchpoint or a step. */
static int gdb_trap(struct gdb *g, struct run_result *res)
{
	char extra[40] = "";
	const struct gdb_hw_bp *w;
	unsigned vector;
	uint64_t dr6;

	vcpu_debug_exit(g->vm, &vector, &dr6);
	w = vector == EXC_DB ? gdb_hw_hit(g, dr6) : NULL;
	if (w && w->type > 1)
		snprintf(extra, sizeof(extra), "%swatch:%llx;",
			 w->type == 2 ? "" : w->type == 3 ? "r" : "a",
			 (unsigned long long)w->addr);
	/* The guest's own int3 (KVM reports every one while gdb has
	 * breakpoints): its #BP, as without gdb. */
	if (vector == EXC_BP && !gdb_sw_at(g, vcpu_rip(g->vm)))
		return quirk_emulate(g->vm) < 0;
	gdb_stop_reply(g, SIGTRAP, extra);
	return gdb_stop(g, res, true) == GDB_KILL ? gdb_killed(g, res) : 0;
}

/* A host that cannot emulate int3 (kvm_pvm) fails on it instead of a
 * debug exit: gdb's breakpoint stops there; the guest's own int3 raises
 * #BP in the guest, as without gdb. */
static int gdb_int3(struct gdb *g, struct run_result *res)
{
	if (!gdb_sw_at(g, vcpu_rip(g->vm)))
		return quirk_emulate(g->vm) < 0; /* else the error stands */
	gdb_stop_reply(g, SIGTRAP, NULL);
	return gdb_stop(g, NULL, true) == GDB_KILL ? gdb_killed(g, res) : 0;
}

static int gdb_decide(void *ctx, struct run_result *res, int is_done)
{
	struct gdb *g = ctx;
	int b;

	if (g->fd < 0 && is_done && res->end == RUN_FAULT &&
	    res->reason == RUN_REASON_INTERNAL_ERROR && quirk_is_int3(g->vm))
		return quirk_emulate(g->vm) < 0; /* gdb left: as without it */
	if (g->fd < 0)
		return is_done;
	if (g->is_killed)
		return gdb_killed(g, res);
	if (!is_done) {
		/* Interrupted: a Ctrl-C from gdb, or other bytes to drop. */
		while ((b = gdb_read_byte(g, false)) >= 0)
			if (rsp_feed(&g->rx, (uint8_t)b) == RSP_INTR)
				break;
		if (b == -1) { /* gdb is gone: the guest runs on */
			gdb_bp_clear(g);
			gdb_close(g);
			return 0;
		}
		if (b < 0)
			return 0;
		gdb_stop_reply(g, SIGINT, NULL);
		return gdb_stop(g, NULL, true) == GDB_KILL ? gdb_killed(g, res)
							    : 0;
	}
	if (res->end == RUN_FAULT && res->reason == RUN_REASON_DEBUG)
		return gdb_trap(g, res);
	if (res->end == RUN_FAULT && res->reason == RUN_REASON_INTERNAL_ERROR &&
	    quirk_is_int3(g->vm))
		return gdb_int3(g, res);
	if (res->end != RUN_FAULT)
		return gdb_end(g, res);
	/* A host that lets a planted int3 through to the guest instead of
	 * a debug exit (QEMU's emulated SVM checks only the software
	 * interrupt intercept on INT3, never the #BP one KVM sets): gdb's
	 * breakpoint all the same. */
	if (res->is_exception && res->vector == EXC_BP && gdb_bp_unwind(g)) {
		gdb_stop_reply(g, SIGTRAP, NULL);
		return gdb_stop(g, NULL, true) == GDB_KILL ? gdb_killed(g, res)
							    : 0;
	}
	/* A fault stops in gdb; whatever gdb says then, it ends the run as
	 * it would have without gdb (SPEC "Debugging with gdb"). */
	gdb_stop_reply(g, res->is_exception ? gdb_exc_signal(res->vector)
					    : SIGSEGV, NULL);
	if (gdb_stop(g, res, true) != GDB_DETACH)
		gdb_end(g, res);
	return 1;
}

/* Before every KVM_RUN: the first one waits for gdb's first resume. */
static void gdb_enter(void *ctx)
{
	struct gdb *g = ctx;

	if (g->is_started || g->fd < 0)
		return;
	g->is_started = true;
	if (gdb_stop(g, NULL, false) == GDB_KILL) {
		g->is_killed = true;
		*gdb_kick = 1; /* KVM_RUN returns at once; decide ends it */
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

int gdb_attach(struct gdb *g, struct vm *vm, bool is_long, unsigned port,
	       struct vmm_err *err)
{
	int one = 1, lfd, rc;
	uint16_t bound = 0;

	memset(g, 0, sizeof(*g));
	g->fd = -1;
	g->vm = vm;
	g->is_long = is_long;
	rsp_rx_init(&g->rx);
	gdb_stop_reply(g, SIGTRAP, NULL);
	g->obs = (struct run_observer){ .ctx = g,
					.enter = gdb_enter,
					.decide = gdb_decide };
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
