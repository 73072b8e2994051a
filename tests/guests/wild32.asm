; SPDX-License-Identifier: MIT
; 32-bit, paging off: jump to a guest-physical address with no memory.
	bits 32
	org 0x100000

	jmp 0x20000000
