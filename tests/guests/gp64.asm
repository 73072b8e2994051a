; SPDX-License-Identifier: MIT
; 64-bit: load a selector past the end of vmm's GDT (index 5; the GDT has
; 4 entries): #GP with the selector as its error code.
	bits 64
	org 0x100000

	mov ax, 0x28
	mov ds, ax
	hlt
