/*
 * atom.h — the global atom table.
 *
 * One table per OS process, shared by every VM and scheduler thread.
 * Interning takes a lock; reading an atom's name is lock-free (entries are
 * never moved or freed once published). Atoms are UTF-8 text of at most
 * 255 code points. The atoms of atoms.def occupy the first indices, in
 * order, so AM_x constants never need a lookup.
 */
#ifndef MOAT_ATOM_H
#define MOAT_ATOM_H

#include <stddef.h>
#include <stdint.h>

#include "term.h"

enum {
#define ATOM(c, text) ATOM_##c,
#include "atoms.def"
#undef ATOM
    ATOM__PREDEFINED
};

#define AM(c) term_from_atom(ATOM_##c)
#define AM_true AM(true)
#define AM_false AM(false)
#define AM_ok AM(ok)
#define AM_error AM(error)
#define AM_undefined AM(undefined)

#define ATOM_MAX_CHARS 255
#define ATOM_NOT_FOUND UINT32_MAX

/* Called once, before any other atom_ call (idempotent, thread-safe). */
bool atom_init(void); /* false if the predefined atoms could not all be made */
/* Index of the atom with this UTF-8 text, creating it; ATOM_NOT_FOUND if
   the text is not valid UTF-8, is longer than 255 code points, or the
   table is full (system_limit). */
uint32_t atom_intern(const char *utf8, size_t len);
/* Index of an existing atom, or ATOM_NOT_FOUND (list_to_existing_atom). */
uint32_t atom_lookup(const char *utf8, size_t len);
/* The atom's UTF-8 text (not NUL-terminated) and its byte length. */
const char *atom_text(uint32_t index, size_t *len);
uint32_t atom_count(void);

static inline term atom_term(const char *utf8, size_t len) {
    uint32_t i = atom_intern(utf8, len);
    return i == ATOM_NOT_FOUND ? TERM_NONE : term_from_atom(i);
}

#endif
