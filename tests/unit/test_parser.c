/* Unit tests of the compiler front end: lexer, preprocessor and parser
   (compile_parse, compile_parse_exprs). ASTs are checked through a small
   S-expression printer; diagnostics against erlc 25's exact text. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compiler.h"
#include "strbuf.h"

/* ---- AST printer (S-expressions) used to check shapes ---- */
static void dump_node(struct strbuf *sb, const struct ast *e);

static void dump_list(struct strbuf *sb, struct ast *const *items, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        sb_putc(sb, ' ');
        dump_node(sb, items[i]);
    }
}

static void dump_clauses(struct strbuf *sb, const struct ast_clause *c, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        sb_puts(sb, " (clause (");
        dump_list(sb, c[i].patterns, c[i].npatterns);
        sb_puts(sb, ")");
        for (uint32_t g = 0; g < c[i].nguards; g++) {
            sb_puts(sb, " (when");
            dump_list(sb, c[i].guards[g].tests, c[i].guards[g].ntests);
            sb_puts(sb, ")");
        }
        sb_puts(sb, " ->");
        dump_list(sb, c[i].body, c[i].nbody);
        sb_puts(sb, ")");
    }
}

static void dump_node(struct strbuf *sb, const struct ast *e) {
    if (!e) {
        sb_puts(sb, "NULL");
        return;
    }
    switch (e->kind) {
    case AST_INT:
        if (e->big) sb_puts(sb, e->text);
        else sb_printf(sb, "%lld", (long long)e->ival);
        return;
    case AST_FLOAT: sb_printf(sb, "%gf", e->fval); return;
    case AST_ATOM: sb_printf(sb, "'%.*s'", (int)e->len, e->name); return;
    case AST_VAR: sb_printf(sb, "%.*s", (int)e->len, e->name); return;
    case AST_STRING:
        sb_putc(sb, '"');
        for (uint32_t i = 0; i < e->nchars; i++) sb_put_utf8(sb, e->chars[i]);
        sb_putc(sb, '"');
        return;
    case AST_NIL: sb_puts(sb, "[]"); return;
    case AST_CONS: sb_puts(sb, "(cons "); dump_node(sb, e->a); sb_putc(sb, ' '); dump_node(sb, e->b); break;
    case AST_TUPLE: sb_puts(sb, "(tuple"); dump_list(sb, e->items, e->nitems); break;
    case AST_MAP: sb_puts(sb, "(map"); dump_list(sb, e->items, e->nitems); break;
    case AST_MAP_UPDATE: sb_puts(sb, "(mapup "); dump_node(sb, e->a); dump_list(sb, e->items, e->nitems); break;
    case AST_MAP_ASSOC: sb_puts(sb, "(=> "); dump_node(sb, e->a); sb_putc(sb, ' '); dump_node(sb, e->b); break;
    case AST_MAP_EXACT: sb_puts(sb, "(:= "); dump_node(sb, e->a); sb_putc(sb, ' '); dump_node(sb, e->b); break;
    case AST_BIN: sb_puts(sb, "(bin"); dump_list(sb, e->items, e->nitems); break;
    case AST_BIN_ELEMENT:
        sb_puts(sb, "(el ");
        dump_node(sb, e->a);
        sb_putc(sb, ' ');
        if (e->b) dump_node(sb, e->b);
        else sb_puts(sb, "default");
        for (uint32_t i = 0; i < e->ntypes; i++) {
            sb_printf(sb, " %s", e->types[i].name);
            if (e->types[i].unit) sb_printf(sb, ":%u", e->types[i].unit);
        }
        break;
    case AST_RECORD: sb_printf(sb, "(rec %s", e->name); dump_list(sb, e->items, e->nitems); break;
    case AST_RECORD_UPDATE:
        sb_puts(sb, "(recup ");
        dump_node(sb, e->a);
        sb_printf(sb, " %s", e->name);
        dump_list(sb, e->items, e->nitems);
        break;
    case AST_RECORD_FIELD: sb_printf(sb, "(%s = ", e->field); dump_node(sb, e->a); break;
    case AST_RECORD_ACCESS: sb_puts(sb, "(recget "); dump_node(sb, e->a); sb_printf(sb, " %s %s", e->name, e->field); break;
    case AST_RECORD_INDEX: sb_printf(sb, "(recidx %s %s", e->name, e->field); break;
    case AST_MATCH: sb_puts(sb, "(= "); dump_node(sb, e->a); sb_putc(sb, ' '); dump_node(sb, e->b); break;
    case AST_OP: sb_printf(sb, "(%s ", e->op); dump_node(sb, e->a); sb_putc(sb, ' '); dump_node(sb, e->b); break;
    case AST_UNOP: sb_printf(sb, "(%s ", e->op); dump_node(sb, e->a); break;
    case AST_CALL: sb_puts(sb, "(call "); dump_node(sb, e->a); dump_list(sb, e->items, e->nitems); break;
    case AST_REMOTE: sb_puts(sb, "(: "); dump_node(sb, e->a); sb_putc(sb, ' '); dump_node(sb, e->b); break;
    case AST_FUN_REF:
        if (!e->a) {
            sb_printf(sb, "(funref %.*s %u", (int)e->len, e->name, e->arity);
        } else {
            sb_puts(sb, "(funref ");
            dump_node(sb, e->a);
            sb_putc(sb, ' ');
            dump_node(sb, e->b);
            sb_putc(sb, ' ');
            dump_node(sb, e->c);
        }
        break;
    case AST_FUN:
        sb_puts(sb, "(fun");
        if (e->name) sb_printf(sb, " %.*s", (int)e->len, e->name);
        dump_clauses(sb, e->clauses, e->nclauses);
        break;
    case AST_CASE: sb_puts(sb, "(case "); dump_node(sb, e->a); dump_clauses(sb, e->clauses, e->nclauses); break;
    case AST_IF: sb_puts(sb, "(if"); dump_clauses(sb, e->clauses, e->nclauses); break;
    case AST_RECEIVE:
        sb_puts(sb, "(receive");
        dump_clauses(sb, e->clauses, e->nclauses);
        if (e->after) {
            sb_puts(sb, " (after ");
            dump_node(sb, e->after);
            dump_list(sb, e->after_body, e->nafter_body);
            sb_putc(sb, ')');
        }
        break;
    case AST_TRY:
        sb_puts(sb, "(try (");
        dump_list(sb, e->body, e->nbody);
        sb_puts(sb, ") (of");
        dump_clauses(sb, e->clauses, e->nclauses);
        sb_puts(sb, ") (catch");
        dump_clauses(sb, e->catch_clauses, e->ncatch_clauses);
        sb_puts(sb, ") (after");
        dump_list(sb, e->after_body, e->nafter_body);
        sb_putc(sb, ')');
        break;
    case AST_CATCH: sb_puts(sb, "(catch "); dump_node(sb, e->a); break;
    case AST_BLOCK: sb_puts(sb, "(block"); dump_list(sb, e->body, e->nbody); break;
    case AST_LC: sb_puts(sb, "(lc "); dump_node(sb, e->a); dump_list(sb, e->items, e->nitems); break;
    case AST_BC: sb_puts(sb, "(bc "); dump_node(sb, e->a); dump_list(sb, e->items, e->nitems); break;
    case AST_GENERATE: sb_puts(sb, "(<- "); dump_node(sb, e->a); sb_putc(sb, ' '); dump_node(sb, e->b); break;
    case AST_BGENERATE: sb_puts(sb, "(<= "); dump_node(sb, e->a); sb_putc(sb, ' '); dump_node(sb, e->b); break;
    default: sb_puts(sb, "(?"); break;
    }
    sb_putc(sb, ')');
}

/* The expressions of "E1, E2." printed one per line, or the diagnostics. */
static char *exprs(const char *src) {
    static char out[8192];
    struct diags d = {0};
    struct ast_module *holder;
    uint32_t n;
    struct ast **es = compile_parse_exprs(src, strlen(src), &holder, &n, &d);
    struct strbuf sb = STRBUF_INIT;
    for (uint32_t i = 0; i < d.count; i++)
        sb_printf(&sb, "%u:%u: %s\n", d.items[i].line, d.items[i].col, d.items[i].message);
    for (uint32_t i = 0; es && i < n; i++) {
        if (i) sb_putc(&sb, '\n');
        dump_node(&sb, es[i]);
    }
    snprintf(out, sizeof out, "%s", sb.data ? sb_cstr(&sb) : "");
    sb_free(&sb);
    ast_module_free(holder);
    diags_free(&d);
    return out;
}

static struct ast *first_expr(const char *src, struct ast_module **holder) {
    struct diags d = {0};
    uint32_t n;
    struct ast **es = compile_parse_exprs(src, strlen(src), holder, &n, &d);
    diags_free(&d);
    cr_assert(es && n >= 1, "no expression parsed from %s", src);
    return es[0];
}

/* Diagnostics of a module, one "line:col: message" per line. */
static char *module_diags(const char *src, struct ast_module **out) {
    static char buf[8192];
    struct diags d = {0};
    struct ast_module *m = compile_parse("t.erl", src, strlen(src), NULL, &d);
    struct strbuf sb = STRBUF_INIT;
    for (uint32_t i = 0; i < d.count; i++)
        sb_printf(&sb, "%s%u:%u: %s\n", d.items[i].warning ? "W " : "", d.items[i].line,
                  d.items[i].col, d.items[i].message);
    snprintf(buf, sizeof buf, "%s", sb.data ? sb_cstr(&sb) : "");
    sb_free(&sb);
    diags_free(&d);
    if (out) *out = m;
    else ast_module_free(m);
    return buf;
}

static char *body_of(struct ast_module *m, uint32_t fn) {
    static char buf[8192];
    struct strbuf sb = STRBUF_INIT;
    const struct ast_function *f = &m->functions[fn];
    for (uint32_t i = 0; i < f->clauses[0].nbody; i++) {
        if (i) sb_putc(&sb, ' ');
        dump_node(&sb, f->clauses[0].body[i]);
    }
    snprintf(buf, sizeof buf, "%s", sb.data ? sb_cstr(&sb) : "");
    sb_free(&sb);
    return buf;
}

/* ---- lexer ---- */

Test(parser, integers_in_all_forms) {
    cr_assert_str_eq(exprs("16#FF, 2#101, 36#zz, 1_000_000, 16#ff_ff, $a, $\\n, $\\s, $\\x{41}."),
                     "255\n5\n1295\n1000000\n65535\n97\n10\n32\n65");
}

Test(parser, big_integers_keep_decimal_text) {
    struct ast_module *m;
    struct ast *e = first_expr("123456789012345678901234567890.", &m);
    cr_assert_eq(e->kind, AST_INT);
    cr_assert(e->big);
    cr_assert_str_eq(e->text, "123456789012345678901234567890");
    ast_module_free(m);
    cr_assert_str_eq(exprs("16#FFFFFFFFFFFFFFFFFFFF, -16#8000000000000000, 9223372036854775807."),
                     "1208925819614629174706175\n-9223372036854775808\n9223372036854775807");
    e = first_expr("-16#8000000000000000.", &m);
    cr_assert(e->big, "-2^63 is kept as text (the lexer sees 2^63)");
    ast_module_free(m);
}

Test(parser, floats) {
    struct ast_module *m;
    struct ast *e = first_expr("1.5e3.", &m);
    cr_assert_eq(e->kind, AST_FLOAT);
    cr_assert_float_eq(e->fval, 1500.0, 1e-9);
    ast_module_free(m);
    e = first_expr("2.5E-3.", &m);
    cr_assert_float_eq(e->fval, 0.0025, 1e-12);
    ast_module_free(m);
    e = first_expr("1_0.0_1.", &m);
    cr_assert_float_eq(e->fval, 10.01, 1e-12);
    ast_module_free(m);
}

Test(parser, string_escapes_are_code_points) {
    struct ast_module *m;
    struct ast *e = first_expr("\"a\\b\\d\\e\\f\\n\\r\\s\\t\\v\\\\\\'\\\"\\101\\x41\\x{1F600}\\^a\\q\".", &m);
    cr_assert_eq(e->kind, AST_STRING);
    uint32_t want[] = {'a', 8, 127, 27, 12, 10, 13, 32, 9, 11, '\\', '\'', '"', 65, 65, 0x1F600, 1, 'q'};
    cr_assert_eq(e->nchars, sizeof want / sizeof *want);
    for (uint32_t i = 0; i < e->nchars; i++) cr_assert_eq(e->chars[i], want[i], "char %u", i);
    ast_module_free(m);
}

Test(parser, utf8_source_strings_and_adjacent_concatenation) {
    struct ast_module *m;
    struct ast *e = first_expr("\"h\xc3\xa9\" \"\xe2\x82\xac\".", &m);
    cr_assert_eq(e->nchars, 3);
    cr_assert_eq(e->chars[1], 0xE9);
    cr_assert_eq(e->chars[2], 0x20AC);
    ast_module_free(m);
}

Test(parser, quoted_atoms_and_variables) {
    cr_assert_str_eq(exprs("'hello world', 'a\\nb', foo@bar, _X, _, 'end'."),
                     "'hello world'\n'a\nb'\n'foo@bar'\n_X\n_\n'end'");
}

Test(parser, positions_count_characters_and_tabs_as_one) {
    struct ast_module *m;
    struct ast *e = first_expr("\n\t'\xc3\xa9' + X.", &m);
    cr_assert_eq(e->kind, AST_OP);
    cr_assert_eq(e->line, 2);
    cr_assert_eq(e->col, 6, "op at the '+': col %u", e->col);
    cr_assert_eq(e->a->col, 2);
    cr_assert_eq(e->b->col, 8);
    ast_module_free(m);
}

/* ---- expressions ---- */

Test(parser, precedence_and_associativity) {
    cr_assert_str_eq(exprs("1 + 2 * 3 - 4."), "(- (+ 1 (* 2 3)) 4)");
    cr_assert_str_eq(exprs("A = B = C."), "(= A (= B C))");
    cr_assert_str_eq(exprs("P ! M = X."), "(! P (= M X))");
    cr_assert_str_eq(exprs("a orelse b andalso c."), "(orelse 'a' (andalso 'b' 'c'))");
    cr_assert_str_eq(exprs("A ++ B -- C."), "(++ A (-- B C))");
    cr_assert_str_eq(exprs("X == 1 + 2."), "(== X (+ 1 2))");
    cr_assert_str_eq(exprs("not A and B."), "(and (not A) B)");
    cr_assert_str_eq(exprs("- - 1."), "1");
    cr_assert_str_eq(exprs("-X * 2."), "(* (- X) 2)");
    cr_assert_str_eq(exprs("X = catch 1 + 2."), "(= X (catch (+ 1 2)))");
    cr_assert_str_eq(exprs("A bsl 2 bor 1."), "(bor (bsl A 2) 1)");
    cr_assert_str_eq(exprs("m:f(1)."), "(call (: 'm' 'f') 1)");
}

Test(parser, comparison_is_not_associative) {
    cr_assert_str_eq(exprs("1 < 2 < 3."), "1:7: syntax error before: '<'\n");
}

Test(parser, lists_tuples_maps) {
    cr_assert_str_eq(exprs("[1, 2 | T]."), "(cons 1 (cons 2 T))");
    cr_assert_str_eq(exprs("[]."), "[]");
    cr_assert_str_eq(exprs("{a, {}}."), "(tuple 'a' (tuple))");
    cr_assert_str_eq(exprs("#{a => 1, b => 2}."), "(map (=> 'a' 1) (=> 'b' 2))");
    cr_assert_str_eq(exprs("M#{a := 1}#{b => 2}."), "(mapup (mapup M (:= 'a' 1)) (=> 'b' 2))");
}

Test(parser, records) {
    cr_assert_str_eq(exprs("#r{a = 1, _ = 2}."), "(rec r (a = 1) (_ = 2))");
    cr_assert_str_eq(exprs("X#r.a#s.b."), "(recget (recget X r a) s b)");
    cr_assert_str_eq(exprs("X#r{b = 2}."), "(recup X r (b = 2))");
    cr_assert_str_eq(exprs("#r.f."), "(recidx r f)");
}

Test(parser, binaries_with_segments) {
    cr_assert_str_eq(
        exprs("<<X:8/integer-unit:1-little, \"s\", Y/binary, (N+1):4, -1:8, Z:Sz/utf8>>."),
        "(bin (el X 8 integer unit:1 little) (el \"s\" default) (el Y default binary) "
        "(el (+ N 1) 4) (el -1 8) (el Z Sz utf8))");
    cr_assert_str_eq(exprs("<<>>."), "(bin)");
}

Test(parser, comprehensions) {
    cr_assert_str_eq(exprs("[X || X <- L, X > 1]."), "(lc X (<- X L) (> X 1))");
    cr_assert_str_eq(exprs("<< <<X>> || <<X:8>> <= B >>."),
                     "(bc (bin (el X default)) (<= (bin (el X 8)) B))");
}

Test(parser, funs) {
    cr_assert_str_eq(exprs("fun f/1."), "(funref f 1)");
    cr_assert_str_eq(exprs("fun m:f/2."), "(funref 'm' 'f' 2)");
    cr_assert_str_eq(exprs("fun M:F/A."), "(funref M F A)");
    cr_assert_str_eq(exprs("fun (X) when X > 0 -> 1; (_) -> 2 end."),
                     "(fun (clause ( X) (when (> X 0)) -> 1) (clause ( _) -> 2))");
    cr_assert_str_eq(exprs("fun F(0) -> 1; F(N) -> F(N - 1) end."),
                     "(fun F (clause ( 0) -> 1) (clause ( N) -> (call F (- N 1))))");
    cr_assert_str_eq(exprs("fun F(0) -> 1; G(N) -> 2 end."), "1:16: head mismatch\n");
}

Test(parser, case_if_receive_try) {
    cr_assert_str_eq(exprs("case X of {ok, V} when V > 0; V < 0 -> V; _ -> 0 end."),
                     "(case X (clause ( (tuple 'ok' V)) (when (> V 0)) (when (< V 0)) -> V) "
                     "(clause ( _) -> 0))");
    cr_assert_str_eq(exprs("if X -> 1; true -> 2 end."),
                     "(if (clause () (when X) -> 1) (clause () (when 'true') -> 2))");
    cr_assert_str_eq(exprs("receive a -> 1 after T -> 2 end."),
                     "(receive (clause ( 'a') -> 1) (after T 2))");
    cr_assert_str_eq(exprs("receive after 0 -> ok end."), "(receive (after 0 'ok'))");
    cr_assert_str_eq(
        exprs("try f() of 1 -> a catch X -> X; error:R:S when R > 0 -> S; C:_ -> C after g() end."),
        "(try ( (call 'f')) (of (clause ( 1) -> 'a')) (catch (clause ( 'throw' X _) -> X) "
        "(clause ( 'error' R S) (when (> R 0)) -> S) (clause ( C _ _) -> C)) (after (call 'g')))");
    cr_assert_str_eq(exprs("try a after b end."), "(try ( 'a') (of) (catch) (after 'b'))");
    cr_assert_str_eq(exprs("begin 1, 2 end."), "(block 1 2)");
}

Test(parser, node_positions_follow_erl_parse) {
    struct ast_module *m;
    struct ast *e = first_expr("{A, B} = f(X).", &m);
    cr_assert_eq(e->kind, AST_MATCH);
    cr_assert_eq(e->col, 1, "a match is at its first token");
    cr_assert_eq(e->b->kind, AST_CALL);
    cr_assert_eq(e->b->col, 10, "a call is at its callee");
    ast_module_free(m);
    e = first_expr("  X#r.f.", &m);
    cr_assert_eq(e->col, 4, "record access at the '#'");
    cr_assert_eq(e->fcol, 7, "and its field");
    ast_module_free(m);
}

/* ---- syntax errors (erlc's text and position) ---- */

Test(parser, syntax_error_messages_name_the_token) {
    cr_assert_str_eq(exprs("f(."), "1:3: syntax error before: '.'\n");
    cr_assert_str_eq(exprs("a b."), "1:3: syntax error before: b\n");
    cr_assert_str_eq(exprs("X \"s\"."), "1:3: syntax error before: \"s\"\n");
    cr_assert_str_eq(exprs("1 X."), "1:3: syntax error before: X\n");
    cr_assert_str_eq(exprs("[1 2]."), "1:4: syntax error before: 2\n");
    cr_assert_str_eq(exprs("1 end."), "1:3: syntax error before: 'end'\n");
    cr_assert_str_eq(exprs("1 'B c'."), "1:3: syntax error before: 'B c'\n");
    cr_assert_str_eq(exprs("1 $a."), "1:3: syntax error before: $a\n");
    cr_assert_str_eq(exprs("1 ` 2."), "1:3: syntax error before: '`'\n");
    cr_assert_str_eq(exprs("X = 1"), "1:5: syntax error before: \n");
}

Test(parser, lexical_errors) {
    cr_assert_str_eq(exprs("\"abc"), "1:1: unterminated string starting with \"abc\"\n");
    cr_assert_str_eq(exprs("'abc."), "1:1: unterminated atom starting with 'abc.'\n");
}

/* ---- modules ---- */

static const char *const mod1 =
    "-module(m1).\n"
    "-export([f/1, g/0]).\n"
    "-import(lists, [map/2]).\n"
    "-compile([export_all, {no_auto_import, [size/1]}, {nowarn_unused_function, [h/0]}]).\n"
    "-behaviour(gen_server).\n"
    "-record(r, {a = 1 :: integer(), b, c = {x} :: {atom()} | undefined}).\n"
    "-type t() :: integer().\n"
    "-spec f(t()) -> t().\n"
    "-vsn(\"1.0\").\n"
    "f(X) when X > 0 -> X;\n"
    "f(_) -> 0.\n"
    "g() -> ok.\n";

Test(parser, module_forms) {
    struct ast_module *m;
    cr_assert_str_eq(module_diags(mod1, &m), "");
    cr_assert_not_null(m);
    cr_assert_str_eq(m->name, "m1");
    cr_assert_eq(m->nexports, 2);
    cr_assert_str_eq(m->exports[1].name, "g");
    cr_assert_eq(m->exports[1].line, 2);
    cr_assert_eq(m->exports[1].col, 2);
    cr_assert_eq(m->nimports, 1);
    cr_assert_str_eq(m->imports[0].module, "lists");
    cr_assert(m->export_all);
    cr_assert_eq(m->nno_auto_import, 1);
    cr_assert_str_eq(m->no_auto_import[0].name, "size");
    cr_assert_eq(m->nnowarn_unused, 1);
    cr_assert_eq(m->nbehaviours, 1);
    cr_assert_eq(m->nrecords, 1);
    cr_assert_eq(m->records[0].nfields, 3);
    cr_assert_not_null(m->records[0].fields[0].init);
    cr_assert_null(m->records[0].fields[1].init);
    cr_assert_eq(m->nfunctions, 2);
    cr_assert_eq(m->functions[0].arity, 1);
    cr_assert_eq(m->functions[0].nclauses, 2);
    cr_assert_eq(m->functions[0].line, 10);
    cr_assert_eq(m->ntype_defs, 1);
    cr_assert_eq(m->nspecs, 1);
    bool vsn = false;
    for (uint32_t i = 0; i < m->nattributes; i++)
        if (strcmp(m->attributes[i].name, "vsn") == 0) vsn = true;
    cr_assert(vsn);
    ast_module_free(m);
}

Test(parser, head_mismatch_drops_the_function) {
    struct ast_module *m;
    const char *src = "-module(h).\n-export([f/1]).\nf(X) -> X;\ng(X) -> X.\n";
    cr_assert_str_eq(module_diags(src, &m), "4:1: head mismatch\n2:2: function f/1 undefined\n");
    cr_assert_null(m, "errors: no module");
}

Test(parser, errors_continue_with_the_next_form) {
    const char *src = "-module(e).\n-export([f/0]).\nf() -> 1 end.\ng() -> a b.\nf() -> ok.\n";
    cr_assert_str_eq(module_diags(src, NULL),
                     "3:10: syntax error before: 'end'\n4:10: syntax error before: b\n");
}

Test(parser, missing_final_dot) {
    const char *src = "-module(e).\n-export([f/0]).\nf() -> 1";
    cr_assert_str_eq(module_diags(src, NULL),
                     "3:8: syntax error before: \n2:2: function f/0 undefined\n");
}

Test(parser, bad_export) {
    cr_assert_str_eq(module_diags("-module(e).\n-export([main]).\n", NULL),
                     "2:9: bad Name/Arity\n");
}

/* ---- preprocessor ---- */

Test(parser, macros) {
    struct ast_module *m;
    const char *src =
        "-module(mac).\n-export([f/1]).\n"
        "-define(ONE, 1).\n"
        "-define(ADD(A, B), A + B).\n"
        "-define(ADD(A), A + ?ONE).\n"
        "-define(STR(X), ??X).\n"
        "-define(EMPTY(), empty).\n"
        "f(X) -> {?ADD(X, 2), ?ADD(X), ?STR(a + {b, \"c\"}), ?MODULE, ?MODULE_STRING, ?LINE,\n"
        "         ?FUNCTION_NAME, ?FUNCTION_ARITY, ?EMPTY(), ?MACHINE, ?OTP_RELEASE, ?FILE}.\n";
    cr_assert_str_eq(module_diags(src, &m), "");
    cr_assert_str_eq(body_of(m, 0),
                     "(tuple (+ X 2) (+ X 1) \"a + { b , \"c\" }\" 'mac' \"mac\" 8 'f' 1 'empty' "
                     "'BEAM' 25 \"t.erl\")");
    ast_module_free(m);
}

Test(parser, nested_macros_and_parenthesised_args) {
    struct ast_module *m;
    const char *src = "-module(n).\n-export([f/0]).\n"
                      "-define(SQ(X), (X) * (X)).\n"
                      "-define(PAIR(A, B), {A, B}).\n"
                      "f() -> ?PAIR(?SQ(1 + 2), [3, 4]).\n";
    cr_assert_str_eq(module_diags(src, &m), "");
    cr_assert_str_eq(body_of(m, 0),
                     "(tuple (* (+ 1 2) (+ 1 2)) (cons 3 (cons 4 [])))");
    ast_module_free(m);
}

Test(parser, macro_errors) {
    const char *src = "-module(p).\n-export([f/0]).\n-define(A(X), X).\n"
                      "f() -> ?B.\ng() -> ?A.\nh() -> ?C(1).\n-define(A(Y), Y).\n";
    cr_assert_str_eq(module_diags(src, NULL),
                     "4:9: undefined macro 'B'\n5:9: argument mismatch for macro 'A'\n"
                     "6:9: undefined macro 'C/1'\n7:9: redefining macro 'A'\n"
                     "2:2: function f/0 undefined\n");
}

Test(parser, conditionals) {
    struct ast_module *m;
    const char *src = "-module(c).\n-export([f/0]).\n-define(DEBUG, true).\n"
                      "-ifdef(DEBUG).\nf() -> debug.\n-else.\nf() -> nodebug.\n-endif.\n"
                      "-ifndef(DEBUG).\ng() -> x.\n-endif.\n"
                      "-if(?OTP_RELEASE >= 25 andalso not defined(NOPE)).\nh() -> yes.\n"
                      "-elif(true).\nh() -> no.\n-else.\nh() -> never.\n-endif.\n"
                      "-undef(DEBUG).\n-ifdef(DEBUG).\nk() -> k.\n-endif.\n";
    cr_assert_str_eq(module_diags(src, &m), "");
    cr_assert_eq(m->nfunctions, 2);
    cr_assert_str_eq(body_of(m, 0), "'debug'");
    cr_assert_str_eq(m->functions[1].name, "h");
    cr_assert_str_eq(body_of(m, 1), "'yes'");
    ast_module_free(m);
}

Test(parser, conditional_errors) {
    const char *src = "-module(c).\n-ifdef(X).\n-else.\n-else.\n-endif.\n-endif.\n-ifdef(Y).\n";
    cr_assert_str_eq(module_diags(src, NULL),
                     "4:2: repeated '-else'\n6:2: unbalanced '-endif'\n8:1: unterminated '-ifdef'\n");
}

Test(parser, includes) {
    char dir[] = "/tmp/moat_inc_XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char path[256], src_path[256];
    snprintf(path, sizeof path, "%s/defs.hrl", dir);
    FILE *f = fopen(path, "w");
    fputs("-define(GREETING, hello).\n-record(pt, {x = 0, y = 0}).\n", f);
    fclose(f);
    snprintf(src_path, sizeof src_path, "%s/inc.erl", dir);
    const char *src = "-module(inc).\n-export([f/0]).\n-include(\"defs.hrl\").\n"
                      "-include(\"missing.hrl\").\nf() -> {?GREETING, #pt{}}.\n";
    struct diags d = {0};
    struct ast_module *m = compile_parse(src_path, src, strlen(src), NULL, &d);
    cr_assert_null(m);
    cr_assert_eq(d.count, 1);
    cr_assert_str_eq(d.items[0].message, "can't find include file \"missing.hrl\"");
    cr_assert_eq(d.items[0].line, 4);
    cr_assert_eq(d.items[0].col, 10);
    diags_free(&d);
    const char *ok = "-module(inc).\n-export([f/0]).\n-include(\"defs.hrl\").\n"
                     "f() -> {?GREETING, #pt{}}.\n";
    m = compile_parse(src_path, ok, strlen(ok), NULL, &d);
    cr_assert_not_null(m);
    cr_assert_eq(m->nrecords, 1);
    cr_assert_str_eq(body_of(m, 0), "(tuple 'hello' (rec pt))");
    ast_module_free(m);
    diags_free(&d);
    unlink(path);
    rmdir(dir);
}

Test(parser, include_lib_uses_stdlib_include) {
    char dir[] = "/tmp/moat_lib_XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char sub[300], path[400];
    snprintf(sub, sizeof sub, "%s/include", dir);
    mkdir(sub, 0755);
    snprintf(path, sizeof path, "%s/x.hrl", sub);
    FILE *f = fopen(path, "w");
    fputs("-define(X, 42).\n", f);
    fclose(f);
    struct compile_opts o = {.stdlib_include = dir};
    const char *src = "-module(il).\n-export([f/0]).\n-include_lib(\"stdlib/include/x.hrl\").\n"
                      "f() -> ?X.\n";
    struct diags d = {0};
    struct ast_module *m = compile_parse("il.erl", src, strlen(src), &o, &d);
    cr_assert_not_null(m);
    cr_assert_str_eq(body_of(m, 0), "42");
    ast_module_free(m);
    diags_free(&d);
    unlink(path);
    rmdir(sub);
    rmdir(dir);
}

Test(parser, command_line_defines) {
    const char *defs[] = {"FLAG", "N=7"};
    struct compile_opts o = {.defines = defs, .ndefines = 2};
    const char *src = "-module(d).\n-export([f/0]).\n-ifdef(FLAG).\nf() -> ?N.\n-endif.\n";
    struct diags d = {0};
    struct ast_module *m = compile_parse("d.erl", src, strlen(src), &o, &d);
    cr_assert_not_null(m);
    cr_assert_str_eq(body_of(m, 0), "7");
    ast_module_free(m);
    diags_free(&d);
}

Test(parser, large_module_parses) {
    /* 10,000 lines: linear time and memory (timing is for bench/, not here) */
    struct strbuf sb = STRBUF_INIT;
    sb_puts(&sb, "-module(big).\n-export([f0/1]).\n");
    for (int i = 0; i < 5000; i++) {
        sb_printf(&sb, "f%d(X) when X > %d -> [X, {ok, \"s%d\"} | f%d(X - 1)];\n", i, i, i,
                  i + 1);
        sb_printf(&sb, "f%d(_) -> [].\n", i);
    }
    sb_puts(&sb, "f5000(_) -> [].\n");
    struct diags d = {0};
    struct ast_module *m = compile_parse("big.erl", sb.data, sb.len, NULL, &d);
    cr_assert_not_null(m);
    cr_assert_eq(m->nfunctions, 5001);
    cr_assert(compile_lint(m, &d));
    cr_assert_eq(d.count, 0);
    ast_module_free(m);
    diags_free(&d);
    sb_free(&sb);
}

Test(parser, garbage_input_never_crashes) {
    /* every prefix of a module, and some bytes that are not Erlang */
    const char *src = "-module(g).\n-export([f/1]).\n-define(M(X), {X, ??X}).\n"
                      "f(<<A:8, B/binary>>) when A > 0 -> #{a => [B || _ <- \"x\"]};\n"
                      "f(X) -> try ?M(X) of _ -> 'q\\x{41}' catch _:_ -> $\\^a end.\n";
    size_t n = strlen(src);
    for (size_t len = 0; len <= n; len++) {
        struct diags d = {0};
        struct ast_module *m = compile_parse("g.erl", src, len, NULL, &d);
        if (m) compile_lint(m, &d);
        ast_module_free(m);
        diags_free(&d);
    }
    const char junk[] = "\xff\xfe\x00?\?'\"\\$#<<>>.-(";
    struct diags d = {0};
    struct ast_module *m = compile_parse("j.erl", junk, sizeof junk - 1, NULL, &d);
    cr_assert_null(m);
    cr_assert_gt(d.errors, 0);
    diags_free(&d);
}
