/* SPDX-License-Identifier: MIT */
/* The one-line error a failing function hands back to main.c. */
#ifndef VMM_SRC_ERR_H
#define VMM_SRC_ERR_H

#define VMM_ERR_MSG_MAX 512

struct vmm_err {
	int code;                   /* negative errno, 0 when none */
	char msg[VMM_ERR_MSG_MAX]; /* one line, no trailing newline */
};

/*
 * Record code and a printf-formatted message in err (which may be NULL) and
 * return code, so callers write `return err_set(err, -EINVAL, "...", ...)`.
 * The message is truncated to fit; a later call overwrites an earlier one.
 */
__attribute__((format(printf, 3, 4))) int err_set(struct vmm_err *err,
						   int code, const char *fmt,
						   ...);

#endif
