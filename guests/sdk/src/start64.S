/* SPDX-License-Identifier: MIT */
/*
 * crt0 for 64-bit guests: vmm enters in long mode at _start with RDI = the
 * boot information and RSP at the top of memory (SPEC "Entry modes"). Zero
 * .bss (a raw image does not carry it), then hand over to vmm_start().
 */
	.section .text.start, "ax"
	.code64
	.globl	_start
	.type	_start, @function
_start:
	cld			/* the SysV ABI wants DF clear at each call */
	xorl	%ebp, %ebp	/* the outermost frame, for debuggers */
	andq	$-16, %rsp
	movq	%rdi, %rbx	/* the boot information: keep it */
	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	shrl	$3, %ecx	/* 16-byte aligned ends (link64.ld): whole words */
	rep stosq
	movq	%rbx, %rdi
	call	vmm_start
1:	hlt			/* vmm_start does not return; if it did, stop */
	jmp	1b
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
