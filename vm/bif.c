/*
 * bif.c — the table of built-in functions and its lookup.
 *
 * bif_table is generated from vm/bifs.def (one X-macro expansion, so the
 * table cannot drift from the declarations in bif.h). bif_init interns
 * every module and function name once and builds an open-addressing hash
 * index on (module atom, name atom, arity). The index is immutable after
 * bif_init, so bif_lookup is lock-free on any thread; bif_init runs once
 * (pthread_once) and bif_lookup calls it if nobody did.
 *
 * bif_trap's target is thread-local: the BIF and the interpreter that
 * reads it right after run on the same thread, with nothing in between.
 */
#include "bif.h"

#include <pthread.h>
#include <string.h>

#include "atom.h"
#include "bits.h"
#include "strbuf.h"
#include "error.h"
#include "module.h"

static __thread struct export_entry *trap_target;

term bif_trap(struct proc *p, term *args, struct export_entry *ep, const term *targs) {
    (void)p;
    for (uint32_t i = 0; i < ep->arity; i++) args[i] = targs[i];
    trap_target = ep;
    return TERM_TRAP;
}

struct export_entry *bif_trap_target(void) { return trap_target; }

/* embedding: a BIF of a capability class (flags BIF_CAP(...)) is entered
   through a wrapper that checks the caller's denied classes (proc.h
   struct proc_limits); BIFs without one are called directly. */
term bif_raise_capability(struct proc *p, unsigned classes) {
    static const char *const names[] = {"file", "net", "os", "spawn", "code", "halt", "time", "natives"};
    unsigned i = (unsigned)__builtin_ctz(classes);
    term cls = atom_term(names[i], strlen(names[i]));
    return raise_error2(p, AM(capability), &cls);
}
#define CAP_CLASSES(flags) ((unsigned)(flags) >> BIF_CAP_SHIFT)
#define CAP_WRAP_AT(fn, flags, line)                                                                  \
    static __attribute__((unused)) term capwrap_##line(struct proc *p, term *args) {                  \
        if (p->ext && (p->ext->lim.denied & CAP_CLASSES(flags)))                                       \
            return bif_raise_capability(p, p->ext->lim.denied & CAP_CLASSES(flags));                      \
        return fn(p, args);                                                                           \
    }
#define CAP_WRAP(fn, flags, line) CAP_WRAP_AT(fn, flags, line)
#define BIF(mod, name, arity, fn, flags) CAP_WRAP(fn, flags, __LINE__)
#include "bifs.def"
#undef BIF
#define CAP_FN_AT(fn, flags, line) (CAP_CLASSES(flags) ? capwrap_##line : fn)
#define CAP_FN(fn, flags, line) CAP_FN_AT(fn, flags, line)

const struct bif_info bif_table[] = {
#define BIF(mod, name, arity, fn, flags) {mod, name, arity, CAP_FN(fn, flags, __LINE__), flags},
#include "bifs.def"
#undef BIF
};

const unsigned bif_count = sizeof bif_table / sizeof bif_table[0];

/* Slots hold a table index + 1 (0 = empty). Twice a power of two above
   the table size keeps probes short. */
#define BIF_INDEX_BITS 11
#define BIF_INDEX_SIZE (1u << BIF_INDEX_BITS)
_Static_assert(sizeof bif_table / sizeof bif_table[0] * 2 <= BIF_INDEX_SIZE, "grow BIF_INDEX_BITS");

struct bif_key {
    term module, name;
    unsigned arity;
};

static uint16_t bif_index[BIF_INDEX_SIZE];
static struct bif_key bif_keys[sizeof bif_table / sizeof bif_table[0]];
static pthread_once_t bif_once = PTHREAD_ONCE_INIT;

static uint32_t bif_hash(term module, term name, unsigned arity) {
    uint64_t h = module * 0x9E3779B97F4A7C15ull;
    h ^= name + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
    h ^= arity * 0xC2B2AE3D27D4EB4Full;
    h ^= h >> 29;
    return (uint32_t)(h * 0xBF58476D1CE4E5B9ull >> 40);
}

static void bif_build_index(void) {
    atom_init();
    for (unsigned i = 0; i < bif_count; i++) {
        const struct bif_info *b = &bif_table[i];
        struct bif_key k = {atom_term(b->module, strlen(b->module)), atom_term(b->name, strlen(b->name)),
                            b->arity};
        bif_keys[i] = k;
        uint32_t slot = bif_hash(k.module, k.name, k.arity) & (BIF_INDEX_SIZE - 1);
        while (bif_index[slot]) {
            const struct bif_key *o = &bif_keys[bif_index[slot] - 1];
            if (o->module == k.module && o->name == k.name && o->arity == k.arity) break; /* first wins */
            slot = (slot + 1) & (BIF_INDEX_SIZE - 1);
        }
        if (!bif_index[slot]) bif_index[slot] = (uint16_t)(i + 1);
    }
}

void bif_init(void) { pthread_once(&bif_once, bif_build_index); }

const struct bif_info *bif_lookup(term module, term name, unsigned arity) {
    bif_init();
    if (!term_is_atom(module) || !term_is_atom(name)) return NULL;
    uint32_t slot = bif_hash(module, name, arity) & (BIF_INDEX_SIZE - 1);
    for (;;) {
        unsigned i = bif_index[slot];
        if (!i) return NULL;
        const struct bif_key *k = &bif_keys[i - 1];
        if (k->module == module && k->name == name && k->arity == arity) return &bif_table[i - 1];
        slot = (slot + 1) & (BIF_INDEX_SIZE - 1);
    }
}

/* ---- text arguments -------------------------------------------------------- */

bool bif_text_append(struct strbuf *sb, term t, bool allow_nul) {
    /* nesting of lists is followed to a fixed depth, iteratively along tails */
    struct { term rest; } stack[100];
    int depth = 0;
    bool tail = false; /* t is the rest of a list: only a list or [] may follow */
    for (;;) {
        if (tail) {
            tail = false;
        } else if (term_is_atom(t)) {
            size_t len;
            const char *s = atom_text(term_to_atom(t), &len);
            sb_append(sb, s, len);
            t = TERM_NIL;
        } else if (term_is_bitstring(t)) {
            struct bin_view v;
            if (!bin_view(t, &v) || v.bit_size % 8 || v.bit_offset % 8) return false;
            sb_append(sb, v.bytes + v.bit_offset / 8, v.bit_size / 8);
            t = TERM_NIL;
        }
        for (; term_is_list(t); t = CDR(t)) {
            term h = CAR(t);
            if (!term_is_small(h)) break;
            int64_t c = term_to_small(h);
            if (c < (allow_nul ? 0 : 1) || c > 0x10FFFF) return false;
            sb_put_utf8(sb, (uint32_t)c);
        }
        if (term_is_list(t)) { /* a nested element: visit it, then the rest */
            if (depth == 100) return false;
            stack[depth++].rest = CDR(t);
            t = CAR(t);
            continue;
        }
        if (!term_is_nil(t)) return false;
        if (depth == 0) return true;
        t = stack[--depth].rest;
        tail = true;
    }
}
