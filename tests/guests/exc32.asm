; SPDX-License-Identifier: MIT
; CPU exceptions in 32-bit protected mode: see exc.inc.
	bits 32
	org 0x100000
%include "exc.inc"
