/* SPDX-License-Identifier: MIT */
/* The machine file's YAML one event at a time; what the keys mean is left to
 * machine.c. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cfg_text.h"
#include "cfg_yaml.h"

static struct cfg_mark cfg_mark_of(yaml_mark_t mk)
{
	return (struct cfg_mark){ (unsigned)mk.line + 1,
				  (unsigned)mk.column + 1 };
}

/* The mark of byte off in text[0, len), counting columns in characters as
 * libyaml does (UTF-8 continuation bytes start none). */
static struct cfg_mark cfg_mark_at(const char *text, size_t len, size_t off)
{
	struct cfg_mark at = { 1, 1 };

	for (size_t i = 0; i < off && i < len; i++) {
		if (text[i] == '\n') {
			at.line++;
			at.column = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			at.column++;
		}
	}
	return at;
}

int cfg_open(struct cfg_reader *r, const char *name, const char *text,
	     size_t len, struct vmm_err *err)
{
	memset(r, 0, sizeof(*r));
	r->name = name;
	r->text = text;
	r->len = len;
	r->err = err;
	if (!yaml_parser_initialize(&r->yp))
		return err_set(err, -ENOMEM, "%s: out of memory", name);
	yaml_parser_set_input_string(&r->yp, (const unsigned char *)text, len);
	return 0;
}

void cfg_close(struct cfg_reader *r)
{
	if (r->has_ev)
		yaml_event_delete(&r->ev);
	r->has_ev = false;
	yaml_parser_delete(&r->yp);
}

int cfg_fail(struct cfg_reader *r, struct cfg_mark at, const char *fmt, ...)
{
	char msg[VMM_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(r->err, -EINVAL, "%s:%u:%u: %s", r->name, at.line,
		       at.column, msg);
}

/* libyaml's own complaint: the text is not well-formed YAML. */
static int cfg_syntax(struct cfg_reader *r)
{
	const yaml_parser_t *y = &r->yp;
	struct cfg_mark at = cfg_mark_of(y->problem_mark);
	struct cfg_mark ctx = cfg_mark_of(y->context_mark);
	const char *problem = y->problem ? y->problem : "malformed text";

	if (y->error == YAML_MEMORY_ERROR)
		return err_set(r->err, -ENOMEM, "%s: out of memory", r->name);
	/* The reader (bad UTF-8, control characters) gives an offset only. */
	if (y->error == YAML_READER_ERROR)
		at = cfg_mark_at(r->text, r->len, y->problem_offset);
	if (y->context)
		return cfg_fail(r, at, "syntax error: %s (%s at %u:%u)", problem,
				y->context, ctx.line, ctx.column);
	return cfg_fail(r, at, "syntax error: %s", problem);
}

/* Refuse what would be silently misread: an alias shares a node, an anchor
 * names one for that, a tag changes a type, a NUL cuts a name short. The
 * names are shown through cfg_text_show: libyaml decodes %XX in a tag, so a
 * tag can hold a newline or a terminal escape. */
static int cfg_refuse(struct cfg_reader *r)
{
	const yaml_event_t *ev = &r->ev;
	const yaml_char_t *anchor = NULL, *tag = NULL;
	char shown[CFG_SHOW_MAX];

	if (ev->type == YAML_ALIAS_EVENT) {
		cfg_text_show(shown, (const char *)ev->data.alias.anchor);
		return cfg_fail(r, cfg_here(r),
				"aliases are not supported ('*%s')", shown);
	}
	if (ev->type == YAML_SCALAR_EVENT) {
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		if (strlen((const char *)ev->data.scalar.value) !=
		    ev->data.scalar.length)
			return cfg_fail(r, cfg_here(r),
					"a NUL character in a value is not supported");
	} else if (ev->type == YAML_SEQUENCE_START_EVENT) {
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
	} else if (ev->type == YAML_MAPPING_START_EVENT) {
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
	}
	if (anchor) {
		cfg_text_show(shown, (const char *)anchor);
		return cfg_fail(r, cfg_here(r),
				"anchors are not supported ('&%s')", shown);
	}
	if (tag) {
		cfg_text_show(shown, (const char *)tag);
		return cfg_fail(r, cfg_here(r), "tags are not supported ('%s')",
				shown);
	}
	return 0;
}

int cfg_next(struct cfg_reader *r)
{
	if (r->has_ev)
		yaml_event_delete(&r->ev);
	r->has_ev = false;
	if (!yaml_parser_parse(&r->yp, &r->ev))
		return cfg_syntax(r);
	r->has_ev = true;
	return cfg_refuse(r);
}

struct cfg_mark cfg_here(const struct cfg_reader *r)
{
	return cfg_mark_of(r->ev.start_mark);
}

bool cfg_is_null(const struct cfg_reader *r)
{
	return r->ev.type == YAML_SCALAR_EVENT &&
	       r->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	       r->ev.data.scalar.length == 0;
}

const char *cfg_kind(const struct cfg_reader *r)
{
	if (r->ev.type == YAML_SEQUENCE_START_EVENT)
		return "a sequence";
	if (r->ev.type == YAML_MAPPING_START_EVENT)
		return "a mapping";
	return "a scalar";
}

int cfg_scalar(struct cfg_reader *r, const char *what, const char **s)
{
	int rc = cfg_next(r);

	if (rc < 0)
		return rc;
	if (r->ev.type != YAML_SCALAR_EVENT)
		return cfg_fail(r, cfg_here(r), "'%s' must be a scalar, found %s",
				what, cfg_kind(r));
	if (cfg_is_null(r))
		return cfg_fail(r, cfg_here(r), "'%s' has no value", what);
	*s = (const char *)r->ev.data.scalar.value;
	return 0;
}

int cfg_mapping(struct cfg_reader *r, const char *what)
{
	int rc = cfg_next(r);

	if (rc < 0)
		return rc;
	if (r->ev.type == YAML_MAPPING_START_EVENT)
		return 1;
	if (cfg_is_null(r))
		return 0;
	return cfg_fail(r, cfg_here(r), "'%s' must be a mapping, found %s",
			what, cfg_kind(r));
}

int cfg_key(struct cfg_reader *r, const char **key)
{
	int rc = cfg_next(r);

	if (rc < 0)
		return rc;
	if (r->ev.type == YAML_MAPPING_END_EVENT)
		return 0;
	if (r->ev.type != YAML_SCALAR_EVENT)
		return cfg_fail(r, cfg_here(r), "a key must be a name, found %s",
				cfg_kind(r));
	*key = (const char *)r->ev.data.scalar.value;
	return 1;
}
