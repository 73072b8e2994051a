/* SPDX-License-Identifier: MIT */
/* CPU exception names and error codes (Intel SDM vol. 3A, 6.15). */
#include <stdio.h>

#include "exception.h"

/* Page-fault error code bits (SDM vol. 3A, 4.7). */
#define PF_PRESENT (1u << 0)
#define PF_WRITE   (1u << 1)
#define PF_USER    (1u << 2)
#define PF_RSVD    (1u << 3)
#define PF_FETCH   (1u << 4)
#define PF_PK      (1u << 5)
#define PF_SS      (1u << 6)

/* Selector error code bits (SDM vol. 3A, 6.13). */
#define SEL_EXT 0x1u /* an event external to the program caused it */
#define SEL_IDT 0x2u /* the index is into the IDT */
#define SEL_TI  0x4u /* else: the LDT when set, the GDT when clear */

static const char *const exc_names[EXC_VECTORS] = {
	[0] = "divide error (#DE)",
	[1] = "debug (#DB)",
	[2] = "non-maskable interrupt (NMI)",
	[3] = "breakpoint (#BP)",
	[4] = "overflow (#OF)",
	[5] = "bound range exceeded (#BR)",
	[6] = "invalid opcode (#UD)",
	[7] = "device not available (#NM)",
	[8] = "double fault (#DF)",
	[9] = "coprocessor segment overrun",
	[10] = "invalid TSS (#TS)",
	[11] = "segment not present (#NP)",
	[12] = "stack-segment fault (#SS)",
	[13] = "general protection (#GP)",
	[14] = "page fault (#PF)",
	[16] = "x87 floating-point error (#MF)",
	[17] = "alignment check (#AC)",
	[18] = "machine check (#MC)",
	[19] = "SIMD floating-point exception (#XM)",
	[20] = "virtualization exception (#VE)",
	[21] = "control protection (#CP)",
	[28] = "hypervisor injection (#HV)",
	[29] = "VMM communication (#VC)",
	[30] = "security exception (#SX)",
};

static const char *const exc_reserved[EXC_VECTORS] = {
	[15] = "reserved vector 15", [22] = "reserved vector 22",
	[23] = "reserved vector 23", [24] = "reserved vector 24",
	[25] = "reserved vector 25", [26] = "reserved vector 26",
	[27] = "reserved vector 27", [31] = "reserved vector 31",
};

const char *exc_name(unsigned vector)
{
	if (vector >= EXC_VECTORS)
		return "not an exception vector";
	return exc_names[vector] ? exc_names[vector] : exc_reserved[vector];
}

bool exc_has_error_code(unsigned vector)
{
	switch (vector) {
	case 8: case 10: case 11: case 12: case 13: case 14: case 17:
	case 21: case 29: case 30:
		return true;
	default:
		return false;
	}
}

static void exc_page_fault_text(uint32_t code, char *buf, size_t n)
{
	snprintf(buf, n, "0x%x: %s, %s, %s%s%s%s%s", code,
		 code & PF_PRESENT ? "protection violation" : "not present",
		 code & PF_FETCH ? "instruction fetch" :
		 code & PF_WRITE ? "write" : "read",
		 code & PF_USER ? "user" : "supervisor",
		 code & PF_RSVD ? ", reserved bit set" : "",
		 code & PF_PK ? ", protection key" : "",
		 code & PF_SS ? ", shadow stack" : "",
		 code >> 7 ? ", other bits set" : "");
}

static void exc_selector_text(uint32_t code, char *buf, size_t n)
{
	const char *table = code & SEL_TI ? "LDT" : "GDT";

	if (code & SEL_IDT) {
		snprintf(buf, n, "0x%x: IDT vector %u%s", code,
			 (code & 0xffffu) >> 3,
			 code & SEL_EXT ? ", external event" : "");
		return;
	}
	if (code == 0) {
		snprintf(buf, n, "0x0: no selector");
		return;
	}
	snprintf(buf, n, "0x%x: selector 0x%x, %s index %u%s", code,
		 code & 0xfff8u, table, (code & 0xffffu) >> 3,
		 code & SEL_EXT ? ", external event" : "");
}

void exc_error_text(unsigned vector, uint32_t code, char *buf, size_t n)
{
	switch (vector) {
	case EXC_PF:
		exc_page_fault_text(code, buf, n);
		break;
	case 10: case 11: case 12: case 13:
		exc_selector_text(code, buf, n);
		break;
	default:
		snprintf(buf, n, "0x%x", code);
		break;
	}
}
