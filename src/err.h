/* SPDX-License-Identifier: MIT */
/* The one-line error a failing function hands back to its caller, and the
 * one place (err_print) that writes it out. */
#ifndef VMM_SRC_ERR_H
#define VMM_SRC_ERR_H

#include <stdio.h>

#define VMM_ERR_MSG_MAX 512

struct vmm_err {
	int code;                   /* negative errno, 0 when none */
	char msg[VMM_ERR_MSG_MAX]; /* one line, no trailing newline */
	int is_placed; /* msg starts with its place in a file ("FILE:LINE:
			* COLUMN: " or "FILE: "): err_print adds no "vmm: " */
};

/*
 * Record code and a printf-formatted message in err (which may be NULL) and
 * return code, so callers write `return err_set(err, -EINVAL, "...", ...)`.
 * The message is truncated to fit; a later call overwrites an earlier one.
 * Messages do not start with "vmm: " (err_print adds it).
 */
__attribute__((format(printf, 3, 4))) int err_set(struct vmm_err *err,
						   int code, const char *fmt,
						   ...);

/* Mark err's message as starting with its place (machine file, image). */
void err_placed(struct vmm_err *err);

/* Write err's message as one line to out: "vmm: MESSAGE", or the message
 * alone when it starts with its place. The one place that decides. */
void err_print(const struct vmm_err *err, FILE *out);

#endif
