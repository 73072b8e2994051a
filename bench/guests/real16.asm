; SPDX-License-Identifier: MIT
; The 16-bit real-mode guests for the QEMU comparison, one source for both
; hosts (bench/README.md, "QEMU"). The program is the same; only where it
; sits differs:
;   default     a raw image at 0x1000 for vmm's machines/real.yaml;
;   BIOS        a 64 KiB firmware image for QEMU's -bios: the code at
;               F000:0000, the reset vector (F000:FFF0) jumping to it.
; POLL (the exit-cost guest): POLLS reads of the keyboard status port, then
; the exit device. Otherwise (the start-up guest): one line to the console,
; then the exit device. Ports are the defaults: QEMU has no boot information,
; and the QEMU command line puts devices there.
%include "vmm_abi.inc"
%ifndef POLLS
%define POLLS 1000000
%endif
	bits 16
%ifdef BIOS
	org 0
%else
	org 0x1000
%endif

start:	cld
%ifdef POLL
	mov dx, VMM_DEFAULT_PORT_KBD_STATUS
	mov ecx, POLLS
.poll:	in al, dx
	dec ecx
	jnz .poll
%else
%ifdef BIOS
	mov ax, cs			; the message is in the firmware segment
	mov ds, ax
%endif
	mov si, msg
	mov cx, MSG_BYTES
	mov dx, VMM_DEFAULT_PORT_CONSOLE
	rep outsb
%endif
	mov dx, VMM_DEFAULT_PORT_EXIT
	xor al, al
	out dx, al
	hlt

msg:	db "hello from real mode", 10
MSG_BYTES equ $ - msg

%ifdef BIOS
	times 0xfff0 - ($ - $$) db 0xf4	; hlt
	jmp 0xf000:start		; the reset vector
	times 0x10000 - ($ - $$) db 0
%endif
