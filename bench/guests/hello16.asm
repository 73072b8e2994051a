; SPDX-License-Identifier: MIT
; hello16: real16.asm's start-up guest for vmm (machines/real.yaml).
%include "guests/real16.asm"
