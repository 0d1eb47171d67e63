/*
 * atom.c — the global atom table (see atom.h).
 *
 * Entries live in fixed chunks that never move, so atom_text needs no
 * lock: an index is only handed out after its entry is fully written and
 * the count is published with a release store. Interning and lookup hash
 * the text into an open-addressing index guarded by one mutex.
 */
#include "atom.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "alloc.h"

#define CHUNK_BITS 12
#define CHUNK_SIZE (1u << CHUNK_BITS)
#define MAX_CHUNKS 1024 /* 4M atoms */

struct atom_entry {
    const char *text;
    uint32_t len;
    uint32_t hash;
};

static struct atom_entry *chunks[MAX_CHUNKS];
static _Atomic uint32_t count;
static uint32_t *index_slots; /* atom index + 1, 0 = empty */
static uint32_t index_cap;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static uint32_t hash_text(const char *s, size_t len) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

static struct atom_entry *entry(uint32_t i) { return &chunks[i >> CHUNK_BITS][i & (CHUNK_SIZE - 1)]; }

/* Code points in valid UTF-8, or -1. */
static long utf8_chars(const char *s, size_t len) {
    long n = 0;
    for (size_t i = 0; i < len; n++) {
        uint8_t c = (uint8_t)s[i];
        size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (!k || i + k > len) return -1;
        for (size_t j = 1; j < k; j++)
            if (((uint8_t)s[i + j] & 0xC0) != 0x80) return -1;
        i += k;
    }
    return n;
}

static bool grow_index(void) {
    uint32_t cap = index_cap ? index_cap * 2 : 8192;
    uint32_t *slots = mem_calloc(cap, sizeof *slots);
    if (!slots) return false;
    uint32_t n = atomic_load_explicit(&count, memory_order_relaxed);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t h = entry(i)->hash & (cap - 1);
        while (slots[h]) h = (h + 1) & (cap - 1);
        slots[h] = i + 1;
    }
    mem_free(index_slots);
    index_slots = slots;
    index_cap = cap;
    return true;
}

/* Slot for the text: holds its index + 1, or 0 where it would go. Lock held. */
static uint32_t *find_slot(const char *s, size_t len, uint32_t h) {
    uint32_t i = h & (index_cap - 1);
    for (;;) {
        uint32_t v = index_slots[i];
        if (!v) return &index_slots[i];
        struct atom_entry *e = entry(v - 1);
        if (e->hash == h && e->len == len && memcmp(e->text, s, len) == 0) return &index_slots[i];
        i = (i + 1) & (index_cap - 1);
    }
}

static uint32_t intern_locked(const char *s, size_t len) {
    uint32_t h = hash_text(s, len);
    uint32_t *slot = find_slot(s, len, h);
    if (*slot) return *slot - 1;
    uint32_t n = atomic_load_explicit(&count, memory_order_relaxed);
    if (n >= MAX_CHUNKS * CHUNK_SIZE) return ATOM_NOT_FOUND;
    if ((n + 1) * 2 > index_cap) {
        if (!grow_index()) return ATOM_NOT_FOUND;
        slot = find_slot(s, len, h);
    }
    if (!chunks[n >> CHUNK_BITS]) {
        chunks[n >> CHUNK_BITS] = mem_calloc(CHUNK_SIZE, sizeof(struct atom_entry));
        if (!chunks[n >> CHUNK_BITS]) return ATOM_NOT_FOUND;
    }
    char *copy = mem_malloc(len + 1);
    if (!copy) return ATOM_NOT_FOUND;
    memcpy(copy, s, len);
    copy[len] = 0;
    struct atom_entry *e = entry(n);
    e->text = copy;
    e->len = (uint32_t)len;
    e->hash = h;
    *slot = n + 1;
    atomic_store_explicit(&count, n + 1, memory_order_release);
    return n;
}

static void init_once(void) {
    static const struct {
        const char *text;
    } predefined[] = {
#define ATOM(c, text) {text},
#include "atoms.def"
#undef ATOM
    };
    pthread_mutex_lock(&lock);
    grow_index();
    for (size_t i = 0; i < sizeof predefined / sizeof predefined[0]; i++)
        intern_locked(predefined[i].text, strlen(predefined[i].text));
    pthread_mutex_unlock(&lock);
}

void atom_init(void) { pthread_once(&once, init_once); }

uint32_t atom_intern(const char *utf8, size_t len) {
    long chars = utf8_chars(utf8, len);
    if (chars < 0 || chars > ATOM_MAX_CHARS) return ATOM_NOT_FOUND;
    atom_init();
    pthread_mutex_lock(&lock);
    uint32_t i = intern_locked(utf8, len);
    pthread_mutex_unlock(&lock);
    return i;
}

uint32_t atom_lookup(const char *utf8, size_t len) {
    atom_init();
    pthread_mutex_lock(&lock);
    uint32_t *slot = find_slot(utf8, len, hash_text(utf8, len));
    uint32_t i = *slot ? *slot - 1 : ATOM_NOT_FOUND;
    pthread_mutex_unlock(&lock);
    return i;
}

const char *atom_text(uint32_t index, size_t *len) {
    struct atom_entry *e = entry(index);
    if (len) *len = e->len;
    return e->text;
}

uint32_t atom_count(void) { return atomic_load_explicit(&count, memory_order_acquire); }
