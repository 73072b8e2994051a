/* SPDX-License-Identifier: MIT */
/* Print vmm_abi.h's constants as nasm %defines, so nasm guests share the one
 * header with vmm and the C SDK instead of copying numbers. */
#include <stddef.h>
#include <stdio.h>

#include "vmm_abi.h"

#define DEF(name) printf("%%define %-28s 0x%llx\n", #name, \
			 (unsigned long long)(name))

int main(void)
{
	printf("; Generated from guests/sdk/include/vmm_abi.h; do not edit.\n");
	DEF(VMM_BOOTINFO_MAGIC);
	DEF(VMM_BOOTINFO_VERSION);
	DEF(VMM_BOOTINFO_GPA);
	DEF(VMM_GUEST_START_LOW);
	DEF(VMM_GUEST_START_LONG);
	DEF(VMM_EXC_VECTORS);
	DEF(VMM_EXC_STUBS_GPA);
	DEF(VMM_PORT_CONSOLE);
	DEF(VMM_PORT_KBD_DATA);
	DEF(VMM_PORT_KBD_STATUS);
	DEF(VMM_PORT_TIMER_INTERVAL);
	DEF(VMM_PORT_TIMER_CONTROL);
	DEF(VMM_PORT_EXIT);
	DEF(VMM_PORT_ABSENT);
	DEF(VMM_DEFAULT_PORT_CONSOLE);
	DEF(VMM_DEFAULT_PORT_KBD_DATA);
	DEF(VMM_DEFAULT_PORT_KBD_STATUS);
	DEF(VMM_DEFAULT_PORT_TIMER_INTERVAL);
	DEF(VMM_DEFAULT_PORT_TIMER_CONTROL);
	DEF(VMM_DEFAULT_PORT_EXIT);
	DEF(VMM_KBD_HAS_KEY);
	DEF(VMM_KBD_EOF);
	DEF(VMM_TIMER_ENABLE);
	DEF(VMM_TIMER_FIRED);
	DEF(VMM_CMDLINE_MAX);
	DEF(VMM_IRQ_TIMER);
	DEF(VMM_IRQ_KBD);
	printf("%%define %-28s 0x%zx\n", "BI_MAGIC",
	       offsetof(struct vmm_bootinfo, magic));
	printf("%%define %-28s 0x%zx\n", "BI_MEM_BYTES",
	       offsetof(struct vmm_bootinfo, mem_bytes));
	printf("%%define %-28s 0x%zx\n", "BI_PORTS",
	       offsetof(struct vmm_bootinfo, ports));
	printf("%%define %-28s 0x%zx\n", "BI_CMDLINE_LEN",
	       offsetof(struct vmm_bootinfo, cmdline_len));
	printf("%%define %-28s 0x%zx\n", "BI_IRQ",
	       offsetof(struct vmm_bootinfo, irq));
	printf("%%define %-28s 0x%zx\n", "BI_CMDLINE",
	       offsetof(struct vmm_bootinfo, cmdline));
	return 0;
}
