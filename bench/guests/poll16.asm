; SPDX-License-Identifier: MIT
; poll16: real16.asm's exit-cost guest for vmm (machines/real.yaml).
%define POLL
%include "guests/real16.asm"
