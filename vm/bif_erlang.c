/*
 * bif_erlang.c — erlang module BIFs on tuples, lists, atoms and types:
 * element/setelement/tuple_size/size, hd/tl, the is_* type tests as
 * callable functions, atom <-> list, tuple <-> list, make_tuple,
 * append/insert/delete_element, the boolean operators, and pids, ports,
 * refs and funs to text and back (pid_to_list, list_to_ref, ...).
 * (Time, refs, node and system_info: vm/bif_erlang2.c.)
 *
 * Each BIF checks its arguments fully before allocating, reserves its
 * heap once with heap_ensure_free and re-reads args[] after it. Errors
 * are erl's: badarg for a bad argument, system_limit for atoms longer than
 * 255 characters.
 */

#include "atom.h"
#include "bif.h"
#include "bits.h"
#include "error.h"
#include "heap.h"
#include "module.h"
#include "print.h"
#include "strbuf.h"

static inline term bool_term(bool b) { return b ? AM(true) : AM(false); }

/* A 1-based index in 1..max from a term, or 0. */
static uint64_t index_of(term t, uint64_t max) {
    if (!term_is_small(t)) return 0;
    int64_t i = term_to_small(t);
    return i >= 1 && (uint64_t)i <= max ? (uint64_t)i : 0;
}

/* ---- tuples -------------------------------------------------------------- */

term bif_erlang_element_2(struct proc *p, term *args) {
    if (!term_is_tuple(args[1])) return raise_badarg(p);
    uint64_t i = index_of(args[0], tuple_arity(args[1]));
    if (!i) return raise_badarg(p);
    return tuple_elems(args[1])[i - 1];
}

term bif_erlang_setelement_3(struct proc *p, term *args) {
    if (!term_is_tuple(args[1])) return raise_badarg(p);
    uint64_t n = tuple_arity(args[1]);
    uint64_t i = index_of(args[0], n);
    if (!i) return raise_badarg(p);
    if (!heap_ensure_free(p, TUPLE_WORDS(n))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(n));
    memcpy(hp, term_boxed_ptr(args[1]), TUPLE_WORDS(n) * sizeof(term));
    hp[i] = args[2];
    return term_from_boxed_ptr(hp);
}

term bif_erlang_tuple_size_1(struct proc *p, term *args) {
    if (!term_is_tuple(args[0])) return raise_badarg(p);
    return term_from_small((int64_t)tuple_arity(args[0]));
}

term bif_erlang_size_1(struct proc *p, term *args) {
    if (term_is_tuple(args[0])) return term_from_small((int64_t)tuple_arity(args[0]));
    struct bin_view v;
    if (term_is_bitstring(args[0]) && bin_view(args[0], &v)) return term_from_small((int64_t)(v.bit_size / 8));
    return raise_badarg(p);
}

term bif_erlang_append_element_2(struct proc *p, term *args) {
    if (!term_is_tuple(args[0])) return raise_badarg(p);
    uint64_t n = tuple_arity(args[0]);
    if (!heap_ensure_free(p, TUPLE_WORDS(n + 1))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(n + 1));
    memcpy(hp + 1, tuple_elems(args[0]), n * sizeof(term));
    hp[0] = make_header(SUB_TUPLE, n + 1);
    hp[n + 1] = args[1];
    return term_from_boxed_ptr(hp);
}

term bif_erlang_insert_element_3(struct proc *p, term *args) {
    if (!term_is_tuple(args[1])) return raise_badarg(p);
    uint64_t n = tuple_arity(args[1]);
    uint64_t i = index_of(args[0], n + 1);
    if (!i) return raise_badarg(p);
    if (!heap_ensure_free(p, TUPLE_WORDS(n + 1))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(n + 1));
    const term *src = tuple_elems(args[1]);
    hp[0] = make_header(SUB_TUPLE, n + 1);
    memcpy(hp + 1, src, (i - 1) * sizeof(term));
    hp[i] = args[2];
    memcpy(hp + i + 1, src + i - 1, (n - (i - 1)) * sizeof(term));
    return term_from_boxed_ptr(hp);
}

term bif_erlang_delete_element_2(struct proc *p, term *args) {
    if (!term_is_tuple(args[1])) return raise_badarg(p);
    uint64_t n = tuple_arity(args[1]);
    uint64_t i = index_of(args[0], n);
    if (!i) return raise_badarg(p);
    if (!heap_ensure_free(p, TUPLE_WORDS(n - 1))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(n - 1));
    const term *src = tuple_elems(args[1]);
    hp[0] = make_header(SUB_TUPLE, n - 1);
    memcpy(hp + 1, src, (i - 1) * sizeof(term));
    memcpy(hp + i, src + i, (n - i) * sizeof(term));
    return term_from_boxed_ptr(hp);
}

/* make_tuple(N, Init) / make_tuple(N, Default, [{Pos, Value}]) */
static term make_tuple(struct proc *p, term *args, bool with_list) {
    if (!term_is_small(args[0]) || term_to_small(args[0]) < 0) return raise_badarg(p);
    uint64_t n = (uint64_t)term_to_small(args[0]);
    if (n >= (UINT64_C(1) << 24)) return raise_badarg(p); /* erl: a tuple holds at most 2^24 - 1 */
    if (with_list) {
        term l = args[2];
        for (; term_is_list(l); l = CDR(l)) {
            term e = CAR(l);
            if (!term_is_tuple(e) || tuple_arity(e) != 2 || !index_of(tuple_elems(e)[0], n)) return raise_badarg(p);
        }
        if (l != TERM_NIL) return raise_badarg(p);
    }
    if (!heap_ensure_free(p, TUPLE_WORDS(n))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(n));
    hp[0] = make_header(SUB_TUPLE, n);
    for (uint64_t i = 1; i <= n; i++) hp[i] = args[1];
    if (with_list)
        for (term l = args[2]; term_is_list(l); l = CDR(l)) {
            term e = CAR(l);
            hp[term_to_small(tuple_elems(e)[0])] = tuple_elems(e)[1];
        }
    return term_from_boxed_ptr(hp);
}

term bif_erlang_make_tuple_2(struct proc *p, term *args) { return make_tuple(p, args, false); }
term bif_erlang_make_tuple_3(struct proc *p, term *args) { return make_tuple(p, args, true); }

term bif_erlang_tuple_to_list_1(struct proc *p, term *args) {
    if (!term_is_tuple(args[0])) return raise_badarg(p);
    uint64_t n = tuple_arity(args[0]);
    if (!heap_ensure_free(p, n * CONS_WORDS)) return raise_system_limit(p);
    term *hp = heap_take(p, n * CONS_WORDS);
    const term *e = tuple_elems(args[0]);
    term l = TERM_NIL;
    for (uint64_t i = n; i-- > 0; hp += CONS_WORDS) l = cons_store(hp, e[i], l);
    return l;
}

term bif_erlang_list_to_tuple_1(struct proc *p, term *args) {
    uint64_t n = 0;
    term l = args[0];
    for (; term_is_list(l); l = CDR(l)) n++;
    if (l != TERM_NIL) return raise_badarg(p);
    if (!heap_ensure_free(p, TUPLE_WORDS(n))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(n));
    hp[0] = make_header(SUB_TUPLE, n);
    l = args[0];
    for (uint64_t i = 1; i <= n; i++, l = CDR(l)) hp[i] = CAR(l);
    return term_from_boxed_ptr(hp);
}

/* ---- lists --------------------------------------------------------------- */

term bif_erlang_hd_1(struct proc *p, term *args) {
    if (!term_is_list(args[0])) return raise_badarg(p);
    return CAR(args[0]);
}

term bif_erlang_tl_1(struct proc *p, term *args) {
    if (!term_is_list(args[0])) return raise_badarg(p);
    return CDR(args[0]);
}

/* ---- atoms --------------------------------------------------------------- */

/* UTF-8 encode cp at out (4 bytes room); returns the byte count. */
static size_t utf8_put(uint8_t *out, uint32_t cp) {
    if (cp < 0x80) return out[0] = (uint8_t)cp, 1;
    if (cp < 0x800) {
        out[0] = (uint8_t)(0xC0 | cp >> 6);
        out[1] = (uint8_t)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (uint8_t)(0xE0 | cp >> 12);
        out[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (uint8_t)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (uint8_t)(0xF0 | cp >> 18);
    out[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (uint8_t)(0x80 | (cp & 0x3F));
    return 4;
}

/* The atom text of a list of characters: 0 ok, -1 badarg, -2 too long. */
static int atom_text_of(term l, uint8_t *buf, size_t *len) {
    size_t chars = 0, n = 0;
    for (; term_is_list(l); l = CDR(l)) {
        term c = CAR(l);
        if (!term_is_small(c)) return -1;
        int64_t v = term_to_small(c);
        if (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return -1;
        if (++chars > ATOM_MAX_CHARS) {
            /* still a badarg if the rest is not a proper character list */
            for (l = CDR(l); term_is_list(l); l = CDR(l))
                if (!term_is_small(CAR(l))) return -1;
            return l == TERM_NIL ? -2 : -1;
        }
        n += utf8_put(buf + n, (uint32_t)v);
    }
    if (l != TERM_NIL) return -1;
    *len = n;
    return 0;
}

static term list_to_atom(struct proc *p, term *args, bool existing) {
    uint8_t buf[ATOM_MAX_CHARS * 4];
    size_t len;
    int r = atom_text_of(args[0], buf, &len);
    if (r == -2 && !existing) return raise_system_limit(p);
    if (r < 0) return raise_badarg(p);
    uint32_t i = existing ? atom_lookup((const char *)buf, len) : atom_intern((const char *)buf, len);
    if (i == ATOM_NOT_FOUND) return existing ? raise_badarg(p) : raise_system_limit(p);
    return term_from_atom(i);
}

term bif_erlang_list_to_atom_1(struct proc *p, term *args) { return list_to_atom(p, args, false); }
term bif_erlang_list_to_existing_atom_1(struct proc *p, term *args) { return list_to_atom(p, args, true); }

/* Decode one UTF-8 character of valid text at s; advances *i. */
static uint32_t utf8_next(const uint8_t *s, size_t *i) {
    uint32_t c = s[*i];
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n > 1) c &= 0x3F >> (n - 1);
    for (size_t k = 1; k < n; k++) c = c << 6 | (s[*i + k] & 0x3F);
    *i += n;
    return c;
}

term bif_erlang_atom_to_list_1(struct proc *p, term *args) {
    if (!term_is_atom(args[0])) return raise_badarg(p);
    size_t len;
    const uint8_t *s = (const uint8_t *)atom_text(term_to_atom(args[0]), &len);
    size_t chars = 0;
    for (size_t i = 0; i < len; i++) chars += (s[i] & 0xC0) != 0x80;
    if (!heap_ensure_free(p, chars * CONS_WORDS)) return raise_system_limit(p);
    term *hp = heap_take(p, chars * CONS_WORDS);
    term first = chars ? term_from_list_ptr(hp) : TERM_NIL;
    for (size_t i = 0, k = 0; i < len; k++, hp += CONS_WORDS) {
        hp[0] = term_from_small(utf8_next(s, &i));
        hp[1] = k + 1 < chars ? term_from_list_ptr(hp + CONS_WORDS) : TERM_NIL;
    }
    return first;
}

/* ---- type tests ---------------------------------------------------------- */

#define TYPE_TEST(name, expr)                                      \
    term bif_erlang_##name##_1(struct proc *p, term *args) {     \
        (void)p;                                                   \
        term t = args[0];                                          \
        return bool_term(expr);                                    \
    }

TYPE_TEST(is_atom, term_is_atom(t))
TYPE_TEST(is_binary, term_is_bitstring(t) && ({
                         struct bin_view v;
                         bin_view(t, &v) && v.bit_size % 8 == 0;
                     }))
TYPE_TEST(is_bitstring, term_is_bitstring(t))
TYPE_TEST(is_boolean, t == AM(true) || t == AM(false))
TYPE_TEST(is_float, term_is_float(t))
TYPE_TEST(is_function, term_is_fun(t))
TYPE_TEST(is_integer, term_is_integer(t))
TYPE_TEST(is_list, term_is_list(t) || t == TERM_NIL)
TYPE_TEST(is_map, term_is_map(t))
TYPE_TEST(is_number, term_is_number(t))
TYPE_TEST(is_pid, term_is_pid(t))
TYPE_TEST(is_port, term_is_port(t))
TYPE_TEST(is_reference, term_is_ref(t) || term_is_boxed_sub(t, SUB_EXT_REF))
TYPE_TEST(is_tuple, term_is_tuple(t))

static int64_t fun_arity(term f) {
    if (term_is_boxed_sub(f, SUB_EXPORT)) return export_of(f)->arity;
    return fun_entry_of(f)->arity;
}

term bif_erlang_is_function_2(struct proc *p, term *args) {
    term a = args[1];
    if (!term_is_integer(a)) return raise_badarg(p);
    if (!term_is_small(a) || term_to_small(a) < 0) return raise_badarg(p);
    if (!term_is_fun(args[0])) return AM(false);
    return bool_term(fun_arity(args[0]) == term_to_small(a));
}

term bif_erlang_is_record_2(struct proc *p, term *args) {
    if (!term_is_atom(args[1])) return raise_badarg(p);
    term t = args[0];
    return bool_term(term_is_tuple(t) && tuple_arity(t) >= 1 && tuple_elems(t)[0] == args[1]);
}

term bif_erlang_is_record_3(struct proc *p, term *args) {
    if (!term_is_atom(args[1]) || !term_is_integer(args[2])) return raise_badarg(p);
    term t = args[0];
    if (!term_is_small(args[2]) || term_to_small(args[2]) < 1) return AM(false);
    return bool_term(term_is_tuple(t) && tuple_arity(t) == (uint64_t)term_to_small(args[2]) &&
                     tuple_elems(t)[0] == args[1]);
}

/* ---- booleans ------------------------------------------------------------ */

static inline int bool_of(term t) { return t == AM(true) ? 1 : t == AM(false) ? 0 : -1; }

term bif_erlang_not_1(struct proc *p, term *args) {
    int a = bool_of(args[0]);
    if (a < 0) return raise_badarg(p);
    return bool_term(!a);
}

#define BOOL_OP(name, op)                                        \
    term bif_erlang_##name##_2(struct proc *p, term *args) {   \
        int a = bool_of(args[0]), b = bool_of(args[1]);          \
        if (a < 0 || b < 0) return raise_badarg(p);              \
        return bool_term(op);                                    \
    }

BOOL_OP(and, a && b)
BOOL_OP(or, a || b)
BOOL_OP(xor, a != b)

/* ---- pids, ports, refs and funs as text ------------------------------------ */

/* pid_to_list/1 and the like: the term's ~w text, if it is of that type. */
static term term_text(struct proc *p, term t, bool of_type) {
    if (!of_type) return raise_badarg(p);
    struct strbuf sb = STRBUF_INIT;
    print_term(&sb, t, -1);
    term r = sb.failed ? raise_system_limit(p) : fmt_make_unicode(p, sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    return r;
}

term bif_erlang_pid_to_list_1(struct proc *p, term *args) { return term_text(p, args[0], term_is_pid(args[0])); }
term bif_erlang_port_to_list_1(struct proc *p, term *args) { return term_text(p, args[0], term_is_port(args[0])); }
term bif_erlang_ref_to_list_1(struct proc *p, term *args) { return term_text(p, args[0], term_is_ref(args[0])); }
term bif_erlang_fun_to_list_1(struct proc *p, term *args) { return term_text(p, args[0], term_is_fun(args[0])); }

/* Read "<prefix>N1.N2...Nn>" from a character list: n numbers (decimal,
   each < 2^32) separated by dots; false if the list is not exactly that. */
static bool parse_numbered(term l, const char *prefix, int n, uint64_t *nums) {
    for (; *prefix; prefix++, l = CDR(l))
        if (!term_is_list(l) || CAR(l) != term_from_small((unsigned char)*prefix)) return false;
    for (int i = 0; i < n; i++) {
        int digits = 0;
        nums[i] = 0;
        for (; term_is_list(l) && term_is_small(CAR(l)); l = CDR(l), digits++) {
            int64_t c = term_to_small(CAR(l));
            if (c < '0' || c > '9') break;
            nums[i] = nums[i] * 10 + (uint64_t)(c - '0');
            if (nums[i] > UINT32_MAX) return false;
        }
        term sep = term_from_small(i + 1 < n ? '.' : '>');
        if (digits == 0 || !term_is_list(l) || CAR(l) != sep) return false;
        l = CDR(l);
    }
    return l == TERM_NIL;
}

/* list_to_pid("<0.Index.Serial>"): a local pid (there are no other nodes) */
term bif_erlang_list_to_pid_1(struct proc *p, term *args) {
    uint64_t n[3];
    if (!parse_numbered(args[0], "<", 3, n) || n[0] != 0 || n[1] >> PID_INDEX_BITS ||
        n[2] >> (59 - PID_INDEX_BITS))
        return raise_badarg(p);
    return term_from_pid(n[1] | n[2] << PID_INDEX_BITS);
}

/* list_to_ref("#Ref<0.A.B.C>"), the inverse of the printing */
term bif_erlang_list_to_ref_1(struct proc *p, term *args) {
    uint64_t n[4];
    if (!parse_numbered(args[0], "#Ref<", 4, n) || n[0] != 0) return raise_badarg(p);
    if (!heap_ensure_free(p, REF_WORDS)) return raise_system_limit(p);
    term r = ref_store(heap_take(p, REF_WORDS), n[2] << 32 | n[3]);
    term_boxed_ptr(r)[2] = n[1];
    return r;
}
