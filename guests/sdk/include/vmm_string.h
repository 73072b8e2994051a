/* SPDX-License-Identifier: MIT */
/*
 * The few C library string functions a guest needs (gcc may emit calls to
 * memset, memcpy, memmove and memcmp on its own), and number parsing.
 */
#ifndef VMM_GUEST_STRING_H
#define VMM_GUEST_STRING_H

#include <stddef.h>

void *memset(void *dst, int c, size_t len);
void *memcpy(void *restrict dst, const void *restrict src, size_t len);
void *memmove(void *dst, const void *src, size_t len);
int memcmp(const void *a, const void *b, size_t len);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t len);

/*
 * Parse the unsigned decimal number at the start of s into *val. Returns
 * the first byte after the digits, or NULL when s does not start with a
 * digit or the number does not fit in an unsigned long.
 */
const char *vmm_parse_ulong(const char *s, unsigned long *val);

#endif
