; SPDX-License-Identifier: MIT
; 32-bit, paging off: write to a guest-physical address past the end of
; memory, which no device owns.
	bits 32
	org 0x100000

	mov byte [0x20000000], 1
	hlt
