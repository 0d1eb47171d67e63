/*
 * repl.c — the terminal side of `moat` run without a file: the banner, the
 * prompt, line editing and history (GNU readline), tab completion, Ctrl-C,
 * and output of processes printed above the line being edited. The shell
 * itself is the Erlang process moat_shell:start() (stdlib/moat_shell.erl);
 * vm/shell.h says how the two talk. Linked into the moat command only
 * (libmoat does not depend on readline).
 *
 * Threads: the main thread owns the terminal and every field of `R`
 * except the event queue. Scheduler threads append events to the queue
 * under `R.lock` (output while interactive, the shell's requests for
 * input) and wake the main thread by writing a byte to the `R.wake` pipe;
 * the SIGINT handler and the halting VM only write a byte there too.
 *
 * Input is cut into expressions here: text is kept until the lexer finds
 * a terminating dot, and each expression up to its dot goes to the shell
 * when it asks. So `1+1. 2+2.` on one line are two evaluations, and an
 * incomplete expression continues on the next line under the same prompt,
 * as in erl. Piped input (stdin not a terminal, or -s) works the same
 * without banner, prompts or readline; the end of input halts with 0.
 */
#include "repl.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "../compiler/arena.h"
#include "../compiler/cg.h"
#include "../compiler/lexer.h"
#include "alloc.h"
#include "atom.h"
#include "bif.h"
#include "interp.h"
#include "io.h"
#include "module.h"
#include "proc.h"
#include "scheduler.h"
#include "shell.h"
#include "strbuf.h"
#include "vm.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif
#define HISTORY_LINES 1000
#define QUIT_WINDOW 1.0 /* seconds between two Ctrl-C that quit */

enum event_kind { EV_OUTPUT, EV_PROMPT };

struct event {
    struct event *next;
    enum event_kind kind;
    int fd;        /* EV_OUTPUT */
    uint64_t pid;  /* EV_PROMPT: the shell process */
    size_t nvars;  /* EV_PROMPT: names follow the prompt in data, NUL-separated */
    size_t len;
    char data[];
};

static struct {
    bool interactive;
    int wake[2];
    pthread_mutex_t lock;
    struct event *head, **tail;
    /* main thread only */
    struct strbuf pending; /* typed, not yet sent to the shell */
    bool fresh;            /* pending's first expression is on screen as typed */
    bool awaiting;         /* the shell asked for input */
    bool prompt_shown;     /* readline's handler is installed */
    bool eof;
    char prompt[32];
    uint64_t shell;
    char **vars;
    size_t nvars;
    double last_interrupt;
    char *history_file;
} R = {.lock = PTHREAD_MUTEX_INITIALIZER};

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void wake(char why) {
    ssize_t n = write(R.wake[1], &why, 1);
    (void)n; /* a full pipe already wakes the reader */
}

/* ---- events from scheduler threads ------------------------------------------------ */

static void push_event(struct event *e) {
    e->next = NULL;
    pthread_mutex_lock(&R.lock);
    *R.tail = e;
    R.tail = &e->next;
    pthread_mutex_unlock(&R.lock);
    wake('e');
}

static void output_sink(int fd, const char *bytes, size_t len, void *ud) {
    (void)ud;
    struct event *e = mem_malloc(sizeof *e + len);
    if (!e) return;
    e->kind = EV_OUTPUT;
    e->fd = fd;
    e->len = len;
    memcpy(e->data, bytes, len);
    push_event(e);
}

static void request_input(uint64_t pid, const char *prompt, const char *const *vars, size_t nvars) {
    size_t len = strlen(prompt) + 1;
    for (size_t i = 0; i < nvars; i++) len += strlen(vars[i]) + 1;
    struct event *e = mem_malloc(sizeof *e + len);
    if (!e) return;
    e->kind = EV_PROMPT;
    e->pid = pid;
    e->nvars = nvars;
    e->len = len;
    char *d = e->data;
    d = stpcpy(d, prompt) + 1;
    for (size_t i = 0; i < nvars; i++) d = stpcpy(d, vars[i]) + 1;
    push_event(e);
}

/* the terminal's width, as readline last saw it (main thread writes) */
static _Atomic int term_columns = 80;
static int columns(void) { return atomic_load_explicit(&term_columns, memory_order_relaxed); }

static const struct shell_frontend frontend = {.request_input = request_input, .columns = columns};

static void on_sigint(int sig) {
    (void)sig;
    int saved = errno;
    wake('i');
    errno = saved;
}

static void on_halt(void) { wake('h'); }

/* ---- talking to the shell process ------------------------------------------------- */

static void send_term(term t) {
    if (R.shell) proc_post(R.shell, msg_make(t));
}

/* {'$moat_input', Text} with Text the code points of the UTF-8 bytes. */
static void send_input(const char *text, size_t len) {
    term *cells = mem_malloc((2 * len + 3) * sizeof *cells), list = TERM_NIL;
    if (!cells) return;
    uint32_t *cps = mem_malloc((len + 1) * sizeof *cps);
    size_t n = 0;
    for (size_t i = 0; cps && i < len;) {
        unsigned char c = (unsigned char)text[i];
        size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        uint32_t v = k == 1 ? c : (uint32_t)(c & (0x7F >> k));
        for (size_t j = 1; j < k && i + j < len; j++) v = (v << 6) | ((unsigned char)text[i + j] & 0x3F);
        cps[n++] = v;
        i += k;
    }
    for (size_t i = n; cps && i-- > 0;) list = cons_store(cells + 2 * i, term_from_small(cps[i]), list);
    term *t = cells + 2 * len;
    t[0] = make_header(SUB_TUPLE, 2);
    t[1] = atom_term("$moat_input", 11);
    t[2] = list;
    if (cps) send_term(term_from_boxed_ptr(t));
    mem_free(cps);
    mem_free(cells);
}

/* ---- cutting input into expressions ------------------------------------------------ */

/* The length of the first complete expression of src (through its dot),
   or 0 if there is none yet. */
static size_t complete_length(const char *src, size_t len) {
    if (!len) return 0;
    struct arena *a = arena_new();
    if (!a) return 0;
    struct token_vec toks = {0};
    size_t cut = 0;
    if (lex_source(a, "shell", src, len, &toks, NULL))
        for (uint32_t i = 0; i < toks.count && !cut; i++)
            if (toks.items[i].kind == TOK_DOT) cut = shell_offset_of(src, len, toks.items[i].line, toks.items[i].col) + 1;
    arena_free(a);
    return cut > len ? len : cut;
}

static bool blank(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (!isspace((unsigned char)s[i])) return false;
    return true;
}

static void pending_drop(size_t n) {
    if (!n) return;
    memmove(R.pending.data, R.pending.data + n, R.pending.len - n);
    R.pending.len -= n;
    if (blank(R.pending.data, R.pending.len)) R.pending.len = 0;
}

static void on_line(char *line);

static void show_prompt(void) {
    if (!R.interactive || R.prompt_shown) return;
    rl_callback_handler_install(R.prompt, on_line);
    R.prompt_shown = true;
    /* the rest of a line whose first expression was sent: edit it on */
    if (R.pending.len && !R.fresh && !memchr(R.pending.data, '\n', R.pending.len - 1)) {
        size_t n = R.pending.len - (R.pending.data[R.pending.len - 1] == '\n');
        char *rest = mem_strndup(R.pending.data, n);
        R.pending.len = 0;
        if (rest) rl_insert_text(rest);
        mem_free(rest);
        rl_redisplay();
    }
}

static void hide_prompt(void) {
    if (!R.prompt_shown) return;
    rl_callback_handler_remove();
    R.prompt_shown = false;
}

/* The shell waits: give it the next expression, or ask the user for more. */
static void dispatch(void) {
    if (!R.awaiting) return;
    size_t lead = 0; /* the end of the line before, blank lines */
    while (lead < R.pending.len && isspace((unsigned char)R.pending.data[lead])) lead++;
    pending_drop(lead);
    size_t cut = complete_length(R.pending.data, R.pending.len);
    if (cut) {
        hide_prompt();
        if (R.interactive && !R.fresh) {
            /* erl shows the rest of a line again after the new prompt */
            printf("%s%.*s\n", R.prompt, (int)cut, R.pending.data);
            fflush(stdout);
        }
        R.awaiting = false;
        R.fresh = false;
        send_input(R.pending.data, cut);
        pending_drop(cut);
        return;
    }
    if (R.eof) {
        sched_halt(0);
        return;
    }
    show_prompt();
}

static void on_line(char *line) {
    hide_prompt();
    if (!line) { /* Ctrl-D on an empty line */
        putchar('\n');
        fflush(stdout);
        sched_halt(0);
        return;
    }
    if (!blank(line, strlen(line))) add_history(line);
    if (blank(R.pending.data, R.pending.len)) R.pending.len = 0;
    sb_puts(&R.pending, line);
    sb_putc(&R.pending, '\n');
    free(line);
    R.fresh = true;
    if (complete_length(R.pending.data, R.pending.len)) dispatch();
    else show_prompt(); /* same prompt: the expression goes on */
}

/* Piped input: a line of stdin, through the buffer that io:get_line
   reads too (vm/io.h), so an evaluation reads the lines after its
   expression. Only a line with a dot can complete an expression. */
static void read_piped(void) {
    size_t from = R.pending.len;
    ssize_t n = io_stdin_line(&R.pending);
    if (n == -EINTR) return;
    if (n <= 0) R.eof = true;
    else if (!memchr(R.pending.data + from, '.', (size_t)n)) return;
    dispatch();
}

/* ---- output and events -------------------------------------------------------------- */

static void emit(int fd, const char *bytes, size_t len) {
    FILE *f = fd == 2 ? stderr : stdout;
    bool redraw = R.prompt_shown;
    if (redraw) rl_clear_visible_line(); /* printed above the line being edited */
    fwrite(bytes, 1, len, f);
    if (redraw && len && bytes[len - 1] != '\n') fputc('\n', f);
    fflush(f);
    if (redraw) {
        rl_on_new_line();
        rl_redisplay();
    }
}

static void set_vars(const char *names, size_t n) {
    for (size_t i = 0; i < R.nvars; i++) mem_free(R.vars[i]);
    mem_free(R.vars);
    R.vars = n ? mem_calloc(n, sizeof *R.vars) : NULL;
    R.nvars = 0;
    for (size_t i = 0; R.vars && i < n; i++, names += strlen(names) + 1)
        if ((R.vars[R.nvars] = mem_strdup(names))) R.nvars++;
}

static void handle_events(void) {
    pthread_mutex_lock(&R.lock);
    struct event *e = R.head;
    R.head = NULL;
    R.tail = &R.head;
    pthread_mutex_unlock(&R.lock);
    while (e) {
        struct event *next = e->next;
        if (e->kind == EV_OUTPUT) {
            emit(e->fd, e->data, e->len);
        } else {
            R.shell = e->pid;
            R.awaiting = true;
            int rows = 0, cols = 0;
            if (R.interactive) rl_get_screen_size(&rows, &cols);
            if (cols >= 20) atomic_store_explicit(&term_columns, cols, memory_order_relaxed);
            if (strcmp(R.prompt, e->data) && R.prompt_shown) hide_prompt();
            snprintf(R.prompt, sizeof R.prompt, "%s", e->data);
            set_vars(e->data + strlen(e->data) + 1, e->nvars);
            dispatch();
        }
        mem_free(e);
        e = next;
    }
}

/* Ctrl-C: stop the evaluation; at the prompt, drop the line (twice
   within QUIT_WINDOW: quit). */
static void interrupt(void) {
    if (!R.prompt_shown) {
        send_term(atom_term("$moat_interrupt", 15));
        R.last_interrupt = 0;
        return;
    }
    double t = now();
    if (t - R.last_interrupt < QUIT_WINDOW) {
        hide_prompt();
        putchar('\n');
        fflush(stdout);
        sched_halt(0);
        return;
    }
    R.last_interrupt = t;
    R.pending.len = 0;
    rl_replace_line("", 0);
    putchar('\n');
    rl_on_new_line();
    rl_redisplay();
}

/* ---- tab completion ------------------------------------------------------------------ */

struct names {
    char **items;
    size_t count, cap;
};

static void names_add(struct names *ns, const char *s, size_t len) {
    for (size_t i = 0; i < ns->count; i++)
        if (strlen(ns->items[i]) == len && !memcmp(ns->items[i], s, len)) return;
    if (ns->count == ns->cap) {
        size_t cap = ns->cap ? 2 * ns->cap : 64;
        char **n = mem_realloc(ns->items, cap * sizeof *n);
        if (!n) return;
        ns->items = n;
        ns->cap = cap;
    }
    char *copy = mem_strndup(s, len);
    if (copy) ns->items[ns->count++] = copy;
}

static void names_free(struct names *ns) {
    for (size_t i = 0; i < ns->count; i++) mem_free(ns->items[i]);
    mem_free(ns->items);
    *ns = (struct names){0};
}

/* Modules: those with BIFs, and the .erl files of the code path's
   directories we know (the standard library and the current one). */
static void module_names(struct names *ns) {
    for (unsigned i = 0; i < bif_count; i++) names_add(ns, bif_table[i].module, strlen(bif_table[i].module));
    const char *dirs[] = {module_stdlib_dir(), "."};
    for (size_t d = 0; d < 2; d++) {
        DIR *dir = opendir(dirs[d]);
        struct dirent *ent;
        while (dir && (ent = readdir(dir))) {
            size_t n = strlen(ent->d_name);
            if (n > 4 && !strcmp(ent->d_name + n - 4, ".erl")) names_add(ns, ent->d_name, n - 4);
        }
        if (dir) closedir(dir);
    }
}

/* Module:function( for the exports of a module (loaded now if need be)
   and its BIFs. */
static void function_names(struct names *ns, const char *mod, size_t mlen) {
    term name = atom_term(mod, mlen);
    struct strbuf sb = STRBUF_INIT;
    for (unsigned i = 0; i < bif_count; i++)
        if (strlen(bif_table[i].module) == mlen && !memcmp(bif_table[i].module, mod, mlen)) {
            sb.len = 0;
            sb_printf(&sb, "%.*s:%s(", (int)mlen, mod, bif_table[i].name);
            names_add(ns, sb.data, sb.len);
        }
    struct module *m = name == TERM_NONE ? NULL : module_ensure_loaded(name);
    for (uint32_t i = 0; m && i < m->nexports; i++) {
        size_t flen;
        const char *f = atom_text(term_to_atom(m->exports[i].name), &flen);
        sb.len = 0;
        sb_printf(&sb, "%.*s:%.*s(", (int)mlen, mod, (int)flen, f);
        names_add(ns, sb.data, sb.len);
    }
    sb_free(&sb);
}

static struct names candidates;
static size_t next_candidate;

static char *completion(const char *text, int state) {
    if (state == 0) {
        names_free(&candidates);
        next_candidate = 0;
        const char *colon = strchr(text, ':');
        if (isupper((unsigned char)text[0]) || text[0] == '_') {
            for (size_t i = 0; i < R.nvars; i++) names_add(&candidates, R.vars[i], strlen(R.vars[i]));
        } else if (colon) {
            function_names(&candidates, text, (size_t)(colon - text));
        } else {
            /* local calls: the shell's commands, erlang's BIFs; then modules */
            static const char *const commands[] = {"b(", "c(", "cd(", "e(", "f(", "flush(", "h(", "help(",
                                                   "i(", "l(", "ls(", "m(", "memory(", "pid(", "pwd(", "q(",
                                                   "rd(", "regs(", "rf(", "rl(", "rr(", "v("};
            for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
                names_add(&candidates, commands[i], strlen(commands[i]));
            for (unsigned i = 0; i < bif_count; i++)
                if (!strcmp(bif_table[i].module, "erlang") &&
                    lint_autoimport_flags(bif_table[i].name, bif_table[i].arity) >= 0) {
                    char buf[128];
                    int n = snprintf(buf, sizeof buf, "%s(", bif_table[i].name);
                    if (n > 0 && (size_t)n < sizeof buf) names_add(&candidates, buf, (size_t)n);
                }
            struct names mods = {0};
            module_names(&mods);
            for (size_t i = 0; i < mods.count; i++) {
                char buf[256];
                int n = snprintf(buf, sizeof buf, "%s:", mods.items[i]);
                if (n > 0 && (size_t)n < sizeof buf) names_add(&candidates, buf, (size_t)n);
            }
            names_free(&mods);
        }
    }
    size_t len = strlen(text);
    while (next_candidate < candidates.count) {
        const char *c = candidates.items[next_candidate++];
        if (!strncmp(c, text, len)) return strdup(c); /* readline frees it */
    }
    return NULL;
}

static char **attempt_completion(const char *text, int start, int end) {
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1; /* never file names */
    rl_completion_append_character = '\0';
    return rl_completion_matches(text, completion);
}

/* ---- start, loop, stop ------------------------------------------------------------------ */

static void terminal_setup(void) {
    rl_catch_signals = 0; /* SIGINT is ours */
    rl_readline_name = "moat";
    rl_attempted_completion_function = attempt_completion;
    rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(,[]}+-*/!#";
    rl_completer_word_break_characters = rl_basic_word_break_characters;
    using_history();
    const char *home = getenv("HOME");
    if (home) {
        struct strbuf sb = STRBUF_INIT;
        sb_printf(&sb, "%s/.moat_history", home);
        R.history_file = sb.failed ? NULL : mem_strdup(sb_cstr(&sb));
        sb_free(&sb);
        if (R.history_file) read_history(R.history_file);
    }
    struct sigaction sa = {.sa_handler = on_sigint};
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
    printf("Moat %s (Erlang/OTP 25 compatible) \xe2\x80\x94 q(). to quit, help(). for help\n", PACKAGE_VERSION);
    snprintf(R.prompt, sizeof R.prompt, "1> ");
    show_prompt(); /* before the shell process is even compiled */
}

static void terminal_done(void) {
    hide_prompt();
    if (R.history_file) {
        write_history(R.history_file);
        history_truncate_file(R.history_file, HISTORY_LINES);
    }
    mem_free(R.history_file);
}

static void loop(void) {
    while (!sched_halting()) {
        struct pollfd fds[2] = {{.fd = R.wake[0], .events = POLLIN}, {.fd = STDIN_FILENO, .events = POLLIN}};
        bool want_input = R.interactive ? R.prompt_shown : R.awaiting && !R.eof;
        bool buffered = want_input && !R.interactive && io_stdin_buffered();
        if (poll(fds, want_input && !buffered ? 2 : 1, buffered ? 0 : -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (fds[0].revents & POLLIN) {
            char why[64];
            ssize_t n = read(R.wake[0], why, sizeof why);
            handle_events();
            for (ssize_t i = 0; i < n; i++)
                if (why[i] == 'i') interrupt();
        }
        if (sched_halting()) break;
        if (want_input && (buffered || (fds[1].revents & (POLLIN | POLLHUP | POLLERR)))) {
            if (R.interactive) rl_callback_read_char();
            else read_piped();
        }
    }
    handle_events(); /* what was printed before the halt */
}

/* The shell process: erlang:apply(moat_shell, start, []), the main process. */
static bool start_shell(struct vm *vm) {
    struct proc *p = vm_proc_new(vm);
    if (!p) return false;
    term args[3] = {atom_term("moat_shell", 10), atom_term("start", 5), TERM_NIL};
    interp_prepare_call(p, interp_apply3_code());
    if (!proc_start_args(p, args, 3)) return false;
    p->flags |= PF_MAIN;
    sched_start(NULL, p);
    return true;
}

int repl_run(struct vm *vm, bool interactive) {
    R.interactive = interactive;
    R.tail = &R.head;
    R.pending = (struct strbuf)STRBUF_INIT;
    if (pipe(R.wake) != 0) return 1;
    shell_set_frontend(&frontend);
    sched_on_halt(on_halt);
    if (interactive) {
        io_set_sink(output_sink, NULL);
        terminal_setup();
    }
    if (!sched_init(0) || !io_user_start() || !start_shell(vm)) {
        fprintf(stderr, "moat: cannot start the shell\n");
        return 1;
    }
    loop();
    if (interactive) terminal_done();
    int status = sched_wait_halt();
    io_set_sink(NULL, NULL);
    handle_events();
    sb_free(&R.pending);
    return status;
}
