/* SPDX-License-Identifier: MIT */
/* The address of the instruction behind an exit (see exit_rip.h), from the
 * segment registers and translations the vCPU-state module gives. */
#include <stdbool.h>

#include "exit_rip.h"
#include "io_insn.h"
#include "run.h"
#include "vcpu.h"
#include "x86.h"

bool exit_rip_read(const struct vm *vm, uint64_t linear, bool paging,
		   uint8_t *buf, unsigned n)
{
	uint64_t page = 1, phys = 0; /* page 1: none translated yet */

	for (unsigned i = 0; i < n; i++) {
		uint64_t at = linear + i;
		const uint8_t *p;

		/* One translation per page the bytes touch. */
		if (paging && (at & ~0xfffull) != page) {
			if (vcpu_translate(vm, at, &phys) < 0)
				return false;
			page = at & ~0xfffull;
			phys &= ~0xfffull;
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
				  const struct vcpu_sregs *s,
				  const struct trail_exit *x)
{
	bool paging = s->cr0 & CR0_PG;
	struct io_insn io = {
		.is_out = true,
		.size = x->size,
		.port = x->port,
		.code_bits = s->cs.is_long ? 64 : s->cs.is_db ? 32 : 16,
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
	struct vcpu_sregs s;
	uint8_t b;
	bool is_out = x->reason == RUN_REASON_IO && x->is_write;

	if (!is_out && !(x->reason == RUN_REASON_HLT && x->rip > 0))
		return x->rip;
	if (vcpu_get_sregs(vm, &s) < 0)
		return x->rip;
	if (is_out)
		return x->rip - exit_rip_out_back(vm, &s, x);
	/* Every host completes hlt before the exit: step back over it. */
	if (exit_rip_read(vm, s.cs.base + x->rip - 1, s.cr0 & CR0_PG, &b, 1) &&
	    b == OP_HLT)
		return x->rip - 1;
	return x->rip;
}
