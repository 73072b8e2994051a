/* SPDX-License-Identifier: MIT */
/*
 * The console: bytes out to vmm's standard output (SPEC "Console"). vmm
 * buffers by line; the SDK sends each byte at once. With no console in the
 * machine, output is dropped.
 */
#ifndef VMM_GUEST_CONSOLE_H
#define VMM_GUEST_CONSOLE_H

#include <stddef.h>

/* Write one byte. */
void vmm_putc(char c);

/* Write len bytes of buf, in order (one rep outsb). */
void vmm_write(const void *buf, size_t len);

/* Write the NUL-terminated string s, without adding a newline. */
void vmm_puts(const char *s);

#endif
