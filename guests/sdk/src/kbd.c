// SPDX-License-Identifier: MIT
/*
 * Keyboard driver: poll the status register, read the latched key, then
 * acknowledge it (SPEC "Keyboard"). A key counts before the end of input:
 * the last key may still be latched when the status also reports EOF.
 */
#include "vmm_guest.h"

int vmm_kbd_poll(void)
{
	uint32_t data = vmm_port(VMM_PORT_KBD_DATA);
	uint32_t status = vmm_port(VMM_PORT_KBD_STATUS);
	uint8_t bits, key;

	if (data == VMM_PORT_ABSENT || status == VMM_PORT_ABSENT)
		return VMM_KEY_EOF;
	bits = vmm_inb(status);
	if (bits & VMM_KBD_HAS_KEY) {
		key = vmm_inb(data);
		vmm_outb(status, 0);
		return key;
	}
	return bits & VMM_KBD_EOF ? VMM_KEY_EOF : VMM_KEY_NONE;
}

int vmm_getc(void)
{
	int key;

	do
		key = vmm_kbd_poll();
	while (key == VMM_KEY_NONE);
	return key;
}
