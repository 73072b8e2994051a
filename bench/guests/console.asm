; SPDX-License-Identifier: MIT
; console: LINES lines (default 100,000) of 64 bytes, newline included, to
; the console, then the exit device with status 0. With OUTS defined, each
; line is one `rep outsb` (one VM exit for 64 bytes); otherwise one `out`
; per byte (64 exits a line). With NOOUT, the per-byte loop keeps its shape
; but moves the byte into a register instead of OUT-ing it: the guest's own
; instructions alone, which on a slow (emulating) host are not free.
%include "vmm_abi.inc"
%ifndef LINES
%define LINES 100000
%endif
	bits 64
	org 0x100000

	mov edx, [rdi + BI_PORTS + 4 * VMM_PORT_CONSOLE]
	mov r8d, LINES
.line:	lea rsi, [rel text]
	mov ecx, LINE_BYTES
%ifdef OUTS
	rep outsb
%else
.byte:	lodsb
%ifdef NOOUT
	mov bl, al
%else
	out dx, al
%endif
	dec ecx
	jnz .byte
%endif
	dec r8d
	jnz .line
	mov edx, [rdi + BI_PORTS + 4 * VMM_PORT_EXIT]
	xor eax, eax
	out dx, al
	hlt

	align 64			; a line never crosses a page
text:	db "vmm console benchmark: 64 bytes a line, newline included ......"
	db 10
LINE_BYTES equ $ - text
%if LINE_BYTES != 64
%error "a line is 64 bytes"
%endif
