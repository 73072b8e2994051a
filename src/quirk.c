/* SPDX-License-Identifier: MIT */
/* Instructions a KVM host fails to emulate, done by vmm (see quirk.h). Intel
 * and AMD run them in hardware and never get here. */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/kvm.h>

#include "exception.h"
#include "exit_rip.h"
#include "quirk.h"
#include "x86.h"

#define OP_IRET       0xcf
#define RFLAGS_VM     (1ull << 17) /* virtual-8086 mode */
#define IRET32_FRAME  12           /* EIP, CS, EFLAGS: 4 bytes each */

/* int3 / int 3: RIP past it, #BP pending, as the CPU raises it. */
static int quirk_breakpoint(const struct vm *vm, struct kvm_regs *r,
			    unsigned len)
{
	struct kvm_vcpu_events ev;

	if (ioctl(vm->vcpu_fd, KVM_GET_VCPU_EVENTS, &ev) < 0)
		return -errno;
	r->rip += len;
	ev.exception.injected = 1;
	ev.exception.nr = EXC_BP;
	ev.exception.has_error_code = 0;
	if (ioctl(vm->vcpu_fd, KVM_SET_REGS, r) < 0 ||
	    ioctl(vm->vcpu_fd, KVM_SET_VCPU_EVENTS, &ev) < 0)
		return -errno;
	return 0;
}

/* iretd at CPL 0 back to the same code segment: no stack switch, no
 * descriptor to load (SDM vol. 2A, IRET, "return to same privilege"). */
static int quirk_iret32(const struct vm *vm, struct kvm_regs *r,
			const struct kvm_sregs *s)
{
	uint32_t frame[3];

	if (s->cs.l || !s->cs.db || !(s->cr0 & CR0_PE) ||
	    (s->cs.selector & 3) ||
	    !exit_rip_read(vm, s->ss.base + (uint32_t)r->rsp,
			   s->cr0 & CR0_PG, (uint8_t *)frame, sizeof(frame)))
		return -ENOTSUP;
	if (frame[1] != s->cs.selector || (frame[2] & RFLAGS_VM))
		return -ENOTSUP;
	r->rip = frame[0];
	r->rflags = frame[2] | RFLAGS_RESERVED;
	r->rsp = (uint32_t)(r->rsp + IRET32_FRAME);
	if (ioctl(vm->vcpu_fd, KVM_SET_REGS, r) < 0)
		return -errno;
	return 0;
}

int quirk_emulate(const struct vm *vm)
{
	struct kvm_regs r;
	struct kvm_sregs s;
	uint8_t op[2];

	if (ioctl(vm->vcpu_fd, KVM_GET_REGS, &r) < 0 ||
	    ioctl(vm->vcpu_fd, KVM_GET_SREGS, &s) < 0 ||
	    !exit_rip_read(vm, s.cs.base + r.rip, s.cr0 & CR0_PG, op, 2))
		return -EIO;
	if (op[0] == OP_INT3)
		return quirk_breakpoint(vm, &r, 1);
	if (op[0] == OP_INT_N && op[1] == EXC_BP)
		return quirk_breakpoint(vm, &r, 2);
	if (op[0] == OP_IRET)
		return quirk_iret32(vm, &r, &s);
	return -ENOTSUP;
}
