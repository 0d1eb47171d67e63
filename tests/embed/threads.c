/*
 * threads.c — the embedding API from several host threads at once, built
 * with ThreadSanitizer by tests/embed/variants.sh: three threads, each with
 * its own context, make calls (some through an inline native), message
 * round trips to their echo actor and calls of a blocking native; twice,
 * with moat_close and moat_open between. Prints each thread's sum (44850).
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "moat.h"

static moat_vm *vm;

static const char src[] = "-module(b).\n-export([id/1, echo/0, nat/1]).\n"
                          "id(X) -> X.\n"
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

int main(void) {
    for (int round = 0; round < 2; round++) {
        vm = moat_open(NULL);
        if (!vm) return 1;
        moat_register_native(vm, "host", "twice", 1, twice, NULL);
        moat_register_native_ex(vm, "host", "slow", 1, slow, NULL, MOAT_NATIVE_BLOCKING, NULL);
        char *err;
        if (moat_load_source(vm, "b.erl", src, sizeof src - 1, &err) != MOAT_OK) return 1;
        pthread_t t[3];
        void *sum[3];
        for (int i = 0; i < 3; i++) pthread_create(&t[i], NULL, worker, NULL);
        for (int i = 0; i < 3; i++) {
            pthread_join(t[i], &sum[i]);
            printf("%ld\n", (long)sum[i]);
        }
        moat_close(vm);
    }
    return 0;
}
