// SPDX-License-Identifier: MIT
/*
 * Start-up in C: check the boot information crt0 passes on, keep its ports,
 * run main() and end the run with its status. crt0 (start64.S, start32.S)
 * has already zeroed .bss.
 */
#include <stdint.h>

#include "vmm_guest.h"

/* Until start-up has read the boot information, every device is absent. */
static uint32_t ports[VMM_PORT_SLOTS] = {
	VMM_PORT_ABSENT, VMM_PORT_ABSENT, VMM_PORT_ABSENT, VMM_PORT_ABSENT,
	VMM_PORT_ABSENT, VMM_PORT_ABSENT, VMM_PORT_ABSENT, VMM_PORT_ABSENT,
};
static const struct vmm_bootinfo *bootinfo;

uint32_t vmm_port(unsigned int slot)
{
	return slot < VMM_PORT_SLOTS ? ports[slot] : VMM_PORT_ABSENT;
}

int vmm_has_port(unsigned int slot)
{
	return vmm_port(slot) != VMM_PORT_ABSENT;
}

const struct vmm_bootinfo *vmm_bootinfo(void)
{
	return bootinfo;
}

const char *vmm_cmdline(void)
{
	return bootinfo ? bootinfo->cmdline : "";
}

/* The checks a guest needs before trusting a single field of bi. */
static int bootinfo_ok(const struct vmm_bootinfo *bi)
{
	return bi->magic == VMM_BOOTINFO_MAGIC &&
	       bi->version == VMM_BOOTINFO_VERSION && bi->size == sizeof(*bi) &&
	       bi->cmdline_len < VMM_CMDLINE_MAX &&
	       bi->cmdline[bi->cmdline_len] == '\0';
}

/* Keep a port only when it can be one: anything else reads as absent. */
static void take_ports(const struct vmm_bootinfo *bi)
{
	unsigned int i;

	for (i = 0; i < VMM_PORT_SLOTS; i++)
		ports[i] =
		        bi->ports[i] <= 0xffff ? bi->ports[i] : VMM_PORT_ABSENT;
}

/*
 * No usable boot information: this is not vmm, or not the vmm this guest
 * was built for. Say so on the default ports, the only ones there are.
 */
__attribute__((noreturn)) static void bad_bootinfo(uintptr_t bi_gpa)
{
	const struct vmm_bootinfo *bi = (const struct vmm_bootinfo *)bi_gpa;

	ports[VMM_PORT_CONSOLE] = VMM_DEFAULT_PORT_CONSOLE;
	ports[VMM_PORT_EXIT] = VMM_DEFAULT_PORT_EXIT;
	vmm_printf("vmm sdk: bad boot information at 0x%lx (magic 0x%x)\n",
	           (unsigned long)bi_gpa, (unsigned int)bi->magic);
	vmm_exit(VMM_SDK_EXIT_BADBOOT);
}

/* Called by crt0 with the first argument register at entry (RDI / EDI). */
__attribute__((noreturn)) void vmm_start(uintptr_t bi_gpa);

void vmm_start(uintptr_t bi_gpa)
{
	const struct vmm_bootinfo *bi = (const struct vmm_bootinfo *)bi_gpa;

	if (!bootinfo_ok(bi))
		bad_bootinfo(bi_gpa);
	take_ports(bi);
	bootinfo = bi;
	vmm_exit(main(bi));
}
