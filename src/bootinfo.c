/* SPDX-License-Identifier: MIT */
/* Boot information: built and bounded on the host, then copied. */
#include <errno.h>
#include <string.h>

#include "bootinfo.h"

int bootinfo_build(struct vmm_bootinfo *bi, uint64_t mem_bytes, int argc,
		   char **argv, struct vmm_err *err)
{
	size_t len = 0;

	memset(bi, 0, sizeof(*bi));
	bi->magic = VMM_BOOTINFO_MAGIC;
	bi->version = VMM_BOOTINFO_VERSION;
	bi->size = sizeof(*bi);
	bi->mem_bytes = mem_bytes;
	for (unsigned i = 0; i < VMM_PORT_SLOTS; i++)
		bi->ports[i] = VMM_PORT_ABSENT;
	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]);

		/* One separator, the word, and the NUL must fit. */
		if (n + (i > 0) >= sizeof(bi->cmdline) - len)
			return err_set(err, -E2BIG,
				       "the guest command line is longer than %u bytes",
				       VMM_CMDLINE_MAX - 1);
		if (i > 0)
			bi->cmdline[len++] = ' ';
		memcpy(bi->cmdline + len, argv[i], n);
		len += n;
	}
	bi->cmdline_len = (uint32_t)len;
	return 0;
}

int bootinfo_write(const struct vmm_bootinfo *bi, const struct gmem *gm)
{
	void *p = gmem_ptr(gm, VMM_BOOTINFO_GPA, sizeof(*bi));

	if (!p)
		return -EINVAL;
	memcpy(p, bi, sizeof(*bi));
	return 0;
}
