// SPDX-License-Identifier: MIT
/* Console driver: bytes to the console port from the boot information. */
#include "vmm_guest.h"

void vmm_putc(char c)
{
	uint32_t port = vmm_port(VMM_PORT_CONSOLE);

	if (port != VMM_PORT_ABSENT)
		vmm_outb(port, (uint8_t)c);
}

void vmm_write(const void *buf, size_t len)
{
	uint32_t port = vmm_port(VMM_PORT_CONSOLE);

	if (port != VMM_PORT_ABSENT && len > 0)
		vmm_outsb(port, buf, len);
}

void vmm_puts(const char *s)
{
	vmm_write(s, strlen(s));
}
