/*
 * main.c — the moat command.
 *
 *   moat [-pa DIR]... FILE.erl [ARGS...]   compile FILE.erl, run FILE:main(Args)
 *   moat [-pa DIR]... -e 'Expr, ... .'      evaluate and print the value (~p)
 *   moat [-pa DIR]... [-s]                 the shell (vm/repl.c); -s: read
 *                                          expressions from stdin quietly
 *   moat --version
 *   moat --sandbox FILE.erl [ARGS...]      run it denied the file, net, os and
 *                                          halt capabilities (vm/proc.h)
 *
 * escript's conventions: exit 0 when main/1 returns, halt(N) exits with N,
 * an uncaught exception is printed to stderr ("moat: exception error: ...")
 * and exits with 127, as do compilation errors. Modules the program calls
 * are found, compiled and loaded on first call: beside the script, then in
 * -pa directories, MOAT_PATH (colon-separated), and the standard library.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../compiler/compiler.h"
#include "alloc.h"
#include "atom.h"
#include "error.h"
#include "heap.h"
#include "interp.h"
#include "disasm.h"
#include "io.h"
#include "mbc.h"
#include "module.h"
#include "print.h"
#include "repl.h"
#include "strbuf.h"
#include "scheduler.h"
#include "vm.h"

#define EXIT_UNCAUGHT 127
#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

static int usage(void) {
    fprintf(stderr, "usage: moat [-pa DIR]... FILE.erl [ARGS...]\n"
                    "       moat [-pa DIR]... -e 'EXPRESSIONS.'\n"
                    "       moat [-pa DIR]... [-s]   (the shell; -s: no prompts)\n"
                    "       moat --version\n");
    return 2;
}

static char *read_source(const char *path, size_t *len) {
    char *src = sb_read_file(path, len);
    /* an escript's "#!" line: blank it, keeping line numbers */
    if (src && *len >= 2 && src[0] == '#' && src[1] == '!')
        for (size_t i = 0; i < *len && src[i] != '\n'; i++) src[i] = ' ';
    return src;
}

/* Compile and load; diagnostics (warnings too) on stderr, like escript. */
static struct module *load_program(const char *file, const char *src, size_t len, bool warnings) {
    struct diags d = {0};
    struct compile_opts opts = {.stdlib_include = module_stdlib_dir(), .no_warnings = !warnings,
                                .stop_at_syntax_errors = true};
    struct gen_module *g = compile_source(file, src, len, &opts, &d);
    fflush(stdout);
    diags_print(&d, stderr);
    diags_free(&d);
    if (!g) {
        fprintf(stderr, "moat: There were compilation errors.\n");
        return NULL;
    }
    struct module *m = module_load_gen(g, file);
    gen_module_free(g);
    return m;
}

/* moat --disasm FILE.erl|FILE.mbc: the module's assembly on stdout */
static int disasm_file(const char *file) {
    size_t len = 0;
    char *src = read_source(file, &len);
    if (!src) {
        fprintf(stderr, "moat: cannot read %s\n", file);
        return 1;
    }
    struct gen_module *g = NULL;
    size_t fl = strlen(file);
    if (fl > 4 && !strcmp(file + fl - 4, ".mbc")) {
        char *err = NULL;
        g = mbc_read((const uint8_t *)src, len, &err);
        if (!g) fprintf(stderr, "moat: %s: %s\n", file, err ? err : "bad bytecode");
        mem_free(err);
    } else {
        struct diags d = {0};
        struct compile_opts opts = {.stdlib_include = module_stdlib_dir(), .no_warnings = true};
        g = compile_source(file, src, len, &opts, &d);
        diags_print(&d, stderr);
        diags_free(&d);
    }
    mem_free(src);
    if (!g) return 1;
    disasm_module(g, stdout);
    gen_module_free(g);
    return 0;
}

static void add_path_list(const char *list) {
    while (list && *list) {
        const char *colon = strchr(list, ':');
        size_t n = colon ? (size_t)(colon - list) : strlen(list);
        if (n) {
            char *dir = mem_strndup(list, n);
            if (dir) module_path_add(dir);
            mem_free(dir);
        }
        list = colon ? colon + 1 : NULL;
    }
}

/* One code point from s (n > 0 bytes); returns the bytes used. */
static size_t utf8_decode(const uint8_t *s, size_t n, uint32_t *out) {
    uint32_t c = s[0];
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len <= 1 || len > n) {
        *out = c;
        return 1;
    }
    uint32_t v = c & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *out = c;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *out = c;
        return 1;
    }
    *out = v;
    return len;
}

/* The arguments as a list of strings on p's heap. */
static term build_args(struct proc *p, int argc, char **argv) {
    size_t words = 0;
    for (int i = 0; i < argc; i++) words += 2 + 2 * strlen(argv[i]);
    if (!heap_ensure_free(p, words)) return TERM_NONE;
    term *hp = heap_take(p, words), list = TERM_NIL;
    for (int i = argc; i-- > 0;) {
        term s = TERM_NIL;
        /* UTF-8 decoded to code points, as erl does; a byte that is not
           valid UTF-8 stands for itself */
        uint32_t cps[256], *cp = cps;
        size_t len = strlen(argv[i]), n = 0;
        if (len > 256) cp = mem_malloc(len * sizeof *cp);
        if (!cp) return TERM_NONE;
        for (size_t k = 0; k < len; n++) k += utf8_decode((const uint8_t *)argv[i] + k, len - k, &cp[n]);
        while (n-- > 0) {
            s = cons_store(hp, term_from_small(cp[n]), s);
            hp += 2;
        }
        if (cp != cps) mem_free(cp);
        list = cons_store(hp, s, list);
        hp += 2;
    }
    return list;
}

/* moat -e: the value the main process returned, as ~tp */
static void print_result(struct proc *p) {
    struct strbuf sb = STRBUF_INIT;
    print_pretty(&sb, p->x[0], 1, 80, -1, true);
    sb_putc(&sb, '\n');
    io_write(p, 1, sb.data, sb.len);
    sb_free(&sb);
}

/* Run the function at entry (with arg, if has_arg) as the main process
   under the schedulers until the VM halts; returns the exit status. The
   end of the main process halts the VM (escript's rule) even if other
   processes still run; an uncaught exception in it is printed as escript
   does, with status 127. */
static int run(struct proc *p, const code_word *entry, term arg, bool has_arg, bool print) {
    if (!sched_init(0) || !io_user_start()) {
        fprintf(stderr, "moat: cannot start the schedulers\n");
        return 1;
    }
    if (print) sched_on_main_done(print_result);
    interp_prepare_call(p, entry);
    if (!proc_start_args(p, &arg, has_arg ? 1 : 0)) {
        fprintf(stderr, "moat: out of memory\n");
        return 1;
    }
    p->flags |= PF_MAIN;
    sched_start(NULL, p);
    /* Armed only now that the main process is queued: the schedulers are
       already running (the user process), and armed before, all of them
       idle for 2 ms while this thread was descheduled (a loaded machine)
       looked like a deadlock before main had run at all: status 1, no
       output. */
    sched_set_deadlock_exit(1, "moat: the main process waits for a message that can never arrive");
    return sched_wait_halt();
}

static const struct mod_func *find_function(const struct module *m, term name, uint32_t arity) {
    for (uint32_t i = 0; i < m->nfuncs; i++)
        if (m->funcs[i].name == name && m->funcs[i].arity == arity) return &m->funcs[i];
    return NULL;
}

static int eval_expr(struct vm *vm, const char *expr) {
    struct strbuf src = STRBUF_INIT;
    size_t len = strlen(expr);
    while (len > 0 && (expr[len - 1] == ' ' || expr[len - 1] == '\n' || expr[len - 1] == '\t')) len--;
    bool dot = len > 0 && expr[len - 1] == '.';
    sb_printf(&src, "-module('$moat_eval').\n-export([main/0]).\nmain() ->\n%.*s%s\n", (int)len, expr,
              dot ? "" : ".");
    sb_cstr(&src);
    struct module *m = src.failed ? NULL : load_program("-e", src.data, src.len, false);
    sb_free(&src);
    if (!m) return EXIT_UNCAUGHT;
    const struct mod_func *f = find_function(m, AM(main), 0);
    struct proc *p = f ? vm_proc_new(vm) : NULL;
    if (!p) return 1;
    return run(p, f->entry, TERM_NIL, false, true);
}

static bool sandbox; /* embedding: --sandbox */

static int run_script(struct vm *vm, const char *file, int argc, char **argv) {
    size_t len;
    char *src = read_source(file, &len);
    if (!src) {
        fprintf(stderr, "moat: Failed to open file: %s\n", file);
        return 1;
    }
    size_t fl = strlen(file);
    struct module *m;
    if (fl > 4 && !strcmp(file + fl - 4, ".mbc")) { /* compiled by moatc: verified on load */
        char *err = NULL;
        m = module_load_image((const uint8_t *)src, len, 0, file, &err);
        if (!m) fprintf(stderr, "moat: cannot load %s: %s\n", file, err ? err : "bad bytecode");
        mem_free(err);
    } else {
        m = load_program(file, src, len, true);
    }
    mem_free(src);
    if (!m) return EXIT_UNCAUGHT;
    /* as escript: main/1 need not be exported, but must exist */
    const struct mod_func *f = find_function(m, AM(main), 1);
    if (!f) {
        fprintf(stderr, "%s:0: function main/1 undefined\nmoat: There were compilation errors.\n", file);
        return EXIT_UNCAUGHT;
    }
    struct proc *p = vm_proc_new(vm);
    if (!p) return 1;
    if (sandbox) { /* embedding: the script and its children are denied these */
        struct proc_ext *e = proc_ext(p);
        if (!e) return 1;
        e->lim.denied = CAP_FILE | CAP_NET | CAP_OS | CAP_HALT;
    }
    term args = build_args(p, argc, argv);
    return args == TERM_NONE ? 1 : run(p, f->entry, args, true, false);
}

int main(int argc, char **argv) {
    const char *pa[64];
    int npa = 0, i = 1;
    const char *expr = NULL;
    bool quiet_shell = false;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "--version")) {
            printf("moat %s\n", PACKAGE_VERSION);
            return 0;
        } else if (!strcmp(argv[i], "-pa") && i + 1 < argc) {
            if (npa < 64) pa[npa++] = argv[++i];
            else i++;
        } else if (!strcmp(argv[i], "--sandbox")) {
            sandbox = true;
        } else if (!strcmp(argv[i], "--disasm") && i + 1 < argc) {
            return disasm_file(argv[i + 1]);
        } else if (!strcmp(argv[i], "-e") && i + 1 < argc) {
            expr = argv[++i];
        } else if (!strcmp(argv[i], "-s")) {
            quiet_shell = true;
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage();
            return 0;
        } else {
            break;
        }
    }
    bool shell = !expr && i >= argc;
    struct vm *vm = vm_new();
    if (!vm) {
        fprintf(stderr, "moat: out of memory\n");
        return 1;
    }
    if (shell) {
        module_path_add("."); /* as erl's code path */
    } else if (!expr) {
        /* the script's own directory comes first */
        const char *slash = strrchr(argv[i], '/');
        char *dir = slash ? mem_strndup(argv[i], (size_t)(slash - argv[i]) + (slash == argv[i])) : mem_strdup(".");
        if (dir) module_path_add(dir);
        mem_free(dir);
    }
    for (int k = 0; k < npa; k++) module_path_add(pa[k]);
    add_path_list(getenv("MOAT_PATH"));
    module_path_add_stdlib();
    if (!expr && !shell) io_set_plain_args(argc - i, argv + i); /* init:get_plain_arguments/0, as escript */
    int rc = shell  ? repl_run(vm, !quiet_shell && isatty(STDIN_FILENO))
             : expr ? eval_expr(vm, expr)
                    : run_script(vm, argv[i], argc - i - 1, argv + i + 1);
    io_flush();
    return rc;
}
