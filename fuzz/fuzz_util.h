/* SPDX-License-Identifier: MIT */
/* What the fuzz targets share: how a broken promise is reported. */
#ifndef VMM_FUZZ_FUZZ_UTIL_H
#define VMM_FUZZ_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* True when msg is one printable line: no newline, no control character
 * that starts a terminal escape (C0, DEL, UTF-8 C1). STYLE "Errors": one
 * line, which main.c prints to a terminal as it is. */
static inline int fuzz_is_one_line(const char *msg)
{
	const unsigned char *c = (const unsigned char *)msg;

	for (; *c; c++)
		if (*c < 0x20 || *c == 0x7f ||
		    (c[0] == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f))
			return 0;
	return 1;
}

/* A promise of the code under test was broken: abort, so that libFuzzer
 * reports it as a crash and saves the input. */
static inline void fuzz_broken(const char *target, const char *what,
			       const char *msg)
{
	fprintf(stderr, "%s: broken promise: %s%s%s\n", target, what,
		msg ? ": " : "", msg ? msg : "");
	abort();
}

#endif
