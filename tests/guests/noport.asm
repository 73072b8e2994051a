; SPDX-License-Identifier: MIT
; OUT to a port that no device of the machine owns.
	bits 64
	org 0x100000

	mov al, 'x'
	out 0x99, al
	hlt
