/* SPDX-License-Identifier: MIT */
/* What image.c, raw.c and elf.c share inside the loader; not for others. */
#ifndef VMM_LOADER_LOAD_INTERNAL_H
#define VMM_LOADER_LOAD_INTERNAL_H

#include "loader.h"

/*
 * Parse img->data[0, img->size) as ELF: identification, header and program
 * headers, collecting each PT_LOAD with p_memsz > 0 as a segment checked
 * against the file (never against a machine). Sets img->elf_class,
 * img->entry, img->seg and img->nsegs; img->elf holds the libelf handle for
 * load_elf_close. Returns 0, or -EINVAL with err set to "PATH: ...".
 */
int load_elf_open(struct image *img, struct vmm_err *err);

/*
 * Refuse an ELF class that entry mode m->entry cannot run, reported at the
 * machine's entry mark. Returns 0 or -EINVAL with err set.
 */
int load_elf_check_mode(const struct image *img, const struct machine *m,
			struct vmm_err *err);

/* End the libelf handle in img->elf, if any, and clear it. */
void load_elf_close(struct image *img);

/*
 * Make the whole raw file one segment at m->load_address, starting there.
 * Returns 0, or -EINVAL with err set (at the load_address mark) when the
 * end of the image overflows 64 bits.
 */
int load_raw_place(struct image *img, const struct machine *m,
		   struct vmm_err *err);

#endif
