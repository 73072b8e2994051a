; SPDX-License-Identifier: MIT
; CPU exceptions in 64-bit long mode: see exc.inc.
	bits 64
	org 0x100000
%include "exc.inc"
