/*
 * call_cost.c — what a host pays per moat_call of a trivial function and
 * per moat_send + moat_receive round trip to an echo actor (not part of
 * make check; bench/run.sh does not build it). Build against the library:
 *   cc -O2 -Ivm bench/embed/call_cost.c .libs/libmoat.a -luv -lmimalloc -lgmp -lm -lpthread
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "moat.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 20000;
    moat_vm *vm = moat_open(NULL);
    const char src[] = "-module(b).\n-export([id/1, echo/0]).\nid(X) -> X.\n"
                       "echo() -> receive {P, X} -> P ! X, echo() end.\n";
    char *err;
    if (!vm || moat_load_source(vm, "b.erl", src, sizeof src - 1, &err) != MOAT_OK) return 1;
    moat_ctx *c = moat_ctx_new(vm);
    moat_term arg = moat_int(c, 1), r;
    double t0 = now();
    for (int i = 0; i < n; i++) {
        if (moat_call(c, "b", "id", 1, &arg, &r, -1) != MOAT_OK) return 1;
        moat_release(c, r);
    }
    double t1 = now();
    moat_pid echo;
    moat_spawn(c, "b", "echo", moat_nil(c), NULL, &echo);
    moat_term msg = moat_tuple(c, 2, (moat_term[]){moat_pid_term(c, moat_self(c)), arg});
    double t2 = now();
    for (int i = 0; i < n; i++) {
        moat_send_pid(c, echo, msg);
        if (moat_receive(c, -1, &r) != MOAT_OK) return 1;
        moat_release(c, r);
    }
    double t3 = now();
    printf("moat_call of id/1:            %.2f us\n", (t1 - t0) / n * 1e6);
    printf("moat_send + moat_receive:     %.2f us\n", (t3 - t2) / n * 1e6);
    moat_close(vm);
    return 0;
}
