/* SPDX-License-Identifier: MIT */
/* The guest as gdb sees it: guest-virtual memory, software and hardware
 * breakpoints, and the state at a stop (registers are regs.c's). All
 * vCPU state through vcpu.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../exception.h"
#include "../exit_rip.h"
#include "../x86.h"
#include "gdb.h"

int gdb_mem(struct gdb *g, uint64_t gva, uint8_t *buf, size_t len,
	    bool is_write)
{
	while (len) {
		uint64_t gpa, chunk = 0x1000 - (gva & 0xfff);
		uint8_t *host;

		if (chunk > len)
			chunk = len;
		if (vcpu_translate(g->vm, gva, &gpa) < 0)
			return -EFAULT;
		host = gmem_ptr(&g->vm->mem, gpa, chunk);
		if (!host)
			return -EFAULT;
		if (is_write)
			memcpy(host, buf, chunk);
		else
			memcpy(buf, host, chunk);
		gva += chunk;
		buf += chunk;
		len -= chunk;
	}
	return 0;
}

bool gdb_sw_at(const struct gdb *g, uint64_t gva)
{
	for (unsigned i = 0; i < GDB_SW_MAX; i++)
		if (g->sw[i].is_used && g->sw[i].addr == gva)
			return true;
	return false;
}

static int gdb_sw(struct gdb *g, uint64_t addr, bool is_insert)
{
	uint8_t int3 = OP_INT3;

	for (unsigned i = 0; i < GDB_SW_MAX; i++) {
		struct gdb_sw_bp *b = &g->sw[i];

		if (!b->is_used || b->addr != addr)
			continue;
		if (is_insert)
			return 0;
		b->is_used = false;
		return gdb_mem(g, addr, &b->orig, 1, true);
	}
	if (!is_insert)
		return 0;
	for (unsigned i = 0; i < GDB_SW_MAX; i++) {
		struct gdb_sw_bp *b = &g->sw[i];

		if (b->is_used)
			continue;
		if (gdb_mem(g, addr, &b->orig, 1, false) < 0 ||
		    gdb_mem(g, addr, &int3, 1, true) < 0)
			return -EFAULT;
		b->addr = addr;
		b->is_used = true;
		return 0;
	}
	return -ENOSPC;
}

static int gdb_hw(struct gdb *g, unsigned type, uint64_t addr, unsigned len,
		  bool is_insert)
{
	int free_slot = -1;

	if (type > 1 && len != 1 && len != 2 && len != 4 && len != 8)
		return -EINVAL;
	if (type > 1 && (addr & (len - 1)))
		return -EINVAL; /* DR7 needs aligned watch ranges */
	for (int i = 0; i < GDB_HW_MAX; i++) {
		struct gdb_hw_bp *b = &g->hw[i];

		if (b->is_used && b->addr == addr && b->type == type &&
		    (type <= 1 || b->len == len)) {
			if (!is_insert)
				b->is_used = false;
			return 0;
		}
		if (!b->is_used && free_slot < 0)
			free_slot = i;
	}
	if (!is_insert)
		return 0;
	if (free_slot < 0)
		return -ENOSPC;
	g->hw[free_slot] = (struct gdb_hw_bp){ addr, type, len, true };
	return 0;
}

static bool gdb_is_real(const struct gdb *g)
{
	struct vcpu_sregs s;

	return vcpu_get_sregs(g->vm, &s) == 0 && !(s.cr0 & CR0_PE);
}

int gdb_bp(struct gdb *g, unsigned type, uint64_t addr, unsigned len,
	   bool is_insert)
{
	/* Real mode: a host that emulates it (kvm_pvm) delivers an int3 to
	 * the guest's IVT whatever KVM_GUESTDBG_USE_SW_BP says, so there a
	 * debug register stands in for it. Removal looks in both places:
	 * the guest may have left real mode since. */
	if (type == 0 && is_insert && gdb_is_real(g))
		return gdb_hw(g, 0, addr, 1, true);
	if (type == 0 && !is_insert)
		gdb_hw(g, 0, addr, 1, false);
	if (type == 0)
		return gdb_sw(g, addr, is_insert);
	if (type <= 4)
		return gdb_hw(g, type, addr, len, is_insert);
	return -EINVAL;
}

void gdb_bp_clear(struct gdb *g)
{
	for (unsigned i = 0; i < GDB_SW_MAX; i++)
		if (g->sw[i].is_used)
			gdb_sw(g, g->sw[i].addr, false);
	memset(g->hw, 0, sizeof(g->hw));
	g->is_stepping = false;
	vcpu_set_debug(g->vm, 0, NULL);
}

/* DR7 for the hardware breakpoints (SDM vol. 3B, 17.2.4): L0-L3 enable,
 * R/W 00 exec, 01 write, 11 read or write; LEN 00 1, 01 2, 11 4, 10 8. */
static uint64_t gdb_dr7(const struct gdb *g, struct vcpu_dregs *d)
{
	static const unsigned rw[5] = { 0, 0, 1, 3, 3 };
	uint64_t dr7 = 0;

	for (unsigned i = 0; i < GDB_HW_MAX; i++) {
		const struct gdb_hw_bp *b = &g->hw[i];
		unsigned len_bits;

		if (!b->is_used)
			continue;
		len_bits = b->type <= 1 ? 0 :
			   b->len == 2 ? 1 :
			   b->len == 4 ? 3 :
			   b->len == 8 ? 2 : 0;
		d->dr[i] = b->addr;
		dr7 |= 1ull << (2 * i);
		dr7 |= (uint64_t)(rw[b->type] | len_bits << 2) << (16 + 4 * i);
	}
	/* LE and GE: exact data breakpoints (17.2.4), as debuggers set. */
	return dr7 ? dr7 | 0x300 : 0;
}

int gdb_arm(struct gdb *g)
{
	struct vcpu_dregs d = { { 0 }, 0, 0 };
	unsigned flags = 0;

	d.dr7 = gdb_dr7(g, &d);
	for (unsigned i = 0; i < GDB_SW_MAX; i++)
		if (g->sw[i].is_used)
			flags |= VCPU_DEBUG_SW_BP;
	if (d.dr7)
		flags |= VCPU_DEBUG_HW_BP;
	if (g->is_stepping)
		flags |= VCPU_DEBUG_STEP;
	return vcpu_set_debug(g->vm, flags, &d);
}

const struct gdb_hw_bp *gdb_hw_hit(const struct gdb *g, uint64_t dr6)
{
	for (unsigned i = 0; i < GDB_HW_MAX; i++)
		if ((dr6 & (1ull << i)) && g->hw[i].is_used)
			return &g->hw[i];
	return NULL;
}

/* What the CPU pushed for an exception, popped. */
struct gdb_frame {
	uint64_t rip, rflags, rsp;
	uint16_t cs;
};

/* The default IDT's stub halted on the CPU's exception frame (SDM vol.
 * 3A, 6.12.1) at rsp: [error code,] RIP, CS, RFLAGS, and in long mode
 * RSP, SS. false when it cannot be read. */
static bool gdb_frame_read(const struct gdb *g, unsigned vector, uint64_t rsp,
			   struct gdb_frame *fr)
{
	struct vcpu_sregs s;
	unsigned slot, n, code = exc_has_error_code(vector);
	uint8_t raw[6 * 8];
	uint64_t f[6] = { 0 };

	if (vcpu_get_sregs(g->vm, &s) < 0)
		return false;
	slot = s.cs.is_long ? 8 : 4;
	n = (s.cs.is_long ? 5 : 3) + code;
	if (!exit_rip_read(g->vm, s.ss.base + rsp, s.cr0 & CR0_PG, raw,
			   n * slot))
		return false;
	for (unsigned i = 0; i < n; i++)
		memcpy(&f[i], raw + i * slot, slot);
	fr->rip = f[code];
	fr->cs = (uint16_t)f[code + 1];
	fr->rflags = f[code + 2];
	fr->rsp = s.cs.is_long ? f[code + 3] : rsp + n * slot;
	return true;
}

static void gdb_frame(struct gdb *g, unsigned vector)
{
	struct gdb_frame fr;

	if (!gdb_frame_read(g, vector, g->regs.rsp, &fr))
		return;
	g->regs.rip = fr.rip;
	g->cs = fr.cs;
	g->regs.rflags = fr.rflags;
	g->regs.rsp = fr.rsp;
	g->is_view = true;
}

bool gdb_bp_unwind(struct gdb *g)
{
	struct vcpu_regs r;
	struct vcpu_sregs s;
	struct gdb_frame fr;

	if (vcpu_get_regs(g->vm, &r) < 0 || vcpu_get_sregs(g->vm, &s) < 0 ||
	    !gdb_frame_read(g, EXC_BP, r.rsp, &fr))
		return false;
	/* #BP is a trap: the frame holds the address after the int3. Only
	 * a return to the same code segment can be undone by registers. */
	if (fr.cs != s.cs.selector || !gdb_sw_at(g, fr.rip - 1))
		return false;
	r.rip = fr.rip - 1;
	r.rflags = fr.rflags;
	r.rsp = fr.rsp;
	return vcpu_set_regs(g->vm, &r) == 0;
}

void gdb_load_stop(struct gdb *g, const struct run_result *res)
{
	g->is_view = false;
	if (vcpu_get_regs(g->vm, &g->regs) < 0)
		memset(&g->regs, 0, sizeof(g->regs));
	if (!res || res->end != RUN_FAULT || res->reason == RUN_REASON_DEBUG)
		return;
	if (res->is_exception) {
		gdb_frame(g, res->vector);
		return;
	}
	/* The instruction behind the exit (an IN or OUT's own RIP on every
	 * host, exit_rip.h), not the one after it. */
	g->regs.rip = run_rip_now(g->vm);
}
