/* SPDX-License-Identifier: MIT */
/* The guest's registers as gdb numbers them: the target description
 * (i386 or i386:x86-64) and the g, G, p and P packets' values, read from
 * the stop (struct gdb) and the vCPU through vcpu.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "gdb.h"

/* Where a gdb register's value lives: struct vcpu_regs order, then the
 * segment selectors, FS and GS bases and x87 control words from the
 * vCPU (read-only), then the x87 stack. */
enum {
	R_AX, R_BX, R_CX, R_DX, R_SI, R_DI, R_SP, R_BP,
	R_8, R_9, R_10, R_11, R_12, R_13, R_14, R_15,
	R_IP, R_FLAGS, R_CS, R_SS, R_DS, R_ES, R_FS, R_GS,
	R_FS_BASE, R_GS_BASE,
	R_FCTRL, R_FSTAT, R_FTAG, R_FISEG, R_FIOFF, R_FOSEG, R_FOOFF, R_FOP,
	R_N,
	R_ST0 = R_N, /* .. R_ST0 + 7 */
};

struct gdb_reg {
	const char *name;
	unsigned bits;
	unsigned src;
	const char *type;
};

/* The stop's registers: v by R_*, st by ST(i) (80 bits each). */
struct gdb_vals {
	uint64_t v[R_N];
	uint8_t st[8][10];
};

#define X87_REGS                                                         \
	{ "st0", 80, R_ST0, "i387_ext" },                                \
	{ "st1", 80, R_ST0 + 1, "i387_ext" },                            \
	{ "st2", 80, R_ST0 + 2, "i387_ext" },                            \
	{ "st3", 80, R_ST0 + 3, "i387_ext" },                            \
	{ "st4", 80, R_ST0 + 4, "i387_ext" },                            \
	{ "st5", 80, R_ST0 + 5, "i387_ext" },                            \
	{ "st6", 80, R_ST0 + 6, "i387_ext" },                            \
	{ "st7", 80, R_ST0 + 7, "i387_ext" },                            \
	{ "fctrl", 32, R_FCTRL, "int" }, { "fstat", 32, R_FSTAT, "int" }, \
	{ "ftag", 32, R_FTAG, "int" }, { "fiseg", 32, R_FISEG, "int" },   \
	{ "fioff", 32, R_FIOFF, "int" }, { "foseg", 32, R_FOSEG, "int" }, \
	{ "fooff", 32, R_FOOFF, "int" }, { "fop", 32, R_FOP, "int" }

#define SEG_REGS                                                          \
	{ "cs", 32, R_CS, "int32" }, { "ss", 32, R_SS, "int32" },         \
	{ "ds", 32, R_DS, "int32" }, { "es", 32, R_ES, "int32" },         \
	{ "fs", 32, R_FS, "int32" }, { "gs", 32, R_GS, "int32" }

/* gdb's numbering (gdb/features/i386/64bit-core.xml, 32bit-core.xml,
 * 64bit-segments.xml). */
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
	{ "fs_base", 64, R_FS_BASE, "int" }, { "gs_base", 64, R_GS_BASE, "int" },
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

/* FXSAVE keeps one tag bit per physical register, gdb shows FSAVE's two
 * (SDM vol. 1, 8.1.7): 0 valid, 1 zero, 2 special, 3 empty, from the
 * register's exponent and integer bit. Physical j is ST((j - TOP) & 7). */
static uint16_t gdb_ftag(const struct vcpu_fpu *f)
{
	unsigned top = (f->fsw >> 11) & 7;
	uint16_t tag = 0;

	for (unsigned j = 0; j < 8; j++) {
		const uint8_t *r = f->st[(j - top) & 7];
		uint64_t mant;
		uint16_t exp;
		unsigned t;

		memcpy(&mant, r, 8);
		memcpy(&exp, r + 8, 2);
		exp &= 0x7fff;
		if (!(f->ftw & (1u << j)))
			t = 3;
		else if (exp == 0x7fff)
			t = 2;
		else if (exp == 0)
			t = mant ? 2 : 1;
		else
			t = mant >> 63 ? 0 : 2;
		tag |= (uint16_t)(t << (2 * j));
	}
	return tag;
}

/* The x87 registers as gdb's i387 layout has them: the pointers split
 * into 32-bit offset and the rest (the selector in 32-bit code, the
 * upper half in 64-bit code, as gdb's amd64 FXSAVE reader does). */
static void gdb_x87(const struct gdb *g, struct gdb_vals *vals)
{
	struct vcpu_fpu f;
	uint64_t *v = vals->v;

	if (vcpu_get_fpu(g->vm, &f) < 0)
		return;
	for (unsigned i = 0; i < 8; i++)
		memcpy(vals->st[i], f.st[i], 10);
	v[R_FCTRL] = f.fcw;
	v[R_FSTAT] = f.fsw;
	v[R_FTAG] = gdb_ftag(&f);
	v[R_FIOFF] = (uint32_t)f.fip;
	v[R_FISEG] = f.fip >> 32;
	v[R_FOOFF] = (uint32_t)f.fdp;
	v[R_FOSEG] = f.fdp >> 32;
	v[R_FOP] = f.fop & 0x7ff;
}

/* The stop's registers. */
static void gdb_values(const struct gdb *g, struct gdb_vals *vals)
{
	struct vcpu_sregs s;
	uint64_t *v = vals->v;

	memset(vals, 0, sizeof(*vals));
	memcpy(v, &g->regs, sizeof(g->regs)); /* R_AX .. R_FLAGS */
	if (vcpu_get_sregs(g->vm, &s) == 0) {
		v[R_CS] = s.cs.selector;
		v[R_SS] = s.ss.selector;
		v[R_DS] = s.ds.selector;
		v[R_ES] = s.es.selector;
		v[R_FS] = s.fs.selector;
		v[R_GS] = s.gs.selector;
		v[R_FS_BASE] = s.fs.base;
		v[R_GS_BASE] = s.gs.base;
	}
	if (g->is_view)
		v[R_CS] = g->cs;
	gdb_x87(g, vals);
}

_Static_assert(sizeof(struct vcpu_regs) == R_CS * sizeof(uint64_t),
	       "struct vcpu_regs is R_AX .. R_FLAGS in order");

static size_t gdb_reg_encode(const struct gdb_reg *r,
			     const struct gdb_vals *vals, char *out)
{
	uint8_t b[10] = { 0 };
	unsigned n = r->bits / 8;

	if (r->src >= R_ST0)
		memcpy(b, vals->st[r->src - R_ST0], 10);
	else
		memcpy(b, &vals->v[r->src], n > 8 ? 8 : n); /* little-endian */
	rsp_hex_encode(out, b, n);
	return 2 * n;
}

size_t gdb_regs_hex(const struct gdb *g, char *out)
{
	struct gdb_vals vals;
	unsigned n;
	const struct gdb_reg *t = gdb_table(g, &n);
	size_t len = 0;

	gdb_values(g, &vals);
	for (unsigned i = 0; i < n; i++)
		len += gdb_reg_encode(&t[i], &vals, out + len);
	return len;
}

size_t gdb_reg_hex(const struct gdb *g, unsigned i, char *out)
{
	struct gdb_vals vals;
	unsigned n;
	const struct gdb_reg *t = gdb_table(g, &n);

	if (i >= n)
		return 0;
	gdb_values(g, &vals);
	return gdb_reg_encode(&t[i], &vals, out);
}

/* One register from hex into regs; segments, their bases and x87 are
 * not written. */
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
		       "<target version=\"1.0\"><architecture>%s</architecture>",
		       g->is_long ? "i386:x86-64" : "i386");
	for (unsigned i = 0; i < n; i++) {
		/* gdb finds FS and GS bases in a feature of their own. */
		if (i == 0 || t[i].src == R_FS_BASE)
			len += snprintf(x + len, sizeof(xml[0]) - (size_t)len,
					"%s<feature name=\"org.gnu.gdb.i386.%s\">",
					i ? "</feature>" : "",
					i ? "segments" : "core");
		len += snprintf(x + len, sizeof(xml[0]) - (size_t)len,
				"<reg name=\"%s\" bitsize=\"%u\" type=\"%s\"/>",
				t[i].name, t[i].bits, t[i].type);
	}
	snprintf(x + len, sizeof(xml[0]) - (size_t)len, "</feature></target>");
	return x;
}
