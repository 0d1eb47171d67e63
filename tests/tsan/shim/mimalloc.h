/* Under ThreadSanitizer, Moat's allocations go to the C library, whose
   allocator TSan understands (memory reused by mimalloc's free lists would
   look like races). Only tests/tsan builds put this directory first. */
#ifndef MOAT_TSAN_MIMALLOC_SHIM
#define MOAT_TSAN_MIMALLOC_SHIM
#include <stdlib.h>
#include <string.h>
#define mi_malloc malloc
#define mi_calloc calloc
#define mi_realloc realloc
#define mi_free free
#define mi_zalloc(n) calloc(1, (n))
#define mi_strdup strdup
#define mi_strndup strndup
#define mi_malloc_aligned(n, a) aligned_alloc((a), (n))
#endif
