/* SPDX-License-Identifier: MIT */
/* The address of the instruction behind an exit (see exit_rip.h). It asks
 * KVM for the segment registers and translations, hence <linux/kvm.h>. */
#include <stdbool.h>
#include <sys/ioctl.h>

#include <linux/kvm.h>

#include "exit_rip.h"
#include "io_insn.h"
#include "x86.h"

uint64_t exit_rip_raw(const struct vm *vm)
{
	struct kvm_regs regs;

	if (vm->run->kvm_valid_regs & KVM_SYNC_X86_REGS)
		return vm->run->s.regs.regs.rip;
	if (ioctl(vm->vcpu_fd, KVM_GET_REGS, &regs) < 0)
		return 0;
	return regs.rip;
}

bool exit_rip_read(const struct vm *vm, uint64_t linear, bool paging,
		   uint8_t *buf, unsigned n)
{
	uint64_t page = 1, phys = 0; /* page 1: none translated yet */

	for (unsigned i = 0; i < n; i++) {
		uint64_t at = linear + i;
		const uint8_t *p;

		/* One translation per page the bytes touch. */
		if (paging && (at & ~0xfffull) != page) {
			struct kvm_translation tr = { .linear_address = at };

			if (ioctl(vm->vcpu_fd, KVM_TRANSLATE, &tr) < 0 ||
			    !tr.valid)
				return false;
			page = at & ~0xfffull;
			phys = tr.physical_address & ~0xfffull;
		}
		p = gmem_ptr(&vm->mem, paging ? phys | (at & 0xfff) : at, 1);
		if (!p)
			return false;
		buf[i] = *p;
	}
	return true;
}

/* How far before x->rip the OUT behind exit x starts (io_insn.h). */
static unsigned exit_rip_out_back(const struct vm *vm,
				  const struct kvm_sregs *s,
				  const struct trail_exit *x)
{
	bool paging = s->cr0 & CR0_PG;
	struct io_insn io = {
		.is_out = true,
		.size = x->size,
		.port = x->port,
		.code_bits = s->cs.l ? 64 : s->cs.db ? 32 : 16,
		.host_completes_out = vm->host_completes_out,
	};

	io.has_before = x->rip >= IO_INSN_BACK &&
			exit_rip_read(vm, s->cs.base + x->rip - IO_INSN_BACK,
				      paging, io.before, IO_INSN_BACK);
	io.has_at = exit_rip_read(vm, s->cs.base + x->rip, paging, io.at,
				  IO_INSN_AT);
	return io_insn_back(&io);
}

uint64_t exit_rip_of(const struct vm *vm, const struct trail_exit *x)
{
	struct kvm_sregs s;
	uint8_t b;
	bool is_out = x->reason == KVM_EXIT_IO && x->is_write;

	if (!is_out && !(x->reason == KVM_EXIT_HLT && x->rip > 0))
		return x->rip;
	if (ioctl(vm->vcpu_fd, KVM_GET_SREGS, &s) < 0)
		return x->rip;
	if (is_out)
		return x->rip - exit_rip_out_back(vm, &s, x);
	/* Every host completes hlt before the exit: step back over it. */
	if (exit_rip_read(vm, s.cs.base + x->rip - 1, s.cr0 & CR0_PG, &b, 1) &&
	    b == OP_HLT)
		return x->rip - 1;
	return x->rip;
}

uint64_t exit_rip_now(const struct vm *vm)
{
	const struct kvm_run *r = vm->run;
	struct trail_exit x = {
		.reason = r->exit_reason,
		.rip = exit_rip_raw(vm),
	};

	if (r->exit_reason == KVM_EXIT_IO) {
		x.is_write = r->io.direction == KVM_EXIT_IO_OUT;
		x.size = r->io.size;
		x.port = r->io.port;
	}
	return exit_rip_of(vm, &x);
}
