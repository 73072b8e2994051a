// SPDX-License-Identifier: MIT
/*
 * memset, memcpy and friends for freestanding guests. Built with
 * -fno-tree-loop-distribute-patterns, so gcc cannot turn these very loops
 * back into calls to themselves.
 */
#include <stdint.h>

#include "vmm_guest.h"

void *memset(void *dst, int c, size_t len)
{
	unsigned char *d = dst;

	while (len-- > 0)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t len)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (len-- > 0)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t len)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((uintptr_t)d - (uintptr_t)s >= len)
		return memcpy(dst, src, len);
	while (len-- > 0)
		d[len] = s[len];
	return dst;
}

int memcmp(const void *a, const void *b, size_t len)
{
	const unsigned char *p = a, *q = b;

	for (; len > 0; len--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

size_t strlen(const char *s)
{
	size_t len = 0;

	while (s[len] != '\0')
		len++;
	return len;
}

int strncmp(const char *a, const char *b, size_t len)
{
	for (; len > 0; len--, a++, b++)
		if (*a != *b || *a == '\0')
			return (unsigned char)*a - (unsigned char)*b;
	return 0;
}

int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, SIZE_MAX);
}

const char *vmm_parse_ulong(const char *s, unsigned long *val)
{
	unsigned long n = 0;

	if (*s < '0' || *s > '9')
		return NULL;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (__builtin_mul_overflow(n, 10, &n) ||
		    __builtin_add_overflow(n, (unsigned long)(*s - '0'), &n))
			return NULL;
	}
	*val = n;
	return s;
}
