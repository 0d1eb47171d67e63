/*
 * moat.h — embedding Moat in a C program: the one public header.
 *
 * A host opens a VM (moat_open), loads Erlang modules from source, files
 * or verified bytecode, and talks to actors through contexts: a context
 * (moat_ctx) is a process-like handle with its own pid and mailbox that
 * is never scheduled; the thread that uses it is its owner. Terms the
 * host builds or receives live on the context's private heap and are
 * named by handles (moat_term), which stay valid, whatever the garbage
 * collector moves, until moat_release or moat_clear.
 *
 * Errors are values: functions return MOAT_OK or an error code, or a
 * handle 0 (MOAT_NONE) when they fail; nothing exits or aborts on bad
 * input. A context is used by one thread at a time; different contexts
 * may be used from different threads at once.
 *
 * Several VMs may be open in one OS process, each with its own threads,
 * processes, modules, names and tables (see docs/embedding.md); a term
 * handle belongs to its context's VM. moat_open returns NULL when it
 * fails (moat_open_error, per thread, says why).
 */
#ifndef MOAT_H
#define MOAT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define MOAT_API __attribute__((visibility("default")))
#else
#define MOAT_API
#endif

typedef struct moat_vm moat_vm;
typedef struct moat_ctx moat_ctx;
typedef uint32_t moat_term; /* a handle in a context; 0 is no term */
typedef uint64_t moat_pid;  /* a process's pid number; 0 is none */

#define MOAT_NONE ((moat_term)0)
#define MOAT_INFINITY (-1) /* a timeout that never ends */

enum moat_status {
    MOAT_OK = 0,
    MOAT_ERROR = 1,      /* the call raised: moat_error_class/reason/stacktrace */
    MOAT_TIMEOUT = 2,    /* nothing came in time */
    MOAT_BADARG = 3,     /* a bad handle, name or argument from the host */
    MOAT_NOMEM = 4,      /* out of memory */
    MOAT_NOPROC = 5,     /* no such module/function or process */
    MOAT_HALTED = 6      /* erlang:halt was called: the VM runs nothing more */
};

enum moat_type {
    MOAT_T_NONE, MOAT_T_INTEGER, MOAT_T_FLOAT, MOAT_T_ATOM, MOAT_T_BINARY, MOAT_T_BITSTRING,
    MOAT_T_NIL, MOAT_T_LIST, MOAT_T_TUPLE, MOAT_T_MAP, MOAT_T_PID, MOAT_T_REF, MOAT_T_FUN,
    MOAT_T_PORT
};

/* Output of io:format and friends: fd 1 (stdout) or 2 (stderr). */
typedef void (*moat_output_fn)(int fd, const char *bytes, size_t len, void *userdata);

/* Capability classes (spawn_opt's {capabilities, [...]}): an actor denied
   one gets error:{capability, Class} from the BIFs of that class. */
enum {
    MOAT_CAP_FILE = 1, MOAT_CAP_NET = 2, MOAT_CAP_OS = 4, MOAT_CAP_SPAWN = 8, MOAT_CAP_CODE = 16,
    MOAT_CAP_HALT = 32, MOAT_CAP_TIME = 64, MOAT_CAP_NATIVES = 128,
    MOAT_CAP_SANDBOX = 1 | 2 | 4 | 32 /* what `moat --sandbox` denies */
};

/* Limits an actor runs under (0: none). Going over one kills that actor
   only, with reason killed (heap) or {limit, reductions | mailbox | memory}. */
typedef struct moat_limits {
    size_t max_heap_words;   /* as spawn_opt's max_heap_size */
    uint64_t max_reductions; /* CPU budget, checked at the end of each time slice */
    size_t max_memory;       /* bytes: heaps, messages, off-heap binaries */
    uint32_t max_mailbox;    /* queued messages */
    int mailbox_drop;        /* past max_mailbox: drop and count instead of dying */
    unsigned denied;         /* MOAT_CAP_* classes the actor may not use (children neither) */
} moat_limits;

/* A host allocator, realloc-like: fn(ud, NULL, n) allocates n bytes,
   fn(ud, p, n) resizes, fn(ud, p, 0) frees and returns NULL; returning
   NULL for n > 0 means out of memory (the actor that asked dies, or the
   API call fails: the VM goes on). It serves the whole OS process: set it
   on the first moat_open; a later moat_open naming another one fails. */
typedef void *(*moat_alloc_fn)(void *userdata, void *p, size_t size);

typedef struct moat_config {
    unsigned schedulers;         /* scheduler threads; 0: one per core */
    const char *const *code_path; /* directories searched for NAME.erl / NAME.mbc */
    size_t code_path_len;
    const char *stdlib_dir;      /* NULL: the standard library this build knows */
    moat_output_fn output;       /* NULL: write to fds 1 and 2 */
    void *output_userdata;
    moat_limits limits;          /* default limits of actors the host starts */
    unsigned native_threads;     /* threads for blocking natives; 0: 2 */
    moat_alloc_fn alloc;         /* NULL: mimalloc (or the allocator already in use) */
    void *alloc_userdata;
} moat_config;

MOAT_API void moat_config_init(moat_config *cfg);
MOAT_API moat_vm *moat_open(const moat_config *cfg);
/* Why the last moat_open returned NULL (static text). */
MOAT_API const char *moat_open_error(void);
/* Stops every actor, frees every context and the VM. */
MOAT_API void moat_close(moat_vm *vm);

/* ---- code ---------------------------------------------------------------
 * Each returns MOAT_OK, or an error with *err (if err is not NULL) set to a
 * message the caller frees with moat_free: "name:line:col: text" lines for
 * compile errors, the verifier's text for refused bytecode. */
MOAT_API int moat_load_source(moat_vm *vm, const char *name, const char *text, size_t len, char **err);
MOAT_API int moat_load_file(moat_vm *vm, const char *path, char **err);
MOAT_API int moat_load_bytecode(moat_vm *vm, const uint8_t *bytes, size_t len, char **err);
MOAT_API void moat_free(void *p);

/* ---- contexts ----------------------------------------------------------- */
MOAT_API moat_ctx *moat_ctx_new(moat_vm *vm);
MOAT_API void moat_ctx_free(moat_ctx *ctx);
MOAT_API moat_pid moat_self(moat_ctx *ctx);
/* Release one handle / every handle of the context. */
MOAT_API void moat_release(moat_ctx *ctx, moat_term t);
MOAT_API void moat_clear(moat_ctx *ctx);
/* How many handles are in use (for leak checks). */
MOAT_API size_t moat_handles(moat_ctx *ctx);

/* ---- building terms (MOAT_NONE when out of memory or on a bad handle) ---- */
MOAT_API moat_term moat_int(moat_ctx *ctx, int64_t v);
MOAT_API moat_term moat_float(moat_ctx *ctx, double v); /* NaN and infinities: MOAT_NONE */
MOAT_API moat_term moat_atom(moat_ctx *ctx, const char *utf8);
MOAT_API moat_term moat_binary(moat_ctx *ctx, const void *bytes, size_t len);
MOAT_API moat_term moat_string(moat_ctx *ctx, const char *utf8); /* a list of code points */
MOAT_API moat_term moat_nil(moat_ctx *ctx);
MOAT_API moat_term moat_tuple(moat_ctx *ctx, size_t n, const moat_term *elems);
MOAT_API moat_term moat_list(moat_ctx *ctx, size_t n, const moat_term *elems);
MOAT_API moat_term moat_cons(moat_ctx *ctx, moat_term head, moat_term tail);
MOAT_API moat_term moat_map(moat_ctx *ctx, size_t n, const moat_term *keys, const moat_term *values);
MOAT_API moat_term moat_pid_term(moat_ctx *ctx, moat_pid pid);

/* ---- reading terms ------------------------------------------------------- */
MOAT_API enum moat_type moat_type(moat_ctx *ctx, moat_term t);
/* MOAT_OK; MOAT_ERROR if the integer does not fit int64 (*out unchanged);
   MOAT_BADARG if not an integer. */
MOAT_API int moat_get_int(moat_ctx *ctx, moat_term t, int64_t *out);
MOAT_API int moat_get_double(moat_ctx *ctx, moat_term t, double *out); /* float or integer */
/* Bytes of a binary, valid until the next call that builds or receives on
   ctx (the GC may move a small one). */
MOAT_API int moat_get_binary(moat_ctx *ctx, moat_term t, const uint8_t **bytes, size_t *len);
/* The atom's UTF-8 text into buf (NUL-terminated, truncated to fit len);
   returns its whole length, or 0 if t is not an atom. */
MOAT_API size_t moat_get_atom(moat_ctx *ctx, moat_term t, char *buf, size_t len);
MOAT_API int moat_get_pid(moat_ctx *ctx, moat_term t, moat_pid *out);
MOAT_API size_t moat_tuple_size(moat_ctx *ctx, moat_term t); /* 0 if not a tuple */
MOAT_API moat_term moat_tuple_get(moat_ctx *ctx, moat_term t, size_t i);
/* Lists: head and tail of a cons (MOAT_BADARG if t is not one), length of
   a proper list (-1 if not one). */
MOAT_API int moat_list_next(moat_ctx *ctx, moat_term t, moat_term *head, moat_term *tail);
MOAT_API long moat_list_length(moat_ctx *ctx, moat_term t);
MOAT_API moat_term moat_map_get(moat_ctx *ctx, moat_term map, moat_term key); /* MOAT_NONE if absent */
MOAT_API size_t moat_map_size(moat_ctx *ctx, moat_term map);
MOAT_API int moat_equal(moat_ctx *ctx, moat_term a, moat_term b); /* =:= */
/* The term as ~p prints it, NUL-terminated and truncated to fit len;
   returns the length of the whole text (as snprintf). */
MOAT_API size_t moat_format(moat_ctx *ctx, moat_term t, char *buf, size_t len);

/* ---- running ----------------------------------------------------------------
 * moat_call runs mod:fun(argv...) in a fresh actor and waits. MOAT_OK:
 * *result is the value. MOAT_ERROR: the call raised or the actor was
 * killed; *result is the reason, and the class, reason and stack trace
 * stay readable until the next moat_call on ctx. MOAT_TIMEOUT: the actor
 * was killed. timeout_ms: MOAT_INFINITY to wait for ever. */
MOAT_API int moat_call(moat_ctx *ctx, const char *mod, const char *fun, size_t argc, const moat_term *argv,
                       moat_term *result, int timeout_ms);
MOAT_API moat_term moat_error_class(moat_ctx *ctx);
MOAT_API moat_term moat_error_reason(moat_ctx *ctx);
MOAT_API moat_term moat_error_stacktrace(moat_ctx *ctx);

typedef struct moat_spawn_opts {
    int link;              /* link the actor to the context */
    int monitor;           /* monitor it from the context ... */
    moat_term monitor_ref; /* ... out: the monitor's reference */
    moat_limits limits;    /* zero fields take the VM's defaults */
} moat_spawn_opts;

/* Spawn mod:fun(args...) (args: a list). opts may be NULL. */
MOAT_API int moat_spawn(moat_ctx *ctx, const char *mod, const char *fun, moat_term args,
                        moat_spawn_opts *opts, moat_pid *pid);
/* to: a pid term or a registered name (atom). */
MOAT_API int moat_send(moat_ctx *ctx, moat_term to, moat_term msg);
MOAT_API int moat_send_pid(moat_ctx *ctx, moat_pid to, moat_term msg);
/* The oldest message in the context's mailbox: MOAT_OK, MOAT_TIMEOUT. Exits
   of linked actors arrive as {'EXIT', Pid, Reason}: a context traps exits. */
MOAT_API int moat_receive(moat_ctx *ctx, int timeout_ms, moat_term *msg);
MOAT_API int moat_monitor(moat_ctx *ctx, moat_pid pid, moat_term *ref);
MOAT_API int moat_link(moat_ctx *ctx, moat_pid pid);
/* Register the context's own pid under name. */
MOAT_API int moat_register_name(moat_ctx *ctx, const char *name);
MOAT_API moat_pid moat_whereis(moat_ctx *ctx, const char *name);
MOAT_API int moat_exit(moat_ctx *ctx, moat_pid pid, moat_term reason);

/* ---- natives ------------------------------------------------------------------
 * A native is module:name/arity callable from Erlang. It runs with a
 * context of its own (valid during the call only) holding its arguments,
 * and returns a term of that context, or raises with moat_raise and
 * returns what moat_raise returned. A blocking native (MOAT_NATIVE_BLOCKING)
 * runs on a thread of its own pool, so it may sleep or do I/O without
 * stalling the schedulers. All natives of a module must be registered
 * before Erlang code first calls into that module. */
typedef moat_term (*moat_native_fn)(moat_ctx *ctx, size_t argc, const moat_term *argv, void *userdata);
#define MOAT_NATIVE_BLOCKING 1u
MOAT_API int moat_register_native(moat_vm *vm, const char *module, const char *name, unsigned arity,
                                  moat_native_fn fn, void *userdata);
/* The same with flags (MOAT_NATIVE_BLOCKING) and an error message (free
   with moat_free). */
MOAT_API int moat_register_native_ex(moat_vm *vm, const char *module, const char *name, unsigned arity,
                                     moat_native_fn fn, void *userdata, unsigned flags, char **err);
/* kind: "error", "exit" or "throw". Returns MOAT_NONE for the native to return. */
MOAT_API moat_term moat_raise(moat_ctx *ctx, const char *kind, moat_term reason);

#ifdef __cplusplus
}
#endif

#endif
