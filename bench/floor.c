/* SPDX-License-Identifier: MIT */
/*
 * floor: the smallest correct KVM runner for vmm's long-mode raw guests, the
 * yardstick of bench/run. One memory slot, one vCPU, a switch on the exit
 * reason, the default ports hard-coded: no machine file, no ELF, no device
 * table, no keyboard input, no timer, no signals.
 *
 *     floor [-m MEM_BYTES] IMAGE.bin
 *
 * It builds the same machine vmm builds for `entry: long` (docs/abi.md):
 * the same GDT, identity page tables, registers, CPUID and boot information,
 * so a guest cannot tell the two apart, and it serves the default ports the
 * cheapest way that is still correct: the console writes one line per write,
 * the keyboard status reads "end of input", the exit port ends the run.
 * Memory up to 4 GiB (2 MiB pages). Exit status: as vmm's, 3 for anything
 * vmm would call a guest fault, 1 for a host failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/kvm.h>

#include "vmm_abi.h"

#define LOAD_GPA       0x100000ull
#define LINE_MAX_BYTES 4096
#define CPUID_MAX      256

/*
 * The bits vmm's long mode sets (src/vcpu.c; Intel SDM vol. 3A, 2.5, 4.5):
 * CR0 PE MP ET NE WP PG, CR4 PAE OSFXSR OSXMMEXCPT, EFER LME LMA; table
 * entries present and writable, and 2 MiB pages.
 */
#define CR0_LONG  (1u << 0 | 1u << 1 | 1u << 4 | 1u << 5 | 1u << 16 | 1u << 31)
#define CR4_LONG  (1u << 5 | 1u << 9 | 1u << 10)
#define EFER_LONG (1u << 8 | 1u << 10)
#define PTE_TABLE 0x3u
#define PTE_2M    0x83u

static uint8_t line[LINE_MAX_BYTES];
static size_t line_len;

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void flush_line(void)
{
	size_t off = 0;

	while (off < line_len) {
		ssize_t n = write(STDOUT_FILENO, line + off, line_len - off);

		if (n < 0)
			die("floor: write");
		off += (size_t)n;
	}
	line_len = 0;
}

static void console_byte(uint8_t byte)
{
	line[line_len++] = byte;
	if (byte == '\n' || line_len == sizeof(line))
		flush_line();
}

/*
 * One port access, string I/O element by element. KVM guarantees a size of
 * 1, 2 or 4 and data inside the run area, so nothing is checked. IN reads 0
 * everywhere but the keyboard status, which reads "end of input" (stdin is
 * never read). Exits the process when the guest ends the run.
 */
static void port_io(struct kvm_run *run)
{
	uint8_t *data = (uint8_t *)run + run->io.data_offset;
	int is_out = run->io.direction == KVM_EXIT_IO_OUT;

	for (uint32_t i = 0; i < run->io.count; i++, data += run->io.size) {
		switch (run->io.port) {
		case VMM_DEFAULT_PORT_CONSOLE:
		case VMM_DEFAULT_PORT_KBD_DATA:
		case VMM_DEFAULT_PORT_KBD_STATUS:
		case VMM_DEFAULT_PORT_EXIT:
			break;
		default:
			flush_line();
			fprintf(stderr, "floor: port 0x%x with no device\n",
			        run->io.port);
			exit(3);
		}
		if (!is_out) {
			memset(data, 0, run->io.size);
			if (run->io.port == VMM_DEFAULT_PORT_KBD_STATUS)
				data[0] = VMM_KBD_EOF;
		} else if (run->io.port == VMM_DEFAULT_PORT_CONSOLE) {
			console_byte(data[0]);
		} else if (run->io.port == VMM_DEFAULT_PORT_EXIT) {
			flush_line();
			exit(data[0]);
		}
	}
}

static void set_cpuid(int kvm, int vcpu)
{
	struct kvm_cpuid2 *c =
	        calloc(1, sizeof(*c) + CPUID_MAX * sizeof(c->entries[0]));

	if (!c)
		die("floor: calloc");
	c->nent = CPUID_MAX;
	if (ioctl(kvm, KVM_GET_SUPPORTED_CPUID, c) < 0 ||
	    ioctl(vcpu, KVM_SET_CPUID2, c) < 0)
		die("floor: cpuid");
	free(c);
}

static void seg(struct kvm_segment *s, uint16_t sel, uint8_t type, int l)
{
	memset(s, 0, sizeof(*s));
	s->limit = 0xffffffff;
	s->selector = sel;
	s->type = type;
	s->present = 1;
	s->s = 1;
	s->g = 1;
	s->l = l;
	s->db = !l;
}

/* vmm's long-mode entry state (src/vcpu.c, docs/abi.md). */
static void set_long_mode(int vcpu, uint8_t *mem, uint64_t mem_bytes)
{
	static const uint64_t gdt[] = { 0, 0x00cf9a000000ffffull,
		                        0x00cf92000000ffffull,
		                        0x00af9a000000ffffull };
	uint64_t *pml4 = (uint64_t *)(mem + VMM_PML4_GPA);
	uint64_t *pdpt = (uint64_t *)(mem + VMM_PDPT_GPA);
	uint64_t *pd = (uint64_t *)(mem + VMM_PD_GPA);
	struct kvm_sregs sregs;
	struct kvm_regs regs = { 0 };

	memcpy(mem + VMM_GDT_GPA, gdt, sizeof(gdt));
	pml4[0] = VMM_PDPT_GPA | PTE_TABLE;
	for (uint64_t i = 0; i << 30 < mem_bytes; i++)
		pdpt[i] = (VMM_PD_GPA + i * 0x1000) | PTE_TABLE;
	for (uint64_t i = 0; i << 21 < mem_bytes; i++)
		pd[i] = i << 21 | PTE_2M;
	if (ioctl(vcpu, KVM_GET_SREGS, &sregs) < 0)
		die("floor: KVM_GET_SREGS");
	sregs.gdt.base = VMM_GDT_GPA;
	sregs.gdt.limit = sizeof(gdt) - 1;
	seg(&sregs.cs, VMM_SEL_CODE64, 0xb, 1);
	seg(&sregs.ds, VMM_SEL_DATA, 0x3, 0);
	sregs.es = sregs.fs = sregs.gs = sregs.ss = sregs.ds;
	sregs.idt.base = 0;
	sregs.idt.limit = 0;
	sregs.cr3 = VMM_PML4_GPA;
	sregs.cr4 = CR4_LONG;
	sregs.cr0 = CR0_LONG;
	sregs.efer = EFER_LONG;
	regs.rip = LOAD_GPA;
	regs.rdi = VMM_BOOTINFO_GPA;
	regs.rsp = mem_bytes & ~0xfull;
	regs.rflags = 2;
	if (ioctl(vcpu, KVM_SET_SREGS, &sregs) < 0 ||
	    ioctl(vcpu, KVM_SET_REGS, &regs) < 0)
		die("floor: KVM_SET_REGS");
}

static void set_bootinfo(uint8_t *mem, uint64_t mem_bytes)
{
	struct vmm_bootinfo *bi =
	        (struct vmm_bootinfo *)(mem + VMM_BOOTINFO_GPA);

	bi->magic = VMM_BOOTINFO_MAGIC;
	bi->version = VMM_BOOTINFO_VERSION;
	bi->size = sizeof(*bi);
	bi->mem_bytes = mem_bytes;
	for (unsigned i = 0; i < VMM_PORT_SLOTS; i++)
		bi->ports[i] = VMM_PORT_ABSENT;
	bi->ports[VMM_PORT_CONSOLE] = VMM_DEFAULT_PORT_CONSOLE;
	bi->ports[VMM_PORT_KBD_DATA] = VMM_DEFAULT_PORT_KBD_DATA;
	bi->ports[VMM_PORT_KBD_STATUS] = VMM_DEFAULT_PORT_KBD_STATUS;
	bi->ports[VMM_PORT_EXIT] = VMM_DEFAULT_PORT_EXIT;
}

/* Read the image straight into guest memory at LOAD_GPA. */
static void load(const char *path, uint8_t *mem, uint64_t mem_bytes)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	size_t off = 0;

	if (fd < 0 || fstat(fd, &st) < 0)
		die(path);
	if ((uint64_t)st.st_size > mem_bytes - LOAD_GPA) {
		fprintf(stderr, "floor: %s does not fit\n", path);
		exit(2);
	}
	while (off < (size_t)st.st_size) {
		ssize_t n = read(fd, mem + LOAD_GPA + off, st.st_size - off);

		if (n <= 0)
			die(path);
		off += (size_t)n;
	}
	close(fd);
}

int main(int argc, char **argv)
{
	struct kvm_userspace_memory_region region = { 0 };
	uint64_t mem_bytes = 16ull << 20;
	struct kvm_run *run;
	int kvm, vm, vcpu, run_bytes;
	uint8_t *mem;

	if (argc == 4 && strcmp(argv[1], "-m") == 0)
		mem_bytes = strtoull(argv[2], NULL, 0);
	else if (argc != 2) {
		fprintf(stderr, "usage: floor [-m MEM_BYTES] IMAGE.bin\n");
		return 2;
	}
	if (mem_bytes < 2 * LOAD_GPA || mem_bytes > VMM_MAP_LIMIT_2M ||
	    mem_bytes % 4096) {
		fprintf(stderr, "floor: memory must be 2 MiB to 4 GiB\n");
		return 2;
	}
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		die("floor: /dev/kvm");
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		die("floor: KVM_CREATE_VM");
	/* Lazily mapped, as in vmm: untouched guest pages cost nothing. */
	mem = mmap(NULL, mem_bytes, PROT_READ | PROT_WRITE,
	           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (mem == MAP_FAILED)
		die("floor: mmap");
	region.memory_size = mem_bytes;
	region.userspace_addr = (uintptr_t)mem;
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		die("floor: KVM_SET_USER_MEMORY_REGION");
	load(argv[argc - 1], mem, mem_bytes);
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	run_bytes = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (vcpu < 0 || run_bytes < (int)sizeof(*run))
		die("floor: KVM_CREATE_VCPU");
	run = mmap(NULL, (size_t)run_bytes, PROT_READ | PROT_WRITE, MAP_SHARED,
	           vcpu, 0);
	if (run == MAP_FAILED)
		die("floor: mmap run");
	set_cpuid(kvm, vcpu);
	set_bootinfo(mem, mem_bytes);
	set_long_mode(vcpu, mem, mem_bytes);
	for (;;) {
		if (ioctl(vcpu, KVM_RUN, 0) < 0) {
			if (errno == EINTR)
				continue;
			die("floor: KVM_RUN");
		}
		switch (run->exit_reason) {
		case KVM_EXIT_IO:
			port_io(run);
			break;
		case KVM_EXIT_HLT:
			flush_line();
			return 0;
		default:
			flush_line();
			fprintf(stderr, "floor: exit reason %u\n",
			        run->exit_reason);
			return 3;
		}
	}
}
