/* SPDX-License-Identifier: MIT */
/*
 * The keyboard: bytes from vmm's standard input (SPEC "Keyboard"). Reading
 * the status latches the next key; the driver reads the data register, then
 * acknowledges. With no keyboard in the machine, input is at its end.
 */
#ifndef VMM_GUEST_KBD_H
#define VMM_GUEST_KBD_H

/* Return values of vmm_kbd_poll() and vmm_getc() besides a byte 0..255. */
#define VMM_KEY_EOF  (-1) /* input closed and every byte read */
#define VMM_KEY_NONE (-2) /* nothing yet; try again */

/*
 * Take the next byte without waiting: the byte (0..255, acknowledged),
 * VMM_KEY_NONE when no key is waiting, or VMM_KEY_EOF at the end of input.
 */
int vmm_kbd_poll(void);

/* Wait for the next byte: 0..255, or VMM_KEY_EOF at the end of input. */
int vmm_getc(void);

#endif
