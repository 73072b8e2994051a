// SPDX-License-Identifier: MIT
/*
 * args: prints the guest command line from the boot information (what
 * followed `--` on vmm's command line) and the number of words in it.
 */
#include "vmm_guest.h"

/* Words are separated by one or more spaces. */
static unsigned int count_words(const char *s)
{
	unsigned int n = 0;
	int in_word = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ')
			in_word = 0;
		else if (!in_word) {
			in_word = 1;
			n++;
		}
	}
	return n;
}

int main(const struct vmm_bootinfo *bi)
{
	if (bi->cmdline_len > 0)
		vmm_printf("args: %s\n", bi->cmdline);
	else
		vmm_printf("args:\n");
	vmm_printf("count: %u\n", count_words(bi->cmdline));
	return 0;
}
