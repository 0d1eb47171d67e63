/*
 * bif_code.c — BIFs that belong with the interpreter: raising exceptions,
 * halt, self, the process dictionary, sending, process_info, module_info
 * and funs.
 *
 * Calling convention of vm/bif.h: args[] are rooted x registers; after a
 * heap_ensure_free re-read args[] and process fields, never a copy.
 * The process dictionary (p->dict) is a list of {Key, Value} in reverse
 * order of first insertion (newest first); get/0 and get_keys/0 reverse it
 * so that they list keys in insertion order. Keys compare with =:=.
 */
#include <stdatomic.h>
#include <string.h>

#include "atom.h"
#include "bif.h"
#include "bits.h"
#include "compare.h"
#include "error.h"
#include "heap.h"
#include "interp.h"
#include "io.h"
#include "mailbox.h"
#include "module.h"
#include "node.h"
#include "strbuf.h"
#include "vm.h"

/* ---- exceptions ---------------------------------------------------------------- */

term bif_erlang_error_1(struct proc *p, term *args) {
    raise_error(p, args[0]);
    p->exc_args = EXC_ARGS_NO_FRAME;
    return TERM_NONE;
}

term bif_erlang_error_2(struct proc *p, term *args) {
    raise_error(p, args[0]);
    p->exc_args = (term_is_list(args[1]) || args[1] == TERM_NIL) ? args[1] : EXC_ARGS_NO_FRAME;
    return TERM_NONE;
}

term bif_erlang_error_3(struct proc *p, term *args) { return bif_erlang_error_2(p, args); }
term bif_erlang_exit_1(struct proc *p, term *args) { return raise_exit(p, args[0]); }
term bif_erlang_throw_1(struct proc *p, term *args) { return raise_throw(p, args[0]); }

term bif_erlang_raise_3(struct proc *p, term *args) {
    term cls = args[0];
    /* erl returns (does not raise) badarg for a bad class or stack trace */
    if (cls != AM(error) && cls != AM(exit) && cls != AM(throw)) return AM(badarg);
    if (!error_is_stacktrace(args[2])) return AM(badarg);
    raise_class(p, cls, args[1]);
    p->exc_trace = args[2];
    return TERM_NONE;
}

/* apply/2,3 run as code (interp_apply3_code); these only exist for the table. */
term bif_erlang_apply_2(struct proc *p, term *args) { return raise_badarg(p); }
term bif_erlang_apply_3(struct proc *p, term *args) { return raise_badarg(p); }

/* ---- halt, self ---------------------------------------------------------------- */

static term halt_with(struct proc *p, int status) {
    (void)p;
    node_cur()->halt_status = status;
    raise_class(p, AM(moat_halt), TERM_NIL);
    return TERM_NONE;
}

term bif_erlang_halt_0(struct proc *p, term *args) { return halt_with(p, 0); }

term bif_erlang_halt_1(struct proc *p, term *args) {
    term s = args[0];
    if (term_is_small(s) && term_to_small(s) >= 0) return halt_with(p, (int)(term_to_small(s) & 0xFF));
    if (s == atom_term("abort", 5)) return halt_with(p, 134);
    if (term_is_list(s) || s == TERM_NIL) { /* a crash slogan: said on stderr (no dump) */
        struct strbuf sb = STRBUF_INIT;
        for (; term_is_list(s) && term_is_small(CAR(s)); s = CDR(s))
            sb_putc(&sb, (char)term_to_small(CAR(s)));
        sb_putc(&sb, '\n');
        if (!sb.failed) io_write(p, 2, sb.data, sb.len);
        sb_free(&sb);
        return halt_with(p, 1);
    }
    return raise_badarg(p);
}

term bif_erlang_halt_2(struct proc *p, term *args) {
    if (!term_is_list(args[1]) && args[1] != TERM_NIL) return raise_badarg(p);
    return bif_erlang_halt_1(p, args);
}

term bif_erlang_self_0(struct proc *p, term *args) { return term_from_pid(p->id); }

/* ---- the process dictionary -------------------------------------------------------- */

static term dict_find(term dict, term key, uint64_t *pos) {
    uint64_t i = 0;
    for (term l = dict; term_is_list(l); l = CDR(l), i++) {
        term kv = CAR(l);
        term k = tuple_elems(kv)[0];
        if (k == key || (!term_is_immed(k) && !term_is_immed(key) && term_eq_exact(k, key))) {
            if (pos) *pos = i;
            return kv;
        }
    }
    return TERM_NONE;
}

/* p->dict without element `pos`, optionally with `add` in its place. */
static term dict_rebuild(term **hp, term dict, uint64_t pos, term add) {
    term *cells = *hp;
    term tail = dict;
    for (uint64_t i = 0; i < pos; i++) tail = CDR(tail);
    tail = CDR(tail);
    if (add != TERM_NONE) {
        tail = cons_store(*hp, add, tail);
        *hp += 2;
    }
    /* copy the prefix, back to front */
    term l = dict;
    term prefix[64];
    term out = tail;
    if (pos <= 64) {
        for (uint64_t i = 0; i < pos; i++, l = CDR(l)) prefix[i] = CAR(l);
        for (uint64_t i = pos; i-- > 0;) {
            out = cons_store(*hp, prefix[i], out);
            *hp += 2;
        }
        return out;
    }
    /* long prefix: build forward, patching tails (all cells are new) */
    term first = TERM_NONE, *last = NULL;
    for (uint64_t i = 0; i < pos; i++, l = CDR(l)) {
        term c = cons_store(*hp, CAR(l), TERM_NIL);
        *hp += 2;
        if (last) *last = c;
        else first = c;
        last = &term_list_ptr(c)[1];
    }
    *last = out;
    (void)cells;
    return first;
}

term bif_erlang_put_2(struct proc *p, term *args) {
    uint64_t pos = 0;
    term old = dict_find(p->dict, args[0], &pos);
    size_t need = TUPLE_WORDS(2) + CONS_WORDS + (old != TERM_NONE ? 2 * pos : 0);
    if (!heap_ensure_free(p, need)) return raise_system_limit(p);
    old = dict_find(p->dict, args[0], &pos);
    term *hp = p->htop;
    term kv = term_from_boxed_ptr(hp);
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = args[0];
    hp[2] = args[1];
    hp += 3;
    term result = AM(undefined);
    if (old != TERM_NONE) {
        result = tuple_elems(old)[1];
        p->dict = dict_rebuild(&hp, p->dict, pos, kv);
    } else {
        p->dict = cons_store(hp, kv, p->dict);
        hp += 2;
    }
    p->htop = hp;
    return result;
}

term bif_erlang_get_1(struct proc *p, term *args) {
    term kv = dict_find(p->dict, args[0], NULL);
    return kv == TERM_NONE ? AM(undefined) : tuple_elems(kv)[1];
}

static size_t dict_len(term d) {
    size_t n = 0;
    for (; term_is_list(d); d = CDR(d)) n++;
    return n;
}

/* The dictionary (or its keys, or the keys with value *match) oldest first. */
static term dict_list(struct proc *p, int what, term *match) {
    if (!heap_ensure_free(p, 2 * dict_len(p->dict))) return raise_system_limit(p);
    term *hp = p->htop, out = TERM_NIL;
    for (term l = p->dict; term_is_list(l); l = CDR(l)) {
        term kv = CAR(l);
        term v = tuple_elems(kv)[1];
        if (what == 2 && !(v == *match || (!term_is_immed(v) && term_eq_exact(v, *match)))) continue;
        out = cons_store(hp, what == 0 ? kv : tuple_elems(kv)[0], out);
        hp += 2;
    }
    p->htop = hp;
    return out;
}

term bif_erlang_get_0(struct proc *p, term *args) { return dict_list(p, 0, NULL); }
term bif_erlang_get_keys_0(struct proc *p, term *args) { return dict_list(p, 1, NULL); }
term bif_erlang_get_keys_1(struct proc *p, term *args) { return dict_list(p, 2, &args[0]); }

term bif_erlang_erase_0(struct proc *p, term *args) {
    term r = dict_list(p, 0, NULL);
    if (r != TERM_NONE) p->dict = TERM_NIL;
    return r;
}

term bif_erlang_erase_1(struct proc *p, term *args) {
    uint64_t pos = 0;
    term old = dict_find(p->dict, args[0], &pos);
    if (old == TERM_NONE) return AM(undefined);
    if (!heap_ensure_free(p, 2 * pos)) return raise_system_limit(p);
    old = dict_find(p->dict, args[0], &pos);
    term *hp = p->htop;
    p->dict = dict_rebuild(&hp, p->dict, pos, TERM_NONE);
    p->htop = hp;
    return tuple_elems(old)[1];
}

/* ---- sending, gc, process_info -------------------------------------------------------- */

term bif_erlang_send_2(struct proc *p, term *args) {
    int rc = proc_send(p, args[0], args[1]);
    if (rc < 0) return rc == SEND_NOMEM ? raise_system_limit(p) : raise_badarg(p);
    return args[1];
}

term bif_erlang_garbage_collect_0(struct proc *p, term *args) {
    if (!heap_gc_major(p, 0)) return raise_system_limit(p);
    return AM_true;
}

static term tuple2(struct proc *p, term a, term b) { return tuple2_store(heap_take(p, 3), a, b); }

/* ---- module_info ------------------------------------------------------------------------ */

static bool is_exported(const struct module *m, const struct mod_func *f) {
    for (uint32_t i = 0; i < m->nexports; i++)
        if (m->exports[i].name == f->name && m->exports[i].arity == f->arity) return true;
    return false;
}

/* [{Name, Arity}] of the functions (or only the exported ones) in the
   order they are defined, as erl lists them. */
static term fa_list(struct proc *p, const struct module *m, bool functions) {
    uint32_t n = 0;
    for (uint32_t i = 0; i < m->nfuncs; i++) n += functions || is_exported(m, &m->funcs[i]);
    if (!heap_ensure_free(p, 5 * (size_t)n)) return raise_system_limit(p);
    term *hp = heap_take(p, 5 * (size_t)n), l = TERM_NIL;
    for (uint32_t i = m->nfuncs; i-- > 0;) {
        const struct mod_func *f = &m->funcs[i];
        if (!functions && !is_exported(m, f)) continue;
        hp[0] = make_header(SUB_TUPLE, 2);
        hp[1] = f->name;
        hp[2] = term_from_small(f->arity);
        l = cons_store(hp + 3, term_from_boxed_ptr(hp), l);
        hp += 5;
    }
    return l;
}

static term md5_binary(struct proc *p, const struct module *m) {
    uint8_t *data;
    term b = bin_alloc(p, 16, &data);
    if (b == TERM_NONE) return raise_system_limit(p);
    memcpy(data, m->md5, 16);
    return b;
}

/* One item; m is re-found after each allocation (modules never move). */
static term module_info_item(struct proc *p, const struct module *m, term key) {
    if (key == AM(module)) return m->name;
    if (key == AM(exports)) return fa_list(p, m, false);
    if (key == atom_term("functions", 9)) return fa_list(p, m, true);
    if (key == AM(attributes)) return m->attributes;
    if (key == AM(compile)) return TERM_NIL;
    if (key == AM(md5)) return md5_binary(p, m);
    return raise_badarg(p);
}

term bif_erlang_get_module_info_2(struct proc *p, term *args) {
    if (!term_is_atom(args[0]) || !term_is_atom(args[1])) return raise_badarg(p);
    struct module *m = module_find(args[0]);
    if (!m) return raise_badarg(p);
    return module_info_item(p, m, args[1]);
}

term bif_erlang_get_module_info_1(struct proc *p, term *args) {
    if (!term_is_atom(args[0])) return raise_badarg(p);
    struct module *m = module_find(args[0]);
    if (!m) return raise_badarg(p);
    static const int keys[] = {ATOM_module, ATOM_exports, ATOM_attributes, ATOM_compile, ATOM_md5};
    term vals[5];
    /* each value is built before the next allocation; keep them rooted in
       the dictionary-free way: build the list after, with one reservation */
    for (int i = 0; i < 5; i++) {
        vals[i] = module_info_item(p, m, term_from_atom(keys[i]));
        if (vals[i] == TERM_NONE) return TERM_NONE;
        /* a later allocation may GC: keep earlier values in x registers */
        args[1 + i] = vals[i];
        p->live = (uint32_t)(args - p->x) + 2 + i;
    }
    if (!heap_ensure_free(p, 5 * 5)) return raise_system_limit(p);
    term *hp = heap_take(p, 25), l = TERM_NIL;
    for (int i = 5; i-- > 0;) {
        hp[0] = make_header(SUB_TUPLE, 2);
        hp[1] = term_from_atom(keys[i]);
        hp[2] = args[1 + i];
        l = cons_store(hp + 3, term_from_boxed_ptr(hp), l);
        hp += 5;
    }
    return l;
}

term bif_erlang_function_exported_3(struct proc *p, term *args) {
    if (!term_is_atom(args[0]) || !term_is_atom(args[1]) || !term_is_small(args[2])) return raise_badarg(p);
    int64_t a = term_to_small(args[2]);
    if (a < 0 || a > 255) return raise_badarg(p);
    if (bif_lookup(args[0], args[1], (unsigned)a)) return AM_true;
    if (!module_find(args[0])) return AM_false;
    struct export_entry *e = export_get(args[0], args[1], (uint32_t)a);
    return e && atomic_load(&e->code) ? AM_true : AM_false;
}

/* ---- funs ------------------------------------------------------------------------------ */

term bif_erlang_make_fun_3(struct proc *p, term *args) {
    if (!term_is_atom(args[0]) || !term_is_atom(args[1]) || !term_is_small(args[2])) return raise_badarg(p);
    int64_t a = term_to_small(args[2]);
    if (a < 0 || a > 255) return raise_badarg(p);
    struct export_entry *e = export_get(args[0], args[1], (uint32_t)a);
    if (!e) return raise_system_limit(p);
    if (!heap_ensure_free(p, EXPORT_FUN_WORDS)) return raise_system_limit(p);
    term *hp = heap_take(p, EXPORT_FUN_WORDS);
    hp[0] = make_header(SUB_EXPORT, 1);
    hp[1] = (term)(uintptr_t)e;
    return term_from_boxed_ptr(hp);
}

/* The value of one fun_info item; TERM_NONE if it raised; AM(undefined)
   with *unknown set for a key this fun has no value for. */
static term fun_item(struct proc *p, term *fun, term key, bool *unknown) {
    *unknown = false;
    bool local = boxed_sub(*fun) == SUB_FUN;
    if (key == AM(type)) return local ? AM(local) : AM(external);
    if (key == AM(module)) return local ? fun_entry_of(*fun)->module_name : export_of(*fun)->module;
    if (key == AM(name)) return local ? fun_entry_of(*fun)->name : export_of(*fun)->function;
    if (key == AM(arity)) return term_from_small(local ? fun_entry_of(*fun)->arity : export_of(*fun)->arity);
    if (key == AM(env)) {
        if (!local) return TERM_NIL;
        uint64_t n = fun_num_free(*fun);
        if (!heap_ensure_free(p, 2 * n)) return raise_system_limit(p);
        term *hp = heap_take(p, 2 * n), l = TERM_NIL;
        for (uint64_t i = n; i-- > 0;) {
            l = cons_store(hp, fun_free(*fun)[i], l);
            hp += 2;
        }
        return l;
    }
    if (!local) {
        /* an export fun has these keys, with no value */
        *unknown = !(key == AM(pid) || key == AM(index) || key == AM(new_index) || key == AM(uniq) ||
                     key == AM(new_uniq));
        return AM(undefined);
    }
    struct fun_entry *fe = fun_entry_of(*fun);
    if (key == AM(pid)) return term_from_pid(p->id);
    if (key == AM(index) || key == AM(new_index)) return term_from_small(fe->index);
    if (key == AM(uniq)) return term_from_small(fe->uniq);
    if (key == AM(new_uniq)) {
        uint8_t *data;
        term b = bin_alloc(p, 16, &data);
        if (b == TERM_NONE) return raise_system_limit(p);
        for (int i = 0; i < 16; i++) data[i] = (uint8_t)(fe->uniq >> ((i % 4) * 8)) ^ (uint8_t)(i * 37);
        return b;
    }
    *unknown = true;
    return AM(undefined);
}

term bif_erlang_fun_info_2(struct proc *p, term *args) {
    if (!term_is_fun(args[0]) || !term_is_atom(args[1])) return raise_badarg(p);
    bool unknown;
    term v = fun_item(p, &args[0], args[1], &unknown);
    if (v == TERM_NONE) return v;
    if (unknown) return raise_badarg(p);
    args[2] = v;
    p->live = (uint32_t)(args - p->x) + 3;
    if (!heap_ensure_free(p, 3)) return raise_system_limit(p);
    return tuple2(p, args[1], args[2]);
}

term bif_erlang_fun_info_1(struct proc *p, term *args) {
    if (!term_is_fun(args[0])) return raise_badarg(p);
    bool local = boxed_sub(args[0]) == SUB_FUN;
    static const int local_keys[] = {ATOM_pid, ATOM_module, ATOM_new_index, ATOM_new_uniq, ATOM_index,
                                     ATOM_uniq, ATOM_name, ATOM_arity, ATOM_env, ATOM_type};
    static const int ext_keys[] = {ATOM_module, ATOM_name, ATOM_arity, ATOM_env, ATOM_type};
    const int *keys = local ? local_keys : ext_keys;
    int n = local ? 10 : 5;
    for (int i = 0; i < n; i++) {
        bool unknown;
        term v = fun_item(p, &args[0], term_from_atom(keys[i]), &unknown);
        if (v == TERM_NONE) return v;
        args[1 + i] = v;
        p->live = (uint32_t)(args - p->x) + 2 + i;
    }
    if (!heap_ensure_free(p, 5 * (size_t)n)) return raise_system_limit(p);
    term *hp = heap_take(p, 5 * (size_t)n), l = TERM_NIL;
    for (int i = n; i-- > 0;) {
        hp[0] = make_header(SUB_TUPLE, 2);
        hp[1] = term_from_atom(keys[i]);
        hp[2] = args[1 + i];
        l = cons_store(hp + 3, term_from_boxed_ptr(hp), l);
        hp += 5;
    }
    return l;
}
