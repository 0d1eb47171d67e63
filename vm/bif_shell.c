/*
 * bif_shell.c — the BIFs behind the shell (stdlib/moat_shell.erl and
 * stdlib/shell_default.erl): compiling what is typed at the prompt,
 * erl's shell wording of exceptions, asking the front end for input,
 * c/1, l/1, and the current directory (file:get_cwd/0, file:set_cwd/1).
 *
 * An expression sequence typed at the prompt becomes a throwaway module
 * with one function, '$eval'([Bound...]) -> {Value, [New...]}: its
 * parameters are the bound variables the text mentions, and it returns the
 * value with the variables the text binds. Which variables those are is
 * left to the linter: every variable of the text not bound yet is put in
 * the result, and those it calls unbound or unsafe there are dropped. A
 * call of a local function that does not exist becomes a call of
 * shell_default (erl's shell commands). The modules are never unloaded:
 * funs made at the prompt refer to their code.
 *
 * Called on the thread running the calling process; the compiler is
 * reentrant, the front end's request_input is thread-safe.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../compiler/arena.h"
#include "../compiler/compiler.h"
#include "../compiler/lexer.h"
#include "alloc.h"
#include "atom.h"
#include "bif.h"
#include "bits.h"
#include "error.h"
#include "heap.h"
#include "module.h"
#include "node.h"
#include "print.h"
#include "shell.h"
#include "strbuf.h"

#define FIRST_BODY_LINE 3 /* the typed text starts at this line of the module */
#define MAX_VARS 256

void shell_set_frontend(const struct shell_frontend *fe) { node_cur()->shell_frontend = fe; }

/* ---- terms in and out ---------------------------------------------------------- */

static bool text_of(term t, struct strbuf *sb) {
    if (!bif_text_append(sb, t, true)) return false;
    sb_cstr(sb);
    return !sb->failed;
}

static term tuple_text(struct proc *p, const term *tags, size_t ntags, const char *utf8, size_t len);

/* {Tag, String} with String the UTF-8 text as code points. */
static term tagged_text(struct proc *p, term tag, const char *utf8, size_t len) {
    return tuple_text(p, &tag, 1, utf8, len);
}

/* {Tags..., String} (tags are immediates), allocated at once. */
static term tuple_text(struct proc *p, const term *tags, size_t ntags, const char *utf8, size_t len) {
    struct strbuf cps = STRBUF_INIT; /* decoded code points, as uint32_t */
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)utf8[i];
        size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        uint32_t v = k == 1 ? c : (uint32_t)(c & (0x7F >> k));
        for (size_t j = 1; j < k && i + j < len; j++) v = (v << 6) | ((unsigned char)utf8[i + j] & 0x3F);
        sb_append(&cps, &v, sizeof v);
        i += k;
        n++;
    }
    size_t words = n * CONS_WORDS + TUPLE_WORDS(ntags + 1);
    if (cps.failed || !heap_ensure_free(p, words)) {
        sb_free(&cps);
        return raise_system_limit(p);
    }
    term *hp = heap_take(p, words), s = TERM_NIL;
    const uint32_t *cp = (const uint32_t *)cps.data;
    for (size_t i = n; i-- > 0;) s = cons_store(hp + 2 * i, term_from_small(cp[i]), s);
    hp += n * CONS_WORDS;
    sb_free(&cps);
    hp[0] = make_header(SUB_TUPLE, ntags + 1);
    for (size_t i = 0; i < ntags; i++) hp[1 + i] = tags[i];
    hp[1 + ntags] = s;
    return term_from_boxed_ptr(hp);
}

/* {A, B} of immediates */
static term tuple2(struct proc *p, term a, term b) {
    if (!heap_ensure_free(p, TUPLE_WORDS(2))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(2));
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = a;
    hp[2] = b;
    return term_from_boxed_ptr(hp);
}

/* A list of atoms named by names[0..n-1] (already interned). */
static term atom_list(term **hp, const term *atoms, size_t n) {
    term l = TERM_NIL;
    for (size_t i = n; i-- > 0;) {
        l = cons_store(*hp, atoms[i], l);
        *hp += CONS_WORDS;
    }
    return l;
}

size_t shell_offset_of(const char *src, size_t len, uint32_t line, uint32_t col) {
    size_t i = 0;
    for (uint32_t l = 1; l < line && i < len; i++)
        if (src[i] == '\n') l++;
    for (uint32_t c = 1; c < col && i < len; c++)
        do i++;
        while (i < len && ((unsigned char)src[i] & 0xC0) == 0x80);
    return i;
}

/* ---- compiling what was typed ------------------------------------------------- */

struct eval_job {
    const char *body; /* the text without its ending dot */
    size_t body_len;
    uint32_t body_lines;
    struct strbuf records; /* -record(...) attributes, one line */
    term module;
    term params[MAX_VARS], cands[MAX_VARS];
    size_t nparams, ncands;
    struct strbuf forwarders; /* F(A1..An) -> shell_default:F(A1..An). */
    struct strbuf errors;     /* "* L:C: message\n" for the user */
    bool compiled;
};

static bool atom_in(term a, const term *set, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (set[i] == a) return true;
    return false;
}

/* The compiler recurses once per nesting level: refuse what would run
   the scheduler thread's C stack out (erl's parser has no such limit). */
#define MAX_NESTING 10000

static bool too_deep(const char *src, size_t len) {
    struct arena *a = arena_new();
    if (!a) return true;
    struct token_vec toks = {0};
    bool deep = !lex_source(a, "shell", src, len, &toks, NULL);
    long depth = 0, run = 0;
    for (uint32_t i = 0; !deep && i < toks.count; i++) {
        switch (toks.items[i].kind) {
        case TOK_LPAREN: case TOK_LBRACK: case TOK_LBRACE: case TOK_LTLT: case TOK_BEGIN:
        case TOK_CASE: case TOK_IF: case TOK_RECEIVE: case TOK_TRY: case TOK_FUN:
            depth++;
            break;
        case TOK_RPAREN: case TOK_RBRACK: case TOK_RBRACE: case TOK_GTGT: case TOK_END:
            depth--;
            break;
        default:
            break;
        }
        int k = toks.items[i].kind;
        run = k == TOK_MINUS || k == TOK_PLUS || k == TOK_NOT || k == TOK_BNOT || k == TOK_CATCH ? run + 1 : 0;
        deep = depth > MAX_NESTING || run > MAX_NESTING;
    }
    arena_free(a);
    return deep;
}

/* Split the variables of the text into bound ones (params) and new ones. */
static bool collect_vars(struct eval_job *j, term bound) {
    struct arena *a = arena_new();
    if (!a) return false;
    struct token_vec toks = {0};
    bool ok = lex_source(a, "shell", j->body, j->body_len, &toks, NULL);
    for (uint32_t i = 0; ok && i < toks.count; i++) {
        struct token *t = &toks.items[i];
        if (t->kind != TOK_VAR || (t->len == 1 && t->text[0] == '_')) continue;
        term v = atom_term(t->text, t->len);
        if (v == TERM_NONE || atom_in(v, j->params, j->nparams) || atom_in(v, j->cands, j->ncands)) continue;
        bool is_bound = false;
        for (term l = bound; term_is_list(l); l = CDR(l)) is_bound |= CAR(l) == v;
        if (is_bound && j->nparams < MAX_VARS) j->params[j->nparams++] = v;
        else if (!is_bound && j->ncands < MAX_VARS) j->cands[j->ncands++] = v;
    }
    arena_free(a);
    return ok;
}

static void put_var_list(struct strbuf *sb, const term *vars, size_t n) {
    sb_putc(sb, '[');
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = atom_text(term_to_atom(vars[i]), &len);
        if (i) sb_putc(sb, ',');
        sb_append(sb, s, len);
    }
    sb_putc(sb, ']');
}

static void module_text(const struct eval_job *j, struct strbuf *src) {
    sb_puts(src, "-module(");
    print_atom(src, j->module);
    sb_puts(src, "). -export(['$eval'/1]). ");
    sb_append(src, j->records.data, j->records.len);
    sb_puts(src, "\n'$eval'(");
    put_var_list(src, j->params, j->nparams);
    sb_puts(src, ") -> MoatShell__Value = begin\n");
    sb_append(src, j->body, j->body_len);
    sb_puts(src, "\nend, {MoatShell__Value, ");
    put_var_list(src, j->cands, j->ncands);
    sb_puts(src, "}.\n");
    sb_append(src, j->forwarders.data, j->forwarders.len);
}

/* "function foo/2 undefined": a forwarder to shell_default:foo/2. */
static bool add_forwarder(struct eval_job *j, const char *msg) {
    size_t n = strlen(msg);
    if (n < 20 || strncmp(msg, "function ", 9) || strcmp(msg + n - 10, " undefined")) return false;
    const char *name = msg + 9, *slash = strrchr(msg, '/');
    if (!slash || slash < name) return false;
    int arity = atoi(slash + 1);
    struct strbuf args = STRBUF_INIT;
    for (int i = 0; i < arity; i++) sb_printf(&args, "%sMoatShell__A%d", i ? "," : "", i);
    sb_cstr(&args);
    sb_printf(&j->forwarders, "%.*s(%s) -> shell_default:%.*s(%s).\n", (int)(slash - name), name,
              args.data ? args.data : "", (int)(slash - name), name, args.data ? args.data : "");
    sb_free(&args);
    return true;
}

/* Drop the variable a message on the result line names. */
static void drop_candidate(struct eval_job *j, const char *msg) {
    const char *q = strchr(msg, '\'');
    const char *e = q ? strchr(q + 1, '\'') : NULL;
    if (!e) return;
    term v = atom_term(q + 1, (size_t)(e - q - 1));
    size_t k = 0;
    for (size_t i = 0; i < j->ncands; i++)
        if (j->cands[i] != v) j->cands[k++] = j->cands[i];
    j->ncands = k;
}

/* Sort the linter's errors: the user's, ours about the result, and calls
   that go to shell_default. Returns true when a retry may succeed. */
static bool triage(struct eval_job *j, const struct diags *d, bool *user_errors) {
    uint32_t result_line = FIRST_BODY_LINE + j->body_lines;
    bool retry = false;
    for (uint32_t i = 0; i < d->count; i++) {
        const struct diag *g = &d->items[i];
        if (g->warning) continue;
        if (g->line == result_line) {
            drop_candidate(j, g->message);
            retry = true;
        } else if (g->line >= FIRST_BODY_LINE && g->line < result_line && add_forwarder(j, g->message)) {
            retry = true;
        } else {
            uint32_t line = g->line >= FIRST_BODY_LINE ? g->line - FIRST_BODY_LINE + 1 : 1;
            sb_printf(&j->errors, "* %u:%u: %s\n", line, g->col, g->message);
            *user_errors = true;
        }
    }
    return retry;
}

/* Compile and load the module; false with j->errors set otherwise. */
static bool eval_compile(struct eval_job *j) {
    for (int attempt = 0; attempt < 4; attempt++) {
        struct strbuf src = STRBUF_INIT;
        module_text(j, &src);
        struct diags d = {0};
        struct compile_opts opts = {.stdlib_include = module_stdlib_dir(), .no_warnings = true};
        struct ast_module *m = src.failed ? NULL : compile_parse("shell", src.data, src.len, &opts, &d);
        bool linted = m && compile_lint(m, &d);
        struct gen_module *g = linted ? compile_lower(m, &d) : NULL;
        ast_module_free(m);
        sb_free(&src);
        bool user_errors = false, retry = !g && triage(j, &d, &user_errors);
        diags_free(&d);
        if (g) {
            struct module *loaded = module_load_gen(g, "shell");
            gen_module_free(g);
            if (loaded) loaded->typed = true; /* before anything runs it */
            if (!loaded) sb_puts(&j->errors, "* the expression could not be loaded\n");
            return loaded != NULL;
        }
        if (user_errors || !retry) break;
    }
    if (!j->errors.len) sb_puts(&j->errors, "* the expression could not be compiled\n");
    return false;
}

/* The compiler recurses over nesting and long lists, and a scheduler
   thread's stack is small: compiling what was typed runs on a thread of
   its own with a large stack (reserved, not used, until needed) while the
   scheduler thread waits. No process heap is touched there. */
#define COMPILE_STACK ((size_t)1 << 30)

struct big_stack_call {
    void (*fn)(void *);
    void *arg;
    struct node *node; /* the caller's: loading goes to its module table */
};

static void *big_stack_main(void *arg) {
    struct big_stack_call *c = arg;
    node_enter(c->node);
    c->fn(c->arg);
    return NULL;
}

static void on_big_stack(void (*fn)(void *), void *arg) {
    pthread_attr_t attr;
    pthread_t t;
    struct big_stack_call c = {fn, arg, node_cur()};
    bool started = pthread_attr_init(&attr) == 0 && pthread_attr_setstacksize(&attr, COMPILE_STACK) == 0 &&
                   pthread_create(&t, &attr, big_stack_main, &c) == 0;
    pthread_attr_destroy(&attr);
    if (started) pthread_join(t, NULL);
    else fn(arg); /* no thread: on this stack, as moat FILE.erl does */
}

static void eval_compile_call(void *arg) {
    struct eval_job *j = arg;
    j->compiled = eval_compile(j);
}

struct syntax_check {
    const char *src;
    size_t len;
    struct strbuf *errors;
    bool ok;
};

/* Whether the text parses as expressions; erl's messages if not. */
static void syntax_check(void *arg) {
    struct syntax_check *c = arg;
    struct ast_module *holder = NULL;
    struct diags d = {0};
    uint32_t n = 0;
    c->ok = compile_parse_exprs(c->src, c->len, &holder, &n, &d) != NULL;
    for (uint32_t i = 0; !c->ok && i < d.count && !c->errors->len; i++)
        sb_printf(c->errors, "* %u:%u: %s\n", d.items[i].line, d.items[i].col, d.items[i].message);
    ast_module_free(holder);
    diags_free(&d);
}

/* ---- shell commands that work on the shell's own state --------------------------- */

/* f(), f(X), b(), h(), v(N), e(N), rf(), rf(R), rl(), rr(File)
   typed alone: true with *out {command, Name, Args} (or the exception
   raised); false: compile it. */
static bool shell_command(struct proc *p, const char *src, size_t len, term *out) {
    struct ast_module *holder = NULL;
    struct diags d = {0};
    uint32_t n = 0;
    struct ast **es = compile_parse_exprs(src, len, &holder, &n, &d);
    diags_free(&d);
    bool ok = false;
    *out = TERM_NONE;
    if (!es || n != 1 || es[0]->kind != AST_CALL || es[0]->a->kind != AST_ATOM) goto done;
    struct ast *c = es[0], **args = c->items;
    const char *f = c->a->name;
    term arg[2] = {TERM_NIL, TERM_NIL};
    uint32_t na = c->nitems;
    static const char *const none[] = {"f", "b", "h", "rf", "rl"};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) ok |= na == 0 && !strcmp(f, none[i]);
    if (na == 1 && !strcmp(f, "f") && args[0]->kind == AST_VAR) {
        arg[0] = atom_term(args[0]->name, args[0]->len);
        ok = true;
    } else if (na == 1 && (!strcmp(f, "v") || !strcmp(f, "e"))) {
        struct ast *x = args[0];
        bool neg = x->kind == AST_UNOP && !strcmp(x->op, "-");
        if (neg) x = x->a;
        if (x->kind == AST_INT && !x->big) {
            arg[0] = term_from_small(neg ? -x->ival : x->ival);
            ok = true;
        }
    } else if (na == 1 && (!strcmp(f, "rf") || !strcmp(f, "rr")) && args[0]->kind == AST_ATOM) {
        arg[0] = atom_term(args[0]->name, args[0]->len);
        ok = true;
    } else if (na == 1 && !strcmp(f, "rr") && args[0]->kind == AST_STRING) {
        struct strbuf name = STRBUF_INIT; /* rr("file.erl"): the name as an atom */
        for (uint32_t i = 0; i < args[0]->nchars; i++) sb_put_utf8(&name, args[0]->chars[i]);
        arg[0] = name.failed ? TERM_NONE : atom_term(name.data ? name.data : "", name.len);
        ok = arg[0] != TERM_NONE;
        sb_free(&name);
    }
    if (ok) {
        if (!heap_ensure_free(p, TUPLE_WORDS(3) + 2 * CONS_WORDS)) {
            *out = raise_system_limit(p);
            goto done;
        }
        term *hp = heap_take(p, TUPLE_WORDS(3) + 2 * CONS_WORDS);
        term args_list = atom_list(&hp, arg, na);
        hp[0] = make_header(SUB_TUPLE, 3);
        hp[1] = atom_term("command", 7);
        hp[2] = term_from_atom(term_to_atom(atom_term(f, strlen(f))));
        hp[3] = args_list;
        *out = term_from_boxed_ptr(hp);
    }
done:
    ast_module_free(holder);
    return ok;
}

/* rd(Name, Def) typed alone: {record, "-record(Name, Def)."}, else NONE. */
static term record_command(struct proc *p, const char *src, size_t len) {
    while (len && (src[len - 1] == ' ' || src[len - 1] == '\n' || src[len - 1] == '\t' || src[len - 1] == '\r')) len--;
    size_t start = 0;
    while (start < len && (src[start] == ' ' || src[start] == '\n' || src[start] == '\t')) start++;
    if (len - start < 6 || strncmp(src + start, "rd(", 3)) return TERM_NONE;
    size_t close = len - 1; /* the ')' before the dot */
    while (close > start && src[close] != ')') close--;
    if (close <= start + 3) return TERM_NONE;
    struct strbuf sb = STRBUF_INIT;
    sb_puts(&sb, "-record(");
    for (size_t i = start + 3; i < close; i++) sb_putc(&sb, src[i] == '\n' ? ' ' : src[i]);
    sb_puts(&sb, ").");
    term r = sb.failed ? raise_system_limit(p) : tagged_text(p, atom_term("record", 6), sb.data, sb.len);
    sb_free(&sb);
    return r;
}

static term compile_result(struct proc *p, struct eval_job *j) {
    size_t words = TUPLE_WORDS(3) + (j->nparams + j->ncands) * CONS_WORDS;
    if (!heap_ensure_free(p, words)) return raise_system_limit(p);
    term *hp = heap_take(p, words);
    term ps = atom_list(&hp, j->params, j->nparams), cs = atom_list(&hp, j->cands, j->ncands);
    hp[0] = make_header(SUB_TUPLE, 3);
    hp[1] = AM_ok;
    hp[2] = ps;
    hp[3] = cs;
    return term_from_boxed_ptr(hp);
}

/* moat_shell:compile(Text, Bound, Records, Module) ->
       {ok, Params, New} | {error, Messages} | {syntax_error, Messages}
       | {command, Name, Args}
       | {record, AttributeText} */
term bif_moat_shell_compile_4(struct proc *p, term *args) {
    struct strbuf text = STRBUF_INIT;
    struct eval_job j = {.records = STRBUF_INIT, .forwarders = STRBUF_INIT, .errors = STRBUF_INIT};
    if (!text_of(args[0], &text) || !term_is_atom(args[3]) || !text_of(args[2], &j.records)) {
        sb_free(&text);
        sb_free(&j.records);
        return raise_badarg(p);
    }
    term r = TERM_NONE;
    if (too_deep(text.data, text.len)) {
        const char *msg = "* 1:1: the expression is nested too deeply\n";
        r = tagged_text(p, atom_term("syntax_error", 12), msg, strlen(msg));
        goto out;
    }
    struct syntax_check check = {.src = text.data, .len = text.len, .errors = &j.errors};
    on_big_stack(syntax_check, &check);
    if (!check.ok) {
        if (!j.errors.len) sb_puts(&j.errors, "* syntax error\n");
        r = tagged_text(p, atom_term("syntax_error", 12), j.errors.data, j.errors.len);
        goto out;
    }
    if ((r = record_command(p, text.data, text.len)) != TERM_NONE) goto out;
    /* commands are short: parsing them again needs little stack */
    if (text.len < 256 && shell_command(p, text.data, text.len, &r)) goto out;
    size_t len = text.len;
    while (len && text.data[len - 1] != '.') len--;
    j.body = text.data;
    j.body_len = len ? len - 1 : 0;
    for (size_t i = 0; i < j.body_len; i++) j.body_lines += text.data[i] == '\n';
    j.body_lines++;
    j.module = args[3];
    if (!collect_vars(&j, args[1])) r = raise_system_limit(p);
    else if (on_big_stack(eval_compile_call, &j), j.compiled) r = compile_result(p, &j);
    else r = tagged_text(p, AM_error, j.errors.data, j.errors.len);
out:
    sb_free(&text);
    sb_free(&j.records);
    sb_free(&j.forwarders);
    sb_free(&j.errors);
    return r;
}

/* moat_shell:record_fields(AttributeTexts) -> {ok, [{Name, [Field]}]} | {error, Messages}:
   checks record definitions and names their fields (for printing). */
term bif_moat_shell_record_fields_1(struct proc *p, term *args) {
    struct strbuf src = STRBUF_INIT;
    sb_puts(&src, "-module(shell). ");
    if (!text_of(args[0], &src)) {
        sb_free(&src);
        return raise_badarg(p);
    }
    struct diags d = {0};
    struct compile_opts opts = {.no_warnings = true};
    struct ast_module *m = compile_parse("shell", src.data, src.len, &opts, &d);
    sb_free(&src);
    term r;
    if (!m || d.errors) {
        struct strbuf e = STRBUF_INIT;
        for (uint32_t i = 0; i < d.count; i++)
            if (!d.items[i].warning) sb_printf(&e, "* %u:%u: %s\n", d.items[i].line, d.items[i].col, d.items[i].message);
        if (!e.len) sb_puts(&e, "* bad record definition\n");
        r = tagged_text(p, AM_error, e.data, e.len);
        sb_free(&e);
    } else {
        size_t words = TUPLE_WORDS(2) + m->nrecords * (CONS_WORDS + TUPLE_WORDS(2));
        for (uint32_t i = 0; i < m->nrecords; i++) words += m->records[i].nfields * CONS_WORDS;
        if (!heap_ensure_free(p, words)) {
            r = raise_system_limit(p);
        } else {
            term *hp = heap_take(p, words), list = TERM_NIL;
            for (uint32_t i = m->nrecords; i-- > 0;) {
                const struct ast_record_def *rd = &m->records[i];
                term fields = TERM_NIL;
                for (uint32_t k = rd->nfields; k-- > 0;) {
                    fields = cons_store(hp, atom_term(rd->fields[k].name, strlen(rd->fields[k].name)), fields);
                    hp += CONS_WORDS;
                }
                hp[0] = make_header(SUB_TUPLE, 2);
                hp[1] = atom_term(rd->name, strlen(rd->name));
                hp[2] = fields;
                list = cons_store(hp + 3, term_from_boxed_ptr(hp), list);
                hp += TUPLE_WORDS(2) + CONS_WORDS;
            }
            hp[0] = make_header(SUB_TUPLE, 2);
            hp[1] = AM_ok;
            hp[2] = list;
            r = term_from_boxed_ptr(hp);
        }
    }
    ast_module_free(m);
    diags_free(&d);
    return r;
}

/* The -record(...). attributes of src, one per line of out. */
static bool record_attributes(const char *src, size_t len, struct strbuf *out) {
    struct arena *a = arena_new();
    if (!a) return false;
    struct token_vec toks = {0};
    bool ok = lex_source(a, "rr", src, len, &toks, NULL);
    for (uint32_t i = 0; ok && i + 2 < toks.count; i++) {
        struct token *t = toks.items;
        bool form_start = i == 0 || t[i - 1].kind == TOK_DOT;
        if (!form_start || t[i].kind != TOK_MINUS || t[i + 1].kind != TOK_ATOM || t[i + 1].len != 6 ||
            memcmp(t[i + 1].text, "record", 6) || t[i + 2].kind != TOK_LPAREN)
            continue;
        uint32_t k = i;
        while (k < toks.count && t[k].kind != TOK_DOT && t[k].kind != TOK_EOF) k++;
        if (k == toks.count || t[k].kind != TOK_DOT) break;
        size_t from = shell_offset_of(src, len, t[i].line, t[i].col);
        size_t to = shell_offset_of(src, len, t[k].line, t[k].col) + 1;
        for (size_t b = from; b < to && b < len; b++) sb_putc(out, src[b] == '\n' ? ' ' : src[b]);
        sb_putc(out, '\n');
        i = k;
    }
    arena_free(a);
    return ok && !out->failed;
}

/* moat_shell:read_records(File) -> {ok, [AttributeText]} | {error, Posix}
   (the shell's rr/1). */
term bif_moat_shell_read_records_1(struct proc *p, term *args) {
    struct strbuf path = STRBUF_INIT, attrs = STRBUF_INIT;
    if (!text_of(args[0], &path)) {
        sb_free(&path);
        return raise_badarg(p);
    }
    size_t len;
    char *src = sb_read_file(path.data, &len);
    sb_free(&path);
    if (!src) return tuple2(p, AM_error, atom_term("enoent", 6));
    bool ok = record_attributes(src, len, &attrs);
    mem_free(src);
    term r = ok ? tagged_text(p, AM_ok, attrs.data ? attrs.data : "", attrs.len) : raise_system_limit(p);
    sb_free(&attrs);
    return r; /* {ok, Lines}: the shell splits at newlines */
}

/* moat_shell:format_exception(Class, Reason, Stack) -> String, as erl's
   shell prints it (without the final newline). */
term bif_moat_shell_format_exception_3(struct proc *p, term *args) {
    struct strbuf sb = STRBUF_INIT;
    error_format_shell(&sb, args[0], args[1], args[2]);
    while (sb.len && sb.data[sb.len - 1] == '\n') sb.len--;
    term r = sb.failed ? raise_system_limit(p) : tagged_text(p, AM_ok, sb.data, sb.len);
    sb_free(&sb);
    return r == TERM_NONE ? r : tuple_elems(r)[1]; /* the tuple is garbage */
}

/* moat_shell:format_value(Value, Column) -> String: as erl's shell prints
   a value starting at Column (~tP to depth 30, as wide as the terminal,
   at most 60 characters of the term on a line). */
term bif_moat_shell_format_value_2(struct proc *p, term *args) {
    if (!term_is_small(args[1]) || term_to_small(args[1]) < 1 || term_to_small(args[1]) > 1000) return raise_badarg(p);
    const struct shell_frontend *frontend = node_cur()->shell_frontend;
    int width = frontend && frontend->columns ? frontend->columns() : 80;
    struct strbuf sb = STRBUF_INIT;
    print_pretty_max(&sb, args[0], (int)term_to_small(args[1]), width, 30, 60);
    term r = sb.failed ? raise_system_limit(p) : tagged_text(p, AM_ok, sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    return r == TERM_NONE ? r : tuple_elems(r)[1];
}

/* moat_shell:read(Prompt, BoundNames) -> ok | {error, no_terminal}: the
   front end answers with a message (vm/shell.h). */
term bif_moat_shell_read_2(struct proc *p, term *args) {
    struct strbuf prompt = STRBUF_INIT, names = STRBUF_INIT;
    const char *vars[MAX_VARS];
    size_t nvars = 0, offs[MAX_VARS];
    bool ok = text_of(args[0], &prompt);
    for (term l = args[1]; ok && term_is_list(l) && nvars < MAX_VARS; l = CDR(l)) {
        offs[nvars++] = names.len;
        ok = bif_text_append(&names, CAR(l), true);
        sb_putc(&names, '\0');
    }
    ok = ok && !names.failed;
    for (size_t i = 0; ok && i < nvars; i++) vars[i] = names.data + offs[i];
    term r = ok ? AM_ok : raise_badarg(p);
    const struct shell_frontend *frontend = node_cur()->shell_frontend;
    if (ok && frontend) frontend->request_input(p->id, prompt.data, vars, nvars);
    else if (ok) r = tuple2(p, AM_error, atom_term("no_terminal", 11));
    sb_free(&prompt);
    sb_free(&names);
    return r;
}

/* ---- c/1, l/1, the current directory ------------------------------------------------ */

struct file_compile {
    const char *path, *src;
    size_t len;
    struct diags d;
    struct gen_module *g;
};

static void file_compile(void *arg) {
    struct file_compile *fc = arg;
    struct compile_opts opts = {.stdlib_include = module_stdlib_dir()};
    fc->g = compile_source(fc->path, fc->src, fc->len, &opts, &fc->d);
}

/* moat_shell:compile_file(Path) -> {ok, Module, Messages} | {error, Messages}
   | {error, Posix}: compile and load, with erlc's messages (warnings too). */
term bif_moat_shell_compile_file_1(struct proc *p, term *args) {
    struct strbuf path = STRBUF_INIT;
    if (!text_of(args[0], &path)) {
        sb_free(&path);
        return raise_badarg(p);
    }
    size_t len;
    char *src = sb_read_file(path.data, &len);
    if (!src) {
        term why = atom_term(errno == ENOENT ? "non_existing" : "read_error", errno == ENOENT ? 12 : 10);
        sb_free(&path);
        return tuple2(p, AM_error, why);
    }
    struct file_compile fc = {.path = path.data, .src = src, .len = len};
    on_big_stack(file_compile, &fc);
    struct diags d = fc.d;
    struct gen_module *g = fc.g;
    char *msgs = NULL;
    size_t msgs_len = 0;
    FILE *mf = open_memstream(&msgs, &msgs_len);
    if (mf) {
        diags_print_excerpts(&d, mf, path.data, src, len); /* as erl's c/1 */
        fclose(mf);
    }
    mem_free(src);
    diags_free(&d);
    struct module *m = g ? module_load_gen(g, path.data) : NULL;
    gen_module_free(g);
    sb_free(&path);
    term tags[2] = {m ? AM_ok : AM_error, m ? m->name : TERM_NIL};
    term r = tuple_text(p, tags, m ? 2 : 1, msgs ? msgs : "", msgs ? msgs_len : 0);
    free(msgs);
    return r;
}

/* moat_shell:load(Module) -> {module, Module} | {error, nofile}: load it
   from the code path, or compile ./Module.erl again when it is loaded. */
term bif_moat_shell_load_1(struct proc *p, term *args) {
    if (!term_is_atom(args[0])) return raise_badarg(p);
    term name = args[0];
    struct module *m = NULL;
    if (module_find(name)) {
        size_t n;
        const char *t = atom_text(term_to_atom(name), &n);
        struct strbuf path = STRBUF_INIT;
        sb_printf(&path, "%.*s.erl", (int)n, t);
        sb_cstr(&path);
        if (!path.failed && access(path.data, R_OK) == 0) m = module_load_source(path.data);
        else m = module_find(name);
        sb_free(&path);
    } else {
        m = module_ensure_loaded(name);
    }
    if (!m || m->name != name) return tuple2(p, AM_error, atom_term("nofile", 6));
    return tuple2(p, atom_term("module", 6), name);
}

/* file:get_cwd() -> {ok, Dir} */
term bif_file_get_cwd_0(struct proc *p, term *args) {
    (void)args;
    char buf[4096];
    if (!getcwd(buf, sizeof buf)) return tuple2(p, AM_error, atom_term("enoent", 6));
    return tagged_text(p, AM_ok, buf, strlen(buf));
}

/* file:set_cwd(Dir) -> ok | {error, Posix} */
term bif_file_set_cwd_1(struct proc *p, term *args) {
    struct strbuf dir = STRBUF_INIT;
    if (!text_of(args[0], &dir)) {
        sb_free(&dir);
        return raise_badarg(p);
    }
    int rc = chdir(dir.data), err = errno;
    sb_free(&dir);
    if (rc == 0) return AM_ok;
    const char *why = err == ENOENT ? "enoent" : err == ENOTDIR ? "enotdir" : err == EACCES ? "eacces" : "einval";
    return tuple2(p, AM_error, atom_term(why, strlen(why)));
}

/* moat_shell:pid(Index, Serial) -> <0.Index.Serial> (the shell's pid/3) */
term bif_moat_shell_pid_2(struct proc *p, term *args) {
    if (!term_is_small(args[0]) || !term_is_small(args[1])) return raise_badarg(p);
    int64_t index = term_to_small(args[0]), serial = term_to_small(args[1]);
    if (index < 0 || serial < 0 || (uint64_t)index >= (UINT64_C(1) << PID_INDEX_BITS) ||
        serial >= (INT64_C(1) << (54 - PID_INDEX_BITS)))
        return raise_badarg(p);
    return term_from_pid(((uint64_t)serial << PID_INDEX_BITS) | (uint64_t)index);
}
