/* SPDX-License-Identifier: MIT */
/*
 * Coalesced port I/O: 1-byte OUTs to batchable registers (the console) are
 * queued by KVM in a ring shared with vmm instead of exiting. The run loop
 * drains the ring, in order, before it handles any exit and before the run
 * ends; a POSIX timer signals the vCPU thread every COALESCE_WATCH_NS
 * while a zone is registered, and its handler makes KVM_RUN return when
 * bytes wait in the ring and the guest makes no exit of its own, so a line
 * is never held back. No thread: one would cost start-up its clone.
 */
#ifndef VMM_SRC_COALESCE_H
#define VMM_SRC_COALESCE_H

#include <signal.h>
#include <stdint.h>
#include <time.h>

#include "devices/devset.h"
#include "vm.h"

struct kvm_coalesced_mmio_ring;

/* The kick timer's signal, sent to the vCPU thread alone. */
#define COALESCE_KICK_SIGNAL (SIGRTMIN + 1)

/*
 * Registering a zone costs a short run dearly: the kernel (seen on 6.18)
 * then leaves an SRCU grace period pending, a few jiffies (12 ms at
 * HZ=250), that the VM's teardown waits out, where a whole small guest
 * takes 3 ms (bench/RESULTS.md). So the zones are registered only once the
 * guest has shown that it writes a lot: after this many 1-byte OUTs to
 * batchable registers were served by exits.
 */
#define COALESCE_AFTER_OUTS 4096

struct coalesce {
	struct kvm_coalesced_mmio_ring *ring; /* NULL: coalescing is off */
	unsigned ring_max;                    /* entries in the ring */
	int ring_page; /* the ring's page in the run area; 0: KVM has none */
	uint64_t drained;                     /* OUTs handed to devices */
	timer_t timer;                        /* the kick timer */
	int has_timer;
	volatile uint8_t *kick; /* the run area's immediate_exit, once started */
	int is_armed;        /* coalesce_count may ask for coalescing */
	uint64_t plain_outs; /* OUTs counted by coalesce_count so far */
	uint64_t by_entry[IOTAB_MAX_ENTRIES]; /* drained OUTs per binding */
};

/* Coalescing off, nothing counted. */
void coalesce_init(struct coalesce *c);

/* At boot: ask KVM where its coalesced ring is (ring_page), so that
 * coalesce_start, in the middle of the run, asks nothing. */
void coalesce_probe(struct coalesce *c, const struct vm *vm);

/*
 * Create the kick timer, disarmed until coalesce_start, signalling the
 * calling thread (at boot, from the vCPU thread, after coalesce_init).
 * Returns 0 or a negative errno.
 */
int coalesce_watch(struct coalesce *c);

/*
 * Register every batchable port of ds as a coalesced PIO zone of vm and
 * arm the kick timer. A step of the run object, between two KVM_RUNs, once
 * coalesce_count asks for it; does nothing without coalesce_watch. Where
 * the host lacks KVM_CAP_COALESCED_PIO this leaves c->ring NULL and returns
 * 0: the plain exit path serves the same bytes. Returns 0 or a negative
 * errno from KVM.
 */
int coalesce_start(struct coalesce *c, struct vm *vm, struct devset *ds);

/* Let coalesce_count ask for coalescing later. */
void coalesce_arm(struct coalesce *c);

/*
 * Count n 1-byte OUTs to a batchable register that an exit served. True
 * once, when armed and past COALESCE_AFTER_OUTS: the caller should then
 * call coalesce_start from the vCPU thread, between two KVM_RUNs (the ring
 * starts empty, so guest order holds). A plain increment otherwise.
 */
static inline int coalesce_count(struct coalesce *c, uint32_t n)
{
	if (!c->is_armed)
		return 0;
	c->plain_outs += n;
	if (c->plain_outs < COALESCE_AFTER_OUTS)
		return 0;
	c->is_armed = 0;
	return 1;
}

/* Hand every queued OUT to its device, in order, counting each in
 * c->by_entry[its port table index]. 0, or the first handler result that
 * is not 0 (the run must end), with *dev_name set to the device's name.
 * Allocation- and syscall-free apart from what the devices do. */
int coalesce_drain(struct coalesce *c, struct devset *ds,
		   const char **dev_name);

/* True when the ring holds entries (one load each side; no syscall). */
int coalesce_is_pending(const struct coalesce *c);

/* Delete the kick timer, so the ring may be unmapped: its handler touches
 * nothing afterwards. Safe when coalescing is off, and twice. */
void coalesce_stop(struct coalesce *c);

#endif
