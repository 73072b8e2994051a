/* SPDX-License-Identifier: MIT */
/*
 * Guest images: read the file, pick raw or ELF, check the segments against
 * the machine, copy. Parsing a format is raw.c's and elf.c's job.
 */
#include <assert.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vmm_abi.h"

#include "checked.h"
#include "load_internal.h"

/* A file's size (off_t) always fits in memory's (size_t) on our hosts. */
_Static_assert(sizeof(off_t) <= sizeof(size_t), "64-bit host");

static int load_errno(const struct image *img, const char *what,
		      struct vmm_err *err)
{
	int code = errno;

	return err_set(err, -code, "%s: %s: %s", img->path, what,
		       strerror(code));
}

/* Read all of fd (size bytes) into fresh anonymous memory: a copy, not a
 * mapping of the file, so that another process truncating the file can
 * make the read come up short (an error) but never fault vmm later. */
static int load_read_all(struct image *img, int fd, size_t size,
			 struct vmm_err *err)
{
	uint8_t *data = mmap(NULL, size, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	size_t off = 0;

	if (data == MAP_FAILED)
		return load_errno(img, "cannot allocate memory to read it", err);
	while (off < size) {
		ssize_t n = pread(fd, data + off, size - off, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int code = n < 0 ? errno : EIO;

			munmap(data, size);
			if (n == 0)
				return err_set(err, -EIO,
					       "%s: the file shrank to 0x%zx bytes while vmm read it (0x%zx expected)",
					       img->path, off, size);
			return err_set(err, -code, "%s: cannot read: %s",
				       img->path, strerror(code));
		}
		off += (size_t)n;
	}
	mprotect(data, size, PROT_READ); /* the loader only ever reads it */
	img->data = data;
	img->size = size;
	img->mapped = 1;
	return 0;
}

/* Read the whole file at img->path into img->data. */
static int load_read_file(struct image *img, struct vmm_err *err)
{
	struct stat st;
	int fd, ret = 0;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then
	 * refuses it. It changes nothing for a regular file. */
	fd = open(img->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return load_errno(img, "cannot open", err);
	if (fstat(fd, &st) < 0) {
		ret = load_errno(img, "cannot stat", err);
	} else if (S_ISDIR(st.st_mode)) {
		ret = err_set(err, -EISDIR, "%s: cannot read: %s", img->path,
			      strerror(EISDIR));
	} else if (!S_ISREG(st.st_mode)) {
		ret = err_set(err, -EINVAL, "%s: not a regular file",
			      img->path);
	} else if (st.st_size == 0) {
		ret = err_set(err, -EINVAL, "%s: file is empty", img->path);
	} else if ((uint64_t)st.st_size > LOAD_FILE_MAX) {
		ret = err_set(err, -EFBIG,
			      "%s: 0x%llx bytes is larger than the 0x%llx bytes vmm loads",
			      img->path, (unsigned long long)st.st_size,
			      (unsigned long long)LOAD_FILE_MAX);
	} else {
		ret = load_read_all(img, fd, (size_t)st.st_size, err);
	}
	close(fd);
	return ret;
}

static int load_has_elf_magic(const struct image *img)
{
	return img->size >= SELFMAG && memcmp(img->data, ELFMAG, SELFMAG) == 0;
}

int load_open(const char *path, enum image_format format, struct image *img,
	      struct vmm_err *err)
{
	int ret;

	memset(img, 0, sizeof(*img));
	img->path = path;
	ret = load_read_file(img, err);
	if (ret)
		return ret;
	/* SPEC "Command line": detected from the ELF magic unless forced. A
	 * file with the magic is ELF from here on, and must be a valid one. */
	if (format == IMAGE_AUTO)
		format = load_has_elf_magic(img) ? IMAGE_ELF : IMAGE_RAW;
	img->format = format;
	if (format == IMAGE_ELF)
		return load_elf_open(img, err);
	return 0;
}

/* "segment N" followed by sep for an ELF segment; nothing for raw, which
 * has only the one. */
static const char *load_seg_label(const struct image *img,
				  const struct load_seg *s, const char *sep,
				  char *buf, size_t len)
{
	if (img->format != IMAGE_ELF)
		return "";
	snprintf(buf, len, "segment %u%s", s->index, sep);
	return buf;
}

/* The segment must lie inside guest memory [0, mem_bytes). */
static int load_check_mem(const struct image *img, const struct load_seg *s,
			  const struct machine *m, struct vmm_err *err)
{
	char label[32];

	if (range_ok(s->gpa, s->memsz, m->mem_bytes))
		return 0;
	/* load_open and load_raw_place proved gpa + memsz fits 64 bits. */
	return err_set(err, -EINVAL,
		       "%s:%u:%u: memory 0x%" PRIx64
		       " is too small for '%s': %s[0x%" PRIx64 ", 0x%" PRIx64
		       ") is outside [0, 0x%" PRIx64 ")",
		       m->file, m->mem_mark.line, m->mem_mark.column,
		       m->mem_bytes, img->path,
		       load_seg_label(img, s, " ", label, sizeof(label)),
		       s->gpa, s->gpa + s->memsz, m->mem_bytes);
}

/* SPEC "Guest memory map": vmm's boot info and GDT, and in long mode its
 * page tables, sit in [VMM_BOOTINFO_GPA, guest start); [0, 0x500) is the
 * guest's. */
static int load_check_reserved(const struct image *img,
			       const struct load_seg *s,
			       const struct machine *m, struct vmm_err *err)
{
	uint64_t start = VMM_BOOTINFO_GPA;
	uint64_t end = machine_guest_start(m->entry);
	char label[32];

	if (!ranges_overlap(s->gpa, s->memsz, start, end - start))
		return 0;
	return err_set(err, -EINVAL,
		       "%s: %s[0x%" PRIx64 ", 0x%" PRIx64
		       ") overlaps vmm's %s [0x%" PRIx64 ", 0x%" PRIx64 ")",
		       img->path,
		       load_seg_label(img, s, ": ", label, sizeof(label)),
		       s->gpa, s->gpa + s->memsz,
		       m->entry == ENTRY_LONG ? "boot info, GDT and page tables"
					      : "boot info and GDT",
		       start, end);
}

/* Segment i must share no byte with an earlier one. */
static int load_check_overlap(const struct image *img, unsigned i,
			      struct vmm_err *err)
{
	const struct load_seg *s = &img->seg[i], *t;

	for (unsigned j = 0; j < i; j++) {
		t = &img->seg[j];
		if (!ranges_overlap(s->gpa, s->memsz, t->gpa, t->memsz))
			continue;
		return err_set(err, -EINVAL,
			       "%s: segment %u: [0x%" PRIx64 ", 0x%" PRIx64
			       ") overlaps segment %u [0x%" PRIx64
			       ", 0x%" PRIx64 ")",
			       img->path, s->index, s->gpa, s->gpa + s->memsz,
			       t->index, t->gpa, t->gpa + t->memsz);
	}
	return 0;
}

/*
 * The entry point must be inside the memory of some segment (bss included:
 * it is part of the loaded image), and within what the mode's instruction
 * pointer can hold with a zero CS base (SPEC "Entry modes").
 */
static int load_check_entry(const struct image *img, const struct machine *m,
			    struct vmm_err *err)
{
	const struct cfg_mark *mark;
	uint64_t limit;
	unsigned i;

	/* entry - gpa wraps above memsz when entry < gpa. */
	for (i = 0; i < img->nsegs; i++)
		if (img->entry - img->seg[i].gpa < img->seg[i].memsz)
			break;
	if (i == img->nsegs)
		return err_set(err, -EINVAL,
			       "%s: e_entry 0x%" PRIx64
			       " is outside every loaded segment",
			       img->path, img->entry);
	if (m->entry == ENTRY_LONG)
		return 0;
	limit = m->entry == ENTRY_REAL ? 0xffff : 0xffffffff;
	if (img->entry <= limit)
		return 0;
	mark = img->format == IMAGE_ELF ? &m->entry_mark : &m->load_mark;
	return err_set(
		err, -EINVAL,
		"%s:%u:%u: entry mode '%s' cannot start '%s' at %s 0x%" PRIx64
		", above 0x%" PRIx64,
		m->file, mark->line, mark->column, machine_entry_name(m->entry),
		img->path,
		img->format == IMAGE_ELF ? "e_entry" : "load_address",
		img->entry, limit);
}

int load_check(struct image *img, const struct machine *m, struct vmm_err *err)
{
	int ret;

	if (img->format == IMAGE_ELF)
		ret = load_elf_check_mode(img, m, err);
	else
		ret = load_raw_place(img, m, err);
	if (ret)
		return ret;
	for (unsigned i = 0; i < img->nsegs; i++) {
		ret = load_check_mem(img, &img->seg[i], m, err);
		if (!ret)
			ret = load_check_reserved(img, &img->seg[i], m, err);
		if (!ret)
			ret = load_check_overlap(img, i, err);
		if (ret)
			return ret;
	}
	return load_check_entry(img, m, err);
}

void load_copy(const struct image *img, const struct gmem *gm)
{
	const struct load_seg *s;
	uint8_t *dst;

	for (unsigned i = 0; i < img->nsegs; i++) {
		s = &img->seg[i];
		dst = gmem_ptr(gm, s->gpa, s->memsz);
		/* load_check proved the range; NULL means gm is not the
		 * checked machine's memory, and copying nothing stays safe. */
		assert(dst);
		if (!dst)
			continue;
		/* load_open proved [file_off, file_off + filesz) is in the
		 * file, and filesz <= memsz. */
		if (s->filesz)
			memcpy(dst, img->data + s->file_off, s->filesz);
		memset(dst + s->filesz, 0, s->memsz - s->filesz);
	}
}

void load_close(struct image *img)
{
	load_elf_close(img);
	if (img->mapped)
		munmap((void *)img->data, img->size);
	memset(img, 0, sizeof(*img));
}
