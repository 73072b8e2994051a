// SPDX-License-Identifier: MIT
/* hello: the smallest SDK guest; prints one line and exits with status 0. */
#include "vmm_guest.h"

int main(const struct vmm_bootinfo *bi)
{
	(void)bi;
	vmm_printf("hello from a %d-bit C guest\n", (int)sizeof(void *) * 8);
	return 0;
}
