/*
 * error.c — raising exceptions from C, building stack traces, and
 * printing an uncaught exception the way escript does.
 *
 * The raise_ functions only record the exception in the process (see
 * vm/error.h for the meaning of exc_args / exc_trace); the interpreter
 * unwinds. error_build_trace makes erl's list of
 * {Module, Function, ArityOrArgs, Location} from the raising instruction
 * and the return addresses on the stack. Called by the thread running
 * the process; error_format_uncaught is pure.
 */
#include "error.h"

#include <stdio.h>
#include <string.h>

#include "atom.h"
#include "bif.h"
#include "heap.h"
#include "interp.h"
#include "module.h"
#include "print.h"
#include "strbuf.h"

/* ---- raising ----------------------------------------------------------------- */

static term record(struct proc *p, term cls, term reason, term args) {
    p->exc_class = cls;
    p->exc_reason = reason;
    p->exc_args = args;
    p->exc_trace = EXC_TRACE_UNBUILT;
    return TERM_NONE;
}

term raise_error(struct proc *p, term reason) { return record(p, AM(error), reason, EXC_ARGS_BIF); }
term raise_exit(struct proc *p, term reason) { return record(p, AM(exit), reason, EXC_ARGS_NO_FRAME); }
term raise_throw(struct proc *p, term value) { return record(p, AM(throw), value, EXC_ARGS_NO_FRAME); }
term raise_class(struct proc *p, term cls, term reason) { return record(p, cls, reason, EXC_ARGS_NO_FRAME); }
term raise_badarg(struct proc *p) { return raise_error(p, AM(badarg)); }
term raise_badarith(struct proc *p) { return raise_error(p, AM(badarith)); }
term raise_system_limit(struct proc *p) {
    /* a process with a max_heap_size that needs more is killed (no catch
       applies); other failures are system_limit errors */
    if (p->max_heap_words) {
        proc_max_heap_killed(p);
        return raise_class(p, AM(moat_kill), AM(killed));
    }
    return raise_error(p, AM(system_limit));
}

term raise_error2(struct proc *p, term tag, term *value) {
    if (!heap_ensure_free(p, TUPLE_WORDS(2))) return raise_error(p, tag);
    term *hp = heap_take(p, TUPLE_WORDS(2));
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = tag;
    hp[2] = *value;
    return raise_error(p, term_from_boxed_ptr(hp));
}

/* ---- building stack traces -------------------------------------------------- */

#define TRACE_DEPTH 8 /* erl's default backtrace_depth */
#define FRAME_WORDS (TUPLE_WORDS(4) + 2 * CONS_WORDS + 2 * TUPLE_WORDS(2))
#define ERROR_INFO_WORDS (CONS_WORDS + TUPLE_WORDS(2) + TUPLE_WORDS(1) + MAP_WORDS(1))

static term tuple2(term **hp, term a, term b) {
    term *t = *hp;
    t[0] = make_header(SUB_TUPLE, 2);
    t[1] = a;
    t[2] = b;
    *hp += 3;
    return term_from_boxed_ptr(t);
}

static term tuple4(term **hp, term a, term b, term c, term d) {
    term *t = *hp;
    t[0] = make_header(SUB_TUPLE, 4);
    t[1] = a;
    t[2] = b;
    t[3] = c;
    t[4] = d;
    *hp += 5;
    return term_from_boxed_ptr(t);
}

static term cons(term **hp, term h, term t) {
    term r = cons_store(*hp, h, t);
    *hp += 2;
    return r;
}

/* [{error_info, #{module => erl_erts_errors}}] */
static term error_info(term **hp) {
    term *keys = *hp;
    keys[0] = make_header(SUB_TUPLE, 1);
    keys[1] = AM(module);
    term *map = keys + 2;
    map[0] = make_header(SUB_MAP, 2);
    map[1] = term_from_boxed_ptr(keys);
    map[2] = AM(erl_erts_errors);
    *hp = map + 3;
    term info = tuple2(hp, AM(error_info), term_from_boxed_ptr(map));
    return cons(hp, info, TERM_NIL);
}

/* {M, F, A, [{file, F}, {line, L}]} for the code at addr (the instruction
   itself when exact, else a return address: the call before it). */
static bool code_frame(term **hp, const void *addr, bool exact, term arity_or_args, term *out) {
    struct module *m = module_of_code(addr);
    if (!m) return false;
    const struct mod_func *f = module_func_of(m, addr);
    if (!f) return false;
    uint32_t file;
    const code_word *at = exact ? (const code_word *)addr : (const code_word *)addr - 1;
    uint32_t line = module_line_of(m, at, &file);
    term loc = TERM_NIL;
    if (line && file < m->nfiles) {
        loc = cons(hp, tuple2(hp, AM(line), term_from_small(line)), TERM_NIL);
        loc = cons(hp, tuple2(hp, AM(file), m->file_names[file]), loc);
    }
    term a = arity_or_args != TERM_NONE ? arity_or_args : term_from_small(f->arity);
    *out = tuple4(hp, m->name, f->name, a, loc);
    return true;
}

/* The frames, first (innermost) first; returns the list. */
term error_build_trace(struct proc *p, const struct trace_start *ts) {
    size_t need = (TRACE_DEPTH + 1) * (FRAME_WORDS + CONS_WORDS) + ERROR_INFO_WORDS + 2 * (size_t)ts->nargs;
    uint32_t saved_live = p->live;
    if (ts->nargs) p->live = ts->first_arg + ts->nargs;
    /* the exception fields are GC roots: no TERM_NONE in them meanwhile */
    term saved_args = p->exc_args;
    if (!term_is_list(saved_args)) p->exc_args = TERM_NIL;
    p->exc_trace = TERM_NIL;
    bool ok = heap_ensure_free(p, need);
    if (!term_is_list(saved_args)) p->exc_args = saved_args;
    p->live = saved_live;
    if (!ok) return TERM_NIL;
    term *hp = p->htop;
    term frames[TRACE_DEPTH + 2];
    unsigned n = 0;
    term args = TERM_NIL;
    for (unsigned i = ts->nargs; i-- > 0;) args = cons(&hp, p->x[ts->first_arg + i], args);
    if (ts->module != TERM_NONE) {
        /* a BIF or an undefined function: its own frame, with arguments */
        term loc = ts->error_info ? error_info(&hp) : TERM_NIL;
        frames[n++] = tuple4(&hp, ts->module, ts->function, args, loc);
    }
    if (ts->pc) {
        term aa = TERM_NONE;
        if (ts->module == TERM_NONE && ts->nargs) aa = args; /* function_clause */
        else if (term_is_list(p->exc_args) || p->exc_args == TERM_NIL) aa = p->exc_args;
        if (code_frame(&hp, ts->pc, true, aa, &frames[n])) n++;
    }
    /* return addresses, consecutive duplicates (recursion at the same
       call site) recorded once, as erl does */
    const void *prev = ts->pc;
    if (ts->cp && n < TRACE_DEPTH && code_frame(&hp, ts->cp, false, TERM_NONE, &frames[n])) {
        n++;
        prev = ts->cp;
    }
    for (term *s = p->stop; s < p->heap_end && n < TRACE_DEPTH; s++) {
        if (term_primary(*s) != TAG_HEADER || *s == 0) continue; /* CPs only */
        const void *ret = (const void *)(uintptr_t)*s;
        if (ret == prev) continue;
        prev = ret;
        if (code_frame(&hp, ret, false, TERM_NONE, &frames[n])) n++;
    }
    term list = TERM_NIL;
    while (n > 0) list = cons(&hp, frames[--n], list);
    p->htop = hp;
    return list;
}

/* ---- printing an uncaught exception ------------------------------------------ */

static const char *const operators[] = {"+", "-", "*", "/", "div", "rem", "band", "bor", "bxor", "bsl", "bsr",
                                        "bnot", "not", "and", "or", "xor", "==", "/=", "=<", "<", ">=", ">",
                                        "=:=", "=/=", "++", "--", "!", NULL};

static bool is_operator(term m, term f, size_t arity) {
    if (m != AM(erlang) || arity < 1 || arity > 2) return false;
    size_t len;
    const char *t = atom_text(term_to_atom(f), &len);
    for (int i = 0; operators[i]; i++)
        if (strlen(operators[i]) == len && memcmp(operators[i], t, len) == 0) return true;
    return false;
}

static size_t list_length(term l) {
    size_t n = 0;
    while (term_is_list(l)) {
        n++;
        l = CDR(l);
    }
    return n;
}

static bool is_frame(term t) {
    if (!term_is_tuple(t) || tuple_arity(t) != 4) return false;
    term *e = tuple_elems(t);
    return term_is_atom(e[0]) && term_is_atom(e[1]) && (term_is_small(e[2]) || term_is_list(e[2]) || e[2] == TERM_NIL) &&
           (term_is_list(e[3]) || e[3] == TERM_NIL);
}

bool error_is_stacktrace(term t) {
    for (; term_is_list(t); t = CDR(t))
        if (!is_frame(CAR(t))) return false;
    return t == TERM_NIL;
}

/* erlang BIFs callable without the module name (erl_internal:bif/2 in
   OTP 25), sorted: erl prints these without "erlang:" */
static const char *const auto_imported[] = {
    "abs", "alias", "apply", "atom_to_binary", "atom_to_list", "binary_part", "binary_to_atom",
    "binary_to_existing_atom", "binary_to_float", "binary_to_integer", "binary_to_list", "binary_to_term",
    "bit_size", "bitstring_to_list", "byte_size", "ceil", "check_old_code", "check_process_code", "date",
    "delete_module", "demonitor", "disconnect_node", "element", "erase", "error", "exit", "float",
    "float_to_binary", "float_to_list", "floor", "garbage_collect", "get", "get_keys", "group_leader",
    "halt", "hd", "integer_to_binary", "integer_to_list", "iolist_size", "iolist_to_binary", "is_alive",
    "is_atom", "is_binary", "is_bitstring", "is_boolean", "is_float", "is_function", "is_integer", "is_list",
    "is_map", "is_map_key", "is_number", "is_pid", "is_port", "is_process_alive", "is_record",
    "is_reference", "is_tuple", "length", "link", "list_to_atom", "list_to_binary", "list_to_bitstring",
    "list_to_existing_atom", "list_to_float", "list_to_integer", "list_to_pid", "list_to_port",
    "list_to_ref", "list_to_tuple", "load_module", "make_ref", "map_get", "map_size", "max", "min",
    "module_loaded", "monitor", "monitor_node", "node", "nodes", "now", "open_port", "pid_to_list",
    "port_close", "port_command", "port_connect", "port_control", "port_to_list", "pre_loaded",
    "process_flag", "process_info", "processes", "purge_module", "put", "ref_to_list", "register",
    "registered", "round", "self", "setelement", "size", "spawn", "spawn_link", "spawn_monitor", "spawn_opt",
    "spawn_request", "spawn_request_abandon", "split_binary", "statistics", "term_to_binary",
    "term_to_iovec", "throw", "time", "tl", "trunc", "tuple_size", "tuple_to_list", "unalias", "unlink",
    "unregister", "whereis",
};

static bool is_auto_imported(term f) {
    size_t len;
    const char *t = atom_text(term_to_atom(f), &len);
    size_t lo = 0, hi = sizeof auto_imported / sizeof auto_imported[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(auto_imported[mid], t, len);
        if (c == 0) c = auto_imported[mid][len] != 0; /* a longer name sorts after */
        if (c == 0) return true;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

/* "M:F" or, for an auto-imported BIF or an operator, just "F" */
static void mf_text(struct strbuf *sb, term m, term f, size_t arity) {
    if (m == AM(erlang) && (is_operator(m, f, arity) || is_auto_imported(f))) {
        size_t len;
        const char *t = atom_text(term_to_atom(f), &len);
        if (is_operator(m, f, arity) && !(len == 1 && t[0] == '/')) {
            sb_append(sb, t, len); /* +/2, but '/'/2 as erl_error writes it */
        } else {
            print_atom(sb, f);
        }
        return;
    }
    print_atom(sb, m);
    sb_putc(sb, ':');
    print_atom(sb, f);
}

static void location_text(struct strbuf *sb, term loc) {
    term file = TERM_NONE, line = TERM_NONE;
    for (; term_is_list(loc); loc = CDR(loc)) {
        term e = CAR(loc);
        if (!term_is_tuple(e) || tuple_arity(e) != 2) continue;
        if (tuple_elems(e)[0] == AM(file)) file = tuple_elems(e)[1];
        if (tuple_elems(e)[0] == AM(line)) line = tuple_elems(e)[1];
    }
    if (file == TERM_NONE || line == TERM_NONE) return;
    sb_putc(sb, '(');
    for (term c = file; term_is_list(c); c = CDR(c))
        if (term_is_small(CAR(c))) sb_put_utf8(sb, (uint32_t)term_to_small(CAR(c)));
    sb_printf(sb, ", line %lld)", (long long)term_to_small(line));
}

static void format_body(struct strbuf *sb, const char *pad, term cls, term reason, term trace);

/* How terms in a message are printed: escript's ~P to depth 50, or erl's
   shell's (depth 30, at most 60 characters of a term per line). Set by
   the entry points for the message being formatted, on this thread. */
struct fmt_style {
    const char *pad; /* before continuation lines */
    int depth, max_chars;
};
static const struct fmt_style escript_style = {"", 50, -1}, shell_style = {"   ", 30, 60};
static _Thread_local struct fmt_style fmt_style = {"", 50, -1};

static void pretty_value(struct strbuf *sb, term t, int col) {
    if (fmt_style.max_chars > 0) print_pretty_max(sb, t, col, 80, fmt_style.depth, fmt_style.max_chars);
    else print_pretty(sb, t, col, 80, fmt_style.depth, true);
}

static size_t column_of(const struct strbuf *sb) {
    size_t i = sb->len;
    while (i > 0 && sb->data[i - 1] != '\n') i--;
    return sb->len - i;
}

/* "(A1,A2)" — ~p of the argument list starting at 0-based column col,
   brackets turned into parens. A list of character codes would print as
   a string, so then each argument is printed on its own (erl does the
   same trick). */
static void args_text(struct strbuf *sb, term args, size_t col) {
    bool chars = term_is_list(args);
    for (term l = args; term_is_list(l); l = CDR(l))
        if (!term_is_small(CAR(l)) || term_to_small(CAR(l)) < 0 || term_to_small(CAR(l)) > 0x10FFFF) chars = false;
    if (chars) {
        sb_putc(sb, '(');
        for (term l = args; term_is_list(l); l = CDR(l)) {
            print_term(sb, CAR(l), -1);
            if (term_is_list(CDR(l))) sb_putc(sb, ',');
        }
        sb_putc(sb, ')');
        return;
    }
    struct strbuf tmp = STRBUF_INIT;
    pretty_value(&tmp, args, (int)col + 1);
    sb_cstr(&tmp);
    if (tmp.len >= 2 && tmp.data[0] == '[') {
        sb_putc(sb, '(');
        sb_append(sb, tmp.data + 1, tmp.len - 2);
        sb_putc(sb, ')');
    } else {
        sb_append(sb, tmp.data, tmp.len);
    }
    sb_free(&tmp);
}

static size_t count_nl(const struct strbuf *sb, size_t from) {
    size_t n = 0;
    for (size_t i = from; i < sb->len; i++) n += sb->data[i] == '\n';
    return n;
}

/* erl_error's format_call: sb ends with the line's prefix (pre1, then
   maybe an error text); prints M:F(Args), or, when the arguments would
   print better from the start of a new line, a line break, pre1 again
   and the call there. */
static void call_text(struct strbuf *sb, const char *pre1, term m, term f, term args) {
    size_t n = list_length(args);
    if (is_operator(m, f, n)) {
        size_t len;
        const char *t = atom_text(term_to_atom(f), &len);
        if (n == 1) {
            sb_append(sb, t, len);
            sb_putc(sb, ' ');
            pretty_value(sb, CAR(args), (int)column_of(sb) + 1);
        } else {
            pretty_value(sb, CAR(args), (int)column_of(sb) + 1);
            sb_putc(sb, ' ');
            sb_append(sb, t, len);
            sb_putc(sb, ' ');
            pretty_value(sb, CAR(CDR(args)), (int)column_of(sb) + 1);
        }
        return;
    }
    struct strbuf mfs = STRBUF_INIT, s1 = STRBUF_INIT, s2 = STRBUF_INIT, s3 = STRBUF_INIT;
    mf_text(&mfs, m, f, n);
    size_t i1 = column_of(sb) + mfs.len, i2 = strlen(pre1) + mfs.len;
    args_text(&s1, args, i1);
    args_text(&s2, args, i2);
    /* erl's probe: would even two short arguments wrap at this column? */
    term probe[4] = {atom_term("a2345", 5), 0, atom_term("b2345", 5), TERM_NIL};
    probe[1] = term_from_list_ptr(&probe[2]);
    args_text(&s3, term_from_list_ptr(probe), i1);
    if (count_nl(&s3, 0) > 0 || count_nl(&s2, 0) < count_nl(&s1, 0)) {
        sb_putc(sb, '\n');
        sb_puts(sb, pre1);
        sb_append(sb, mfs.data, mfs.len);
        sb_append(sb, s2.data, s2.len);
    } else {
        sb_append(sb, mfs.data, mfs.len);
        sb_append(sb, s1.data, s1.len);
    }
    sb_free(&mfs);
    sb_free(&s1);
    sb_free(&s2);
    sb_free(&s3);
}

static void fun_text(struct strbuf *sb, term fun) {
    if (term_is_boxed_sub(fun, SUB_EXPORT)) {
        struct export_entry *e = export_of(fun);
        mf_text(sb, e->module, e->function, e->arity);
        sb_printf(sb, "/%u", e->arity);
    } else {
        struct fun_entry *fe = fun_entry_of(fun);
        print_atom(sb, fe->module_name);
        sb_putc(sb, ':');
        print_atom(sb, fe->name);
        sb_printf(sb, "/%u", fe->arity);
    }
}

/* erl_error's format_value: the value after the text, or, when it would
   take more than two lines there, on a new line under the message if it
   takes fewer lines so (erl's shell breaks "no match of right hand side
   value" this way) */
static void value_text(struct strbuf *sb, const char *what, term v) {
    sb_puts(sb, what);
    struct strbuf here = STRBUF_INIT, under = STRBUF_INIT;
    pretty_value(&here, v, (int)column_of(sb) + 1);
    size_t lines = count_nl(&here, 0);
    int indent = (int)strlen(fmt_style.pad) + 17; /* "exception error: " */
    if (lines > 1) pretty_value(&under, v, indent + 1);
    if (lines > 1 && count_nl(&under, 0) < lines) {
        sb_putc(sb, '\n');
        for (int i = 0; i < indent; i++) sb_putc(sb, ' ');
        sb_append(sb, under.data, under.len);
    } else {
        sb_append(sb, here.data, here.len);
    }
    sb_free(&here);
    sb_free(&under);
}

/* The explanation; *skip_first is set when it used the first frame. */
static void explain(struct strbuf *sb, const char *pad, term cls, term reason, term trace, bool *skip_first) {
    term first = term_is_list(trace) ? CAR(trace) : TERM_NONE;
    *skip_first = false;
    if (cls == AM(error)) {
        if (reason == AM(badarg)) return sb_puts(sb, "bad argument");
        if (reason == AM(badarith)) return sb_puts(sb, "an error occurred when evaluating an arithmetic expression");
        if (reason == AM(if_clause)) return sb_puts(sb, "no true branch found when evaluating an if expression");
        if (reason == AM(system_limit)) return sb_puts(sb, "a system limit has been reached");
        if (reason == AM(noproc)) return sb_puts(sb, "no such process or port");
        if (reason == AM(timeout_value)) return sb_puts(sb, "bad receive timeout value");
        if (reason == AM(function_clause) && first != TERM_NONE && term_is_list(tuple_elems(first)[2])) {
            term *e = tuple_elems(first);
            sb_puts(sb, "no function clause matching ");
            char pre1[40]; /* as wide as "exception error: " */
            snprintf(pre1, sizeof pre1, "%s                 ", pad);
            call_text(sb, pre1, e[0], e[1], e[2]);
            sb_putc(sb, ' ');
            location_text(sb, e[3]);
            *skip_first = true;
            return;
        }
        if (reason == AM(undef) && first != TERM_NONE) {
            term *e = tuple_elems(first);
            size_t n = term_is_small(e[2]) ? (size_t)term_to_small(e[2]) : list_length(e[2]);
            sb_puts(sb, "undefined function ");
            mf_text(sb, e[0], e[1], n);
            sb_printf(sb, "/%zu", n);
            *skip_first = true;
            return;
        }
        if (term_is_tuple(reason) && tuple_arity(reason) == 2) {
            term tag = tuple_elems(reason)[0], v = tuple_elems(reason)[1];
            if (tag == AM(badmatch)) return value_text(sb, "no match of right hand side value ", v);
            if (tag == AM(case_clause)) return value_text(sb, "no case clause matching ", v);
            if (tag == AM(try_clause)) return value_text(sb, "no try clause matching ", v);
            if (tag == AM(badfun)) return value_text(sb, "bad function ", v);
            if (tag == AM(badkey)) return value_text(sb, "bad key: ", v);
            if (tag == AM(badmap)) return value_text(sb, "bad map: ", v);
            if (tag == AM(badarg)) return value_text(sb, "bad argument: ", v);
            if (tag == AM(badarity) && term_is_tuple(v) && tuple_arity(v) == 2 && term_is_fun(tuple_elems(v)[0])) {
                static const char *const words[] = {"no arguments", "one argument", "two arguments"};
                size_t n = list_length(tuple_elems(v)[1]);
                fun_text(sb, tuple_elems(v)[0]);
                if (n < 3) sb_printf(sb, " called with %s", words[n]);
                else sb_printf(sb, " called with %zu arguments", n);
                return;
            }
        }
    }
    pretty_value(sb, reason, (int)column_of(sb) + 1);
}

void error_format_uncaught(struct strbuf *out, const char *prefix, term cls, term reason, term trace) {
    /* erl lays the text out as if it started at column 1: the prefix is
       not counted when terms are broken into lines */
    struct strbuf body = STRBUF_INIT;
    fmt_style = escript_style;
    format_body(&body, "", cls, reason, trace);
    sb_printf(out, "%s: ", prefix);
    sb_append(out, body.data, body.len);
    sb_free(&body);
}

void error_format_exception(struct strbuf *out, term cls, term reason, term trace) {
    fmt_style = escript_style;
    format_body(out, "", cls, reason, trace);
}

/* erl's shell: "** exception error: ...", continuation lines 3 columns
   further in, and the text laid out from where "** " leaves it. */
void error_format_shell(struct strbuf *out, term cls, term reason, term trace) {
    sb_puts(out, "** ");
    fmt_style = shell_style;
    format_body(out, shell_style.pad, cls, reason, trace);
    fmt_style = escript_style;
}

/* pad: what continuation lines start with before erl's own indentation */
static void format_body(struct strbuf *sb, const char *pad, term cls, term reason, term trace) {
    const char *what = cls == AM(exit) ? "exit" : cls == AM(throw) ? "throw" : "error";
    sb_printf(sb, "exception %s: ", what);
    if (!error_is_stacktrace(trace)) {
        /* erl prints {Reason, Trace} when the trace is not one */
        term pair[3] = {make_header(SUB_TUPLE, 2), reason, trace};
        pretty_value(sb, term_from_boxed_ptr(pair), (int)column_of(sb) + 1);
        sb_putc(sb, '\n');
        return;
    }
    bool skip;
    explain(sb, pad, cls, reason, trace, &skip);
    sb_putc(sb, '\n');
    term t = skip ? CDR(trace) : trace;
    for (int n = 1; term_is_list(t); t = CDR(t), n++) {
        term *e = tuple_elems(CAR(t));
        size_t arity = term_is_small(e[2]) ? (size_t)term_to_small(e[2]) : list_length(e[2]);
        sb_puts(sb, pad);
        if (n == 1) sb_puts(sb, is_operator(e[0], e[1], arity) ? "  in operator  " : "  in function  ");
        else sb_puts(sb, "  in call from ");
        mf_text(sb, e[0], e[1], arity);
        sb_printf(sb, "/%zu", arity);
        if (term_is_small(e[2])) {
            sb_putc(sb, ' ');
            location_text(sb, e[3]);
        } else {
            char pre1[40];
            snprintf(pre1, sizeof pre1, "%s     called as ", pad);
            sb_putc(sb, '\n');
            sb_puts(sb, pre1);
            call_text(sb, pre1, e[0], e[1], e[2]);
        }
        sb_putc(sb, '\n');
    }
}
