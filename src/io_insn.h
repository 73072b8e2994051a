/* SPDX-License-Identifier: MIT */
/* Where the port instruction behind a KVM_EXIT_IO starts, whatever the host
 * reported as RIP. Pure byte decoding: no KVM, no guest memory access. */
#ifndef VMM_SRC_IO_INSN_H
#define VMM_SRC_IO_INSN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes read around the reported RIP: before[IO_INSN_BACK - 1] is the byte
 * at RIP - 1, at[0] the byte at RIP. A byte that could not be read (outside
 * guest memory, not mapped) makes its whole side unusable: say so with the
 * has_ flags. */
#define IO_INSN_BACK 3
#define IO_INSN_AT   4

struct io_insn {
	bool is_out;
	unsigned size;      /* 1, 2 or 4 bytes per element */
	uint16_t port;
	unsigned code_bits; /* 16, 32 or 64: CS's default operand size */
	bool host_completes_out; /* see io_insn_back */
	bool has_before, has_at;
	uint8_t before[IO_INSN_BACK];
	uint8_t at[IO_INSN_AT];
};

/*
 * How many bytes before the reported RIP the instruction starts (0: RIP is
 * the instruction itself). Every host runs IN, INS and OUTS through KVM's
 * instruction emulator, which leaves RIP on the instruction except after a
 * single (not rep) OUTS, which it completes first. A plain OUT is where
 * hosts differ: Intel VT-x and AMD SVM exit with RIP on it and finish it on
 * the next KVM_RUN; a host whose emulator completes it first (the
 * paravirtual kvm_pvm: host_completes_out) reports the next instruction.
 * The exit does not say which instruction it was, so the bytes decide, in
 * this order: a rep OUTS at RIP; then, on a completing host, an OUT or OUTS
 * ending at RIP; elsewhere, a plain OUT at RIP, else an OUTS ending at RIP.
 * (Only back-to-back port instructions of one size and port can mislead
 * it.) When nothing decodes as the exit's instruction, 0.
 */
unsigned io_insn_back(const struct io_insn *io);

#endif
