/* SPDX-License-Identifier: MIT */
/*
 * Write fuzz_elf's hand-made seeds into the directory argv[1]: one good
 * ELF64 and ELF32, and one file for each way the loader refuses an image
 * (docs/robustness.md), so the fuzzer starts next to every check.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FILE_BYTES 0x1200

static const char *out_dir;

/* A 64-bit image: header, program headers at 0x40, code at 0x1000. */
struct e64 {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[40];
	Elf64_Shdr sh0; /* at e_shoff when that is not 0 */
	size_t size;
};

struct e32 {
	Elf32_Ehdr eh;
	Elf32_Phdr ph[4];
	size_t size;
};

static void save(const char *name, const void *buf, size_t size)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", out_dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, size, f) != size || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static void ident(unsigned char *id, int elf_class)
{
	memcpy(id, ELFMAG, SELFMAG);
	id[EI_CLASS] = (unsigned char)elf_class;
	id[EI_DATA] = ELFDATA2LSB;
	id[EI_VERSION] = EV_CURRENT;
}

/* Code 0x100 bytes at 0x100000 (hlt first), data 0x80 + 0xf80 bss after. */
static struct e64 good64(void)
{
	struct e64 e = { .size = FILE_BYTES };

	ident(e.eh.e_ident, ELFCLASS64);
	e.eh.e_type = ET_EXEC;
	e.eh.e_machine = EM_X86_64;
	e.eh.e_version = EV_CURRENT;
	e.eh.e_entry = 0x100000;
	e.eh.e_phoff = sizeof(Elf64_Ehdr);
	e.eh.e_ehsize = sizeof(Elf64_Ehdr);
	e.eh.e_phentsize = sizeof(Elf64_Phdr);
	e.eh.e_phnum = 2;
	e.ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
				.p_offset = 0x1000, .p_vaddr = 0x100000,
				.p_paddr = 0x100000, .p_filesz = 0x100,
				.p_memsz = 0x100, .p_align = 0x1000 };
	e.ph[1] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
				.p_offset = 0x1100, .p_vaddr = 0x101000,
				.p_paddr = 0x101000, .p_filesz = 0x80,
				.p_memsz = 0x1000, .p_align = 0x1000 };
	return e;
}

static struct e32 good32(void)
{
	struct e32 e = { .size = FILE_BYTES };

	ident(e.eh.e_ident, ELFCLASS32);
	e.eh.e_type = ET_EXEC;
	e.eh.e_machine = EM_386;
	e.eh.e_version = EV_CURRENT;
	e.eh.e_entry = 0x100000;
	e.eh.e_phoff = sizeof(Elf32_Ehdr);
	e.eh.e_ehsize = sizeof(Elf32_Ehdr);
	e.eh.e_phentsize = sizeof(Elf32_Phdr);
	e.eh.e_phnum = 2;
	e.ph[0] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
				.p_offset = 0x1000, .p_vaddr = 0x100000,
				.p_paddr = 0x100000, .p_filesz = 0x100,
				.p_memsz = 0x100, .p_align = 0x1000 };
	e.ph[1] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
				.p_offset = 0x1100, .p_vaddr = 0x101000,
				.p_paddr = 0x101000, .p_filesz = 0x80,
				.p_memsz = 0x1000, .p_align = 0x1000 };
	return e;
}

/* Lay out the headers over a zeroed file with hlt at the code's start. */
static void save64(const char *name, const struct e64 *e)
{
	static unsigned char buf[FILE_BYTES];
	size_t nph = e->eh.e_phnum < 40 ? e->eh.e_phnum : 40;

	memset(buf, 0, sizeof(buf));
	buf[0x1000] = 0xf4;
	memcpy(buf, &e->eh, sizeof(e->eh));
	/* Headers outside the file are left out (e_phoff may be huge). */
	if (e->eh.e_phoff <= sizeof(buf) &&
	    nph * sizeof(e->ph[0]) <= sizeof(buf) - e->eh.e_phoff)
		memcpy(buf + e->eh.e_phoff, e->ph, nph * sizeof(e->ph[0]));
	if (e->eh.e_shoff && e->eh.e_shoff <= sizeof(buf) - sizeof(e->sh0))
		memcpy(buf + e->eh.e_shoff, &e->sh0, sizeof(e->sh0));
	save(name, buf, e->size < sizeof(buf) ? e->size : sizeof(buf));
}

static void save32(const char *name, const struct e32 *e)
{
	static unsigned char buf[FILE_BYTES];
	size_t nph = e->eh.e_phnum < 4 ? e->eh.e_phnum : 4;

	memset(buf, 0, sizeof(buf));
	buf[0x1000] = 0xf4;
	memcpy(buf, &e->eh, sizeof(e->eh));
	memcpy(buf + e->eh.e_phoff, e->ph, nph * sizeof(e->ph[0]));
	save(name, buf, e->size < sizeof(buf) ? e->size : sizeof(buf));
}

static void header_cases(void)
{
	struct e64 e;

	e = good64();
	save64("good64.elf", &e);
	e.size = 10;
	save64("trunc_ident.elf", &e);
	e.size = 40;
	save64("trunc_ehdr.elf", &e);
	e = good64();
	e.eh.e_ident[EI_CLASS] = 3;
	save64("bad_class.elf", &e);
	e = good64();
	e.eh.e_ident[EI_DATA] = ELFDATA2MSB;
	save64("big_endian.elf", &e);
	e = good64();
	e.eh.e_machine = EM_386;
	save64("bad_machine.elf", &e);
	e = good64();
	e.eh.e_type = ET_DYN;
	save64("pie.elf", &e);
	e = good64();
	e.eh.e_phentsize = 0x20;
	save64("bad_phentsize.elf", &e);
	e = good64();
	e.eh.e_phoff = 0xfffffffffffffff0ull;
	save64("phoff_overflow.elf", &e);
	e = good64();
	e.eh.e_phnum = 0x100;
	save64("phdrs_past_eof.elf", &e);
	/* gABI extended numbering: the count is section 0's sh_info. */
	e = good64();
	e.eh.e_phnum = PN_XNUM;
	e.eh.e_shoff = 0x800;
	e.eh.e_shentsize = sizeof(Elf64_Shdr);
	e.eh.e_shnum = 1;
	e.sh0.sh_info = 2;
	save64("pn_xnum.elf", &e);
}

static void segment_cases(void)
{
	struct e64 e;

	e = good64();
	e.ph[1].p_filesz = 0x2000;
	save64("filesz_above_memsz.elf", &e);
	e = good64();
	e.ph[1].p_offset = 0x1180;
	save64("seg_past_eof.elf", &e);
	e = good64();
	e.ph[1].p_offset = 0xffffffffffffff00ull;
	save64("offset_overflow.elf", &e);
	e = good64();
	e.ph[1].p_paddr = 0xfffffffffffff800ull;
	save64("paddr_overflow.elf", &e);
	e = good64();
	e.ph[1].p_paddr = 0x1000080;
	save64("outside_memory.elf", &e);
	e = good64();
	e.ph[1].p_paddr = 0x100080;
	save64("overlap.elf", &e);
	e = good64();
	e.ph[1].p_paddr = 0x4f0;
	save64("boot_info.elf", &e);
	e = good64();
	e.eh.e_entry = 0x200000;
	save64("entry_outside.elf", &e);
	e = good64();
	e.eh.e_phnum = 34;
	for (unsigned i = 0; i < 34; i++)
		e.ph[i] = (Elf64_Phdr){ .p_type = PT_LOAD,
					.p_paddr = 0x100000 + 0x10 * i,
					.p_memsz = 0x10 };
	save64("many_segments.elf", &e);
	e = good64();
	e.ph[0].p_type = PT_NOTE;
	e.ph[1].p_memsz = 0;
	e.ph[1].p_filesz = 0;
	save64("no_load.elf", &e);
}

static void class32_cases(void)
{
	struct e32 e;

	e = good32();
	save32("good32.elf", &e);
	/* 16-bit code linked as elf_i386 for a real-mode machine. */
	e.eh.e_entry = 0x1000;
	e.ph[0].p_paddr = e.ph[0].p_vaddr = 0x1000;
	e.ph[1].p_paddr = e.ph[1].p_vaddr = 0x2000;
	save32("real32.elf", &e);
	e = good32();
	e.ph[1].p_filesz = 0xffffffffu;
	save32("filesz32.elf", &e);
}

int main(int argc, char **argv)
{
	static const unsigned char hlt = 0xf4;

	if (argc != 2) {
		fprintf(stderr, "usage: gen_elf_seeds DIR\n");
		return 2;
	}
	out_dir = argv[1];
	header_cases();
	segment_cases();
	class32_cases();
	save("hlt.bin", &hlt, 1);
	save("magic_only.bin", ELFMAG, SELFMAG);
	return 0;
}
