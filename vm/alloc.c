/*
 * alloc.c — C memory (see alloc.h). Without a host allocator each call is
 * one test and a call into mimalloc. With one, sizes of blocks are not
 * known to Moat (mem_free takes none), so the host's function is
 * realloc-like rather than Lua's (ptr, osize, nsize).
 */
#include "alloc.h"

#include <mimalloc.h>
#include <stdatomic.h>
#include <string.h>

static mem_alloc_fn host_fn;
static void *host_ud;
static _Atomic bool taken; /* some memory was handed out */

bool mem_set_allocator(mem_alloc_fn fn, void *ud) {
    if (fn == host_fn && ud == host_ud) return true;
    if (atomic_load_explicit(&taken, memory_order_relaxed)) return false;
    host_fn = fn;
    host_ud = ud;
    return true;
}

static inline void note_taken(void) {
    if (!atomic_load_explicit(&taken, memory_order_relaxed)) atomic_store_explicit(&taken, true, memory_order_relaxed);
}

void *mem_malloc(size_t size) {
    note_taken();
    if (!host_fn) return mi_malloc(size);
    return host_fn(host_ud, NULL, size ? size : 1);
}

void *mem_zalloc(size_t size) {
    note_taken();
    if (!host_fn) return mi_zalloc(size);
    void *p = host_fn(host_ud, NULL, size ? size : 1);
    if (p) memset(p, 0, size);
    return p;
}

void *mem_calloc(size_t count, size_t size) {
    size_t bytes;
    if (__builtin_mul_overflow(count, size, &bytes)) return NULL;
    if (!host_fn) {
        note_taken();
        return mi_calloc(count, size);
    }
    return mem_zalloc(bytes);
}

void *mem_realloc(void *p, size_t size) {
    note_taken();
    if (!host_fn) return mi_realloc(p, size);
    return host_fn(host_ud, p, size ? size : 1);
}

char *mem_strndup(const char *s, size_t n) {
    size_t len = strnlen(s, n);
    char *d = mem_malloc(len + 1);
    if (!d) return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *mem_strdup(const char *s) { return mem_strndup(s, strlen(s)); }

void mem_free(void *p) {
    if (!p) return;
    if (!host_fn) mi_free(p);
    else host_fn(host_ud, p, 0);
}
