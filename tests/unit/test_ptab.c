/*
 * Unit tests of the process table: pids are unique, stale pids find
 * nothing, and lookups racing with exits never see a recycled process.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdatomic.h>

#include "node.h"
#include "proc.h"
#include "ptab.h"

static _Atomic int destroyed;
static void count_destroy(struct proc *p) { atomic_fetch_add(&destroyed, 1); }

/* A node whose only table is a 64-slot process table. */
static struct node node;
static void enter_small_table(void) {
    node.ptab = ptab_create(64, count_destroy);
    cr_assert_not_null(node.ptab);
    node_enter(&node);
}

Test(ptab, stale_pid_finds_nothing) {
    enter_small_table();
    struct proc *a = ptab_new();
    cr_assert_not_null(a);
    uint64_t pid = a->id;
    struct proc *found = ptab_lookup(pid);
    cr_assert_eq(found, a);
    ptab_release(found);
    int before = atomic_load(&destroyed);
    ptab_remove(a);
    ptab_release(a);
    cr_assert_eq(atomic_load(&destroyed), before + 1);
    cr_assert_null(ptab_lookup(pid));
    /* fill every slot: the old pid still finds nothing */
    struct proc *all[64];
    int n = 0;
    while (n < 64 && (all[n] = ptab_new())) n++;
    cr_assert_null(ptab_new(), "table should be full");
    cr_assert_null(ptab_lookup(pid));
    for (int i = 0; i < n; i++) {
        cr_assert_neq(all[i]->id, pid);
        ptab_remove(all[i]);
        ptab_release(all[i]);
    }
    cr_assert_eq(ptab_count(), 0);
}

static _Atomic bool stop;
static _Atomic uint64_t current;

static void *looker(void *arg) {
    node_enter(&node);
    long hits = 0;
    while (!atomic_load(&stop)) {
        uint64_t pid = atomic_load(&current);
        struct proc *p = ptab_lookup(pid);
        if (p) {
            cr_assert_eq(p->id, pid);
            hits++;
            ptab_release(p);
        }
    }
    return (void *)hits;
}

Test(ptab, lookups_race_with_exits) {
    enter_small_table();
    pthread_t th[2];
    for (int i = 0; i < 2; i++) pthread_create(&th[i], NULL, looker, NULL);
    int before = atomic_load(&destroyed);
    for (int i = 0; i < 200000; i++) {
        struct proc *p = ptab_new();
        cr_assert_not_null(p);
        atomic_store(&current, p->id);
        ptab_remove(p);
        ptab_release(p);
    }
    atomic_store(&stop, true);
    for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
    cr_assert_eq(atomic_load(&destroyed), before + 200000);
}
