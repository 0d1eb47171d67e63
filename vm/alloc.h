/*
 * alloc.h — the one way Moat takes C memory and gives it back
 * (vm/alloc.c). mimalloc by default; an embedding host may put its own
 * allocator in its place (moat_config.alloc), for the whole OS process.
 *
 * Every function may return NULL when memory is short; callers handle it
 * (an actor that cannot get memory dies with a reason, the VM goes on).
 * mem_free(NULL) does nothing.
 */
#ifndef MOAT_ALLOC_H
#define MOAT_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

void *mem_malloc(size_t size);
void *mem_zalloc(size_t size);
void *mem_calloc(size_t count, size_t size);
void *mem_realloc(void *p, size_t size);
char *mem_strdup(const char *s);
char *mem_strndup(const char *s, size_t n);
void mem_free(void *p);

/* A host's allocator, realloc-like: fn(ud, NULL, n) allocates, fn(ud, p,
   n) resizes, fn(ud, p, 0) frees and returns NULL. */
typedef void *(*mem_alloc_fn)(void *ud, void *p, size_t size);
/* Make fn (NULL: mimalloc) the process's allocator. Only before any
   memory was taken, or to the same allocator again: false otherwise
   (memory already taken must be given back to who gave it). */
bool mem_set_allocator(mem_alloc_fn fn, void *ud);

#endif
