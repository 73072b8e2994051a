/* SPDX-License-Identifier: MIT */
/*
 * Coalesced port I/O: 1-byte OUTs to batchable registers (the console) are
 * queued by KVM in a ring shared with vmm instead of exiting. The run loop
 * drains the ring, in order, before it handles any exit and before the run
 * ends; a watcher thread makes KVM_RUN return when bytes wait in the ring
 * and the guest makes no exit of its own, so a line is never held back.
 */
#ifndef VMM_SRC_COALESCE_H
#define VMM_SRC_COALESCE_H

#include <pthread.h>
#include <stdint.h>

#include "devices/devset.h"
#include "vm.h"

struct kvm_coalesced_mmio_ring;

struct coalesce {
	struct kvm_coalesced_mmio_ring *ring; /* NULL: coalescing is off */
	unsigned ring_max;                    /* entries in the ring */
	uint64_t drained;                     /* OUTs handed to devices */
	pthread_t vcpu_thread;
	pthread_t watcher;
	int has_watcher;
	pthread_mutex_t lock; /* guards is_stopping, with wake */
	pthread_cond_t wake;
	int is_stopping;
};

/*
 * Register every batchable port of ds as a coalesced PIO zone of vm and
 * start the watcher. Where the host lacks KVM_CAP_COALESCED_PIO this leaves
 * c->ring NULL and returns 0: the plain exit path serves the same bytes.
 * Call from the vCPU thread. Returns 0 or a negative errno from KVM.
 */
int coalesce_start(struct coalesce *c, struct vm *vm, struct devset *ds);

/* Hand every queued OUT to its device, in order, counting each in
 * counts[its port table index]. 0, or the first handler result that is
 * not 0 (the run must end), with *dev_name set to the device's name.
 * Allocation- and syscall-free apart from what the devices do. */
int coalesce_drain(struct coalesce *c, struct devset *ds, uint64_t *counts,
		   const char **dev_name);

/* True when the ring holds entries (one load each side; no syscall). */
int coalesce_is_pending(const struct coalesce *c);

/* Stop the watcher and wait for it (at once, not after its period), so
 * the ring may be unmapped. Safe when coalescing is off. */
void coalesce_stop(struct coalesce *c);

#endif
