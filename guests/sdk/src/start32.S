/* SPDX-License-Identifier: MIT */
/*
 * crt0 for 32-bit guests: vmm enters in flat protected mode at _start with
 * EDI = the boot information and ESP at the top of memory (SPEC "Entry
 * modes"). Zero .bss (a raw image does not carry it), then call vmm_start().
 */
	.section .text.start, "ax"
	.code32
	.globl	_start
	.type	_start, @function
_start:
	cld			/* the SysV ABI wants DF clear at each call */
	xorl	%ebp, %ebp	/* the outermost frame, for debuggers */
	andl	$-16, %esp
	movl	%edi, %ebx	/* the boot information: keep it */
	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	shrl	$2, %ecx	/* 16-byte aligned ends (link32.ld): whole words */
	rep stosl
	subl	$12, %esp	/* ESP is 16-byte aligned at the call */
	pushl	%ebx
	call	vmm_start
1:	hlt			/* vmm_start does not return; if it did, stop */
	jmp	1b
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
