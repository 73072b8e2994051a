/* SPDX-License-Identifier: MIT */
/* Entry-mode unit tests: the state each mode starts in, the GDT and the
 * page-table builder, on a plain buffer standing in for guest memory. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vmm_abi.h"

#include "src/entry.h"

#define PTE_P  1ull
#define PTE_RW 2ull
#define PTE_PS 0x80ull

/* Guest memory of mem_bytes, of which only the low 64 KiB are real: the
 * builder never touches more than its tables. */
static struct gmem *mem_new(uint64_t mem_bytes)
{
	struct gmem *gm = calloc(1, sizeof(*gm));

	assert_non_null(gm);
	gm->host = calloc(1, 0x10000);
	assert_non_null(gm->host);
	gm->mem_bytes = mem_bytes;
	return gm;
}

static void mem_free(struct gmem *gm)
{
	free(gm->host);
	free(gm);
}

static uint64_t qword(const struct gmem *gm, uint64_t gpa)
{
	uint64_t v;

	memcpy(&v, gm->host + gpa, sizeof(v));
	return v;
}

static void test_long_2m_pages(void **state)
{
	struct gmem *gm = mem_new(6ull << 20);
	struct vcpu_regs r;
	struct vcpu_sregs s;
	struct vmm_err err = { 0 };

	(void)state;
	assert_int_equal(entry_build(gm, ENTRY_LONG, 0x100000, VMM_BOOTINFO_GPA,
				     false, &r, &s, &err),
			 0);
	assert_int_equal(qword(gm, VMM_PML4_GPA), VMM_PDPT_GPA | PTE_P | PTE_RW);
	assert_int_equal(qword(gm, VMM_PDPT_GPA), VMM_PD_GPA | PTE_P | PTE_RW);
	assert_int_equal(qword(gm, VMM_PDPT_GPA + 8), 0);
	for (uint64_t i = 0; i < 3; i++)
		assert_int_equal(qword(gm, VMM_PD_GPA + 8 * i),
				 (i << 21) | PTE_P | PTE_RW | PTE_PS);
	assert_int_equal(qword(gm, VMM_PD_GPA + 8 * 3), 0); /* past the end */
	assert_int_equal(s.cr3, VMM_PML4_GPA);
	assert_true(s.cr0 & (1ull << 31));           /* PG */
	assert_int_equal(s.efer, (1ull << 8) | (1ull << 10)); /* LME, LMA */
	assert_true(s.cs.is_long);
	assert_int_equal(s.cs.selector, VMM_SEL_CODE64);
	assert_int_equal(s.ds.selector, VMM_SEL_DATA);
	assert_int_equal(s.gdt.base, VMM_GDT_GPA);
	assert_int_equal(s.idt.base, VMM_IDT64_GPA);
	assert_int_equal(s.idt.limit, VMM_EXC_VECTORS * 16 - 1);
	/* Vector 14's gate leads to its stub, in the 64-bit code segment. */
	assert_int_equal(qword(gm, VMM_IDT64_GPA + 14 * 16) & 0xffff,
			 (VMM_EXC_STUBS_GPA + 14) & 0xffff);
	assert_int_equal(qword(gm, VMM_IDT64_GPA + 14 * 16) >> 16 & 0xffff,
			 VMM_SEL_CODE64);
	assert_int_equal(r.rip, 0x100000);
	assert_int_equal(r.rdi, VMM_BOOTINFO_GPA);
	assert_int_equal(r.rsp, 6ull << 20);
	assert_int_equal(r.rflags, 2);
	mem_free(gm);
}

static void test_long_4g_fills_every_pd(void **state)
{
	struct gmem *gm = mem_new(VMM_MAP_LIMIT_2M);
	struct vcpu_sregs s;

	(void)state;
	assert_int_equal(entry_page_tables(gm, false, &s, NULL), 0);
	for (uint64_t i = 0; i < 4; i++)
		assert_int_equal(qword(gm, VMM_PDPT_GPA + 8 * i),
				 (VMM_PD_GPA + i * 0x1000) | PTE_P | PTE_RW);
	assert_int_equal(qword(gm, VMM_PD_GPA + 8 * 2047),
			 (2047ull << 21) | PTE_P | PTE_RW | PTE_PS);
	mem_free(gm);
}

static void test_long_1g_pages(void **state)
{
	struct gmem *gm = mem_new(8ull << 30);
	struct vcpu_sregs s;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(entry_page_tables(gm, true, &s, NULL), 0);
	for (uint64_t i = 0; i < 8; i++)
		assert_int_equal(qword(gm, VMM_PDPT_GPA + 8 * i),
				 (i << 30) | PTE_P | PTE_RW | PTE_PS);
	assert_int_equal(qword(gm, VMM_PDPT_GPA + 8 * 8), 0);
	mem_free(gm);
}

static void test_long_too_big_without_1g_pages(void **state)
{
	struct gmem *gm = mem_new(VMM_MAP_LIMIT_2M + 0x200000);
	struct vcpu_sregs s;
	struct vmm_err err = { 0 };

	(void)state;
	assert_int_equal(entry_page_tables(gm, false, &s, &err), -E2BIG);
	assert_string_equal(err.msg,
			    "memory 0x100200000 cannot be identity-mapped: KVM offers this vCPU no 1 GiB pages, and 2 MiB pages reach 0x100000000");
	mem_free(gm);
}

static void test_no_room_for_tables(void **state)
{
	struct gmem *gm = mem_new(0x2000);
	struct vcpu_sregs s;
	struct vmm_err err = { 0 };

	(void)state;
	assert_int_equal(entry_page_tables(gm, false, &s, &err), -EINVAL);
	assert_string_equal(err.msg, "no room for the page tables");
	mem_free(gm);
}

static void test_protected(void **state)
{
	struct gmem *gm = mem_new(1ull << 32);
	struct vcpu_regs r;
	struct vcpu_sregs s;

	(void)state;
	assert_int_equal(entry_build(gm, ENTRY_PROTECTED, 0x1000, 0x500, false,
				     &r, &s, NULL),
			 0);
	assert_int_equal(s.cr0 & 1, 1);       /* PE */
	assert_int_equal(s.cr0 >> 31, 0);     /* no paging */
	assert_int_equal(s.efer, 0);
	assert_true(s.cs.is_db);
	assert_false(s.cs.is_long);
	assert_int_equal(s.cs.limit, 0xffffffff);
	assert_int_equal(s.idt.base, VMM_IDT32_GPA); /* the default IDT */
	assert_int_equal(s.idt.limit, VMM_EXC_VECTORS * 8 - 1);
	assert_int_equal(gm->host[VMM_EXC_STUBS_GPA], 0xf4); /* hlt */
	assert_int_equal(r.rsp, 0); /* wraps to the top of 4 GiB */
	assert_int_equal(qword(gm, VMM_GDT_GPA + 8), 0x00cf9a000000ffffull);
	mem_free(gm);
}

static void test_real(void **state)
{
	struct gmem *gm = mem_new(0x8000);
	struct vcpu_regs r;
	struct vcpu_sregs s;

	(void)state;
	assert_int_equal(entry_build(gm, ENTRY_REAL, 0x7c00, 0x500, false, &r,
				     &s, NULL),
			 0);
	assert_int_equal(s.cs.base, 0);
	assert_int_equal(s.cs.selector, 0);
	assert_int_equal(s.cs.limit, 0xffff);
	assert_int_equal(s.cr0, 0x60000010); /* the reset value, PE off */
	assert_int_equal(s.idt.limit, 0xffff);
	assert_int_equal(r.rip, 0x7c00);
	assert_int_equal(r.rdi, 0x500);
	assert_int_equal(r.rsp, 0x8000);
	assert_int_equal(qword(gm, VMM_GDT_GPA + 8), 0); /* no GDT written */
	mem_free(gm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_2m_pages),
		cmocka_unit_test(test_long_4g_fills_every_pd),
		cmocka_unit_test(test_long_1g_pages),
		cmocka_unit_test(test_long_too_big_without_1g_pages),
		cmocka_unit_test(test_no_room_for_tables),
		cmocka_unit_test(test_protected),
		cmocka_unit_test(test_real),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
