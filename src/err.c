/* SPDX-License-Identifier: MIT */
/* err_set: fill a struct vmm_err. */
#include <stdarg.h>
#include <stdio.h>

#include "err.h"

int err_set(struct vmm_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	err->is_placed = 0;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void err_placed(struct vmm_err *err)
{
	if (err)
		err->is_placed = 1;
}

void err_print(const struct vmm_err *err, FILE *out)
{
	fprintf(out, "%s%s\n", err->is_placed ? "" : "vmm: ", err->msg);
}
