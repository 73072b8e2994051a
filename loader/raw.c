/* SPDX-License-Identifier: MIT */
/* Raw images: the whole file is one segment at the machine's load_address. */
#include <errno.h>
#include <inttypes.h>

#include "checked.h"
#include "load_internal.h"

int load_raw_place(struct image *img, const struct machine *m,
		   struct vmm_err *err)
{
	uint64_t end;

	/* load_address comes from the machine file, the size from the image:
	 * their sum is untrusted. */
	if (!add_ok(m->load_address, img->size, &end))
		return err_set(err, -EINVAL,
			       "%s:%u:%u: load_address 0x%" PRIx64
			       " + size 0x%zx of '%s' overflows 64 bits",
			       m->file, m->load_mark.line, m->load_mark.column,
			       m->load_address, img->size, img->path);
	/* SPEC "Guest images": copied to load_address, started there. */
	img->seg[0] = (struct load_seg){
		.gpa = m->load_address,
		.file_off = 0,
		.filesz = img->size,
		.memsz = img->size,
		.index = 0,
	};
	img->nsegs = 1;
	img->entry = m->load_address;
	return 0;
}
