/* SPDX-License-Identifier: MIT */
/*
 * Guest images: open and validate a raw or ELF file against a machine, then
 * copy it into guest memory. Validation is complete before any guest byte is
 * written; nothing here exits or touches KVM.
 */
#ifndef VMM_LOADER_LOADER_H
#define VMM_LOADER_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "../config/machine.h"
#include "../src/err.h"
#include "../src/gmem.h"

enum image_format { IMAGE_AUTO, IMAGE_RAW, IMAGE_ELF };

#define LOAD_MAX_SEGS 32

/* vmm reads the whole image into its own memory (so that a file changed
 * under it cannot fault vmm); larger files are refused. Tiny guests are
 * kilobytes; this leaves room for debug information. */
#define LOAD_FILE_MAX (1ull << 30)

/* One checked piece of the image: file bytes [file_off, file_off + filesz)
 * go to guest-physical gpa, and [gpa + filesz, gpa + memsz) is zeroed. */
struct load_seg {
	uint64_t gpa;
	uint64_t file_off;
	uint64_t filesz;
	uint64_t memsz;
	unsigned index; /* program header index (ELF), 0 (raw) */
};

struct image {
	const char *path;
	enum image_format format; /* IMAGE_RAW or IMAGE_ELF once opened */
	unsigned elf_class;       /* 32 or 64 for ELF, 0 for raw */
	uint64_t entry;           /* first instruction's address */
	struct load_seg seg[LOAD_MAX_SEGS];
	unsigned nsegs;
	const uint8_t *data; /* the whole file, read-only */
	size_t size;
	void *elf;  /* libelf handle (Elf *), NULL for raw */
	int mapped; /* data is an anonymous mmap to unmap */
};

/*
 * Read the file at path (format forced, or detected from the ELF magic when
 * IMAGE_AUTO) and parse it: for ELF, check the headers and collect every
 * PT_LOAD as a segment. Returns 0, or a negative errno with err set to
 * "PATH: ..." naming the segment and numbers. load_close undoes it either way.
 */
int load_open(const char *path, enum image_format format, struct image *img,
	      struct vmm_err *err);

/*
 * Place img in machine m: a raw image goes to m->load_address and starts
 * there; every segment must lie inside guest memory, overlap no other and
 * none of vmm's own structures, the entry point must be inside a segment, and
 * the ELF class must suit m->entry. Returns 0 or -EINVAL with err set.
 */
int load_check(struct image *img, const struct machine *m,
	       struct vmm_err *err);

/* Copy a checked image into guest memory and zero each segment's bss. */
void load_copy(const struct image *img, const struct gmem *gm);

/* Release what load_open took (safe on a zeroed or failed image). */
void load_close(struct image *img);

#endif
