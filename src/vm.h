/* SPDX-License-Identifier: MIT */
/* The VM: /dev/kvm, the VM and its one memory slot, the vCPU and its run
 * area. Entry-mode state belongs to vcpu.c, the run loop to run.c. */
#ifndef VMM_SRC_VM_H
#define VMM_SRC_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "gmem.h"

struct kvm_run;
struct kvm_regs;

struct vm {
	int kvm_fd;
	int vm_fd;
	int vcpu_fd;
	struct gmem mem;
	struct kvm_run *run; /* the vCPU's shared run area */
	size_t run_bytes;    /* its mapped size */
	bool has_1g_pages;   /* the CPU offers 1 GiB pages to the guest */
	/* The host's emulator completes a plain OUT before the exit, so RIP
	 * is past it (kvm_pvm; Intel and AMD stop on it): io_insn.h. */
	bool host_completes_out;
	/* The registers at the last exit, kept by the run loop when KVM syncs
	 * them (vcpu_sync_regs), else NULL; read with vcpu_last_seen. */
	struct kvm_regs *seen_regs;
};

/*
 * Open /dev/kvm, create a VM with mem_bytes of guest memory at
 * guest-physical 0 (mapped lazily: untouched pages cost nothing) and one
 * vCPU with the host's supported CPUID. Returns 0, or a negative errno with
 * err set ("cannot open /dev/kvm: ..."); vm_destroy undoes either outcome.
 */
int vm_create(struct vm *vm, uint64_t mem_bytes, struct vmm_err *err);

/* Release everything vm_create took (safe after a failed vm_create). */
void vm_destroy(struct vm *vm);

#endif
