/*
 * bif_logger.c — the logger's primary level and its time stamp, the two
 * facts that the Erlang logger (stdlib/logger.erl) and the C reports
 * (crash of a spawned process, max_heap_size kill) share.
 *
 * The level is one atomic int that any thread reads; logger:
 * set_primary_config(level, L) writes it. format_exception/3 lends
 * proc_lib's crash report the text of vm/error.c's uncaught exceptions. Both kinds of report go to
 * stderr (docs/deviations.md) with erl's "=KIND REPORT==== time ===" line.
 */
#include <stdatomic.h>
#include <string.h>

#include "atom.h"
#include "bif.h"
#include "error.h"
#include "heap.h"
#include "node.h"
#include "print.h"
#include "scheduler.h"
#include "strbuf.h"

/* Severities in erl's order: a level lets through itself and what is
   more severe. none is below them all, all lets everything through. */
static const char *const level_names[] = {"emergency", "alert", "critical", "error",
                                          "warning",   "notice", "info",     "debug"};
#define LEVEL_NONE (-1)
#define LEVEL_ALL 8

bool logger_allows(int severity) { return severity <= atomic_load_explicit(&node_cur()->log_level, memory_order_relaxed); }

static int level_of(term t) {
    if (!term_is_atom(t)) return -2;
    size_t len;
    const char *s = atom_text(term_to_atom(t), &len);
    if (len == 4 && memcmp(s, "none", 4) == 0) return LEVEL_NONE;
    if (len == 3 && memcmp(s, "all", 3) == 0) return LEVEL_ALL;
    for (int i = 0; i <= LOG_DEBUG; i++)
        if (strlen(level_names[i]) == len && memcmp(level_names[i], s, len) == 0) return i;
    return -2;
}

/* moat_logger:level() -> the primary level. */
term bif_moat_logger_level_0(struct proc *p, term *args) {
    (void)p, (void)args;
    int l = atomic_load_explicit(&node_cur()->log_level, memory_order_relaxed);
    if (l == LEVEL_NONE) return atom_term("none", 4);
    if (l == LEVEL_ALL) return atom_term("all", 3);
    return atom_term(level_names[l], strlen(level_names[l]));
}

/* moat_logger:set_level(L) -> ok; badarg for a level erl does not know. */
term bif_moat_logger_set_level_1(struct proc *p, term *args) {
    int l = level_of(args[0]);
    if (l == -2) return raise_badarg(p);
    atomic_store_explicit(&node_cur()->log_level, l, memory_order_relaxed);
    return AM(ok);
}

/* moat_logger:allows(L) -> whether an event of level L passes. */
term bif_moat_logger_allows_1(struct proc *p, term *args) {
    int l = level_of(args[0]);
    if (l < 0 || l == LEVEL_ALL) return raise_badarg(p);
    return logger_allows(l) ? AM(true) : AM(false);
}

/* moat_logger:timestamp() -> "7-Dec-2026::01:41:54.421627" */
term bif_moat_logger_timestamp_0(struct proc *p, term *args) {
    (void)args;
    struct strbuf sb = STRBUF_INIT;
    error_report_time(&sb);
    if (sb.failed) {
        sb_free(&sb);
        return raise_system_limit(p);
    }
    size_t n = sb.len;
    if (!heap_ensure_free(p, n * CONS_WORDS)) {
        sb_free(&sb);
        return raise_system_limit(p);
    }
    term *hp = heap_take(p, n * CONS_WORDS);
    term first = n ? term_from_list_ptr(hp) : TERM_NIL;
    for (size_t i = 0; i < n; i++, hp += CONS_WORDS) {
        hp[0] = term_from_small((unsigned char)sb.data[i]);
        hp[1] = i + 1 < n ? term_from_list_ptr(hp + CONS_WORDS) : TERM_NIL;
    }
    sb_free(&sb);
    return first;
}

/* moat_logger:format_exception(Class, Reason, Stack) -> binary: the text
   moat prints for an uncaught exception, without its "moat: " prefix. */
term bif_moat_logger_format_exception_3(struct proc *p, term *args) {
    term cls = args[0];
    if (cls != AM(error) && cls != AM(exit) && cls != AM(throw)) return raise_badarg(p);
    struct strbuf sb = STRBUF_INIT;
    error_format_exception(&sb, cls, args[1], args[2]);
    if (sb.failed) {
        sb_free(&sb);
        return raise_system_limit(p);
    }
    term bin = fmt_make_binary(p, sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    return bin;
}
