; SPDX-License-Identifier: MIT
; gdbraw.inc in 16-bit real mode at 0x1000, where machines/real.yaml loads it.
	bits 16
	org 0x1000
%include "gdbraw.inc"
