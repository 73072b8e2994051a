; SPDX-License-Identifier: MIT
; 64-bit: write past the identity map (16 MiB machine, 2 MiB pages end at
; 16 MiB): a page fault on a not-present page, CR2 the address written.
	bits 64
	org 0x100000

	mov rax, 0x40000010
	mov dword [rax], 1
	hlt
