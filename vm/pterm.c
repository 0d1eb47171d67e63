/*
 * pterm.c — persistent_term: a node-wide key-value store whose values are
 * read without copying.
 *
 * Each entry is a {Key, Value} tuple copied once into its own block (an
 * ETS object, vm/ets.h) that is never freed before its node ends:
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
#include "node.h"

struct pterm_entry {
    struct pterm_entry *next;
    uint32_t hash;
    struct ets_obj *kv; /* {Key, Value} */
};

#define PTERM_BUCKETS 1024
/* A node's persistent terms (vm/node.h). A replaced or erased value
   stays allocated (heaps may point to it) until the node ends. */
struct pterm_tab {
    pthread_rwlock_t lock;
    struct pterm_entry *table[PTERM_BUCKETS];
    size_t count, words;
    struct ets_obj **retired;
    size_t nretired, retired_cap;
};

struct pterm_tab *pterm_create(void) {
    struct pterm_tab *pt = mem_zalloc(sizeof *pt);
    if (pt) pthread_rwlock_init(&pt->lock, NULL);
    return pt;
}

void pterm_destroy(struct pterm_tab *pt) {
    if (!pt) return;
    for (size_t i = 0; i < PTERM_BUCKETS; i++) {
        for (struct pterm_entry *e = pt->table[i], *next; e; e = next) {
            next = e->next;
            ets_obj_free(e->kv);
            mem_free(e);
        }
    }
    for (size_t i = 0; i < pt->nretired; i++) ets_obj_free(pt->retired[i]);
    mem_free(pt->retired);
    pthread_rwlock_destroy(&pt->lock);
    mem_free(pt);
}

/* Keep a value that left the table until the node ends; lock held. */
static void retire(struct pterm_tab *pt, struct ets_obj *kv) {
    if (pt->nretired == pt->retired_cap) {
        size_t cap = pt->retired_cap ? 2 * pt->retired_cap : 16;
        struct ets_obj **n = mem_realloc(pt->retired, cap * sizeof *n);
        if (!n) return; /* out of memory: it stays allocated for good */
        pt->retired = n;
        pt->retired_cap = cap;
    }
    pt->retired[pt->nretired++] = kv;
}

static term pterm_key(const struct pterm_entry *e) { return tuple_elems(e->kv->tuple)[0]; }
static term pterm_value(const struct pterm_entry *e) { return tuple_elems(e->kv->tuple)[1]; }

/* The link to the entry of key (its chain's end if none); lock held. */
static struct pterm_entry **pterm_find(struct pterm_tab *pt, term key, uint32_t h) {
    struct pterm_entry **l = &pt->table[h % PTERM_BUCKETS];
    while (*l && !((*l)->hash == h && term_eq_exact(pterm_key(*l), key))) l = &(*l)->next;
    return l;
}

term bif_persistent_term_put_2(struct proc *p, term *args) {
    struct pterm_tab *pt = node_cur()->pterm;
    term pair[3];
    struct ets_obj *kv = ets_obj_new(tuple2_store(pair, args[0], args[1]));
    if (!kv) return raise_system_limit(p);
    uint32_t h = term_hash2(args[0]);
    pthread_rwlock_wrlock(&pt->lock);
    struct pterm_entry **l = pterm_find(pt, args[0], h);
    if (*l && term_eq_exact(pterm_value(*l), args[1])) {
        ets_obj_free(kv); /* nobody saw it */
    } else if (*l) {
        retire(pt, (*l)->kv); /* heaps may point to the old value */
        (*l)->kv = kv;
        pt->words += kv->words;
    } else {
        struct pterm_entry *e = mem_malloc(sizeof *e);
        if (!e) {
            pthread_rwlock_unlock(&pt->lock);
            ets_obj_free(kv);
            return raise_system_limit(p);
        }
        *e = (struct pterm_entry){NULL, h, kv};
        *l = e;
        pt->count++;
        pt->words += kv->words;
    }
    pthread_rwlock_unlock(&pt->lock);
    return AM(ok);
}

/* The value of key, or TERM_NONE. */
static term pterm_get(term key) {
    struct pterm_tab *pt = node_cur()->pterm;
    uint32_t h = term_hash2(key);
    pthread_rwlock_rdlock(&pt->lock);
    struct pterm_entry *e = *pterm_find(pt, key, h);
    term v = e ? pterm_value(e) : TERM_NONE;
    pthread_rwlock_unlock(&pt->lock);
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
    struct pterm_tab *pt = node_cur()->pterm;
    (void)p;
    uint32_t h = term_hash2(args[0]);
    pthread_rwlock_wrlock(&pt->lock);
    struct pterm_entry **l = pterm_find(pt, args[0], h), *e = *l;
    if (e) {
        *l = e->next;
        pt->count--;
        retire(pt, e->kv); /* heaps may point to it */
        mem_free(e);
    }
    pthread_rwlock_unlock(&pt->lock);
    return e ? AM(true) : AM(false);
}

/* get/0: every {Key, Value}, the stored tuples themselves. */
term bif_persistent_term_get_0(struct proc *p, term *args) {
    struct pterm_tab *pt = node_cur()->pterm;
    (void)args;
    for (;;) {
        pthread_rwlock_rdlock(&pt->lock);
        size_t words = pt->count * CONS_WORDS;
        if ((size_t)(p->stop - p->htop) >= words) {
            term *hp = heap_take(p, words), list = TERM_NIL;
            for (size_t i = 0; i < PTERM_BUCKETS; i++)
                for (struct pterm_entry *e = pt->table[i]; e; e = e->next) {
                    list = cons_store(hp, e->kv->tuple, list);
                    hp += CONS_WORDS;
                }
            pthread_rwlock_unlock(&pt->lock);
            return list;
        }
        pthread_rwlock_unlock(&pt->lock);
        if (!heap_ensure_free(p, words)) return raise_system_limit(p);
    }
}

term bif_persistent_term_info_0(struct proc *p, term *args) {
    struct pterm_tab *pt = node_cur()->pterm;
    (void)args;
    size_t words = TUPLE_WORDS(2) + MAP_WORDS(2);
    if (!heap_ensure_free(p, words)) return raise_system_limit(p);
    pthread_rwlock_rdlock(&pt->lock);
    term kv[4] = {AM(count), term_from_small((int64_t)pt->count), AM(memory),
                  term_from_small((int64_t)(pt->words * sizeof(term)))};
    pthread_rwlock_unlock(&pt->lock);
    term *hp = heap_take(p, words);
    return map_build_sorted(&hp, kv, 2);
}
