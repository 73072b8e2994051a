/* SPDX-License-Identifier: MIT */
/* The GDB remote stub's stops: a run observer whose decide hook turns
 * debug exits, faults and the guest's end into stop replies, and talks
 * to gdb until it resumes. Packets are gdb_cmd.c's, the socket
 * gdb_conn.c's, what a command does to the guest target.c's. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "../exception.h"
#include "../quirk.h"
#include "../status.h"
#include "gdb.h"

/* The vectors with their own signal (SDM vol. 3A, table 6-1). */
enum { EXC_DE = 0, EXC_DB = 1, EXC_UD = 6, EXC_MF = 16, EXC_XM = 19 };

static void gdb_stop_reply(struct gdb *g, int signo, const char *extra)
{
	snprintf(g->stop, sizeof(g->stop), "T%02x%sthread:1;", signo,
		 extra ? extra : "");
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

/* KVM_RUN returned for a signal: a Ctrl-C from gdb stops the guest;
 * other bytes are dropped. */
static int gdb_interrupted(struct gdb *g, struct run_result *res)
{
	int b;

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
	return gdb_stop(g, NULL, true) == GDB_KILL ? gdb_killed(g, res) : 0;
}

static int gdb_decide(void *ctx, struct run_result *res, int is_done)
{
	struct gdb *g = ctx;

	if (g->fd < 0 && is_done && res->end == RUN_FAULT &&
	    res->reason == RUN_REASON_INTERNAL_ERROR && quirk_is_int3(g->vm))
		return quirk_emulate(g->vm) < 0; /* gdb left: as without it */
	if (g->fd < 0)
		return is_done;
	if (g->is_killed)
		return gdb_killed(g, res);
	if (!is_done)
		return gdb_interrupted(g, res);
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
		gdb_conn_kick(); /* KVM_RUN returns at once; decide ends it */
	}
}

int gdb_attach(struct gdb *g, struct vm *vm, bool is_long, unsigned port,
	       struct vmm_err *err)
{
	memset(g, 0, sizeof(*g));
	g->fd = -1;
	g->vm = vm;
	g->is_long = is_long;
	rsp_rx_init(&g->rx);
	gdb_stop_reply(g, SIGTRAP, NULL);
	g->obs = (struct run_observer){ .ctx = g,
					.enter = gdb_enter,
					.decide = gdb_decide };
	return gdb_conn_open(g, port, err);
}
