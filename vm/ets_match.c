/*
 * ets_match.c — match specifications and the ets BIFs built on them:
 * select/1,2,3, select_count/2, select_delete/2, match/1,2,3,
 * match_object/2.
 *
 * A match spec is [{Head, Guards, Body}]: Head is matched against each
 * object ('_' anything, '$N' a variable, bound once then compared with
 * =:=); then every guard must evaluate to true; then the body's
 * expressions are evaluated and the last one's value is the result. A
 * guard that raises makes the clause fail; a body that raises gives
 * 'EXIT', as erl. Calls in guards and bodies are the erlang module's
 * guard BIFs (vm/bifs.def BIF_GUARD), plus const, andalso, orelse.
 *
 * GC safety: the spec is copied out of the heap first (a table object,
 * vm/ets.h), variables point into it or into table objects, neither of
 * which moves. Every value built on the heap while evaluating sits in an
 * x register above the BIF's arguments (p->live is raised to cover it)
 * until it is used. Results are copied into the heap, so none points
 * into a table once its lock is released.
 */
#include <string.h>

#include "alloc.h"
#include "atom.h"
#include "bif.h"
#include "compare.h"
#include "error.h"
#include "ets.h"
#include "heap.h"
#include "map.h"

#define MS_MAX_VAR 100000 /* '$N' numbers above are refused (badarg) */

enum { VAR_NONE = -1, VAR_ANY = -2, VAR_OBJECT = -3, VAR_ALL = -4 };

/* '$N' -> N; '_', '$_', '$$' -> their codes; anything else VAR_NONE. */
static long var_of(term t) {
    if (!term_is_atom(t)) return VAR_NONE;
    if (t == AM(ms_any)) return VAR_ANY;
    if (t == AM(ms_object)) return VAR_OBJECT;
    if (t == AM(ms_all_vars)) return VAR_ALL;
    size_t len;
    const char *s = atom_text(term_to_atom(t), &len);
    if (len < 2 || len > 10 || s[0] != '$') return VAR_NONE;
    long n = 0;
    for (size_t i = 1; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') return VAR_NONE;
        n = n * 10 + (s[i] - '0');
    }
    return n;
}

struct ms_run {
    struct proc *p;
    struct ets_table *t;
    term ms;       /* the copied spec */
    term *vars;    /* MS_MAX_VAR... sized to maxvar + 1; TERM_NONE unbound */
    long nvars;
    term obj;      /* the object being matched */
};

/* ---- checking a spec ------------------------------------------------ */

static bool proper_list(term l) {
    while (term_is_list(l)) l = CDR(l);
    return term_is_nil(l);
}

/* Variables of a head: mark them bound (and count the largest). */
static bool head_vars(term h, bool *bound, long *maxvar) {
    long v = var_of(h);
    if (v >= 0) {
        if (v > MS_MAX_VAR) return false;
        if (bound) bound[v] = true;
        if (v > *maxvar) *maxvar = v;
        return true;
    }
    if (term_is_list(h)) return head_vars(CAR(h), bound, maxvar) && head_vars(CDR(h), bound, maxvar);
    if (term_is_tuple(h)) {
        for (uint64_t i = 0; i < tuple_arity(h); i++)
            if (!head_vars(tuple_elems(h)[i], bound, maxvar)) return false;
    } else if (term_is_map(h)) {
        struct map_view v;
        bool ok = map_view_open(h, &v);
        for (uint64_t i = 0; ok && i < v.n; i++) ok = head_vars(v.vals[i], bound, maxvar);
        map_view_close(&v);
        return ok;
    }
    return true;
}

/* Guard BIFs that erl 25's match specifications do not accept. */
static bool ms_refused(term name, uint64_t arity) {
    static const char *const refused[] = {"is_function/2", "is_bitstring/1", "is_boolean/1", "is_record/2",
                                          "tuple_size/1",  "max/2",          "min/2",        "ceil/1",
                                          "floor/1"};
    size_t len;
    const char *text = atom_text(term_to_atom(name), &len);
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        const char *slash = strchr(refused[i], '/');
        if ((size_t)(slash - refused[i]) == len && memcmp(refused[i], text, len) == 0 &&
            (uint64_t)(slash[1] - '0') == arity)
            return true;
    }
    return false;
}

/* An expression whose variables are all bound and whose calls exist. */
static bool expr_ok(term e, const bool *bound, long nbound) {
    long v = var_of(e);
    if (v >= 0) return v < nbound && bound[v];
    if (term_is_list(e)) return expr_ok(CAR(e), bound, nbound) && expr_ok(CDR(e), bound, nbound);
    if (!term_is_tuple(e)) return true;
    uint64_t n = tuple_arity(e);
    term *el = tuple_elems(e);
    if (n == 0) return false;
    if (n == 1 && term_is_tuple(el[0])) { /* {{...}}: a tuple built */
        for (uint64_t i = 0; i < tuple_arity(el[0]); i++)
            if (!expr_ok(tuple_elems(el[0])[i], bound, nbound)) return false;
        return true;
    }
    if (el[0] == AM(const)) return n == 2;
    if (!term_is_atom(el[0])) return false;
    if (el[0] != AM(andalso) && el[0] != AM(orelse)) {
        const struct bif_info *b = bif_lookup(AM(erlang), el[0], (unsigned)(n - 1));
        if (!b || !(b->flags & BIF_GUARD) || ms_refused(el[0], n - 1)) return false;
    }
    for (uint64_t i = 1; i < n; i++)
        if (!expr_ok(el[i], bound, nbound)) return false;
    return true;
}

/* Check a spec; *maxvar is the largest variable number its heads use. */
static bool ms_check(term ms, long *maxvar) {
    *maxvar = -1;
    if (!proper_list(ms)) return false;
    for (term l = ms; term_is_list(l); l = CDR(l)) {
        term c = CAR(l);
        if (!term_is_tuple(c) || tuple_arity(c) != 3) return false;
        term *e = tuple_elems(c);
        if (!proper_list(e[1]) || !proper_list(e[2]) || term_is_nil(e[2])) return false;
        if (!head_vars(e[0], NULL, maxvar)) return false;
    }
    bool *bound = mem_calloc((size_t)(*maxvar + 1) + 1, sizeof(bool));
    if (!bound) return false;
    bool ok = true;
    for (term l = ms; ok && term_is_list(l); l = CDR(l)) {
        term *e = tuple_elems(CAR(l));
        memset(bound, 0, (size_t)(*maxvar + 1) * sizeof(bool));
        long unused = -1;
        head_vars(e[0], bound, &unused);
        ok = expr_ok(e[1], bound, *maxvar + 1) && expr_ok(e[2], bound, *maxvar + 1);
    }
    mem_free(bound);
    return ok;
}

/* ---- matching a head ------------------------------------------------ */

static bool head_match(struct ms_run *r, term pat, term val) {
    long v = var_of(pat);
    if (v == VAR_ANY) return true;
    if (v >= 0) {
        if (r->vars[v] == TERM_NONE) {
            r->vars[v] = val;
            return true;
        }
        return term_eq_exact(r->vars[v], val);
    }
    if (term_is_list(pat)) return term_is_list(val) && head_match(r, CAR(pat), CAR(val)) && head_match(r, CDR(pat), CDR(val));
    if (term_is_tuple(pat)) {
        if (!term_is_tuple(val) || tuple_arity(val) != tuple_arity(pat)) return false;
        for (uint64_t i = 0; i < tuple_arity(pat); i++)
            if (!head_match(r, tuple_elems(pat)[i], tuple_elems(val)[i])) return false;
        return true;
    }
    if (term_is_map(pat)) {
        if (!term_is_map(val)) return false;
        struct map_view v;
        bool ok = map_view_open(pat, &v);
        for (uint64_t i = 0; ok && i < v.n; i++) {
            term found = map_get(val, v.keys[i]);
            ok = found != TERM_NONE && head_match(r, v.vals[i], found);
        }
        map_view_close(&v);
        return ok;
    }
    return pat == val || term_eq_exact(pat, val);
}

/* ---- evaluating guards and bodies ----------------------------------- */

/* Evaluate e into x[slot] (slot < p->live); false if it raised. */
static bool eval(struct ms_run *r, term e, uint32_t slot);

/* Evaluate es[0..n-1] into fresh slots at x[p->live..]; returns the
   first slot, or UINT32_MAX when an evaluation failed (live restored). */
static uint32_t eval_many(struct ms_run *r, const term *es, uint64_t n) {
    struct proc *p = r->p;
    uint32_t base = p->live;
    if (base + n + 64 > X_REGS) return UINT32_MAX;
    for (uint64_t i = 0; i < n; i++) p->x[base + i] = TERM_NIL;
    p->live = base + (uint32_t)n;
    for (uint64_t i = 0; i < n; i++)
        if (!eval(r, es[i], base + (uint32_t)i)) {
            p->live = base;
            return UINT32_MAX;
        }
    return base;
}

static bool eval_tuple(struct ms_run *r, term tuple, uint32_t slot) {
    struct proc *p = r->p;
    uint64_t n = tuple_arity(tuple);
    uint32_t base = eval_many(r, tuple_elems(tuple), n);
    if (base == UINT32_MAX) return false;
    bool ok = heap_ensure_free(p, TUPLE_WORDS(n));
    if (ok) {
        term *hp = heap_take(p, TUPLE_WORDS(n));
        hp[0] = make_header(SUB_TUPLE, n);
        memcpy(hp + 1, &p->x[base], n * sizeof(term));
        p->x[slot] = term_from_boxed_ptr(hp);
    }
    p->live = base;
    return ok;
}

static bool eval_list(struct ms_run *r, term list, uint32_t slot) {
    struct proc *p = r->p;
    if (!eval(r, CDR(list), slot)) return false;
    uint32_t base = eval_many(r, &CAR(list), 1);
    if (base == UINT32_MAX || !heap_ensure_free(p, CONS_WORDS)) {
        if (base != UINT32_MAX) p->live = base;
        return false;
    }
    p->x[slot] = cons_store(heap_take(p, CONS_WORDS), p->x[base], p->x[slot]);
    p->live = base;
    return true;
}

/* andalso / orelse: stop at the first false (true); each must be a boolean. */
static bool eval_shortcut(struct ms_run *r, term e, uint32_t slot, term stop) {
    for (uint64_t i = 1; i < tuple_arity(e); i++) {
        if (!eval(r, tuple_elems(e)[i], slot)) return false;
        term v = r->p->x[slot];
        if (v == stop) return true;
        if (v != AM(true) && v != AM(false)) return false;
    }
    r->p->x[slot] = stop == AM(false) ? AM(true) : AM(false);
    return true;
}

static bool eval_call(struct ms_run *r, term e, uint32_t slot) {
    struct proc *p = r->p;
    uint64_t n = tuple_arity(e) - 1;
    const struct bif_info *b = bif_lookup(AM(erlang), tuple_elems(e)[0], (unsigned)n);
    uint32_t base = eval_many(r, tuple_elems(e) + 1, n);
    if (base == UINT32_MAX) return false;
    term v = b->fn(p, &p->x[base]);
    p->live = base;
    if (v == TERM_NONE || v == TERM_RETRY) return false;
    p->x[slot] = v;
    return true;
}

static bool eval_all_vars(struct ms_run *r, uint32_t slot) {
    struct proc *p = r->p;
    size_t n = 0;
    for (long i = 0; i < r->nvars; i++) n += r->vars[i] != TERM_NONE;
    if (!heap_ensure_free(p, n * CONS_WORDS)) return false;
    term *hp = heap_take(p, n * CONS_WORDS), l = TERM_NIL;
    for (long i = r->nvars; i-- > 0;)
        if (r->vars[i] != TERM_NONE) {
            l = cons_store(hp, r->vars[i], l);
            hp += CONS_WORDS;
        }
    p->x[slot] = l;
    return true;
}

static bool eval(struct ms_run *r, term e, uint32_t slot) {
    long v = var_of(e);
    if (v >= 0) {
        r->p->x[slot] = r->vars[v];
        return true;
    }
    if (v == VAR_OBJECT) {
        r->p->x[slot] = r->obj;
        return true;
    }
    if (v == VAR_ALL) return eval_all_vars(r, slot);
    if (term_is_list(e)) return eval_list(r, e, slot);
    if (!term_is_tuple(e)) {
        r->p->x[slot] = e;
        return true;
    }
    term *el = tuple_elems(e);
    if (tuple_arity(e) == 1 && term_is_tuple(el[0])) return eval_tuple(r, el[0], slot);
    if (el[0] == AM(const)) {
        r->p->x[slot] = el[1];
        return true;
    }
    if (el[0] == AM(andalso)) return eval_shortcut(r, e, slot, AM(false));
    if (el[0] == AM(orelse)) return eval_shortcut(r, e, slot, AM(true));
    return eval_call(r, e, slot);
}

/* Run the spec on r->obj: the result in x[slot], or false if no clause
   matched. */
static bool ms_run_obj(struct ms_run *r, uint32_t slot) {
    struct proc *p = r->p;
    for (term l = r->ms; term_is_list(l); l = CDR(l)) {
        term *c = tuple_elems(CAR(l));
        for (long i = 0; i < r->nvars; i++) r->vars[i] = TERM_NONE;
        if (!head_match(r, c[0], r->obj)) continue;
        bool pass = true;
        for (term g = c[1]; pass && term_is_list(g); g = CDR(g))
            pass = eval(r, CAR(g), slot) && p->x[slot] == AM(true);
        if (!pass) continue;
        p->x[slot] = AM(true);
        for (term b = c[2]; term_is_list(b); b = CDR(b))
            if (!eval(r, CAR(b), slot)) {
                p->x[slot] = AM(EXIT);
                break;
            }
        return true;
    }
    return false;
}

/* ---- select and friends --------------------------------------------- */

enum sel_mode { SEL_LIST, SEL_COUNT, SEL_DELETE };

struct sel {
    struct ms_run r;
    enum sel_mode mode;
    uint32_t acc, res;   /* x slots: the results (reversed), scratch */
    size_t count, limit; /* limit 0: no limit */
    struct ets_vec del;
    struct ets_obj *last; /* the last object visited */
    size_t bucket, in_bucket; /* hash tables: where the walk is */
    bool oom;
};

static bool sel_visit(struct ets_obj *o, void *arg) {
    struct sel *s = arg;
    struct proc *p = s->r.p;
    s->r.obj = o->tuple;
    s->last = o;
    s->in_bucket++;
    if (!ms_run_obj(&s->r, s->res)) return true;
    term v = p->x[s->res];
    if (s->mode != SEL_LIST) {
        if (v != AM(true)) return true;
        s->count++;
        if (s->mode == SEL_DELETE) ets_vec_push(&s->del, o);
        return true;
    }
    size_t words = term_size(v);
    if (words == SIZE_MAX || !heap_ensure_free(p, words + CONS_WORDS)) {
        s->oom = true;
        return false;
    }
    term *cell = heap_take(p, words + CONS_WORDS), *hp = cell + CONS_WORDS;
    p->x[s->acc] = cons_store(cell, term_copy(p->x[s->res], &hp, &p->offheap_first), p->x[s->acc]);
    s->count++;
    return !(s->limit && s->count >= s->limit);
}

static bool sel_bucket_end(size_t next, void *arg) {
    struct sel *s = arg;
    s->bucket = next;
    s->in_bucket = 0;
    return true;
}

/* The value select returns once the table was visited: a count, the
   list, or with a limit {List, Continuation} / '$end_of_table'. */
static term sel_result(struct sel *s, struct ets_obj *msc, bool ended) {
    struct proc *p = s->r.p;
    if (s->mode != SEL_LIST) return term_from_small((int64_t)s->count);
    if (s->limit && s->count == 0) return AM(end_of_table);
    size_t cont_words = 0;
    term pos = TERM_NONE;
    if (s->limit && !ended) {
        /* ordered_set: the last key; hash: bucket * 2^24 + objects done in it */
        pos = s->r.t->type == ETS_ORDERED_SET ? ets_key(s->r.t, s->last)
                                              : term_from_small((int64_t)(s->bucket << 24 | s->in_bucket));
        cont_words = TUPLE_WORDS(5) + ETS_TAB_WORDS + msc->words + TUPLE_WORDS(1) + term_size(pos);
    }
    size_t words = s->count * CONS_WORDS + cont_words + TUPLE_WORDS(2);
    if (!heap_ensure_free(p, words)) return TERM_NONE;
    term *hp = heap_take(p, words), list = TERM_NIL;
    for (term l = p->x[s->acc]; term_is_list(l); l = CDR(l)) {
        list = cons_store(hp, CAR(l), list);
        hp += CONS_WORDS;
    }
    if (!s->limit) return list;
    term cont = AM(end_of_table);
    if (!ended) {
        term *c = hp;
        hp += TUPLE_WORDS(5) + TUPLE_WORDS(1);
        c[0] = make_header(SUB_TUPLE, 5);
        c[1] = AM(ets);
        c[2] = ets_tab_term(s->r.t, &hp);
        c[3] = term_copy(msc->tuple, &hp, &p->offheap_first);
        c[4] = term_from_small((int64_t)s->limit);
        c[6] = make_header(SUB_TUPLE, 1);
        c[7] = term_copy(pos, &hp, &p->offheap_first);
        c[5] = term_from_boxed_ptr(c + 6);
        cont = term_from_boxed_ptr(c);
    }
    term r = tuple2_store(hp, list, cont);
    hp += TUPLE_WORDS(2);
    p->htop = hp;
    return r;
}

/* A term with no variable nor '_' in it. */
static bool ground(term t) {
    if (var_of(t) != VAR_NONE) return false;
    if (term_is_list(t)) return ground(CAR(t)) && ground(CDR(t));
    if (term_is_tuple(t)) {
        for (uint64_t i = 0; i < tuple_arity(t); i++)
            if (!ground(tuple_elems(t)[i])) return false;
    } else if (term_is_map(t)) {
        return false; /* keep it simple: map heads scan */
    }
    return true;
}

/* The key every object a one-clause spec can match has, when its head
   fixes it (then only that key is looked up); else TERM_NONE. */
static term bound_key(const struct ets_table *t, term ms) {
    if (!term_is_list(ms) || !term_is_nil(CDR(ms))) return TERM_NONE;
    term head = tuple_elems(CAR(ms))[0];
    if (!term_is_tuple(head) || tuple_arity(head) < t->keypos) return TERM_NONE;
    term key = tuple_elems(head)[t->keypos - 1];
    return ground(key) ? key : TERM_NONE;
}

/* Visit the objects of one key (a match needs the same key exactly, so
   ordered_set's == lookup finds a superset). */
static bool visit_key(struct ets_table *t, term key, struct sel *s) {
    struct ets_vec v = {0};
    ets_tab_lookup(t, key, &v);
    if (v.failed) s->oom = true;
    for (size_t i = 0; !v.failed && i < v.len; i++)
        if (!sel_visit(v.items[i], s)) break;
    ets_vec_free(&v);
    return true;
}

/* Visit the table from pos (TERM_NONE: the start; else a 1-tuple of an
   ordered_set key or of a bucket number) with spec ms; limit 0 for none. */
static term sel_run(struct proc *p, term tab, term ms, enum sel_mode mode, size_t limit, term pos) {
    long maxvar;
    if (!ms_check(ms, &maxvar)) return raise_badarg(p);
    struct ets_table *t = ets_acquire(p, tab, mode == SEL_DELETE ? ETS_WRITE : ETS_READ, mode == SEL_DELETE);
    if (!t) return raise_badarg(p);
    bool ordered = t->type == ETS_ORDERED_SET;
    if (pos != TERM_NONE && !(term_is_tuple(pos) && tuple_arity(pos) == 1 &&
                              (ordered || (term_is_small(tuple_elems(pos)[0]) && term_to_small(tuple_elems(pos)[0]) >= 0)))) {
        ets_release(t);
        return raise_badarg(p);
    }
    struct sel s = {{p, t, TERM_NONE, NULL, maxvar + 1, TERM_NONE}, mode, 0, 0, 0, limit, {0}, NULL, 0, 0, false};
    struct ets_obj *msc = ets_obj_new(ms), *after = ordered && pos != TERM_NONE ? ets_obj_new(tuple_elems(pos)[0]) : NULL;
    s.r.vars = mem_malloc((size_t)(maxvar + 2) * sizeof(term));
    term r = TERM_NONE;
    if (msc && s.r.vars && (!ordered || pos == TERM_NONE || after) && p->live + 2 + 64 < X_REGS) {
        s.r.ms = msc->tuple;
        s.acc = p->live, s.res = p->live + 1;
        p->x[s.acc] = p->x[s.res] = TERM_NIL;
        p->live += 2;
        term key = limit ? TERM_NONE : bound_key(t, s.r.ms);
        bool ended;
        if (key != TERM_NONE) ended = visit_key(t, key, &s);
        else if (ordered) ended = ets_each_after(t, after ? after->tuple : TERM_NONE, sel_visit, &s);
        else {
            size_t at = pos == TERM_NONE ? 0 : (size_t)term_to_small(tuple_elems(pos)[0]);
            s.bucket = at >> 24, s.in_bucket = at & 0xFFFFFF;
            ended = ets_each_from_bucket(t, s.bucket, s.in_bucket, sel_visit, sel_bucket_end, &s);
        }
        for (size_t i = 0; i < s.del.len; i++) ets_remove_obj(t, s.del.items[i]);
        if (!s.oom && !s.del.failed) r = sel_result(&s, msc, ended);
        p->live -= 2;
    }
    ets_release(t);
    ets_vec_free(&s.del);
    mem_free(s.r.vars);
    if (msc) ets_obj_free(msc);
    if (after) ets_obj_free(after);
    return r == TERM_NONE ? raise_system_limit(p) : r;
}

static bool limit_ok(term l) { return term_is_small(l) && term_to_small(l) >= 1; }

term bif_ets_select_2(struct proc *p, term *args) { return sel_run(p, args[0], args[1], SEL_LIST, 0, TERM_NONE); }
term bif_ets_select_count_2(struct proc *p, term *args) { return sel_run(p, args[0], args[1], SEL_COUNT, 0, TERM_NONE); }
term bif_ets_select_delete_2(struct proc *p, term *args) {
    return sel_run(p, args[0], args[1], SEL_DELETE, 0, TERM_NONE);
}

term bif_ets_select_3(struct proc *p, term *args) {
    if (!limit_ok(args[2])) return raise_badarg(p);
    return sel_run(p, args[0], args[1], SEL_LIST, (size_t)term_to_small(args[2]), TERM_NONE);
}

/* select/1 and match/1: a continuation {ets, Tab, MS, Limit, Pos}. */
term bif_ets_select_1(struct proc *p, term *args) {
    term c = args[0];
    if (c == AM(end_of_table)) return c;
    if (!term_is_tuple(c) || tuple_arity(c) != 5 || tuple_elems(c)[0] != AM(ets) || !limit_ok(tuple_elems(c)[3]))
        return raise_badarg(p);
    term *e = tuple_elems(c);
    return sel_run(p, e[1], e[2], SEL_LIST, (size_t)term_to_small(e[3]), e[4]);
}
term bif_ets_match_1(struct proc *p, term *args) { return bif_ets_select_1(p, args); }

/* [{Pattern, [], [Body]}] in buf (8 words). */
static term pattern_ms(term *buf, term pattern, term body) {
    term clause = term_from_boxed_ptr(buf);
    buf[0] = make_header(SUB_TUPLE, 3);
    buf[1] = pattern;
    buf[2] = TERM_NIL;
    buf[3] = cons_store(buf + 4, body, TERM_NIL);
    return cons_store(buf + 6, clause, TERM_NIL);
}

term bif_ets_match_2(struct proc *p, term *args) {
    term buf[8];
    return sel_run(p, args[0], pattern_ms(buf, args[1], AM(ms_all_vars)), SEL_LIST, 0, TERM_NONE);
}
term bif_ets_match_object_2(struct proc *p, term *args) {
    term buf[8];
    return sel_run(p, args[0], pattern_ms(buf, args[1], AM(ms_object)), SEL_LIST, 0, TERM_NONE);
}
term bif_ets_match_3(struct proc *p, term *args) {
    if (!limit_ok(args[2])) return raise_badarg(p);
    term buf[8];
    return sel_run(p, args[0], pattern_ms(buf, args[1], AM(ms_all_vars)), SEL_LIST, (size_t)term_to_small(args[2]),
                   TERM_NONE);
}
