/*
 * bif_erlang2.c — erlang module BIFs about the system: time (system,
 * monotonic, offset, unit conversion, timestamp, calendar), references,
 * unique integers, node/0,1, nodes/0,1,2, is_alive/0, get_cookie/0,
 * ports/0, system_info/1, the text forms of pids, ports, refs and funs
 * (pid_to_list/1, list_to_pid/1 and the like), now/0; os:timestamp/0 and
 * os:system_time/0,1.
 *
 * Native time unit is the nanosecond (as erl on Linux). Conversions
 * between units floor, as erl's do. make_ref and unique_integer share one
 * global atomic counter each, so values are unique across every process
 * and scheduler thread. Nothing here keeps per-process state.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atom.h"
#include "bif.h"
#include "bignum.h"
#include "error.h"
#include "ets.h"
#include "heap.h"
#include "map.h"
#include "print.h"
#include "ptab.h"
#include "scheduler.h"
#include "strbuf.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

#define NATIVE_PER_SECOND INT64_C(1000000000)

/* ---- time units ------------------------------------------------------------ */

/* Parts per second of a time unit term, or 0 if it is not one. */
static int64_t unit_parts(term u) {
    if (term_is_small(u)) return term_to_small(u) > 0 ? term_to_small(u) : 0;
    if (u == AM(second) || u == AM(seconds)) return 1;
    if (u == AM(millisecond) || u == AM(milli_seconds)) return 1000;
    if (u == AM(microsecond) || u == AM(micro_seconds)) return 1000000;
    if (u == AM(nanosecond) || u == AM(nano_seconds) || u == AM(native) || u == AM(perf_counter))
        return NATIVE_PER_SECOND;
    return 0;
}

/* floor(v * to / from) as an integer term (may be a bignum). */
static term convert(struct proc *p, int64_t v, int64_t from, int64_t to) {
    __int128 x = (__int128)v * to;
    __int128 q = x / from;
    if (x % from != 0 && (x < 0) != (from < 0)) q--;
    if (!heap_ensure_free(p, BIG_WORDS(2))) return raise_system_limit(p);
    term *hp = p->htop;
    bool neg = q < 0;
    unsigned __int128 mag = neg ? -(unsigned __int128)q : (unsigned __int128)q;
    uint64_t limbs[2] = {(uint64_t)mag, (uint64_t)(mag >> 64)};
    term r = big_from_limbs(neg, limbs, 2, &hp);
    p->htop = hp;
    return r;
}

static int64_t clock_ns(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * NATIVE_PER_SECOND + ts.tv_nsec;
}

static term time_in(struct proc *p, int64_t ns, term unit) {
    int64_t parts = unit_parts(unit);
    if (!parts) return raise_badarg(p);
    return convert(p, ns, NATIVE_PER_SECOND, parts);
}

term bif_erlang_system_time_0(struct proc *p, term *args) {
    (void)args;
    return convert(p, clock_ns(CLOCK_REALTIME), 1, 1);
}
term bif_erlang_system_time_1(struct proc *p, term *args) { return time_in(p, clock_ns(CLOCK_REALTIME), args[0]); }
term bif_erlang_monotonic_time_0(struct proc *p, term *args) {
    (void)args;
    return convert(p, clock_ns(CLOCK_MONOTONIC), 1, 1);
}
term bif_erlang_monotonic_time_1(struct proc *p, term *args) { return time_in(p, clock_ns(CLOCK_MONOTONIC), args[0]); }
term bif_erlang_time_offset_0(struct proc *p, term *args) {
    (void)args;
    return convert(p, clock_ns(CLOCK_REALTIME) - clock_ns(CLOCK_MONOTONIC), 1, 1);
}
term bif_erlang_time_offset_1(struct proc *p, term *args) {
    return time_in(p, clock_ns(CLOCK_REALTIME) - clock_ns(CLOCK_MONOTONIC), args[0]);
}

term bif_erlang_convert_time_unit_3(struct proc *p, term *args) {
    int64_t from = unit_parts(args[1]), to = unit_parts(args[2]), v;
    if (!from || !to || !term_is_integer(args[0]) || !int_to_int64(args[0], &v)) return raise_badarg(p);
    return convert(p, v, from, to);
}

static term tuple3(term **hp, term a, term b, term c) {
    term *t = *hp;
    t[0] = make_header(SUB_TUPLE, 3);
    t[1] = a;
    t[2] = b;
    t[3] = c;
    *hp += TUPLE_WORDS(3);
    return term_from_boxed_ptr(t);
}

/* {MegaSecs, Secs, MicroSecs} of a time in microseconds */
static term timestamp_of(struct proc *p, int64_t us) {
    if (!heap_ensure_free(p, TUPLE_WORDS(3))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(3));
    return tuple3(&hp, term_from_small(us / 1000000000000), term_from_small(us / 1000000 % 1000000),
                  term_from_small(us % 1000000));
}

term bif_erlang_timestamp_0(struct proc *p, term *args) {
    (void)args;
    return timestamp_of(p, clock_ns(CLOCK_REALTIME) / 1000);
}

/* now/0: timestamp/0, but each call's value is greater than the last
   one's on this node (as erl's: a unique, increasing time). */
term bif_erlang_now_0(struct proc *p, term *args) {
    (void)args;
    static _Atomic int64_t last;
    int64_t us = clock_ns(CLOCK_REALTIME) / 1000, prev = atomic_load(&last), t;
    do t = us > prev ? us : prev + 1;
    while (!atomic_compare_exchange_weak(&last, &prev, t));
    return timestamp_of(p, t);
}

term bif_os_system_time_0(struct proc *p, term *args) { return bif_erlang_system_time_0(p, args); }
term bif_os_system_time_1(struct proc *p, term *args) { return bif_erlang_system_time_1(p, args); }
term bif_os_timestamp_0(struct proc *p, term *args) { return bif_erlang_timestamp_0(p, args); }

/* ---- calendar -------------------------------------------------------------- */

enum { CAL_DATETIME, CAL_DATE, CAL_TIME };

static term calendar(struct proc *p, bool local, int what) {
    time_t now = time(NULL);
    struct tm tm;
    if (!(local ? localtime_r(&now, &tm) : gmtime_r(&now, &tm))) return raise_badarg(p);
    if (!heap_ensure_free(p, 2 * TUPLE_WORDS(3) + TUPLE_WORDS(2))) return raise_system_limit(p);
    term *hp = heap_take(p, 2 * TUPLE_WORDS(3) + TUPLE_WORDS(2));
    term date = tuple3(&hp, term_from_small(tm.tm_year + 1900), term_from_small(tm.tm_mon + 1),
                       term_from_small(tm.tm_mday));
    if (what == CAL_DATE) return date;
    term tod = tuple3(&hp, term_from_small(tm.tm_hour), term_from_small(tm.tm_min), term_from_small(tm.tm_sec));
    if (what == CAL_TIME) return tod;
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = date;
    hp[2] = tod;
    return term_from_boxed_ptr(hp);
}

term bif_erlang_localtime_0(struct proc *p, term *args) { return (void)args, calendar(p, true, CAL_DATETIME); }
term bif_erlang_universaltime_0(struct proc *p, term *args) { return (void)args, calendar(p, false, CAL_DATETIME); }
term bif_erlang_date_0(struct proc *p, term *args) { return (void)args, calendar(p, true, CAL_DATE); }
term bif_erlang_time_0(struct proc *p, term *args) { return (void)args, calendar(p, true, CAL_TIME); }

/* ---- references and unique integers ---------------------------------------- */

static _Atomic uint64_t ref_counter;
static _Atomic uint64_t unique_counter;

uint64_t ref_new_number(void) { return atomic_fetch_add(&ref_counter, 1) + 1; }

term bif_erlang_make_ref_0(struct proc *p, term *args) {
    (void)args;
    if (!heap_ensure_free(p, REF_WORDS)) return raise_system_limit(p);
    uint64_t n = ref_new_number();
    return ref_store(heap_take(p, REF_WORDS), n);
}

term bif_erlang_unique_integer_0(struct proc *p, term *args) {
    (void)p, (void)args;
    /* erl's first value is -2^59 + 1; all of ours stay small integers */
    uint64_t n = atomic_fetch_add(&unique_counter, 1);
    return term_from_small(SMALL_MIN + 1 + (int64_t)(n % (UINT64_C(1) << 59)));
}

term bif_erlang_unique_integer_1(struct proc *p, term *args) {
    bool positive = false;
    term l = args[0];
    for (; term_is_list(l); l = CDR(l)) {
        if (CAR(l) == AM(positive))
            positive = true;
        else if (CAR(l) != AM(monotonic))
            return raise_badarg(p);
    }
    if (l != TERM_NIL) return raise_badarg(p);
    uint64_t n = atomic_fetch_add(&unique_counter, 1);
    if (positive) return term_from_small((int64_t)(n % (uint64_t)SMALL_MAX) + 1);
    return term_from_small(SMALL_MIN + 1 + (int64_t)(n % (UINT64_C(1) << 59)));
}

/* ---- node and system_info -------------------------------------------------- */

term bif_erlang_node_0(struct proc *p, term *args) {
    (void)p, (void)args;
    return AM(nonode_at_nohost);
}

term bif_erlang_node_1(struct proc *p, term *args) {
    term t = args[0];
    if (term_is_pid(t) || term_is_port(t) || term_is_ref(t) || term_is_boxed_sub(t, SUB_EXT_REF))
        return AM(nonode_at_nohost);
    return raise_badarg(p);
}

/* Moat has no ports: none is open */
term bif_erlang_ports_0(struct proc *p, term *args) {
    (void)p, (void)args;
    return TERM_NIL;
}

term bif_erlang_get_cookie_0(struct proc *p, term *args) {
    (void)p, (void)args;
    return atom_term("nocookie", 8);
}

static term string_term(struct proc *p, const char *s) {
    size_t n = strlen(s);
    if (!heap_ensure_free(p, n * CONS_WORDS)) return raise_system_limit(p);
    term *hp = heap_take(p, n * CONS_WORDS);
    term l = TERM_NIL;
    for (size_t i = n; i-- > 0; hp += CONS_WORDS) l = cons_store(hp, term_from_small((unsigned char)s[i]), l);
    return l;
}

static bool is_atom_named(term t, const char *name) { return t == atom_term(name, strlen(name)); }

#if defined(__x86_64__)
#define ARCHITECTURE "x86_64-pc-linux-gnu"
#elif defined(__aarch64__)
#define ARCHITECTURE "aarch64-unknown-linux-gnu"
#else
#define ARCHITECTURE "unknown-linux-gnu"
#endif

/* The rest of system_info/1: what a Moat node can answer truthfully
   (no dirty schedulers and no ports: their counts are 0). */
static term system_info_more(struct proc *p, term it) {
    if (is_atom_named(it, "scheduler_id")) return term_from_small(sched_self_id() ? sched_self_id() : 1);
    if (is_atom_named(it, "system_version")) {
        char v[160];
        unsigned n = sched_count() ? sched_count() : 1;
        snprintf(v, sizeof v, "Moat %s (Erlang/OTP 25) [64-bit] [smp:%u:%u] [emu]\n", PACKAGE_VERSION, n, n);
        return string_term(p, v);
    }
    if (is_atom_named(it, "system_architecture")) return string_term(p, ARCHITECTURE);
    if (is_atom_named(it, "smp_support") || is_atom_named(it, "threads") || is_atom_named(it, "kernel_poll"))
        return AM(true);
    if (is_atom_named(it, "multi_scheduling")) return atom_term("enabled", 7);
    if (is_atom_named(it, "heap_type")) return atom_term("private", 7);
    if (is_atom_named(it, "emu_flavor")) return atom_term("emu", 3);
#ifdef MOAT_DEBUG
    if (is_atom_named(it, "emu_type") || is_atom_named(it, "build_type")) return atom_term("debug", 5);
    if (is_atom_named(it, "debug_compiled")) return AM(true);
#else
    if (is_atom_named(it, "emu_type") || is_atom_named(it, "build_type")) return atom_term("opt", 3);
    if (is_atom_named(it, "debug_compiled")) return AM(false);
#endif
    if (is_atom_named(it, "time_warp_mode")) return atom_term("no_time_warp", 12);
    if (is_atom_named(it, "compat_rel")) return term_from_small(25);
    if (is_atom_named(it, "creation")) return term_from_small(0);
    if (is_atom_named(it, "dirty_cpu_schedulers") || is_atom_named(it, "dirty_cpu_schedulers_online") ||
        is_atom_named(it, "dirty_io_schedulers") || is_atom_named(it, "port_count"))
        return term_from_small(0);
    if (is_atom_named(it, "ets_count")) return term_from_small((int64_t)ets_table_count());
    if (is_atom_named(it, "logical_processors_available") || is_atom_named(it, "logical_processors_online")) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        return n > 0 ? term_from_small(n) : AM(unknown);
    }
    return raise_badarg(p);
}

term bif_erlang_system_info_1(struct proc *p, term *args) {
    term it = args[0];
    if (it == AM(otp_release)) return string_term(p, "25");
    if (it == AM(version)) return string_term(p, "13.1.5");
    if (it == AM(machine)) return string_term(p, "BEAM");
    if (it == AM(wordsize)) return term_from_small(8);
    if (term_is_tuple(it) && tuple_arity(it) == 2 && tuple_elems(it)[0] == AM(wordsize) &&
        (tuple_elems(it)[1] == AM(internal) || tuple_elems(it)[1] == AM(external)))
        return term_from_small(8);
    if (it == AM(schedulers) || it == AM(schedulers_online))
        return term_from_small(sched_count() ? sched_count() : 1);
    if (it == AM(logical_processors)) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        return n > 0 ? term_from_small(n) : AM(unknown);
    }
    if (it == AM(process_limit)) return term_from_small(ptab_limit());
    if (it == AM(process_count)) return term_from_small(ptab_count());
    if (it == AM(atom_limit)) return term_from_small(1048576);
    if (it == AM(atom_count)) return term_from_small(atom_count());
    return system_info_more(p, it);
}

/* ---- pids, ports, refs and funs as text ------------------------------------ */

/* As ~w writes it, as a string; badarg unless ok. */
static term text_of(struct proc *p, term t, bool ok) {
    if (!ok) return raise_badarg(p);
    struct strbuf sb = STRBUF_INIT;
    print_term(&sb, t, -1);
    term r = sb.failed ? raise_system_limit(p) : fmt_make_unicode(p, sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    return r;
}

term bif_erlang_pid_to_list_1(struct proc *p, term *args) { return text_of(p, args[0], term_is_pid(args[0])); }
term bif_erlang_port_to_list_1(struct proc *p, term *args) { return text_of(p, args[0], term_is_port(args[0])); }
term bif_erlang_ref_to_list_1(struct proc *p, term *args) {
    return text_of(p, args[0], term_is_ref(args[0]) || term_is_boxed_sub(args[0], SUB_EXT_REF));
}
term bif_erlang_fun_to_list_1(struct proc *p, term *args) { return text_of(p, args[0], term_is_fun(args[0])); }

/* The text of a flat list of characters into buf (NUL-terminated); false
   if it is not one or is longer than the buffer. */
static bool short_text(term t, char *buf, size_t size) {
    size_t n = 0;
    for (; term_is_list(t); t = CDR(t)) {
        term c = CAR(t);
        if (!term_is_small(c) || term_to_small(c) < 1 || term_to_small(c) > 127 || n + 1 >= size) return false;
        buf[n++] = (char)term_to_small(c);
    }
    buf[n] = '\0';
    return t == TERM_NIL;
}

/* The numbers of text "<prefix>0.N.N...>" (count of them after the node
   part 0), each below its limit; false if the text is anything else. */
static bool parse_ids(const char *text, const char *prefix, uint64_t *out, int count, const uint64_t *limits) {
    size_t plen = strlen(prefix);
    if (strncmp(text, prefix, plen) || strncmp(text + plen, "0.", 2)) return false;
    const char *s = text + plen + 2;
    for (int i = 0; i < count; i++) {
        if (*s < '0' || *s > '9') return false;
        uint64_t v = 0;
        while (*s >= '0' && *s <= '9') {
            v = v * 10 + (uint64_t)(*s++ - '0');
            if (v >= limits[i]) return false;
        }
        out[i] = v;
        if (*s++ != (i + 1 < count ? '.' : '>')) return false;
    }
    return *s == '\0';
}

/* A pid of this node: <0.Index.Serial>, as pid_to_list writes them (the
   node part 0 only: there are no other nodes yet). */
term bif_erlang_list_to_pid_1(struct proc *p, term *args) {
    char buf[64];
    uint64_t id[2];
    static const uint64_t limits[2] = {UINT64_C(1) << PID_INDEX_BITS, UINT64_C(1) << (60 - PID_INDEX_BITS)};
    if (!short_text(args[0], buf, sizeof buf) || !parse_ids(buf, "<", id, 2, limits)) return raise_badarg(p);
    return term_from_pid(pid_number(id[0], id[1]));
}

term bif_erlang_list_to_port_1(struct proc *p, term *args) {
    char buf[64];
    uint64_t id[1];
    static const uint64_t limits[1] = {UINT64_C(1) << 59};
    if (!short_text(args[0], buf, sizeof buf) || !parse_ids(buf, "#Port<", id, 1, limits)) return raise_badarg(p);
    return term_from_port(id[0]);
}

/* #Ref<0.A.B.C>: three 32-bit numbers (vm/term.h) */
term bif_erlang_list_to_ref_1(struct proc *p, term *args) {
    char buf[80];
    uint64_t id[3];
    static const uint64_t limits[3] = {UINT64_C(1) << 32, UINT64_C(1) << 32, UINT64_C(1) << 32};
    if (!short_text(args[0], buf, sizeof buf) || !parse_ids(buf, "#Ref<", id, 3, limits)) return raise_badarg(p);
    if (!heap_ensure_free(p, REF_WORDS)) return raise_system_limit(p);
    term *hp = heap_take(p, REF_WORDS);
    term r = ref_store(hp, id[1] << 32 | id[2]);
    hp[2] = id[0];
    return r;
}

/* ---- other nodes: none yet ---------------------------------------------------- */

term bif_erlang_is_alive_0(struct proc *p, term *args) {
    (void)p, (void)args;
    return AM(false);
}

/* Which of visible, hidden, connected, this and known the argument names
   (an atom or a list of them); false if anything else. Only `this` and
   `known` include this node while it is not distributed. */
static bool nodes_this(term arg, bool *this_node) {
    term one[2] = {arg, TERM_NIL};
    term l = term_is_atom(arg) ? TERM_NONE : arg;
    *this_node = false;
    for (;;) {
        term a = l == TERM_NONE ? one[0] : term_is_list(l) ? CAR(l) : TERM_NONE;
        if (l != TERM_NONE && l == TERM_NIL) return true;
        if (a == AM(this) || a == AM(known)) *this_node = true;
        else if (a != AM(visible) && a != AM(hidden) && a != AM(connected)) return false;
        if (l == TERM_NONE) return true;
        l = CDR(l);
        if (!term_is_list(l) && l != TERM_NIL) return false;
    }
}

term bif_erlang_nodes_0(struct proc *p, term *args) {
    (void)p, (void)args;
    return TERM_NIL;
}

term bif_erlang_nodes_1(struct proc *p, term *args) {
    bool this_node;
    if (!nodes_this(args[0], &this_node)) return raise_badarg(p);
    if (!this_node) return TERM_NIL;
    if (!heap_ensure_free(p, CONS_WORDS)) return raise_system_limit(p);
    return cons_store(heap_take(p, CONS_WORDS), AM(nonode_at_nohost), TERM_NIL);
}

/* nodes(Arg, InfoOpts): [{Node, #{}}] (no connection to tell about) */
term bif_erlang_nodes_2(struct proc *p, term *args) {
    bool this_node;
    if (!nodes_this(args[0], &this_node) || !term_is_map(args[1])) return raise_badarg(p);
    if (!this_node) return TERM_NIL;
    term info = map_from_pairs(p, &args[1], 0); /* no pairs: nothing is read */
    if (info == TERM_NONE) return raise_system_limit(p);
    args[1] = info;
    if (!heap_ensure_free(p, TUPLE_WORDS(2) + CONS_WORDS)) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(2) + CONS_WORDS);
    return cons_store(hp + TUPLE_WORDS(2), tuple2_store(hp, AM(nonode_at_nohost), args[1]), TERM_NIL);
}
