/* SPDX-License-Identifier: MIT */
/* Guest-fault report: what, port or address, RIP, registers. Cold path. */
#include <inttypes.h>
#include <stdio.h>

#include "fault.h"
#include "vcpu.h"

static void fault_segment(FILE *out, const char *name,
			  const struct vcpu_seg *s)
{
	fprintf(out,
		"  %-3s sel=0x%04x base=0x%016llx limit=0x%08x type=0x%x %s%s\n",
		name, s->selector, (unsigned long long)s->base, s->limit,
		s->type, s->is_long ? "64-bit" : s->is_db ? "32-bit" : "16-bit",
		s->is_present ? "" : " not-present");
}

static void fault_registers(const struct vcpu_regs *r,
			    const struct vcpu_sregs *s, FILE *out)
{
	fprintf(out,
		"  rax=0x%016" PRIx64 " rbx=0x%016" PRIx64 " rcx=0x%016" PRIx64 " rdx=0x%016" PRIx64 "\n"
		"  rsi=0x%016" PRIx64 " rdi=0x%016" PRIx64 " rsp=0x%016" PRIx64 " rbp=0x%016" PRIx64 "\n"
		"  r8 =0x%016" PRIx64 " r9 =0x%016" PRIx64 " r10=0x%016" PRIx64 " r11=0x%016" PRIx64 "\n"
		"  r12=0x%016" PRIx64 " r13=0x%016" PRIx64 " r14=0x%016" PRIx64 " r15=0x%016" PRIx64 "\n"
		"  rip=0x%016" PRIx64 " rflags=0x%08" PRIx64 "\n",
		r->rax, r->rbx, r->rcx, r->rdx, r->rsi, r->rdi, r->rsp, r->rbp,
		r->r8, r->r9, r->r10, r->r11, r->r12, r->r13, r->r14, r->r15,
		r->rip, r->rflags);
	fprintf(out,
		"  cr0=0x%08" PRIx64 " cr2=0x%016" PRIx64 " cr3=0x%016" PRIx64 " cr4=0x%08" PRIx64 " efer=0x%" PRIx64 "\n",
		s->cr0, s->cr2, s->cr3, s->cr4, s->efer);
	fault_segment(out, "cs", &s->cs);
	fault_segment(out, "ds", &s->ds);
	fault_segment(out, "ss", &s->ss);
	fprintf(out,
		"  gdt base=0x%" PRIx64 " limit=0x%x idt base=0x%" PRIx64 " limit=0x%x\n",
		s->gdt.base, s->gdt.limit, s->idt.base, s->idt.limit);
}

/* Where a linear address leads: through the guest's page tables (if
 * paging is on) to guest-physical memory, or nowhere. */
static void fault_where(const struct vm *vm, FILE *out, const char *name,
			unsigned long long linear)
{
	uint64_t gpa;

	if (vcpu_translate(vm, linear, &gpa) < 0) {
		fprintf(out, "  %s 0x%llx is not mapped by the guest's page tables\n",
			name, linear);
		return;
	}
	fprintf(out, "  %s 0x%llx is guest-physical 0x%llx, %s guest memory [0, 0x%llx)\n",
		name, linear, (unsigned long long)gpa,
		gpa < vm->mem.mem_bytes ? "inside" : "outside",
		(unsigned long long)vm->mem.mem_bytes);
}

void fault_report(const struct vm *vm, const char *what,
		  const struct symtab *syms, FILE *out)
{
	struct vcpu_regs r;
	struct vcpu_sregs s;
	const struct sym *sym = NULL;
	uint64_t off = 0;

	if (vcpu_get_regs(vm, &r) < 0 || vcpu_get_sregs(vm, &s) < 0) {
		fprintf(out, "vmm: guest fault: %s (registers unavailable)\n",
			what);
		return;
	}
	if (syms)
		sym = symtab_find(syms, r.rip, &off);
	if (sym)
		fprintf(out, "vmm: guest fault: %s at RIP 0x%llx <%s+0x%llx>\n",
			what, (unsigned long long)r.rip, sym->name,
			(unsigned long long)off);
	else
		fprintf(out, "vmm: guest fault: %s at RIP 0x%llx\n", what,
			(unsigned long long)r.rip);
	fault_registers(&r, &s, out);
	fault_where(vm, out, "rip", s.cs.base + r.rip);
	fault_where(vm, out, "rsp", s.ss.base + r.rsp);
}
