/* SPDX-License-Identifier: MIT */
/* Guest-fault report: what, port or address, RIP, registers. Cold path. */
#include <stdio.h>
#include <sys/ioctl.h>

#include <linux/kvm.h>

#include "fault.h"

static void fault_segment(FILE *out, const char *name,
			  const struct kvm_segment *s)
{
	fprintf(out,
		"  %-3s sel=0x%04x base=0x%016llx limit=0x%08x type=0x%x %s%s\n",
		name, s->selector, (unsigned long long)s->base, s->limit,
		s->type, s->l ? "64-bit" : s->db ? "32-bit" : "16-bit",
		s->present ? "" : " not-present");
}

static void fault_registers(const struct vm *vm, FILE *out)
{
	struct kvm_regs r;
	struct kvm_sregs s;

	if (ioctl(vm->vcpu_fd, KVM_GET_REGS, &r) < 0 ||
	    ioctl(vm->vcpu_fd, KVM_GET_SREGS, &s) < 0) {
		fprintf(out, "  (registers unavailable)\n");
		return;
	}
	fprintf(out,
		"  rax=0x%016llx rbx=0x%016llx rcx=0x%016llx rdx=0x%016llx\n"
		"  rsi=0x%016llx rdi=0x%016llx rsp=0x%016llx rbp=0x%016llx\n"
		"  r8 =0x%016llx r9 =0x%016llx r10=0x%016llx r11=0x%016llx\n"
		"  r12=0x%016llx r13=0x%016llx r14=0x%016llx r15=0x%016llx\n"
		"  rip=0x%016llx rflags=0x%08llx\n",
		r.rax, r.rbx, r.rcx, r.rdx, r.rsi, r.rdi, r.rsp, r.rbp, r.r8,
		r.r9, r.r10, r.r11, r.r12, r.r13, r.r14, r.r15, r.rip,
		r.rflags);
	fprintf(out,
		"  cr0=0x%08llx cr2=0x%016llx cr3=0x%016llx cr4=0x%08llx efer=0x%llx\n",
		s.cr0, s.cr2, s.cr3, s.cr4, s.efer);
	fault_segment(out, "cs", &s.cs);
	fault_segment(out, "ds", &s.ds);
	fault_segment(out, "ss", &s.ss);
	fprintf(out, "  gdt base=0x%llx limit=0x%x idt base=0x%llx limit=0x%x\n",
		s.gdt.base, s.gdt.limit, s.idt.base, s.idt.limit);
}

/* Where a linear address leads: through the guest's page tables (if
 * paging is on) to guest-physical memory, or nowhere. */
static void fault_where(const struct vm *vm, FILE *out, const char *name,
			unsigned long long linear)
{
	struct kvm_translation tr = { .linear_address = linear };

	if (ioctl(vm->vcpu_fd, KVM_TRANSLATE, &tr) < 0 || !tr.valid) {
		fprintf(out, "  %s 0x%llx is not mapped by the guest's page tables\n",
			name, linear);
		return;
	}
	fprintf(out, "  %s 0x%llx is guest-physical 0x%llx, %s guest memory [0, 0x%llx)\n",
		name, linear, (unsigned long long)tr.physical_address,
		tr.physical_address < vm->mem.mem_bytes ? "inside" : "outside",
		(unsigned long long)vm->mem.mem_bytes);
}

void fault_report(const struct vm *vm, const char *what,
		  const struct symtab *syms, FILE *out)
{
	struct kvm_regs r;
	struct kvm_sregs s;
	const struct sym *sym = NULL;
	uint64_t off = 0;

	if (ioctl(vm->vcpu_fd, KVM_GET_REGS, &r) < 0 ||
	    ioctl(vm->vcpu_fd, KVM_GET_SREGS, &s) < 0) {
		fprintf(out, "vmm: guest fault: %s (registers unavailable)\n",
			what);
		return;
	}
	if (syms)
		sym = symtab_find(syms, r.rip, &off);
	if (sym)
		fprintf(out, "vmm: guest fault: %s at RIP 0x%llx <%s+0x%llx>\n",
			what, r.rip, sym->name, (unsigned long long)off);
	else
		fprintf(out, "vmm: guest fault: %s at RIP 0x%llx\n", what,
			r.rip);
	fault_registers(vm, out);
	fault_where(vm, out, "rip", s.cs.base + r.rip);
	fault_where(vm, out, "rsp", s.ss.base + r.rsp);
}
