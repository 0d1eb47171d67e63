/*
 * threads.c — the embedding API from several host threads at once, built
 * with ThreadSanitizer by tests/embed/variants.sh: three threads, each with
 * its own context, make calls (some through an inline native), message
 * round trips to their echo actor and calls of a blocking native; twice,
 * with moat_close and moat_open between; then two VMs at once, two
 * threads each. Prints each thread's sum.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "moat.h"

static const char src[] = "-module(b).\n-export([id/1, echo/0, nat/1]).\n"
                          "id(X) -> X.\n"
                          "nat(X) -> host:twice(X) div 2.\n"
                          "echo() -> receive {P, X} -> P ! X, echo() end.\n";
/* the same module name in a second VM, with another id/1 */
static const char src2[] = "-module(b).\n-export([id/1, echo/0, nat/1]).\n"
                           "id(X) -> 2 * X.\n"
                           "nat(X) -> host:twice(X) div 2.\n"
                           "echo() -> receive {P, X} -> P ! X, echo() end.\n";

static moat_term slow(moat_ctx *c, size_t argc, const moat_term *argv, void *ud) {
    usleep(1000);
    return argv[0];
}

static moat_term twice(moat_ctx *c, size_t argc, const moat_term *argv, void *ud) {
    int64_t v;
    moat_get_int(c, argv[0], &v);
    return moat_int(c, 2 * v);
}

static void *worker(void *arg) {
    moat_vm *vm = arg;
    moat_ctx *c = moat_ctx_new(vm);
    moat_pid echo;
    moat_spawn(c, "b", "echo", moat_nil(c), NULL, &echo);
    long sum = 0;
    for (int i = 0; i < 300; i++) {
        moat_term a = moat_int(c, i), r;
        int64_t v;
        if (moat_call(c, "b", (i % 3) ? "id" : "nat", 1, &a, &r, 10000) != MOAT_OK) return (void *)-1L;
        moat_get_int(c, r, &v);
        sum += v;
        moat_send_pid(c, echo, moat_tuple(c, 2, (moat_term[]){moat_pid_term(c, moat_self(c)), a}));
        if (moat_receive(c, 10000, &r) != MOAT_OK) return (void *)-2L;
        if (i % 50 == 0 && moat_call(c, "host", "slow", 1, &a, &r, 10000) != MOAT_OK) return (void *)-3L;
        moat_clear(c);
    }
    moat_ctx_free(c);
    return (void *)sum;
}

static moat_vm *open_vm(const char *text, size_t len) {
    moat_vm *vm = moat_open(NULL);
    if (!vm) return NULL;
    moat_register_native(vm, "host", "twice", 1, twice, NULL);
    moat_register_native_ex(vm, "host", "slow", 1, slow, NULL, MOAT_NATIVE_BLOCKING, NULL);
    char *err;
    if (moat_load_source(vm, "b.erl", text, len, &err) != MOAT_OK) return NULL;
    return vm;
}

/* Rounds 1 and 2: one VM, three threads, closed and opened again between.
   Round 3: two VMs at once, two threads in each (b:id/1 doubles in the
   second, so its threads print 74850). */
int main(void) {
    for (int round = 0; round < 3; round++) {
        moat_vm *vm[2] = {open_vm(src, sizeof src - 1), round == 2 ? open_vm(src2, sizeof src2 - 1) : NULL};
        int nthreads = round == 2 ? 4 : 3;
        if (!vm[0] || (round == 2 && !vm[1])) return 1;
        pthread_t t[4];
        void *sum[4];
        for (int i = 0; i < nthreads; i++) pthread_create(&t[i], NULL, worker, vm[round == 2 ? i % 2 : 0]);
        for (int i = 0; i < nthreads; i++) {
            pthread_join(t[i], &sum[i]);
            printf("%ld\n", (long)sum[i]);
        }
        moat_close(vm[0]);
        moat_close(vm[1]);
    }
    return 0;
}
