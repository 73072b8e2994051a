/* SPDX-License-Identifier: MIT */
/* Where the port instruction behind a KVM_EXIT_IO starts (see io_insn.h). */
#include "io_insn.h"

#define OP_OUT_IMM_B 0xe6 /* out imm8, al; 0xe7: ax/eax */
#define OP_OUT_DX_B  0xee /* out dx, al; 0xef: ax/eax */
#define OP_OUTS_B    0x6e /* outsb; 0x6f: outsw/outsd */
#define PFX_OPSIZE   0x66
#define PFX_REP      0xf3
#define PFX_REPNE    0xf2

/* The byte-sized opcode, or its word/dword twin one above it. */
static uint8_t io_op(uint8_t byte_op, unsigned size)
{
	return size == 1 ? byte_op : byte_op + 1;
}

/* An operand-size prefix is needed for 16-bit I/O in 32- and 64-bit code
 * and for 32-bit I/O in 16-bit code. */
static bool io_needs_opsize(const struct io_insn *io)
{
	return io->code_bits == 16 ? io->size == 4 : io->size == 2;
}

static bool io_is_prefix(const struct io_insn *io, uint8_t b)
{
	switch (b) {
	case 0x26: case 0x2e: case 0x36: case 0x3e: case 0x64: case 0x65:
	case 0x66: case 0x67: case PFX_REP: case PFX_REPNE:
		return true;
	default:
		return io->code_bits == 64 && (b & 0xf0) == 0x40; /* REX */
	}
}

/* Is the instruction at RIP a rep OUTS of this exit's size? The emulator
 * keeps RIP there while elements remain. */
static bool io_rep_outs_at(const struct io_insn *io)
{
	bool is_rep = false;

	for (unsigned i = 0; io->has_at && i < IO_INSN_AT; i++) {
		uint8_t b = io->at[i];

		if (b == io_op(OP_OUTS_B, io->size))
			return is_rep;
		if (!io_is_prefix(io, b))
			return false;
		is_rep |= b == PFX_REP || b == PFX_REPNE;
	}
	return false;
}

/* The instruction ends at RIP with an opcode of op_len bytes (opcode plus
 * immediate): add the operand-size prefix it must carry, if any. */
static unsigned io_with_prefix(const struct io_insn *io, unsigned op_len)
{
	if (!io_needs_opsize(io))
		return op_len;
	if (op_len < IO_INSN_BACK &&
	    io->before[IO_INSN_BACK - 1 - op_len] == PFX_OPSIZE)
		return op_len + 1;
	return 0;
}

/* Is the instruction at RIP a plain OUT to this exit's port? */
static bool io_out_at(const struct io_insn *io)
{
	unsigned i = io->has_at && io->at[0] == PFX_OPSIZE;

	if (!io->has_at || (i == 1) != io_needs_opsize(io))
		return false;
	return io->at[i] == io_op(OP_OUT_DX_B, io->size) ||
	       (io->at[i] == io_op(OP_OUT_IMM_B, io->size) &&
		io->at[i + 1] == io->port);
}

/* The length of an OUT or OUTS of this exit that ends at RIP, or 0. */
static unsigned io_out_ending(const struct io_insn *io, bool plain_too)
{
	const uint8_t *end = io->before + IO_INSN_BACK; /* end[-1]: RIP - 1 */

	if (!io->has_before)
		return 0;
	if (plain_too && io->port <= 0xff && end[-1] == io->port &&
	    end[-2] == io_op(OP_OUT_IMM_B, io->size))
		return io_with_prefix(io, 2);
	if ((plain_too && end[-1] == io_op(OP_OUT_DX_B, io->size)) ||
	    end[-1] == io_op(OP_OUTS_B, io->size))
		return io_with_prefix(io, 1);
	return 0;
}

unsigned io_insn_back(const struct io_insn *io)
{
	if (!io->is_out || io_rep_outs_at(io))
		return 0;
	if (io->host_completes_out)
		return io_out_ending(io, true);
	if (io_out_at(io))
		return 0;
	return io_out_ending(io, false);
}
