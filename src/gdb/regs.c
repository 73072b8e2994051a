/* SPDX-License-Identifier: MIT */
/* The guest's registers as gdb numbers them: the target description
 * (i386 or i386:x86-64) and the g, G, p and P packets' values, read from
 * the stop (struct gdb) and the vCPU through vcpu.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

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
