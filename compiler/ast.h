/*
 * ast.h — the abstract syntax of an Erlang module, after preprocessing.
 *
 * The parser (compiler/parser.c) builds it; the linter (compiler/lint.c)
 * checks it; lowering (compiler/codegen.c) turns it into a gen_module.
 * Macros, -include and -ifdef are gone by now (compiler/preproc.c);
 * records are still records (lowering expands them using the module's
 * record definitions, so errors can name them).
 *
 * Every node and every array hangs off the module's arena: nothing is
 * freed on its own; ast_module_free frees it all.
 *
 * Positions: line and col are 1-based, col counts characters (as erlc).
 */
#ifndef MOAT_AST_H
#define MOAT_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

enum ast_kind {
    /* constants */
    AST_INT,    /* .ival, or when .big is set, .text holds the decimal digits
                   (with a leading '-' if negative): too big for int64 */
    AST_FLOAT,  /* .fval */
    AST_ATOM,   /* .name, .len (UTF-8) */
    AST_STRING, /* .chars[.nchars] code points ("abc" is [97,98,99]) */
    AST_NIL,    /* [] */
    AST_VAR,    /* .name, .len; "_" is the anonymous variable */

    /* compound terms (also patterns) */
    AST_CONS,       /* [.a | .b] */
    AST_TUPLE,      /* {.items} */
    AST_MAP,        /* #{.items}: items are AST_MAP_ASSOC / AST_MAP_EXACT */
    AST_MAP_UPDATE, /* .a#{.items} */
    AST_MAP_ASSOC,  /* .a => .b */
    AST_MAP_EXACT,  /* .a := .b (in patterns: the only form) */
    AST_BIN,        /* <<.items>>: items are AST_BIN_ELEMENT */
    AST_BIN_ELEMENT,/* .a value, .b size or NULL, .types[.ntypes] type specifiers
                       ("integer", "little", "signed", "unit:8" is name "unit"
                       with .unit set, ...) */

    /* records (expanded by lowering) */
    AST_RECORD,        /* #.name{.items}: items are AST_RECORD_FIELD */
    AST_RECORD_UPDATE, /* .a#.name{.items} */
    AST_RECORD_FIELD,  /* .field = .a ; field "_" sets all others (pattern or
                          creation: `_ = Expr`) */
    AST_RECORD_ACCESS, /* .a#.name.field */
    AST_RECORD_INDEX,  /* #.name.field (an integer) */

    /* expressions */
    AST_MATCH,   /* .a = .b  (pattern = expression; also in patterns: alias) */
    AST_OP,      /* .a .op .b : op is one of the operator spellings
                    "+" "-" "*" "/" "div" "rem" "band" "bor" "bxor" "bsl" "bsr"
                    "and" "or" "xor" "andalso" "orelse" "==" "/=" "=<" "<" ">="
                    ">" "=:=" "=/=" "++" "--" "!" */
    AST_UNOP,    /* .op .a : "-" "+" "not" "bnot" */
    AST_CALL,    /* .a(.items): .a is AST_ATOM (local or auto-imported BIF),
                    AST_REMOTE (m:f), or any expression (a fun) */
    AST_REMOTE,  /* .a:.b  (only as the callee of a call) */
    AST_FUN_REF, /* fun .name/.arity (local), or, when .a is set,
                    fun .a:.b/.c  (module, function, arity expressions) */
    AST_FUN,     /* fun .clauses end; a named fun has .name set (the variable) */
    AST_CASE,    /* case .a of .clauses end */
    AST_IF,      /* if .clauses end (clauses have guards only) */
    AST_RECEIVE, /* receive .clauses after .after -> .after_body end;
                    .after is NULL when there is no after */
    AST_TRY,     /* try .body of .clauses catch .catch_clauses after .after_body end */
    AST_CATCH,   /* catch .a */
    AST_BLOCK,   /* begin .body end */
    AST_LC,      /* [.a || .items]: items are AST_GENERATE, AST_BGENERATE or filters */
    AST_BC,      /* <<.a || .items>> */
    AST_GENERATE,  /* .a <- .b */
    AST_BGENERATE, /* .a <= .b */
};

struct ast;

/* A guard sequence G1; G2; ... where each Gi is E1, E2, ... */
struct ast_guard {
    struct ast **tests;
    uint32_t ntests;
};

struct ast_clause {
    uint32_t line, col;
    /* function heads: the arguments; case/receive/of: one pattern; if: none;
       catch clauses: three: class (atom or var; `throw` when omitted),
       reason, stacktrace variable (AST_VAR "_" when omitted). */
    struct ast **patterns;
    uint32_t npatterns;
    struct ast_guard *guards; /* alternatives (;) */
    uint32_t nguards;
    struct ast **body;
    uint32_t nbody;
};

struct ast_type_spec {
    const char *name; /* "integer" "float" "binary" "bytes" "bitstring" "bits"
                         "utf8" "utf16" "utf32" "signed" "unsigned" "big"
                         "little" "native" "unit" */
    uint32_t unit;    /* for "unit" */
};

struct ast {
    enum ast_kind kind;
    uint32_t line, col;
    /* payload: which fields are used depends on kind (see above) */
    struct ast *a, *b, *c;
    struct ast **items;
    uint32_t nitems;
    const char *name; /* atoms, variables, records (record name), named funs */
    uint32_t len;     /* byte length of name */
    const char *field; /* record field name */
    const char *op;
    int64_t ival;
    bool big;
    const char *text; /* decimal digits of a big integer */
    double fval;
    uint32_t *chars;  /* AST_STRING */
    uint32_t nchars;
    uint32_t arity;   /* AST_FUN_REF local */
    struct ast_type_spec *types;
    uint32_t ntypes;
    struct ast_clause *clauses;
    uint32_t nclauses;
    struct ast_clause *catch_clauses;
    uint32_t ncatch_clauses;
    struct ast **body; /* AST_TRY body, AST_BLOCK body */
    uint32_t nbody;
    struct ast *after; /* AST_RECEIVE timeout expression */
    struct ast **after_body; /* AST_RECEIVE after body, AST_TRY after body */
    uint32_t nafter_body;
    /* added by the front end: position of .field in AST_RECORD_ACCESS and
       AST_RECORD_INDEX (line/col are the '#') */
    uint32_t fline, fcol;
    /* added by lowering: an AST_CALL of a function it lifted (a
       comprehension's), by its name in .a */
    bool lifted;
};

struct ast_function {
    const char *name;
    uint32_t arity;
    uint32_t line, col;
    struct ast_clause *clauses;
    uint32_t nclauses;
};

struct ast_record_field {
    const char *name;
    uint32_t line, col;
    struct ast *init; /* default value, or NULL (undefined) */
};

struct ast_record_def {
    const char *name;
    uint32_t line, col;
    bool included; /* defined in an included file: never reported unused */
    struct ast_record_field *fields;
    uint32_t nfields;
};

struct ast_fa {
    const char *name;
    uint32_t arity;
    uint32_t line, col;
};

struct ast_import {
    const char *module;
    struct ast_fa fa;
};

/* Any other attribute -Name(Term). kept for module_info(attributes). */
struct ast_attribute {
    const char *name;
    uint32_t line, col;
    struct ast *value; /* a constant term */
};

/* Types are not lowered; the parser keeps just what erlc's checks need. */
struct ast_type_def { /* -type / -opaque name(Vars) :: ... */
    const char *name;
    uint32_t arity;
    uint32_t line, col;
    bool opaque;
};

struct ast_type_ref { /* a use of a local type name(...) or a record #name{} in a type */
    const char *name;
    uint32_t arity;
    uint32_t line, col;
    bool record;
};

struct ast_module {
    struct arena *arena;
    const char *file; /* the file name as given (for messages and ?FILE) */
    const char *name; /* -module */
    uint32_t line;    /* of -module */
    bool export_all;  /* -compile(export_all) or -compile([export_all]) */
    struct ast_fa *exports;
    uint32_t nexports;
    struct ast_import *imports;
    uint32_t nimports;
    struct ast_function *functions; /* in source order */
    uint32_t nfunctions;
    struct ast_record_def *records;
    uint32_t nrecords;
    struct ast_attribute *attributes;
    uint32_t nattributes;
    const char **behaviours;
    uint32_t nbehaviours;
    struct ast_fa *nowarn_unused; /* -compile({nowarn_unused_function, [...]}) */
    uint32_t nnowarn_unused;
    bool nowarn_unused_vars;
    bool nowarn_format; /* -compile(nowarn_format): no check of io:format strings */
    /* added by the front end: */
    bool nowarn_unused_all; /* -compile(nowarn_unused_function) */
    /* -compile({no_auto_import, [f/1, ...]}): these local names are NOT the
       auto-imported erlang BIFs; a call f(...) is a local call (lint
       requires a local definition). no_auto_import_all: for every BIF. */
    struct ast_fa *no_auto_import;
    uint32_t nno_auto_import;
    bool no_auto_import_all;
    struct ast_type_def *type_defs;
    uint32_t ntype_defs;
    struct ast_type_ref *type_refs; /* from types, specs, callbacks, record fields */
    uint32_t ntype_refs;
    struct ast_fa *specs; /* -spec name/arity, at the attribute */
    uint32_t nspecs;
    /* attributes that came after the first function (erl_lint rejects most):
       name in .name, position of the attribute; .arity unused */
    struct ast_fa *late_attributes;
    uint32_t nlate_attributes;
};

void ast_module_free(struct ast_module *m);

#endif
