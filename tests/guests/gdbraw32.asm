; SPDX-License-Identifier: MIT
; gdbraw.inc in 32-bit protected mode at 1 MiB, where machines/protected.yaml loads it.
	bits 32
	org 0x100000
%include "gdbraw.inc"
