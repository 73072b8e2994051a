/* SPDX-License-Identifier: MIT */
/* The guest's symbol table (ELF .symtab through libelf), to name addresses
 * as function+offset in traces and fault reports. */
#ifndef VMM_LOADER_SYMBOLS_H
#define VMM_LOADER_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

#include "loader.h"

struct sym {
	uint64_t addr;
	uint64_t size; /* 0: unknown (assembler labels) */
	const char *name;
};

struct symtab {
	struct sym *sym; /* sorted by addr */
	size_t n;
};

/*
 * Collect the function, object and label symbols of an opened ELF image
 * (none for a raw one). Names point into the image: valid until load_close.
 * A missing or malformed symbol table gives an empty table, never an error.
 * Returns 0 or -ENOMEM. symtab_free releases it.
 */
int load_symbols(const struct image *img, struct symtab *st);

/* The symbol containing addr (the nearest one at or below it, within its
 * size when it has one), with *off = addr - its address; NULL if none. */
const struct sym *symtab_find(const struct symtab *st, uint64_t addr,
			      uint64_t *off);

void symtab_free(struct symtab *st);

#endif
