/* SPDX-License-Identifier: MIT */
/* The vCPU's state: vmm's types to KVM's and back, and address translation. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/kvm.h>

#include "vcpu.h"

static void vcpu_seg_from_kvm(struct vcpu_seg *to, const struct kvm_segment *s)
{
	*to = (struct vcpu_seg){ .base = s->base,
				 .limit = s->limit,
				 .selector = s->selector,
				 .type = s->type,
				 .is_present = s->present,
				 .dpl = s->dpl,
				 .is_db = s->db,
				 .is_code_data = s->s,
				 .is_long = s->l,
				 .is_4k = s->g,
				 .is_unusable = s->unusable };
}

static void vcpu_seg_to_kvm(struct kvm_segment *to, const struct vcpu_seg *s)
{
	memset(to, 0, sizeof(*to));
	to->base = s->base;
	to->limit = s->limit;
	to->selector = s->selector;
	to->type = s->type;
	to->present = s->is_present;
	to->dpl = s->dpl;
	to->db = s->is_db;
	to->s = s->is_code_data;
	to->l = s->is_long;
	to->g = s->is_4k;
	to->unusable = s->is_unusable;
}

int vcpu_get_regs(const struct vm *vm, struct vcpu_regs *r)
{
	struct kvm_regs k;

	if (ioctl(vm->vcpu_fd, KVM_GET_REGS, &k) < 0)
		return -errno;
	*r = (struct vcpu_regs){ k.rax, k.rbx, k.rcx, k.rdx, k.rsi, k.rdi,
				 k.rsp, k.rbp, k.r8,  k.r9,  k.r10, k.r11,
				 k.r12, k.r13, k.r14, k.r15, k.rip, k.rflags };
	return 0;
}

int vcpu_set_regs(struct vm *vm, const struct vcpu_regs *r)
{
	struct kvm_regs k = { r->rax, r->rbx, r->rcx, r->rdx, r->rsi, r->rdi,
			      r->rsp, r->rbp, r->r8,  r->r9,  r->r10, r->r11,
			      r->r12, r->r13, r->r14, r->r15, r->rip, r->rflags };

	if (ioctl(vm->vcpu_fd, KVM_SET_REGS, &k) < 0)
		return -errno;
	/* What was set is the last state seen until the next exit (a vCPU
	 * ioctl to read it back costs a nested host about 9 us). */
	if (vm->seen_regs)
		*vm->seen_regs = k;
	return 0;
}

int vcpu_get_sregs(const struct vm *vm, struct vcpu_sregs *s)
{
	struct kvm_sregs k;

	if (ioctl(vm->vcpu_fd, KVM_GET_SREGS, &k) < 0)
		return -errno;
	vcpu_seg_from_kvm(&s->cs, &k.cs);
	vcpu_seg_from_kvm(&s->ds, &k.ds);
	vcpu_seg_from_kvm(&s->es, &k.es);
	vcpu_seg_from_kvm(&s->fs, &k.fs);
	vcpu_seg_from_kvm(&s->gs, &k.gs);
	vcpu_seg_from_kvm(&s->ss, &k.ss);
	vcpu_seg_from_kvm(&s->tr, &k.tr);
	vcpu_seg_from_kvm(&s->ldt, &k.ldt);
	s->gdt = (struct vcpu_dtable){ k.gdt.base, k.gdt.limit };
	s->idt = (struct vcpu_dtable){ k.idt.base, k.idt.limit };
	s->cr0 = k.cr0;
	s->cr2 = k.cr2;
	s->cr3 = k.cr3;
	s->cr4 = k.cr4;
	s->cr8 = k.cr8;
	s->efer = k.efer;
	s->apic_base = k.apic_base;
	return 0;
}

/* Every field is vmm's: nothing is kept from what KVM held before. */
int vcpu_set_sregs(struct vm *vm, const struct vcpu_sregs *s)
{
	struct kvm_sregs k;

	memset(&k, 0, sizeof(k));
	vcpu_seg_to_kvm(&k.cs, &s->cs);
	vcpu_seg_to_kvm(&k.ds, &s->ds);
	vcpu_seg_to_kvm(&k.es, &s->es);
	vcpu_seg_to_kvm(&k.fs, &s->fs);
	vcpu_seg_to_kvm(&k.gs, &s->gs);
	vcpu_seg_to_kvm(&k.ss, &s->ss);
	vcpu_seg_to_kvm(&k.tr, &s->tr);
	vcpu_seg_to_kvm(&k.ldt, &s->ldt);
	k.gdt.base = s->gdt.base;
	k.gdt.limit = s->gdt.limit;
	k.idt.base = s->idt.base;
	k.idt.limit = s->idt.limit;
	k.cr0 = s->cr0;
	k.cr2 = s->cr2;
	k.cr3 = s->cr3;
	k.cr4 = s->cr4;
	k.cr8 = s->cr8;
	k.efer = s->efer;
	k.apic_base = s->apic_base;
	return ioctl(vm->vcpu_fd, KVM_SET_SREGS, &k) < 0 ? -errno : 0;
}

int vcpu_get_fpu(const struct vm *vm, struct vcpu_fpu *f)
{
	struct kvm_fpu k;

	if (ioctl(vm->vcpu_fd, KVM_GET_FPU, &k) < 0)
		return -errno;
	memcpy(f->st, k.fpr, sizeof(f->st));
	f->fcw = k.fcw;
	f->fsw = k.fsw;
	f->fop = k.last_opcode;
	f->ftw = k.ftwx;
	f->fip = k.last_ip;
	f->fdp = k.last_dp;
	return 0;
}

int vcpu_get_dregs(const struct vm *vm, struct vcpu_dregs *d)
{
	struct kvm_debugregs k;

	if (ioctl(vm->vcpu_fd, KVM_GET_DEBUGREGS, &k) < 0)
		return -errno;
	memcpy(d->dr, k.db, sizeof(d->dr));
	d->dr6 = k.dr6;
	d->dr7 = k.dr7;
	return 0;
}

int vcpu_set_dregs(struct vm *vm, const struct vcpu_dregs *d)
{
	struct kvm_debugregs k;

	memset(&k, 0, sizeof(k));
	memcpy(k.db, d->dr, sizeof(k.db));
	k.dr6 = d->dr6;
	k.dr7 = d->dr7;
	return ioctl(vm->vcpu_fd, KVM_SET_DEBUGREGS, &k) < 0 ? -errno : 0;
}

int vcpu_translate(const struct vm *vm, uint64_t gva, uint64_t *gpa)
{
	struct kvm_translation tr = { .linear_address = gva };

	if (ioctl(vm->vcpu_fd, KVM_TRANSLATE, &tr) < 0)
		return -errno;
	if (!tr.valid)
		return -EFAULT;
	*gpa = tr.physical_address;
	return 0;
}

int vcpu_sync_regs(struct vm *vm)
{
	if (ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_SYNC_REGS) <= 0)
		return -ENOTSUP;
	/* Until the first exit, the last state seen is the one
	 * vcpu_set_regs sets. */
	vm->seen_regs = calloc(1, sizeof(*vm->seen_regs));
	if (!vm->seen_regs)
		return -ENOMEM;
	vm->run->kvm_valid_regs = KVM_SYNC_X86_REGS;
	return 0;
}

bool vcpu_last_seen(const struct vm *vm, struct vcpu_regs *r)
{
	const struct kvm_regs *k = vm->seen_regs;

	if (!k)
		return false;
	*r = (struct vcpu_regs){ k->rax, k->rbx, k->rcx, k->rdx, k->rsi,
				 k->rdi, k->rsp, k->rbp, k->r8,  k->r9,
				 k->r10, k->r11, k->r12, k->r13, k->r14,
				 k->r15, k->rip, k->rflags };
	return true;
}

int vcpu_queue_exception(struct vm *vm, unsigned vector)
{
	struct kvm_vcpu_events ev;

	if (ioctl(vm->vcpu_fd, KVM_GET_VCPU_EVENTS, &ev) < 0)
		return -errno;
	ev.exception.injected = 1;
	ev.exception.nr = (uint8_t)vector;
	ev.exception.has_error_code = 0;
	if (ioctl(vm->vcpu_fd, KVM_SET_VCPU_EVENTS, &ev) < 0)
		return -errno;
	return 0;
}

uint64_t vcpu_rip(const struct vm *vm)
{
	struct kvm_regs regs;

	if (vm->run->kvm_valid_regs & KVM_SYNC_X86_REGS)
		return vm->run->s.regs.regs.rip;
	if (ioctl(vm->vcpu_fd, KVM_GET_REGS, &regs) < 0)
		return 0;
	return regs.rip;
}

int vcpu_set_debug(struct vm *vm, unsigned flags, const struct vcpu_dregs *d)
{
	struct kvm_guest_debug dbg;

	memset(&dbg, 0, sizeof(dbg));
	if (flags)
		dbg.control = KVM_GUESTDBG_ENABLE;
	if (flags & VCPU_DEBUG_SW_BP)
		dbg.control |= KVM_GUESTDBG_USE_SW_BP;
	if (flags & VCPU_DEBUG_STEP)
		dbg.control |= KVM_GUESTDBG_SINGLESTEP;
	if (flags & VCPU_DEBUG_HW_BP) {
		dbg.control |= KVM_GUESTDBG_USE_HW_BP;
		memcpy(dbg.arch.debugreg, d->dr, sizeof(d->dr));
		dbg.arch.debugreg[7] = d->dr7;
	}
	return ioctl(vm->vcpu_fd, KVM_SET_GUEST_DEBUG, &dbg) < 0 ? -errno : 0;
}

void vcpu_debug_exit(const struct vm *vm, unsigned *vector, uint64_t *dr6)
{
	*vector = vm->run->debug.arch.exception;
	*dr6 = vm->run->debug.arch.dr6;
}
