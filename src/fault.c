/* SPDX-License-Identifier: MIT */
/* Guest-fault report: what, port or address, RIP, registers. Cold path. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "vmm_abi.h"

#include "exception.h"
#include "exit_rip.h"
#include "fault.h"
#include "host_io.h"
#include "vcpu.h"
#include "x86.h"

static void fault_segment(FILE *out, const char *name,
			  const struct vcpu_seg *s)
{
	fprintf(out,
		"  %-3s sel=0x%04x base=0x%016" PRIx64 " limit=0x%08x type=0x%x %s%s\n",
		name, s->selector, s->base, s->limit, s->type,
		s->is_long ? "64-bit" : s->is_db ? "32-bit" : "16-bit",
		s->is_present ? "" : " not-present");
}

static void fault_gprs(const struct vcpu_regs *r, FILE *out)
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
}

static void fault_registers(const struct vcpu_regs *r,
			    const struct vcpu_sregs *s, FILE *out)
{
	fault_gprs(r, out);
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

/* " <symbol+0xoff>" when syms know rip, else nothing. */
static void fault_symbol(const struct symtab *syms, uint64_t rip, FILE *out)
{
	uint64_t off = 0;
	const struct sym *sym = syms ? symtab_find(syms, rip, &off) : NULL;

	if (sym)
		fprintf(out, " <%s+0x%llx>", sym->name, (unsigned long long)off);
}

/* KVM on AMD resets the vCPU before it reports a triple fault (the VMCB is
 * undefined after a shutdown), so what it returns then is the reset state,
 * not the guest's. */
static bool fault_is_reset(const struct vcpu_regs *r,
			   const struct vcpu_sregs *s)
{
	return r->rip == 0xfff0 && s->cs.selector == 0xf000 &&
	       s->cs.base == 0xffff0000;
}

/* The guest's registers are gone: show the last ones vmm saw instead,
 * labelled as such, never the reset state as if it were the guest's. */
static void fault_after_reset(const struct vm *vm, const char *what,
			      const struct symtab *syms, FILE *out)
{
	struct vcpu_regs seen;

	fprintf(out,
		"vmm: guest fault: %s; this host reset the vCPU, so the guest's registers at the fault are lost\n",
		what);
	if (!vcpu_last_seen(vm, &seen)) {
		fprintf(out, "  (no earlier state was kept)\n");
		return;
	}
	fprintf(out, "  the last state vmm saw, at the guest's last exit before it (or its entry): RIP 0x%" PRIx64,
		seen.rip);
	fault_symbol(syms, seen.rip, out);
	fputc('\n', out);
	fault_gprs(&seen, out);
}

/* The CPU's exception frame on the guest's stack at the stub's hlt (SDM
 * vol. 3A, 6.12.1 and 6.14.2): [error code,] RIP, CS, RFLAGS, and in long
 * mode RSP and SS; 4-byte slots in protected mode, 8 in long mode. Puts the
 * guest's RIP, CS, RFLAGS and RSP at the fault into r and s. */
static bool fault_frame(const struct vm *vm, unsigned vector,
			struct vcpu_regs *r, struct vcpu_sregs *s, uint32_t *code)
{
	unsigned slot = s->cs.is_long ? 8 : 4;
	unsigned n = (s->cs.is_long ? 5 : 3) + exc_has_error_code(vector);
	uint8_t raw[6 * 8];
	uint64_t f[6] = { 0 };
	const uint64_t *frame;

	if (!exit_rip_read(vm, s->ss.base + r->rsp, s->cr0 & CR0_PG, raw,
			   n * slot))
		return false;
	for (unsigned i = 0; i < n; i++)
		memcpy(&f[i], raw + i * slot, slot);
	*code = exc_has_error_code(vector) ? (uint32_t)f[0] : 0;
	frame = f + exc_has_error_code(vector);
	r->rip = frame[0];
	s->cs.selector = (uint16_t)frame[1];
	r->rflags = frame[2];
	/* Long mode pushes RSP; protected mode at the same privilege does
	 * not, so the fault's ESP is just above the frame. */
	r->rsp = s->cs.is_long ? frame[3] : r->rsp + n * slot;
	return true;
}

/* #BP is a trap: the CPU saves the RIP after int3 (or int 3). How far back
 * the instruction that raised it starts, so the report names it. */
static unsigned fault_trap_back(const struct vm *vm, unsigned vector,
				const struct vcpu_sregs *s, uint64_t rip)
{
	uint8_t b[2];

	if (vector != EXC_BP || rip < 2 ||
	    !exit_rip_read(vm, s->cs.base + rip - 2, s->cr0 & CR0_PG, b, 2))
		return 0;
	if (b[1] == OP_INT3)
		return 1;
	return b[0] == OP_INT_N && b[1] == EXC_BP ? 2 : 0;
}

/* A CPU exception the default IDT caught: name, error code, CR2 for a
 * page fault, and the registers at the fault from the exception frame. */
static void fault_exception(const struct vm *vm, unsigned vector,
			    const struct symtab *syms, FILE *out)
{
	struct vcpu_regs r;
	struct vcpu_sregs s;
	uint32_t code = 0;
	uint64_t saved_rip;
	char text[128];

	if (vcpu_get_regs(vm, &r) < 0 || vcpu_get_sregs(vm, &s) < 0 ||
	    !fault_frame(vm, vector, &r, &s, &code)) {
		fprintf(out,
			"vmm: guest fault: %s (its exception frame is unreadable)\n",
			exc_name(vector));
		return;
	}
	saved_rip = r.rip;
	r.rip -= fault_trap_back(vm, vector, &s, r.rip);
	fprintf(out, "vmm: guest fault: %s at RIP 0x%" PRIx64, exc_name(vector),
		r.rip);
	fault_symbol(syms, r.rip, out);
	fputc('\n', out);
	if (saved_rip != r.rip)
		fprintf(out, "  a trap: the CPU saved RIP 0x%" PRIx64 ", the instruction after it\n",
			saved_rip);
	if (exc_has_error_code(vector)) {
		exc_error_text(vector, code, text, sizeof(text));
		fprintf(out, "  error code %s\n", text);
	}
	if (vector == EXC_PF)
		fprintf(out, "  cr2=0x%" PRIx64 ": the address that faulted\n",
			s.cr2);
	fault_registers(&r, &s, out);
	fault_where(vm, out, "rip", s.cs.base + r.rip);
	fault_where(vm, out, "rsp", s.ss.base + r.rsp);
}

void fault_report(const struct vm *vm, const struct run_result *res,
		  const struct symtab *syms, FILE *out)
{
	const char *what = res->what;
	struct vcpu_regs r;
	struct vcpu_sregs s;

	if (res->is_exception) {
		fault_exception(vm, res->vector, syms, out);
		return;
	}

	if (vcpu_get_regs(vm, &r) < 0 || vcpu_get_sregs(vm, &s) < 0) {
		fprintf(out, "vmm: guest fault: %s (registers unavailable)\n",
			what);
		return;
	}
	if (res->reason == RUN_REASON_SHUTDOWN && fault_is_reset(&r, &s)) {
		fault_after_reset(vm, what, syms, out);
		return;
	}
	/* A port exit's RIP, the same on every host: the port instruction. */
	r.rip = run_rip_now(vm);
	fprintf(out, "vmm: guest fault: %s at RIP 0x%" PRIx64, what, r.rip);
	fault_symbol(syms, r.rip, out);
	fputc('\n', out);
	fault_registers(&r, &s, out);
	fault_where(vm, out, "rip", s.cs.base + r.rip);
	fault_where(vm, out, "rsp", s.ss.base + r.rsp);
}

static void fault_trail_exit(const struct trail_exit *x,
			     const struct devset *ds, FILE *out)
{
	const char *name = run_reason_name(run_reason_fold(x->reason));
	const struct iotab_entry *e;

	if (x->reason == RUN_REASON_IO) {
		e = iotab_lookup(&ds->iotab, x->port);
		fprintf(out, " io %s port=0x%x size=%u value=0x%x",
			x->is_write ? "out" : "in", x->port, x->size, x->value);
		if (x->count > 1)
			fprintf(out, " count=%u", x->count);
		fprintf(out, " dev=%s%s%s", e ? e->desc->name : "none",
			e ? "." : "", e ? e->key->key : "");
	} else if (x->reason == RUN_REASON_MMIO) {
		fprintf(out, " mmio %s addr=0x%llx size=%u value=0x%x",
			x->is_write ? "write" : "read",
			(unsigned long long)x->addr, x->size, x->value);
	} else if (name) {
		fprintf(out, " %s", name);
	} else {
		fprintf(out, " exit reason=%u", x->reason);
	}
}

/* Seconds since the run's start at TSC value tsc, against the two clocks
 * read at the start and now (trail.h). */
static double fault_trail_secs(const struct trail *t, uint64_t tsc,
			       uint64_t tsc_now, uint64_t ns_now)
{
	double per_tick = tsc_now > t->tsc0 ? (double)(ns_now - t->ns0) /
						     (double)(tsc_now - t->tsc0)
					    : 0;

	return (double)(tsc - t->tsc0) * per_tick / 1e9;
}

void fault_trail(const struct vm *vm, const struct trail *t,
		 const struct devset *ds, const struct symtab *syms,
		 FILE *out)
{
	uint64_t first = t->n > TRAIL_LEN ? t->n - TRAIL_LEN : 0;
	uint64_t tsc_now = trail_tsc(), ns_now = host_now_ns(NULL);
	double end = fault_trail_secs(t, t->tsc_end, tsc_now, ns_now);

	if (t->n == 0) {
		fprintf(out, "  no exits in %.6f s, from the start to the end\n",
			end);
		return;
	}
	fprintf(out, "  the last %llu of %llu exits, oldest first; the last was %.6f s before the end, at %.6f s:\n",
		(unsigned long long)(t->n - first), (unsigned long long)t->n,
		end - fault_trail_secs(t, t->exit[(t->n - 1) & (TRAIL_LEN - 1)].tsc,
				       tsc_now, ns_now),
		end);
	for (uint64_t i = first; i < t->n; i++) {
		const struct trail_exit *x = &t->exit[i & (TRAIL_LEN - 1)];
		uint64_t rip = exit_rip_of(vm, x);
		uint64_t vector = rip - VMM_EXC_STUBS_GPA;

		fprintf(out, "  %12.6f", fault_trail_secs(t, x->tsc, tsc_now,
							 ns_now));
		/* The default IDT's own hlt: say what it stands for. */
		if (x->reason == RUN_REASON_HLT && vector < VMM_EXC_VECTORS) {
			fprintf(out, " %s, to vmm's default IDT\n",
				exc_name((unsigned)vector));
			continue;
		}
		fault_trail_exit(x, ds, out);
		/* Some hosts reset the vCPU before a shutdown exit: its RIP
		 * may be the reset vector's, never to be shown as the guest's
		 * (the report above says what is known). */
		if (x->reason == RUN_REASON_SHUTDOWN) {
			fputc('\n', out);
			continue;
		}
		fprintf(out, " rip=0x%llx", (unsigned long long)rip);
		fault_symbol(syms, rip, out);
		fputc('\n', out);
	}
}
