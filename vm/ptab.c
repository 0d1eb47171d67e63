/*
 * ptab.c — the process table (see ptab.h for the lifetime rules).
 *
 * The slot arrays are reserved with mmap (lazily zeroed pages: a limit of
 * millions costs nothing until used); process structs come from mimalloc.
 * Slots are an array of atomic pointers indexed by the low bits of the
 * pid; a per-slot serial makes the high bits. Freed slots are reused in
 * FIFO order so a stale pid stays unused as long as possible. Process
 * structs are recycled through a free list and never freed while the
 * table exists: that is what makes the lock-free lookup safe. One mutex
 * guards allocation of slots and structs; lookups never take it.
 */
#include "ptab.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>

#include "alloc.h"
#include "proc.h"

#define INDEX_MASK ((UINT64_C(1) << PTAB_INDEX_BITS) - 1)

static struct proc *_Atomic *slots;
static uint32_t *serials;
static uint32_t max_procs;
static uint32_t never_used = 1; /* slots [never_used, max) have not been used yet (0 never is) */
static uint32_t *free_ring; /* FIFO of freed slot indices */
static uint32_t ring_head, ring_count;
static struct proc *free_structs;
static _Atomic uint32_t live;
static void (*destroy_proc)(struct proc *);
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *reserve(size_t bytes) {
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

bool ptab_init(uint32_t max_processes, void (*destroy)(struct proc *)) {
    destroy_proc = destroy;
    if (slots) return true;
    if (max_processes < 16) max_processes = 16;
    if (max_processes > PTAB_MAX_LIMIT) max_processes = PTAB_MAX_LIMIT;
    /* reserved address space, zero pages touched only as slots are used
       (the default limit is millions of processes, the usual use a few) */
    slots = reserve((size_t)max_processes * sizeof *slots);
    serials = reserve((size_t)max_processes * sizeof *serials);
    free_ring = reserve((size_t)max_processes * sizeof *free_ring);
    if (!slots || !serials || !free_ring) {
        slots = NULL;
        return false;
    }
    max_procs = max_processes;
    return true;
}

static uint64_t load_id(struct proc *p) { return __atomic_load_n(&p->id, __ATOMIC_ACQUIRE); }

struct proc *ptab_new(void) {
    pthread_mutex_lock(&lock);
    uint32_t slot;
    if (ring_count) {
        slot = free_ring[ring_head];
        ring_head = (ring_head + 1) % max_procs;
        ring_count--;
    } else if (never_used < max_procs) {
        slot = never_used++;
    } else {
        pthread_mutex_unlock(&lock);
        return NULL;
    }
    struct proc *p = free_structs;
    if (p) free_structs = p->free_next;
    pthread_mutex_unlock(&lock);
    if (!p && !(p = mem_malloc(sizeof *p))) {
        pthread_mutex_lock(&lock); /* give the slot back */
        free_ring[(ring_head + ring_count++) % max_procs] = slot;
        pthread_mutex_unlock(&lock);
        return NULL;
    }
    /* The struct may still be looked at by a stale lookup: keep refc 0
       until it is fully reset, and publish the new id before the slot. */
    atomic_store_explicit(&p->refc, 0, memory_order_relaxed);
    uint64_t pid = pid_number(slot, serials[slot]++ & 0xFFFFFFF);
    memset(p, 0, offsetof(struct proc, refc));
    p->free_next = NULL;
    __atomic_store_n(&p->id, pid, __ATOMIC_RELEASE);
    atomic_store_explicit(&p->refc, 1, memory_order_release);
    atomic_store_explicit(&slots[slot], p, memory_order_release);
    atomic_fetch_add_explicit(&live, 1, memory_order_relaxed);
    return p;
}

struct proc *ptab_lookup(uint64_t pid) {
    uint64_t slot = pid & INDEX_MASK;
    if (slot >= max_procs) return NULL;
    struct proc *p = atomic_load_explicit(&slots[slot], memory_order_acquire);
    if (!p) return NULL;
    uint32_t n = atomic_load_explicit(&p->refc, memory_order_relaxed);
    do {
        if (n == 0) return NULL;
    } while (!atomic_compare_exchange_weak_explicit(&p->refc, &n, n + 1, memory_order_acquire, memory_order_relaxed));
    if (load_id(p) != pid) {
        /* recycled for another pid between the load and the increment */
        ptab_release(p);
        return NULL;
    }
    return p;
}

void ptab_remove(struct proc *p) {
    uint64_t slot = load_id(p) & INDEX_MASK;
    atomic_store_explicit(&slots[slot], NULL, memory_order_release);
    pthread_mutex_lock(&lock);
    free_ring[(ring_head + ring_count++) % max_procs] = (uint32_t)slot;
    pthread_mutex_unlock(&lock);
    atomic_fetch_sub_explicit(&live, 1, memory_order_relaxed);
}

void ptab_release(struct proc *p) {
    if (atomic_fetch_sub_explicit(&p->refc, 1, memory_order_acq_rel) != 1) return;
    if (destroy_proc) destroy_proc(p);
    pthread_mutex_lock(&lock);
    p->free_next = free_structs;
    free_structs = p;
    pthread_mutex_unlock(&lock);
}

uint32_t ptab_limit(void) { return max_procs ? max_procs - 1 : 0; }

uint32_t ptab_count(void) { return atomic_load_explicit(&live, memory_order_relaxed); }

void ptab_foreach(void (*fn)(struct proc *, void *), void *arg) {
    uint32_t n;
    pthread_mutex_lock(&lock);
    n = never_used;
    pthread_mutex_unlock(&lock);
    for (uint32_t i = 0; i < n; i++) {
        struct proc *p = atomic_load_explicit(&slots[i], memory_order_acquire);
        if (!p) continue;
        struct proc *q = ptab_lookup(load_id(p));
        if (!q) continue;
        fn(q, arg);
        ptab_release(q);
    }
}
