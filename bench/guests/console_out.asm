; SPDX-License-Identifier: MIT
; console_out: 100,000 lines of 64 bytes, one `out` per byte.
%include "guests/console.asm"
