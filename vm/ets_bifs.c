/*
 * ets_bifs.c — the ets BIFs that read and write objects: insert, lookup,
 * delete, traversal (first/next/last/prev), tab2list, info,
 * update_counter, update_element, take. Tables, their storage and the
 * registry are vm/ets.c's; match specifications are vm/ets_match.c's.
 *
 * Every BIF runs between ets_acquire and ets_release (table locked).
 * Results are copied from table memory into the caller's heap after a
 * heap_ensure_free made under the lock: table objects never move, so
 * only args[] must be re-read after it. Bad arguments raise badarg and
 * leave the table unchanged.
 */

#include "atom.h"
#include "alloc.h"
#include "bif.h"
#include "bignum.h"
#include "compare.h"
#include "error.h"
#include "ets.h"
#include "heap.h"

static bool valid_object(const struct ets_table *t, term o) {
    return term_is_tuple(o) && tuple_arity(o) >= t->keypos;
}

/* A copy of t (a key or element in table memory) on p's heap. */
static term copy_out(struct proc *p, struct ets_table *t, term x) {
    if (term_is_immed(x)) return x;
    size_t words = term_size(x);
    if (words == SIZE_MAX || !heap_ensure_free(p, words)) {
        ets_release(t);
        return raise_system_limit(p);
    }
    term *hp = heap_take(p, words);
    return term_copy(x, &hp, &p->offheap_first);
}

static term list_out(struct proc *p, struct ets_table *t, struct ets_vec *v) {
    term r = v->failed ? TERM_NONE : ets_copy_list(p, v->items, v->len);
    ets_release(t);
    ets_vec_free(v);
    return r == TERM_NONE ? raise_system_limit(p) : r;
}

/* ---- insert ----------------------------------------------------------- */

static term do_insert(struct proc *p, term *args, bool only_new) {
    struct ets_table *t = ets_acquire(p, args[0], ETS_WRITE, true);
    if (!t) return raise_badarg(p);
    term objs = args[1], l;
    bool single = term_is_tuple(objs);
    if (single ? !valid_object(t, objs) : false) goto bad;
    if (!single) {
        for (l = objs; term_is_list(l); l = CDR(l))
            if (!valid_object(t, CAR(l))) goto bad;
        if (!term_is_nil(l)) goto bad;
    }
    if (only_new) {
        if (single ? ets_tab_has(t, tuple_elems(objs)[t->keypos - 1]) : false) goto no;
        for (l = single ? TERM_NIL : objs; term_is_list(l); l = CDR(l))
            if (ets_tab_has(t, tuple_elems(CAR(l))[t->keypos - 1])) goto no;
    }
    struct ets_vec v = {0};
    if (single) ets_vec_push(&v, ets_obj_new(objs));
    for (l = single ? TERM_NIL : objs; term_is_list(l); l = CDR(l)) ets_vec_push(&v, ets_obj_new(CAR(l)));
    bool failed = v.failed;
    for (size_t i = 0; i < v.len; i++) failed |= v.items[i] == NULL;
    /* erl inserts a list into a bag last object first: [{k,1},{k,2}] looks
       up as [{k,2},{k,1}] (one at a time, they keep insertion order) */
    bool reverse = t->type == ETS_BAG;
    for (size_t j = 0; j < v.len; j++) {
        size_t i = reverse ? v.len - 1 - j : j;
        if (failed) {
            if (v.items[i]) ets_obj_free(v.items[i]);
        } else {
            ets_tab_insert(t, v.items[i]);
        }
    }
    ets_vec_free(&v);
    ets_release(t);
    return failed ? raise_system_limit(p) : AM(true);
no:
    ets_release(t);
    return AM(false);
bad:
    ets_release(t);
    return raise_badarg(p);
}

term bif_ets_insert_2(struct proc *p, term *args) { return do_insert(p, args, false); }
term bif_ets_insert_new_2(struct proc *p, term *args) { return do_insert(p, args, true); }

/* ---- lookups ---------------------------------------------------------- */

term bif_ets_lookup_2(struct proc *p, term *args) {
    struct ets_table *t = ets_acquire(p, args[0], ETS_READ, false);
    if (!t) return raise_badarg(p);
    struct ets_obj *one[1];
    struct ets_vec v = {one, 0, 1, false, true};
    ets_tab_lookup(t, args[1], &v);
    term r = v.failed ? TERM_NONE : ets_copy_list(p, v.items, v.len);
    ets_release(t);
    ets_vec_free(&v);
    return r == TERM_NONE ? raise_system_limit(p) : r;
}

term bif_ets_member_2(struct proc *p, term *args) {
    struct ets_table *t = ets_acquire(p, args[0], ETS_READ, false);
    if (!t) return raise_badarg(p);
    bool has = ets_tab_has(t, args[1]);
    ets_release(t);
    return has ? AM(true) : AM(false);
}

term bif_ets_lookup_element_3(struct proc *p, term *args) {
    if (!term_is_small(args[2]) || term_to_small(args[2]) < 1) return raise_badarg(p);
    uint64_t pos = (uint64_t)term_to_small(args[2]);
    struct ets_table *t = ets_acquire(p, args[0], ETS_READ, false);
    if (!t) return raise_badarg(p);
    struct ets_vec v = {0};
    ets_tab_lookup(t, args[1], &v);
    bool ok = v.len > 0 && !v.failed;
    size_t words = 0;
    for (size_t i = 0; ok && i < v.len; i++) {
        ok = tuple_arity(v.items[i]->tuple) >= pos;
        if (ok) words += term_size(tuple_elems(v.items[i]->tuple)[pos - 1]) + CONS_WORDS;
    }
    if (!ok) {
        ets_release(t);
        ets_vec_free(&v);
        return raise_badarg(p);
    }
    if (!heap_ensure_free(p, words)) {
        ets_release(t);
        ets_vec_free(&v);
        return raise_system_limit(p);
    }
    term *hp = heap_take(p, words), r = TERM_NIL;
    for (size_t i = v.len; i-- > 0;) {
        term *cell = hp;
        hp += CONS_WORDS;
        r = cons_store(cell, term_copy(tuple_elems(v.items[i]->tuple)[pos - 1], &hp, &p->offheap_first), r);
    }
    if (t->type == ETS_SET || t->type == ETS_ORDERED_SET) r = CAR(r);
    ets_release(t);
    ets_vec_free(&v);
    return r;
}

static term tab2list(struct proc *p, struct ets_table *t);

term bif_ets_tab2list_1(struct proc *p, term *args) {
    struct ets_table *t = ets_acquire(p, args[0], ETS_READ, false);
    if (!t) return raise_badarg(p);
    return tab2list(p, t);
}

static bool collect(struct ets_obj *o, void *arg) {
    ets_vec_push(arg, o);
    return true;
}

static term tab2list(struct proc *p, struct ets_table *t) {
    struct ets_vec v = {0};
    ets_each(t, collect, &v);
    return list_out(p, t, &v);
}

/* ---- deletes ---------------------------------------------------------- */

term bif_ets_delete_2(struct proc *p, term *args) {
    struct ets_table *t = ets_acquire(p, args[0], ETS_WRITE, true);
    if (!t) return raise_badarg(p);
    ets_tab_delete_key(t, args[1]);
    ets_release(t);
    return AM(true);
}

term bif_ets_delete_all_objects_1(struct proc *p, term *args) {
    struct ets_table *t = ets_acquire(p, args[0], ETS_WRITE, true);
    if (!t) return raise_badarg(p);
    ets_tab_clear(t);
    ets_release(t);
    return AM(true);
}

term bif_ets_delete_object_2(struct proc *p, term *args) {
    struct ets_table *t = ets_acquire(p, args[0], ETS_WRITE, true);
    if (!t) return raise_badarg(p);
    if (!valid_object(t, args[1])) {
        ets_release(t);
        return raise_badarg(p);
    }
    struct ets_vec v = {0};
    ets_tab_lookup(t, tuple_elems(args[1])[t->keypos - 1], &v);
    for (size_t i = 0; i < v.len; i++)
        if (term_eq_exact(v.items[i]->tuple, args[1])) ets_remove_obj(t, v.items[i]);
    ets_vec_free(&v);
    ets_release(t);
    return AM(true);
}

term bif_ets_take_2(struct proc *p, term *args) {
    struct ets_table *t = ets_acquire(p, args[0], ETS_WRITE, true);
    if (!t) return raise_badarg(p);
    struct ets_vec v = {0};
    ets_tab_lookup(t, args[1], &v);
    term r = v.failed ? TERM_NONE : ets_copy_list(p, v.items, v.len);
    if (r != TERM_NONE) ets_tab_delete_key(t, args[1]);
    ets_release(t);
    ets_vec_free(&v);
    return r == TERM_NONE ? raise_system_limit(p) : r;
}

/* ---- traversal -------------------------------------------------------- */

static term key_or_end(struct proc *p, struct ets_table *t, struct ets_obj *o) {
    term r = o ? copy_out(p, t, ets_key(t, o)) : AM(end_of_table);
    if (r != TERM_NONE) ets_release(t);
    return r;
}

static term first_last(struct proc *p, term *args, bool last) {
    struct ets_table *t = ets_acquire(p, args[0], ETS_READ, false);
    if (!t) return raise_badarg(p);
    return key_or_end(p, t, ets_first(t, last));
}

static term next_prev(struct proc *p, term *args, bool prev) {
    struct ets_table *t = ets_acquire(p, args[0], ETS_READ, false);
    if (!t) return raise_badarg(p);
    bool missing;
    struct ets_obj *o = ets_next(t, args[1], prev, &missing);
    if (missing) {
        ets_release(t);
        return raise_badarg(p);
    }
    return key_or_end(p, t, o);
}

term bif_ets_first_1(struct proc *p, term *args) { return first_last(p, args, false); }
term bif_ets_last_1(struct proc *p, term *args) { return first_last(p, args, true); }
term bif_ets_next_2(struct proc *p, term *args) { return next_prev(p, args, false); }
term bif_ets_prev_2(struct proc *p, term *args) { return next_prev(p, args, true); }

/* ---- info ------------------------------------------------------------- */

static const uint8_t type_atoms[] = {ATOM_set, ATOM_ordered_set, ATOM_bag, ATOM_duplicate_bag};
static const uint8_t prot_atoms[] = {ATOM_private, ATOM_protected, ATOM_public};

/* The value of one info item (REF_WORDS at *hp may be used), or
   TERM_NONE for an unknown item. */
static term info_item(struct ets_table *t, term item, term **hp) {
    if (item == AM(size)) return term_from_small((int64_t)t->size);
    if (item == AM(name)) return t->name;
    if (item == AM(type)) return term_from_atom(type_atoms[t->type]);
    if (item == AM(owner)) return term_from_pid(t->owner);
    if (item == AM(heir)) return t->heir ? term_from_pid(t->heir) : AM(none);
    if (item == AM(keypos)) return term_from_small(t->keypos);
    if (item == AM(protection)) return term_from_atom(prot_atoms[t->prot]);
    if (item == AM(named_table)) return t->named ? AM(true) : AM(false);
    if (item == AM(memory))
        return term_from_small((int64_t)ets_table_words(t));
    if (item == AM(node)) return AM(nonode_at_nohost);
    if (item == AM(read_concurrency)) return t->read_conc ? AM(true) : AM(false);
    if (item == AM(write_concurrency)) return t->write_conc ? AM(true) : AM(false);
    if (item == AM(compressed)) return t->compressed ? AM(true) : AM(false);
    if (item == AM(decentralized_counters)) return AM(false);
    if (item == AM(id)) {
        term r = ref_store(*hp, t->id);
        *hp += REF_WORDS;
        return r;
    }
    return TERM_NONE;
}

static const uint16_t info_order[] = {
    ATOM_id,         ATOM_decentralized_counters, ATOM_read_concurrency, ATOM_write_concurrency, ATOM_compressed,
    ATOM_memory,     ATOM_owner,                  ATOM_heir,             ATOM_name,              ATOM_size,
    ATOM_node,       ATOM_named_table,            ATOM_type,             ATOM_keypos,            ATOM_protection,
};
#define INFO_ITEMS (sizeof info_order / sizeof info_order[0])

term bif_ets_info_1(struct proc *p, term *args) {
    if (!term_is_atom(args[0]) && !term_is_ref(args[0])) return raise_badarg(p);
    size_t words = INFO_ITEMS * (CONS_WORDS + TUPLE_WORDS(2)) + REF_WORDS;
    if (!heap_ensure_free(p, words)) return raise_system_limit(p);
    struct ets_table *t = ets_acquire(p, args[0], ETS_ANY, false);
    if (!t) return AM(undefined);
    term *hp = heap_take(p, words), r = TERM_NIL;
    term *cells = hp;
    hp += INFO_ITEMS * CONS_WORDS;
    for (size_t i = INFO_ITEMS; i-- > 0;) {
        term item = term_from_atom(info_order[i]);
        term v = info_item(t, item, &hp);
        term pair = tuple2_store(hp, item, v);
        hp += TUPLE_WORDS(2);
        r = cons_store(cells + i * CONS_WORDS, pair, r);
    }
    ets_release(t);
    p->htop = hp;
    return r;
}

term bif_ets_info_2(struct proc *p, term *args) {
    if (!term_is_atom(args[0]) && !term_is_ref(args[0])) return raise_badarg(p);
    if (!heap_ensure_free(p, REF_WORDS)) return raise_system_limit(p);
    struct ets_table *t = ets_acquire(p, args[0], ETS_ANY, false);
    if (!t) return AM(undefined);
    term *hp = p->htop;
    term v = info_item(t, args[1], &hp);
    ets_release(t);
    if (v == TERM_NONE) return raise_badarg(p);
    p->htop = hp;
    return v;
}

/* ---- update_element/3 ------------------------------------------------- */

/* Check {Pos, Value} against an object of `arity` elements. */
static bool elem_op_ok(const struct ets_table *t, term op, uint64_t arity) {
    if (!term_is_tuple(op) || tuple_arity(op) != 2) return false;
    term pos = tuple_elems(op)[0];
    return term_is_small(pos) && term_to_small(pos) >= 1 && (uint64_t)term_to_small(pos) <= arity &&
           (uint64_t)term_to_small(pos) != t->keypos;
}

term bif_ets_update_element_3(struct proc *p, term *args) {
    struct ets_table *t = ets_acquire(p, args[0], ETS_WRITE, true);
    if (!t) return raise_badarg(p);
    struct ets_vec v = {0};
    term r = AM(false);
    if (t->type != ETS_SET && t->type != ETS_ORDERED_SET) goto bad;
    ets_tab_lookup(t, args[1], &v);
    if (v.len == 0) goto done;
    term old = v.items[0]->tuple, ops = args[2], l;
    uint64_t arity = tuple_arity(old);
    if (term_is_tuple(ops)) {
        if (!elem_op_ok(t, ops, arity)) goto bad;
    } else {
        for (l = ops; term_is_list(l); l = CDR(l))
            if (!elem_op_ok(t, CAR(l), arity)) goto bad;
        if (!term_is_nil(l)) goto bad;
    }
    term *tmp = mem_malloc(TUPLE_WORDS(arity) * sizeof(term));
    if (!tmp) goto oom;
    memcpy(tmp, term_boxed_ptr(old), TUPLE_WORDS(arity) * sizeof(term));
    if (term_is_tuple(ops)) tmp[term_to_small(tuple_elems(ops)[0])] = tuple_elems(ops)[1];
    for (l = term_is_tuple(ops) ? TERM_NIL : ops; term_is_list(l); l = CDR(l))
        tmp[term_to_small(tuple_elems(CAR(l))[0])] = tuple_elems(CAR(l))[1];
    struct ets_obj *o = ets_obj_new(term_from_boxed_ptr(tmp));
    mem_free(tmp);
    if (!o) goto oom;
    ets_tab_insert(t, o);
    r = AM(true);
done:
    ets_vec_free(&v);
    ets_release(t);
    return r;
bad:
    ets_vec_free(&v);
    ets_release(t);
    return raise_badarg(p);
oom:
    ets_vec_free(&v);
    ets_release(t);
    return raise_system_limit(p);
}

/* ---- update_counter/3,4 ----------------------------------------------- */

struct uc_op {
    uint64_t pos;
    term incr, thr, setv; /* thr == TERM_NONE: no threshold */
};

static size_t int_limbs_of(term t) { return term_is_bignum(t) ? big_size(t) : 1; }

/* Parse one op against src (the object updated): false if malformed. */
static bool uc_parse_one(const struct ets_table *t, term op, term src, struct uc_op *u) {
    uint64_t arity = tuple_arity(src);
    term pos;
    if (term_is_integer(op)) {
        pos = term_from_small(t->keypos + 1);
        u->incr = op;
        u->thr = TERM_NONE;
    } else if (term_is_tuple(op) && (tuple_arity(op) == 2 || tuple_arity(op) == 4)) {
        term *e = tuple_elems(op);
        pos = e[0];
        u->incr = e[1];
        u->thr = tuple_arity(op) == 4 ? e[2] : TERM_NONE;
        u->setv = tuple_arity(op) == 4 ? e[3] : TERM_NONE;
        if (u->thr != TERM_NONE && (!term_is_integer(u->thr) || !term_is_integer(u->setv))) return false;
    } else {
        return false;
    }
    if (!term_is_small(pos) || term_to_small(pos) < 1 || (uint64_t)term_to_small(pos) > arity) return false;
    u->pos = (uint64_t)term_to_small(pos);
    return u->pos != t->keypos && term_is_integer(u->incr) && term_is_integer(tuple_elems(src)[u->pos - 1]);
}

/* Parse all ops into *ops (malloc'd); returns how many, or -1. */
static long uc_parse(const struct ets_table *t, term ops, term src, struct uc_op **out) {
    long n = 0;
    term l = ops;
    if (term_is_list(ops)) {
        for (; term_is_list(l); l = CDR(l)) n++;
        if (!term_is_nil(l)) return -1;
    } else if (!term_is_nil(ops)) {
        n = 1;
    }
    struct uc_op *u = mem_malloc((size_t)(n ? n : 1) * sizeof *u);
    if (!u) return -1;
    bool ok = true;
    if (term_is_list(ops) || term_is_nil(ops)) {
        long i = 0;
        for (l = ops; ok && term_is_list(l); l = CDR(l)) ok = !term_is_integer(CAR(l)) && uc_parse_one(t, CAR(l), src, &u[i++]);
    } else {
        ok = uc_parse_one(t, ops, src, &u[0]);
    }
    if (!ok) {
        mem_free(u);
        return -1;
    }
    *out = u;
    return n;
}

static term int_add(term a, term b, term **hp) {
    if (term_is_small(a) && term_is_small(b)) {
        int64_t r = term_to_small(a) + term_to_small(b); /* 60-bit values: no overflow */
        if (small_fits(r)) return term_from_small(r);
    }
    struct bigv x, y;
    bigv_of(a, &x);
    bigv_of(b, &y);
    return big_add(&x, &y, false, hp);
}

static bool int_neg(term t) { return term_is_small(t) ? term_to_small(t) < 0 : big_is_neg(t); }

/* Apply ops to elems (a copy of the object's elements), writing new
   integers into the arena at *hp; results[i] is op i's value. */
static void uc_apply(struct uc_op *u, long n, term *elems, term *results, term **hp) {
    for (long i = 0; i < n; i++) {
        term v = int_add(elems[u[i].pos - 1], u[i].incr, hp);
        if (u[i].thr != TERM_NONE) {
            int c = term_compare(v, u[i].thr);
            if (int_neg(u[i].incr) ? c < 0 : c > 0) v = u[i].setv;
        }
        elems[u[i].pos - 1] = v;
        results[i] = v;
    }
}

static size_t uc_limbs(struct uc_op *u, long n, term src) {
    size_t m = 1;
    for (long i = 0; i < n; i++) {
        size_t l = int_limbs_of(tuple_elems(src)[u[i].pos - 1]);
        if (int_limbs_of(u[i].incr) > l) l = int_limbs_of(u[i].incr);
        if (u[i].thr != TERM_NONE && int_limbs_of(u[i].setv) > l) l = int_limbs_of(u[i].setv);
        if (l > m) m = l;
    }
    return m + (size_t)n + 1;
}

/* The object to update: the stored one, or the default with the key in
   place (built in *tmp, malloc'd); TERM_NONE if neither. */
static term uc_source(struct ets_table *t, term *args, bool has_default, term **tmp) {
    struct ets_obj *one[1];
    struct ets_vec v = {one, 0, 1, false, true};
    ets_tab_lookup(t, args[1], &v);
    *tmp = NULL;
    if (v.len) return v.items[0]->tuple;
    if (!has_default || !valid_object(t, args[3])) return TERM_NONE;
    uint64_t arity = tuple_arity(args[3]);
    if (!(*tmp = mem_malloc(TUPLE_WORDS(arity) * sizeof(term)))) return TERM_NONE;
    memcpy(*tmp, term_boxed_ptr(args[3]), TUPLE_WORDS(arity) * sizeof(term));
    (*tmp)[t->keypos] = args[1];
    return term_from_boxed_ptr(*tmp);
}

static term update_counter(struct proc *p, term *args, bool has_default) {
    struct ets_table *t = ets_acquire(p, args[0], ETS_WRITE, true);
    if (!t) return raise_badarg(p);
    term *tmp = NULL, *arena = NULL, r = TERM_NONE;
    struct uc_op *u = NULL;
    bool oom = false;
    if (t->type != ETS_SET && t->type != ETS_ORDERED_SET) goto out;
    term src = uc_source(t, args, has_default, &tmp);
    long n = src == TERM_NONE ? -1 : uc_parse(t, args[2], src, &u);
    if (n < 0) goto out;
    size_t limbs = uc_limbs(u, n, src), arity = tuple_arity(src);
    mem_free(u), u = NULL, mem_free(tmp), tmp = NULL;
    size_t need = (size_t)n * (BIG_WORDS(limbs) + CONS_WORDS);
    if (!heap_ensure_free(p, need)) goto oom;
    /* args moved: everything is taken again from them */
    src = uc_source(t, args, has_default, &tmp);
    if (src == TERM_NONE || uc_parse(t, args[2], src, &u) != n) goto oom;
    arena = mem_malloc(((size_t)n * (BIG_WORDS(limbs) + 1) + TUPLE_WORDS(arity)) * sizeof(term));
    if (!arena) goto oom;
    term *tuple = arena, *results = arena + TUPLE_WORDS(arity), *hp = results + n;
    memcpy(tuple, term_boxed_ptr(src), TUPLE_WORDS(arity) * sizeof(term));
    uc_apply(u, n, tuple + 1, results, &hp);
    struct ets_obj *o = ets_obj_new(term_from_boxed_ptr(tuple));
    if (!o) goto oom;
    ets_tab_insert(t, o);
    term *out = heap_take(p, 0);
    r = TERM_NIL;
    for (long i = n; i-- > 0;) {
        term *cell = out;
        out += CONS_WORDS;
        r = cons_store(cell, term_copy(results[i], &out, &p->offheap_first), r);
    }
    p->htop = out;
    if (!term_is_list(args[2]) && !term_is_nil(args[2])) r = CAR(r);
    goto out;
oom:
    oom = true;
out:
    ets_release(t);
    mem_free(u);
    mem_free(tmp);
    mem_free(arena);
    if (oom) return raise_system_limit(p);
    return r == TERM_NONE ? raise_badarg(p) : r;
}

term bif_ets_update_counter_3(struct proc *p, term *args) { return update_counter(p, args, false); }
term bif_ets_update_counter_4(struct proc *p, term *args) { return update_counter(p, args, true); }
