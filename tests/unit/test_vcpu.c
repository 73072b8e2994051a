/* SPDX-License-Identifier: MIT */
/* vCPU-state unit tests against the real KVM (skipped without /dev/kvm):
 * each entry mode's state, built by entry.c, is accepted and reads back;
 * registers and debug registers round-trip; translation follows the
 * identity mapping of long mode and stops where it ends. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "vmm_abi.h"

#include "src/entry.h"
#include "src/vcpu.h"

#define MEM_BYTES (16ull << 20)

static int setup(void **state)
{
	struct vm *vm = calloc(1, sizeof(*vm));
	struct vmm_err err = { 0 };

	assert_non_null(vm);
	*state = vm;
	if (access("/dev/kvm", R_OK | W_OK) < 0 ||
	    vm_create(vm, MEM_BYTES, &err) < 0) {
		vm_destroy(vm);
		vm->kvm_fd = -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct vm *vm = *state;

	vm_destroy(vm);
	free(vm);
	return 0;
}

/* Load mode's entry state into vm's vCPU and read it back. */
static void load(struct vm *vm, enum entry_mode mode, struct vcpu_regs *r,
		 struct vcpu_sregs *s)
{
	struct vcpu_regs want_r;
	struct vcpu_sregs want_s;

	if (vm->kvm_fd < 0)
		skip();
	assert_int_equal(entry_build(&vm->mem, mode, 0x100000, VMM_BOOTINFO_GPA,
				     vm->has_1g_pages, &want_r, &want_s, NULL),
			 0);
	assert_int_equal(vcpu_set_sregs(vm, &want_s), 0);
	assert_int_equal(vcpu_set_regs(vm, &want_r), 0);
	assert_int_equal(vcpu_get_regs(vm, r), 0);
	assert_int_equal(vcpu_get_sregs(vm, s), 0);
	assert_memory_equal(r, &want_r, sizeof(*r));
	assert_int_equal(s->cr0, want_s.cr0);
	assert_int_equal(s->cr3, want_s.cr3);
	assert_int_equal(s->cr4, want_s.cr4);
	assert_int_equal(s->efer, want_s.efer);
	assert_int_equal(s->cs.selector, want_s.cs.selector);
	assert_int_equal(s->cs.base, want_s.cs.base);
	assert_int_equal(s->cs.is_long, want_s.cs.is_long);
	assert_int_equal(s->idt.base, want_s.idt.base);
	assert_int_equal(s->idt.limit, want_s.idt.limit);
	assert_int_equal(s->gdt.base, want_s.gdt.base);
}

static void test_long(void **state)
{
	struct vm *vm = *state;
	struct vcpu_regs r;
	struct vcpu_sregs s;
	uint64_t gpa = 0;

	load(vm, ENTRY_LONG, &r, &s);
	assert_int_equal(r.rsp, MEM_BYTES);
	assert_int_equal(vcpu_translate(vm, 0x123456, &gpa), 0);
	assert_int_equal(gpa, 0x123456);
	/* Identity-mapped up to the end of memory, and nothing past it. */
	assert_int_equal(vcpu_translate(vm, MEM_BYTES - 1, &gpa), 0);
	assert_int_equal(gpa, MEM_BYTES - 1);
	assert_int_equal(vcpu_translate(vm, 1ull << 39, &gpa), -EFAULT);
}

static void test_protected(void **state)
{
	struct vm *vm = *state;
	struct vcpu_regs r;
	struct vcpu_sregs s;
	uint64_t gpa = 0;

	load(vm, ENTRY_PROTECTED, &r, &s);
	assert_true(s.cs.is_db);
	/* Paging off: linear is physical. */
	assert_int_equal(vcpu_translate(vm, 0x4321, &gpa), 0);
	assert_int_equal(gpa, 0x4321);
}

static void test_real(void **state)
{
	struct vm *vm = *state;
	struct vcpu_regs r;
	struct vcpu_sregs s;

	load(vm, ENTRY_REAL, &r, &s);
	assert_int_equal(s.cs.limit, 0xffff);
	assert_int_equal(r.rip, 0x100000);
	assert_int_equal(vcpu_rip(vm), 0x100000);
}

static void test_debug_registers(void **state)
{
	struct vm *vm = *state;
	struct vcpu_dregs d = { .dr = { 0x1000, 0x2000, 0x3000, 0x4000 },
				.dr6 = 0xffff0ff0,
				.dr7 = 0x400 | 0x1 };
	struct vcpu_dregs got;

	if (vm->kvm_fd < 0)
		skip();
	assert_int_equal(vcpu_set_dregs(vm, &d), 0);
	assert_int_equal(vcpu_get_dregs(vm, &got), 0);
	assert_memory_equal(got.dr, d.dr, sizeof(d.dr));
	assert_int_equal(got.dr7, d.dr7);
}

/* The last state seen starts as the entry state vcpu_set_regs set, with
 * syncing begun before it (vmm.c), and follows later sets. */
static void test_last_seen(void **state)
{
	struct vm *vm = *state;
	struct vcpu_regs r, seen;
	struct vcpu_sregs s;

	if (vm->kvm_fd < 0)
		skip();
	assert_false(vcpu_last_seen(vm, &seen));
	if (vcpu_sync_regs(vm) == -ENOTSUP)
		skip();
	load(vm, ENTRY_LONG, &r, &s);
	assert_true(vcpu_last_seen(vm, &seen));
	assert_memory_equal(&seen, &r, sizeof(r));
	r.rip += 0x10;
	assert_int_equal(vcpu_set_regs(vm, &r), 0);
	assert_true(vcpu_last_seen(vm, &seen));
	assert_memory_equal(&seen, &r, sizeof(r));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_long),       T(test_protected),       T(test_real),
		T(test_debug_registers), T(test_last_seen),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
