/*
 * Tests of the embedding API (vm/moat.h), written as a host would use it:
 * two VMs in one process, open/close/reopen, loading (and refusing) code, term round trips of
 * every type through an actor, moat_call's outcomes, two contexts on two
 * threads, 10,000 calls without handle growth, natives (inline, raising,
 * blocking), output capture, names, links and limits.
 * Criterion runs each test in its own process, so each opens its own VM.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "moat.h"

static moat_vm *vm;

static const char test_src[] =
    "-module(t).\n"
    "-export([add/2, boom/0, echo/0, spin/0, hog/1, say/1, say_user/1, cross/1, crash_linked/0, flood/0]).\n"
    "add(A, B) -> A + B.\n"
    "boom() -> erlang:error({bad, thing}).\n"
    "echo() -> receive {From, X} -> From ! {echo, X}, echo(); stop -> ok end.\n"
    "spin() -> spin().\n"
    "hog(L) -> hog([L | L]).\n"
    "say(X) -> io:format(\"said ~p~n\", [X]).\n"
    "say_user(X) -> io:request(user, {put_chars, unicode, io_lib:format(\"user ~p~n\", [X])}).\n"
    "cross(X) -> {host:twice(X), catch host:fail(X)}.\n"
    "crash_linked() -> exit(oops).\n"
    "flood() -> receive after 10 -> flood() end.\n";

static void open_vm(void) {
    moat_config cfg;
    moat_config_init(&cfg);
    cfg.schedulers = 2;
    vm = moat_open(&cfg);
    cr_assert_not_null(vm, "%s", moat_open_error());
    char *err = NULL;
    int rc = moat_load_source(vm, "t.erl", test_src, sizeof test_src - 1, &err);
    cr_assert_eq(rc, MOAT_OK, "%s", err ? err : "");
}

static void close_vm(void) { moat_close(vm); }

static char *fmt(moat_ctx *c, moat_term t) {
    static char buf[512];
    moat_format(c, t, buf, sizeof buf);
    return buf;
}

TestSuite(embed, .init = open_vm, .fini = close_vm, .timeout = 60);

/* A second VM: the same module name with other code, the same registered
   name and the same named ETS table, and its own output; neither sees
   the other's, and closing one leaves the other running. */
static char out2[256];
static void capture2(int fd, const char *bytes, size_t len, void *ud) {
    (void)fd, (void)ud;
    strncat(out2, bytes, len < sizeof out2 - strlen(out2) - 1 ? len : sizeof out2 - strlen(out2) - 1);
}

Test(embed, two_vms_in_one_process) {
    static const char other[] = "-module(t).\n-export([add/2, tab/0, wait/1]).\n"
                                "wait(P) -> erlang:send_after(100000, self(), x), P ! ready,\n"
                                "           receive after 100000 -> ok end.\n"
                                "add(A, B) -> A * B.\n"
                                "tab() -> ets:new(shared, [named_table, public]), ets:insert(shared, {k, 2}),\n"
                                "         io:format(\"vm2~n\"), register(svc, self()), ok.\n";
    moat_config cfg;
    moat_config_init(&cfg);
    cfg.schedulers = 1;
    cfg.output = capture2;
    moat_vm *vm2 = moat_open(&cfg);
    cr_assert_not_null(vm2, "%s", moat_open_error());
    char *err = NULL;
    cr_assert_eq(moat_load_source(vm2, "t.erl", other, sizeof other - 1, &err), MOAT_OK, "%s", err ? err : "");
    moat_ctx *c1 = moat_ctx_new(vm), *c2 = moat_ctx_new(vm2);
    moat_term r;
    cr_assert_eq(moat_call(c1, "t", "add", 2, (moat_term[]){moat_int(c1, 6), moat_int(c1, 7)}, &r, 5000), MOAT_OK);
    cr_assert_str_eq(fmt(c1, r), "13");
    cr_assert_eq(moat_call(c2, "t", "add", 2, (moat_term[]){moat_int(c2, 6), moat_int(c2, 7)}, &r, 5000), MOAT_OK);
    cr_assert_str_eq(fmt(c2, r), "42");
    /* names and tables are per VM */
    cr_assert_eq(moat_register_name(c1, "svc"), MOAT_OK);
    cr_assert_eq(moat_call(c2, "t", "tab", 0, NULL, &r, 5000), MOAT_OK, "%s", fmt(c2, moat_error_reason(c2)));
    cr_assert_eq(moat_whereis(c1, "svc"), moat_self(c1));
    cr_assert_eq(moat_call(c1, "ets", "info", 1, (moat_term[]){moat_atom(c1, "shared")}, &r, 5000), MOAT_OK);
    cr_assert_str_eq(fmt(c1, r), "undefined");
    cr_assert_str_eq(out2, "vm2\n");
    /* a module loaded into one is not in the other */
    cr_assert_eq(moat_call(c2, "t", "boom", 0, NULL, &r, 5000), MOAT_ERROR);
    cr_assert_str_eq(fmt(c2, moat_error_reason(c2)), "undef");
    /* closing frees timers still pending (ASan's leak check runs this) */
    moat_pid waiter;
    moat_term args = moat_list(c2, 1, (moat_term[]){moat_pid_term(c2, moat_self(c2))});
    cr_assert_eq(moat_spawn(c2, "t", "wait", args, NULL, &waiter), MOAT_OK);
    cr_assert_eq(moat_receive(c2, 5000, &r), MOAT_OK);
    cr_assert_str_eq(fmt(c2, r), "ready");
    moat_ctx_free(c2);
    moat_close(vm2);
    cr_assert_eq(moat_call(c1, "t", "add", 2, (moat_term[]){moat_int(c1, 1), moat_int(c1, 2)}, &r, 5000), MOAT_OK);
    cr_assert_str_eq(fmt(c1, r), "3");
    moat_ctx_free(c1);
    /* and the first may be closed and opened again */
    moat_close(vm);
    vm = moat_open(&cfg);
    cr_assert_not_null(vm);
    moat_ctx *c = moat_ctx_new(vm);
    cr_assert_eq(moat_call(c, "lists", "reverse", 1, (moat_term[]){moat_string(c, "abc")}, &r, 5000), MOAT_OK);
    cr_assert_str_eq(fmt(c, r), "\"cba\"");
}

Test(embed, load_errors) {
    char *err = NULL;
    const char bad[] = "-module(bad).\n-export([f/0]).\nf() -> X.\n";
    cr_assert_eq(moat_load_source(vm, "bad.erl", bad, sizeof bad - 1, &err), MOAT_ERROR);
    cr_assert_not_null(err);
    cr_assert(strstr(err, "bad.erl:3:8: variable 'X' is unbound"), "%s", err);
    moat_free(err);
    const uint8_t junk[] = "MBC\0garbage, not bytecode";
    cr_assert_eq(moat_load_bytecode(vm, junk, sizeof junk, &err), MOAT_ERROR);
    cr_assert_not_null(err);
    moat_free(err);
    cr_assert_neq(moat_load_file(vm, "/nonexistent/x.erl", &err), MOAT_OK);
    moat_free(err);
}

/* Each term goes to an echo actor and back, and must come back equal. */
Test(embed, round_trips) {
    moat_ctx *c = moat_ctx_new(vm);
    moat_pid echo;
    cr_assert_eq(moat_spawn(c, "t", "echo", moat_nil(c), NULL, &echo), MOAT_OK);
    uint8_t big[1000];
    for (int i = 0; i < 1000; i++) big[i] = (uint8_t)i;
    moat_term k[2] = {moat_atom(c, "a"), moat_int(c, 1)}, v[2] = {moat_float(c, 2.5), moat_string(c, "x")};
    moat_term terms[] = {
        moat_int(c, 42), moat_int(c, INT64_MIN), moat_int(c, INT64_MAX), moat_float(c, -0.125),
        moat_atom(c, "hello world"), moat_binary(c, "bytes", 5), moat_binary(c, big, sizeof big),
        moat_string(c, "h\xc3\xa9llo"), moat_nil(c), moat_tuple(c, 2, k), moat_list(c, 2, v), moat_map(c, 2, k, v),
        moat_pid_term(c, moat_self(c)), moat_cons(c, k[0], k[1]),
    };
    for (size_t i = 0; i < sizeof terms / sizeof *terms; i++) {
        cr_assert_neq(terms[i], MOAT_NONE, "term %zu", i);
        moat_term pair[2] = {moat_pid_term(c, moat_self(c)), terms[i]}, got;
        cr_assert_eq(moat_send_pid(c, echo, moat_tuple(c, 2, pair)), MOAT_OK);
        cr_assert_eq(moat_receive(c, 5000, &got), MOAT_OK);
        cr_assert_eq(moat_tuple_size(c, got), 2);
        moat_term back = moat_tuple_get(c, got, 1);
        cr_assert(moat_equal(c, back, terms[i]), "term %zu came back as %s", i, fmt(c, back));
        cr_assert_eq(moat_type(c, back), moat_type(c, terms[i]));
    }
    int64_t n;
    cr_assert_eq(moat_get_int(c, terms[1], &n), MOAT_OK);
    cr_assert_eq(n, INT64_MIN);
    moat_term huge;
    cr_assert_eq(moat_call(c, "erlang", "*", 2, (moat_term[]){terms[2], terms[2]}, &huge, 5000), MOAT_OK);
    cr_assert_eq(moat_get_int(c, huge, &n), MOAT_ERROR); /* overflow reported */
    double d;
    cr_assert_eq(moat_get_double(c, terms[3], &d), MOAT_OK);
    cr_assert_eq(d, -0.125);
    const uint8_t *bytes;
    size_t len;
    cr_assert_eq(moat_get_binary(c, terms[6], &bytes, &len), MOAT_OK);
    cr_assert_eq(len, 1000);
    cr_assert_eq(bytes[999], (uint8_t)999);
    char atom[32];
    cr_assert_eq(moat_get_atom(c, terms[4], atom, sizeof atom), 11);
    cr_assert_str_eq(atom, "hello world");
    cr_assert_eq(moat_list_length(c, terms[7]), 5);
    moat_term head, tail;
    cr_assert_eq(moat_list_next(c, terms[10], &head, &tail), MOAT_OK);
    cr_assert(moat_equal(c, head, v[0]));
    cr_assert_eq(moat_map_size(c, terms[11]), 2);
    cr_assert(moat_equal(c, moat_map_get(c, terms[11], k[1]), v[1]));
    cr_assert_eq(moat_map_get(c, terms[11], v[0]), MOAT_NONE);
    cr_assert_str_eq(fmt(c, terms[11]), "#{1 => \"x\",a => 2.5}");
    cr_assert_eq(moat_float(c, 0.0 / 0.0), MOAT_NONE);
    cr_assert_eq(moat_string(c, "\xff"), MOAT_NONE);
    cr_assert_eq(moat_tuple(c, 1, (moat_term[]){9999}), MOAT_NONE);
}

Test(embed, call_outcomes) {
    moat_ctx *c = moat_ctx_new(vm);
    moat_term r;
    cr_assert_eq(moat_call(c, "t", "add", 2, (moat_term[]){moat_int(c, 40), moat_int(c, 2)}, &r, 5000), MOAT_OK);
    cr_assert_str_eq(fmt(c, r), "42");
    cr_assert_eq(moat_call(c, "t", "boom", 0, NULL, &r, 5000), MOAT_ERROR);
    cr_assert_str_eq(fmt(c, moat_error_class(c)), "error");
    cr_assert_str_eq(fmt(c, moat_error_reason(c)), "{bad,thing}");
    cr_assert_gt(moat_list_length(c, moat_error_stacktrace(c)), 0);
    cr_assert_eq(moat_call(c, "t", "nosuch", 0, NULL, &r, 5000), MOAT_ERROR);
    cr_assert_str_eq(fmt(c, r), "undef");
    cr_assert_eq(moat_call(c, "t", "spin", 0, NULL, &r, 100), MOAT_TIMEOUT);
    /* the context still works, and nothing of the killed call is left */
    cr_assert_eq(moat_call(c, "t", "add", 2, (moat_term[]){moat_int(c, 1), moat_int(c, 2)}, &r, 5000), MOAT_OK);
    cr_assert_eq(moat_receive(c, 50, &r), MOAT_TIMEOUT);
}

Test(embed, heap_limit_kills_only_that_actor) {
    moat_config cfg;
    moat_close(vm);
    moat_config_init(&cfg);
    cfg.limits.max_heap_words = 100000;
    vm = moat_open(&cfg);
    char *err;
    cr_assert_eq(moat_load_source(vm, "t.erl", test_src, sizeof test_src - 1, &err), MOAT_OK);
    moat_ctx *c = moat_ctx_new(vm);
    moat_term r;
    cr_assert_eq(moat_call(c, "t", "hog", 1, (moat_term[]){moat_nil(c)}, &r, 10000), MOAT_ERROR);
    cr_assert_str_eq(fmt(c, moat_error_class(c)), "exit");
    cr_assert_str_eq(fmt(c, r), "killed");
    cr_assert_eq(moat_call(c, "t", "add", 2, (moat_term[]){moat_int(c, 1), moat_int(c, 2)}, &r, 5000), MOAT_OK);
}

static void *calls_thread(void *arg) {
    moat_ctx *c = arg;
    long sum = 0;
    for (int i = 0; i < 500; i++) {
        moat_term r;
        if (moat_call(c, "t", "add", 2, (moat_term[]){moat_int(c, i), moat_int(c, 1)}, &r, 10000) != MOAT_OK)
            return (void *)-1L;
        int64_t v;
        moat_get_int(c, r, &v);
        sum += v;
        moat_clear(c);
    }
    return (void *)sum;
}

Test(embed, two_contexts_two_threads) {
    moat_ctx *a = moat_ctx_new(vm), *b = moat_ctx_new(vm);
    cr_assert_neq(moat_self(a), moat_self(b));
    pthread_t ta, tb;
    pthread_create(&ta, NULL, calls_thread, a);
    pthread_create(&tb, NULL, calls_thread, b);
    void *ra, *rb;
    pthread_join(ta, &ra);
    pthread_join(tb, &rb);
    cr_assert_eq((long)ra, 500L * 501 / 2);
    cr_assert_eq((long)rb, 500L * 501 / 2);
    moat_ctx_free(a);
    moat_ctx_free(b);
}

Test(embed, ten_thousand_calls_no_growth) {
    moat_ctx *c = moat_ctx_new(vm);
    size_t before = moat_handles(c);
    for (int i = 0; i < 10000; i++) {
        moat_term a = moat_int(c, i), b = moat_binary(c, "0123456789012345678901234567890123456789012345678901234567890123456789", 70), r;
        moat_term args[2] = {a, moat_int(c, 1)};
        cr_assert_eq(moat_call(c, "t", "add", 2, args, &r, 10000), MOAT_OK);
        int64_t v;
        cr_assert_eq(moat_get_int(c, r, &v), MOAT_OK);
        cr_assert_eq(v, i + 1);
        moat_release(c, r);
        moat_release(c, args[1]);
        moat_release(c, b);
        moat_release(c, a);
    }
    cr_assert_eq(moat_handles(c), before);
    /* and 10,000 large messages received with nothing built (the context's
       consumed fragments are collected as they pile up) */
    moat_pid echo;
    cr_assert_eq(moat_spawn(c, "t", "echo", moat_nil(c), NULL, &echo), MOAT_OK);
    moat_term big = moat_list(c, 0, NULL);
    for (int i = 0; i < 200; i++) big = moat_cons(c, moat_int(c, i), big);
    moat_term pair = moat_tuple(c, 2, (moat_term[]){moat_pid_term(c, moat_self(c)), big});
    size_t held = moat_handles(c);
    for (int i = 0; i < 10000; i++) {
        moat_term r;
        cr_assert_eq(moat_send_pid(c, echo, pair), MOAT_OK);
        cr_assert_eq(moat_receive(c, 10000, &r), MOAT_OK);
        moat_release(c, r);
    }
    cr_assert_eq(moat_handles(c), held);
}

static moat_term twice(moat_ctx *c, size_t argc, const moat_term *argv, void *ud) {
    int64_t v;
    if (moat_get_int(c, argv[0], &v) != MOAT_OK) return moat_raise(c, "error", moat_atom(c, "not_an_integer"));
    (*(int *)ud)++;
    return moat_int(c, 2 * v);
}

static moat_term fail(moat_ctx *c, size_t argc, const moat_term *argv, void *ud) {
    moat_term e[2] = {moat_atom(c, "failed"), argv[0]};
    return moat_raise(c, "throw", moat_tuple(c, 2, e));
}

static moat_term slow(moat_ctx *c, size_t argc, const moat_term *argv, void *ud) {
    usleep(200000);
    return argv[0];
}

Test(embed, natives) {
    int calls = 0;
    cr_assert_eq(moat_register_native(vm, "host", "twice", 1, twice, &calls), MOAT_OK);
    cr_assert_eq(moat_register_native(vm, "host", "fail", 1, fail, NULL), MOAT_OK);
    moat_ctx *c = moat_ctx_new(vm);
    moat_term r;
    cr_assert_eq(moat_call(c, "t", "cross", 1, (moat_term[]){moat_int(c, 21)}, &r, 5000), MOAT_OK);
    cr_assert_str_eq(fmt(c, r), "{42,{failed,21}}");
    cr_assert_eq(calls, 1);
    cr_assert_eq(moat_call(c, "host", "twice", 1, (moat_term[]){moat_atom(c, "x")}, &r, 5000), MOAT_ERROR);
    cr_assert_str_eq(fmt(c, r), "not_an_integer");
    /* a blocking native stalls only its caller */
    char *nerr = NULL;
    int nrc = moat_register_native_ex(vm, "host", "slow", 1, slow, NULL, MOAT_NATIVE_BLOCKING, &nerr);
    cr_assert_eq(nrc, MOAT_OK, "%s", nerr ? nerr : "?");
    moat_pid pid;
    moat_term args = moat_list(c, 1, (moat_term[]){moat_atom(c, "done")});
    for (int i = 0; i < 4; i++) cr_assert_eq(moat_spawn(c, "host", "slow", args, NULL, &pid), MOAT_OK);
    cr_assert_eq(moat_call(c, "t", "add", 2, (moat_term[]){moat_int(c, 1), moat_int(c, 2)}, &r, 100), MOAT_OK);
    cr_assert_eq(moat_call(c, "host", "slow", 1, (moat_term[]){moat_int(c, 7)}, &r, 5000), MOAT_OK);
    cr_assert_str_eq(fmt(c, r), "7");
}

static char captured[256];
static void capture(int fd, const char *bytes, size_t len, void *ud) {
    size_t n = strlen(captured);
    if (n + len < sizeof captured) memcpy(captured + n, bytes, len);
}

Test(embed, output_callback) {
    moat_close(vm);
    moat_config cfg;
    moat_config_init(&cfg);
    cfg.output = capture;
    vm = moat_open(&cfg);
    char *err;
    cr_assert_eq(moat_load_source(vm, "t.erl", test_src, sizeof test_src - 1, &err), MOAT_OK);
    moat_ctx *c = moat_ctx_new(vm);
    moat_term r;
    cr_assert_eq(moat_call(c, "t", "say", 1, (moat_term[]){moat_atom(c, "hi")}, &r, 5000), MOAT_OK);
    cr_assert_str_eq(captured, "said hi\n");
    /* through the standard io server process (the I/O protocol): the same sink */
    cr_assert_eq(moat_call(c, "t", "say_user", 1, (moat_term[]){moat_atom(c, "hi")}, &r, 5000), MOAT_OK);
    cr_assert_str_eq(captured, "said hi\nuser hi\n");
}

Test(embed, names_links_monitors) {
    moat_ctx *c = moat_ctx_new(vm);
    cr_assert_eq(moat_register_name(c, "the_host"), MOAT_OK);
    cr_assert_eq(moat_whereis(c, "the_host"), moat_self(c));
    moat_term r;
    moat_term msg[2] = {moat_atom(c, "the_host"), moat_atom(c, "ping")};
    cr_assert_eq(moat_call(c, "erlang", "send", 2, msg, &r, 5000), MOAT_OK);
    cr_assert_eq(moat_receive(c, 5000, &r), MOAT_OK);
    cr_assert_str_eq(fmt(c, r), "ping");
    moat_spawn_opts o = {.link = 1};
    moat_pid pid;
    cr_assert_eq(moat_spawn(c, "t", "crash_linked", moat_nil(c), &o, &pid), MOAT_OK);
    cr_assert_eq(moat_receive(c, 5000, &r), MOAT_OK);
    cr_assert_eq(moat_tuple_size(c, r), 3);
    cr_assert_str_eq(fmt(c, moat_tuple_get(c, r, 2)), "oops");
    moat_spawn_opts m = {.monitor = 1};
    cr_assert_eq(moat_spawn(c, "t", "echo", moat_nil(c), &m, &pid), MOAT_OK);
    cr_assert_eq(moat_send_pid(c, pid, moat_atom(c, "stop")), MOAT_OK);
    cr_assert_eq(moat_receive(c, 5000, &r), MOAT_OK);
    cr_assert_eq(moat_tuple_size(c, r), 5);
    cr_assert(moat_equal(c, moat_tuple_get(c, r, 1), m.monitor_ref));
    cr_assert_str_eq(fmt(c, moat_tuple_get(c, r, 4)), "normal");
}

static const char limits_src[] =
    "-module(lims).\n"
    "-export([run/1, spin/0, hog/1, wait/0, snoop/0, info/1]).\n"
    "spin() -> spin().\n"
    "hog(L) -> hog([lists:seq(1, 50) | L]).\n"
    "wait() -> receive stop -> ok end.\n"
    "snoop() -> exit(catch file:read_file(\"/etc/hostname\")).\n"
    "down(P, R) -> receive {'DOWN', R, process, P, Why} -> Why end.\n"
    "run(Opts) -> {P, R} = spawn_opt(?MODULE, hd(Opts), [], [monitor | tl(Opts)]), down(P, R).\n"
    "info(Pid) -> process_info(Pid, message_queue_len).\n";

Test(embed, limits_and_capabilities) {
    char *err;
    cr_assert_eq(moat_load_source(vm, "lims.erl", limits_src, sizeof limits_src - 1, &err), MOAT_OK);
    moat_ctx *c = moat_ctx_new(vm);
    moat_term r;
    /* from Erlang: spawn_opt(lims, spin, [], [monitor, {max_reductions, N}]) */
    moat_term opt[2] = {moat_atom(c, "max_reductions"), moat_int(c, 200000)};
    moat_term l[2] = {moat_atom(c, "spin"), moat_tuple(c, 2, opt)};
    cr_assert_eq(moat_call(c, "lims", "run", 1, (moat_term[]){moat_list(c, 2, l)}, &r, 10000), MOAT_OK);
    cr_assert_str_eq(fmt(c, r), "{limit,reductions}");
    /* from C: a memory budget, a mailbox that drops, a denied capability */
    moat_spawn_opts o = {.monitor = 1, .limits = {.max_memory = 1000000}};
    moat_pid pid;
    cr_assert_eq(moat_spawn(c, "lims", "hog", moat_list(c, 1, (moat_term[]){moat_nil(c)}), &o, &pid), MOAT_OK);
    cr_assert_eq(moat_receive(c, 10000, &r), MOAT_OK);
    cr_assert_str_eq(fmt(c, moat_tuple_get(c, r, 4)), "{limit,memory}");
    moat_spawn_opts q = {.limits = {.max_mailbox = 3, .mailbox_drop = 1}};
    cr_assert_eq(moat_spawn(c, "lims", "wait", moat_nil(c), &q, &pid), MOAT_OK);
    for (int i = 0; i < 10; i++) moat_send_pid(c, pid, moat_int(c, i));
    usleep(100000);
    moat_term info[2] = {moat_pid_term(c, pid), moat_atom(c, "dropped_messages")};
    cr_assert_eq(moat_call(c, "erlang", "process_info", 2, info, &r, 5000), MOAT_OK);
    cr_assert_str_eq(fmt(c, r), "{dropped_messages,7}");
    moat_spawn_opts s = {.monitor = 1, .limits = {.denied = MOAT_CAP_FILE}};
    cr_assert_eq(moat_spawn(c, "lims", "snoop", moat_nil(c), &s, &pid), MOAT_OK);
    cr_assert_eq(moat_receive(c, 10000, &r), MOAT_OK);
    cr_assert(strstr(fmt(c, moat_tuple_get(c, r, 4)), "{'EXIT',{{capability,file},"), "%s", fmt(c, r));
    /* process_info of a context answers (a context is never held) */
    cr_assert_eq(moat_call(c, "lims", "info", 1, (moat_term[]){moat_pid_term(c, moat_self(c))}, &r, 5000), MOAT_OK);
    cr_assert_str_eq(fmt(c, r), "undefined");
}
