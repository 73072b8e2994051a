/* SPDX-License-Identifier: MIT */
/* Numbers and names of a machine file, and near-miss hints for typos. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/checked.h"
#include "cfg_text.h"

#define CFG_NAME_MAX 32 /* longer names get no "did you mean" */

int cfg_text_number(const char *s, uint64_t *val)
{
	static const char suffixes[] = "KMG";
	bool is_hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	const char *digits = is_hex ? s + 2 : s;
	size_t len = strlen(s);
	uint64_t scale = 1;
	char *end;

	if (len && strchr(suffixes, s[len - 1])) {
		scale = 1ull << (10 * (strchr(suffixes, s[len - 1]) - suffixes + 1));
		len--;
	}
	/* strtoull itself would take a sign, spaces, or a second "0x". */
	if (is_hex ? !isxdigit((unsigned char)*digits) :
		     !isdigit((unsigned char)*digits))
		return -EINVAL;
	errno = 0;
	*val = strtoull(s, &end, is_hex ? 16 : 10);
	if (end != s + len)
		return -EINVAL;
	if (errno == ERANGE || !mul_ok(*val, scale, val))
		return -ERANGE;
	return 0;
}

/* The unit at the end of a duration, and its nanoseconds; NULL for none. */
static const struct cfg_unit {
	const char *name;
	uint64_t ns;
} cfg_units[] = { { "ms", 1000000u }, { "us", 1000u }, { "s", 1000000000u } };

static uint64_t cfg_duration_unit(const char *s, size_t *len)
{
	for (size_t i = 0; i < sizeof(cfg_units) / sizeof(cfg_units[0]); i++) {
		size_t n = strlen(cfg_units[i].name);

		if (*len > n && strcmp(s + *len - n, cfg_units[i].name) == 0) {
			*len -= n;
			return cfg_units[i].ns;
		}
	}
	return 1000000000u;
}

int cfg_text_duration(const char *s, uint64_t *ns)
{
	size_t len = strlen(s), i = 0;
	uint64_t unit = cfg_duration_unit(s, &len), whole = 0, frac = 0;
	uint64_t scale = unit, part;
	int digits = 0;

	if (!len || !isdigit((unsigned char)s[0]))
		return -EINVAL;
	for (; i < len && isdigit((unsigned char)s[i]); i++)
		if (!mul_ok(whole, 10, &whole) ||
		    !add_ok(whole, (uint64_t)(s[i] - '0'), &whole))
			return -ERANGE;
	if (i < len && s[i] == '.') {
		/* Each digit after the point is worth a tenth of the last;
		 * one finer than a nanosecond is refused, not rounded. */
		for (i++; i < len && isdigit((unsigned char)s[i]); i++) {
			scale /= 10;
			if (++digits > 9 || (!scale && s[i] != '0'))
				return -EINVAL;
			frac += (uint64_t)(s[i] - '0') * scale;
		}
		if (!digits)
			return -EINVAL;
	}
	if (i != len)
		return -EINVAL;
	if (!mul_ok(whole, unit, &part) || !add_ok(part, frac, ns))
		return -ERANGE;
	return 0;
}

int cfg_text_find(const char *s, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}

/* The length of a control character at s (C0, DEL, or C1 as UTF-8
 * 0xc2 0x80-0x9f: a terminal takes U+009B as an escape too), or 0. */
static size_t cfg_control_len(const char *s)
{
	unsigned char c = (unsigned char)s[0];

	if (c < 0x20 || c == 0x7f)
		return 1;
	if (c == 0xc2 && (unsigned char)s[1] >= 0x80 &&
	    (unsigned char)s[1] <= 0x9f)
		return 2;
	return 0;
}

void cfg_text_show(char *buf, const char *s)
{
	size_t i = 0, j = 0, n;

	while (s[i] && j < CFG_SHOW_MAX - 4) {
		n = cfg_control_len(s + i);
		buf[j++] = n ? '?' : s[i];
		i += n ? n : 1;
	}
	if (s[i]) {
		/* Do not leave half a UTF-8 character before the dots. */
		while (j && ((unsigned char)buf[j - 1] & 0xc0) == 0x80)
			j--;
		if (j && (unsigned char)buf[j - 1] >= 0xc0)
			j--;
		memcpy(buf + j, "...", 3);
		j += 3;
	}
	buf[j] = '\0';
}

/* Edits (insert, delete, change, swap two neighbours) from a to b. */
static unsigned cfg_distance(const char *a, const char *b)
{
	unsigned d[CFG_NAME_MAX + 1][CFG_NAME_MAX + 1];
	size_t la = strlen(a), lb = strlen(b);

	if (la > CFG_NAME_MAX || lb > CFG_NAME_MAX)
		return UINT_MAX;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			unsigned v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

void cfg_text_hint(char *buf, const char *s, const char *const *names,
		   size_t n)
{
	unsigned best = UINT_MAX;
	size_t at = 0, len;

	for (size_t i = 0; i < n; i++) {
		unsigned d = cfg_distance(s, names[i]);

		if (d < best) {
			best = d;
			at = i;
		}
	}
	/* One slip in a short name, two in a longer one. */
	if (n && best <= (strlen(names[at]) <= 4 ? 1u : 2u)) {
		snprintf(buf, CFG_HINT_MAX, " (did you mean '%s'?)", names[at]);
		return;
	}
	len = (size_t)snprintf(buf, CFG_HINT_MAX, " (expected");
	for (size_t i = 0; i < n && len < CFG_HINT_MAX; i++)
		len += (size_t)snprintf(buf + len, CFG_HINT_MAX - len, "%s'%s'",
					i == 0 ? " " : i + 1 == n ? " or " : ", ",
					names[i]);
	if (len < CFG_HINT_MAX)
		snprintf(buf + len, CFG_HINT_MAX - len, ")");
}
