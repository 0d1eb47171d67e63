/*
 * pterm.c — persistent_term: a global key-value store whose values are
 * read without copying.
 *
 * Each entry is a {Key, Value} tuple copied once into its own block (an
 * ETS object, vm/ets.h) that is never freed before the VM exits:
 * get/1,2 return the stored value itself, which a process heap then
 * points to as it points to a module literal (the GC neither moves nor
 * scans terms outside the process's blocks, vm/heap.c). Because of that,
 * a replaced or erased entry stays allocated (docs/deviations.md); erl
 * frees it after a global GC.
 *
 * The table (a chained hash on term_hash2 of the key, =:= equality) is
 * behind one rwlock; any thread may call every function.
 */
#include <pthread.h>

#include "alloc.h"
#include "atom.h"
#include "bif.h"
#include "compare.h"
#include "error.h"
#include "ets.h"
#include "heap.h"
#include "map.h"

struct pterm_entry {
    struct pterm_entry *next;
    uint32_t hash;
    struct ets_obj *kv; /* {Key, Value} */
};

#define PTERM_BUCKETS 1024
static pthread_rwlock_t pterm_lock = PTHREAD_RWLOCK_INITIALIZER;
static struct pterm_entry *pterm_table[PTERM_BUCKETS];
static size_t pterm_count, pterm_words;

static term pterm_key(const struct pterm_entry *e) { return tuple_elems(e->kv->tuple)[0]; }
static term pterm_value(const struct pterm_entry *e) { return tuple_elems(e->kv->tuple)[1]; }

/* The link to the entry of key (its chain's end if none); lock held. */
static struct pterm_entry **pterm_find(term key, uint32_t h) {
    struct pterm_entry **l = &pterm_table[h % PTERM_BUCKETS];
    while (*l && !((*l)->hash == h && term_eq_exact(pterm_key(*l), key))) l = &(*l)->next;
    return l;
}

term bif_persistent_term_put_2(struct proc *p, term *args) {
    term pair[3];
    struct ets_obj *kv = ets_obj_new(tuple2_store(pair, args[0], args[1]));
    if (!kv) return raise_system_limit(p);
    uint32_t h = term_hash2(args[0]);
    pthread_rwlock_wrlock(&pterm_lock);
    struct pterm_entry **l = pterm_find(args[0], h);
    if (*l && term_eq_exact(pterm_value(*l), args[1])) {
        ets_obj_free(kv); /* nobody saw it */
    } else if (*l) {
        (*l)->kv = kv; /* the old value stays allocated: heaps may point to it */
        pterm_words += kv->words;
    } else {
        struct pterm_entry *e = mem_malloc(sizeof *e);
        if (!e) {
            pthread_rwlock_unlock(&pterm_lock);
            ets_obj_free(kv);
            return raise_system_limit(p);
        }
        *e = (struct pterm_entry){NULL, h, kv};
        *l = e;
        pterm_count++;
        pterm_words += kv->words;
    }
    pthread_rwlock_unlock(&pterm_lock);
    return AM(ok);
}

/* The value of key, or TERM_NONE. */
static term pterm_get(term key) {
    uint32_t h = term_hash2(key);
    pthread_rwlock_rdlock(&pterm_lock);
    struct pterm_entry *e = *pterm_find(key, h);
    term v = e ? pterm_value(e) : TERM_NONE;
    pthread_rwlock_unlock(&pterm_lock);
    return v;
}

term bif_persistent_term_get_1(struct proc *p, term *args) {
    term v = pterm_get(args[0]);
    return v == TERM_NONE ? raise_badarg(p) : v;
}

term bif_persistent_term_get_2(struct proc *p, term *args) {
    (void)p;
    term v = pterm_get(args[0]);
    return v == TERM_NONE ? args[1] : v;
}

term bif_persistent_term_erase_1(struct proc *p, term *args) {
    (void)p;
    uint32_t h = term_hash2(args[0]);
    pthread_rwlock_wrlock(&pterm_lock);
    struct pterm_entry **l = pterm_find(args[0], h), *e = *l;
    if (e) {
        *l = e->next;
        pterm_count--;
        mem_free(e); /* e->kv stays: heaps may point to it */
    }
    pthread_rwlock_unlock(&pterm_lock);
    return e ? AM(true) : AM(false);
}

/* get/0: every {Key, Value}, the stored tuples themselves. */
term bif_persistent_term_get_0(struct proc *p, term *args) {
    (void)args;
    for (;;) {
        pthread_rwlock_rdlock(&pterm_lock);
        size_t words = pterm_count * CONS_WORDS;
        if ((size_t)(p->stop - p->htop) >= words) {
            term *hp = heap_take(p, words), list = TERM_NIL;
            for (size_t i = 0; i < PTERM_BUCKETS; i++)
                for (struct pterm_entry *e = pterm_table[i]; e; e = e->next) {
                    list = cons_store(hp, e->kv->tuple, list);
                    hp += CONS_WORDS;
                }
            pthread_rwlock_unlock(&pterm_lock);
            return list;
        }
        pthread_rwlock_unlock(&pterm_lock);
        if (!heap_ensure_free(p, words)) return raise_system_limit(p);
    }
}

term bif_persistent_term_info_0(struct proc *p, term *args) {
    (void)args;
    size_t words = TUPLE_WORDS(2) + MAP_WORDS(2);
    if (!heap_ensure_free(p, words)) return raise_system_limit(p);
    pthread_rwlock_rdlock(&pterm_lock);
    term kv[4] = {AM(count), term_from_small((int64_t)pterm_count), AM(memory),
                  term_from_small((int64_t)(pterm_words * sizeof(term)))};
    pthread_rwlock_unlock(&pterm_lock);
    term *hp = heap_take(p, words);
    return map_build_sorted(&hp, kv, 2);
}
