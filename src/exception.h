/* SPDX-License-Identifier: MIT */
/* The 32 CPU exception vectors: names, which push an error code, and what
 * the error code's fields say. Pure: no KVM, no guest memory. */
#ifndef VMM_SRC_EXCEPTION_H
#define VMM_SRC_EXCEPTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EXC_VECTORS 32
#define EXC_BP 3
#define EXC_PF 14

/* "page fault (#PF)", or "reserved vector 15" for a vector with no name. */
const char *exc_name(unsigned vector);

/* Does the CPU push an error code for this vector? */
bool exc_has_error_code(unsigned vector);

/* The error code decoded into buf (always NUL-terminated): #PF's
 * present/write/user/fetch bits, the selector of #TS, #NP, #SS and #GP,
 * else just the number. */
void exc_error_text(unsigned vector, uint32_t code, char *buf, size_t n);

#endif
