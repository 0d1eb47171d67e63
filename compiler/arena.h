/*
 * arena.h — a bump allocator for the compiler front end.
 *
 * Everything the lexer, preprocessor and parser build (tokens, AST nodes,
 * strings) comes from one arena and is freed at once by arena_free.
 * Memory is 8-byte aligned. Allocation failure returns NULL (callers treat
 * it as an error, never crash). Not thread-safe: one arena per compilation.
 */
#ifndef MOAT_ARENA_H
#define MOAT_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
    struct arena_chunk *chunks; /* newest first */
    char *cur, *end;            /* free space in the newest chunk */
};

struct arena *arena_new(void);
void *arena_alloc(struct arena *a, size_t n);           /* zeroed */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n); /* NUL-terminated copy */
/* Grow an array allocated from the arena: copies old contents, old space is
   not reclaimed (amortised by doubling at the call site). */
void *arena_realloc(struct arena *a, void *old, size_t old_n, size_t new_n);
void arena_free(struct arena *a);

#endif
