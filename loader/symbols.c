/* SPDX-License-Identifier: MIT */
/* Symbols of an ELF guest, sorted for address lookup. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <gelf.h>
#include <libelf.h>

#include "symbols.h"

/* A file claiming more symbols than this is not worth naming RIP with. */
#define SYMBOLS_MAX (1u << 20)

static int sym_cmp(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* At one address, a sized symbol (a function) wins over a label. */
	return (x->size == 0) - (y->size == 0);
}

static int sym_is_named_code(const GElf_Sym *s)
{
	int type = GELF_ST_TYPE(s->st_info);

	return s->st_name != 0 && s->st_shndx != SHN_UNDEF &&
	       s->st_shndx < SHN_LORESERVE &&
	       (type == STT_FUNC || type == STT_OBJECT || type == STT_NOTYPE);
}

static int symbols_add_section(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh,
			       struct symtab *st)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t entsize = gelf_fsize(elf, ELF_T_SYM, 1, EV_CURRENT);
	size_t count;
	struct sym *grown;

	if (!data || entsize == 0)
		return 0;
	count = data->d_size / entsize;
	if (count > SYMBOLS_MAX - st->n)
		count = SYMBOLS_MAX - st->n;
	grown = realloc(st->sym, (st->n + count) * sizeof(*grown) + 1);
	if (!grown)
		return -ENOMEM;
	st->sym = grown;
	for (size_t i = 0; i < count; i++) {
		GElf_Sym s;
		const char *name;

		if (!gelf_getsym(data, (int)i, &s) || !sym_is_named_code(&s))
			continue;
		name = elf_strptr(elf, sh->sh_link, s.st_name);
		if (!name || !name[0])
			continue;
		st->sym[st->n].addr = s.st_value;
		st->sym[st->n].size = s.st_size;
		st->sym[st->n].name = name;
		st->n++;
	}
	return 0;
}

int load_symbols(const struct image *img, struct symtab *st)
{
	Elf *elf = img->elf;
	Elf_Scn *scn = NULL;
	int rc = 0;

	st->sym = NULL;
	st->n = 0;
	if (!elf)
		return 0;
	while (rc == 0 && (scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;

		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB)
			rc = symbols_add_section(elf, scn, &sh, st);
	}
	if (rc < 0) {
		symtab_free(st);
		return rc;
	}
	if (st->n)
		qsort(st->sym, st->n, sizeof(st->sym[0]), sym_cmp);
	return 0;
}

const struct sym *symtab_find(const struct symtab *st, uint64_t addr,
			      uint64_t *off)
{
	size_t lo = 0, hi = st->n;
	const struct sym *s;

	/* The last symbol with s->addr <= addr; the first of equals wins. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (st->sym[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	s = &st->sym[lo - 1];
	while (s > st->sym && s[-1].addr == s->addr)
		s--;
	if (s->size && addr - s->addr >= s->size)
		return NULL;
	*off = addr - s->addr;
	return s;
}

void symtab_free(struct symtab *st)
{
	free(st->sym);
	st->sym = NULL;
	st->n = 0;
}
