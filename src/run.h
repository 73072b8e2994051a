/* SPDX-License-Identifier: MIT */
/* The run loop: KVM_RUN, dispatch each exit, and say how the run ended.
 * Observers (--trace, --stats, later gdb) see each exit through one ordered
 * list; with none attached, the loop does not look at it. */
#ifndef VMM_SRC_RUN_H
#define VMM_SRC_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "coalesce.h"
#include "devices/devset.h"
#include "idle.h"
#include "signals.h"
#include "trail.h"
#include "vm.h"

enum run_end {
	RUN_HLT,         /* the guest executed hlt */
	RUN_EXIT_DEVICE, /* the exit device asked for status */
	RUN_FAULT,       /* the guest did something vmm cannot serve */
	RUN_SIGNAL,      /* SIGINT, SIGTERM, SIGHUP or the timeout (SIGALRM) */
	RUN_HOST_ERROR,  /* KVM or a host write failed */
	RUN_PAUSED,      /* not an end: the run object has a step to take
			  * (run_ctx.wants_coalesce), then runs on */
};

#define RUN_WHAT_MAX 256

struct run_result {
	enum run_end end;
	int status; /* RUN_EXIT_DEVICE: the exit device's status */
	int signo;  /* RUN_SIGNAL */
	int err;    /* RUN_HOST_ERROR: negative errno */
	char what[RUN_WHAT_MAX]; /* RUN_FAULT, RUN_HOST_ERROR: what happened */
	uint32_t reason;   /* RUN_FAULT: the KVM exit reason behind it */
	bool is_exception; /* RUN_FAULT: a CPU exception the default IDT caught */
	unsigned vector;   /* its vector, 0-31 */
};

/* KVM exit reasons, numbered as KVM numbers them (run.c checks), so that
 * observers need no KVM header. Reasons from RUN_REASONS - 1 up share the
 * last number (run_reason_fold). */
#define RUN_REASONS               64
#define RUN_REASON_IO             2
#define RUN_REASON_DEBUG          4
#define RUN_REASON_HLT            5
#define RUN_REASON_IRQ_WINDOW     7
#define RUN_REASON_MMIO           6
#define RUN_REASON_SHUTDOWN       8
#define RUN_REASON_FAIL_ENTRY     9
#define RUN_REASON_INTR           10
#define RUN_REASON_INTERNAL_ERROR 17

static inline unsigned run_reason_fold(uint32_t reason)
{
	return reason < RUN_REASONS ? reason : RUN_REASONS - 1;
}

/* End res with end and a message: what happened (RUN_WHAT_MAX). */
__attribute__((format(printf, 3, 4))) void
run_end_with(struct run_result *res, enum run_end end, const char *fmt, ...);

/* The name --trace and --stats give folded reason n, or NULL. */
const char *run_reason_name(unsigned n);

/* One exit as observers see it: what KVM reported, after the handler ran
 * (an IN's data holds the value the device gave). */
struct run_exit {
	bool is_interrupted; /* KVM_RUN returned for a signal: no exit */
	uint32_t reason;     /* the KVM exit reason, not folded */
	uint64_t rip;        /* when an observer asked for it (needs_rip) */
	const struct iotab_entry *e; /* RUN_REASON_IO: the owner, or NULL */
	uint16_t port;               /* RUN_REASON_IO */
	bool is_out;
	unsigned size;       /* bytes per element */
	uint32_t count;      /* elements (string I/O) */
	const uint8_t *data; /* count elements of size bytes */
	uint64_t mmio_gpa;   /* RUN_REASON_MMIO */
	unsigned mmio_len;
	bool mmio_is_write;
};

struct run_observer {
	void *ctx;
	bool needs_rip; /* fill run_exit.rip (one ioctl per exit without
			 * synced registers) */
	/* Each hook may be NULL. Right before and right after KVM_RUN: */
	void (*enter)(void *ctx);
	void (*leave)(void *ctx);
	/* After the exit was handled, also the exit that ends the run. */
	void (*exit)(void *ctx, const struct run_exit *ex);
	/* A debugger's say, after exit: is_done is 1 when res ends the run
	 * (not RUN_PAUSED), 0 after a KVM_RUN interrupted with nothing to end
	 * it. Returns the run's fate: 1 ends it with res (which the hook may
	 * change), 0 runs on (res is then cleared). */
	int (*decide)(void *ctx, struct run_result *res, int is_done);
};

#define RUN_OBSERVERS_MAX 4

struct run_ctx {
	struct vm *vm;
	struct devset *ds;
	struct coalesce *coalesce; /* drained after every KVM_RUN */
	struct trail *trail;       /* the last exits, always kept */
	struct idle *idle;         /* idle waiting, or NULL (run_init) */
	struct signals_timer *kick; /* interrupt kick timer, or NULL */
	uint64_t kick_at_ns;        /* when it is armed for (0: not yet) */
	uint64_t io_accesses;  /* port accesses served by exits (each element) */
	const struct run_observer *obs[RUN_OBSERVERS_MAX]; /* in order */
	unsigned nobs;
	bool needs_rip;      /* some observer needs_rip */
	bool wants_coalesce; /* RUN_PAUSED: time to coalesce_start */
	bool has_debugger;   /* an observer decides (a planted int3 is its) */
};

/* The virtual clock the devices run on (idle.h), or NULL: the host's. */
static inline struct vclock *run_vclock(const struct run_ctx *c)
{
	return c->idle ? c->idle->vclock : NULL;
}

/* Empty context for vm, ds, co and t: no observers. */
void run_init(struct run_ctx *c, struct vm *vm, struct devset *ds,
	      struct coalesce *co, struct trail *t);

/* Append o to the observers (called in the order given); 0, or -ENOSPC. */
int run_observe(struct run_ctx *c, const struct run_observer *o);

/*
 * Run the vCPU until the guest halts, exits, faults, a signal arrives or the
 * host fails; fill res. Coalesced OUTs are drained after every return from
 * KVM_RUN, before the exit is handled, so every device sees accesses in
 * guest order. res->end is RUN_PAUSED when the guest has written enough
 * console bytes to be worth coalescing (COALESCE_AFTER_OUTS): the caller
 * starts coalescing and calls run_guest again. The devices are not
 * finished here. The exit path allocates nothing.
 */
void run_guest(struct run_ctx *c, struct run_result *res);

/*
 * Serve the port exit in c->vm's run area, owned by e (NULL: no device):
 * each element of a string access in order. Returns 1 when the run ends or
 * pauses (res filled), 0 to go on. For run_guest, and for tests.
 */
int run_io(struct run_ctx *c, const struct iotab_entry *e,
	   struct run_result *res);

/* The flag that makes KVM_RUN return at once (EINTR): for the signal
 * handler, which cannot call anything. */
volatile uint8_t *run_kick_flag(struct vm *vm);

/* Keep the exit in r (a run area of run_bytes) in the trail: a few stores
 * and the TSC, no system call. The run loop calls it on every exit. */
struct kvm_run;
void run_record(struct trail *t, const struct kvm_run *r, size_t run_bytes);

/* The instruction behind the exit now in vm's run area, the same on every
 * host (exit_rip.h). Cold path. */
uint64_t run_rip_now(const struct vm *vm);

#endif
