; SPDX-License-Identifier: MIT
; gdbraw.inc in 64-bit long mode at 1 MiB, where the default machine loads it.
	bits 64
	org 0x100000
%include "gdbraw.inc"
