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
 * guards allocation of slots and structs; lookups never take it. Each
 * node has its own table (vm/node.h).
 */
#include "ptab.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>

#include "alloc.h"
#include "node.h"
#include "proc.h"

#define INDEX_MASK ((UINT64_C(1) << PTAB_INDEX_BITS) - 1)

struct ptab {
    struct proc *_Atomic *slots;
    uint32_t *serials;
    uint32_t max_procs;
    uint32_t never_used; /* slots [never_used, max) have not been used yet (0 never is) */
    uint32_t *free_ring; /* FIFO of freed slot indices */
    uint32_t ring_head, ring_count;
    struct proc *free_structs;
    _Atomic uint32_t live;
    void (*destroy_proc)(struct proc *);
    pthread_mutex_t lock;
};

static void *reserve(size_t bytes) {
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

struct ptab *ptab_create(uint32_t max_processes, void (*destroy)(struct proc *)) {
    struct ptab *tab = mem_zalloc(sizeof *tab);
    if (!tab) return NULL;
    if (max_processes < 16) max_processes = 16;
    if (max_processes > PTAB_MAX_LIMIT) max_processes = PTAB_MAX_LIMIT;
    /* reserved address space, zero pages touched only as slots are used
       (the default limit is millions of processes, the usual use a few) */
    tab->slots = reserve((size_t)max_processes * sizeof *tab->slots);
    tab->serials = reserve((size_t)max_processes * sizeof *tab->serials);
    tab->free_ring = reserve((size_t)max_processes * sizeof *tab->free_ring);
    tab->max_procs = max_processes;
    tab->never_used = 1;
    tab->destroy_proc = destroy;
    pthread_mutex_init(&tab->lock, NULL);
    if (!tab->slots || !tab->serials || !tab->free_ring) {
        ptab_destroy(tab);
        return NULL;
    }
    return tab;
}

void ptab_destroy(struct ptab *tab) {
    if (!tab) return;
    for (uint32_t i = 0; tab->slots && i < tab->never_used; i++) {
        struct proc *p = atomic_load_explicit(&tab->slots[i], memory_order_relaxed);
        if (p) mem_free(p); /* a process nobody ended: its struct only */
    }
    while (tab->free_structs) {
        struct proc *p = tab->free_structs;
        tab->free_structs = p->free_next;
        mem_free(p);
    }
    size_t n = tab->max_procs;
    if (tab->slots) munmap((void *)tab->slots, n * sizeof *tab->slots);
    if (tab->serials) munmap(tab->serials, n * sizeof *tab->serials);
    if (tab->free_ring) munmap(tab->free_ring, n * sizeof *tab->free_ring);
    pthread_mutex_destroy(&tab->lock);
    mem_free(tab);
}

static uint64_t load_id(struct proc *p) { return __atomic_load_n(&p->id, __ATOMIC_ACQUIRE); }

struct proc *ptab_new(void) {
    struct ptab *tab = node_cur()->ptab;
    pthread_mutex_lock(&tab->lock);
    uint32_t slot;
    if (tab->ring_count) {
        slot = tab->free_ring[tab->ring_head];
        tab->ring_head = (tab->ring_head + 1) % tab->max_procs;
        tab->ring_count--;
    } else if (tab->never_used < tab->max_procs) {
        slot = tab->never_used++;
    } else {
        pthread_mutex_unlock(&tab->lock);
        return NULL;
    }
    struct proc *p = tab->free_structs;
    if (p) tab->free_structs = p->free_next;
    pthread_mutex_unlock(&tab->lock);
    if (!p && !(p = mem_malloc(sizeof *p))) {
        pthread_mutex_lock(&tab->lock); /* give the slot back */
        tab->free_ring[(tab->ring_head + tab->ring_count++) % tab->max_procs] = slot;
        pthread_mutex_unlock(&tab->lock);
        return NULL;
    }
    /* The struct may still be looked at by a stale lookup: keep refc 0
       until it is fully reset, and publish the new id before the slot. */
    atomic_store_explicit(&p->refc, 0, memory_order_relaxed);
    uint64_t pid = pid_number(slot, tab->serials[slot]++ & 0xFFFFFFF);
    memset(p, 0, offsetof(struct proc, refc));
    p->free_next = NULL;
    __atomic_store_n(&p->id, pid, __ATOMIC_RELEASE);
    atomic_store_explicit(&p->refc, 1, memory_order_release);
    atomic_store_explicit(&tab->slots[slot], p, memory_order_release);
    atomic_fetch_add_explicit(&tab->live, 1, memory_order_relaxed);
    return p;
}

struct proc *ptab_lookup(uint64_t pid) {
    struct ptab *tab = node_cur()->ptab;
    uint64_t slot = pid & INDEX_MASK;
    if (slot >= tab->max_procs) return NULL;
    struct proc *p = atomic_load_explicit(&tab->slots[slot], memory_order_acquire);
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
    struct ptab *tab = node_cur()->ptab;
    uint64_t slot = load_id(p) & INDEX_MASK;
    atomic_store_explicit(&tab->slots[slot], NULL, memory_order_release);
    pthread_mutex_lock(&tab->lock);
    tab->free_ring[(tab->ring_head + tab->ring_count++) % tab->max_procs] = (uint32_t)slot;
    pthread_mutex_unlock(&tab->lock);
    atomic_fetch_sub_explicit(&tab->live, 1, memory_order_relaxed);
}

void ptab_release(struct proc *p) {
    if (atomic_fetch_sub_explicit(&p->refc, 1, memory_order_acq_rel) != 1) return;
    struct ptab *tab = node_cur()->ptab;
    if (tab->destroy_proc) tab->destroy_proc(p);
    pthread_mutex_lock(&tab->lock);
    p->free_next = tab->free_structs;
    tab->free_structs = p;
    pthread_mutex_unlock(&tab->lock);
}

uint32_t ptab_limit(void) {
    struct ptab *tab = node_cur()->ptab;
    return tab->max_procs ? tab->max_procs - 1 : 0;
}

uint32_t ptab_count(void) { return atomic_load_explicit(&node_cur()->ptab->live, memory_order_relaxed); }

void ptab_foreach(void (*fn)(struct proc *, void *), void *arg) {
    struct ptab *tab = node_cur()->ptab;
    uint32_t n;
    pthread_mutex_lock(&tab->lock);
    n = tab->never_used;
    pthread_mutex_unlock(&tab->lock);
    for (uint32_t i = 0; i < n; i++) {
        struct proc *p = atomic_load_explicit(&tab->slots[i], memory_order_acquire);
        if (!p) continue;
        struct proc *q = ptab_lookup(load_id(p));
        if (!q) continue;
        fn(q, arg);
        ptab_release(q);
    }
}
