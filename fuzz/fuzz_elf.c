/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the input bytes as a guest image (raw or ELF, detected
 * as vmm does). What the loader accepts is checked against three machines,
 * its promises verified, and copied into guest memory of the machine's exact
 * size, so ASan sees any byte written outside it. Its symbol table is read
 * and searched as --trace and fault reports do.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vmm_abi.h"

#include "fuzz_util.h"
#include "loader/loader.h"
#include "loader/symbols.h"
#include "src/checked.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

#define MIB (1ull << 20)

/* The loader reads files by path: the input goes into one memfd, reached
 * through /proc/self/fd. */
static int image_fd = -1;
static char image_path[64];

static struct machine machines[3];
static uint8_t *gmem_16m, *gmem_1m;

static void broken(const char *what, const char *msg)
{
	fuzz_broken("fuzz_elf", what, msg);
}

static struct machine machine_make(const char *file, enum entry_mode mode,
				   uint64_t mem_bytes, uint64_t load_address)
{
	struct machine m = {
		.mem_bytes = mem_bytes,
		.mem_mark = { 2, 9 },
		.entry = mode,
		.entry_mark = { 3, 8 },
		.load_address = load_address,
		.load_mark = { 4, 15 },
	};

	snprintf(m.file, sizeof(m.file), "%s", file);
	return m;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	image_fd = memfd_create("fuzz_elf", MFD_CLOEXEC);
	if (image_fd < 0) {
		perror("fuzz_elf: memfd_create");
		exit(1);
	}
	snprintf(image_path, sizeof(image_path), "/proc/self/fd/%d", image_fd);
	/* machines/default.yaml, protected.yaml and real.yaml. */
	machines[0] = machine_make("long.yaml", ENTRY_LONG, 16 * MIB, 0x100000);
	machines[1] = machine_make("protected.yaml", ENTRY_PROTECTED, 16 * MIB,
				   0x100000);
	machines[2] = machine_make("real.yaml", ENTRY_REAL, 1 * MIB, 0x1000);
	/* Exactly the machine's size: a byte past it is in ASan's redzone. */
	gmem_16m = calloc(1, 16 * MIB);
	gmem_1m = calloc(1, 1 * MIB);
	if (!gmem_16m || !gmem_1m) {
		perror("fuzz_elf: calloc");
		exit(1);
	}
	return 0;
}

static void write_image(const uint8_t *data, size_t size)
{
	size_t done = 0;

	if (ftruncate(image_fd, 0) < 0) {
		perror("fuzz_elf: ftruncate");
		abort();
	}
	while (done < size) {
		ssize_t n = pwrite(image_fd, data + done, size - done,
				   (off_t)done);

		if (n <= 0) {
			perror("fuzz_elf: pwrite");
			abort();
		}
		done += (size_t)n;
	}
}

/* What a successful load_check promises (SPEC "Guest images"). */
static void check_placed(const struct image *img, const struct machine *m)
{
	uint64_t low = VMM_BOOTINFO_GPA, high = machine_guest_start(m->entry);
	int has_entry = 0;

	if (img->nsegs == 0 || img->nsegs > LOAD_MAX_SEGS)
		broken("segment count", NULL);
	for (unsigned i = 0; i < img->nsegs; i++) {
		const struct load_seg *s = &img->seg[i];

		if (s->filesz > s->memsz)
			broken("p_filesz > p_memsz", NULL);
		if (s->filesz && !range_ok(s->file_off, s->filesz, img->size))
			broken("file bytes outside the file", NULL);
		if (!range_ok(s->gpa, s->memsz, m->mem_bytes))
			broken("segment outside guest memory", NULL);
		if (ranges_overlap(s->gpa, s->memsz, low, high - low))
			broken("segment overlaps vmm's structures", NULL);
		for (unsigned j = 0; j < i; j++)
			if (ranges_overlap(s->gpa, s->memsz, img->seg[j].gpa,
					   img->seg[j].memsz))
				broken("segments overlap", NULL);
		if (img->entry >= s->gpa && img->entry - s->gpa < s->memsz)
			has_entry = 1;
	}
	if (!has_entry)
		broken("entry outside every segment", NULL);
	if (m->entry == ENTRY_REAL && img->entry > 0xffff)
		broken("real-mode entry above 0xffff", NULL);
	if (m->entry == ENTRY_PROTECTED && img->entry > 0xffffffff)
		broken("protected-mode entry above 4 GiB", NULL);
	if (img->format == IMAGE_ELF && (img->elf_class == 64) !=
					      (m->entry == ENTRY_LONG))
		broken("ELF class does not suit the entry mode", NULL);
}

static void check_refusal(int rc, const struct vmm_err *err,
			  const char *prefix)
{
	if (err->code != rc || strncmp(err->msg, prefix, strlen(prefix)) != 0 ||
	    !fuzz_is_one_line(err->msg))
		broken("refusal without one line naming the file", err->msg);
	if (rc != -EINVAL)
		broken("unexpected error code", err->msg);
}

static void place(struct image *img, const struct machine *m)
{
	struct gmem gm = {
		.host = m->mem_bytes == 16 * MIB ? gmem_16m : gmem_1m,
		.mem_bytes = m->mem_bytes,
	};
	struct vmm_err err = { 0 };
	int rc = load_check(img, m, &err);

	if (rc < 0) {
		/* Named by the image, or by the machine file for a placement
		 * the machine's memory, mode or load_address cannot take. */
		if (strncmp(err.msg, m->file, strlen(m->file)) == 0)
			check_refusal(rc, &err, m->file);
		else
			check_refusal(rc, &err, image_path);
		return;
	}
	check_placed(img, m);
	load_copy(img, &gm);
}

/* load_symbols, then lookups as trace.c and fault.c make them. */
static void symbols(const struct image *img)
{
	static const uint64_t probes[] = { 0, 0x100000, UINT64_MAX };
	struct symtab st;
	uint64_t off;

	if (load_symbols(img, &st) < 0)
		return; /* -ENOMEM: nothing to free */
	for (size_t i = 0; i < st.n; i++)
		if (!st.sym[i].name ||
		    (i && st.sym[i - 1].addr > st.sym[i].addr))
			broken("symbol table unsorted or unnamed", NULL);
	if (symtab_find(&st, img->entry, &off) && off > img->entry)
		broken("symbol offset above the address", NULL);
	for (size_t i = 0; i < ARRAY_LEN(probes); i++)
		if (symtab_find(&st, probes[i], &off) && off > probes[i])
			broken("symbol offset above the address", NULL);
	for (size_t i = 0; i < st.n && i < 64; i++)
		if (!symtab_find(&st, st.sym[i].addr, &off))
			broken("a symbol's own address finds nothing", NULL);
	symtab_free(&st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vmm_err err = { 0 };
	struct image img;
	int rc;

	write_image(data, size);
	rc = load_open(image_path, IMAGE_AUTO, &img, &err);
	if (rc < 0) {
		check_refusal(rc, &err, image_path);
	} else {
		if (img.size != size)
			broken("image size", NULL);
		symbols(&img);
		for (size_t i = 0; i < ARRAY_LEN(machines); i++)
			place(&img, &machines[i]);
	}
	load_close(&img);
	return 0;
}
