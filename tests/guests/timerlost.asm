; SPDX-License-Identifier: MIT
; A 1 ms timer that fires and is never acknowledged: every later period
; finds the fired bit set, so it is counted as lost (--stats shows it),
; never queued. The guest keeps polling (each poll an exit, microseconds)
; for 20000 polls, then prints the control register.
%include "vmm_abi.inc"
	bits 64
	org 0x100000

	mov dx, VMM_DEFAULT_PORT_TIMER_INTERVAL
	mov eax, 1
	out dx, eax
	mov dx, VMM_DEFAULT_PORT_TIMER_CONTROL
	mov al, VMM_TIMER_ENABLE
	out dx, al
.fire:	in al, dx
	test al, VMM_TIMER_FIRED
	jz .fire
	mov ecx, 20000
.poll:	in al, dx
	dec ecx
	jnz .poll
	add al, '0'			; '3': enabled and fired
	mov dx, VMM_DEFAULT_PORT_CONSOLE
	out dx, al
	mov al, 10
	out dx, al
	hlt
