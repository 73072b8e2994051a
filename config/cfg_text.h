/* SPDX-License-Identifier: MIT */
/* The words of a machine file: numbers, names and how messages show them. */
#ifndef VMM_CONFIG_CFG_TEXT_H
#define VMM_CONFIG_CFG_TEXT_H

#include <stddef.h>
#include <stdint.h>

#define CFG_SHOW_MAX 48  /* cfg_text_show's buffer */
#define CFG_HINT_MAX 160 /* cfg_text_hint's buffer */

/*
 * Parse all of s as a number: decimal, or hex after 0x or 0X, then an
 * optional K, M or G suffix (x 2^10, 2^20, 2^30). No sign, space or other
 * text. Returns 0 with *val set, -ERANGE when it does not fit in 64 bits, or
 * -EINVAL.
 */
int cfg_text_number(const char *s, uint64_t *val);

/*
 * Parse all of s as a duration: decimal seconds with up to 9 digits after
 * a '.', then an optional unit "s", "ms" or "us" (none: seconds), e.g.
 * "1", "0.25", "250ms". Exact: no floating point. Returns 0 with *ns set,
 * -ERANGE when it does not fit in 64 bits of nanoseconds, or -EINVAL.
 */
int cfg_text_duration(const char *s, uint64_t *ns);

/* The index of s in names[0, n), or -1. */
int cfg_text_find(const char *s, const char *const *names, size_t n);

/* Copy s into buf[CFG_SHOW_MAX] fit for a one-line message: control
 * characters (C0, DEL and UTF-8 C1) become '?', and a long s is cut and
 * ends in "...". */
void cfg_text_show(char *buf, const char *s);

/* Write into buf[CFG_HINT_MAX] what to say after "unknown ... 's'": the near
 * miss " (did you mean 'x'?)", or else " (expected 'a', 'b' or 'c')". */
void cfg_text_hint(char *buf, const char *s, const char *const *names,
		   size_t n);

#endif
