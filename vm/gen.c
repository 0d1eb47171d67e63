/*
 * gen.c — freeing a gen_module (vm/gen.h). Whoever built one (the
 * compiler, the .mbc reader) hands it here; every table and string is
 * owned by the module.
 */
#include "gen.h"
#include "alloc.h"


void gen_module_free(struct gen_module *m) {
    if (!m) return;
    for (uint32_t i = 0; i < m->natoms; i++) mem_free(m->atoms[i].text);
    for (uint32_t i = 0; i < m->nlits; i++) mem_free(m->lits[i].data);
    for (uint32_t i = 0; i < m->nfiles; i++) mem_free(m->files[i].text);
    mem_free(m->atoms);
    mem_free(m->lits);
    mem_free(m->imports);
    mem_free(m->exports);
    mem_free(m->functions);
    mem_free(m->lambdas);
    mem_free(m->files);
    mem_free(m->lines);
    mem_free(m->code);
    mem_free(m->attributes.data);
    mem_free(m);
}
