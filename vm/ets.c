/*
 * ets.c — ETS tables: storage, the registry of tables, ownership and the
 * ets BIFs other than match specifications (vm/ets_match.c).
 *
 * Storage: set, bag and duplicate_bag are chained hash tables keyed by
 * a hash of the key (term_hash2, mixed) with =:= equality; ordered_set is an AVL tree in
 * term order with == equality (1 and 1.0 are one key), as erl. Each
 * object is a self-contained copy of its tuple (vm/heap.h term_copy).
 *
 * Threads: the registry (tables by id, by name, and the list of all) is
 * behind its node's registry lock; a table's objects behind its own rwlock. Lock order:
 * registry, then one table. A BIF holds both for its whole run, so a
 * GC inside it (heap_ensure_free, which takes no ETS lock) is safe.
 *
 * Owners: a process that owns or may own a table has proc.ets_owner set;
 * its exit (vm/proc.c) calls ets_owner_exit, which hands each table to
 * its heir or deletes it. A process that never touched a table pays
 * nothing at exit.
 */
#include <stdatomic.h>

#include "alloc.h"
#include "atom.h"
#include "bif.h"
#include "compare.h"
#include "error.h"
#include "ets.h"
#include "heap.h"
#include "node.h"
#include "ptab.h"
#include "scheduler.h"

#define REG_BUCKETS 4096
/* A node's tables (vm/node.h). */
struct ets_reg {
    pthread_rwlock_t lock;
    struct ets_table *by_id[REG_BUCKETS], *by_name[REG_BUCKETS];
    struct ets_table *all_tables;
};

struct ets_reg *ets_reg_create(void) {
    struct ets_reg *er = mem_zalloc(sizeof *er);
    if (er) pthread_rwlock_init(&er->lock, NULL);
    return er;
}

/* ---- objects -------------------------------------------------------- */

struct ets_obj *ets_obj_new(term tuple) {
    size_t words = term_size(tuple);
    if (words == SIZE_MAX) return NULL;
    struct ets_obj *o = mem_malloc(sizeof *o + words * sizeof(term));
    if (!o) return NULL;
    o->next = o->right = NULL;
    o->hash = 0;
    o->height = 1;
    o->offheap = NULL;
    o->words = words;
    term *hp = o->data;
    o->tuple = term_copy(tuple, &hp, &o->offheap);
    return o;
}

void ets_obj_free(struct ets_obj *o) {
    for (term *h = o->offheap; h;) {
        term *next = (term *)(uintptr_t)h[3];
        offheap_bin_release((struct offheap_bin *)(uintptr_t)h[2]);
        h = next;
    }
    mem_free(o);
}

void ets_vec_push(struct ets_vec *v, struct ets_obj *o) {
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        struct ets_obj **n = mem_realloc(v->borrowed ? NULL : v->items, cap * sizeof *n);
        if (!n) {
            v->failed = true;
            return;
        }
        if (v->borrowed) memcpy(n, v->items, v->len * sizeof *n);
        v->borrowed = false;
        v->items = n;
        v->cap = cap;
    }
    v->items[v->len++] = o;
}

void ets_vec_free(struct ets_vec *v) {
    if (!v->borrowed) mem_free(v->items);
    v->items = NULL;
    v->len = v->cap = 0;
}

term ets_copy_list(struct proc *p, struct ets_obj **objs, size_t n) {
    size_t words = 0;
    for (size_t i = 0; i < n; i++) words += objs[i]->words + CONS_WORDS;
    if (!heap_ensure_free(p, words)) return TERM_NONE;
    term *hp = heap_take(p, words);
    term list = TERM_NIL;
    for (size_t i = n; i-- > 0;) {
        term *cell = hp;
        hp += CONS_WORDS;
        list = cons_store(cell, term_copy(objs[i]->tuple, &hp, &p->offheap_first), list);
    }
    return list;
}

/* ---- the hash tables ------------------------------------------------ */

/* term_hash2 of the key, mixed (fmix32) so that its low bits, which pick
   the bucket, spread consecutive integers. */
static uint32_t key_hash(term key) {
    uint32_t h = term_hash2(key);
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

static bool key_eq(const struct ets_table *t, term a, term b) {
    if (a == b) return true;
    return t->type == ETS_ORDERED_SET ? term_eq(a, b) : term_eq_exact(a, b);
}

/* The link to the first object with this key in its chain, or to the
   chain's end (then *found is false). */
static struct ets_obj **hash_find(struct ets_table *t, term key, uint32_t h, bool *found) {
    struct ets_obj **link = &t->buckets[h & (t->nbuckets - 1)];
    for (; *link; link = &(*link)->next)
        if ((*link)->hash == h && key_eq(t, ets_key(t, *link), key)) {
            *found = true;
            return link;
        }
    *found = false;
    return link;
}

static void hash_grow(struct ets_table *t) {
    size_t nb = t->nbuckets * 2;
    struct ets_obj **b = mem_calloc(nb, sizeof *b);
    if (!b) return; /* stays slower, still correct */
    for (size_t i = 0; i < t->nbuckets; i++) {
        /* keep same-key runs adjacent and in order: append at chain ends */
        for (struct ets_obj *o = t->buckets[i]; o;) {
            struct ets_obj *next = o->next, **link = &b[o->hash & (nb - 1)];
            while (*link) link = &(*link)->next;
            o->next = NULL;
            *link = o;
            o = next;
        }
    }
    mem_free(t->buckets);
    t->buckets = b;
    t->nbuckets = nb;
}

static void account(struct ets_table *t, struct ets_obj *o, int sign) {
    if (sign > 0) {
        t->size++;
        t->words += o->words;
    } else {
        t->size--;
        t->words -= o->words;
    }
}

/* Insert o (write lock held); o is consumed. */
static void hash_insert(struct ets_table *t, struct ets_obj *o) {
    term key = ets_key(t, o);
    o->hash = key_hash(key);
    bool found;
    struct ets_obj **link = hash_find(t, key, o->hash, &found);
    if (!found) {
        o->next = t->buckets[o->hash & (t->nbuckets - 1)];
        t->buckets[o->hash & (t->nbuckets - 1)] = o;
        account(t, o, 1);
        if (t->size > t->nbuckets) hash_grow(t);
        return;
    }
    if (t->type == ETS_SET) {
        struct ets_obj *old = *link;
        o->next = old->next;
        *link = o;
        account(t, old, -1);
        account(t, o, 1);
        ets_obj_free(old);
        return;
    }
    for (; *link && (*link)->hash == o->hash && key_eq(t, ets_key(t, *link), key); link = &(*link)->next)
        if (t->type == ETS_BAG && term_eq_exact((*link)->tuple, o->tuple)) {
            ets_obj_free(o); /* a bag holds an object once */
            return;
        }
    o->next = *link;
    *link = o;
    account(t, o, 1);
}

/* ---- the ordered_set tree ------------------------------------------- */

static int32_t avl_h(struct ets_obj *n) { return n ? n->height : 0; }
static void avl_fix(struct ets_obj *n) {
    int32_t l = avl_h(n->next), r = avl_h(n->right);
    n->height = 1 + (l > r ? l : r);
}
static struct ets_obj *avl_rot_right(struct ets_obj *n) {
    struct ets_obj *l = n->next;
    n->next = l->right;
    l->right = n;
    avl_fix(n);
    avl_fix(l);
    return l;
}
static struct ets_obj *avl_rot_left(struct ets_obj *n) {
    struct ets_obj *r = n->right;
    n->right = r->next;
    r->next = n;
    avl_fix(n);
    avl_fix(r);
    return r;
}
static struct ets_obj *avl_balance(struct ets_obj *n) {
    avl_fix(n);
    int32_t bal = avl_h(n->next) - avl_h(n->right);
    if (bal > 1) {
        if (avl_h(n->next->next) < avl_h(n->next->right)) n->next = avl_rot_left(n->next);
        return avl_rot_right(n);
    }
    if (bal < -1) {
        if (avl_h(n->right->right) < avl_h(n->right->next)) n->right = avl_rot_right(n->right);
        return avl_rot_left(n);
    }
    return n;
}

static struct ets_obj *avl_insert(struct ets_table *t, struct ets_obj *n, struct ets_obj *o) {
    if (!n) {
        account(t, o, 1);
        return o;
    }
    int c = term_compare(ets_key(t, o), ets_key(t, n));
    if (c == 0) { /* replace n by o */
        o->next = n->next;
        o->right = n->right;
        o->height = n->height;
        account(t, n, -1);
        account(t, o, 1);
        ets_obj_free(n);
        return o;
    }
    if (c < 0) n->next = avl_insert(t, n->next, o);
    else n->right = avl_insert(t, n->right, o);
    return avl_balance(n);
}

/* Detach the smallest node of the subtree n into *min. */
static struct ets_obj *avl_take_min(struct ets_obj *n, struct ets_obj **min) {
    if (!n->next) {
        *min = n;
        return n->right;
    }
    n->next = avl_take_min(n->next, min);
    return avl_balance(n);
}

/* Remove the node with this key (freed) from the subtree n. */
static struct ets_obj *avl_delete(struct ets_table *t, struct ets_obj *n, term key) {
    if (!n) return NULL;
    int c = term_compare(key, ets_key(t, n));
    if (c < 0) n->next = avl_delete(t, n->next, key);
    else if (c > 0) n->right = avl_delete(t, n->right, key);
    else {
        struct ets_obj *l = n->next, *r = n->right, *min;
        account(t, n, -1);
        ets_obj_free(n);
        if (!r) return l;
        r = avl_take_min(r, &min);
        min->next = l;
        min->right = r;
        return avl_balance(min);
    }
    return avl_balance(n);
}

static struct ets_obj *avl_find(struct ets_table *t, term key) {
    for (struct ets_obj *n = t->root; n;) {
        int c = term_compare(key, ets_key(t, n));
        if (c == 0) return n;
        n = c < 0 ? n->next : n->right;
    }
    return NULL;
}

/* The first node with key > k (or < k when before). */
struct ets_obj *ets_ordered_neighbour(struct ets_table *t, term k, bool before) {
    struct ets_obj *best = NULL;
    for (struct ets_obj *n = t->root; n;) {
        int c = term_compare(ets_key(t, n), k);
        if (before ? c < 0 : c > 0) {
            best = n;
            n = before ? n->right : n->next;
        } else {
            n = before ? n->next : n->right;
        }
    }
    return best;
}

static bool avl_each(struct ets_obj *n, term after, const struct ets_table *t, ets_visit_fn fn, void *arg) {
    while (n) {
        bool go_left = after == TERM_NONE || term_compare(ets_key(t, n), after) > 0;
        if (go_left) {
            if (!avl_each(n->next, after, t, fn, arg)) return false;
            if (!fn(n, arg)) return false;
        }
        n = n->right;
    }
    return true;
}

static void avl_free(struct ets_obj *n) {
    while (n) {
        avl_free(n->next);
        struct ets_obj *r = n->right;
        ets_obj_free(n);
        n = r;
    }
}

/* ---- table-level operations ----------------------------------------- */

void ets_tab_insert(struct ets_table *t, struct ets_obj *o) {
    if (t->type == ETS_ORDERED_SET) t->root = avl_insert(t, t->root, o);
    else hash_insert(t, o);
}

/* The objects with this key (in order) appended to v. */
void ets_tab_lookup(struct ets_table *t, term key, struct ets_vec *v) {
    if (t->type == ETS_ORDERED_SET) {
        struct ets_obj *o = avl_find(t, key);
        if (o) ets_vec_push(v, o);
        return;
    }
    bool found;
    uint32_t h = key_hash(key);
    struct ets_obj **link = hash_find(t, key, h, &found);
    for (struct ets_obj *o = found ? *link : NULL; o && o->hash == h && key_eq(t, ets_key(t, o), key); o = o->next)
        ets_vec_push(v, o);
}

bool ets_tab_has(struct ets_table *t, term key) {
    if (t->type == ETS_ORDERED_SET) return avl_find(t, key) != NULL;
    bool found;
    hash_find(t, key, key_hash(key), &found);
    return found;
}

void ets_tab_delete_key(struct ets_table *t, term key) {
    if (t->type == ETS_ORDERED_SET) {
        t->root = avl_delete(t, t->root, key);
        return;
    }
    bool found;
    uint32_t h = key_hash(key);
    struct ets_obj **link = hash_find(t, key, h, &found);
    while (found && *link && (*link)->hash == h && key_eq(t, ets_key(t, *link), key)) {
        struct ets_obj *o = *link;
        *link = o->next;
        account(t, o, -1);
        ets_obj_free(o);
    }
}

void ets_remove_obj(struct ets_table *t, struct ets_obj *o) {
    if (t->type == ETS_ORDERED_SET) {
        t->root = avl_delete(t, t->root, ets_key(t, o));
        return;
    }
    for (struct ets_obj **link = &t->buckets[o->hash & (t->nbuckets - 1)]; *link; link = &(*link)->next)
        if (*link == o) {
            *link = o->next;
            account(t, o, -1);
            ets_obj_free(o);
            return;
        }
}

void ets_tab_clear(struct ets_table *t) {
    if (t->type == ETS_ORDERED_SET) {
        avl_free(t->root);
        t->root = NULL;
    } else {
        for (size_t i = 0; i < t->nbuckets; i++) {
            for (struct ets_obj *o = t->buckets[i]; o;) {
                struct ets_obj *next = o->next;
                ets_obj_free(o);
                o = next;
            }
            t->buckets[i] = NULL;
        }
    }
    t->size = 0;
    t->words = 0;
}

bool ets_each_after(struct ets_table *t, term after, ets_visit_fn fn, void *arg) {
    return avl_each(t->root, after, t, fn, arg);
}

bool ets_each_from_bucket(struct ets_table *t, size_t bucket, size_t skip, ets_visit_fn fn,
                          bool (*bucket_end)(size_t, void *), void *arg) {
    for (size_t i = bucket; i < t->nbuckets; i++, skip = 0) {
        for (struct ets_obj *o = t->buckets[i], *next; o; o = next) {
            next = o->next; /* fn may remove o (select_delete) */
            if (skip) {
                skip--;
                continue;
            }
            if (!fn(o, arg)) return false;
        }
        if (bucket_end && !bucket_end(i + 1, arg)) return false;
    }
    return true;
}

bool ets_each(struct ets_table *t, ets_visit_fn fn, void *arg) {
    if (t->type == ETS_ORDERED_SET) return ets_each_after(t, TERM_NONE, fn, arg);
    return ets_each_from_bucket(t, 0, 0, fn, NULL, arg);
}

struct ets_obj *ets_first(struct ets_table *t, bool last) {
    if (t->type == ETS_ORDERED_SET) {
        struct ets_obj *n = t->root;
        while (n && (last ? n->right : n->next)) n = last ? n->right : n->next;
        return n;
    }
    for (size_t i = 0; i < t->nbuckets; i++)
        if (t->buckets[i]) return t->buckets[i];
    return NULL;
}

struct ets_obj *ets_next(struct ets_table *t, term key, bool before, bool *missing) {
    *missing = false;
    if (t->type == ETS_ORDERED_SET) return ets_ordered_neighbour(t, key, before);
    bool found;
    uint32_t h = key_hash(key);
    struct ets_obj **link = hash_find(t, key, h, &found);
    if (!found) {
        *missing = true;
        return NULL;
    }
    struct ets_obj *o = *link;
    while (o && o->hash == h && key_eq(t, ets_key(t, o), key)) o = o->next;
    if (o) return o;
    for (size_t i = (h & (t->nbuckets - 1)) + 1; i < t->nbuckets; i++)
        if (t->buckets[i]) return t->buckets[i];
    return NULL;
}

static void tab_free(struct ets_table *t) {
    ets_tab_clear(t);
    mem_free(t->buckets);
    if (t->heir_data) ets_obj_free(t->heir_data);
    pthread_rwlock_destroy(&t->lock);
    mem_free(t);
}

void ets_reg_destroy(struct ets_reg *er) {
    if (!er) return;
    for (struct ets_table *t = er->all_tables, *next; t; t = next) {
        next = t->next_all;
        tab_free(t);
    }
    pthread_rwlock_destroy(&er->lock);
    mem_free(er);
}

/* ---- the registry --------------------------------------------------- */

static size_t id_bucket(uint64_t id) { return (size_t)(id * 0x9E3779B97F4A7C15u >> 56) % REG_BUCKETS; }
static size_t name_bucket(term name) { return (size_t)(term_to_atom(name) % REG_BUCKETS); }

static struct ets_table *reg_find_name(term name) {
    struct ets_reg *er = node_cur()->ets;
    for (struct ets_table *t = er->by_name[name_bucket(name)]; t; t = t->next_name)
        if (t->name == name) return t;
    return NULL;
}

/* The table tab names (registry lock held). */
static struct ets_table *reg_find(term tab) {
    struct ets_reg *er = node_cur()->ets;
    if (term_is_atom(tab)) return reg_find_name(tab);
    if (!term_is_ref(tab) || term_boxed_ptr(tab)[2] != 0) return NULL;
    uint64_t id = term_boxed_ptr(tab)[1];
    for (struct ets_table *t = er->by_id[id_bucket(id)]; t; t = t->next_id)
        if (t->id == id) return t;
    return NULL;
}

static void reg_unlink_name(struct ets_table *t) {
    struct ets_reg *er = node_cur()->ets;
    for (struct ets_table **l = &er->by_name[name_bucket(t->name)]; *l; l = &(*l)->next_name)
        if (*l == t) {
            *l = t->next_name;
            return;
        }
}

/* Take t out of the registry and free it (registry write lock held; no
   other thread holds t: they all hold the registry's read lock). */
static void reg_delete(struct ets_table *t) {
    struct ets_reg *er = node_cur()->ets;
    for (struct ets_table **l = &er->by_id[id_bucket(t->id)]; *l; l = &(*l)->next_id)
        if (*l == t) {
            *l = t->next_id;
            break;
        }
    if (t->named) reg_unlink_name(t);
    for (struct ets_table **l = &er->all_tables; *l; l = &(*l)->next_all)
        if (*l == t) {
            *l = t->next_all;
            break;
        }
    tab_free(t);
}

struct ets_table *ets_acquire(struct proc *p, term tab, enum ets_access a, bool wlock) {
    struct ets_reg *er = node_cur()->ets;
    pthread_rwlock_rdlock(&er->lock);
    struct ets_table *t = reg_find(tab);
    bool ok = t && (a == ETS_ANY || (a == ETS_READ ? (t->prot != ETS_PRIVATE || t->owner == p->id)
                                                   : (t->prot == ETS_PUBLIC || t->owner == p->id)));
    if (!ok) {
        pthread_rwlock_unlock(&er->lock);
        return NULL;
    }
    if (wlock) pthread_rwlock_wrlock(&t->lock);
    else pthread_rwlock_rdlock(&t->lock);
    return t;
}

void ets_release(struct ets_table *t) {
    struct ets_reg *er = node_cur()->ets;
    pthread_rwlock_unlock(&t->lock);
    pthread_rwlock_unlock(&er->lock);
}

term ets_tab_term(const struct ets_table *t, term **hp) {
    if (t->named) return t->name;
    term r = ref_store(*hp, t->id);
    *hp += REF_WORDS;
    return r;
}

/* Make q (alive, by pid) an owner of tables: true if it is alive. Called
   under the registry's write lock; the fence pairs with proc_exit's, so
   either q's exit sees the flag (and waits for this lock to hand its
   tables on) or this sees q ending. */
static bool mark_owner(uint64_t pid) {
    struct proc *q = ptab_lookup(pid);
    if (!q) return false;
    atomic_store_explicit(&q->ets_owner, 1, memory_order_relaxed);
    atomic_thread_fence(memory_order_seq_cst);
    bool alive = atomic_load_explicit(&q->state, memory_order_relaxed) != PS_EXITING;
    ptab_release(q);
    return alive;
}

/* {'ETS-TRANSFER', Tab, From, Data} to the new owner. */
static void send_transfer(struct ets_table *t, uint64_t to, uint64_t from, term data) {
    term buf[5 + REF_WORDS], *hp = buf + 5;
    buf[0] = make_header(SUB_TUPLE, 4);
    buf[1] = AM(ETS_TRANSFER);
    buf[2] = ets_tab_term(t, &hp);
    buf[3] = term_from_pid(from);
    buf[4] = data;
    proc_post(to, msg_make(term_from_boxed_ptr(buf)));
}

void ets_owner_exit(struct proc *p) {
    struct ets_reg *er = node_cur()->ets;
    pthread_rwlock_wrlock(&er->lock);
    for (struct ets_table **l = &er->all_tables; *l;) {
        struct ets_table *t = *l;
        if (t->owner != p->id) {
            l = &t->next_all;
            continue;
        }
        if (t->heir && t->heir != p->id && mark_owner(t->heir)) {
            t->owner = t->heir;
            send_transfer(t, t->heir, p->id, t->heir_data ? t->heir_data->tuple : TERM_NIL);
            l = &t->next_all;
            continue;
        }
        reg_delete(t); /* unlinks *l */
    }
    pthread_rwlock_unlock(&er->lock);
}

size_t ets_memory_bytes(void) {
    struct ets_reg *er = node_cur()->ets;
    size_t words = 0;
    pthread_rwlock_rdlock(&er->lock);
    for (struct ets_table *t = er->all_tables; t; t = t->next_all) {
        pthread_rwlock_rdlock(&t->lock);
        words += ets_table_words(t);
        pthread_rwlock_unlock(&t->lock);
    }
    pthread_rwlock_unlock(&er->lock);
    return words * sizeof(term);
}

size_t ets_table_count(void) {
    struct ets_reg *er = node_cur()->ets;
    size_t n = 0;
    pthread_rwlock_rdlock(&er->lock);
    for (struct ets_table *t = er->all_tables; t; t = t->next_all) n++;
    pthread_rwlock_unlock(&er->lock);
    return n;
}

size_t ets_table_words(const struct ets_table *t) {
    return t->words + t->size * (sizeof(struct ets_obj) / sizeof(term)) + t->nbuckets + sizeof *t / sizeof(term);
}

/* ---- ets:new/2 ------------------------------------------------------ */

struct new_opts {
    uint8_t type, prot;
    bool named, read_conc, write_conc, compressed;
    uint32_t keypos;
    uint64_t heir;
    term heir_data;
};

static bool is_bool(term t) { return t == AM(true) || t == AM(false); }

static bool parse_opt(term o, struct new_opts *n) {
    if (o == AM(set)) n->type = ETS_SET;
    else if (o == AM(ordered_set)) n->type = ETS_ORDERED_SET;
    else if (o == AM(bag)) n->type = ETS_BAG;
    else if (o == AM(duplicate_bag)) n->type = ETS_DUPLICATE_BAG;
    else if (o == AM(public)) n->prot = ETS_PUBLIC;
    else if (o == AM(protected)) n->prot = ETS_PROTECTED;
    else if (o == AM(private)) n->prot = ETS_PRIVATE;
    else if (o == AM(named_table)) n->named = true;
    else if (o == AM(compressed)) n->compressed = true;
    else if (term_is_tuple(o) && tuple_arity(o) == 2) {
        term k = tuple_elems(o)[0], v = tuple_elems(o)[1];
        if (k == AM(keypos) && term_is_small(v) && term_to_small(v) >= 1 && term_to_small(v) < (1 << 24))
            n->keypos = (uint32_t)term_to_small(v);
        else if (k == AM(read_concurrency) && is_bool(v)) n->read_conc = v == AM(true);
        else if (k == AM(write_concurrency) && (is_bool(v) || v == AM(auto))) n->write_conc = v != AM(false);
        else if (k == AM(decentralized_counters) && is_bool(v)) {
        } else if (k == AM(heir) && v == AM(none)) n->heir = 0;
        else return false;
    } else if (term_is_tuple(o) && tuple_arity(o) == 3 && tuple_elems(o)[0] == AM(heir) &&
               term_is_local_pid(tuple_elems(o)[1])) {
        n->heir = term_to_pid(tuple_elems(o)[1]);
        n->heir_data = tuple_elems(o)[2];
    } else return false;
    return true;
}

static struct ets_table *tab_create(struct proc *p, term name, const struct new_opts *n) {
    struct ets_table *t = mem_zalloc(sizeof *t);
    if (!t) return NULL;
    if (n->type != ETS_ORDERED_SET && !(t->buckets = mem_calloc(t->nbuckets = 16, sizeof *t->buckets))) {
        mem_free(t);
        return NULL;
    }
    if (n->heir && !(t->heir_data = ets_obj_new(n->heir_data))) {
        mem_free(t->buckets);
        mem_free(t);
        return NULL;
    }
    pthread_rwlock_init(&t->lock, NULL);
    t->id = ref_new_number();
    t->name = name;
    t->named = n->named;
    t->type = n->type;
    t->prot = n->prot;
    t->read_conc = n->read_conc;
    t->write_conc = n->write_conc;
    t->compressed = n->compressed;
    t->keypos = n->keypos;
    t->owner = p->id;
    t->heir = n->heir;
    return t;
}

term bif_ets_new_2(struct proc *p, term *args) {
    struct ets_reg *er = node_cur()->ets;
    struct new_opts n = {ETS_SET, ETS_PROTECTED, false, false, false, false, 1, 0, TERM_NIL};
    if (!heap_ensure_free(p, REF_WORDS)) return raise_system_limit(p);
    if (!term_is_atom(args[0])) return raise_badarg(p);
    term l = args[1];
    for (; term_is_list(l); l = CDR(l))
        if (!parse_opt(CAR(l), &n)) return raise_badarg(p);
    if (!term_is_nil(l)) return raise_badarg(p);
    struct ets_table *t = tab_create(p, args[0], &n);
    if (!t) return raise_system_limit(p);
    atomic_store_explicit(&p->ets_owner, 1, memory_order_relaxed);
    pthread_rwlock_wrlock(&er->lock);
    if (t->named && reg_find_name(t->name)) {
        pthread_rwlock_unlock(&er->lock);
        tab_free(t);
        return raise_badarg(p);
    }
    t->next_id = er->by_id[id_bucket(t->id)];
    er->by_id[id_bucket(t->id)] = t;
    if (t->named) {
        t->next_name = er->by_name[name_bucket(t->name)];
        er->by_name[name_bucket(t->name)] = t;
    }
    t->next_all = er->all_tables;
    er->all_tables = t;
    term *hp = p->htop;
    term r = ets_tab_term(t, &hp); /* a tid takes the reserved words, a name none */
    p->htop = hp;
    pthread_rwlock_unlock(&er->lock);
    return r;
}

/* ---- delete/1, give_away/3, rename/2, setopts/2 ---------------------- */

/* The table under the registry's write lock, if p owns it (or any
   process may: public delete); NULL with no lock held. */
static struct ets_table *reg_write(struct proc *p, term tab, bool public_ok) {
    struct ets_reg *er = node_cur()->ets;
    pthread_rwlock_wrlock(&er->lock);
    struct ets_table *t = reg_find(tab);
    if (t && (t->owner == p->id || (public_ok && t->prot == ETS_PUBLIC))) return t;
    pthread_rwlock_unlock(&er->lock);
    return NULL;
}

term bif_ets_delete_1(struct proc *p, term *args) {
    struct ets_reg *er = node_cur()->ets;
    struct ets_table *t = reg_write(p, args[0], true);
    if (!t) return raise_badarg(p);
    reg_delete(t);
    pthread_rwlock_unlock(&er->lock);
    return AM(true);
}

term bif_ets_give_away_3(struct proc *p, term *args) {
    struct ets_reg *er = node_cur()->ets;
    if (!term_is_local_pid(args[1]) || term_to_pid(args[1]) == p->id) return raise_badarg(p);
    struct ets_table *t = reg_write(p, args[0], false);
    if (!t) return raise_badarg(p);
    uint64_t to = term_to_pid(args[1]);
    if (!mark_owner(to)) {
        pthread_rwlock_unlock(&er->lock);
        return raise_badarg(p);
    }
    t->owner = to;
    send_transfer(t, to, p->id, args[2]);
    pthread_rwlock_unlock(&er->lock);
    return AM(true);
}

term bif_ets_rename_2(struct proc *p, term *args) {
    struct ets_reg *er = node_cur()->ets;
    if (!term_is_atom(args[1])) return raise_badarg(p);
    if (!heap_ensure_free(p, REF_WORDS)) return raise_system_limit(p);
    struct ets_table *t = reg_write(p, args[0], false);
    if (!t) return raise_badarg(p);
    if (t->named && t->name != args[1]) {
        if (reg_find_name(args[1])) {
            pthread_rwlock_unlock(&er->lock);
            return raise_badarg(p);
        }
        reg_unlink_name(t);
        t->name = args[1];
        t->next_name = er->by_name[name_bucket(t->name)];
        er->by_name[name_bucket(t->name)] = t;
    }
    t->name = args[1];
    term *hp = p->htop;
    term r = ets_tab_term(t, &hp); /* the new name, or the tid of an unnamed table */
    p->htop = hp;
    pthread_rwlock_unlock(&er->lock);
    return r;
}

static bool setopt(struct ets_table *t, term o) {
    if (!term_is_tuple(o)) return false;
    term *e = tuple_elems(o);
    if (tuple_arity(o) == 2 && e[0] == AM(heir) && e[1] == AM(none)) {
        t->heir = 0;
        if (t->heir_data) ets_obj_free(t->heir_data);
        t->heir_data = NULL;
        return true;
    }
    if (tuple_arity(o) == 3 && e[0] == AM(heir) && term_is_local_pid(e[1])) {
        struct ets_obj *d = ets_obj_new(e[2]);
        if (!d) return false;
        if (t->heir_data) ets_obj_free(t->heir_data);
        t->heir_data = d;
        t->heir = term_to_pid(e[1]);
        return true;
    }
    if (tuple_arity(o) == 2 && e[0] == AM(protection)) {
        if (e[1] == AM(public)) t->prot = ETS_PUBLIC;
        else if (e[1] == AM(protected)) t->prot = ETS_PROTECTED;
        else if (e[1] == AM(private)) t->prot = ETS_PRIVATE;
        else return false;
        return true;
    }
    return false;
}

term bif_ets_setopts_2(struct proc *p, term *args) {
    struct ets_reg *er = node_cur()->ets;
    struct ets_table *t = reg_write(p, args[0], false);
    if (!t) return raise_badarg(p);
    term l = args[1];
    bool ok = true;
    if (!term_is_list(l) && !term_is_nil(l)) ok = setopt(t, l);
    for (; ok && term_is_list(l); l = CDR(l)) ok = setopt(t, CAR(l));
    pthread_rwlock_unlock(&er->lock);
    return ok ? AM(true) : raise_badarg(p);
}

/* ---- all/0, whereis/1 ------------------------------------------------ */

term bif_ets_all_0(struct proc *p, term *args) {
    struct ets_reg *er = node_cur()->ets;
    (void)args;
    for (;;) {
        pthread_rwlock_rdlock(&er->lock);
        size_t n = 0;
        for (struct ets_table *t = er->all_tables; t; t = t->next_all) n++;
        size_t words = n * (CONS_WORDS + REF_WORDS);
        if ((size_t)(p->stop - p->htop) >= words) {
            term *hp = heap_take(p, words), list = TERM_NIL;
            for (struct ets_table *t = er->all_tables; t; t = t->next_all) {
                term *cell = hp;
                hp += CONS_WORDS;
                list = cons_store(cell, ets_tab_term(t, &hp), list);
            }
            pthread_rwlock_unlock(&er->lock);
            return list;
        }
        pthread_rwlock_unlock(&er->lock);
        if (!heap_ensure_free(p, words)) return raise_system_limit(p);
    }
}

term bif_ets_whereis_1(struct proc *p, term *args) {
    struct ets_reg *er = node_cur()->ets;
    if (!term_is_atom(args[0])) return raise_badarg(p);
    if (!heap_ensure_free(p, REF_WORDS)) return raise_system_limit(p);
    pthread_rwlock_rdlock(&er->lock);
    struct ets_table *t = reg_find_name(args[0]);
    term r = t ? ref_store(heap_take(p, REF_WORDS), t->id) : AM(undefined);
    pthread_rwlock_unlock(&er->lock);
    return r;
}

