/* SPDX-License-Identifier: MIT */
/*
 * ELF images through libelf: identification, header and program headers,
 * each PT_LOAD checked against the file. Placement checks are image.c's.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <gelf.h>
#include <libelf.h>

#include "checked.h"
#include "load_internal.h"

/* What each supported ELF class requires of the file. */
struct load_elf_class {
	unsigned elf_class; /* 32 or 64 */
	const char *name;
	unsigned machine;
	const char *machine_name;
	size_t ehdr_bytes;
	size_t phdr_bytes;
};

static const struct load_elf_class load_elf32 = {
	.elf_class = 32,
	.name = "ELFCLASS32",
	.machine = EM_386,
	.machine_name = "EM_386",
	.ehdr_bytes = sizeof(Elf32_Ehdr),
	.phdr_bytes = sizeof(Elf32_Phdr),
};

static const struct load_elf_class load_elf64 = {
	.elf_class = 64,
	.name = "ELFCLASS64",
	.machine = EM_X86_64,
	.machine_name = "EM_X86_64",
	.ehdr_bytes = sizeof(Elf64_Ehdr),
	.phdr_bytes = sizeof(Elf64_Phdr),
};

static const struct load_elf_class *load_elf_class_of(const struct image *img)
{
	return img->elf_class == 64 ? &load_elf64 : &load_elf32;
}

static int load_elf_truncated(const struct image *img, size_t need,
			      struct vmm_err *err)
{
	return err_set(
		err, -EINVAL,
		"%s: truncated ELF header: the file is 0x%zx bytes, the header needs 0x%zx",
		img->path, img->size, need);
}

/*
 * e_ident, read as bytes: libelf calls a file with a bad class, data
 * encoding or version simply "not ELF", and we want to say which it is.
 */
static int load_elf_ident(struct image *img, struct vmm_err *err)
{
	const uint8_t *id = img->data;

	if (img->size < SELFMAG || memcmp(id, ELFMAG, SELFMAG) != 0)
		return err_set(
			err, -EINVAL,
			"%s: not an ELF file: it does not start with 0x7f 'E' 'L' 'F'",
			img->path);
	if (img->size < EI_NIDENT)
		return load_elf_truncated(img, EI_NIDENT, err);
	if (id[EI_CLASS] == ELFCLASS32)
		img->elf_class = 32;
	else if (id[EI_CLASS] == ELFCLASS64)
		img->elf_class = 64;
	else
		return err_set(
			err, -EINVAL,
			"%s: EI_CLASS 0x%x is neither ELFCLASS32 (0x1) nor ELFCLASS64 (0x2)",
			img->path, id[EI_CLASS]);
	/* x86 is little-endian; libelf then reads the headers in place. */
	if (id[EI_DATA] != ELFDATA2LSB)
		return err_set(err, -EINVAL,
			       "%s: EI_DATA 0x%x is not ELFDATA2LSB (0x1)",
			       img->path, id[EI_DATA]);
	if (id[EI_VERSION] != EV_CURRENT)
		return err_set(err, -EINVAL,
			       "%s: EI_VERSION 0x%x is not EV_CURRENT (0x1)",
			       img->path, id[EI_VERSION]);
	if (img->size < load_elf_class_of(img)->ehdr_bytes)
		return load_elf_truncated(
			img, load_elf_class_of(img)->ehdr_bytes, err);
	return 0;
}

/* The header fields that say whether vmm can run this file at all. */
static int load_elf_header(const struct image *img, const GElf_Ehdr *eh,
			   struct vmm_err *err)
{
	const struct load_elf_class *cls = load_elf_class_of(img);

	if (eh->e_version != EV_CURRENT)
		return err_set(err, -EINVAL,
			       "%s: e_version 0x%x is not EV_CURRENT (0x1)",
			       img->path, (unsigned)eh->e_version);
	if (eh->e_machine != cls->machine)
		return err_set(err, -EINVAL,
			       "%s: e_machine 0x%x is not %s (0x%x) for %s",
			       img->path, (unsigned)eh->e_machine,
			       cls->machine_name, cls->machine, cls->name);
	/* vmm does not relocate: ET_DYN (PIE) has no fixed address. */
	if (eh->e_type != ET_EXEC)
		return err_set(err, -EINVAL,
			       "%s: e_type 0x%x is not ET_EXEC (0x2)",
			       img->path, (unsigned)eh->e_type);
	return 0;
}

/*
 * The program header count the file declares: e_phnum, or with PN_XNUM the
 * sh_info of section 0 (gABI "Extended program header numbering").
 * elf_getphdrnum quietly shortens a table that runs past the end of the
 * file, so this count is the one the table is checked against.
 */
static int load_elf_declared_phnum(const struct image *img, const GElf_Ehdr *eh,
				   uint64_t *phnum, struct vmm_err *err)
{
	GElf_Shdr sh;
	Elf_Scn *scn;

	*phnum = eh->e_phnum;
	if (eh->e_phnum != PN_XNUM)
		return 0;
	scn = elf_getscn(img->elf, 0);
	if (!scn || !gelf_getshdr(scn, &sh))
		return err_set(
			err, -EINVAL,
			"%s: e_phnum is PN_XNUM (0xffff) but section 0 holds no count: %s",
			img->path, elf_errmsg(-1));
	*phnum = sh.sh_info;
	return 0;
}

/* The program header table must be whole, inside the file. */
static int load_elf_phdr_table(const struct image *img, const GElf_Ehdr *eh,
			       uint64_t phnum, struct vmm_err *err)
{
	const struct load_elf_class *cls = load_elf_class_of(img);
	uint64_t bytes, end;

	if (eh->e_phentsize != cls->phdr_bytes)
		return err_set(err, -EINVAL,
			       "%s: e_phentsize 0x%x is not 0x%zx for %s",
			       img->path, (unsigned)eh->e_phentsize,
			       cls->phdr_bytes, cls->name);
	/* phnum <= UINT32_MAX and phdr_bytes <= 56: cannot overflow. */
	bytes = phnum * cls->phdr_bytes;
	if (!add_ok(eh->e_phoff, bytes, &end))
		return err_set(err, -EINVAL,
			       "%s: e_phoff 0x%" PRIx64 " + 0x%" PRIx64
			       " bytes of program headers overflows 64 bits",
			       img->path, (uint64_t)eh->e_phoff, bytes);
	if (end > img->size)
		return err_set(err, -EINVAL,
			       "%s: program headers [0x%" PRIx64 ", 0x%" PRIx64
			       ") are past the end of the file (0x%zx bytes)",
			       img->path, (uint64_t)eh->e_phoff, end,
			       img->size);
	return 0;
}

/* The bytes a PT_LOAD copies from must lie inside the file. */
static int load_elf_seg_file(const struct image *img, unsigned index,
			     const GElf_Phdr *ph, struct vmm_err *err)
{
	uint64_t end;

	if (ph->p_filesz == 0)
		return 0; /* p_offset is never used */
	if (!add_ok(ph->p_offset, ph->p_filesz, &end))
		return err_set(err, -EINVAL,
			       "%s: segment %u: p_offset 0x%" PRIx64
			       " + p_filesz 0x%" PRIx64 " overflows 64 bits",
			       img->path, index, (uint64_t)ph->p_offset,
			       (uint64_t)ph->p_filesz);
	if (end > img->size)
		return err_set(err, -EINVAL,
			       "%s: segment %u: file bytes [0x%" PRIx64
			       ", 0x%" PRIx64
			       ") are past the end of the file (0x%zx bytes)",
			       img->path, index, (uint64_t)ph->p_offset, end,
			       img->size);
	return 0;
}

/* Check PT_LOAD number index against the file; append it to img->seg. */
static int load_elf_seg(struct image *img, unsigned index, const GElf_Phdr *ph,
			struct vmm_err *err)
{
	uint64_t end;
	int ret;

	if (ph->p_filesz > ph->p_memsz)
		return err_set(err, -EINVAL,
			       "%s: segment %u: p_filesz 0x%" PRIx64
			       " > p_memsz 0x%" PRIx64,
			       img->path, index, (uint64_t)ph->p_filesz,
			       (uint64_t)ph->p_memsz);
	if (ph->p_memsz == 0)
		return 0; /* occupies nothing: nothing to place or copy */
	ret = load_elf_seg_file(img, index, ph, err);
	if (ret)
		return ret;
	if (!add_ok(ph->p_paddr, ph->p_memsz, &end))
		return err_set(err, -EINVAL,
			       "%s: segment %u: p_paddr 0x%" PRIx64
			       " + p_memsz 0x%" PRIx64 " overflows 64 bits",
			       img->path, index, (uint64_t)ph->p_paddr,
			       (uint64_t)ph->p_memsz);
	if (img->nsegs == LOAD_MAX_SEGS)
		return err_set(err, -EINVAL,
			       "%s: segment %u: more than %d loadable segments",
			       img->path, index, LOAD_MAX_SEGS);
	/* SPEC "Guest images": segments go to their physical address. */
	img->seg[img->nsegs++] = (struct load_seg){
		.gpa = ph->p_paddr,
		.file_off = ph->p_filesz ? ph->p_offset : 0,
		.filesz = ph->p_filesz,
		.memsz = ph->p_memsz,
		.index = index,
	};
	return 0;
}

/* Every program header: collect the PT_LOADs that occupy memory. */
static int load_elf_phdrs(struct image *img, const GElf_Ehdr *eh,
			  struct vmm_err *err)
{
	uint64_t declared;
	size_t phnum;
	GElf_Phdr ph;
	int ret;

	ret = load_elf_declared_phnum(img, eh, &declared, err);
	if (ret)
		return ret;
	if (declared) {
		ret = load_elf_phdr_table(img, eh, declared, err);
		if (ret)
			return ret;
	}
	if (elf_getphdrnum(img->elf, &phnum) != 0)
		return err_set(err, -EINVAL, "%s: elf_getphdrnum: %s",
			       img->path, elf_errmsg(-1));
	for (size_t i = 0; i < phnum; i++) {
		if (!gelf_getphdr(img->elf, (int)i, &ph))
			return err_set(err, -EINVAL,
				       "%s: segment %zu: gelf_getphdr: %s",
				       img->path, i, elf_errmsg(-1));
		if (ph.p_type != PT_LOAD)
			continue;
		ret = load_elf_seg(img, (unsigned)i, &ph, err);
		if (ret)
			return ret;
	}
	if (img->nsegs == 0)
		return err_set(
			err, -EINVAL,
			"%s: no loadable segment (PT_LOAD with p_memsz > 0)",
			img->path);
	return 0;
}

int load_elf_open(struct image *img, struct vmm_err *err)
{
	GElf_Ehdr eh;
	int ret;

	ret = load_elf_ident(img, err);
	if (ret)
		return ret;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return err_set(err, -EINVAL, "%s: elf_version: %s", img->path,
			       elf_errmsg(-1));
	/* libelf only reads: the headers are little-endian like the host,
	 * and the handle is never written or updated. */
	img->elf = elf_memory((char *)img->data, img->size);
	if (!img->elf)
		return err_set(err, -EINVAL, "%s: elf_memory: %s", img->path,
			       elf_errmsg(-1));
	if (!gelf_getehdr(img->elf, &eh))
		return err_set(err, -EINVAL, "%s: gelf_getehdr: %s", img->path,
			       elf_errmsg(-1));
	ret = load_elf_header(img, &eh, err);
	if (ret)
		return ret;
	ret = load_elf_phdrs(img, &eh, err);
	if (ret)
		return ret;
	img->entry = eh.e_entry;
	return 0;
}

int load_elf_check_mode(const struct image *img, const struct machine *m,
			struct vmm_err *err)
{
	/* SPEC "Guest images": ELFCLASS64 needs long mode, ELFCLASS32
	 * protected mode (or real mode, for 16-bit code linked as elf_i386). */
	int is_long = m->entry == ENTRY_LONG;

	if ((img->elf_class == 64) == is_long)
		return 0;
	return err_set(err, -EINVAL,
		       "%s:%u:%u: entry mode '%s' cannot run '%s': %s needs %s",
		       m->file, m->entry_mark.line, m->entry_mark.column,
		       machine_entry_name(m->entry), img->path,
		       load_elf_class_of(img)->name,
		       img->elf_class == 64 ? "'long'"
					    : "'protected' or 'real'");
}

void load_elf_close(struct image *img)
{
	if (img->elf)
		elf_end(img->elf);
	img->elf = NULL;
}
