/* SPDX-License-Identifier: MIT */
/*
 * The machine file's YAML read one libyaml event at a time, with messages at
 * file marks; YAML features a machine file has no use for are refused.
 */
#ifndef VMM_CONFIG_CFG_YAML_H
#define VMM_CONFIG_CFG_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include <yaml.h>

#include "../src/err.h"
#include "machine.h"

struct cfg_reader {
	const char *name; /* what messages start with */
	const char *text; /* the YAML text [0, len), not owned */
	size_t len;
	yaml_parser_t yp;
	yaml_event_t ev; /* the current event, owned while has_ev */
	bool has_ev;
	struct vmm_err *err;
};

/* Start reading text[0, len); name and text must outlive r. 0, or -ENOMEM
 * with err set. After success, cfg_close(r) frees what libyaml holds. */
int cfg_open(struct cfg_reader *r, const char *name, const char *text,
	     size_t len, struct vmm_err *err);

/* Free the current event and the libyaml parser. */
void cfg_close(struct cfg_reader *r);

/* Set r->err to "NAME:LINE:COLUMN: message" and return -EINVAL. */
__attribute__((format(printf, 3, 4))) int
cfg_fail(struct cfg_reader *r, struct cfg_mark at, const char *fmt, ...);

/*
 * Move to the next event. Returns 0, or a negative errno with err set for a
 * syntax error (at libyaml's problem mark), an alias, anchor or tag, or a
 * scalar holding a NUL character.
 */
int cfg_next(struct cfg_reader *r);

/* Where the current event starts. */
struct cfg_mark cfg_here(const struct cfg_reader *r);

/* True when the current event is an empty plain scalar: YAML's null. */
bool cfg_is_null(const struct cfg_reader *r);

/* "a scalar", "a sequence" or "a mapping": what the current event is. */
const char *cfg_kind(const struct cfg_reader *r);

/* Read the value of key what, which must be a scalar and not null. 0 with
 * *s set to its NUL-terminated text (owned by r, valid until the next
 * cfg_next), or a negative errno with err set. */
int cfg_scalar(struct cfg_reader *r, const char *what, const char **s);

/* Read the value of key what, which must be a mapping: 1 when one starts,
 * 0 for null (taken as an empty mapping), or a negative errno. */
int cfg_mapping(struct cfg_reader *r, const char *what);

/* Read the next key of the current mapping, which must be a scalar: 1 with
 * *key set (as for cfg_scalar), 0 at the mapping's end, or a negative errno. */
int cfg_key(struct cfg_reader *r, const char **key);

#endif
