// SPDX-License-Identifier: MIT
/* greet: says hello to whoever the command line names, then counts the lines
 * of its input; exits with status 3 so that the test checks a status. */
#include "vmm_guest.h"

int main(const struct vmm_bootinfo *bi)
{
	int key, lines = 0;

	vmm_printf("hello, %s\n", bi->cmdline_len ? bi->cmdline : "world");
	while ((key = vmm_getc()) != VMM_KEY_EOF)
		if (key == '\n')
			lines++;
	vmm_printf("%d lines read\n", lines);
	return 3;
}
