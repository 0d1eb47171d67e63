/*
 * alloc_fail.c — the VM under a failing allocator (Lua's ltests idea),
 * through the embedding API's allocator hook: allocation number N and
 * every one after it fail, for N across the whole of a workload (opening
 * a VM, compiling and loading a module, calls that spawn, send, use ETS,
 * maps and binaries, closing). Nothing may crash, hang or leak: each step
 * either works or reports an error, and moat_close gives back what the
 * VM took. Built with ASan by tests/embed/variants.sh.
 *   alloc_fail [STEPS]   (default 100: N spread over the workload)
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "moat.h"

/* under the lock: every scheduler thread allocates */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long left = -1; /* allocations that may still succeed; -1: all */
static long taken;     /* allocations so far */
static long live;      /* blocks not given back */

static void *failing_alloc(void *ud, void *p, size_t size) {
    (void)ud;
    void *q = NULL;
    pthread_mutex_lock(&lock);
    if (size == 0) {
        if (p) live--;
        free(p);
    } else if (left != 0) {
        if (left > 0) left--;
        taken++;
        q = realloc(p, size);
        if (q && !p) live++;
    }
    pthread_mutex_unlock(&lock);
    return q;
}

static const char src[] =
    "-module(w).\n-export([run/1, worker/1]).\n"
    "worker(P) -> receive {N, Bin} -> P ! {self(), N * 2, byte_size(Bin)} end.\n"
    "run(N) ->\n"
    "    T = ets:new(t, [set]),\n"
    "    Ps = [spawn(w, worker, [self()]) || _ <- lists:seq(1, N)],\n"
    "    [P ! {I, binary:copy(<<I>>, 100)} || {I, P} <- lists:zip(lists:seq(1, N), Ps)],\n"
    "    Rs = [receive {P, V, S} -> V + S after 200 -> 0 end || P <- Ps],\n"
    "    ets:insert(T, [{I, #{k => I}} || I <- Rs]),\n"
    "    M = maps:from_list([{I, integer_to_list(I)} || I <- Rs]),\n"
    "    io:format(\"~p~n\", [lists:sum(Rs)]),\n"
    "    {ets:info(T, size), map_size(M), lists:flatten(io_lib:format(\"~w\", [lists:sort(Rs)]))}.\n";

static void quiet(int fd, const char *bytes, size_t len, void *ud) { (void)fd, (void)bytes, (void)len, (void)ud; }

/* One workload; returns how many steps worked. */
static int workload(int call_ms) {
    moat_config cfg;
    moat_config_init(&cfg);
    cfg.schedulers = 2;
    cfg.alloc = failing_alloc;
    cfg.output = quiet;
    moat_vm *vm = moat_open(&cfg);
    if (!vm) return 0;
    int ok = 1;
    char *err = NULL;
    if (moat_load_source(vm, "w.erl", src, sizeof src - 1, &err) == MOAT_OK) ok++;
    moat_free(err);
    moat_ctx *c = moat_ctx_new(vm);
    if (c) {
        /* once memory is gone even the answer may not get through: the
           call's time limit ends the wait (short, when allocations fail) */
        for (int i = 0; i < 3; i++) {
            moat_term arg = moat_int(c, 20), r;
            if (moat_call(c, "w", "run", 1, &arg, &r, call_ms) != MOAT_OK) break;
            ok++;
            moat_clear(c);
        }
        moat_ctx_free(c);
    }
    moat_close(vm);
    return ok;
}

int main(int argc, char **argv) {
    long steps = argc > 1 ? atol(argv[1]) : 100;
    /* a full run first: the process-wide tables (atoms, BIFs) are made once */
    if (workload(20000) != 5) {
        fprintf(stderr, "alloc_fail: the workload fails without failing allocations\n");
        return 1;
    }
    long base = live;
    taken = 0;
    if (workload(20000) != 5 || live != base) {
        fprintf(stderr, "alloc_fail: a second full run leaks %ld blocks\n", live - base);
        return 1;
    }
    long total = taken;
    long worked[6] = {0};
    for (long s = 0; s < steps; s++) {
        left = total * s / steps;
        if (getenv("ALLOC_FAIL_VERBOSE")) fprintf(stderr, "from %ld\n", total * s / steps);
        int ok = workload(300);
        left = -1;
        worked[ok]++;
        if (live != base) {
            fprintf(stderr, "alloc_fail: failing from allocation %ld leaks %ld blocks\n", total * s / steps, live - base);
            return 1;
        }
    }
    printf("alloc_fail: %ld allocations per run, %ld runs failing from one of them on: "
           "%ld opened nothing, %ld loaded nothing, %ld/%ld/%ld/%ld made 0-3 calls\n",
           total, steps, worked[0], worked[1], worked[2], worked[3], worked[4], worked[5]);
    return 0;
}
