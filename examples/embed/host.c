/*
 * host.c — a plugin runner embedding Moat (docs/embedding.md).
 *
 * Loads the Erlang plugins in plugins/, gives them one native (host:log/1),
 * and runs each in its own actor under limits: a CPU budget, a memory
 * budget, and no file, network, OS or halt capability. A plugin that
 * crashes, loops, allocates without end or reaches for a file fails
 * alone; the host and the other plugins go on. Then it talks to a
 * stateful plugin with messages. Run from this directory; make check
 * compares its output with host.out.
 */
#include <stdio.h>
#include <string.h>

#include "moat.h"

/* host:log(Binary): a native the plugins may call */
static moat_term host_log(moat_ctx *ctx, size_t argc, const moat_term *argv, void *userdata) {
    const uint8_t *bytes;
    size_t len;
    if (moat_get_binary(ctx, argv[0], &bytes, &len) != MOAT_OK)
        return moat_raise(ctx, "error", moat_atom(ctx, "badarg"));
    printf("  [host log] %.*s\n", (int)len, (const char *)bytes);
    (*(int *)userdata)++;
    return moat_atom(ctx, "ok");
}

/* Erlang's io:format output, marked */
static void output(int fd, const char *bytes, size_t len, void *userdata) {
    printf("  [erlang %s] %.*s", fd == 2 ? "stderr" : "stdout", (int)len, bytes);
}

static void run_plugin(moat_ctx *ctx, const char *name, moat_term arg) {
    char text[256];
    moat_term result;
    int rc = moat_call(ctx, name, "run", 1, &arg, &result, 10000);
    if (rc == MOAT_OK) {
        moat_format(ctx, result, text, sizeof text);
        printf("%-8s -> ok: %s\n", name, text);
    } else if (rc == MOAT_ERROR) {
        char cls[16];
        moat_format(ctx, moat_error_class(ctx), cls, sizeof cls);
        moat_format(ctx, moat_error_reason(ctx), text, sizeof text);
        printf("%-8s -> failed: %s:%s\n", name, cls, text);
    } else {
        printf("%-8s -> status %d\n", name, rc);
    }
    moat_clear(ctx);
}

static int talk_to_counter(moat_ctx *ctx) {
    moat_pid counter;
    moat_term args = moat_list(ctx, 1, (moat_term[]){moat_int(ctx, 100)});
    if (moat_spawn(ctx, "counter", "start", args, NULL, &counter) != MOAT_OK) return 1;
    for (int k = 1; k <= 3; k++) {
        moat_term msg[3] = {moat_pid_term(ctx, moat_self(ctx)), moat_atom(ctx, "add"), moat_int(ctx, k)};
        moat_send_pid(ctx, counter, moat_tuple(ctx, 3, msg));
        moat_term reply;
        int64_t n;
        if (moat_receive(ctx, 5000, &reply) != MOAT_OK ||
            moat_get_int(ctx, moat_tuple_get(ctx, reply, 1), &n) != MOAT_OK)
            return 1;
        printf("counter  -> add %d: %lld\n", k, (long long)n);
    }
    moat_send_pid(ctx, counter, moat_atom(ctx, "stop"));
    moat_clear(ctx);
    return 0;
}

int main(void) {
    moat_config cfg;
    moat_config_init(&cfg);
    cfg.output = output;
    cfg.limits.max_reductions = 5000000;     /* CPU budget per plugin call */
    cfg.limits.max_memory = 16 * 1024 * 1024; /* bytes */
    cfg.limits.denied = MOAT_CAP_SANDBOX;    /* no file, net, os, halt */
    moat_vm *vm = moat_open(&cfg);
    if (!vm) {
        fprintf(stderr, "host: %s\n", moat_open_error());
        return 1;
    }
    int logs = 0;
    moat_register_native(vm, "host", "log", 1, host_log, &logs);
    static const char *const plugins[] = {"greeter", "crasher", "spinner", "hog", "snoop", "counter"};
    for (size_t i = 0; i < sizeof plugins / sizeof *plugins; i++) {
        char path[64], *err = NULL;
        snprintf(path, sizeof path, "plugins/%s.erl", plugins[i]);
        if (moat_load_file(vm, path, &err) != MOAT_OK) {
            fprintf(stderr, "host: %s\n", err);
            moat_free(err);
            moat_close(vm);
            return 1;
        }
    }
    char *err = NULL;
    const char broken[] = "-module(broken).\n-export([run/1]).\nrun(X) -> X +.\n";
    if (moat_load_source(vm, "broken.erl", broken, sizeof broken - 1, &err) != MOAT_OK) {
        printf("broken   -> refused: %s", err);
        moat_free(err);
    }

    moat_ctx *ctx = moat_ctx_new(vm);
    run_plugin(ctx, "greeter", moat_string(ctx, "world"));
    run_plugin(ctx, "crasher", moat_int(ctx, 0));
    run_plugin(ctx, "spinner", moat_int(ctx, 0));
    run_plugin(ctx, "hog", moat_nil(ctx));
    run_plugin(ctx, "snoop", moat_string(ctx, "/etc/passwd"));
    run_plugin(ctx, "greeter", moat_string(ctx, "again"));
    int rc = talk_to_counter(ctx);
    printf("host: %d log lines, still running\n", logs);
    moat_close(vm);
    return rc;
}
