/* SPDX-License-Identifier: MIT */
/* --gdb PORT: a GDB remote stub on 127.0.0.1, as a run observer that may
 * stop the run's end (run.h decide). gdb.c stops, gdb_conn.c and
 * gdb_cmd.c talk to gdb; regs.c and target.c read and write the guest
 * (registers; memory, breakpoints) through vcpu.h. */
#ifndef VMM_SRC_GDB_GDB_H
#define VMM_SRC_GDB_GDB_H

#include <stdbool.h>
#include <stdint.h>

#include "../err.h"
#include "../run.h"
#include "../vcpu.h"
#include "../vm.h"
#include "rsp.h"

#define GDB_SW_MAX 64 /* software breakpoints at once */
#define GDB_HW_MAX 4  /* DR0-DR3 */

struct gdb_sw_bp {
	uint64_t addr;
	uint8_t orig; /* the byte the int3 replaced */
	bool is_used;
};

struct gdb_hw_bp {
	uint64_t addr;
	unsigned type; /* the Z type: 1 exec, 2 write, 3 read, 4 access;
			* 0 a software breakpoint in real mode (gdb_bp) */
	unsigned len;
	bool is_used;
};

struct gdb {
	int fd;        /* the connection; -1 once gdb is gone */
	struct vm *vm;
	bool is_long;  /* i386:x86-64, else i386 */
	bool is_no_ack;
	bool is_started;  /* the stop before the first instruction is over */
	bool is_stepping; /* the guest was resumed for one instruction */
	bool is_killed;   /* gdb said k while the guest could not end */
	struct rsp_rx rx;
	struct gdb_sw_bp sw[GDB_SW_MAX];
	struct gdb_hw_bp hw[GDB_HW_MAX];
	/* What gdb sees at a stop: the registers, with RIP, RSP, RFLAGS and
	 * CS at the faulting instruction when the stop is a fault. */
	struct vcpu_regs regs;
	uint16_t cs;
	bool is_view;    /* regs differ from the vCPU's: writes are dropped */
	char stop[64];   /* the last stop reply, for '?' */
	char reply[2 * RSP_PKT_MAX + 8];
	char framed[4 * RSP_PKT_MAX + 16];
	size_t framed_len;
	struct run_observer obs;
};

/*
 * Listen on 127.0.0.1:port (0: any free port), say where on standard
 * error, and wait for gdb to connect. The guest's first instruction waits
 * for gdb's first continue or step (the observer's enter hook). Returns 0,
 * or a negative errno with err set.
 */
int gdb_attach(struct gdb *g, struct vm *vm, bool is_long, unsigned port,
	       struct vmm_err *err);

/* Close the connection, if any (safe twice). */
void gdb_close(struct gdb *g);

/* What gdb asked the guest to do next. */
enum gdb_action { GDB_STAY, GDB_CONT, GDB_STEP, GDB_KILL, GDB_DETACH };

/* gdb_conn.c: the connection. */

/* Listen on 127.0.0.1:port (0: any free port), say where on standard
 * error, and wait for gdb: 0 with g->fd set, or 0 with g->fd -1 when a
 * signal that ends the run came first; a negative errno with err set. */
int gdb_conn_open(struct gdb *g, unsigned port, struct vmm_err *err);
/* Make KVM_RUN return at once (the run area's flag). */
void gdb_conn_kick(void);
/* Write len bytes to gdb; 0, or -EPIPE when it is gone. */
int gdb_write_all(struct gdb *g, const char *buf, size_t len);
/* Frame and send a packet (kept for a resend on '-'). */
void gdb_send(struct gdb *g, const char *payload, size_t len);
void gdb_send_str(struct gdb *g, const char *s);
/* The next byte from gdb; -1 when it is gone, -2 when none is waiting and
 * is_wait is false. */
int gdb_read_byte(struct gdb *g, bool is_wait);

/* gdb_cmd.c: one packet of len bytes, answered; what the guest does
 * next (GDB_STAY: wait for the next packet). */
enum gdb_action gdb_packet(struct gdb *g, const char *pkt, size_t len);

/* regs.c: the registers. */

/* Register packet ('g') of the stop into out as hex; its length. */
size_t gdb_regs_hex(const struct gdb *g, char *out);
/* Register n as hex into out; its length, or 0 for no such register. */
size_t gdb_reg_hex(const struct gdb *g, unsigned n, char *out);
/* Write the 'G' hex, or register n ('P') from hex; 0 or -EINVAL. */
int gdb_regs_set(struct gdb *g, const char *hex);
int gdb_reg_set(struct gdb *g, unsigned n, const char *hex);
/* The target description XML. */
const char *gdb_target_xml(const struct gdb *g);

/* target.c: what the stub does to the guest. */
/* Copy len bytes at guest-virtual gva to or from buf; 0, or -EFAULT. */
int gdb_mem(struct gdb *g, uint64_t gva, uint8_t *buf, size_t len,
	    bool is_write);
/* Z/z of type 0-4; 0, -ENOSPC, -EFAULT or -EINVAL. In real mode a
 * software breakpoint takes a debug register instead of an int3. */
int gdb_bp(struct gdb *g, unsigned type, uint64_t addr, unsigned len,
	   bool is_insert);
/* Remove every breakpoint and stop debugging the vCPU. */
void gdb_bp_clear(struct gdb *g);
/* Hand the breakpoints and is_stepping to KVM before the guest runs. */
int gdb_arm(struct gdb *g);
/* Load the vCPU's registers for a stop; for a fault stop, put the guest
 * at the faulting instruction (run_result). */
void gdb_load_stop(struct gdb *g, const struct run_result *res);
/* After the default IDT caught a #BP: if the int3 was one gdb planted,
 * put the guest back at it as if the exception had not been delivered
 * (pop the frame) and return true; else false, nothing changed. */
bool gdb_bp_unwind(struct gdb *g);
/* The watchpoint behind DR6's hit, or NULL. */
const struct gdb_hw_bp *gdb_hw_hit(const struct gdb *g, uint64_t dr6);
/* Whether a software breakpoint sits at gva. */
bool gdb_sw_at(const struct gdb *g, uint64_t gva);

#endif
