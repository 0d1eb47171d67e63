/*
 * gen.c — freeing a gen_module (vm/gen.h). Whoever built one (the
 * compiler, the .mbc reader) hands it here; every table and string is
 * owned by the module.
 */
#include "gen.h"

#include <mimalloc.h>

void gen_module_free(struct gen_module *m) {
    if (!m) return;
    for (uint32_t i = 0; i < m->natoms; i++) mi_free(m->atoms[i].text);
    for (uint32_t i = 0; i < m->nlits; i++) mi_free(m->lits[i].data);
    for (uint32_t i = 0; i < m->nfiles; i++) mi_free(m->files[i].text);
    mi_free(m->atoms);
    mi_free(m->lits);
    mi_free(m->imports);
    mi_free(m->exports);
    mi_free(m->functions);
    mi_free(m->lambdas);
    mi_free(m->files);
    mi_free(m->lines);
    mi_free(m->code);
    mi_free(m->attributes.data);
    mi_free(m);
}
