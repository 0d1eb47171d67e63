/*
 * arena.c — bump allocation in chunks (see arena.h).
 * Invariant: cur <= end, both inside the newest chunk (or both NULL).
 * Big requests get their own chunk so the current one is not wasted.
 */
#include "arena.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"

struct arena_chunk {
    struct arena_chunk *next;
    size_t size;
    /* data follows, 16-aligned */
};

#define ARENA_CHUNK_SIZE (64 * 1024)
#define ARENA_HDR ((sizeof(struct arena_chunk) + 15) & ~(size_t)15)

struct arena *arena_new(void) {
    return mem_zalloc(sizeof(struct arena));
}

static struct arena_chunk *arena_chunk_new(struct arena *a, size_t data) {
    struct arena_chunk *c = mem_malloc(ARENA_HDR + data);
    if (!c) return NULL;
    c->size = data;
    c->next = a->chunks;
    a->chunks = c;
    return c;
}

void *arena_alloc(struct arena *a, size_t n) {
    if (!a) return NULL;
    n = (n + 7) & ~(size_t)7;
    if (n == 0) n = 8;
    if ((size_t)(a->end - a->cur) < n) {
        if (n > ARENA_CHUNK_SIZE / 4) {
            /* big: own chunk, inserted after the current one */
            struct arena_chunk *c = mem_malloc(ARENA_HDR + n);
            if (!c) return NULL;
            c->size = n;
            if (a->chunks) {
                c->next = a->chunks->next;
                a->chunks->next = c;
            } else {
                c->next = NULL;
                a->chunks = c;
            }
            char *p = (char *)c + ARENA_HDR;
            memset(p, 0, n);
            return p;
        }
        struct arena_chunk *c = arena_chunk_new(a, ARENA_CHUNK_SIZE);
        if (!c) return NULL;
        a->cur = (char *)c + ARENA_HDR;
        a->end = a->cur + ARENA_CHUNK_SIZE;
    }
    char *p = a->cur;
    a->cur += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n) {
    char *p = arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(struct arena *a, const char *s) {
    return arena_strndup(a, s, strlen(s));
}

void *arena_realloc(struct arena *a, void *old, size_t old_n, size_t new_n) {
    void *p = arena_alloc(a, new_n);
    if (p && old) memcpy(p, old, old_n < new_n ? old_n : new_n);
    return p;
}

void arena_free(struct arena *a) {
    if (!a) return;
    struct arena_chunk *c = a->chunks;
    while (c) {
        struct arena_chunk *next = c->next;
        mem_free(c);
        c = next;
    }
    mem_free(a);
}
