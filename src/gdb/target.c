/* SPDX-License-Identifier: MIT */
/* The guest as gdb sees it: registers in gdb's i386 or x86-64 layout,
 * guest-virtual memory, software and hardware breakpoints. All vCPU state
 * through vcpu.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../exception.h"
#include "../exit_rip.h"
#include "../x86.h"
#include "gdb.h"

/* Where a gdb register's value lives in struct vcpu_regs order, or the
 * segment selectors after it; GDB_ZERO for the x87 state vmm does not
 * show (it reads 0, writes are dropped). */
enum {
	R_AX, R_BX, R_CX, R_DX, R_SI, R_DI, R_SP, R_BP,
	R_8, R_9, R_10, R_11, R_12, R_13, R_14, R_15,
	R_IP, R_FLAGS, R_CS, R_SS, R_DS, R_ES, R_FS, R_GS, R_N,
	GDB_ZERO = R_N,
};

struct gdb_reg {
	const char *name;
	unsigned bits;
	unsigned src;
	const char *type;
};

#define X87_REGS                                                         \
	{ "st0", 80, GDB_ZERO, "i387_ext" },                             \
	{ "st1", 80, GDB_ZERO, "i387_ext" },                             \
	{ "st2", 80, GDB_ZERO, "i387_ext" },                             \
	{ "st3", 80, GDB_ZERO, "i387_ext" },                             \
	{ "st4", 80, GDB_ZERO, "i387_ext" },                             \
	{ "st5", 80, GDB_ZERO, "i387_ext" },                             \
	{ "st6", 80, GDB_ZERO, "i387_ext" },                             \
	{ "st7", 80, GDB_ZERO, "i387_ext" },                             \
	{ "fctrl", 32, GDB_ZERO, "int" }, { "fstat", 32, GDB_ZERO, "int" }, \
	{ "ftag", 32, GDB_ZERO, "int" }, { "fiseg", 32, GDB_ZERO, "int" }, \
	{ "fioff", 32, GDB_ZERO, "int" }, { "foseg", 32, GDB_ZERO, "int" }, \
	{ "fooff", 32, GDB_ZERO, "int" }, { "fop", 32, GDB_ZERO, "int" }

#define SEG_REGS                                                          \
	{ "cs", 32, R_CS, "int32" }, { "ss", 32, R_SS, "int32" },         \
	{ "ds", 32, R_DS, "int32" }, { "es", 32, R_ES, "int32" },         \
	{ "fs", 32, R_FS, "int32" }, { "gs", 32, R_GS, "int32" }

/* gdb's numbering (gdb/features/i386/64bit-core.xml, 32bit-core.xml). */
static const struct gdb_reg gdb_regs64[] = {
	{ "rax", 64, R_AX, "int64" }, { "rbx", 64, R_BX, "int64" },
	{ "rcx", 64, R_CX, "int64" }, { "rdx", 64, R_DX, "int64" },
	{ "rsi", 64, R_SI, "int64" }, { "rdi", 64, R_DI, "int64" },
	{ "rbp", 64, R_BP, "data_ptr" }, { "rsp", 64, R_SP, "data_ptr" },
	{ "r8", 64, R_8, "int64" },   { "r9", 64, R_9, "int64" },
	{ "r10", 64, R_10, "int64" }, { "r11", 64, R_11, "int64" },
	{ "r12", 64, R_12, "int64" }, { "r13", 64, R_13, "int64" },
	{ "r14", 64, R_14, "int64" }, { "r15", 64, R_15, "int64" },
	{ "rip", 64, R_IP, "code_ptr" }, { "eflags", 32, R_FLAGS, "int32" },
	SEG_REGS, X87_REGS,
};

static const struct gdb_reg gdb_regs32[] = {
	{ "eax", 32, R_AX, "int32" }, { "ecx", 32, R_CX, "int32" },
	{ "edx", 32, R_DX, "int32" }, { "ebx", 32, R_BX, "int32" },
	{ "esp", 32, R_SP, "data_ptr" }, { "ebp", 32, R_BP, "data_ptr" },
	{ "esi", 32, R_SI, "int32" }, { "edi", 32, R_DI, "int32" },
	{ "eip", 32, R_IP, "code_ptr" }, { "eflags", 32, R_FLAGS, "int32" },
	SEG_REGS, X87_REGS,
};

#define NREGS(a) (sizeof(a) / sizeof((a)[0]))

static const struct gdb_reg *gdb_table(const struct gdb *g, unsigned *n)
{
	*n = g->is_long ? NREGS(gdb_regs64) : NREGS(gdb_regs32);
	return g->is_long ? gdb_regs64 : gdb_regs32;
}

/* The stop's registers as an array indexed by R_*. */
static void gdb_values(const struct gdb *g, uint64_t v[R_N + 1])
{
	struct vcpu_sregs s;

	memcpy(v, &g->regs, sizeof(g->regs)); /* R_AX .. R_FLAGS */
	memset(v + R_CS, 0, (R_N + 1 - R_CS) * sizeof(v[0]));
	if (vcpu_get_sregs(g->vm, &s) == 0) {
		v[R_CS] = s.cs.selector;
		v[R_SS] = s.ss.selector;
		v[R_DS] = s.ds.selector;
		v[R_ES] = s.es.selector;
		v[R_FS] = s.fs.selector;
		v[R_GS] = s.gs.selector;
	}
	if (g->is_view)
		v[R_CS] = g->cs;
}

_Static_assert(sizeof(struct vcpu_regs) == R_CS * sizeof(uint64_t),
	       "struct vcpu_regs is R_AX .. R_FLAGS in order");

static size_t gdb_reg_encode(const struct gdb_reg *r, const uint64_t *v,
			     char *out)
{
	uint8_t b[10] = { 0 };
	unsigned n = r->bits / 8;

	if (r->src != GDB_ZERO)
		memcpy(b, &v[r->src], n > 8 ? 8 : n); /* little-endian host */
	rsp_hex_encode(out, b, n);
	return 2 * n;
}

size_t gdb_regs_hex(const struct gdb *g, char *out)
{
	uint64_t v[R_N + 1];
	unsigned n;
	const struct gdb_reg *t = gdb_table(g, &n);
	size_t len = 0;

	gdb_values(g, v);
	for (unsigned i = 0; i < n; i++)
		len += gdb_reg_encode(&t[i], v, out + len);
	return len;
}

size_t gdb_reg_hex(const struct gdb *g, unsigned i, char *out)
{
	uint64_t v[R_N + 1];
	unsigned n;
	const struct gdb_reg *t = gdb_table(g, &n);

	if (i >= n)
		return 0;
	gdb_values(g, v);
	return gdb_reg_encode(&t[i], v, out);
}

/* One register from hex into regs; segments and x87 are not written. */
static int gdb_reg_decode(struct gdb *g, const struct gdb_reg *r,
			  const char *hex)
{
	uint8_t b[10] = { 0 };
	uint64_t *dst = (uint64_t *)&g->regs;
	uint64_t val = 0;
	unsigned n = r->bits / 8;

	if (strnlen(hex, 2 * n) < 2 * n || rsp_hex_decode(hex, b, n) < 0)
		return -EINVAL;
	if (r->src >= R_CS)
		return 0;
	memcpy(&val, b, n > 8 ? 8 : n);
	dst[r->src] = val;
	return 0;
}

static int gdb_regs_store(struct gdb *g)
{
	return g->is_view ? 0 : vcpu_set_regs(g->vm, &g->regs);
}

int gdb_regs_set(struct gdb *g, const char *hex)
{
	unsigned n;
	const struct gdb_reg *t = gdb_table(g, &n);

	for (unsigned i = 0; i < n; i++) {
		if (gdb_reg_decode(g, &t[i], hex) < 0)
			return -EINVAL;
		hex += t[i].bits / 4;
	}
	return gdb_regs_store(g);
}

int gdb_reg_set(struct gdb *g, unsigned i, const char *hex)
{
	unsigned n;
	const struct gdb_reg *t = gdb_table(g, &n);

	if (i >= n || gdb_reg_decode(g, &t[i], hex) < 0)
		return -EINVAL;
	return gdb_regs_store(g);
}

const char *gdb_target_xml(const struct gdb *g)
{
	static char xml[2][4096];
	char *x = xml[g->is_long];
	unsigned n;
	const struct gdb_reg *t = gdb_table(g, &n);
	int len;

	if (x[0])
		return x;
	len = snprintf(x, sizeof(xml[0]),
		       "<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
		       "<target version=\"1.0\"><architecture>%s</architecture>"
		       "<feature name=\"org.gnu.gdb.i386.core\">",
		       g->is_long ? "i386:x86-64" : "i386");
	for (unsigned i = 0; i < n; i++)
		len += snprintf(x + len, sizeof(xml[0]) - (size_t)len,
				"<reg name=\"%s\" bitsize=\"%u\" type=\"%s\"/>",
				t[i].name, t[i].bits, t[i].type);
	snprintf(x + len, sizeof(xml[0]) - (size_t)len, "</feature></target>");
	return x;
}

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
