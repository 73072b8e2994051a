/* SPDX-License-Identifier: MIT */
/*
 * The vCPU's state, in vmm's own types: get and set the registers, the
 * special registers and the debug registers, and translate a guest-virtual
 * address. Every module that reads or writes vCPU state (fault reports,
 * tracing, the entry modes) goes through here; this file and vcpu.c are
 * the only ones that know KVM's structures for it.
 */
#ifndef VMM_SRC_VCPU_H
#define VMM_SRC_VCPU_H

#include <stdbool.h>
#include <stdint.h>

#include "vm.h"

struct vcpu_regs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rsp, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rip, rflags;
};

/* A segment register with its hidden part (SDM vol. 3A, 3.4.5). */
struct vcpu_seg {
	uint64_t base;
	uint32_t limit;
	uint16_t selector;
	uint8_t type;    /* the descriptor's 4-bit type */
	bool is_present;
	uint8_t dpl;
	bool is_db;      /* D/B: 32-bit default size */
	bool is_code_data; /* S: code or data, not a system descriptor */
	bool is_long;    /* L: 64-bit code */
	bool is_4k;      /* G: limit in 4 KiB units */
	bool is_unusable;
};

/* A descriptor table register: GDTR or IDTR. */
struct vcpu_dtable {
	uint64_t base;
	uint16_t limit;
};

struct vcpu_sregs {
	struct vcpu_seg cs, ds, es, fs, gs, ss, tr, ldt;
	struct vcpu_dtable gdt, idt;
	uint64_t cr0, cr2, cr3, cr4, cr8;
	uint64_t efer;
	uint64_t apic_base;
};

/* The debug registers: dr[0..3] addresses, dr6 status, dr7 control. */
struct vcpu_dregs {
	uint64_t dr[4];
	uint64_t dr6, dr7;
};

/* The x87 state in FXSAVE's layout (SDM vol. 1, 10.5.1): st[i] is ST(i),
 * 80 bits in 16 bytes; ftw the abridged tag, one bit per physical
 * register (1: not empty); fip and fdp the last instruction and operand
 * pointers as FXSAVE stores them (in 32-bit code offset, then selector). */
struct vcpu_fpu {
	uint8_t st[8][16];
	uint16_t fcw, fsw, fop;
	uint8_t ftw;
	uint64_t fip, fdp;
};

/* Read or write the general registers; 0 or a negative errno. */
int vcpu_get_regs(const struct vm *vm, struct vcpu_regs *regs);
int vcpu_set_regs(struct vm *vm, const struct vcpu_regs *regs);

/* Read or write the segment, control and descriptor-table registers, EFER
 * and the APIC base; 0 or a negative errno. */
int vcpu_get_sregs(const struct vm *vm, struct vcpu_sregs *sregs);
int vcpu_set_sregs(struct vm *vm, const struct vcpu_sregs *sregs);

/* Read the x87 state; 0 or a negative errno. */
int vcpu_get_fpu(const struct vm *vm, struct vcpu_fpu *fpu);

/* Read or write the debug registers; 0 or a negative errno. */
int vcpu_get_dregs(const struct vm *vm, struct vcpu_dregs *dregs);
int vcpu_set_dregs(struct vm *vm, const struct vcpu_dregs *dregs);

/*
 * Translate the linear address gva through the guest's current page tables
 * (identity when paging is off) into *gpa. Returns 0, -EFAULT when the
 * guest maps nothing there, or another negative errno from KVM.
 */
int vcpu_translate(const struct vm *vm, uint64_t gva, uint64_t *gpa);

/*
 * Ask KVM to copy the general registers into the run area on every exit,
 * so vcpu_rip costs no syscall, and keep room for the last state seen
 * (vm->seen_regs, which the run loop copies at each exit and
 * vcpu_set_regs sets): call it before the entry state is set. 0,
 * -ENOTSUP or -ENOMEM.
 */
int vcpu_sync_regs(struct vm *vm);

/* The guest's RIP now, as KVM left it: from the synced registers, else by
 * asking KVM; 0 when KVM cannot say. For reports, not the hot path. */
uint64_t vcpu_rip(const struct vm *vm);

/* The registers at the guest's last exit (or its entry) into *regs, for a
 * host that resets the vCPU before it reports a triple fault; false when
 * none were kept (no synced registers). */
bool vcpu_last_seen(const struct vm *vm, struct vcpu_regs *regs);

/* What KVM_SET_GUEST_DEBUG turns on (vcpu_set_debug). */
#define VCPU_DEBUG_SW_BP (1u << 0) /* int3 exits to vmm */
#define VCPU_DEBUG_HW_BP (1u << 1) /* d->dr[0..3] and d->dr7 are vmm's */
#define VCPU_DEBUG_STEP  (1u << 2) /* one instruction, then an exit */

/* Debug the guest from vmm with the VCPU_DEBUG_* in flags (0: off), the
 * breakpoint addresses and DR7 from d when VCPU_DEBUG_HW_BP; 0 or a
 * negative errno. */
int vcpu_set_debug(struct vm *vm, unsigned flags, const struct vcpu_dregs *d);

/* The debug exit now in the run area (RUN_REASON_DEBUG): its exception
 * vector (1 #DB, 3 #BP) and DR6. */
void vcpu_debug_exit(const struct vm *vm, unsigned *vector, uint64_t *dr6);

/* Make the vCPU take exception vector (with no error code) before its next
 * instruction, as the CPU would have; 0 or a negative errno. */
int vcpu_queue_exception(struct vm *vm, unsigned vector);

#endif
