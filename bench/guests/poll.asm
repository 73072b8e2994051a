; SPDX-License-Identifier: MIT
; poll: POLLS reads of the keyboard status register (default 1,000,000),
; each one VM exit, then the exit device with status 0. The exit-cost
; benchmark; poll0.asm is the same program with no polls, for the baseline.
%include "vmm_abi.inc"
%ifndef POLLS
%define POLLS 1000000
%endif
	bits 64
	org 0x100000

	mov edx, [rdi + BI_PORTS + 4 * VMM_PORT_KBD_STATUS]
	mov ecx, POLLS
	test ecx, ecx
	jz .done
.poll:	in al, dx
	dec ecx
	jnz .poll
.done:	mov edx, [rdi + BI_PORTS + 4 * VMM_PORT_EXIT]
	xor eax, eax
	out dx, al
	hlt
