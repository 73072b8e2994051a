/* SPDX-License-Identifier: MIT */
/*
 * The guest ABI: what vmm promises a guest at its first instruction. The one
 * source of truth for the boot information layout, vmm's fixed addresses in
 * guest memory, the default ports and the device register bits. Shared by vmm,
 * the C SDK and (through a generated .inc) the nasm guests; docs/abi.md
 * describes it. Freestanding: <stdint.h> only.
 */
#ifndef VMM_ABI_H
#define VMM_ABI_H

#include <stdint.h>

/* Boot information: 'VMMB' in memory order, at VMM_BOOTINFO_GPA. */
#define VMM_BOOTINFO_MAGIC   0x424d4d56u
#define VMM_BOOTINFO_VERSION 2 /* 2: irq[] in what version 1 reserved */

/*
 * vmm's own structures in low guest memory (SPEC "Guest memory map"). The
 * guest owns [0, 0x500), and everything from VMM_GUEST_START_LOW (real and
 * protected mode) or VMM_GUEST_START_LONG (long mode) up.
 */
#define VMM_BOOTINFO_GPA     0x500u
#define VMM_GDT_GPA          0xf00u
#define VMM_GDT_BYTES        0x100u
#define VMM_GUEST_START_LOW  0x1000u
#define VMM_PML4_GPA         0x1000u
#define VMM_PDPT_GPA         0x2000u
#define VMM_PD_GPA           0x3000u /* VMM_PD_PAGES pages of 2 MiB entries */
#define VMM_PD_PAGES         4u
#define VMM_GUEST_START_LONG 0x7c00u

/*
 * The default IDT, in protected and long mode until the guest loads its
 * own: each of the 32 exception vectors leads through an interrupt gate to
 * its own hlt in the stub area, so the HLT exit's RIP names the vector and
 * the CPU's exception frame on the guest's stack gives the rest.
 */
#define VMM_EXC_VECTORS   32u
#define VMM_IDT32_GPA     0xde0u  /* 32 8-byte gates (protected mode) */
#define VMM_EXC_STUBS_GPA 0xee0u  /* 32 hlt bytes, one per vector */
#define VMM_IDT64_GPA     0x7000u /* 32 16-byte gates (long mode) */

/* Identity mapping limits: 2 MiB pages cover 4 GiB; 1 GiB pages, 512 GiB. */
#define VMM_MAP_LIMIT_2M (4ull << 30)
#define VMM_MAP_LIMIT_1G (512ull << 30)

/* GDT selectors, valid in every entry mode. */
#define VMM_SEL_CODE32 0x08u
#define VMM_SEL_DATA   0x10u
#define VMM_SEL_CODE64 0x18u

/* Slots of vmm_bootinfo.ports; a device absent from the machine reads as
 * VMM_PORT_ABSENT (above any 16-bit port, so it can never be a real one). */
#define VMM_PORT_CONSOLE        0
#define VMM_PORT_KBD_DATA       1
#define VMM_PORT_KBD_STATUS     2
#define VMM_PORT_TIMER_INTERVAL 3
#define VMM_PORT_TIMER_CONTROL  4
#define VMM_PORT_EXIT           5
#define VMM_PORT_SLOTS          8 /* 6 used, 2 reserved (VMM_PORT_ABSENT) */
#define VMM_PORT_ABSENT         0xffffffffu

/* Interrupt vector slots in the boot information (SPEC "Interrupts"): the
 * vector a device raises (32-255), or 0 when the machine gives it none. */
#define VMM_IRQ_TIMER 0
#define VMM_IRQ_KBD   1
#define VMM_IRQ_SLOTS 4 /* 2 used, 2 reserved (0) */

/* The ports of machines/default.yaml (a unit test holds the two equal). */
#define VMM_DEFAULT_PORT_CONSOLE        0x42
#define VMM_DEFAULT_PORT_KBD_DATA       0x44
#define VMM_DEFAULT_PORT_KBD_STATUS     0x45
#define VMM_DEFAULT_PORT_TIMER_INTERVAL 0x46
#define VMM_DEFAULT_PORT_TIMER_CONTROL  0x47
#define VMM_DEFAULT_PORT_EXIT           0xf4

/* Keyboard status register (SPEC "Keyboard"). */
#define VMM_KBD_HAS_KEY 0x1u /* IN: a key is latched; OUT 0 acknowledges */
#define VMM_KBD_EOF     0x2u /* IN: input closed and queue empty */

/* Timer control register (SPEC "Interval timer"). */
#define VMM_TIMER_ENABLE 0x1u /* read/write */
#define VMM_TIMER_FIRED  0x2u /* read only; any write acknowledges */

/* Command line after `--`, NUL-terminated, at most this many bytes with NUL. */
#define VMM_CMDLINE_MAX 2048u

struct vmm_bootinfo {
	uint32_t magic;     /* VMM_BOOTINFO_MAGIC */
	uint16_t version;   /* VMM_BOOTINFO_VERSION */
	uint16_t size;      /* sizeof(struct vmm_bootinfo) */
	uint64_t mem_bytes; /* guest memory: [0, mem_bytes) */
	uint32_t ports[VMM_PORT_SLOTS]; /* VMM_PORT_* slots */
	uint32_t cmdline_len;           /* bytes before the NUL */
	uint8_t irq[VMM_IRQ_SLOTS];     /* VMM_IRQ_* device's vector, 0: none */
	char cmdline[VMM_CMDLINE_MAX];  /* arguments joined by one space */
};

#define VMM_BOOTINFO_CMDLINE_OFF 56u
#define VMM_BOOTINFO_BYTES       (VMM_BOOTINFO_CMDLINE_OFF + VMM_CMDLINE_MAX)

_Static_assert(sizeof(struct vmm_bootinfo) == VMM_BOOTINFO_BYTES,
	       "boot info layout");
_Static_assert(__builtin_offsetof(struct vmm_bootinfo, mem_bytes) == 8,
	       "boot info layout");
_Static_assert(__builtin_offsetof(struct vmm_bootinfo, ports) == 16,
	       "boot info layout");
_Static_assert(__builtin_offsetof(struct vmm_bootinfo, cmdline_len) == 48,
	       "boot info layout");
_Static_assert(__builtin_offsetof(struct vmm_bootinfo, irq) == 52,
	       "boot info layout");
_Static_assert(__builtin_offsetof(struct vmm_bootinfo, cmdline) ==
		       VMM_BOOTINFO_CMDLINE_OFF,
	       "boot info layout");
_Static_assert(VMM_BOOTINFO_GPA + VMM_BOOTINFO_BYTES <= VMM_IDT32_GPA,
	       "boot info must end below the 32-bit IDT");
_Static_assert(VMM_IDT32_GPA + VMM_EXC_VECTORS * 8 <= VMM_EXC_STUBS_GPA,
	       "the 32-bit IDT must end below the exception stubs");
_Static_assert(VMM_EXC_STUBS_GPA + VMM_EXC_VECTORS <= VMM_GDT_GPA,
	       "the exception stubs must end below the GDT");
_Static_assert(VMM_IDT64_GPA >= VMM_PD_GPA + VMM_PD_PAGES * 0x1000 &&
		       VMM_IDT64_GPA + VMM_EXC_VECTORS * 16 <= VMM_GUEST_START_LONG,
	       "the 64-bit IDT must lie between the page tables and the guest");

#endif
