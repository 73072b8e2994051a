; SPDX-License-Identifier: MIT
; console_loop: console_out.asm's loop with no OUT, 100,000 lines: what the
; guest's own instructions cost, to subtract from the console rows.
%define NOOUT
%include "guests/console.asm"
