/*
 * ets.h — ETS tables shared by vm/ets.c (tables, registry, the ets BIFs)
 * and vm/ets_match.c (match specifications, select/match).
 *
 * A table is reached through the registry (tid reference number or name
 * atom). Every BIF holds the registry's read lock and the table's rwlock
 * for its whole run (ets_acquire .. ets_release); creating, deleting,
 * renaming and changing owner take the registry's write lock, so a table
 * found under the read lock stays alive until ets_release.
 *
 * Objects are self-contained copies of tuples in their own blocks
 * (term_size/term_copy of vm/heap.h, off-heap binaries shared by
 * reference count); readers copy them into their heap. Nothing in a
 * table points into a process heap.
 */
#ifndef MOAT_ETS_H
#define MOAT_ETS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proc.h"
#include "term.h"

enum ets_type { ETS_SET, ETS_ORDERED_SET, ETS_BAG, ETS_DUPLICATE_BAG };
enum ets_prot { ETS_PRIVATE, ETS_PROTECTED, ETS_PUBLIC };

struct ets_obj {
    struct ets_obj *next;  /* hash chain; ordered_set: left child */
    struct ets_obj *right; /* ordered_set only */
    uint32_t hash;         /* hash tables: term_hash2 of the key */
    int32_t height;        /* ordered_set: AVL height */
    term *offheap;         /* refc binary handles in data[] */
    size_t words;          /* words of data[] (term_size of the tuple) */
    term tuple;
    term data[];
};

struct ets_table {
    pthread_rwlock_t lock;
    uint64_t id;       /* the tid reference's number */
    term name;         /* atom */
    bool named;
    uint8_t type;      /* enum ets_type */
    uint8_t prot;      /* enum ets_prot */
    bool read_conc, write_conc, compressed;
    uint32_t keypos;   /* 1-based */
    /* owner and heir change under the registry's write lock */
    uint64_t owner;    /* pid number */
    uint64_t heir;     /* pid number, 0 for none */
    struct ets_obj *heir_data; /* the heir's data as an object, or NULL */
    size_t size;       /* objects */
    size_t words;      /* words of all objects */
    /* set, bag, duplicate_bag: chained hash, nbuckets a power of two;
       objects of one key are adjacent in their chain, oldest first */
    struct ets_obj **buckets;
    size_t nbuckets;
    struct ets_obj *root; /* ordered_set: AVL tree in term order (==) */
    struct ets_table *next_id, *next_name, *next_all; /* registry links */
};

static inline term ets_key(const struct ets_table *t, const struct ets_obj *o) {
    return tuple_elems(o->tuple)[t->keypos - 1];
}

/* A growable array of object pointers. */
struct ets_vec {
    struct ets_obj **items;
    size_t len, cap;
    bool failed;
    bool borrowed; /* items is the caller's buffer (not freed) */
};
void ets_vec_push(struct ets_vec *v, struct ets_obj *o);
void ets_vec_free(struct ets_vec *v);

enum ets_access { ETS_READ, ETS_WRITE, ETS_ANY /* info/1,2 */ };
/* The table tab names (tid or atom), with the registry read lock and the
   table's lock (write lock if wlock) held, if p may access it so; else
   NULL with no lock held. */
struct ets_table *ets_acquire(struct proc *p, term tab, enum ets_access a, bool wlock);
void ets_release(struct ets_table *t);

/* Visiting objects in table order (hash tables: bucket by bucket, each
   chain in order; ordered_set: term order of the keys). fn returns false
   to stop the walk; each function then returns false (true when every
   object was visited). fn may not change the table, except that a hash
   walk tolerates removing the object just visited. Table lock held. */
typedef bool (*ets_visit_fn)(struct ets_obj *o, void *arg);
bool ets_each(struct ets_table *t, ets_visit_fn fn, void *arg);
/* ordered_set: from the first object whose key is > after (TERM_NONE:
   from the start); after must not move meanwhile (not on a heap). */
bool ets_each_after(struct ets_table *t, term after, ets_visit_fn fn, void *arg);
/* hash tables: buckets from `bucket` on, skipping the first `skip`
   objects of that bucket; bucket_end(next bucket, arg), if given, runs
   after each bucket and returns false to stop. */
bool ets_each_from_bucket(struct ets_table *t, size_t bucket, size_t skip, ets_visit_fn fn,
                          bool (*bucket_end)(size_t next, void *), void *arg);
/* Remove and free one object (write lock held). */
void ets_remove_obj(struct ets_table *t, struct ets_obj *o);
/* A tid term for t (REF_WORDS at *hp) or its name. */
term ets_tab_term(const struct ets_table *t, term **hp);
#define ETS_TAB_WORDS REF_WORDS

/* Copy the objects into p's heap as a list (in order); TERM_NONE when
   out of memory (the caller releases and raises system_limit). */
term ets_copy_list(struct proc *p, struct ets_obj **objs, size_t n);

/* Storage operations (table lock held: write lock for changes). */
struct ets_obj *ets_obj_new(term tuple); /* a copy of tuple; NULL if out of memory */
void ets_obj_free(struct ets_obj *o);
void ets_tab_insert(struct ets_table *t, struct ets_obj *o); /* consumes o */
void ets_tab_lookup(struct ets_table *t, term key, struct ets_vec *v);
bool ets_tab_has(struct ets_table *t, term key);
void ets_tab_delete_key(struct ets_table *t, term key);
void ets_tab_clear(struct ets_table *t);
/* The first (or last) object in table order, or NULL. */
struct ets_obj *ets_first(struct ets_table *t, bool last);
/* The first object after (or before) the objects of key, NULL at the
   end; hash tables set *missing if the key is not in the table. */
struct ets_obj *ets_next(struct ets_table *t, term key, bool before, bool *missing);

/* Words a table takes (info memory), and bytes all take (erlang:memory(ets)). */
size_t ets_table_words(const struct ets_table *t);
size_t ets_memory_bytes(void);
size_t ets_table_count(void); /* erlang:system_info(ets_count) */

/* The end of a process that owned tables (vm/proc.c): they go to their
   heirs or are deleted. */
void ets_owner_exit(struct proc *p);
/* A node's table registry (vm/node.h); destroying it frees every table. */
struct ets_reg;
struct ets_reg *ets_reg_create(void);
void ets_reg_destroy(struct ets_reg *er);

#endif
