/*
 * mi_shim.c — mimalloc's entry points on the C library's allocator, linked
 * into the ASan fuzzer (tests/build-variant.sh) ahead of libmimalloc, so
 * AddressSanitizer sees every heap block: mimalloc's own pages are not
 * instrumented, and an overflow inside them would go unnoticed or surface
 * far away as a corrupted free list. The TSan builds link it too: TSan
 * cannot see mimalloc's own synchronisation between threads.
 */
#include <stdlib.h>
#include <string.h>

void *mi_malloc(size_t n) { return malloc(n ? n : 1); }
void *mi_zalloc(size_t n) { return calloc(1, n ? n : 1); }
void *mi_calloc(size_t count, size_t size) { return calloc(count ? count : 1, size ? size : 1); }
void *mi_realloc(void *p, size_t n) { return realloc(p, n ? n : 1); }
void *mi_malloc_aligned(size_t n, size_t align) {
    void *p = NULL;
    return posix_memalign(&p, align < sizeof(void *) ? sizeof(void *) : align, n ? n : 1) ? NULL : p;
}
void mi_free(void *p) { free(p); }
char *mi_strdup(const char *s) { return strdup(s); }
char *mi_strndup(const char *s, size_t n) { return strndup(s, n); }
