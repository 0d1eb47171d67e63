/*
 * moat.c — the embedding API of vm/moat.h: a VM for a C host, host
 * contexts, term handles, calls into Erlang, messages, and natives.
 *
 * A context is a real process (vm/proc.h) in state PS_HOST: it has a pid,
 * a mailbox, links and monitors, but no scheduler ever runs it. Its owner
 * is the host thread using it, which alone touches its heap and queue.
 * Its x register file is the handle table: slots[0..top-1] with p->live
 * == top, so every term a handle names is a GC root and is updated when
 * the collector moves it. Slot 0 is never used (handle 0 is "none").
 * Senders push onto the context's inbox and call sched_wake, which for a
 * PS_HOST process calls ctx_wake: it finds the context in the VM's table
 * (under ctx_lock) and signals the condition variable a host thread in
 * moat_receive / moat_call waits on.
 *
 * moat_call spawns '$moat_host':call(Ctx, Tag, M, F, Args) (source below),
 * which sends {Tag, {ok, Value} | {Class, Reason, Stack}} back; a monitor
 * reports an actor killed before it could answer.
 *
 * Natives: each registered native gets an index; its module's Erlang
 * source is generated (a function per native that calls the BIF
 * '$moat':native_call(Index, Args), or for a blocking one
 * '$moat':native_async(Index, Args) and then waits for the answer), and
 * (re)loaded at each registration. A native runs with a scratch context
 * (a pooled context) holding copies of its arguments; its result is copied
 * back to the caller's heap. Blocking natives run on the VM's thread pool
 * and answer with a message {Ref, {ok, V} | {Class, Reason}}.
 *
 * Each moat_vm is a node (vm/node.h) with its own schedulers, processes,
 * modules and names, so several VMs run side by side in one OS process.
 * Every API call enters its VM's node on the calling thread for its
 * duration (NODE_SCOPE); the pool threads belong to their VM's node.
 */
#include "moat.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../compiler/compiler.h"
#include "alloc.h"
#include "atom.h"
#include "bignum.h"
#include "bits.h"
#include "compare.h"
#include "error.h"
#include "heap.h"
#include "interp.h"
#include "io.h"
#include "loader.h"
#include "map.h"
#include "mbc.h"
#include "module.h"
#include "node.h"
#include "print.h"
#include "ptab.h"
#include "scheduler.h"
#include "strbuf.h"
#include "timer.h"
#include "vm.h"

#define CTX_HEAP_WORDS 256
#define WAIT_SLICE_MS 100 /* waits wake this often to notice a halt */
#define WAIT_SPINS 2000   /* polls of the inbox before a wait sleeps */

struct native {
    term module, name;
    unsigned arity, flags;
    moat_native_fn fn;
    void *userdata;
};

struct job { /* a call of a blocking native, queued for the pool */
    struct job *next;
    uint32_t native;
    uint64_t caller, ref;
    struct msg *args;
};

struct moat_vm {
    struct node *node;
    moat_limits limits;
    pthread_mutex_t ctx_lock; /* ctxs, scratch */
    moat_ctx **ctxs;          /* live host contexts (ctx_wake looks here) */
    size_t nctxs, capctxs;
    moat_ctx *scratch;        /* free contexts for natives */
    pthread_mutex_t native_lock; /* natives (registration), the job queue */
    pthread_cond_t job_cv;
    struct native *natives;
    uint32_t nnatives, capnatives;
    struct job *jobs, **jobs_tail;
    bool pool_stop;
    pthread_t *pool;
    unsigned npool;
};

struct moat_ctx {
    moat_vm *vm;
    struct proc *p;
    term *slots;   /* p->x */
    uint8_t *used; /* per slot */
    uint32_t top, cap, nused;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool waiting;                    /* under mu */
    term *xregs;                     /* moat_call's first slice runs with these */
    moat_term err_class, err_reason, err_stack;
    term raised_class;               /* natives: moat_raise's class, or 0 */
    moat_term raised_reason;
    moat_ctx *next_scratch;
};

static _Thread_local const char *open_error = "";

/* The wrapper moat_call runs, and the wait of a blocking native. */
static const char host_module_src[] =
    "-module('$moat_host').\n"
    "-export([call/5, native_wait/1]).\n"
    "call(Host, Tag, M, F, A) ->\n"
    "    Host ! {Tag, try {ok, erlang:apply(M, F, A)} catch C:R:S -> {C, R, S} end}.\n"
    "native_wait(Ref) ->\n"
    "    receive {Ref, Res} -> result(Res) end.\n"
    "result({ok, V}) -> V;\n"
    "result({error, R}) -> erlang:error(R);\n"
    "result({exit, R}) -> erlang:exit(R);\n"
    "result({throw, R}) -> erlang:throw(R).\n";

void moat_free(void *p) { mem_free(p); }
const char *moat_open_error(void) { return open_error; }

/* ---- handles -------------------------------------------------------------------------- */

static bool valid(const moat_ctx *c, moat_term h) { return c && h > 0 && h < c->top && c->used[h]; }
#define T(h) (c->slots[h])

/* Room for n more handles (no GC: only the table grows). */
static bool reserve(moat_ctx *c, uint32_t n) {
    if (c->top + n <= c->cap) return true;
    uint32_t cap = c->cap * 2;
    while (cap < c->top + n) cap *= 2;
    term *s = mem_realloc(c->slots, cap * sizeof *s);
    if (!s) return false;
    c->slots = s;
    c->p->x = s;
    uint8_t *u = mem_realloc(c->used, cap);
    if (!u) return false;
    c->used = u;
    c->cap = cap;
    return true;
}

/* A handle for t (reserve first). */
static moat_term push(moat_ctx *c, term t) {
    if (t == TERM_NONE || !reserve(c, 1)) return MOAT_NONE;
    moat_term h = c->top++;
    c->slots[h] = t;
    c->used[h] = 1;
    c->nused++;
    c->p->live = c->top;
    return h;
}

void moat_release(moat_ctx *c, moat_term h) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!valid(c, h)) return;
    c->used[h] = 0;
    c->slots[h] = TERM_NIL;
    c->nused--;
    while (c->top > 1 && !c->used[c->top - 1]) c->top--;
    c->p->live = c->top;
}

void moat_clear(moat_ctx *c) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!c) return;
    c->top = 1;
    c->nused = 0;
    c->p->live = 1;
    c->err_class = c->err_reason = c->err_stack = MOAT_NONE;
}

size_t moat_handles(moat_ctx *c) { return c ? c->nused : 0; }

/* words free on the context's heap, a handle slot reserved: the heap
   pointer, or NULL (the GC may have moved what the handles name) */
static term *ctx_alloc(moat_ctx *c, size_t words) {
    if (!reserve(c, 1)) return NULL;
    if (!heap_ensure_free(c->p, words)) return NULL;
    return heap_take(c->p, words);
}

/* ---- contexts ----------------------------------------------------------------------------- */

static moat_ctx *ctx_create(moat_vm *vm) {
    moat_ctx *c = mem_zalloc(sizeof *c);
    if (!c) return NULL;
    c->vm = vm;
    c->cap = 64;
    c->slots = mem_malloc(c->cap * sizeof *c->slots);
    c->used = mem_zalloc(c->cap);
    c->p = (c->slots && c->used) ? proc_new(CTX_HEAP_WORDS) : NULL;
    if (!c->p || !proc_ext(c->p)) {
        if (c->p) proc_exit(c->p, AM(normal));
        mem_free(c->slots);
        mem_free(c->used);
        mem_free(c);
        return NULL;
    }
    c->slots[0] = TERM_NIL;
    c->top = 1;
    c->p->x = c->slots;
    c->p->live = 1;
    c->p->flags = PF_TRAP_EXIT;
    pthread_mutex_init(&c->mu, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&c->cv, &attr);
    pthread_condattr_destroy(&attr);
    atomic_store_explicit(&c->p->state, PS_HOST, memory_order_release);
    return c;
}

static void ctx_destroy(moat_ctx *c) {
    atomic_store_explicit(&c->p->state, PS_EXITING, memory_order_release);
    c->p->live = 0;
    proc_exit(c->p, AM(normal));
    pthread_mutex_destroy(&c->mu);
    pthread_cond_destroy(&c->cv);
    mem_free(c->slots);
    mem_free(c->used);
    mem_free(c->xregs);
    mem_free(c);
}

moat_ctx *moat_ctx_new(moat_vm *vm) {
    NODE_SCOPE(vm ? vm->node : NULL);
    if (!vm) return NULL;
    moat_ctx *c = ctx_create(vm);
    if (!c) return NULL;
    pthread_mutex_lock(&vm->ctx_lock);
    if (vm->nctxs == vm->capctxs) {
        size_t cap = vm->capctxs ? 2 * vm->capctxs : 8;
        moat_ctx **n = mem_realloc(vm->ctxs, cap * sizeof *n);
        if (!n) {
            pthread_mutex_unlock(&vm->ctx_lock);
            ctx_destroy(c);
            return NULL;
        }
        vm->ctxs = n;
        vm->capctxs = cap;
    }
    vm->ctxs[vm->nctxs++] = c;
    pthread_mutex_unlock(&vm->ctx_lock);
    return c;
}

void moat_ctx_free(moat_ctx *c) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!c) return;
    moat_vm *vm = c->vm;
    pthread_mutex_lock(&vm->ctx_lock);
    for (size_t i = 0; i < vm->nctxs; i++)
        if (vm->ctxs[i] == c) {
            vm->ctxs[i] = vm->ctxs[--vm->nctxs];
            break;
        }
    pthread_mutex_unlock(&vm->ctx_lock);
    ctx_destroy(c);
}

moat_pid moat_self(moat_ctx *c) { return c ? c->p->id : 0; }

/* sched_wake of a PS_HOST process (any thread) */
static void ctx_wake(struct proc *p) {
    moat_vm *vm = node_cur()->host;
    if (!vm) return;
    pthread_mutex_lock(&vm->ctx_lock);
    for (size_t i = 0; i < vm->nctxs; i++) {
        moat_ctx *c = vm->ctxs[i];
        if (c->p != p) continue;
        pthread_mutex_lock(&c->mu);
        if (c->waiting) pthread_cond_signal(&c->cv);
        pthread_mutex_unlock(&c->mu);
        break;
    }
    pthread_mutex_unlock(&vm->ctx_lock);
}

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait until the inbox has something or the deadline (ms, -1: none)
   passes; false at the deadline or when the VM halts. */
static bool ctx_wait(moat_ctx *c, int64_t deadline) {
    bool got = true;
    /* an answer is often a few microseconds away: look before sleeping */
    for (int i = 0; i < WAIT_SPINS && mbox_inbox_empty(&c->p->mbox); i++) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    }
    pthread_mutex_lock(&c->mu);
    c->waiting = true;
    while (mbox_inbox_empty(&c->p->mbox)) {
        int64_t now = now_ms();
        if (sched_halting() || (deadline >= 0 && now >= deadline)) {
            got = false;
            break;
        }
        int64_t until = now + WAIT_SLICE_MS;
        if (deadline >= 0 && deadline < until) until = deadline;
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        int64_t ns = ts.tv_nsec + (until - now) * 1000000;
        ts.tv_sec += ns / 1000000000;
        ts.tv_nsec = ns % 1000000000;
        pthread_cond_timedwait(&c->cv, &c->mu, &ts);
    }
    c->waiting = false;
    pthread_mutex_unlock(&c->mu);
    return got;
}

/* The first queued message match() accepts, taken out of the queue; NULL
   if none has come. A kill signal does not end a context. */
static struct msg *take_match(moat_ctx *c, bool (*match)(term, const uint64_t *), const uint64_t *arg) {
    struct proc *p = c->p;
    mbox_rewind(&p->mbox);
    for (;;) {
        struct msg *m = proc_peek(p);
        if (m == PROC_DEAD) {
            p->exc_class = p->exc_reason = p->exc_trace = TERM_NIL;
            continue;
        }
        if (!m) {
            mbox_rewind(&p->mbox);
            return NULL;
        }
        if (match(m->payload, arg)) return mbox_remove(&p->mbox);
        mbox_skip(&p->mbox);
    }
}

/* A handle for a taken message's payload; the message goes to the heap. */
static moat_term take_payload(moat_ctx *c, struct msg *m) {
    term t = m->payload;
    if (m->flags & MSG_ON_HEAP) msg_free(m);
    else heap_add_frag(c->p, m);
    moat_term h = push(c, t);
    /* a host that receives much and builds little would keep every
       message it ever got: collect (the handles are the roots) */
    if (heap_frags_pressing(c->p) && !heap_gc(c->p, 0)) {
        /* no memory now: the next allocation reports it */
    }
    return h;
}

static bool match_any(term t, const uint64_t *arg) { return true; }

static int64_t deadline_of(int timeout_ms) { return timeout_ms < 0 ? -1 : now_ms() + timeout_ms; }

int moat_receive(moat_ctx *c, int timeout_ms, moat_term *out) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!c || !out) return MOAT_BADARG;
    int64_t deadline = deadline_of(timeout_ms);
    for (;;) {
        if (!reserve(c, 1)) return MOAT_NOMEM;
        struct msg *m = take_match(c, match_any, NULL);
        if (m) {
            *out = take_payload(c, m);
            return MOAT_OK;
        }
        if (!ctx_wait(c, deadline)) return sched_halting() ? MOAT_HALTED : MOAT_TIMEOUT;
    }
}

/* ---- the VM ------------------------------------------------------------------------------- */

void moat_config_init(moat_config *cfg) {
    if (cfg) memset(cfg, 0, sizeof *cfg);
}

static int load_gen(struct gen_module *g, char **err);
static int compile_load(const char *name, const char *text, size_t len, char **err);
static bool pool_start(moat_vm *vm, unsigned n);
static void pool_stop(moat_vm *vm);

moat_vm *moat_open(const moat_config *cfg) {
    moat_config dflt;
    if (!cfg) {
        moat_config_init(&dflt);
        cfg = &dflt;
    }
    if (cfg->alloc && !mem_set_allocator(cfg->alloc, cfg->alloc_userdata)) {
        open_error = "another allocator is in use: set moat_config.alloc on the first moat_open";
        return NULL;
    }
    struct node *outer = node_cur();
    moat_vm *vm = mem_zalloc(sizeof *vm);
    if (!vm || !(vm->node = node_new())) { /* node_new enters the new node */
        node_leave(outer);
        mem_free(vm);
        open_error = "out of memory";
        return NULL;
    }
    vm->node->host = vm;
    vm->limits = cfg->limits;
    pthread_mutex_init(&vm->ctx_lock, NULL);
    pthread_mutex_init(&vm->native_lock, NULL);
    pthread_cond_init(&vm->job_cv, NULL);
    vm->jobs_tail = &vm->jobs;
    for (size_t i = 0; i < cfg->code_path_len; i++)
        if (cfg->code_path[i]) module_path_add(cfg->code_path[i]);
    if (cfg->stdlib_dir) module_path_add(cfg->stdlib_dir);
    else module_path_add_stdlib();
    io_set_sink(cfg->output, cfg->output_userdata);
    sched_set_host_wake(ctx_wake);
    const char *fail = NULL;
    if (!sched_init(cfg->schedulers) || !pool_start(vm, cfg->native_threads ? cfg->native_threads : 2))
        fail = "cannot start the scheduler or native threads";
    else if (!io_user_start())
        fail = "cannot start the standard io server";
    else if (compile_load("$moat_host", host_module_src, sizeof host_module_src - 1, NULL) != MOAT_OK)
        fail = "cannot load the host module";
    node_leave(outer);
    if (fail) {
        moat_close(vm);
        open_error = fail;
        return NULL;
    }
    return vm;
}

static void mark_exiting(struct proc *p, void *arg) {
    atomic_store_explicit(&p->state, PS_EXITING, memory_order_release);
}

static void end_proc(struct proc *p, void *arg) {
    p->live = 0;
    proc_exit(p, AM(killed));
}

void moat_close(moat_vm *vm) {
    if (!vm) return;
    NODE_SCOPE(vm->node);
    pool_stop(vm);
    sched_shutdown();
    timer_shutdown();
    io_flush();
    /* nothing runs now: end every process without waking anybody */
    ptab_foreach(mark_exiting, NULL);
    while (vm->scratch) {
        moat_ctx *c = vm->scratch;
        vm->scratch = c->next_scratch;
        ctx_destroy(c);
    }
    pthread_mutex_lock(&vm->ctx_lock);
    while (vm->nctxs) ctx_destroy(vm->ctxs[--vm->nctxs]);
    pthread_mutex_unlock(&vm->ctx_lock);
    ptab_foreach(end_proc, NULL);
    node_free(vm->node);
    mem_free(vm->ctxs);
    mem_free(vm->natives);
    pthread_mutex_destroy(&vm->ctx_lock);
    pthread_mutex_destroy(&vm->native_lock);
    pthread_cond_destroy(&vm->job_cv);
    mem_free(vm);
}

/* ---- code ------------------------------------------------------------------------------------ */

static void set_err(char **err, const char *text) {
    if (err) *err = mem_strdup(text ? text : "failed");
}

/* A host load replaces the module as code:load_file does: old code is
   purged first (processes still running it are killed). */
static void purge_old(const struct gen_module *g) {
    if (!g->natoms) return;
    term name = atom_term(g->atoms[0].text, g->atoms[0].len);
    bool killed;
    for (int tries = 0; tries < 5000; tries++) { /* ~5 s: a killed process must end */
        int r = module_purge_step(NULL, name, false, &killed);
        if (r == MODULE_PURGE_NONE || r == MODULE_PURGE_DONE) return;
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
}

static int load_gen(struct gen_module *g, char **err) {
    char *lerr = NULL;
    purge_old(g);
    struct module *m = loader_load(g, &lerr);
    gen_module_free(g);
    if (!m) {
        set_err(err, lerr ? lerr : "refused by the verifier");
        mem_free(lerr);
        return MOAT_ERROR;
    }
    return MOAT_OK;
}

static int compile_load(const char *name, const char *text, size_t len, char **err) {
    struct diags d = {0};
    struct compile_opts opts = {.stdlib_include = module_stdlib_dir(), .no_warnings = true};
    struct gen_module *g = compile_source(name, text, len, &opts, &d);
    if (!g) {
        char *buf = NULL;
        size_t blen = 0;
        FILE *f = open_memstream(&buf, &blen);
        if (f) {
            diags_print(&d, f);
            fclose(f);
        }
        set_err(err, blen ? buf : "compilation failed");
        free(buf);
        diags_free(&d);
        return MOAT_ERROR;
    }
    diags_free(&d);
    return load_gen(g, err);
}

int moat_load_source(moat_vm *vm, const char *name, const char *text, size_t len, char **err) {
    NODE_SCOPE(vm ? vm->node : NULL);
    if (err) *err = NULL;
    if (!vm || !name || !text) {
        set_err(err, "bad argument");
        return MOAT_BADARG;
    }
    return compile_load(name, text, len, err);
}

int moat_load_bytecode(moat_vm *vm, const uint8_t *bytes, size_t len, char **err) {
    NODE_SCOPE(vm ? vm->node : NULL);
    if (err) *err = NULL;
    if (!vm || !bytes) {
        set_err(err, "bad argument");
        return MOAT_BADARG;
    }
    char *merr = NULL;
    struct gen_module *g = mbc_read(bytes, len, &merr);
    if (!g) {
        set_err(err, merr ? merr : "malformed bytecode");
        mem_free(merr);
        return MOAT_ERROR;
    }
    return load_gen(g, err);
}

int moat_load_file(moat_vm *vm, const char *path, char **err) {
    NODE_SCOPE(vm ? vm->node : NULL);
    if (err) *err = NULL;
    FILE *f = vm && path ? fopen(path, "rb") : NULL;
    if (!f) {
        if (err) {
            struct strbuf sb = STRBUF_INIT;
            sb_printf(&sb, "%s: cannot open", path ? path : "(null)");
            sb_cstr(&sb);
            *err = sb.failed ? NULL : mem_strdup(sb.data);
            sb_free(&sb);
        }
        return MOAT_BADARG;
    }
    struct strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) sb_append(&sb, buf, n);
    fclose(f);
    if (sb.failed) {
        sb_free(&sb);
        set_err(err, "out of memory");
        return MOAT_NOMEM;
    }
    size_t pl = strlen(path);
    int rc = pl > 4 && !strcmp(path + pl - 4, ".mbc") ? moat_load_bytecode(vm, (const uint8_t *)sb.data, sb.len, err)
                                                     : compile_load(path, sb.data ? sb.data : "", sb.len, err);
    sb_free(&sb);
    return rc;
}

/* ---- building terms ---------------------------------------------------------------------------- */

moat_term moat_int(moat_ctx *c, int64_t v) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!c) return MOAT_NONE;
    if (small_fits(v)) return push(c, term_from_small(v));
    term *hp = ctx_alloc(c, BIG_WORDS(1));
    return hp ? push(c, int_from_int64(v, &hp)) : MOAT_NONE;
}

moat_term moat_float(moat_ctx *c, double v) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!c || !isfinite(v)) return MOAT_NONE;
    term *hp = ctx_alloc(c, FLOAT_WORDS);
    return hp ? push(c, float_store(hp, v)) : MOAT_NONE;
}

moat_term moat_atom(moat_ctx *c, const char *utf8) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!c || !utf8) return MOAT_NONE;
    return push(c, atom_term(utf8, strlen(utf8)));
}

moat_term moat_nil(moat_ctx *c) { return c ? push(c, TERM_NIL) : MOAT_NONE; }
moat_term moat_pid_term(moat_ctx *c, moat_pid pid) { return c && pid ? push(c, term_from_pid(pid)) : MOAT_NONE; }

moat_term moat_binary(moat_ctx *c, const void *bytes, size_t len) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!c || (!bytes && len) || !reserve(c, 1)) return MOAT_NONE;
    uint8_t *data;
    term b = bin_alloc(c->p, len, &data);
    if (b == TERM_NONE) return MOAT_NONE;
    if (len) memcpy(data, bytes, len);
    return push(c, b);
}

/* Code points of UTF-8 text into out (NULL: count only); -1 if malformed. */
static long utf8_points(const char *s, uint32_t *out) {
    long n = 0;
    const uint8_t *u = (const uint8_t *)s;
    while (*u) {
        uint32_t cp = *u;
        int extra = cp < 0x80 ? 0 : (cp & 0xE0) == 0xC0 ? 1 : (cp & 0xF0) == 0xE0 ? 2 : (cp & 0xF8) == 0xF0 ? 3 : -1;
        if (extra < 0) return -1;
        cp &= extra ? 0x3F >> extra : 0x7F;
        for (int i = 1; i <= extra; i++) {
            if ((u[i] & 0xC0) != 0x80) return -1;
            cp = cp << 6 | (u[i] & 0x3F);
        }
        static const uint32_t min[] = {0, 0x80, 0x800, 0x10000};
        if (cp < min[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
        if (out) out[n] = cp;
        n++;
        u += 1 + extra;
    }
    return n;
}

moat_term moat_string(moat_ctx *c, const char *utf8) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!c || !utf8) return MOAT_NONE;
    long n = utf8_points(utf8, NULL);
    if (n < 0) return MOAT_NONE;
    uint32_t *cps = mem_malloc((size_t)(n ? n : 1) * sizeof *cps);
    if (!cps) return MOAT_NONE;
    utf8_points(utf8, cps);
    term *hp = ctx_alloc(c, 2 * (size_t)n), list = TERM_NIL;
    if (hp)
        for (long i = n; i-- > 0; hp += 2) list = cons_store(hp, term_from_small(cps[i]), list);
    mem_free(cps);
    return hp ? push(c, list) : MOAT_NONE;
}

static bool all_valid(const moat_ctx *c, size_t n, const moat_term *hs) {
    if (n && !hs) return false;
    for (size_t i = 0; i < n; i++)
        if (!valid(c, hs[i])) return false;
    return true;
}

moat_term moat_tuple(moat_ctx *c, size_t n, const moat_term *elems) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!c || !all_valid(c, n, elems)) return MOAT_NONE;
    term *hp = ctx_alloc(c, TUPLE_WORDS(n));
    if (!hp) return MOAT_NONE;
    hp[0] = make_header(SUB_TUPLE, n);
    for (size_t i = 0; i < n; i++) hp[1 + i] = T(elems[i]);
    return push(c, term_from_boxed_ptr(hp));
}

moat_term moat_list(moat_ctx *c, size_t n, const moat_term *elems) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!c || !all_valid(c, n, elems)) return MOAT_NONE;
    term *hp = ctx_alloc(c, 2 * n), list = TERM_NIL;
    if (!hp) return MOAT_NONE;
    for (size_t i = n; i-- > 0; hp += 2) list = cons_store(hp, T(elems[i]), list);
    return push(c, list);
}

moat_term moat_cons(moat_ctx *c, moat_term head, moat_term tail) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!valid(c, head) || !valid(c, tail)) return MOAT_NONE;
    term *hp = ctx_alloc(c, CONS_WORDS);
    return hp ? push(c, cons_store(hp, T(head), T(tail))) : MOAT_NONE;
}

moat_term moat_map(moat_ctx *c, size_t n, const moat_term *keys, const moat_term *values) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!c || !all_valid(c, n, keys) || !all_valid(c, n, values)) return MOAT_NONE;
    term *kv = mem_malloc((4 * n + 1) * sizeof *kv);
    if (!kv || !reserve(c, 1) || !heap_ensure_free(c->p, TUPLE_WORDS(n) + MAP_WORDS(n))) {
        mem_free(kv);
        return MOAT_NONE;
    }
    for (size_t i = 0; i < n; i++) {
        kv[2 * i] = T(keys[i]);
        kv[2 * i + 1] = T(values[i]);
    }
    size_t k = map_sort_pairs(kv, n, kv + 2 * n);
    term *hp = heap_take(c->p, TUPLE_WORDS(k) + MAP_WORDS(k));
    term m = map_build_sorted(&hp, kv, k);
    mem_free(kv);
    return push(c, m);
}

/* ---- reading terms ------------------------------------------------------------------------------ */

enum moat_type moat_type(moat_ctx *c, moat_term h) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!valid(c, h)) return MOAT_T_NONE;
    term t = T(h);
    if (term_is_integer(t)) return MOAT_T_INTEGER;
    if (term_is_float(t)) return MOAT_T_FLOAT;
    if (term_is_atom(t)) return MOAT_T_ATOM;
    if (term_is_nil(t)) return MOAT_T_NIL;
    if (term_is_list(t)) return MOAT_T_LIST;
    if (term_is_tuple(t)) return MOAT_T_TUPLE;
    if (term_is_map(t)) return MOAT_T_MAP;
    if (term_is_pid(t)) return MOAT_T_PID;
    if (term_is_port(t)) return MOAT_T_PORT;
    if (term_is_ref(t)) return MOAT_T_REF;
    if (term_is_fun(t)) return MOAT_T_FUN;
    struct bin_view v;
    if (bin_view(t, &v)) return v.bit_size % 8 ? MOAT_T_BITSTRING : MOAT_T_BINARY;
    return MOAT_T_NONE;
}

int moat_get_int(moat_ctx *c, moat_term h, int64_t *out) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!valid(c, h) || !out || !term_is_integer(T(h))) return MOAT_BADARG;
    int64_t v;
    if (!int_to_int64(T(h), &v)) return MOAT_ERROR;
    *out = v;
    return MOAT_OK;
}

int moat_get_double(moat_ctx *c, moat_term h, double *out) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!valid(c, h) || !out) return MOAT_BADARG;
    term t = T(h);
    if (term_is_float(t)) {
        *out = float_value(t);
        return MOAT_OK;
    }
    if (!term_is_integer(t)) return MOAT_BADARG;
    return int_to_double(t, out) ? MOAT_OK : MOAT_ERROR;
}

int moat_get_binary(moat_ctx *c, moat_term h, const uint8_t **bytes, size_t *len) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    struct bin_view v;
    if (!valid(c, h) || !bytes || !len || !bin_view(T(h), &v) || v.bit_size % 8 || v.bit_offset % 8)
        return MOAT_BADARG;
    *bytes = v.bytes + v.bit_offset / 8;
    *len = v.bit_size / 8;
    return MOAT_OK;
}

size_t moat_get_atom(moat_ctx *c, moat_term h, char *buf, size_t len) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!valid(c, h) || !term_is_atom(T(h))) return 0;
    size_t n;
    const char *text = atom_text(term_to_atom(T(h)), &n);
    if (buf && len) {
        size_t k = n < len - 1 ? n : len - 1;
        memcpy(buf, text, k);
        buf[k] = 0;
    }
    return n;
}

int moat_get_pid(moat_ctx *c, moat_term h, moat_pid *out) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!valid(c, h) || !out || !term_is_local_pid(T(h))) return MOAT_BADARG;
    *out = term_to_pid(T(h));
    return MOAT_OK;
}

size_t moat_tuple_size(moat_ctx *c, moat_term h) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    return valid(c, h) && term_is_tuple(T(h)) ? tuple_arity(T(h)) : 0;
}

moat_term moat_tuple_get(moat_ctx *c, moat_term h, size_t i) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (i >= moat_tuple_size(c, h)) return MOAT_NONE;
    return push(c, tuple_elems(T(h))[i]);
}

int moat_list_next(moat_ctx *c, moat_term h, moat_term *head, moat_term *tail) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!valid(c, h) || !term_is_list(T(h)) || !head || !tail) return MOAT_BADARG;
    if (!reserve(c, 2)) return MOAT_NOMEM;
    term l = T(h);
    *head = push(c, CAR(l));
    *tail = push(c, CDR(l));
    return MOAT_OK;
}

long moat_list_length(moat_ctx *c, moat_term h) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!valid(c, h)) return -1;
    long n = 0;
    term l = T(h);
    for (; term_is_list(l); l = CDR(l)) n++;
    return l == TERM_NIL ? n : -1;
}

moat_term moat_map_get(moat_ctx *c, moat_term map, moat_term key) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!valid(c, map) || !valid(c, key) || !term_is_map(T(map))) return MOAT_NONE;
    term v = map_get(T(map), T(key));
    return v == TERM_NONE ? MOAT_NONE : push(c, v);
}

size_t moat_map_size(moat_ctx *c, moat_term map) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    return valid(c, map) && term_is_map(T(map)) ? map_size(T(map)) : 0;
}

int moat_equal(moat_ctx *c, moat_term a, moat_term b) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    return valid(c, a) && valid(c, b) && term_compare_exact(T(a), T(b)) == 0;
}

size_t moat_format(moat_ctx *c, moat_term h, char *buf, size_t len) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (buf && len) buf[0] = 0;
    if (!valid(c, h)) return 0;
    struct strbuf sb = STRBUF_INIT;
    print_pretty(&sb, T(h), 1, 80, -1, false);
    size_t n = sb.failed ? 0 : sb.len;
    if (buf && len) {
        size_t k = n < len - 1 ? n : len - 1;
        if (k) memcpy(buf, sb.data, k);
        buf[k] = 0;
    }
    sb_free(&sb);
    return n;
}

/* ---- running ------------------------------------------------------------------------------------- */

static uint64_t ref_number(term t) { return term_boxed_ptr(t)[1]; }

/* {Tag, _} (arg[0]) or {'DOWN', MonRef, _, _, _} (arg[1]) */
static bool match_call(term t, const uint64_t *arg) {
    if (!term_is_tuple(t)) return false;
    term *e = tuple_elems(t);
    if (tuple_arity(t) == 2) return term_is_ref(e[0]) && ref_number(e[0]) == arg[0];
    return tuple_arity(t) == 5 && e[0] == AM(DOWN) && term_is_ref(e[1]) && ref_number(e[1]) == arg[1];
}

/* Drop what a finished call may still have queued. */
static void call_flush(moat_ctx *c, const uint64_t *refs) {
    struct msg *m;
    while ((m = take_match(c, match_call, refs))) msg_free(m);
}

static void set_error(moat_ctx *c, term cls, term reason, term stack) {
    if (!reserve(c, 3)) return;
    c->err_class = push(c, cls);
    c->err_reason = push(c, reason);
    c->err_stack = push(c, stack);
}

/* {ok, V} or {Class, Reason, Stack}: the outcome of moat_call. */
static int call_outcome(moat_ctx *c, term res, moat_term *result) {
    if (!reserve(c, 4)) return MOAT_NOMEM;
    if (term_is_tuple(res) && tuple_arity(res) == 2) {
        *result = push(c, tuple_elems(res)[1]);
        return MOAT_OK;
    }
    term *e = tuple_elems(res);
    set_error(c, e[0], e[1], e[2]);
    *result = c->err_reason;
    return MOAT_ERROR;
}

/* The arguments of '$moat_host':call on the context's heap (no handle:
   spawn copies them at once). */
static term call_args(moat_ctx *c, term m, term f, size_t argc, const moat_term *argv, uint64_t tag) {
    if (!heap_ensure_free(c->p, REF_WORDS + 2 * argc + 10)) return TERM_NONE;
    term *hp = heap_take(c->p, REF_WORDS + 2 * argc + 10), args = TERM_NIL;
    for (size_t i = argc; i-- > 0; hp += 2) args = cons_store(hp, T(argv[i]), args);
    term v[5] = {term_from_pid(c->p->id), ref_store(hp, tag), m, f, args}, l = TERM_NIL;
    hp += REF_WORDS;
    for (int i = 5; i-- > 0; hp += 2) l = cons_store(hp, v[i], l);
    return l;
}

/* Run a new actor (PS_NEW, not started) for its first time slice on this
   thread: a short call then costs no hand-off between threads. What is
   left of it after a slice or a wait is the schedulers' (they take a
   yielded one from the queue, a waiting one when a message wakes it). */
static void run_first_slice(moat_ctx *c, uint64_t pid) {
    struct proc *a = ptab_lookup(pid);
    if (!a) return;
    if (!c->xregs && !(c->xregs = mem_zalloc((X_REGS + 32) * sizeof(term)))) {
        sched_start(NULL, a);
        ptab_release(a);
        return;
    }
    a->x = c->xregs;
    atomic_store_explicit(&a->state, PS_RUNNING, memory_order_release);
    for (;;) {
        enum interp_result r = interp_run(a);
        if (r == INTERP_YIELD) {
            atomic_store_explicit(&a->state, PS_NEW, memory_order_release);
            sched_start(NULL, a);
        } else if (r == INTERP_WAIT) {
            uint32_t st = PS_RUNNING;
            if (!atomic_compare_exchange_strong_explicit(&a->state, &st, PS_WAITING, memory_order_acq_rel,
                                                         memory_order_acquire)) {
                atomic_store_explicit(&a->state, PS_RUNNING, memory_order_release);
                continue; /* notified since it looked: look again */
            }
        } else if (r == INTERP_HALT) {
            sched_halt(node_cur()->halt_status);
        } else {
            sched_end_process(a, r);
        }
        break;
    }
    ptab_release(a);
}

#define PICK(field) (l && l->field ? l->field : d->field)

/* The options' limits, the VM's defaults where they say 0. */
static void spawn_limits(moat_ctx *c, const moat_limits *l, struct spawn_opts *o) {
    const moat_limits *d = &c->vm->limits;
    o->prio = PRIO_NORMAL;
    o->max_heap_words = PICK(max_heap_words);
    o->max_heap_quiet = true;
    o->lim.max_reductions = PICK(max_reductions);
    o->lim.max_memory = PICK(max_memory);
    o->lim.max_mailbox = PICK(max_mailbox);
    o->lim.mailbox_drop = PICK(mailbox_drop) != 0;
    o->lim.denied = (uint8_t)((d->denied | (l ? l->denied : 0)) & CAP_ALL);
}

int moat_call(moat_ctx *c, const char *mod, const char *fun, size_t argc, const moat_term *argv,
              moat_term *result, int timeout_ms) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!c || !mod || !fun || !result || !all_valid(c, argc, argv)) return MOAT_BADARG;
    moat_release(c, c->err_stack);
    moat_release(c, c->err_reason);
    moat_release(c, c->err_class);
    c->err_class = c->err_reason = c->err_stack = MOAT_NONE;
    term m = atom_term(mod, strlen(mod)), f = atom_term(fun, strlen(fun));
    if (m == TERM_NONE || f == TERM_NONE) return MOAT_BADARG;
    uint64_t refs[2] = {ref_new_number(), ref_new_number()};
    struct spawn_opts o = {.monitor = true, .monitor_ref = refs[1]};
    spawn_limits(c, NULL, &o);
    o.no_start = true;
    term args = call_args(c, m, f, argc, argv, refs[0]);
    uint64_t pid = args == TERM_NONE ? 0 : proc_spawn(c->p, atom_term("call", 4), atom_term("$moat_host", 10), args, &o);
    if (!pid) return MOAT_NOMEM;
    run_first_slice(c, pid);
    int64_t deadline = deadline_of(timeout_ms);
    for (;;) {
        if (!reserve(c, 4)) return MOAT_NOMEM;
        struct msg *msg = take_match(c, match_call, refs);
        if (msg) {
            moat_term got = take_payload(c, msg);
            term t = T(got);
            int rc;
            if (tuple_arity(t) == 2) {
                proc_demonitor(c->p, refs[1]);
                call_flush(c, refs);
                rc = call_outcome(c, tuple_elems(t)[1], result);
            } else { /* killed before it answered */
                set_error(c, AM(exit), tuple_elems(t)[4], TERM_NIL);
                *result = c->err_reason;
                rc = MOAT_ERROR;
            }
            moat_release(c, got);
            return rc;
        }
        if (!ctx_wait(c, deadline)) {
            proc_exit_signal(c->p, pid, AM(kill));
            proc_demonitor(c->p, refs[1]);
            call_flush(c, refs);
            return sched_halting() ? MOAT_HALTED : MOAT_TIMEOUT;
        }
    }
}

moat_term moat_error_class(moat_ctx *c) { return c ? c->err_class : MOAT_NONE; }
moat_term moat_error_reason(moat_ctx *c) { return c ? c->err_reason : MOAT_NONE; }
moat_term moat_error_stacktrace(moat_ctx *c) { return c ? c->err_stack : MOAT_NONE; }

int moat_spawn(moat_ctx *c, const char *mod, const char *fun, moat_term args, moat_spawn_opts *opts,
               moat_pid *pid) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!c || !mod || !fun || !pid || !valid(c, args) || moat_list_length(c, args) < 0) return MOAT_BADARG;
    term m = atom_term(mod, strlen(mod)), f = atom_term(fun, strlen(fun));
    if (m == TERM_NONE || f == TERM_NONE) return MOAT_BADARG;
    struct spawn_opts o = {0};
    spawn_limits(c, opts ? &opts->limits : NULL, &o);
    if (opts && opts->monitor) {
        if (!reserve(c, 1) || !heap_ensure_free(c->p, REF_WORDS)) return MOAT_NOMEM;
        o.monitor = true;
        o.monitor_ref = ref_new_number();
    }
    o.link = opts && opts->link;
    *pid = proc_spawn(c->p, f, m, T(args), &o);
    if (!*pid) return MOAT_NOMEM;
    if (o.monitor) opts->monitor_ref = push(c, ref_store(heap_take(c->p, REF_WORDS), o.monitor_ref));
    return MOAT_OK;
}

int moat_send(moat_ctx *c, moat_term to, moat_term msg) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!valid(c, to) || !valid(c, msg)) return MOAT_BADARG;
    int rc = proc_send(c->p, T(to), T(msg));
    return rc == SEND_NOMEM ? MOAT_NOMEM : rc < 0 ? MOAT_BADARG : MOAT_OK;
}

int moat_send_pid(moat_ctx *c, moat_pid to, moat_term msg) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!valid(c, msg) || !to) return MOAT_BADARG;
    int rc = proc_send(c->p, term_from_pid(to), T(msg));
    return rc == SEND_NOMEM ? MOAT_NOMEM : rc < 0 ? MOAT_BADARG : MOAT_OK;
}

int moat_monitor(moat_ctx *c, moat_pid pid, moat_term *ref) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!c || !pid || !ref) return MOAT_BADARG;
    if (!reserve(c, 1) || !heap_ensure_free(c->p, REF_WORDS)) return MOAT_NOMEM;
    uint64_t n = ref_new_number();
    if (!proc_monitor(c->p, pid, 0, n)) return MOAT_NOMEM;
    *ref = push(c, ref_store(heap_take(c->p, REF_WORDS), n));
    return MOAT_OK;
}

int moat_link(moat_ctx *c, moat_pid pid) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!c || !pid) return MOAT_BADARG;
    return proc_link(c->p, pid) ? MOAT_OK : MOAT_NOMEM;
}

int moat_register_name(moat_ctx *c, const char *name) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    term a = c && name ? atom_term(name, strlen(name)) : TERM_NONE;
    if (a == TERM_NONE || a == AM(undefined)) return MOAT_BADARG;
    return reg_register(a, c->p) < 0 ? MOAT_BADARG : MOAT_OK;
}

moat_pid moat_whereis(moat_ctx *c, const char *name) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    term a = c && name ? atom_term(name, strlen(name)) : TERM_NONE;
    return a == TERM_NONE ? 0 : reg_whereis(a);
}

int moat_exit(moat_ctx *c, moat_pid pid, moat_term reason) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!valid(c, reason) || !pid) return MOAT_BADARG;
    proc_exit_signal(c->p, pid, T(reason));
    return MOAT_OK;
}

/* ---- natives ---------------------------------------------------------------------------------------- */

moat_term moat_raise(moat_ctx *c, const char *kind, moat_term reason) {
    NODE_SCOPE(c ? c->vm->node : NULL);
    if (!valid(c, reason) || !kind) return MOAT_NONE;
    term cls = !strcmp(kind, "exit") ? AM(exit) : !strcmp(kind, "throw") ? AM(throw) : AM(error);
    c->raised_class = cls;
    c->raised_reason = reason;
    return MOAT_NONE;
}

/* A scratch context for a native call on behalf of `caller`. */
static moat_ctx *scratch_take(moat_vm *vm) {
    pthread_mutex_lock(&vm->ctx_lock);
    moat_ctx *c = vm->scratch;
    if (c) vm->scratch = c->next_scratch;
    pthread_mutex_unlock(&vm->ctx_lock);
    if (!c) c = ctx_create(vm);
    if (c) {
        c->raised_class = 0;
        c->raised_reason = MOAT_NONE;
    }
    return c;
}

static void scratch_put(moat_vm *vm, moat_ctx *c) {
    moat_clear(c);
    pthread_mutex_lock(&vm->ctx_lock);
    c->next_scratch = vm->scratch;
    vm->scratch = c;
    pthread_mutex_unlock(&vm->ctx_lock);
}

/* The native's arguments (a list, off c's heap) copied in as handles
   argv[0..]; how many, or -1 when out of memory. */
static long native_args(moat_ctx *c, term list, moat_term *argv) {
    size_t words = term_size(list);
    long n = 0;
    if (!reserve(c, 256) || !heap_ensure_free(c->p, words)) return -1;
    term *hp = heap_take(c->p, words);
    term l = term_copy(list, &hp, &c->p->offheap_first);
    for (; term_is_list(l) && n < 255; l = CDR(l)) argv[n++] = push(c, CAR(l));
    return n;
}

static struct native *native_at(moat_vm *vm, term index, uint32_t *i) {
    if (!vm || !term_is_small(index)) return NULL;
    int64_t k = term_to_small(index);
    pthread_mutex_lock(&vm->native_lock);
    struct native *n = k >= 0 && k < vm->nnatives ? &vm->natives[k] : NULL;
    pthread_mutex_unlock(&vm->native_lock);
    if (i) *i = (uint32_t)k;
    return n;
}

/* '$moat':native_call(Index, Args): run a native on this scheduler thread. */
term bif_moat_native_call_2(struct proc *p, term *args) {
    moat_vm *vm = node_cur()->host;
    struct native *nat = native_at(vm, args[0], NULL);
    if (!nat) return raise_badarg(p);
    moat_native_fn fn = nat->fn;
    void *ud = nat->userdata;
    moat_ctx *c = scratch_take(vm);
    if (!c) return raise_system_limit(p);
    moat_term argv[256];
    long n = native_args(c, args[1], argv);
    moat_term r = n < 0 ? MOAT_NONE : fn(c, (size_t)n, argv, ud);
    term out;
    if (c->raised_class && valid(c, c->raised_reason)) {
        term reason = T(c->raised_reason);
        size_t words = term_size(reason);
        if (!heap_ensure_free(p, words)) {
            out = raise_system_limit(p);
        } else {
            term *hp = heap_take(p, words);
            out = raise_class(p, c->raised_class, term_copy(T(c->raised_reason), &hp, &p->offheap_first));
        }
    } else if (!valid(c, r)) {
        out = raise_badarg(p);
    } else {
        size_t words = term_size(T(r));
        if (!heap_ensure_free(p, words)) {
            out = raise_system_limit(p);
        } else {
            term *hp = heap_take(p, words);
            out = term_copy(T(r), &hp, &p->offheap_first);
        }
    }
    scratch_put(vm, c);
    return out;
}

/* '$moat':native_async(Index, Args): queue a blocking native; returns
   the reference its answer will carry. */
term bif_moat_native_async_2(struct proc *p, term *args) {
    moat_vm *vm = node_cur()->host;
    uint32_t idx;
    term l = args[1];
    while (term_is_list(l)) l = CDR(l);
    if (!native_at(vm, args[0], &idx) || l != TERM_NIL) return raise_badarg(p);
    struct job *j = mem_zalloc(sizeof *j);
    if (!j || !heap_ensure_free(p, REF_WORDS) || !(j->args = msg_make(args[1]))) {
        mem_free(j);
        return raise_system_limit(p);
    }
    j->native = idx;
    j->caller = p->id;
    j->ref = ref_new_number();
    uint64_t ref = j->ref; /* once queued, j belongs to the pool (freed when run) */
    pthread_mutex_lock(&vm->native_lock);
    *vm->jobs_tail = j;
    vm->jobs_tail = &j->next;
    pthread_cond_signal(&vm->job_cv);
    pthread_mutex_unlock(&vm->native_lock);
    return ref_store(heap_take(p, REF_WORDS), ref);
}

/* Run one blocking native and post {Ref, {ok, V} | {Class, Reason}}. */
static void job_run(moat_vm *vm, struct job *j) {
    moat_native_fn fn;
    void *ud;
    pthread_mutex_lock(&vm->native_lock);
    fn = vm->natives[j->native].fn;
    ud = vm->natives[j->native].userdata;
    pthread_mutex_unlock(&vm->native_lock);
    moat_ctx *c = scratch_take(vm);
    moat_term argv[256];
    long n = c ? native_args(c, j->args->payload, argv) : -1;
    msg_free(j->args);
    moat_term r = n < 0 ? MOAT_NONE : fn(c, (size_t)n, argv, ud);
    struct msg *m = NULL;
    if (c && reserve(c, 1) && heap_ensure_free(c->p, REF_WORDS + 6)) {
        term *hp = heap_take(c->p, REF_WORDS + 6), res;
        if (c->raised_class && valid(c, c->raised_reason))
            res = tuple2_store(hp, c->raised_class, T(c->raised_reason));
        else if (valid(c, r))
            res = tuple2_store(hp, AM(ok), T(r));
        else
            res = tuple2_store(hp, AM(error), AM(badarg));
        term ref = ref_store(hp + 3, j->ref);
        m = msg_make(tuple2_store(hp + 3 + REF_WORDS, ref, res));
    }
    proc_post(j->caller, m);
    if (c) scratch_put(vm, c);
    mem_free(j);
}

static void *pool_main(void *arg) {
    moat_vm *vm = arg;
    node_enter(vm->node);
    pthread_mutex_lock(&vm->native_lock);
    for (;;) {
        while (!vm->jobs && !vm->pool_stop) pthread_cond_wait(&vm->job_cv, &vm->native_lock);
        if (vm->pool_stop) break;
        struct job *j = vm->jobs;
        vm->jobs = j->next;
        if (!vm->jobs) vm->jobs_tail = &vm->jobs;
        pthread_mutex_unlock(&vm->native_lock);
        job_run(vm, j);
        pthread_mutex_lock(&vm->native_lock);
    }
    pthread_mutex_unlock(&vm->native_lock);
    return NULL;
}

static bool pool_start(moat_vm *vm, unsigned n) {
    vm->pool = mem_zalloc(n * sizeof *vm->pool);
    if (!vm->pool) return false;
    for (; vm->npool < n; vm->npool++)
        if (pthread_create(&vm->pool[vm->npool], NULL, pool_main, vm) != 0) return false;
    return true;
}

static void pool_stop(moat_vm *vm) {
    pthread_mutex_lock(&vm->native_lock);
    vm->pool_stop = true;
    pthread_cond_broadcast(&vm->job_cv);
    pthread_mutex_unlock(&vm->native_lock);
    for (unsigned i = 0; i < vm->npool; i++) pthread_join(vm->pool[i], NULL);
    mem_free(vm->pool);
    vm->pool = NULL;
    vm->npool = 0;
    while (vm->jobs) {
        struct job *j = vm->jobs;
        vm->jobs = j->next;
        msg_free(j->args);
        mem_free(j);
    }
    vm->jobs_tail = &vm->jobs;
}

/* An atom quoted for Erlang source. */
static void quote_atom(struct strbuf *sb, term a) {
    size_t n;
    const char *s = atom_text(term_to_atom(a), &n);
    sb_putc(sb, '\'');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'' || s[i] == '\\') sb_putc(sb, '\\');
        sb_putc(sb, s[i]);
    }
    sb_putc(sb, '\'');
}

/* The Erlang source of a module of natives (under native_lock). */
static void native_module_src(moat_vm *vm, term mod, struct strbuf *sb) {
    sb_printf(sb, "-module(");
    quote_atom(sb, mod);
    sb_printf(sb, ").\n-compile(export_all).\n");
    for (uint32_t i = 0; i < vm->nnatives; i++) {
        struct native *n = &vm->natives[i];
        if (n->module != mod) continue;
        quote_atom(sb, n->name);
        sb_putc(sb, '(');
        for (unsigned k = 0; k < n->arity; k++) sb_printf(sb, "%sA%u", k ? ", " : "", k);
        if (n->flags & MOAT_NATIVE_BLOCKING) sb_printf(sb, ") -> '$moat_host':native_wait('$moat':native_async(%u, [", i);
        else sb_printf(sb, ") -> '$moat':native_call(%u, [", i);
        for (unsigned k = 0; k < n->arity; k++) sb_printf(sb, "%sA%u", k ? ", " : "", k);
        sb_printf(sb, (n->flags & MOAT_NATIVE_BLOCKING) ? "])).\n" : "]).\n");
    }
}

int moat_register_native_ex(moat_vm *vm, const char *module, const char *name, unsigned arity, moat_native_fn fn,
                            void *userdata, unsigned flags, char **err) {
    NODE_SCOPE(vm ? vm->node : NULL);
    if (err) *err = NULL;
    term m = vm && module ? atom_term(module, strlen(module)) : TERM_NONE;
    term f = name ? atom_term(name, strlen(name)) : TERM_NONE;
    if (m == TERM_NONE || f == TERM_NONE || !fn || arity > 255) {
        set_err(err, "bad argument");
        return MOAT_BADARG;
    }
    pthread_mutex_lock(&vm->native_lock);
    if (vm->nnatives == vm->capnatives) {
        uint32_t cap = vm->capnatives ? 2 * vm->capnatives : 16;
        struct native *n = mem_realloc(vm->natives, cap * sizeof *n);
        if (!n) {
            pthread_mutex_unlock(&vm->native_lock);
            set_err(err, "out of memory");
            return MOAT_NOMEM;
        }
        vm->natives = n;
        vm->capnatives = cap;
    }
    uint32_t at = vm->nnatives;
    for (uint32_t i = 0; i < vm->nnatives; i++) /* registered again: replaced */
        if (vm->natives[i].module == m && vm->natives[i].name == f && vm->natives[i].arity == arity) at = i;
    vm->natives[at] = (struct native){m, f, arity, flags, fn, userdata};
    if (at == vm->nnatives) vm->nnatives++;
    struct strbuf sb = STRBUF_INIT;
    native_module_src(vm, m, &sb);
    pthread_mutex_unlock(&vm->native_lock);
    sb_cstr(&sb);
    int rc = sb.failed ? MOAT_NOMEM : compile_load(module, sb.data, sb.len, err);
    sb_free(&sb);
    return rc;
}

int moat_register_native(moat_vm *vm, const char *module, const char *name, unsigned arity, moat_native_fn fn,
                         void *userdata) {
    NODE_SCOPE(vm ? vm->node : NULL);
    return moat_register_native_ex(vm, module, name, arity, fn, userdata, 0, NULL);
}
