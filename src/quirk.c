/* SPDX-License-Identifier: MIT */
/* Instructions a KVM host fails to emulate, done by vmm (see quirk.h). Intel
 * and AMD run them in hardware and never get here. State through vcpu.h. */
#include <errno.h>
#include <string.h>

#include "exception.h"
#include "exit_rip.h"
#include "quirk.h"
#include "vcpu.h"
#include "x86.h"

#define OP_IRET       0xcf
#define RFLAGS_VM     (1ull << 17) /* virtual-8086 mode */
#define IRET32_FRAME  12           /* EIP, CS, EFLAGS: 4 bytes each */

/* int3 / int 3: RIP past it, #BP pending, as the CPU raises it. */
static int quirk_breakpoint(struct vm *vm, struct vcpu_regs *r, unsigned len)
{
	int rc;

	r->rip += len;
	rc = vcpu_set_regs(vm, r);
	return rc < 0 ? rc : vcpu_queue_exception(vm, EXC_BP);
}

/* iretd at CPL 0 back to the same code segment: no stack switch, no
 * descriptor to load (SDM vol. 2A, IRET, "return to same privilege"). */
static int quirk_iret32(struct vm *vm, struct vcpu_regs *r,
			const struct vcpu_sregs *s)
{
	uint32_t frame[3];

	if (s->cs.is_long || !s->cs.is_db || !(s->cr0 & CR0_PE) ||
	    (s->cs.selector & 3) ||
	    !exit_rip_read(vm, s->ss.base + (uint32_t)r->rsp,
			   s->cr0 & CR0_PG, (uint8_t *)frame, sizeof(frame)))
		return -ENOTSUP;
	if (frame[1] != s->cs.selector || (frame[2] & RFLAGS_VM))
		return -ENOTSUP;
	r->rip = frame[0];
	r->rflags = frame[2] | RFLAGS_RESERVED;
	r->rsp = (uint32_t)(r->rsp + IRET32_FRAME);
	return vcpu_set_regs(vm, r);
}

int quirk_emulate(struct vm *vm)
{
	struct vcpu_regs r;
	struct vcpu_sregs s;
	uint8_t op[2];

	if (vcpu_get_regs(vm, &r) < 0 || vcpu_get_sregs(vm, &s) < 0 ||
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

bool quirk_is_int3(const struct vm *vm)
{
	struct vcpu_regs r;
	struct vcpu_sregs s;
	uint8_t op;

	return vcpu_get_regs(vm, &r) == 0 && vcpu_get_sregs(vm, &s) == 0 &&
	       exit_rip_read(vm, s.cs.base + r.rip, s.cr0 & CR0_PG, &op, 1) &&
	       op == OP_INT3;
}
