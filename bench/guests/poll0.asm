; SPDX-License-Identifier: MIT
; poll0: poll.asm with no polls: start-up, one exit-device write, tear-down.
%define POLLS 0
%include "guests/poll.asm"
