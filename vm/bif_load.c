/*
 * bif_load.c — code loading from Erlang: the code module (load_file,
 * load_binary, purge, soft_purge, delete, is_loaded, which, all_loaded,
 * the code path), erlang's load_module, delete_module, purge_module,
 * check_process_code, check_old_code, module_loaded, and compile:file.
 *
 * The two-version rule and purging live in vm/module.c; a purge that must
 * wait (for a running process to be examined, or a killed one to end)
 * answers TERM_RETRY and is called again after the caller's time slice.
 * code:load_file and code:load_binary purge old code first (killing the
 * processes that run it), as erl's code server does; erlang:load_module
 * answers {error, not_purged} instead.
 *
 * A refused binary or file gives {error, badfile}, like erl, and the
 * reader's or verifier's message goes to stderr (erl's logger prints its
 * loader's message in an error report).
 */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../compiler/compiler.h"
#include "alloc.h"
#include "atom.h"
#include "bif.h"
#include "bits.h"
#include "error.h"
#include "heap.h"
#include "mbc.h"
#include "module.h"
#include "ptab.h"
#include "scheduler.h"
#include "strbuf.h"

/* An Erlang string of s's bytes (names are expected to be ASCII or UTF-8
   bytes, as the loader keeps them). May GC. */
static term make_string(struct proc *p, const char *s) {
    size_t n = strlen(s);
    if (!heap_ensure_free(p, 2 * n)) return raise_system_limit(p);
    term *hp = heap_take(p, 2 * n), l = TERM_NIL;
    for (size_t i = n; i-- > 0;) {
        l = cons_store(hp, term_from_small((uint8_t)s[i]), l);
        hp += 2;
    }
    return l;
}

/* The code module's functions are Erlang functions in erl: a bad argument
   fails their clauses. */
static term no_clause(struct proc *p) { return raise_error(p, AM(function_clause)); }

static term tuple2(struct proc *p, term a, term b) {
    /* a and b are immediates or already rooted by the caller */
    return tuple2_store(heap_take(p, 3), a, b);
}

/* {Tag, Value} with Value possibly on the heap: rooted in args[slot]. */
static term tag_value(struct proc *p, term *args, uint32_t slot, term tag) {
    p->live = (uint32_t)(args - p->x) + slot + 1;
    if (!heap_ensure_free(p, 3)) return raise_system_limit(p);
    return tuple2(p, tag, args[slot]);
}

static term error_reason(struct proc *p, term reason) {
    if (!heap_ensure_free(p, 3)) return raise_system_limit(p);
    return tuple2(p, AM_error, reason);
}

static term module_ok(struct proc *p, term mod) {
    if (!heap_ensure_free(p, 3)) return raise_system_limit(p);
    return tuple2(p, AM(module), mod);
}

/* Old code goes before another version is loaded. True to go on, else
   *stop is what the BIF returns (TERM_RETRY, or the caller's own end). */
static bool purge_before_load(struct proc *p, term mod, term *stop) {
    bool killed;
    switch (module_purge_step(p, mod, false, &killed)) {
    case MODULE_PURGE_AGAIN: *stop = TERM_RETRY; return false;
    case MODULE_PURGE_SELF: *stop = raise_class(p, AM(moat_kill), AM(killed)); return false;
    default: return true;
    }
}

/* ---- loading ------------------------------------------------------------------ */

term bif_code_load_file_1(struct proc *p, term *args) {
    if (!term_is_atom(args[0])) return no_clause(p);
    term stop;
    if (!purge_before_load(p, args[0], &stop)) return stop;
    term reason;
    if (!module_load_file(args[0], &reason)) return error_reason(p, reason);
    return module_ok(p, args[0]);
}

/* Read, verify and load bytes as module mod; AM_ok or the error reason. */
static term load_bytes(term mod, const char *file, const uint8_t *bytes, size_t len) {
    char *err = NULL;
    struct module *m = module_load_image(bytes, len, mod, file, &err);
    if (m) return AM_ok;
    term reason = err && !strcmp(err, "not_purged") ? AM(not_purged) : AM(badfile);
    if (reason == AM(badfile)) {
        size_t nlen;
        const char *name = atom_text(term_to_atom(mod), &nlen);
        fflush(stdout);
        fprintf(stderr, "moat: loading of %.*s failed: %s\n", (int)nlen, name, err ? err : "badfile");
    }
    mem_free(err);
    return reason;
}

/* The bytes of a binary (copied: loading may run while the caller GCs
   nothing, but a sub-binary may be unaligned). NULL if not a binary. */
static uint8_t *binary_bytes(term t, size_t *len) {
    struct bin_view v;
    if (!term_is_bitstring(t) || !bin_view(t, &v) || v.bit_size % 8) return NULL;
    *len = v.bit_size / 8;
    uint8_t *copy = mem_malloc(*len ? *len : 1);
    if (!copy) return NULL;
    if (v.bit_offset % 8 == 0) {
        memcpy(copy, v.bytes + v.bit_offset / 8, *len);
    } else {
        for (size_t i = 0; i < *len; i++) {
            uint64_t bit = v.bit_offset + 8 * i;
            unsigned sh = bit % 8;
            copy[i] = (uint8_t)(v.bytes[bit / 8] << sh | v.bytes[bit / 8 + 1] >> (8 - sh));
        }
    }
    return copy;
}

static term load_binary(struct proc *p, term *args, bool purge_first) {
    struct strbuf file = STRBUF_INIT;
    size_t len = 0;
    if (!term_is_atom(args[0]) || !file_name(args[1], &file)) {
        sb_free(&file);
        return purge_first ? no_clause(p) : raise_badarg(p);
    }
    uint8_t *bytes = binary_bytes(args[2], &len);
    if (!bytes) {
        sb_free(&file);
        return purge_first ? no_clause(p) : raise_badarg(p);
    }
    term stop = TERM_NONE;
    bool go = !purge_first || purge_before_load(p, args[0], &stop);
    term r = go ? load_bytes(args[0], file.data, bytes, len) : TERM_NONE;
    mem_free(bytes);
    sb_free(&file);
    if (!go) return stop;
    return r != AM_ok ? error_reason(p, r) : module_ok(p, args[0]);
}

term bif_code_load_binary_3(struct proc *p, term *args) { return load_binary(p, args, true); }

/* erlang:load_module(Mod, Bin): no purge first. */
term bif_erlang_load_module_2(struct proc *p, term *args) {
    args[2] = args[1];
    args[1] = args[0];
    p->live = (uint32_t)(args - p->x) + 3;
    return load_binary(p, args, false);
}

/* ---- purging and deleting -------------------------------------------------------- */

static term purge(struct proc *p, term mod, bool soft) {
    if (!term_is_atom(mod)) return no_clause(p);
    bool killed = false;
    switch (module_purge_step(p, mod, soft, &killed)) {
    case MODULE_PURGE_NONE: return soft ? AM_true : AM_false;
    case MODULE_PURGE_IN_USE: return AM_false;
    case MODULE_PURGE_AGAIN: return TERM_RETRY;
    case MODULE_PURGE_SELF: return raise_class(p, AM(moat_kill), AM(killed));
    default: return soft ? AM_true : (killed ? AM_true : AM_false);
    }
}

term bif_code_purge_1(struct proc *p, term *args) { return purge(p, args[0], false); }
term bif_code_soft_purge_1(struct proc *p, term *args) { return purge(p, args[0], true); }

term bif_erlang_purge_module_1(struct proc *p, term *args) {
    if (!term_is_atom(args[0]) || !module_find_old(args[0])) return raise_badarg(p);
    term r = purge(p, args[0], false);
    return r == AM_false ? AM_true : r;
}

term bif_code_delete_1(struct proc *p, term *args) {
    if (!term_is_atom(args[0])) return no_clause(p);
    return module_delete(args[0]) ? AM_true : AM_false;
}

term bif_erlang_delete_module_1(struct proc *p, term *args) {
    if (!term_is_atom(args[0])) return raise_badarg(p);
    if (!module_find(args[0])) return AM_undefined;
    if (module_find_old(args[0])) return raise_badarg(p);
    return module_delete(args[0]) ? AM_true : raise_badarg(p);
}

term bif_erlang_check_old_code_1(struct proc *p, term *args) {
    if (!term_is_atom(args[0])) return raise_badarg(p);
    return module_find_old(args[0]) ? AM_true : AM_false;
}

term bif_erlang_module_loaded_1(struct proc *p, term *args) {
    if (!term_is_atom(args[0])) return raise_badarg(p);
    return module_find(args[0]) ? AM_true : AM_false;
}

term bif_erlang_check_process_code_2(struct proc *p, term *args) {
    if (!term_is_local_pid(args[0]) || !term_is_atom(args[1])) return raise_badarg(p);
    struct module *old = module_find_old(args[1]);
    if (!old) return AM_false;
    uint64_t pid = term_to_pid(args[0]);
    if (pid == p->id) return module_proc_uses(p, old) ? AM_true : AM_false;
    struct proc *q = ptab_lookup(pid);
    if (!q) return AM_false;
    uint32_t was;
    if (!proc_hold(q, &was)) {
        bool exiting = atomic_load_explicit(&q->state, memory_order_acquire) == PS_EXITING;
        ptab_release(q);
        return exiting ? AM_false : TERM_RETRY;
    }
    /* old stays allocated while q is held: a purge frees it only after
       holding every process itself */
    bool uses = module_proc_uses(q, old);
    proc_unhold(q, was);
    ptab_release(q);
    return uses ? AM_true : AM_false;
}

/* ---- what is loaded, and from where ------------------------------------------------ */

term bif_code_is_loaded_1(struct proc *p, term *args) {
    if (!term_is_atom(args[0])) return no_clause(p);
    struct module *m = module_find(args[0]);
    if (!m) return AM_false;
    /* the path is copied before the allocation: a purge may free it only
       after this process stops, but a reload may make m old meanwhile */
    char *path = mem_strdup(m->path ? m->path : "");
    if (!path) return raise_system_limit(p);
    term s = make_string(p, path);
    mem_free(path);
    if (s == TERM_NONE) return s;
    args[1] = s;
    return tag_value(p, args, 1, AM(file));
}

static bool file_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

struct which_search {
    const char *name;
    size_t len;
    char *found;
};

static void which_dir(const char *dir, void *arg) {
    struct which_search *w = arg;
    for (int k = 0; k < 2 && !w->found; k++) {
        struct strbuf sb = STRBUF_INIT;
        sb_printf(&sb, "%s/%.*s.%s", dir, (int)w->len, w->name, k ? "erl" : "mbc");
        const char *path = sb_cstr(&sb);
        if (!sb.failed && file_exists(path)) w->found = sb.data;
        else sb_free(&sb);
    }
}

term bif_code_which_1(struct proc *p, term *args) {
    if (!term_is_atom(args[0])) return no_clause(p);
    struct module *m = module_find(args[0]);
    char *path = NULL;
    if (m) {
        path = mem_strdup(m->path ? m->path : "");
    } else {
        struct which_search w = {0};
        w.name = atom_text(term_to_atom(args[0]), &w.len);
        module_path_foreach(which_dir, &w);
        if (!w.found) return AM(non_existing);
        path = w.found;
    }
    if (!path) return raise_system_limit(p);
    term s = make_string(p, path);
    mem_free(path);
    return s;
}

struct loaded_list {
    term *names;
    char **paths;
    size_t n, cap;
    bool failed;
};

static void collect_loaded(struct module *m, void *arg) {
    struct loaded_list *l = arg;
    if (l->failed) return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        term *nn = mem_realloc(l->names, cap * sizeof *nn);
        if (nn) l->names = nn;
        char **np = mem_realloc(l->paths, cap * sizeof *np);
        if (np) l->paths = np;
        if (!nn || !np) {
            l->failed = true;
            return;
        }
        l->cap = cap;
    }
    l->names[l->n] = m->name;
    l->paths[l->n] = mem_strdup(m->path ? m->path : "");
    if (!l->paths[l->n]) l->failed = true;
    else l->n++;
}

term bif_code_all_loaded_0(struct proc *p, term *args) {
    struct loaded_list l = {0};
    module_foreach_current(collect_loaded, &l);
    size_t words = 0;
    for (size_t i = 0; i < l.n; i++) words += 5 + 2 * strlen(l.paths[i]);
    term r = TERM_NONE;
    if (!l.failed && heap_ensure_free(p, words)) {
        term *hp = heap_take(p, words);
        r = TERM_NIL;
        for (size_t i = l.n; i-- > 0;) {
            term s = TERM_NIL;
            for (size_t k = strlen(l.paths[i]); k-- > 0;) {
                s = cons_store(hp, term_from_small((uint8_t)l.paths[i][k]), s);
                hp += 2;
            }
            term t = tuple2_store(hp, l.names[i], s);
            hp += 3;
            r = cons_store(hp, t, r);
            hp += 2;
        }
    }
    for (size_t i = 0; i < l.n; i++) mem_free(l.paths[i]);
    mem_free(l.names);
    mem_free(l.paths);
    return r == TERM_NONE ? raise_system_limit(p) : r;
}

/* ---- the code path ------------------------------------------------------------------ */

static void path_words(const char *dir, void *arg) { *(size_t *)arg += 2 + 2 * strlen(dir); }

struct path_build {
    term *hp;
    term *last; /* where the next cell goes */
    term first;
    size_t room;
};

static void path_cell(const char *dir, void *arg) {
    struct path_build *b = arg;
    size_t need = 2 + 2 * strlen(dir);
    if (need > b->room) return; /* the path grew since it was measured */
    b->room -= need;
    term s = TERM_NIL;
    for (size_t k = strlen(dir); k-- > 0;) {
        s = cons_store(b->hp, term_from_small((uint8_t)dir[k]), s);
        b->hp += 2;
    }
    term c = cons_store(b->hp, s, TERM_NIL);
    b->hp += 2;
    if (b->last) *b->last = c;
    else b->first = c;
    b->last = &term_list_ptr(c)[1];
}

term bif_code_get_path_0(struct proc *p, term *args) {
    size_t words = 0;
    module_path_foreach(path_words, &words);
    words += 64; /* room for a directory added meanwhile */
    if (!heap_ensure_free(p, words)) return raise_system_limit(p);
    struct path_build b = {p->htop, NULL, TERM_NIL, words};
    module_path_foreach(path_cell, &b);
    p->htop = b.hp;
    return b.first;
}

static term add_path(struct proc *p, term dir, bool front) {
    struct strbuf sb = STRBUF_INIT;
    if (!file_name(dir, &sb)) {
        sb_free(&sb);
        return no_clause(p);
    }
    struct stat st;
    bool ok = stat(sb.data, &st) == 0 && S_ISDIR(st.st_mode);
    if (ok && front) module_path_add_front(sb.data);
    else if (ok) module_path_add(sb.data);
    sb_free(&sb);
    return ok ? AM_true : error_reason(p, AM(bad_directory));
}

term bif_code_add_patha_1(struct proc *p, term *args) { return add_path(p, args[0], true); }
term bif_code_add_pathz_1(struct proc *p, term *args) { return add_path(p, args[0], false); }
term bif_code_add_path_1(struct proc *p, term *args) { return add_path(p, args[0], false); }

/* ---- compile:file ------------------------------------------------------------------- */

struct compile_request {
    bool binary, report;
    struct strbuf outdir;
};

static bool compile_options(term opts, struct compile_request *rq) {
    for (; term_is_list(opts); opts = CDR(opts)) {
        term o = CAR(opts);
        if (o == AM(binary)) rq->binary = true;
        else if (term_is_atom(o)) {
            size_t n;
            const char *s = atom_text(term_to_atom(o), &n);
            if (n >= 6 && !memcmp(s, "report", 6)) rq->report = true;
        } else if (term_is_tuple(o) && tuple_arity(o) == 2 && tuple_elems(o)[0] == AM(outdir)) {
            rq->outdir.len = 0;
            if (!file_name(tuple_elems(o)[1], &rq->outdir)) return false;
        }
        /* other options (include paths, macros, warnings) are accepted and
           not used yet */
    }
    return opts == TERM_NIL;
}

/* Compile rq's source; the image in img, the module's name in *mod. */
static bool compile_to_image(const char *src_path, const struct compile_request *rq, struct strbuf *img, term *mod) {
    size_t len;
    char *src = sb_read_file(src_path, &len);
    if (!src) {
        if (rq->report) printf("%s: no such file or directory\n", src_path);
        return false;
    }
    struct diags d = {0};
    struct compile_opts opts = {.stdlib_include = MOAT_STDLIB_DIR, .no_warnings = !rq->report};
    struct gen_module *g = compile_source(src_path, src, len, &opts, &d);
    mem_free(src);
    if (rq->report) {
        fflush(stdout);
        diags_print(&d, stdout);
    }
    diags_free(&d);
    if (!g) return false;
    uint32_t a = atom_intern(g->atoms[0].text, g->atoms[0].len);
    if (a != ATOM_NOT_FOUND) mbc_write(g, img);
    gen_module_free(g);
    if (a == ATOM_NOT_FOUND || img->failed) return false;
    *mod = term_from_atom(a);
    return true;
}

static bool write_image(const struct strbuf *img, const char *path) {
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(img->data, 1, img->len, f) == img->len;
    if (f && fclose(f) != 0) ok = false;
    return ok;
}

/* {ok, Mod} or {ok, Mod, Binary}; args[2] is free to root the binary. */
static term compile_result(struct proc *p, term *args, term mod, const struct strbuf *img, bool binary) {
    if (!binary) {
        if (!heap_ensure_free(p, 3)) return raise_system_limit(p);
        return tuple2(p, AM_ok, mod);
    }
    uint8_t *data;
    term bin = bin_alloc(p, img->len, &data);
    if (bin == TERM_NONE) return raise_system_limit(p);
    memcpy(data, img->data, img->len);
    args[2] = bin;
    p->live = (uint32_t)(args - p->x) + 3;
    if (!heap_ensure_free(p, 4)) return raise_system_limit(p);
    term *hp = heap_take(p, 4);
    hp[0] = make_header(SUB_TUPLE, 3);
    hp[1] = AM_ok;
    hp[2] = mod;
    hp[3] = args[2];
    return term_from_boxed_ptr(hp);
}

static term compile_file(struct proc *p, term *args, term opts) {
    struct compile_request rq = {.outdir = STRBUF_INIT};
    struct strbuf src = STRBUF_INIT, img = STRBUF_INIT;
    if (!file_name(args[0], &src) || !compile_options(opts, &rq)) {
        sb_free(&src);
        sb_free(&rq.outdir);
        return raise_badarg(p);
    }
    if (src.len < 4 || strcmp(src.data + src.len - 4, ".erl") != 0) {
        sb_puts(&src, ".erl");
        sb_cstr(&src);
    }
    term mod = TERM_NONE;
    bool ok = compile_to_image(src.data, &rq, &img, &mod);
    if (ok && !rq.binary) {
        /* OUTDIR/BASE.mbc, where erl writes OUTDIR/BASE.beam */
        const char *base = strrchr(src.data, '/');
        base = base ? base + 1 : src.data;
        struct strbuf out = STRBUF_INIT;
        sb_printf(&out, "%s/%.*s.mbc", rq.outdir.len ? sb_cstr(&rq.outdir) : ".", (int)(strlen(base) - 4), base);
        ok = !out.failed && write_image(&img, sb_cstr(&out));
        if (!ok && rq.report) printf("%s: cannot write the file\n", out.data ? out.data : "");
        sb_free(&out);
    }
    term r = ok ? compile_result(p, args, mod, &img, rq.binary) : AM_error;
    sb_free(&src);
    sb_free(&img);
    sb_free(&rq.outdir);
    return r;
}

term bif_compile_file_1(struct proc *p, term *args) {
    /* erl's compile:file/1 reports errors and warnings */
    term report = atom_term("report", 6);
    args[1] = TERM_NIL;
    if (!heap_ensure_free(p, 2)) return raise_system_limit(p);
    term opts = cons_store(heap_take(p, 2), report, TERM_NIL);
    return compile_file(p, args, opts);
}

term bif_compile_file_2(struct proc *p, term *args) { return compile_file(p, args, args[1]); }
