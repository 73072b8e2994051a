/* SPDX-License-Identifier: MIT */
/*
 * A small printf for guests, on the console or into a buffer. Conversions:
 * %d %i %u %x %X %c %s %p %%, the length modifiers hh h l ll z, the flags
 * '-' and '0', a field width and a precision (digits or *). No floating
 * point. An unknown conversion prints its character as it is.
 */
#ifndef VMM_GUEST_PRINT_H
#define VMM_GUEST_PRINT_H

#include <stdarg.h>
#include <stddef.h>

/* Format to the console; returns the number of bytes produced. */
__attribute__((format(printf, 1, 2))) int vmm_printf(const char *fmt, ...);

/* vmm_printf with the arguments in a va_list. */
__attribute__((format(printf, 1, 0))) int vmm_vprintf(const char *fmt,
                                                      va_list ap);

/*
 * Format into buf (size bytes, always NUL-terminated when size > 0);
 * returns the length the whole result would have, as snprintf does.
 */
__attribute__((format(printf, 3, 4))) int vmm_snprintf(char *buf, size_t size,
                                                       const char *fmt, ...);

/* vmm_snprintf with the arguments in a va_list. */
__attribute__((format(printf, 3, 0))) int
vmm_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
