; SPDX-License-Identifier: MIT
; Console bytes interleaved with keyboard reads and ended by the exit device:
; the output must keep guest order however the console bytes travel.
%include "vmm_abi.inc"
	bits 64
	org 0x100000

	mov ecx, 5000			; past COALESCE_AFTER_OUTS: both paths
.next:	mov dx, VMM_DEFAULT_PORT_CONSOLE
	mov al, 'x'
	out dx, al
	mov dx, VMM_DEFAULT_PORT_KBD_STATUS
	in al, dx
	mov dx, VMM_DEFAULT_PORT_CONSOLE
	mov ax, 'y'			; a 2-byte OUT: never coalesced
	out dx, ax
	loop .next
	mov al, 10
	out dx, al
	mov al, 'z'
	out dx, al
	mov dx, VMM_DEFAULT_PORT_EXIT
	mov al, 5
	out dx, al
	hlt
