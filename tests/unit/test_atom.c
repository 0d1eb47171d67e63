/* Unit tests of the atom table. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "atom.h"

Test(atom, predefined_have_fixed_indices) {
    atom_init();
    size_t len;
    const char *t = atom_text(ATOM_ok, &len);
    cr_assert_eq(len, 2);
    cr_assert(memcmp(t, "ok", 2) == 0);
    cr_assert_eq(atom_intern("badarg", 6), ATOM_badarg);
}

Test(atom, intern_is_idempotent_and_distinct) {
    uint32_t a = atom_intern("hello_world", 11);
    uint32_t b = atom_intern("hello_world", 11);
    uint32_t c = atom_intern("hello_worle", 11);
    cr_assert_eq(a, b);
    cr_assert_neq(a, c);
    cr_assert_eq(atom_lookup("hello_world", 11), a);
    cr_assert_eq(atom_lookup("never_interned_xyz", 18), ATOM_NOT_FOUND);
}

Test(atom, rejects_long_and_invalid_utf8) {
    char buf[300];
    memset(buf, 'a', sizeof buf);
    cr_assert_eq(atom_intern(buf, 256), ATOM_NOT_FOUND);
    cr_assert_neq(atom_intern(buf, 255), ATOM_NOT_FOUND);
    cr_assert_eq(atom_intern("\xff", 1), ATOM_NOT_FOUND);
    cr_assert_neq(atom_intern("h\xc3\xa9llo", 6), ATOM_NOT_FOUND);
}

Test(atom, many_atoms) {
    char buf[32];
    for (int i = 0; i < 100000; i++) {
        int n = snprintf(buf, sizeof buf, "atom_%d", i);
        cr_assert_neq(atom_intern(buf, (size_t)n), ATOM_NOT_FOUND);
    }
    cr_assert_eq(atom_lookup("atom_99999", 10), atom_intern("atom_99999", 10));
}
