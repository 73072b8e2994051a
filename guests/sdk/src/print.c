// SPDX-License-Identifier: MIT
/*
 * vmm_printf and vmm_snprintf: one formatter writing to a sink, which is
 * either a caller's buffer or a small buffer flushed to the console.
 */
#include <stdarg.h>
#include <stdint.h>

#include "vmm_guest.h"

#define CHUNK_BYTES 128

struct sink {
	char *buf;      /* the caller's buffer, or chunk for the console */
	size_t size;    /* bytes of buf for text (room for a NUL excluded) */
	size_t len;     /* bytes in buf */
	size_t total;   /* bytes produced, stored or not */
	int is_console; /* flush buf to the console when full */
	char chunk[CHUNK_BYTES];
};

struct spec {
	int is_left;  /* '-' */
	int is_zero;  /* '0' */
	int width;    /* minimum field width */
	int prec;     /* precision, or -1 */
	int len_mods; /* 'l' counts 1, "ll" 2; 'z' is 3; 'h' -1, "hh" -2 */
};

static void sink_flush(struct sink *s)
{
	if (s->is_console) {
		vmm_write(s->buf, s->len);
		s->len = 0;
	}
}

static void sink_put(struct sink *s, char c)
{
	if (s->len == s->size)
		sink_flush(s);
	if (s->len < s->size)
		s->buf[s->len++] = c;
	s->total++;
}

static void sink_pad(struct sink *s, char c, int count)
{
	while (count-- > 0)
		sink_put(s, c);
}

/*
 * n / base, with the remainder in *rem. 32-bit guests have no libgcc for
 * a 64-bit division, so long division by bits covers the large values.
 */
static uint64_t divmod(uint64_t n, unsigned int base, unsigned int *rem)
{
	uint64_t q = 0;
	uint32_t r = 0;
	int bit;

	if (n <= UINT32_MAX) {
		*rem = (uint32_t)n % base;
		return (uint32_t)n / base;
	}
	for (bit = 63; bit >= 0; bit--) {
		r = (r << 1) | (uint32_t)((n >> bit) & 1);
		if (r >= base) {
			r -= base;
			q |= (uint64_t)1 << bit;
		}
	}
	*rem = r;
	return q;
}

/* One integer conversion: sign or prefix, precision zeros, padding. */
static void put_number(struct sink *s, const struct spec *sp, uint64_t val,
                       unsigned int base, int is_upper, const char *prefix)
{
	const char *digits = is_upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int ndigits = 0, nprefix = 0, nzero, pad;
	unsigned int rem;

	do {
		val = divmod(val, base, &rem);
		tmp[ndigits++] = digits[rem];
	} while (val != 0);
	while (prefix[nprefix] != '\0')
		nprefix++;
	nzero = sp->prec > ndigits ? sp->prec - ndigits : 0;
	pad = sp->width - nprefix - nzero - ndigits;
	if (sp->is_zero && !sp->is_left && sp->prec < 0) {
		nzero += pad > 0 ? pad : 0;
		pad = 0;
	}
	if (!sp->is_left)
		sink_pad(s, ' ', pad);
	while (*prefix != '\0')
		sink_put(s, *prefix++);
	sink_pad(s, '0', nzero);
	while (ndigits > 0)
		sink_put(s, tmp[--ndigits]);
	if (sp->is_left)
		sink_pad(s, ' ', pad);
}

static void put_string(struct sink *s, const struct spec *sp, const char *str)
{
	int len = 0, pad;

	if (str == NULL)
		str = "(null)";
	while (str[len] != '\0' && (sp->prec < 0 || len < sp->prec))
		len++;
	pad = sp->width - len;
	if (!sp->is_left)
		sink_pad(s, ' ', pad);
	while (len-- > 0)
		sink_put(s, *str++);
	if (sp->is_left)
		sink_pad(s, ' ', pad);
}

static int64_t arg_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->len_mods) {
	case -2:
		return (signed char)va_arg(*ap, int);
	case -1:
		return (short)va_arg(*ap, int);
	case 1:
		return va_arg(*ap, long);
	case 2:
		return va_arg(*ap, long long);
	case 3:
		return (intptr_t)va_arg(*ap, size_t);
	default:
		return va_arg(*ap, int);
	}
}

static uint64_t arg_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->len_mods) {
	case -2:
		return (unsigned char)va_arg(*ap, unsigned int);
	case -1:
		return (unsigned short)va_arg(*ap, unsigned int);
	case 1:
		return va_arg(*ap, unsigned long);
	case 2:
		return va_arg(*ap, unsigned long long);
	case 3:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* Flags, width, precision and length of the spec at fmt; returns the
 * conversion character's position. */
static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .prec = -1 };
	for (;; fmt++) {
		if (*fmt == '-')
			sp->is_left = 1;
		else if (*fmt == '0')
			sp->is_zero = 1;
		else
			break;
	}
	if (*fmt == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->is_left = 1;
			sp->width = -sp->width;
		}
		fmt++;
	}
	while (*fmt >= '0' && *fmt <= '9')
		sp->width = sp->width * 10 + (*fmt++ - '0');
	if (*fmt == '.') {
		sp->prec = 0;
		if (*++fmt == '*') {
			sp->prec = va_arg(*ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			sp->prec = sp->prec * 10 + (*fmt++ - '0');
	}
	for (; *fmt == 'l' || *fmt == 'h' || *fmt == 'z'; fmt++)
		sp->len_mods += *fmt == 'l' ? 1 : *fmt == 'h' ? -1 : 3;
	return fmt;
}

static void put_signed(struct sink *s, const struct spec *sp, int64_t val)
{
	uint64_t mag = val < 0 ? 0 - (uint64_t)val : (uint64_t)val;

	put_number(s, sp, mag, 10, 0, val < 0 ? "-" : "");
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
	struct spec sp;
	va_list args;

	va_copy(args, ap);
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			sink_put(s, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		switch (*fmt) {
		case 'd':
		case 'i':
			put_signed(s, &sp, arg_signed(&sp, &args));
			break;
		case 'u':
			put_number(s, &sp, arg_unsigned(&sp, &args), 10, 0, "");
			break;
		case 'x':
		case 'X':
			put_number(s, &sp, arg_unsigned(&sp, &args), 16,
			           *fmt == 'X', "");
			break;
		case 'p':
			put_number(s, &sp, (uintptr_t)va_arg(args, void *), 16,
			           0, "0x");
			break;
		case 'c':
			sink_pad(s, ' ', sp.is_left ? 0 : sp.width - 1);
			sink_put(s, (char)va_arg(args, int));
			sink_pad(s, ' ', sp.is_left ? sp.width - 1 : 0);
			break;
		case 's':
			put_string(s, &sp, va_arg(args, const char *));
			break;
		case '\0':
			fmt--; /* a lone '%' at the end: stop at the NUL */
			break;
		default: /* '%' itself, or a conversion we do not know */
			sink_put(s, *fmt);
			break;
		}
	}
	va_end(args);
}

int vmm_vprintf(const char *fmt, va_list ap)
{
	struct sink s = { .size = CHUNK_BYTES, .is_console = 1 };

	s.buf = s.chunk;
	format(&s, fmt, ap);
	sink_flush(&s);
	return (int)s.total;
}

int vmm_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vmm_vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int vmm_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { .buf = buf, .size = size > 0 ? size - 1 : 0 };

	format(&s, fmt, ap);
	if (size > 0)
		buf[s.len] = '\0';
	return (int)s.total;
}

int vmm_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vmm_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
