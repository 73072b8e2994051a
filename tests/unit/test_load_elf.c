/* SPDX-License-Identifier: MIT */
/* The loader on ELF images built in memory: each refusal and its message. */
#include <elf.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "loader/loader.h"

/* Each test runs in a private directory (made by the group setup), so the
 * image is always "g.elf" and the messages are fixed strings. */
static char test_dir[] = "/tmp/test_load_elf-XXXXXX";

static int group_setup(void **state)
{
	(void)state;
	if (!mkdtemp(test_dir) || chdir(test_dir) != 0)
		return -1;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	return rmdir(test_dir);
}

/* The machine a test describes, as if read from M.yaml: memory at 2:9,
 * entry at 3:8, load_address at 4:15. */
static struct machine machine_make(enum entry_mode mode, uint64_t mem_bytes)
{
	struct machine m = {
		.mem_bytes = mem_bytes,
		.mem_mark = { 2, 9 },
		.entry = mode,
		.entry_mark = { 3, 8 },
		.load_address = 0x100000,
		.load_mark = { 4, 15 },
	};

	snprintf(m.file, sizeof(m.file), "M.yaml");
	return m;
}

#define FILE_MAX 0x2000
#define PH_MAX	 (LOAD_MAX_SEGS + 2)

/*
 * An image under construction: the headers a test edits, and the file size.
 * Every file byte the headers do not cover is pattern(offset), and what
 * does not fit in size is cut off, so a short size truncates the file.
 */
struct elf64 {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[PH_MAX]; /* min(e_phnum, PH_MAX) written at e_phoff */
	Elf64_Shdr sh0;	       /* written at e_shoff when that is not 0 */
	size_t size;
};

struct elf32 {
	Elf32_Ehdr eh;
	Elf32_Phdr ph[4];
	size_t size;
};

static uint8_t pattern(size_t off)
{
	return (uint8_t)(off * 13 + 7);
}

/* Copy len bytes to file offset off, cut at the end of the file. */
static void put(uint8_t *buf, size_t size, uint64_t off, const void *src,
		size_t len)
{
	if (off >= size)
		return;
	if (len > size - off)
		len = size - off;
	memcpy(buf + off, src, len);
}

static void fill(uint8_t *buf, size_t size)
{
	assert_true(size <= FILE_MAX);
	for (size_t i = 0; i < size; i++)
		buf[i] = pattern(i);
}

static void elf64_build(const struct elf64 *e, uint8_t *buf)
{
	size_t nph = e->eh.e_phnum < PH_MAX ? e->eh.e_phnum : PH_MAX;

	fill(buf, e->size);
	put(buf, e->size, 0, &e->eh, sizeof(e->eh));
	put(buf, e->size, e->eh.e_phoff, e->ph, nph * sizeof(e->ph[0]));
	if (e->eh.e_shoff)
		put(buf, e->size, e->eh.e_shoff, &e->sh0, sizeof(e->sh0));
}

static void elf32_build(const struct elf32 *e, uint8_t *buf)
{
	size_t nph = e->eh.e_phnum < 4 ? e->eh.e_phnum : 4;

	fill(buf, e->size);
	put(buf, e->size, 0, &e->eh, sizeof(e->eh));
	put(buf, e->size, e->eh.e_phoff, e->ph, nph * sizeof(e->ph[0]));
}

/* Write buf[0, size) to g.elf, load_open it, and remove the file. */
static int open_bytes(const uint8_t *buf, size_t size, enum image_format format,
		      struct image *img, struct vmm_err *err)
{
	FILE *f = fopen("g.elf", "wb");
	int ret;

	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, size, f), size);
	assert_int_equal(fclose(f), 0);
	ret = load_open("g.elf", format, img, err);
	unlink("g.elf");
	return ret;
}

static int open64(const struct elf64 *e, struct image *img, struct vmm_err *err)
{
	static uint8_t buf[FILE_MAX];

	elf64_build(e, buf);
	return open_bytes(buf, e->size, IMAGE_AUTO, img, err);
}

static int open32(const struct elf32 *e, struct image *img, struct vmm_err *err)
{
	static uint8_t buf[FILE_MAX];

	elf32_build(e, buf);
	return open_bytes(buf, e->size, IMAGE_AUTO, img, err);
}

static void ident(unsigned char *id, unsigned elf_class)
{
	memcpy(id, ELFMAG, SELFMAG);
	id[EI_CLASS] = elf_class;
	id[EI_DATA] = ELFDATA2LSB;
	id[EI_VERSION] = EV_CURRENT;
}

/*
 * A good ELF64 for a long-mode machine of 2 MiB: code, 0x100 bytes from file
 * offset 0x1000 at 0x100000; data, 0x80 bytes from 0x1100 at 0x101000 with
 * 0xf80 bytes of bss. The entry point is the start of the code.
 */
static struct elf64 elf64_good(void)
{
	struct elf64 e = {
		.eh = {
			.e_type = ET_EXEC,
			.e_machine = EM_X86_64,
			.e_version = EV_CURRENT,
			.e_entry = 0x100000,
			.e_phoff = sizeof(Elf64_Ehdr),
			.e_ehsize = sizeof(Elf64_Ehdr),
			.e_phentsize = sizeof(Elf64_Phdr),
			.e_phnum = 2,
		},
		.ph = {
			{ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
			  .p_offset = 0x1000, .p_vaddr = 0x100000,
			  .p_paddr = 0x100000, .p_filesz = 0x100,
			  .p_memsz = 0x100, .p_align = 0x1000 },
			{ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
			  .p_offset = 0x1100, .p_vaddr = 0x101000,
			  .p_paddr = 0x101000, .p_filesz = 0x80,
			  .p_memsz = 0x1000, .p_align = 0x1000 },
		},
		.size = 0x1180,
	};

	ident(e.eh.e_ident, ELFCLASS64);
	return e;
}

/* The same layout as elf64_good, as ELF32 for a protected-mode machine. */
static struct elf32 elf32_good(void)
{
	struct elf32 e = {
		.eh = {
			.e_type = ET_EXEC,
			.e_machine = EM_386,
			.e_version = EV_CURRENT,
			.e_entry = 0x100000,
			.e_phoff = sizeof(Elf32_Ehdr),
			.e_ehsize = sizeof(Elf32_Ehdr),
			.e_phentsize = sizeof(Elf32_Phdr),
			.e_phnum = 2,
		},
		.ph = {
			{ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
			  .p_offset = 0x1000, .p_vaddr = 0x100000,
			  .p_paddr = 0x100000, .p_filesz = 0x100,
			  .p_memsz = 0x100, .p_align = 0x1000 },
			{ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
			  .p_offset = 0x1100, .p_vaddr = 0x101000,
			  .p_paddr = 0x101000, .p_filesz = 0x80,
			  .p_memsz = 0x1000, .p_align = 0x1000 },
		},
		.size = 0x1180,
	};

	ident(e.eh.e_ident, ELFCLASS32);
	return e;
}

static void expect_err(int ret, const struct vmm_err *err, int code,
		       const char *msg)
{
	assert_int_equal(ret, code);
	assert_int_equal(err->code, code);
	assert_string_equal(err->msg, msg);
}

/* load_open must refuse e with msg. */
static void refuse64(const struct elf64 *e, const char *msg)
{
	struct vmm_err err = { 0 };
	struct image img;

	expect_err(open64(e, &img, &err), &err, -EINVAL, msg);
	load_close(&img);
}

static void refuse32(const struct elf32 *e, const char *msg)
{
	struct vmm_err err = { 0 };
	struct image img;

	expect_err(open32(e, &img, &err), &err, -EINVAL, msg);
	load_close(&img);
}

/* load_open must accept e and load_check must refuse it on m with msg. */
static void misfit64(const struct elf64 *e, const struct machine *m,
		     const char *msg)
{
	struct vmm_err err = { 0 };
	struct image img;

	assert_int_equal(open64(e, &img, &err), 0);
	expect_err(load_check(&img, m, &err), &err, -EINVAL, msg);
	load_close(&img);
}

static void misfit32(const struct elf32 *e, const struct machine *m,
		     const char *msg)
{
	struct vmm_err err = { 0 };
	struct image img;

	assert_int_equal(open32(e, &img, &err), 0);
	expect_err(load_check(&img, m, &err), &err, -EINVAL, msg);
	load_close(&img);
}

/* Copy img into fresh 2 MiB of 0xaa and check what the good layout puts
 * there: file bytes, zeroed bss, nothing else touched. */
static void expect_good_copy(const struct image *img)
{
	struct gmem gm = { .mem_bytes = 0x200000 };

	gm.host = malloc(gm.mem_bytes);
	assert_non_null(gm.host);
	memset(gm.host, 0xaa, gm.mem_bytes);
	load_copy(img, &gm);
	for (size_t i = 0; i < 0x100; i++)
		assert_int_equal(gm.host[0x100000 + i], pattern(0x1000 + i));
	for (size_t i = 0; i < 0x80; i++)
		assert_int_equal(gm.host[0x101000 + i], pattern(0x1100 + i));
	for (size_t i = 0x80; i < 0x1000; i++)
		assert_int_equal(gm.host[0x101000 + i], 0);
	assert_int_equal(gm.host[0xfffff], 0xaa);
	assert_int_equal(gm.host[0x100100], 0xaa);
	assert_int_equal(gm.host[0x102000], 0xaa);
	free(gm.host);
}

static void expect_good_segs(const struct image *img, unsigned elf_class)
{
	assert_int_equal(img->format, IMAGE_ELF);
	assert_int_equal(img->elf_class, elf_class);
	assert_non_null(img->elf);
	assert_int_equal(img->entry, 0x100000);
	assert_int_equal(img->nsegs, 2);
	assert_int_equal(img->seg[0].gpa, 0x100000);
	assert_int_equal(img->seg[0].file_off, 0x1000);
	assert_int_equal(img->seg[0].filesz, 0x100);
	assert_int_equal(img->seg[0].memsz, 0x100);
	assert_int_equal(img->seg[0].index, 0);
	assert_int_equal(img->seg[1].gpa, 0x101000);
	assert_int_equal(img->seg[1].file_off, 0x1100);
	assert_int_equal(img->seg[1].filesz, 0x80);
	assert_int_equal(img->seg[1].memsz, 0x1000);
	assert_int_equal(img->seg[1].index, 1);
}

static void test_elf64_loads(void **state)
{
	struct machine m = machine_make(ENTRY_LONG, 0x200000);
	struct elf64 e = elf64_good();
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	assert_int_equal(open64(&e, &img, &err), 0);
	assert_int_equal(load_check(&img, &m, &err), 0);
	expect_good_segs(&img, 64);
	expect_good_copy(&img);
	load_close(&img);
}

static void test_elf32_loads(void **state)
{
	struct machine m = machine_make(ENTRY_PROTECTED, 0x200000);
	struct elf32 e = elf32_good();
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	assert_int_equal(open32(&e, &img, &err), 0);
	assert_int_equal(load_check(&img, &m, &err), 0);
	expect_good_segs(&img, 32);
	expect_good_copy(&img);
	load_close(&img);
}

/* 16-bit code linked as elf_i386 runs in real mode below 64 KiB. */
static void test_elf32_real_mode_loads(void **state)
{
	struct machine m = machine_make(ENTRY_REAL, 0x100000);
	struct elf32 e = elf32_good();
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	e.eh.e_entry = 0x7c00;
	e.ph[0].p_paddr = 0x7c00;
	e.ph[1].p_paddr = 0x8000;
	assert_int_equal(open32(&e, &img, &err), 0);
	assert_int_equal(load_check(&img, &m, &err), 0);
	assert_int_equal(img.entry, 0x7c00);
	load_close(&img);
}

/* gABI: with e_phnum PN_XNUM, section 0's sh_info holds the count. */
static void test_elf64_pn_xnum_loads(void **state)
{
	struct machine m = machine_make(ENTRY_LONG, 0x200000);
	struct elf64 e = elf64_good();
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	e.eh.e_phnum = PN_XNUM;
	e.eh.e_shoff = 0x800;
	e.eh.e_shentsize = sizeof(Elf64_Shdr);
	e.sh0.sh_size = 1; /* e_shnum 0: the section count */
	e.sh0.sh_info = 2; /* the program header count */
	assert_int_equal(open64(&e, &img, &err), 0);
	assert_int_equal(load_check(&img, &m, &err), 0);
	assert_int_equal(img.nsegs, 2);
	load_close(&img);
}

static void test_elf64_pn_xnum_no_section(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.eh.e_phnum = PN_XNUM;
	refuse64(
		&e,
		"g.elf: e_phnum is PN_XNUM (0xffff) but section 0 holds no count: invalid section index");
}

/* Linkers emit PT_LOADs with nothing in memory and other program headers:
 * both are left out, and the index still names the program header. */
static void test_elf64_skips_empty_and_other(void **state)
{
	struct machine m = machine_make(ENTRY_LONG, 0x200000);
	struct elf64 e = elf64_good();
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	e.eh.e_phnum = 4;
	e.ph[3] = e.ph[1];
	e.ph[1] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_paddr = 0x2000 };
	e.ph[2] = (Elf64_Phdr){ .p_type = PT_NOTE,
				.p_offset = 0x7777,
				.p_filesz = 0x10,
				.p_memsz = 0x10 };
	assert_int_equal(open64(&e, &img, &err), 0);
	assert_int_equal(load_check(&img, &m, &err), 0);
	assert_int_equal(img.nsegs, 2);
	assert_int_equal(img.seg[1].index, 3);
	expect_good_copy(&img);
	load_close(&img);
}

/* The entry point may be anywhere in a segment's memory, bss included. */
static void test_elf64_entry_in_bss(void **state)
{
	struct machine m = machine_make(ENTRY_LONG, 0x200000);
	struct elf64 e = elf64_good();
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	e.eh.e_entry = 0x101fff;
	assert_int_equal(open64(&e, &img, &err), 0);
	assert_int_equal(load_check(&img, &m, &err), 0);
	load_close(&img);
}

/* The guest owns [0, 0x500): a segment there is fine. */
static void test_elf32_segment_below_boot_info(void **state)
{
	struct machine m = machine_make(ENTRY_PROTECTED, 0x200000);
	struct elf32 e = elf32_good();
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	e.ph[1].p_paddr = 0x0;
	e.ph[1].p_memsz = 0x500;
	assert_int_equal(open32(&e, &img, &err), 0);
	assert_int_equal(load_check(&img, &m, &err), 0);
	load_close(&img);
}

static void test_elf_forced_not_elf(void **state)
{
	static const uint8_t text[] = "just some bytes";
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	expect_err(
		open_bytes(text, sizeof(text), IMAGE_ELF, &img, &err), &err,
		-EINVAL,
		"g.elf: not an ELF file: it does not start with 0x7f 'E' 'L' 'F'");
	load_close(&img);
}

/* With the magic, detection says ELF, and a broken ELF is an error (not
 * a raw image). */
static void test_elf_truncated_ident(void **state)
{
	static const uint8_t magic[] = { 0x7f, 'E', 'L', 'F', ELFCLASS64 };
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	expect_err(
		open_bytes(magic, sizeof(magic), IMAGE_AUTO, &img, &err), &err,
		-EINVAL,
		"g.elf: truncated ELF header: the file is 0x5 bytes, the header needs 0x10");
	load_close(&img);
}

static void test_elf64_truncated_header(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.size = 0x3f;
	refuse64(
		&e,
		"g.elf: truncated ELF header: the file is 0x3f bytes, the header needs 0x40");
}

static void test_elf32_truncated_header(void **state)
{
	struct elf32 e = elf32_good();

	(void)state;
	e.size = 0x20;
	refuse32(
		&e,
		"g.elf: truncated ELF header: the file is 0x20 bytes, the header needs 0x34");
}

static void test_elf_bad_class(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.eh.e_ident[EI_CLASS] = ELFCLASSNONE;
	refuse64(
		&e,
		"g.elf: EI_CLASS 0x0 is neither ELFCLASS32 (0x1) nor ELFCLASS64 (0x2)");
	e.eh.e_ident[EI_CLASS] = 3;
	refuse64(
		&e,
		"g.elf: EI_CLASS 0x3 is neither ELFCLASS32 (0x1) nor ELFCLASS64 (0x2)");
}

static void test_elf_big_endian(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.eh.e_ident[EI_DATA] = ELFDATA2MSB;
	refuse64(&e, "g.elf: EI_DATA 0x2 is not ELFDATA2LSB (0x1)");
}

static void test_elf_bad_ident_version(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.eh.e_ident[EI_VERSION] = EV_NONE;
	refuse64(&e, "g.elf: EI_VERSION 0x0 is not EV_CURRENT (0x1)");
}

static void test_elf_bad_version(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.eh.e_version = 2;
	refuse64(&e, "g.elf: e_version 0x2 is not EV_CURRENT (0x1)");
}

static void test_elf64_bad_machine(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.eh.e_machine = EM_386;
	refuse64(&e,
		 "g.elf: e_machine 0x3 is not EM_X86_64 (0x3e) for ELFCLASS64");
	e.eh.e_machine = EM_AARCH64;
	refuse64(
		&e,
		"g.elf: e_machine 0xb7 is not EM_X86_64 (0x3e) for ELFCLASS64");
}

static void test_elf32_bad_machine(void **state)
{
	struct elf32 e = elf32_good();

	(void)state;
	e.eh.e_machine = EM_X86_64; /* the x32 ABI: 64-bit code */
	refuse32(&e,
		 "g.elf: e_machine 0x3e is not EM_386 (0x3) for ELFCLASS32");
}

static void test_elf_bad_type(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.eh.e_type = ET_DYN;
	refuse64(&e, "g.elf: e_type 0x3 is not ET_EXEC (0x2)");
	e.eh.e_type = ET_REL;
	refuse64(&e, "g.elf: e_type 0x1 is not ET_EXEC (0x2)");
}

static void test_elf64_bad_phentsize(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.eh.e_phentsize = sizeof(Elf32_Phdr);
	refuse64(&e, "g.elf: e_phentsize 0x20 is not 0x38 for ELFCLASS64");
}

static void test_elf32_bad_phentsize(void **state)
{
	struct elf32 e = elf32_good();

	(void)state;
	e.eh.e_phentsize = sizeof(Elf64_Phdr);
	refuse32(&e, "g.elf: e_phentsize 0x38 is not 0x20 for ELFCLASS32");
}

static void test_elf_no_program_headers(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.eh.e_phnum = 0;
	refuse64(&e, "g.elf: no loadable segment (PT_LOAD with p_memsz > 0)");
}

static void test_elf_no_pt_load(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.ph[0].p_type = PT_NOTE;
	e.ph[1].p_memsz = 0;
	e.ph[1].p_filesz = 0;
	refuse64(&e, "g.elf: no loadable segment (PT_LOAD with p_memsz > 0)");
}

static void test_elf_truncated_program_headers(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.size = 0x40 + 0x38 + 0x20; /* the second header is cut short */
	refuse64(
		&e,
		"g.elf: program headers [0x40, 0xb0) are past the end of the file (0x98 bytes)");
	e = elf64_good();
	e.eh.e_phoff = 0x1180;
	refuse64(
		&e,
		"g.elf: program headers [0x1180, 0x11f0) are past the end of the file (0x1180 bytes)");
}

static void test_elf_program_headers_overflow(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.eh.e_phoff = 0xffffffffffffffc0;
	refuse64(
		&e,
		"g.elf: e_phoff 0xffffffffffffffc0 + 0x70 bytes of program headers overflows 64 bits");
}

static void test_elf_too_many_segments(void **state)
{
	struct machine m = machine_make(ENTRY_LONG, 0x200000);
	struct elf64 e = elf64_good();
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	/* LOAD_MAX_SEGS one-byte segments fit... */
	e.eh.e_phnum = LOAD_MAX_SEGS;
	for (unsigned i = 0; i < LOAD_MAX_SEGS; i++)
		e.ph[i] = (Elf64_Phdr){ .p_type = PT_LOAD,
					.p_offset = 0x1000,
					.p_paddr = 0x100000 + i,
					.p_filesz = 1,
					.p_memsz = 1 };
	assert_int_equal(open64(&e, &img, &err), 0);
	assert_int_equal(load_check(&img, &m, &err), 0);
	assert_int_equal(img.nsegs, LOAD_MAX_SEGS);
	load_close(&img);
	/* ...one more does not. */
	e.eh.e_phnum = LOAD_MAX_SEGS + 1;
	e.ph[LOAD_MAX_SEGS] = e.ph[0];
	e.ph[LOAD_MAX_SEGS].p_paddr = 0x100000 + LOAD_MAX_SEGS;
	refuse64(&e, "g.elf: segment 32: more than 32 loadable segments");
}

static void test_elf_filesz_above_memsz(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.ph[1].p_filesz = 0x1001;
	refuse64(&e, "g.elf: segment 1: p_filesz 0x1001 > p_memsz 0x1000");
	/* Even a segment that would be skipped for p_memsz 0. */
	e = elf64_good();
	e.ph[1].p_memsz = 0;
	refuse64(&e, "g.elf: segment 1: p_filesz 0x80 > p_memsz 0x0");
}

static void test_elf_segment_past_end_of_file(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.ph[1].p_filesz = 0x81;
	refuse64(
		&e,
		"g.elf: segment 1: file bytes [0x1100, 0x1181) are past the end of the file (0x1180 bytes)");
	e = elf64_good();
	e.ph[0].p_offset = 0x2000;
	refuse64(
		&e,
		"g.elf: segment 0: file bytes [0x2000, 0x2100) are past the end of the file (0x1180 bytes)");
}

static void test_elf32_segment_past_end_of_file(void **state)
{
	struct elf32 e = elf32_good();

	(void)state;
	e.size = 0x1100;
	refuse32(
		&e,
		"g.elf: segment 1: file bytes [0x1100, 0x1180) are past the end of the file (0x1100 bytes)");
}

static void test_elf_file_range_overflow(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.ph[1].p_offset = 0xffffffffffffff90;
	refuse64(
		&e,
		"g.elf: segment 1: p_offset 0xffffffffffffff90 + p_filesz 0x80 overflows 64 bits");
}

static void test_elf_address_overflow(void **state)
{
	struct elf64 e = elf64_good();

	(void)state;
	e.ph[1].p_paddr = 0xfffffffffffff001;
	refuse64(
		&e,
		"g.elf: segment 1: p_paddr 0xfffffffffffff001 + p_memsz 0x1000 overflows 64 bits");
}

static void test_elf_outside_memory(void **state)
{
	struct machine m = machine_make(ENTRY_LONG, 0x101000);
	struct elf64 e = elf64_good();

	(void)state;
	misfit64(
		&e, &m,
		"M.yaml:2:9: memory 0x101000 is too small for 'g.elf': segment 1 [0x101000, 0x102000) is outside [0, 0x101000)");
	/* The bss counts: file bytes inside memory are not enough. */
	m.mem_bytes = 0x101800;
	misfit64(
		&e, &m,
		"M.yaml:2:9: memory 0x101800 is too small for 'g.elf': segment 1 [0x101000, 0x102000) is outside [0, 0x101800)");
}

static void test_elf_overlaps_boot_info(void **state)
{
	struct machine m = machine_make(ENTRY_PROTECTED, 0x200000);
	struct elf32 e = elf32_good();

	(void)state;
	e.ph[1].p_paddr = 0x400;
	e.ph[1].p_memsz = 0x101;
	misfit32(
		&e, &m,
		"g.elf: segment 1: [0x400, 0x501) overlaps vmm's boot info and GDT [0x500, 0x1000)");
}

static void test_elf_overlaps_page_tables(void **state)
{
	struct machine m = machine_make(ENTRY_LONG, 0x200000);
	struct elf64 e = elf64_good();

	(void)state;
	e.ph[1].p_paddr = 0x7000;
	misfit64(
		&e, &m,
		"g.elf: segment 1: [0x7000, 0x8000) overlaps vmm's boot info, GDT and page tables [0x500, 0x7c00)");
}

static void test_elf_segments_overlap(void **state)
{
	struct machine m = machine_make(ENTRY_LONG, 0x200000);
	struct elf64 e = elf64_good();

	(void)state;
	e.ph[1].p_paddr = 0x1000ff;
	misfit64(
		&e, &m,
		"g.elf: segment 1: [0x1000ff, 0x1010ff) overlaps segment 0 [0x100000, 0x100100)");
}

static void test_elf_entry_outside(void **state)
{
	struct machine m = machine_make(ENTRY_LONG, 0x200000);
	struct elf64 e = elf64_good();

	(void)state;
	e.eh.e_entry = 0x100100; /* the byte after the code */
	misfit64(&e, &m,
		 "g.elf: e_entry 0x100100 is outside every loaded segment");
	e.eh.e_entry = 0xfffff; /* the byte before it */
	misfit64(&e, &m,
		 "g.elf: e_entry 0xfffff is outside every loaded segment");
	e.eh.e_entry = 0x102000; /* the byte after the bss */
	misfit64(&e, &m,
		 "g.elf: e_entry 0x102000 is outside every loaded segment");
}

static void test_elf64_needs_long(void **state)
{
	struct machine m = machine_make(ENTRY_REAL, 0x200000);
	struct elf64 e = elf64_good();

	(void)state;
	misfit64(
		&e, &m,
		"M.yaml:3:8: entry mode 'real' cannot run 'g.elf': ELFCLASS64 needs 'long'");
	m.entry = ENTRY_PROTECTED;
	misfit64(
		&e, &m,
		"M.yaml:3:8: entry mode 'protected' cannot run 'g.elf': ELFCLASS64 needs 'long'");
}

static void test_elf32_needs_protected_or_real(void **state)
{
	struct machine m = machine_make(ENTRY_LONG, 0x200000);
	struct elf32 e = elf32_good();

	(void)state;
	misfit32(
		&e, &m,
		"M.yaml:3:8: entry mode 'long' cannot run 'g.elf': ELFCLASS32 needs 'protected' or 'real'");
}

static void test_elf32_real_mode_entry_above_64k(void **state)
{
	struct machine m = machine_make(ENTRY_REAL, 0x200000);
	struct elf32 e = elf32_good();

	(void)state;
	misfit32(
		&e, &m,
		"M.yaml:3:8: entry mode 'real' cannot start 'g.elf' at e_entry 0x100000, above 0xffff");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_elf64_loads),
		cmocka_unit_test(test_elf32_loads),
		cmocka_unit_test(test_elf32_real_mode_loads),
		cmocka_unit_test(test_elf64_pn_xnum_loads),
		cmocka_unit_test(test_elf64_pn_xnum_no_section),
		cmocka_unit_test(test_elf64_skips_empty_and_other),
		cmocka_unit_test(test_elf64_entry_in_bss),
		cmocka_unit_test(test_elf32_segment_below_boot_info),
		cmocka_unit_test(test_elf_forced_not_elf),
		cmocka_unit_test(test_elf_truncated_ident),
		cmocka_unit_test(test_elf64_truncated_header),
		cmocka_unit_test(test_elf32_truncated_header),
		cmocka_unit_test(test_elf_bad_class),
		cmocka_unit_test(test_elf_big_endian),
		cmocka_unit_test(test_elf_bad_ident_version),
		cmocka_unit_test(test_elf_bad_version),
		cmocka_unit_test(test_elf64_bad_machine),
		cmocka_unit_test(test_elf32_bad_machine),
		cmocka_unit_test(test_elf_bad_type),
		cmocka_unit_test(test_elf64_bad_phentsize),
		cmocka_unit_test(test_elf32_bad_phentsize),
		cmocka_unit_test(test_elf_no_program_headers),
		cmocka_unit_test(test_elf_no_pt_load),
		cmocka_unit_test(test_elf_truncated_program_headers),
		cmocka_unit_test(test_elf_program_headers_overflow),
		cmocka_unit_test(test_elf_too_many_segments),
		cmocka_unit_test(test_elf_filesz_above_memsz),
		cmocka_unit_test(test_elf_segment_past_end_of_file),
		cmocka_unit_test(test_elf32_segment_past_end_of_file),
		cmocka_unit_test(test_elf_file_range_overflow),
		cmocka_unit_test(test_elf_address_overflow),
		cmocka_unit_test(test_elf_outside_memory),
		cmocka_unit_test(test_elf_overlaps_boot_info),
		cmocka_unit_test(test_elf_overlaps_page_tables),
		cmocka_unit_test(test_elf_segments_overlap),
		cmocka_unit_test(test_elf_entry_outside),
		cmocka_unit_test(test_elf64_needs_long),
		cmocka_unit_test(test_elf32_needs_protected_or_real),
		cmocka_unit_test(test_elf32_real_mode_entry_above_64k),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
