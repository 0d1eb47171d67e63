/*
 * fuzz.c — deterministic mutation tests of the borders that take
 * untrusted input: the .mbc reader + verifier + loader, the ETF decoder
 * (binary_to_term) and the compiler. make check runs it under ASan+UBSan
 * (tests/fuzz.sh); a crash, a sanitizer report or a hang fails the run.
 *
 *   fuzz mbc N SEED FILE.mbc...   N mutations of the given modules, each
 *                                 loaded through module_load_image (read,
 *                                 verify, load) and, if loaded, deleted
 *                                 and purged again
 *   fuzz etf N SEED SEEDS.txt     N mutations of hex-encoded terms, each
 *                                 through binary_to_term/1 (a term or
 *                                 badarg) and a term_to_binary of the term
 *   fuzz src N SEED FILE.erl...   N mutations of source files through the
 *                                 compiler: diagnostics with positions,
 *                                 or a module that must pass the verifier
 *
 * Each prints how many inputs were refused by which rule (numbers in the
 * messages replaced by N) and how many were accepted. The random numbers
 * come from a fixed seed, so a run is reproducible: "fuzz mbc 1 SEED F"
 * with the iteration's seed printed by MOAT_FUZZ_TRACE=1 replays one case.
 */
#include <ctype.h>
#include <mimalloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/compiler.h"
#include "atom.h"
#include "bif.h"
#include "bits.h"
#include "heap.h"
#include "interp.h"
#include "mbc.h"
#include "module.h"
#include "strbuf.h"
#include "verify.h"
#include "vm.h"

/* ---- random numbers and inputs ------------------------------------------ */

static uint64_t rng_state;

static uint64_t rnd(void) {
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static size_t below(size_t n) { return n ? (size_t)(rnd() % n) : 0; }

struct buf {
    uint8_t *data;
    size_t len, cap;
};

static void buf_reserve(struct buf *b, size_t n) {
    if (n <= b->cap) return;
    b->cap = n * 2 + 64;
    b->data = realloc(b->data, b->cap);
    if (!b->data) abort();
}

static void buf_set(struct buf *b, const uint8_t *d, size_t n) {
    buf_reserve(b, n);
    memcpy(b->data, d, n);
    b->len = n;
}

static void buf_insert(struct buf *b, size_t at, const uint8_t *d, size_t n) {
    buf_reserve(b, b->len + n);
    memmove(b->data + at + n, b->data + at, b->len - at);
    memcpy(b->data + at, d, n);
    b->len += n;
}

static void buf_delete(struct buf *b, size_t at, size_t n) {
    if (at + n > b->len) n = b->len - at;
    memmove(b->data + at, b->data + at + n, b->len - at - n);
    b->len -= n;
}

static bool read_file(const char *path, struct buf *out) {
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    uint8_t tmp[65536];
    size_t n;
    out->len = 0;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        buf_reserve(out, out->len + n);
        memcpy(out->data + out->len, tmp, n);
        out->len += n;
    }
    fclose(f);
    return true;
}

/* ---- refusal counts by rule ------------------------------------------------ */

struct rule {
    char *text;
    unsigned count;
};
static struct rule *rules;
static size_t nrules, rules_cap;
static unsigned accepted;
/* refusals by the stage that refused: the .mbc reader, the verifier, the
   loader (literals, BIF checks) */
static unsigned by_reader, by_verifier, by_loader;

/* The rule of a message: the "verify: F/A at N: " prefix dropped, every
   number replaced by N. */
static void count_rule(const char *msg) {
    const char *p = msg;
    if (!strncmp(msg, "verify: ", 8)) by_verifier++;
    else if (!strncmp(msg, "section ", 8) || !strncmp(msg, "not a Moat", 10) || !strncmp(msg, "bytecode format", 15) ||
             !strncmp(msg, "missing ", 8) || !strncmp(msg, "duplicate section", 17))
        by_reader++;
    else by_loader++;
    if (!strncmp(p, "verify: ", 8)) {
        const char *colon = strstr(p + 8, ": ");
        p = colon ? colon + 2 : p + 8;
    }
    char norm[160];
    size_t n = 0;
    while (*p && n < sizeof norm - 4) {
        if (isdigit((unsigned char)*p)) {
            norm[n++] = 'N';
            while (isdigit((unsigned char)*p)) p++;
        } else {
            norm[n++] = *p++;
        }
    }
    norm[n] = 0;
    for (size_t i = 0; i < nrules; i++) {
        if (!strcmp(rules[i].text, norm)) {
            rules[i].count++;
            return;
        }
    }
    if (nrules == rules_cap) {
        rules_cap = rules_cap ? 2 * rules_cap : 64;
        rules = realloc(rules, rules_cap * sizeof *rules);
        if (!rules) abort();
    }
    rules[nrules].text = strdup(norm);
    rules[nrules++].count = 1;
}

static int by_count(const void *a, const void *b) {
    const struct rule *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return strcmp(x->text, y->text);
}

static void print_summary(const char *what, unsigned n) {
    qsort(rules, nrules, sizeof *rules, by_count);
    unsigned refused = 0;
    for (size_t i = 0; i < nrules; i++) refused += rules[i].count;
    printf("fuzz %s: %u inputs, %u accepted, %u refused by %zu rules\n", what, n, accepted, refused, nrules);
    if (!strcmp(what, "mbc"))
        printf("  refused by the reader %u, the verifier %u, the loader %u\n", by_reader, by_verifier, by_loader);
    for (size_t i = 0; i < nrules; i++) printf("  %6u  %s\n", rules[i].count, rules[i].text);
}

/* ---- .mbc: mutations that know the container --------------------------------- */

struct section {
    size_t at, len; /* header offset, payload length */
};

/* The sections as far as they parse (at most 16). */
static size_t find_sections(const struct buf *b, struct section *out) {
    size_t n = 0, p = 6;
    while (p + 8 <= b->len && n < 16) {
        size_t len = (size_t)b->data[p + 4] << 24 | (size_t)b->data[p + 5] << 16 | (size_t)b->data[p + 6] << 8 |
                     b->data[p + 7];
        if (len > b->len - p - 8) break;
        out[n++] = (struct section){p, len};
        p += 8 + len;
    }
    return n;
}

static void set_len(struct buf *b, size_t at, size_t len) {
    b->data[at + 4] = (uint8_t)(len >> 24);
    b->data[at + 5] = (uint8_t)(len >> 16);
    b->data[at + 6] = (uint8_t)(len >> 8);
    b->data[at + 7] = (uint8_t)len;
}

static const uint8_t interesting[] = {0, 1, 2, 7, 8, 9, 0x7F, 0x80, 0xFF, 0xFE, 0x40, 0x3F};

static bool get_varint_at(const struct buf *b, size_t *at, size_t end, uint64_t *v) {
    *v = 0;
    for (unsigned shift = 0; *at < end && shift < 64; shift += 7) {
        uint8_t byte = b->data[(*at)++];
        *v |= (uint64_t)(byte & 0x7F) << shift;
        if (!(byte & 0x80)) return true;
    }
    return false;
}

/* One operand of the CODE section changed in place, the stream kept in
   step: its kind, or its value within the same number of bytes. These
   reach the verifier's data-flow rules rather than the reader's. */
static void mutate_code_operand(struct buf *b, const struct section *code) {
    size_t at = code->at + 8, end = at + code->len;
    uint64_t v;
    if (!get_varint_at(b, &at, end, &v) || !get_varint_at(b, &at, end, &v)) return;
    size_t ops = 0, start = at;
    for (size_t p = at; p < end; ops++) { /* count operands */
        p++;
        if (!get_varint_at(b, &p, end, &v)) break;
    }
    if (!ops) return;
    size_t pick = below(ops), p = start;
    for (size_t i = 0; i < pick; i++) {
        p++;
        get_varint_at(b, &p, end, &v);
    }
    if (p >= end) return;
    if (below(4) == 0) {
        b->data[p] = (uint8_t)below(10); /* another kind */
        return;
    }
    size_t vat = p + 1;
    if (vat >= end) return;
    uint8_t cont = b->data[vat] & 0x80, low = b->data[vat] & 0x7F;
    switch (below(4)) {
    case 0: low = (uint8_t)((low + 1) & 0x7F); break;
    case 1: low = (uint8_t)((low - 1) & 0x7F); break;
    case 2: low = (uint8_t)below(8); break;
    default: low = (uint8_t)(rnd() & 0x7F); break;
    }
    b->data[vat] = cont | low;
}

static void mutate_mbc(struct buf *b) {
    struct section secs[16];
    size_t ns = find_sections(b, secs);
    if (b->len < 7) return;
    struct section *s = ns ? &secs[below(ns)] : NULL;
    if (below(2))
        for (size_t i = 0; i < ns; i++)
            if (!memcmp(b->data + secs[i].at, "CODE", 4)) {
                mutate_code_operand(b, &secs[i]);
                return;
            }
    switch (below(12)) {
    case 0: b->data[below(b->len)] ^= (uint8_t)(1u << below(8)); break;
    case 1: b->data[below(b->len)] = interesting[below(sizeof interesting)]; break;
    case 2: b->len = 6 + below(b->len - 6); break;
    case 3: /* a section's length */
        if (s) set_len(b, s->at, below(4) ? s->len + below(9) - 4 : (size_t)(rnd() & 0xFFFFFFFF));
        break;
    case 4: /* a table count: the payload's first varint */
        if (s && s->len) b->data[s->at + 8] = below(2) ? interesting[below(sizeof interesting)] : (uint8_t)rnd();
        break;
    case 5: /* swap two sections */
        if (ns >= 2) {
            size_t i = below(ns - 1);
            struct section a = secs[i], c = secs[i + 1];
            size_t alen = 8 + a.len, clen = 8 + c.len;
            uint8_t *tmp = malloc(alen);
            memcpy(tmp, b->data + a.at, alen);
            memmove(b->data + a.at, b->data + c.at, clen);
            memcpy(b->data + a.at + clen, tmp, alen);
            free(tmp);
        }
        break;
    case 6: { /* random bytes inside a section, its length fixed up */
        uint8_t bytes[16];
        size_t n = 1 + below(sizeof bytes);
        for (size_t i = 0; i < n; i++) bytes[i] = (uint8_t)rnd();
        if (s) {
            buf_insert(b, s->at + 8 + below(s->len + 1), bytes, n);
            set_len(b, s->at, s->len + n);
        } else {
            buf_insert(b, below(b->len + 1), bytes, n);
        }
        break;
    }
    case 7: /* delete bytes inside a section, its length fixed up */
        if (s && s->len) {
            size_t at = below(s->len), n = 1 + below(s->len - at < 8 ? s->len - at : 8);
            buf_delete(b, s->at + 8 + at, n);
            set_len(b, s->at, s->len - n);
        }
        break;
    case 8: /* duplicate a section */
        if (s) {
            uint8_t *copy = malloc(8 + s->len);
            memcpy(copy, b->data + s->at, 8 + s->len);
            buf_insert(b, b->len, copy, 8 + s->len);
            free(copy);
        }
        break;
    case 9: /* drop a section */
        if (s) buf_delete(b, s->at, 8 + s->len);
        break;
    default: /* most mutations go to the code and tables: the verifier's input */
        if (s && s->len) {
            size_t at = s->at + 8 + below(s->len);
            if (below(2)) b->data[at] = (uint8_t)(b->data[at] + below(5) - 2);
            else b->data[at] = interesting[below(sizeof interesting)];
        }
        break;
    }
}

/* ---- running what was accepted -------------------------------------------------- */

/* Atoms that let code touch the world outside one process (files, other
   processes, the VM's end, output): a module whose atom table has one is
   loaded but not run, since apply/3 could reach any of them. */
static const char *const unsafe_atoms[] = {
    "file", "os", "io", "halt", "spawn", "spawn_link", "spawn_monitor", "spawn_opt", "open_port", "register",
    "unregister", "group_leader", "code", "compile", "load_module", "delete_module", "purge_module", "send_after",
    "start_timer", "process_flag", "link", "monitor", "display", "timer", "exit", "erase", "put", "send", "!",
    "apply", "make_fun", "binary_to_term", "garbage_collect", "system_flag", "process_info", "erts_internal"};

static bool safe_to_run(const struct gen_module *g) {
    for (uint32_t i = 0; i < g->natoms; i++)
        for (size_t k = 0; k < sizeof unsafe_atoms / sizeof unsafe_atoms[0]; k++)
            if (g->atoms[i].len == strlen(unsafe_atoms[k]) && !memcmp(g->atoms[i].text, unsafe_atoms[k], g->atoms[i].len))
                return false;
    return true;
}

static unsigned runs, run_results[8];

/* Call a few exports of m with small arguments, each in a fresh process
   for at most a few time slices: any value or exception will do. */
static void run_exports(struct vm *vm, struct module *m) {
    for (int k = 0; k < 4 && m->nexports; k++) {
        const struct mod_export *e = &m->exports[below(m->nexports)];
        if (e->arity > 3) continue;
        struct proc *p = vm_proc_new(vm);
        if (!p) return;
        p->max_heap_words = 1u << 18;
        term args = TERM_NIL;
        if (!heap_ensure_free(p, 6 * e->arity + 8)) abort();
        term *hp = heap_take(p, 6 * e->arity + 8);
        for (uint32_t a = 0; a < e->arity; a++) {
            term v;
            switch (below(5)) {
            case 0: v = term_from_small((int64_t)below(7) - 2); break;
            case 1: v = TERM_NIL; break;
            case 2: v = AM(ok); break;
            case 3: v = cons_store(hp, term_from_small(1), TERM_NIL), hp += 2; break;
            default: v = tuple2_store(hp, term_from_small(1), AM(ok)), hp += 3; break;
            }
            args = cons_store(hp, v, args);
            hp += 2;
        }
        p->x[0] = m->name;
        p->x[1] = e->name;
        p->x[2] = args;
        interp_prepare_call(p, interp_apply3_code());
        enum interp_result r = INTERP_YIELD;
        for (int slice = 0; slice < 20 && r == INTERP_YIELD; slice++) r = interp_run(p);
        runs++;
        run_results[r < 8 ? r : 7]++;
        vm_proc_free(p);
    }
}

static int fuzz_mbc(unsigned n, int nfiles, char **files) {
    struct buf *seeds = calloc((size_t)nfiles, sizeof *seeds);
    for (int i = 0; i < nfiles; i++)
        if (!read_file(files[i], &seeds[i])) {
            fprintf(stderr, "fuzz: cannot read %s\n", files[i]);
            return 2;
        }
    struct vm *vm = vm_new();
    struct proc *p = vm_proc_new(vm);
    struct buf b = {0};
    bool trace = getenv("MOAT_FUZZ_TRACE") != NULL;
    for (unsigned it = 0; it < n; it++) {
        uint64_t case_seed = rng_state;
        const struct buf *seed = &seeds[below((size_t)nfiles)];
        buf_set(&b, seed->data, seed->len);
        unsigned muts = 1 + (unsigned)below(3);
        for (unsigned k = 0; k < muts; k++) mutate_mbc(&b);
        if (trace) fprintf(stderr, "case %u seed %llu\n", it, (unsigned long long)case_seed);
        char *err = NULL;
        struct gen_module *look = mbc_read(b.data, b.len, &err);
        bool run = look && safe_to_run(look);
        gen_module_free(look);
        mi_free(err);
        err = NULL;
        struct module *m = module_load_image(b.data, b.len, 0, "fuzz", &err);
        if (!m) {
            count_rule(err ? err : "(no message)");
            mi_free(err);
            continue;
        }
        accepted++;
        if (run) run_exports(vm, m);
        /* out again, so the next case may load a module of that name */
        term name = m->name;
        module_delete(name);
        bool killed;
        for (int k = 0; k < 100 && module_purge_step(p, name, false, &killed) == MODULE_PURGE_AGAIN; k++) {
        }
    }
    print_summary("mbc", n);
    printf("  ran %u exports of accepted modules: %u returned, %u raised, %u still running after 20 slices, %u waiting\n",
           runs, run_results[INTERP_DONE], run_results[INTERP_EXIT], run_results[INTERP_YIELD], run_results[INTERP_WAIT]);
    free(b.data);
    for (int i = 0; i < nfiles; i++) free(seeds[i].data);
    free(seeds);
    vm_proc_free(p);
    vm_free(vm);
    return 0;
}

/* ---- ETF ------------------------------------------------------------------------ */

static size_t read_hex_lines(const char *path, struct buf **out) {
    struct buf all = {0};
    if (!read_file(path, &all)) return 0;
    size_t n = 0, cap = 0;
    struct buf *v = NULL;
    for (size_t i = 0; i < all.len;) {
        size_t j = i;
        while (j < all.len && all.data[j] != '\n') j++;
        if (j > i) {
            if (n == cap) {
                cap = cap ? 2 * cap : 64;
                v = realloc(v, cap * sizeof *v);
            }
            v[n] = (struct buf){0};
            buf_reserve(&v[n], (j - i) / 2 + 1);
            for (size_t k = i; k + 1 < j; k += 2) {
                unsigned byte;
                sscanf((const char *)all.data + k, "%2x", &byte);
                v[n].data[v[n].len++] = (uint8_t)byte;
            }
            n++;
        }
        i = j + 1;
    }
    free(all.data);
    *out = v;
    return n;
}

static void mutate_bytes(struct buf *b, size_t from) {
    if (b->len <= from) return;
    size_t span = b->len - from;
    switch (below(7)) {
    case 0: b->data[from + below(span)] ^= (uint8_t)(1u << below(8)); break;
    case 1: b->data[from + below(span)] = interesting[below(sizeof interesting)]; break;
    case 2: b->len = from + below(span); break;
    case 3: {
        uint8_t bytes[8];
        size_t n = 1 + below(sizeof bytes);
        for (size_t i = 0; i < n; i++) bytes[i] = (uint8_t)rnd();
        buf_insert(b, from + below(span + 1), bytes, n);
        break;
    }
    case 4: buf_delete(b, from + below(span), 1 + below(4)); break;
    case 5: { /* a tag byte of ETF: a known tag elsewhere */
        static const uint8_t tags[] = {97, 98, 99, 70, 100, 104, 105, 106, 107, 108, 109, 110, 111,
                                       113, 116, 118, 119, 77, 88, 90, 112, 117, 103, 101, 114};
        b->data[from + below(span)] = tags[below(sizeof tags)];
        break;
    }
    default: { /* a length or count: 4 bytes set big */
        size_t at = from + below(span);
        for (size_t i = at; i < at + 4 && i < b->len; i++) b->data[i] = below(2) ? 0xFF : 0x00;
        b->data[at] = (uint8_t)below(4);
        break;
    }
    }
}

static int fuzz_etf(unsigned n, const char *seed_file) {
    struct buf *seeds;
    size_t nseeds = read_hex_lines(seed_file, &seeds);
    if (!nseeds) {
        fprintf(stderr, "fuzz: no seeds in %s\n", seed_file);
        return 2;
    }
    struct vm *vm = vm_new();
    struct buf b = {0};
    for (unsigned it = 0; it < n; it++) {
        const struct buf *seed = &seeds[below(nseeds)];
        buf_set(&b, seed->data, seed->len);
        unsigned muts = 1 + (unsigned)below(3);
        for (unsigned k = 0; k < muts; k++) mutate_bytes(&b, 1);
        struct proc *p = vm_proc_new(vm);
        uint8_t *data;
        term bin = bin_alloc(p, b.len, &data);
        if (bin == TERM_NONE) abort();
        memcpy(data, b.data, b.len);
        p->x[0] = bin;
        p->live = 1;
        term t = bif_erlang_binary_to_term_1(p, p->x);
        if (t == TERM_NONE) {
            count_rule("badarg");
        } else {
            accepted++;
            /* walk the whole term: encode it again */
            p->x[0] = t;
            p->live = 1;
            if (bif_erlang_term_to_binary_1(p, p->x) == TERM_NONE) count_rule("decoded term does not encode");
        }
        vm_proc_free(p);
    }
    print_summary("etf", n);
    for (size_t i = 0; i < nseeds; i++) free(seeds[i].data);
    free(seeds);
    free(b.data);
    vm_free(vm);
    return 0;
}

/* ---- source ------------------------------------------------------------------------ */

static const char *const fragments[] = {
    "end", "fun", "case", "of", "->", ".", ",", ";", "(", ")", "[", "]", "{", "}", "<<", ">>", "#{", "=>",
    ":=", "?", "?MODULE", "-define(X, ", "-record(r, {a", "#r{", "receive", "after", "when", "try", "catch",
    "'", "\"", "$", "%", "\n", "-", "fun(", "begin", "if", "=", "==", "++", "||", "<-", "<=", "X", "_",
    "1.0e999", "16#", "2#1", "'\\x{", "\"\\", "-module(", "-export([", "/", "-include(\"", "-ifdef(", "-endif.",
    "??", "-else.", "maybe", "#", ":", "::", "..."};

static void mutate_source(struct buf *b) {
    if (!b->len) return;
    switch (below(6)) {
    case 0: {
        const char *f = fragments[below(sizeof fragments / sizeof fragments[0])];
        buf_insert(b, below(b->len + 1), (const uint8_t *)f, strlen(f));
        break;
    }
    case 1: buf_delete(b, below(b->len), 1 + below(12)); break;
    case 2: { /* duplicate a range */
        size_t at = below(b->len), n = 1 + below(40);
        if (at + n > b->len) n = b->len - at;
        uint8_t *copy = malloc(n);
        memcpy(copy, b->data + at, n);
        buf_insert(b, below(b->len + 1), copy, n);
        free(copy);
        break;
    }
    case 3: b->data[below(b->len)] = (uint8_t)(32 + below(95)); break;
    case 4: b->data[below(b->len)] ^= (uint8_t)(1u << below(8)); break;
    default: b->len = below(b->len); break;
    }
}

static int fuzz_src(unsigned n, int nfiles, char **files) {
    struct buf *seeds = calloc((size_t)nfiles, sizeof *seeds);
    for (int i = 0; i < nfiles; i++)
        if (!read_file(files[i], &seeds[i])) {
            fprintf(stderr, "fuzz: cannot read %s\n", files[i]);
            return 2;
        }
    struct buf b = {0};
    int bad = 0;
    for (unsigned it = 0; it < n; it++) {
        int which = (int)below((size_t)nfiles);
        buf_set(&b, seeds[which].data, seeds[which].len);
        unsigned muts = 1 + (unsigned)below(3);
        for (unsigned k = 0; k < muts; k++) mutate_source(&b);
        struct diags d = {0};
        struct compile_opts opts = {.stdlib_include = MOAT_STDLIB_DIR, .no_warnings = true};
        struct gen_module *g = compile_source(files[which], (const char *)b.data, b.len, &opts, &d);
        if (!g) {
            bool positioned = false;
            for (uint32_t i = 0; i < d.count; i++)
                if (!d.items[i].warning && d.items[i].line > 0) positioned = true;
            if (!d.errors) {
                fprintf(stderr, "fuzz src: case %u of %s: refused without an error\n", it, files[which]);
                bad = 1;
            } else if (!positioned) {
                count_rule("error without a position");
            } else {
                count_rule("compile error");
            }
        } else {
            char *err = NULL;
            if (verify_module(g, &err)) {
                accepted++;
            } else {
                fprintf(stderr, "fuzz src: case %u of %s: the compiler's output is refused: %s\n", it, files[which],
                        err);
                bad = 1;
            }
            mi_free(err);
            gen_module_free(g);
        }
        diags_free(&d);
    }
    print_summary("src", n);
    free(b.data);
    for (int i = 0; i < nfiles; i++) free(seeds[i].data);
    free(seeds);
    return bad;
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: fuzz mbc|etf|src N SEED FILES...\n");
        return 2;
    }
    vm_global_init();
    unsigned n = (unsigned)strtoul(argv[2], NULL, 10);
    rng_state = strtoull(argv[3], NULL, 10);
    if (!rng_state) rng_state = 1;
    if (!strcmp(argv[1], "mbc")) return fuzz_mbc(n, argc - 4, argv + 4);
    if (!strcmp(argv[1], "etf")) return fuzz_etf(n, argv[4]);
    if (!strcmp(argv[1], "src")) return fuzz_src(n, argc - 4, argv + 4);
    fprintf(stderr, "fuzz: unknown target %s\n", argv[1]);
    return 2;
}
