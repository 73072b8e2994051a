/* SPDX-License-Identifier: MIT */
/* The loader on raw images and unreadable files: placement, every message. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "loader/loader.h"

/* Each test runs in a private directory (made by the group setup), so image
 * names, and therefore the messages, are fixed strings. */
static char test_dir[] = "/tmp/test_load_raw-XXXXXX";

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
static struct machine machine_make(enum entry_mode mode, uint64_t mem_bytes,
				   uint64_t load_address)
{
	struct machine m = {
		.mem_bytes = mem_bytes,
		.mem_mark = { 2, 9 },
		.entry = mode,
		.entry_mark = { 3, 8 },
		.load_address = load_address,
		.load_mark = { 4, 15 },
	};

	snprintf(m.file, sizeof(m.file), "M.yaml");
	return m;
}

/* The byte at file offset off in every image these tests write. */
static uint8_t pattern(size_t off)
{
	return (uint8_t)(off * 13 + 7);
}

/* Write name with size pattern bytes (prefix, if any, replaces the first
 * ones), load_open it and remove it again. */
static int open_raw(const char *name, size_t size, const char *prefix,
		    enum image_format format, struct image *img,
		    struct vmm_err *err)
{
	uint8_t *buf = malloc(size ? size : 1);
	FILE *f;
	int ret;

	assert_non_null(buf);
	for (size_t i = 0; i < size; i++)
		buf[i] = pattern(i);
	if (prefix)
		memcpy(buf, prefix, strlen(prefix));
	f = fopen(name, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, size, f), size);
	assert_int_equal(fclose(f), 0);
	free(buf);
	ret = load_open(name, format, img, err);
	unlink(name);
	return ret;
}

static void expect_err(int ret, const struct vmm_err *err, int code,
		       const char *msg)
{
	assert_int_equal(ret, code);
	assert_int_equal(err->code, code);
	assert_string_equal(err->msg, msg);
}

/* load_open and load_check a raw image of size bytes; the return of the
 * step that failed, or 0. */
static int check_raw(size_t size, const struct machine *m, struct image *img,
		     struct vmm_err *err)
{
	int ret = open_raw("g.bin", size, NULL, IMAGE_AUTO, img, err);

	assert_int_equal(ret, 0);
	return load_check(img, m, err);
}

static void test_raw_loads_at_load_address(void **state)
{
	struct machine m = machine_make(ENTRY_LONG, 0x200000, 0x100000);
	struct vmm_err err = { 0 };
	struct image img;
	struct gmem gm = { .mem_bytes = m.mem_bytes };

	(void)state;
	assert_int_equal(check_raw(0x200, &m, &img, &err), 0);
	assert_int_equal(img.format, IMAGE_RAW);
	assert_int_equal(img.elf_class, 0);
	assert_null(img.elf);
	assert_int_equal(img.entry, 0x100000);
	assert_int_equal(img.nsegs, 1);
	assert_int_equal(img.seg[0].gpa, 0x100000);
	assert_int_equal(img.seg[0].file_off, 0);
	assert_int_equal(img.seg[0].filesz, 0x200);
	assert_int_equal(img.seg[0].memsz, 0x200);

	gm.host = malloc(m.mem_bytes);
	assert_non_null(gm.host);
	memset(gm.host, 0xaa, m.mem_bytes);
	load_copy(&img, &gm);
	for (size_t i = 0; i < 0x200; i++)
		assert_int_equal(gm.host[0x100000 + i], pattern(i));
	assert_int_equal(gm.host[0xfffff], 0xaa);
	assert_int_equal(gm.host[0x100200], 0xaa);
	free(gm.host);
	load_close(&img);
}

static void test_raw_forced_on_elf_file(void **state)
{
	struct machine m = machine_make(ENTRY_LONG, 0x200000, 0x100000);
	struct vmm_err err = { 0 };
	struct image img;
	struct gmem gm = { .mem_bytes = m.mem_bytes };
	int ret;

	(void)state;
	/* ELF magic and a 64-bit header start: --format raw takes it as is. */
	ret = open_raw("g.elf", 0x80, "\177ELF\002\001\001", IMAGE_RAW, &img,
		       &err);
	assert_int_equal(ret, 0);
	assert_int_equal(img.format, IMAGE_RAW);
	assert_null(img.elf);
	assert_int_equal(load_check(&img, &m, &err), 0);
	assert_int_equal(img.nsegs, 1);
	assert_int_equal(img.seg[0].filesz, 0x80);

	gm.host = calloc(1, m.mem_bytes);
	assert_non_null(gm.host);
	load_copy(&img, &gm);
	assert_memory_equal(gm.host + 0x100000, "\177ELF\002\001\001", 7);
	assert_int_equal(gm.host[0x100000 + 0x7f], pattern(0x7f));
	free(gm.host);
	load_close(&img);
}

static void test_raw_empty_file(void **state)
{
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	expect_err(open_raw("g.bin", 0, NULL, IMAGE_AUTO, &img, &err), &err,
		   -EINVAL, "g.bin: file is empty");
	load_close(&img);
	expect_err(open_raw("g.bin", 0, NULL, IMAGE_ELF, &img, &err), &err,
		   -EINVAL, "g.bin: file is empty");
	load_close(&img);
}

/* vmm reads images into its own memory, up to LOAD_FILE_MAX: a larger
 * (here sparse) file is refused before any byte is read. */
static void test_raw_too_large(void **state)
{
	struct vmm_err err = { 0 };
	struct image img;
	int fd = open("big.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)LOAD_FILE_MAX + 1), 0);
	close(fd);
	expect_err(load_open("big.bin", IMAGE_AUTO, &img, &err), &err, -EFBIG,
		   "big.bin: 0x40000001 bytes is larger than the 0x40000000 bytes vmm loads");
	load_close(&img);
	unlink("big.bin");
}

static void test_raw_missing_file(void **state)
{
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	expect_err(load_open("nope.bin", IMAGE_AUTO, &img, &err), &err, -ENOENT,
		   "nope.bin: cannot open: No such file or directory");
	load_close(&img);
}

static void test_raw_directory(void **state)
{
	struct vmm_err err = { 0 };
	struct image img;
	int ret;

	(void)state;
	assert_int_equal(mkdir("dir", 0700), 0);
	ret = load_open("dir", IMAGE_AUTO, &img, &err);
	rmdir("dir");
	expect_err(ret, &err, -EISDIR, "dir: cannot read: Is a directory");
	load_close(&img);
}

static void test_raw_not_regular(void **state)
{
	struct vmm_err err = { 0 };
	struct image img;
	int ret;

	(void)state;
	expect_err(load_open("/dev/null", IMAGE_AUTO, &img, &err), &err,
		   -EINVAL, "/dev/null: not a regular file");
	load_close(&img);
	/* A FIFO with no writer: refused at once, not waited on. */
	assert_int_equal(mkfifo("fifo", 0600), 0);
	ret = load_open("fifo", IMAGE_AUTO, &img, &err);
	unlink("fifo");
	expect_err(ret, &err, -EINVAL, "fifo: not a regular file");
	load_close(&img);
}

static void test_raw_outside_memory(void **state)
{
	struct machine m = machine_make(ENTRY_LONG, 0x10000, 0x100000);
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	expect_err(
		check_raw(0x200, &m, &img, &err), &err, -EINVAL,
		"M.yaml:2:9: memory 0x10000 is too small for 'g.bin': [0x100000, 0x100200) is outside [0, 0x10000)");
	load_close(&img);
}

static void test_raw_end_past_memory(void **state)
{
	struct machine m = machine_make(ENTRY_LONG, 0x10000, 0xfe00);
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	expect_err(
		check_raw(0x201, &m, &img, &err), &err, -EINVAL,
		"M.yaml:2:9: memory 0x10000 is too small for 'g.bin': [0xfe00, 0x10001) is outside [0, 0x10000)");
	load_close(&img);
	/* Ending exactly at the top of memory fits. */
	assert_int_equal(check_raw(0x200, &m, &img, &err), 0);
	load_close(&img);
}

static void test_raw_load_address_overflow(void **state)
{
	struct machine m =
		machine_make(ENTRY_LONG, 0x10000, 0xffffffffffffff00);
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	expect_err(
		check_raw(0x200, &m, &img, &err), &err, -EINVAL,
		"M.yaml:4:15: load_address 0xffffffffffffff00 + size 0x200 of 'g.bin' overflows 64 bits");
	load_close(&img);
}

static void test_raw_overlaps_boot_info(void **state)
{
	struct machine m = machine_make(ENTRY_REAL, 0x10000, 0x400);
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	expect_err(
		check_raw(0x200, &m, &img, &err), &err, -EINVAL,
		"g.bin: [0x400, 0x600) overlaps vmm's boot info and GDT [0x500, 0x1000)");
	load_close(&img);
}

static void test_raw_overlaps_gdt(void **state)
{
	struct machine m = machine_make(ENTRY_PROTECTED, 0x10000, 0xfff);
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	expect_err(
		check_raw(0x10, &m, &img, &err), &err, -EINVAL,
		"g.bin: [0xfff, 0x100f) overlaps vmm's boot info and GDT [0x500, 0x1000)");
	load_close(&img);
}

static void test_raw_overlaps_page_tables(void **state)
{
	struct machine m = machine_make(ENTRY_LONG, 0x10000, 0x7000);
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	expect_err(
		check_raw(0x1000, &m, &img, &err), &err, -EINVAL,
		"g.bin: [0x7000, 0x8000) overlaps vmm's boot info, GDT and page tables [0x500, 0x7c00)");
	load_close(&img);
}

/* SPEC "Guest memory map": the classic places all work. */
static void test_raw_classic_addresses(void **state)
{
	static const struct {
		enum entry_mode mode;
		uint64_t load_address;
		size_t size;
	} ok[] = {
		{ ENTRY_REAL, 0x1000, 0x200 },	/* the LWN example */
		{ ENTRY_REAL, 0x7c00, 0x200 },	/* a boot sector */
		{ ENTRY_REAL, 0x0, 0x500 },	/* tiny, just below boot info */
		{ ENTRY_REAL, 0xff00, 0x1000 }, /* starts at 0xff00, runs on */
		{ ENTRY_PROTECTED, 0x1000, 0x200 },
		{ ENTRY_LONG, 0x7c00, 0x200 },
		{ ENTRY_LONG, 0x0, 0x500 },
		{ ENTRY_LONG, 0x200000, 0x200 },
	};
	struct vmm_err err = { 0 };
	struct machine m;
	struct image img;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		m = machine_make(ok[i].mode, 0x400000, ok[i].load_address);
		assert_int_equal(check_raw(ok[i].size, &m, &img, &err), 0);
		assert_int_equal(img.entry, ok[i].load_address);
		load_close(&img);
	}
}

static void test_raw_real_mode_entry_above_64k(void **state)
{
	struct machine m = machine_make(ENTRY_REAL, 0x200000, 0x10000);
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	expect_err(
		check_raw(0x200, &m, &img, &err), &err, -EINVAL,
		"M.yaml:4:15: entry mode 'real' cannot start 'g.bin' at load_address 0x10000, above 0xffff");
	load_close(&img);
}

static void test_raw_protected_entry_above_4g(void **state)
{
	/* Only load_check sees this machine: no memory is allocated. */
	struct machine m =
		machine_make(ENTRY_PROTECTED, 0x200000000, 0x100000000);
	struct vmm_err err = { 0 };
	struct image img;

	(void)state;
	expect_err(
		check_raw(0x200, &m, &img, &err), &err, -EINVAL,
		"M.yaml:4:15: entry mode 'protected' cannot start 'g.bin' at load_address 0x100000000, above 0xffffffff");
	load_close(&img);
}

static void test_close_is_safe(void **state)
{
	struct image img = { 0 };

	(void)state;
	load_close(&img);
	load_close(&img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_raw_loads_at_load_address),
		cmocka_unit_test(test_raw_forced_on_elf_file),
		cmocka_unit_test(test_raw_empty_file),
		cmocka_unit_test(test_raw_too_large),
		cmocka_unit_test(test_raw_missing_file),
		cmocka_unit_test(test_raw_directory),
		cmocka_unit_test(test_raw_not_regular),
		cmocka_unit_test(test_raw_outside_memory),
		cmocka_unit_test(test_raw_end_past_memory),
		cmocka_unit_test(test_raw_load_address_overflow),
		cmocka_unit_test(test_raw_overlaps_boot_info),
		cmocka_unit_test(test_raw_overlaps_gdt),
		cmocka_unit_test(test_raw_overlaps_page_tables),
		cmocka_unit_test(test_raw_classic_addresses),
		cmocka_unit_test(test_raw_real_mode_entry_above_64k),
		cmocka_unit_test(test_raw_protected_entry_above_4g),
		cmocka_unit_test(test_close_is_safe),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
