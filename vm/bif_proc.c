/*
 * bif_proc.c — process BIFs: spawn*, links, monitors, exit/2, names,
 * process_flag, process_info, is_process_alive, processes, and the timer
 * BIFs (send_after, start_timer, cancel_timer, read_timer).
 *
 * Everything that touches another process goes through vm/proc.c's
 * signals, except process_info of another process: it holds the target
 * (proc_hold, PS_HELD) while the target is not running, reads it, and
 * lets it go; when the target is running, the BIF asks to be called
 * again after the caller's next time slice (TERM_RETRY).
 */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "atom.h"
#include "bif.h"
#include "error.h"
#include "ets.h"
#include "heap.h"
#include "interp.h"
#include "io.h"
#include "module.h"
#include "node.h"
#include "ptab.h"
#include "scheduler.h"
#include "timer.h"
#include "vm.h"

static int64_t list_len(term l) {
    int64_t n = 0;
    for (; term_is_list(l); l = CDR(l)) n++;
    return l == TERM_NIL ? n : -1;
}


/* ---- spawn -------------------------------------------------------------------------- */

/* embedding: {max_reductions | max_mailbox | max_memory, N} and
   {capabilities, [Class]} (proc.h struct proc_limits); false if k is
   none of them or v is bad. */
static const char *const cap_names[] = {"file", "net", "os", "spawn", "code", "halt", "time", "natives"};

static bool parse_limit(term k, term v, struct spawn_opts *o) {
    if (k == AM(capabilities)) {
        unsigned allowed = 0;
        for (; term_is_list(v); v = CDR(v)) {
            unsigned i = 0;
            while (i < 8 && CAR(v) != atom_term(cap_names[i], strlen(cap_names[i]))) i++;
            if (i == 8) return false;
            allowed |= 1u << i;
        }
        o->lim.denied |= (uint8_t)(CAP_ALL & ~allowed);
        return v == TERM_NIL;
    }
    if (!term_is_small(v) || term_to_small(v) <= 0) return false;
    uint64_t n = (uint64_t)term_to_small(v);
    if (k == AM(max_reductions)) o->lim.max_reductions = n;
    else if (k == AM(max_memory)) o->lim.max_memory = n;
    else if (k == AM(max_mailbox) && n <= UINT32_MAX) o->lim.max_mailbox = (uint32_t)n;
    else return false;
    return true;
}

/* monitor/3's and spawn_opt's monitor options: [{alias, Mode} | {tag,
   Tag}]. *mode is an enum alias_mode, or -1 without one; *tag the tag,
   or TERM_NONE; false if malformed. */
static bool monitor_opts(term l, int *mode, term *tag) {
    *mode = -1;
    *tag = TERM_NONE;
    for (; term_is_list(l); l = CDR(l)) {
        term o = CAR(l);
        if (!term_is_tuple(o) || tuple_arity(o) != 2) return false;
        term m = tuple_elems(o)[1];
        if (tuple_elems(o)[0] == AM(tag)) *tag = m;
        else if (tuple_elems(o)[0] != AM(alias)) return false;
        else if (m == AM(explicit_unalias)) *mode = ALIAS_EXPLICIT;
        else if (m == AM(demonitor)) *mode = ALIAS_DEMONITOR;
        else if (m == AM(reply_demonitor)) *mode = ALIAS_REPLY_DEMONITOR;
        else return false;
    }
    return l == TERM_NIL;
}

/* The options of spawn_opt; false on a bad one. */
static bool parse_opts(term l, struct spawn_opts *o) {
    memset(o, 0, sizeof *o);
    o->prio = PRIO_NORMAL;
    o->monitor_alias = -1;
    o->monitor_tag = TERM_NONE;
    for (; term_is_list(l); l = CDR(l)) {
        term e = CAR(l);
        if (e == AM(link)) {
            o->link = true;
        } else if (e == AM(monitor)) {
            o->monitor = true;
        } else if (term_is_tuple(e) && tuple_arity(e) == 2) {
            term k = tuple_elems(e)[0], v = tuple_elems(e)[1];
            if (k == AM(monitor)) {
                int mode;
                if (!monitor_opts(v, &mode, &o->monitor_tag)) return false;
                o->monitor = true;
                o->monitor_alias = (int8_t)mode;
            } else if (k == AM(priority)) {
                if (v == AM(low)) o->prio = PRIO_LOW;
                else if (v == AM(normal)) o->prio = PRIO_NORMAL;
                else if (v == AM(high)) o->prio = PRIO_HIGH;
                else if (v == AM(max)) o->prio = PRIO_MAX;
                else return false;
            } else if (k == AM(min_heap_size)) {
                if (!term_is_small(v) || term_to_small(v) < 0) return false;
                o->min_heap_words = (size_t)term_to_small(v);
            } else if (k == AM(max_heap_size)) {
                if (!proc_max_heap_parse(v, &o->max_heap_words, &o->max_heap_quiet)) return false;
            } else if (k == AM(fullsweep_after) || k == AM(min_bin_vheap_size)) {
                if (!term_is_small(v) || term_to_small(v) < 0) return false;
            } else if (k == AM(message_queue_data)) {
                if (v != AM(on_heap) && v != AM(off_heap)) return false;
            } else if (!parse_limit(k, v, o)) {
                return false;
            }
        } else if (term_is_tuple(e) && tuple_arity(e) == 3 && tuple_elems(e)[0] == AM(max_mailbox) &&
                   tuple_elems(e)[2] == AM(drop)) { /* embedding */
            if (!parse_limit(AM(max_mailbox), tuple_elems(e)[1], o)) return false;
            o->lim.mailbox_drop = true;
        } else {
            return false;
        }
    }
    return l == TERM_NIL;
}

/* Spawn and build the result: Pid, or {Pid, Ref} with a monitor. */
static term spawn_common(struct proc *p, term *args, uint32_t nargs, struct spawn_opts *o) {
    if (nargs == 1 ? !term_is_fun(args[0])
                   : !term_is_atom(args[0]) || !term_is_atom(args[1]) || list_len(args[2]) < 0)
        return raise_badarg(p);
    if (o->monitor) o->monitor_ref = ref_new_number();
    /* room for {Pid, Ref} and the alias first: the spawn itself must not be undone */
    if (!heap_ensure_free(p, 3 + REF_WORDS)) return raise_system_limit(p);
    if (o->monitor && o->monitor_alias >= 0 && !proc_alias_add(p, o->monitor_ref, (enum alias_mode)o->monitor_alias))
        return raise_system_limit(p);
    uint64_t pid = nargs == 1 ? proc_spawn(p, TERM_NONE, args[0], TERM_NIL, o)
                              : proc_spawn(p, args[1], args[0], args[2], o);
    if (!pid) {
        if (o->monitor) proc_unalias(p, o->monitor_ref);
        return raise_system_limit(p);
    }
    if (o->monitor && o->monitor_tag != TERM_NONE && !proc_monitor_tag(p, o->monitor_ref, o->monitor_tag))
        return raise_system_limit(p);
    term pt = term_from_pid(pid);
    if (!o->monitor) return pt;
    term *hp = heap_take(p, 3 + REF_WORDS);
    term ref = ref_store(hp, o->monitor_ref);
    return tuple2_store(hp + REF_WORDS, pt, ref);
}

static term spawn_with(struct proc *p, term *args, uint32_t nargs, bool link, bool monitor) {
    struct spawn_opts o = {.link = link, .monitor = monitor, .prio = PRIO_NORMAL, .monitor_alias = -1,
                           .monitor_tag = TERM_NONE};
    return spawn_common(p, args, nargs, &o);
}

term bif_erlang_spawn_1(struct proc *p, term *args) { return spawn_with(p, args, 1, false, false); }
term bif_erlang_spawn_3(struct proc *p, term *args) { return spawn_with(p, args, 3, false, false); }
term bif_erlang_spawn_link_1(struct proc *p, term *args) { return spawn_with(p, args, 1, true, false); }
term bif_erlang_spawn_link_3(struct proc *p, term *args) { return spawn_with(p, args, 3, true, false); }
term bif_erlang_spawn_monitor_1(struct proc *p, term *args) { return spawn_with(p, args, 1, false, true); }
term bif_erlang_spawn_monitor_3(struct proc *p, term *args) { return spawn_with(p, args, 3, false, true); }

/* spawn(Node, Fun) and spawn(Node, M, F, A): only this node for now */
static bool local_node(term n) { return n == AM(nonode_at_nohost); }
term bif_erlang_spawn_2(struct proc *p, term *args) {
    if (!term_is_atom(args[0]) || !local_node(args[0])) return raise_badarg(p);
    return spawn_with(p, args + 1, 1, false, false);
}
term bif_erlang_spawn_4(struct proc *p, term *args) {
    if (!term_is_atom(args[0]) || !local_node(args[0])) return raise_badarg(p);
    return spawn_with(p, args + 1, 3, false, false);
}

term bif_erlang_spawn_opt_2(struct proc *p, term *args) {
    struct spawn_opts o;
    if (!parse_opts(args[1], &o)) return raise_badarg(p);
    return spawn_common(p, args, 1, &o);
}

term bif_erlang_spawn_opt_4(struct proc *p, term *args) {
    struct spawn_opts o;
    if (!parse_opts(args[3], &o)) return raise_badarg(p);
    return spawn_common(p, args, 3, &o);
}

term bif_erlang_spawn_opt_3(struct proc *p, term *args) {
    if (!term_is_atom(args[0]) || !local_node(args[0])) return raise_badarg(p);
    return bif_erlang_spawn_opt_2(p, args + 1);
}

term bif_erlang_spawn_opt_5(struct proc *p, term *args) {
    if (!term_is_atom(args[0]) || !local_node(args[0])) return raise_badarg(p);
    return bif_erlang_spawn_opt_4(p, args + 1);
}

term bif_erlang_spawn_link_2(struct proc *p, term *args) {
    if (!term_is_atom(args[0]) || !local_node(args[0])) return raise_badarg(p);
    return spawn_with(p, args + 1, 1, true, false);
}

term bif_erlang_spawn_link_4(struct proc *p, term *args) {
    if (!term_is_atom(args[0]) || !local_node(args[0])) return raise_badarg(p);
    return spawn_with(p, args + 1, 3, true, false);
}

/* ---- links, exits, monitors ------------------------------------------------------------- */

static bool alive(uint64_t pid) {
    struct proc *q = ptab_lookup(pid);
    if (!q) return false;
    bool a = atomic_load_explicit(&q->state, memory_order_acquire) != PS_EXITING;
    ptab_release(q);
    return a;
}

term bif_erlang_link_1(struct proc *p, term *args) {
    if (!term_is_pid(args[0])) return raise_badarg(p);
    if (!term_is_local_pid(args[0])) return AM_true;
    uint64_t pid = term_to_pid(args[0]);
    if (pid != p->id && !alive(pid) && !(p->flags & PF_TRAP_EXIT)) return raise_error(p, AM(noproc));
    if (!proc_link(p, pid)) return raise_system_limit(p);
    return AM_true;
}

term bif_erlang_unlink_1(struct proc *p, term *args) {
    if (!term_is_pid(args[0])) return raise_badarg(p);
    if (term_is_local_pid(args[0])) proc_unlink(p, term_to_pid(args[0]));
    return AM_true;
}

term bif_erlang_exit_2(struct proc *p, term *args) {
    if (!term_is_pid(args[0])) return raise_badarg(p);
    if (!term_is_local_pid(args[0])) return AM_true;
    uint64_t pid = term_to_pid(args[0]);
    term reason = args[1];
    if (pid != p->id) {
        proc_exit_signal(p, pid, reason);
        return AM_true;
    }
    /* to itself: at once */
    if (reason == AM(kill)) return raise_class(p, AM(moat_kill), AM(killed));
    if (p->flags & PF_TRAP_EXIT) {
        proc_exit_signal(p, pid, reason); /* becomes a message at the next receive */
        return AM_true;
    }
    return raise_class(p, AM(moat_kill), reason); /* even normal, as erl */
}

static term monitor_result(struct proc *p, uint64_t ref) {
    if (!heap_ensure_free(p, REF_WORDS)) return raise_system_limit(p);
    return ref_store(heap_take(p, REF_WORDS), ref);
}

term bif_erlang_monitor_2(struct proc *p, term *args) {
    if (args[0] != AM(process)) return raise_badarg(p);
    term t = args[1], name = 0;
    uint64_t pid = 0;
    if (term_is_local_pid(t)) {
        pid = term_to_pid(t);
    } else if (term_is_pid(t)) {
        return raise_badarg(p); /* remote: no distribution yet */
    } else {
        if (term_is_tuple(t) && tuple_arity(t) == 2 && term_is_atom(tuple_elems(t)[0]) &&
            term_is_atom(tuple_elems(t)[1])) {
            if (!local_node(tuple_elems(t)[1])) return raise_badarg(p);
            t = tuple_elems(t)[0];
        }
        if (!term_is_atom(t)) return raise_badarg(p);
        name = t;
        pid = reg_whereis(name);
    }
    uint64_t ref = ref_new_number();
    bool ok = pid ? proc_monitor(p, pid, name, ref) : proc_monitor_dead(p, name, ref);
    if (!ok) return raise_system_limit(p);
    return monitor_result(p, ref);
}

/* monitor(process, Target, Opts): Opts may make the monitor's reference
   an alias, {alias, explicit_unalias | demonitor | reply_demonitor}, and
   give its 'DOWN' message another tag, {tag, Tag}. */
term bif_erlang_monitor_3(struct proc *p, term *args) {
    int mode;
    term tag;
    if (!monitor_opts(args[2], &mode, &tag)) return raise_badarg(p);
    term r = bif_erlang_monitor_2(p, args);
    uint64_t ref;
    if (r == TERM_NONE || !ref_local_number(r, &ref)) return r;
    if (mode >= 0 && !proc_alias_add(p, ref, (enum alias_mode)mode)) return raise_system_limit(p);
    if (tag != TERM_NONE && !proc_monitor_tag(p, ref, tag)) return raise_system_limit(p);
    return r;
}

/* alias/0,1: a reference that addresses the caller while it is active */
static term make_alias(struct proc *p, term opts) {
    enum alias_mode mode = ALIAS_EXPLICIT;
    for (; term_is_list(opts); opts = CDR(opts)) {
        if (CAR(opts) == AM(explicit_unalias)) mode = ALIAS_EXPLICIT;
        else if (CAR(opts) == AM(reply)) mode = ALIAS_REPLY;
        else return raise_badarg(p);
    }
    if (opts != TERM_NIL) return raise_badarg(p);
    if (!heap_ensure_free(p, REF_WORDS)) return raise_system_limit(p);
    uint64_t ref = ref_new_number();
    if (!proc_alias_add(p, ref, mode)) return raise_system_limit(p);
    return ref_store(heap_take(p, REF_WORDS), ref);
}
term bif_erlang_alias_0(struct proc *p, term *args) {
    (void)args;
    return make_alias(p, TERM_NIL);
}
term bif_erlang_alias_1(struct proc *p, term *args) { return make_alias(p, args[0]); }

term bif_erlang_unalias_1(struct proc *p, term *args) {
    uint64_t ref;
    if (!term_is_ref(args[0]) && !term_is_boxed_sub(args[0], SUB_EXT_REF)) return raise_badarg(p);
    return ref_local_number(args[0], &ref) && proc_unalias(p, ref) ? AM_true : AM_false;
}

/* Remove {_, Ref, _, _, _} messages from p's queue ('DOWN' or monitor/3's tag). */
static void flush_down(struct proc *p, uint64_t ref) {
    if (proc_drain(p) == PROC_KILLED) return;
    struct mbox *mb = &p->mbox;
    for (struct msg **l = &mb->first; *l;) {
        struct msg *m = *l;
        term t = m->payload;
        uint64_t r;
        if (term_is_tuple(t) && tuple_arity(t) == 5 && ref_local_number(tuple_elems(t)[1], &r) && r == ref) {
            mbox_unlink(mb, l);
            msg_free(m);
        } else {
            l = (struct msg **)&m->next;
        }
    }
}

static term demonitor(struct proc *p, term r, term opts) {
    uint64_t ref = 0; /* a reference not made here: no monitor of ours */
    if (!term_is_ref(r) && !term_is_boxed_sub(r, SUB_EXT_REF)) return raise_badarg(p);
    ref_local_number(r, &ref);
    bool flush = false, info = false;
    for (; term_is_list(opts); opts = CDR(opts)) {
        if (CAR(opts) == AM(flush)) flush = true;
        else if (CAR(opts) == AM(info)) info = true;
        else return raise_badarg(p);
    }
    if (opts != TERM_NIL) return raise_badarg(p);
    bool found = proc_demonitor(p, ref);
    if (flush) flush_down(p, ref);
    return info && !found ? AM_false : AM_true;
}

term bif_erlang_demonitor_1(struct proc *p, term *args) { return demonitor(p, args[0], TERM_NIL); }
term bif_erlang_demonitor_2(struct proc *p, term *args) { return demonitor(p, args[0], args[1]); }

/* ---- names ---------------------------------------------------------------------------------- */

term bif_erlang_register_2(struct proc *p, term *args) {
    term name = args[0];
    if (!term_is_atom(name) || name == AM(undefined) || !term_is_local_pid(args[1])) return raise_badarg(p);
    uint64_t pid = term_to_pid(args[1]);
    struct proc *q = pid == p->id ? p : ptab_lookup(pid);
    if (!q) return raise_badarg(p);
    int rc = reg_register(name, q);
    if (q != p) ptab_release(q);
    return rc < 0 ? raise_badarg(p) : AM_true;
}

term bif_erlang_unregister_1(struct proc *p, term *args) {
    if (!term_is_atom(args[0]) || !reg_unregister(args[0], 0)) return raise_badarg(p);
    return AM_true;
}

term bif_erlang_whereis_1(struct proc *p, term *args) {
    if (!term_is_atom(args[0])) return raise_badarg(p);
    uint64_t pid = reg_whereis(args[0]);
    return pid ? term_from_pid(pid) : AM(undefined);
}

term bif_erlang_registered_0(struct proc *p, term *args) {
    (void)args;
    for (;;) {
        size_t n = reg_names(NULL, 0);
        term *names = mem_malloc((n ? n : 1) * sizeof *names);
        if (!names) return raise_system_limit(p);
        size_t m = reg_names(names, n);
        if (m > n) { /* grew meanwhile */
            mem_free(names);
            continue;
        }
        if (!heap_ensure_free(p, 2 * m)) {
            mem_free(names);
            return raise_system_limit(p);
        }
        term *hp = heap_take(p, 2 * m), l = TERM_NIL;
        for (size_t i = 0; i < m; i++, hp += 2) l = cons_store(hp, names[i], l);
        mem_free(names);
        return l;
    }
}

/* ---- is_process_alive, processes ---------------------------------------------------------- */

term bif_erlang_is_process_alive_1(struct proc *p, term *args) {
    if (!term_is_pid(args[0])) return raise_badarg(p);
    if (!term_is_local_pid(args[0])) return raise_badarg(p);
    uint64_t pid = term_to_pid(args[0]);
    if (pid == p->id) return AM_true;
    return alive(pid) ? AM_true : AM_false;
}

/* ---- group leaders ---- */

term bif_erlang_group_leader_0(struct proc *p, term *args) {
    (void)args;
    return term_from_pid(proc_group_leader(p));
}

/* group_leader(Leader, Pid): Leader may be dead (erl's rule, writes to it
   then fail with terminated); Pid must be alive. A remote Leader cannot
   be stored (docs/deviations.md): badarg. */
term bif_erlang_group_leader_2(struct proc *p, term *args) {
    if (!term_is_local_pid(args[0]) || !term_is_local_pid(args[1])) return raise_badarg(p);
    uint64_t leader = term_to_pid(args[0]), pid = term_to_pid(args[1]);
    struct proc *q = pid == p->id ? p : ptab_lookup(pid);
    if (!q) return raise_badarg(p);
    /* the node's server is stored as 0, the default, as spawn copies it */
    atomic_store_explicit(&q->group_leader, leader == io_user_pid() ? 0 : leader, memory_order_relaxed);
    if (q != p) ptab_release(q);
    return AM_true;
}

struct pid_list {
    uint64_t *pids;
    size_t n, cap;
};

static void collect_pid(struct proc *q, void *arg) {
    struct pid_list *l = arg;
    if (l->n < l->cap) l->pids[l->n] = q->id;
    l->n++;
}

term bif_erlang_processes_0(struct proc *p, term *args) {
    (void)args;
    size_t cap = ptab_count() + 64;
    for (;;) {
        struct pid_list l = {mem_malloc(cap * sizeof(uint64_t)), 0, cap};
        if (!l.pids) return raise_system_limit(p);
        ptab_foreach(collect_pid, &l);
        if (l.n > cap) {
            mem_free(l.pids);
            cap = l.n + 64;
            continue;
        }
        if (!heap_ensure_free(p, 2 * l.n)) {
            mem_free(l.pids);
            return raise_system_limit(p);
        }
        term *hp = heap_take(p, 2 * l.n), lst = TERM_NIL;
        for (size_t i = l.n; i-- > 0; hp += 2) lst = cons_store(hp, term_from_pid(l.pids[i]), lst);
        mem_free(l.pids);
        return lst;
    }
}

/* ---- process_flag --------------------------------------------------------------------------- */

static term prio_atom(unsigned prio) {
    switch (prio) {
    case PRIO_MAX: return AM(max);
    case PRIO_HIGH: return AM(high);
    case PRIO_LOW: return AM(low);
    default: return AM(normal);
    }
}

bool proc_max_heap_parse(term v, size_t *words, bool *quiet) {
    *quiet = false;
    if (term_is_small(v) && term_to_small(v) >= 0) {
        *words = (size_t)term_to_small(v);
        return true;
    }
    if (!term_is_flatmap(v)) return false; /* a HAMT has too many keys */
    term keys = map_keys(v);
    term *vals = map_values(v);
    bool kill = true;
    size_t size = 0;
    for (uint64_t i = 0; i < map_size(v); i++) {
        term k = tuple_elems(keys)[i], x = vals[i];
        if (k == AM(size)) {
            if (!term_is_small(x) || term_to_small(x) < 0) return false;
            size = (size_t)term_to_small(x);
        } else if (k == AM(kill)) {
            if (x != AM_true && x != AM_false) return false;
            kill = x == AM_true;
        } else if (k == AM(error_logger) || k == AM(include_shared_binaries)) {
            if (x != AM_true && x != AM_false) return false;
            if (k == AM(error_logger)) *quiet = x == AM_false;
        } else {
            return false;
        }
    }
    *words = kill ? size : 0;
    return true;
}

/* #{error_logger => Bool, kill => true, size => N} at hp (4 + MAP_WORDS(3) words) */
static term max_heap_at(term *hp, size_t words, bool quiet) {
    hp[0] = make_header(SUB_TUPLE, 3);
    hp[1] = AM(error_logger);
    hp[2] = AM(kill);
    hp[3] = AM(size);
    hp[4] = make_header(SUB_MAP, 4);
    hp[5] = term_from_boxed_ptr(hp);
    hp[6] = quiet ? AM_false : AM_true;
    hp[7] = AM_true;
    hp[8] = term_from_small((int64_t)words);
    return term_from_boxed_ptr(hp + 4);
}

static term max_heap_term(struct proc *p) {
    if (!heap_ensure_free(p, 4 + MAP_WORDS(3))) return raise_system_limit(p);
    return max_heap_at(heap_take(p, 4 + MAP_WORDS(3)), p->max_heap_words, p->flags & PF_HEAP_QUIET);
}

term bif_erlang_process_flag_2(struct proc *p, term *args) {
    term f = args[0], v = args[1];
    if (f == AM(trap_exit)) {
        if (v != AM_true && v != AM_false) return raise_badarg(p);
        term old = (p->flags & PF_TRAP_EXIT) ? AM_true : AM_false;
        if (v == AM_true) p->flags |= PF_TRAP_EXIT;
        else p->flags &= ~PF_TRAP_EXIT;
        return old;
    }
    if (f == AM(priority)) {
        int prio = v == AM(low) ? PRIO_LOW : v == AM(normal) ? PRIO_NORMAL : v == AM(high) ? PRIO_HIGH
                 : v == AM(max) ? PRIO_MAX : -1;
        if (prio < 0) return raise_badarg(p);
        term old = prio_atom(p->prio);
        p->prio = (uint8_t)prio;
        return old;
    }
    if (f == AM(min_heap_size)) {
        if (!term_is_small(v) || term_to_small(v) < 0) return raise_badarg(p);
        term old = term_from_small((int64_t)p->min_heap_words);
        p->min_heap_words = (size_t)term_to_small(v);
        return old;
    }
    if (f == AM(max_heap_size)) {
        size_t w;
        bool quiet;
        if (!proc_max_heap_parse(v, &w, &quiet)) return raise_badarg(p);
        term r = max_heap_term(p);
        if (r != TERM_NONE) {
            p->max_heap_words = w;
            p->flags = (uint8_t)((p->flags & ~PF_HEAP_QUIET) | (quiet ? PF_HEAP_QUIET : 0));
        }
        return r;
    }
    if (f == AM(message_queue_data)) {
        if (v != AM(on_heap) && v != AM(off_heap)) return raise_badarg(p);
        return AM(on_heap);
    }
    if (f == AM(fullsweep_after) || f == AM(sensitive) || f == AM(save_calls)) {
        return f == AM(sensitive) ? AM_false : term_from_small(0);
    }
    return raise_badarg(p);
}

/* ---- process_info ------------------------------------------------------------------------------ */

static term registered_name(struct proc *q) { return reg_name_of(q->id); }

/* {M, F, A} of where q is, or undefined */
static term current_mfa(struct proc *q, term *hp) {
    struct module *m = q->pc ? module_of_code(q->pc) : NULL;
    const struct mod_func *f = m ? module_func_of(m, q->pc) : NULL;
    if (!f) return AM(undefined);
    hp[0] = make_header(SUB_TUPLE, 3);
    hp[1] = m->name;
    hp[2] = f->name;
    hp[3] = term_from_small(f->arity);
    return term_from_boxed_ptr(hp);
}

static term status_of(struct proc *q, uint32_t st, bool self) {
    if (self) return AM(running);
    if (st == PS_WAITING) return AM(waiting);
    if (st == PS_RUNNABLE) return AM(runnable);
    return AM(running);
}

static const char *const known_items[] = {
    "messages", "dictionary", "links", "monitors", "monitored_by", "current_function", "initial_call",
    "garbage_collection", "max_heap_size", "message_queue_len", "heap_size", "total_heap_size",
    "stack_size", "reductions", "status", "registered_name", "trap_exit", "priority", "memory",
    "min_heap_size", "group_leader", "error_handler", "message_queue_data", "min_bin_vheap_size",
    "suspending", "fullsweep_after", "binary",
    "dropped_messages", /* embedding: {max_mailbox, N, drop} */
    NULL};

static bool is_item(term t) {
    if (!term_is_atom(t)) return false;
    for (int i = 0; known_items[i]; i++)
        if (t == atom_term(known_items[i], strlen(known_items[i]))) return true;
    return false;
}

/* Words an item needs on the caller's heap (an upper bound), counting the
   copy of q's terms (messages, dictionary) when q is another process. */
static size_t item_words(struct proc *q, term item, bool self) {
    size_t w = 3;
    if (item == AM(messages)) {
        for (struct msg *m = q->mbox.first; m; m = atomic_load_explicit(&m->next, memory_order_relaxed))
            w += 2 + (self ? 0 : term_size(m->payload));
    } else if (item == AM(dictionary)) {
        w += (self ? 0 : term_size(q->dict)) + 2 * (size_t)list_len(q->dict);
    } else if (item == AM(links)) {
        w += q->ext ? 2 * (size_t)q->ext->nlinks : 0;
    } else if (item == AM(monitors) || item == AM(monitored_by)) {
        w += q->ext ? (size_t)q->ext->nmons * (2 + 3 + 3) : 0;
    } else if (item == AM(current_function) || item == AM(initial_call)) {
        w += 4;
    } else if (item == AM(garbage_collection)) {
        w += 5 * 5 + 4 + MAP_WORDS(3);
    } else if (item == AM(max_heap_size)) {
        w += 4 + MAP_WORDS(3);
    } else if (item == AM(binary)) {
        /* a collection before the answer is built only drops handles */
        for (const term *h = q->offheap_first; h; h = (const term *)(uintptr_t)h[3]) w += 2 + 4;
    }
    return w;
}

/* The {Item, Value} tuple (or [] for registered_name when there is none,
   in a list) built at *hp. */
static term item_value(struct proc *p, struct proc *q, term item, uint32_t st, term **hpp, bool single) {
    bool self = p == q;
    term *hp = *hpp, v;
    if (item == AM(messages)) {
        size_t n = 0;
        for (struct msg *m = q->mbox.first; m; m = atomic_load_explicit(&m->next, memory_order_relaxed)) n++;
        term *cells = hp;
        hp += 2 * n;
        v = TERM_NIL;
        size_t i = 0;
        term *prev = NULL;
        for (struct msg *m = q->mbox.first; m; m = atomic_load_explicit(&m->next, memory_order_relaxed), i++) {
            term t = self ? m->payload : term_copy(m->payload, &hp, &p->offheap_first);
            term c = cons_store(&cells[2 * i], t, TERM_NIL);
            if (prev) prev[1] = c;
            else v = c;
            prev = &cells[2 * i];
        }
    } else if (item == AM(dictionary)) {
        /* oldest first, as get/0 */
        term d = self ? q->dict : term_copy(q->dict, &hp, &p->offheap_first);
        v = TERM_NIL;
        for (; term_is_list(d); d = CDR(d), hp += 2) v = cons_store(hp, CAR(d), v);
    } else if (item == AM(links)) {
        v = TERM_NIL;
        for (uint32_t i = 0; q->ext && i < q->ext->nlinks; i++, hp += 2)
            v = cons_store(hp, term_from_pid(q->ext->links[i]), v);
    } else if (item == AM(monitors) || item == AM(monitored_by)) {
        v = TERM_NIL;
        bool origin = item == AM(monitors);
        for (uint32_t i = 0; q->ext && i < q->ext->nmons; i++) {
            struct mon *m = &q->ext->mons[i];
            if (m->origin != origin || (origin && !m->pid)) continue;
            term e = term_from_pid(m->pid);
            if (origin) {
                term who = e;
                if (m->name) {
                    who = tuple2_store(hp, m->name, AM(nonode_at_nohost));
                    hp += 3;
                }
                e = tuple2_store(hp, AM(process), who);
                hp += 3;
            }
            v = cons_store(hp, e, v);
            hp += 2;
        }
    } else if (item == AM(current_function)) {
        v = current_mfa(q, hp);
        hp += 4;
    } else if (item == AM(initial_call)) {
        struct proc_ext *e = q->ext;
        hp[0] = make_header(SUB_TUPLE, 3);
        hp[1] = e && e->init_m ? e->init_m : AM(erlang);
        hp[2] = e && e->init_m ? e->init_f : AM(apply);
        hp[3] = term_from_small(e && e->init_m ? e->init_a : 2);
        v = term_from_boxed_ptr(hp);
        hp += 4;
    } else if (item == AM(message_queue_len)) {
        v = term_from_small((int64_t)q->mbox.len); /* process_info drained (or retried) first */
    } else if (item == AM(heap_size)) {
        v = term_from_small((int64_t)((q->htop - q->heap_start) + (q->old_top - q->old_start)));
    } else if (item == AM(total_heap_size)) {
        v = term_from_small((int64_t)heap_total_words(q));
    } else if (item == AM(stack_size)) {
        v = term_from_small((int64_t)(q->heap_end - q->stop));
    } else if (item == AM(reductions)) {
        v = term_from_small((int64_t)(self ? proc_reductions(q) : q->reductions));
    } else if (item == AM(status)) {
        v = status_of(q, st, self);
    } else if (item == AM(registered_name)) {
        v = registered_name(q);
        if (!v && single) return TERM_NIL;
        if (!v) v = TERM_NIL;
    } else if (item == AM(trap_exit)) {
        v = (q->flags & PF_TRAP_EXIT) ? AM_true : AM_false;
    } else if (item == AM(priority)) {
        v = prio_atom(q->prio);
    } else if (item == AM(memory)) {
        v = term_from_small((int64_t)(sizeof *q + heap_total_words(q) * sizeof(term) + q->frag_words * sizeof(term)));
    } else if (item == AM(min_heap_size)) {
        v = term_from_small((int64_t)q->min_heap_words);
    } else if (item == AM(dropped_messages)) { /* embedding */
        v = term_from_small(q->ext ? (int64_t)q->ext->dropped : 0);
    } else if (item == AM(max_heap_size)) {
        v = max_heap_at(hp, q->max_heap_words, q->flags & PF_HEAP_QUIET);
        hp += 4 + MAP_WORDS(3);
    } else if (item == AM(group_leader)) {
        v = term_from_pid(proc_group_leader(q));
    } else if (item == AM(error_handler)) {
        v = AM(error_handler);
    } else if (item == AM(message_queue_data)) {
        v = AM(on_heap);
    } else if (item == AM(garbage_collection)) {
        term mh = max_heap_at(hp, q->max_heap_words, q->flags & PF_HEAP_QUIET);
        hp += 4 + MAP_WORDS(3);
        term kv[5][2] = {{AM(max_heap_size), mh},
                         {AM(min_bin_vheap_size), term_from_small(46422)},
                         {AM(min_heap_size), term_from_small((int64_t)q->min_heap_words)},
                         {AM(fullsweep_after), term_from_small(65535)},
                         {AM(minor_gcs), term_from_small(q->minor_gcs)}};
        v = TERM_NIL;
        for (int i = 4; i >= 0; i--) {
            term t = tuple2_store(hp, kv[i][0], kv[i][1]);
            hp += 3;
            v = cons_store(hp, t, v);
            hp += 2;
        }
    } else if (item == AM(binary)) {
        /* [{Id, Size, RefCount}] of the refc binaries q's heap refers to,
           as erl: one per handle, so exact right after a collection */
        v = TERM_NIL;
        for (const term *h = q->offheap_first; h; h = (const term *)(uintptr_t)h[3]) {
            struct offheap_bin *b = (struct offheap_bin *)(uintptr_t)h[2];
            hp[0] = make_header(SUB_TUPLE, 3);
            hp[1] = term_from_small((int64_t)(uintptr_t)b);
            hp[2] = term_from_small((int64_t)b->size);
            hp[3] = term_from_small((int64_t)atomic_load_explicit(&b->refc, memory_order_relaxed));
            v = cons_store(hp + 4, term_from_boxed_ptr(hp), v);
            hp += 4 + 2;
        }
    } else if (item == AM(suspending)) {
        v = TERM_NIL;
    } else { /* min_bin_vheap_size, fullsweep_after */
        v = term_from_small(item == AM(fullsweep_after) ? 65535 : 46422);
    }
    term r = tuple2_store(hp, item, v);
    *hpp = hp + 3;
    return r;
}

static const char *const default_items[] = {
    "current_function", "initial_call", "status", "message_queue_len", "links", "dictionary", "trap_exit",
    "error_handler", "priority", "group_leader", "total_heap_size", "heap_size", "stack_size",
    "reductions", "garbage_collection", "suspending", NULL};

/* process_info(Pid, Item | [Item]) (args[1]), or process_info(Pid) with
   the default items (args[1] absent: dflt). */
static term process_info(struct proc *p, term *args, bool dflt) {
    bool list = dflt || term_is_list(args[1]) || args[1] == TERM_NIL;
    size_t n = 0;
    if (dflt) {
        while (default_items[n]) n++;
    } else if (list) {
        term l = args[1];
        for (; term_is_list(l); l = CDR(l), n++)
            if (!is_item(CAR(l))) return raise_badarg(p);
        if (l != TERM_NIL) return raise_badarg(p);
    } else if (!is_item(args[1])) {
        return raise_badarg(p);
    }
    uint64_t pid = term_to_pid(args[0]);
    struct proc *q = pid == p->id ? p : ptab_lookup(pid);
    if (!q) return AM(undefined);
    uint32_t st = PS_RUNNING;
    if (q != p && !proc_hold(q, &st)) {
        uint32_t s = atomic_load_explicit(&q->state, memory_order_acquire);
        ptab_release(q);
        /* a host context (vm/moat.c) is never held: nothing to tell */
        return s == PS_EXITING || s == PS_HOST ? AM(undefined) : TERM_RETRY;
    }
    bool self = q == p;
    if (self) {
        if (proc_drain(p) == PROC_KILLED) return raise_class(p, AM(moat_kill), p->exc_reason);
    } else if (!mbox_inbox_empty(&q->mbox)) {
        /* signals and messages not seen yet: let it take them first (unhold
           wakes it) and ask again after this slice */
        proc_unhold(q, st);
        ptab_release(q);
        return TERM_RETRY;
    }
    /* the size of the answer, then build it without collecting */
    size_t words = 0;
    if (dflt) {
        for (size_t i = 0; i < n; i++) words += item_words(q, atom_term(default_items[i], strlen(default_items[i])), self) + 2;
        words += 5; /* registered_name */
    } else if (list) {
        for (term l = args[1]; term_is_list(l); l = CDR(l)) words += item_words(q, CAR(l), self) + 2;
    } else {
        words = item_words(q, args[1], self);
    }
    term r;
    if (!heap_ensure_free(p, words)) {
        r = raise_system_limit(p);
    } else if (!list) {
        term *hp = p->htop;
        r = item_value(p, q, args[1], st, &hp, true);
        p->htop = hp;
    } else {
        term *hp = p->htop, *prev = NULL;
        r = TERM_NIL;
        term rn = dflt ? registered_name(q) : 0;
        if (rn) {
            term t = tuple2_store(hp, AM(registered_name), rn);
            prev = hp + 3;
            r = cons_store(prev, t, TERM_NIL);
            hp += 5;
        }
        term l = dflt ? TERM_NIL : args[1];
        for (size_t i = 0; i < n; i++) {
            term item = dflt ? atom_term(default_items[i], strlen(default_items[i])) : CAR(l);
            if (!dflt) l = CDR(l);
            term *cell = hp;
            hp += 2;
            term c = cons_store(cell, item_value(p, q, item, st, &hp, false), TERM_NIL);
            if (prev) prev[1] = c;
            else r = c;
            prev = cell;
        }
        p->htop = hp;
    }
    if (!self) {
        proc_unhold(q, st);
        ptab_release(q);
    }
    return r;
}

term bif_erlang_process_info_1(struct proc *p, term *args) {
    if (!term_is_local_pid(args[0])) return raise_badarg(p);
    return process_info(p, args, true);
}

term bif_erlang_process_info_2(struct proc *p, term *args) {
    if (!term_is_local_pid(args[0])) return raise_badarg(p);
    return process_info(p, args, false);
}
/* ---- erlang:memory ------------------------------------------------------------------------ */

struct mem_sum {
    struct proc *self;
    size_t bytes;
};

static void add_proc_mem(struct proc *q, void *arg) {
    struct mem_sum *s = arg;
    size_t b = sizeof *q;
    uint32_t st = PS_WAITING;
    if (q == s->self || proc_hold(q, &st)) {
        b += (heap_total_words(q) + q->frag_words) * sizeof(term);
        if (q->ext) b += sizeof *q->ext + q->ext->caplinks * sizeof(uint64_t) + q->ext->capmons * sizeof(struct mon);
        if (q != s->self) proc_unhold(q, st);
    } else {
        b += q->min_heap_words * sizeof(term); /* running elsewhere: its least */
    }
    s->bytes += b;
}

/* erlang:memory/0,1. processes is exact for every process not running on
   another scheduler at the moment (those count their least heap); atom is
   an estimate (the atom table does not count its bytes); ets is 0 (no ETS
   yet). */
static bool memory_of(struct proc *p, term type, size_t *out) {
    if (type == AM(processes) || type == AM(processes_used)) {
        struct mem_sum s = {p, 0};
        ptab_foreach(add_proc_mem, &s);
        *out = s.bytes;
    } else if (type == AM(binary)) {
        {
            int64_t b = atomic_load_explicit(&node_cur()->offheap_bytes, memory_order_relaxed);
            *out = b > 0 ? (size_t)b : 0;
        }
    } else if (type == AM(code)) {
        *out = module_code_bytes();
    } else if (type == AM(atom) || type == AM(atom_used)) {
        *out = (size_t)atom_count() * 48;
    } else if (type == AM(ets)) {
        *out = ets_memory_bytes();
    } else if (type == AM(total) || type == AM(system)) {
        /* resident memory of the OS process (Linux) */
        size_t rss = 0, pages = 0, res = 0;
        FILE *f = fopen("/proc/self/statm", "r");
        if (f) {
            if (fscanf(f, "%zu %zu", &pages, &res) == 2) rss = res * (size_t)sysconf(_SC_PAGESIZE);
            fclose(f);
        }
        *out = rss;
        if (type == AM(system)) {
            size_t procs;
            memory_of(p, AM(processes), &procs);
            *out = rss > procs ? rss - procs : 0;
        }
    } else {
        return false;
    }
    return true;
}

static term bytes_term(struct proc *p, size_t n) { (void)p; return term_from_small((int64_t)n); }

term bif_erlang_memory_1(struct proc *p, term *args) {
    size_t n;
    if (term_is_atom(args[0])) {
        if (!memory_of(p, args[0], &n)) return raise_badarg(p);
        return bytes_term(p, n);
    }
    int64_t len = list_len(args[0]);
    if (len < 0) return raise_badarg(p);
    for (term l = args[0]; term_is_list(l); l = CDR(l))
        if (!term_is_atom(CAR(l)) || !memory_of(p, CAR(l), &n)) return raise_badarg(p);
    if (!heap_ensure_free(p, 5 * (size_t)len)) return raise_system_limit(p);
    term *hp = heap_take(p, 5 * (size_t)len), r = TERM_NIL, *prev = NULL;
    for (term l = args[0]; term_is_list(l); l = CDR(l)) {
        memory_of(p, CAR(l), &n);
        term t = tuple2_store(hp, CAR(l), bytes_term(p, n));
        term c = cons_store(hp + 3, t, TERM_NIL);
        if (prev) prev[1] = c;
        else r = c;
        prev = hp + 3;
        hp += 5;
    }
    return r;
}

term bif_erlang_memory_0(struct proc *p, term *args) {
    static const char *const types[] = {"total", "processes", "processes_used", "system", "atom",
                                        "atom_used", "binary", "code", "ets", NULL};
    (void)args;
    if (!heap_ensure_free(p, 5 * 9)) return raise_system_limit(p);
    term *hp = heap_take(p, 5 * 9), r = TERM_NIL;
    for (int i = 8; i >= 0; i--, hp += 5) {
        term a = atom_term(types[i], strlen(types[i]));
        size_t n = 0;
        memory_of(p, a, &n);
        r = cons_store(hp + 3, tuple2_store(hp, a, bytes_term(p, n)), r);
    }
    return r;
}

/* ---- erlang:send/3, yield -------------------------------------------------------------------- */

term bif_erlang_send_3(struct proc *p, term *args) {
    for (term l = args[2]; l != TERM_NIL; l = CDR(l))
        if (!term_is_list(l) || (CAR(l) != AM(noconnect) && CAR(l) != AM(nosuspend))) return raise_badarg(p);
    int rc = proc_send(p, args[0], args[1]);
    if (rc < 0) return rc == SEND_NOMEM ? raise_system_limit(p) : raise_badarg(p);
    return AM(ok);
}

/* erl's sends do not suspend a local sender either: send, then true */
term bif_erlang_send_nosuspend_2(struct proc *p, term *args) {
    term r = bif_erlang_send_2(p, args);
    return r == TERM_NONE ? r : AM_true;
}
term bif_erlang_send_nosuspend_3(struct proc *p, term *args) {
    for (term l = args[2]; l != TERM_NIL; l = CDR(l))
        if (!term_is_list(l) || (CAR(l) != AM(noconnect) && CAR(l) != AM(nosuspend))) return raise_badarg(p);
    return bif_erlang_send_nosuspend_2(p, args);
}

/* A hint erl may act on later; true for a small count >= 0. */
term bif_erlang_bump_reductions_1(struct proc *p, term *args) {
    return term_is_small(args[0]) && term_to_small(args[0]) >= 0 ? AM_true : raise_badarg(p);
}

/* Ends the caller's time slice (others queued run first), then returns:
   a purge retried in a loop with yield() must let a process that sits
   in the old code run out of it. */
term bif_erlang_yield_0(struct proc *p, term *args) {
    (void)args;
    if (!(p->flags & PF_YIELDED)) {
        p->flags |= PF_YIELDED;
        return TERM_RETRY;
    }
    p->flags &= ~PF_YIELDED;
    return AM_true;
}

/* ---- timers --------------------------------------------------------------------------------- */

/* A timer reference carries its timer id in its second word (0 in other
   references), so cancel_timer needs no table. */
struct msg_timer {
    void (*drop)(void *arg); /* first: timer args of a node (vm/node.c) */
    term dest;        /* pid or registered name */
    struct msg *m;    /* the message, ready */
};

static void msg_timer_fire(void *arg) {
    struct msg_timer *t = arg;
    uint64_t pid = term_is_atom(t->dest) ? reg_whereis(t->dest) : term_to_pid(t->dest);
    if (pid) proc_post(pid, t->m);
    else msg_free(t->m);
    mem_free(t);
}

static void msg_timer_drop(void *arg) {
    struct msg_timer *t = arg;
    msg_free(t->m);
    mem_free(t);
}

static bool timeout_ok(term t) { return term_is_small(t) && term_to_small(t) >= 0 && term_to_small(t) <= 0xFFFFFFFFll; }

/* send_after / start_timer: msg is Msg or {timeout, Ref, Msg} */
static term start_msg_timer(struct proc *p, term *args, bool wrap, term opts) {
    term time = args[0], dest = args[1];
    if (!term_is_local_pid(dest) && !term_is_atom(dest)) return raise_badarg(p);
    bool abs = false;
    for (; term_is_list(opts); opts = CDR(opts)) {
        term o = CAR(opts);
        if (!term_is_tuple(o) || tuple_arity(o) != 2 || tuple_elems(o)[0] != AM(abs) ||
            (tuple_elems(o)[1] != AM_true && tuple_elems(o)[1] != AM_false))
            return raise_badarg(p);
        abs = tuple_elems(o)[1] == AM_true;
    }
    if (opts != TERM_NIL || !term_is_small(time)) return raise_badarg(p);
    int64_t ms = term_to_small(time);
    if (abs) ms -= (int64_t)timer_now_ms();
    if (!abs && !timeout_ok(time)) return raise_badarg(p);
    if (ms < 0) ms = 0;
    if (!heap_ensure_free(p, REF_WORDS + 4)) return raise_system_limit(p);
    struct msg_timer *t = mem_malloc(sizeof *t);
    if (!t) return raise_system_limit(p);
    uint64_t n = ref_new_number();
    term *hp = heap_take(p, REF_WORDS);
    term ref = ref_store(hp, n);
    term msg = args[2];
    if (wrap) {
        term *tp = heap_take(p, 4);
        tp[0] = make_header(SUB_TUPLE, 3);
        tp[1] = AM(timeout);
        tp[2] = ref;
        tp[3] = msg;
        msg = term_from_boxed_ptr(tp);
    }
    t->drop = msg_timer_drop;
    t->dest = args[1];
    t->m = msg_make(msg);
    if (!t->m) {
        mem_free(t);
        return raise_system_limit(p);
    }
    /* {timeout, Ref, Msg}: the copy of Ref in the message gets the id too */
    uint64_t *slot = wrap ? &term_boxed_ptr(tuple_elems(t->m->payload)[1])[2] : NULL;
    uint64_t id = timer_start_id((uint64_t)ms, msg_timer_fire, t, slot);
    if (!id) {
        msg_timer_drop(t);
        return raise_system_limit(p);
    }
    term_boxed_ptr(ref)[2] = id; /* the timer id */
    return ref;
}

term bif_erlang_send_after_3(struct proc *p, term *args) { return start_msg_timer(p, args, false, TERM_NIL); }
term bif_erlang_send_after_4(struct proc *p, term *args) { return start_msg_timer(p, args, false, args[3]); }
term bif_erlang_start_timer_3(struct proc *p, term *args) { return start_msg_timer(p, args, true, TERM_NIL); }
term bif_erlang_start_timer_4(struct proc *p, term *args) { return start_msg_timer(p, args, true, args[3]); }

static term timer_op(struct proc *p, term ref, term opts, bool cancel) {
    if (!term_is_ref(ref)) return raise_badarg(p);
    bool async = false, info = true;
    for (; term_is_list(opts); opts = CDR(opts)) {
        term o = CAR(opts);
        if (!term_is_tuple(o) || tuple_arity(o) != 2 ||
            (tuple_elems(o)[1] != AM_true && tuple_elems(o)[1] != AM_false))
            return raise_badarg(p);
        if (tuple_elems(o)[0] == AM(async)) async = tuple_elems(o)[1] == AM_true;
        else if (tuple_elems(o)[0] == AM(info)) info = tuple_elems(o)[1] == AM_true;
        else return raise_badarg(p);
    }
    if (opts != TERM_NIL) return raise_badarg(p);
    uint64_t id = term_boxed_ptr(ref)[2];
    int64_t left = 0;
    bool found = false;
    if (id) {
        void *arg = NULL;
        found = cancel ? timer_cancel(id, &left, &arg) : timer_read(id, &left);
        if (found && cancel) msg_timer_drop(arg);
    }
    term v = found ? term_from_small(left) : AM_false;
    if (async) {
        if (info) {
            /* {cancel_timer | read_timer, Ref, Result} to the caller */
            if (!heap_ensure_free(p, 4)) return raise_system_limit(p);
            term *hp = heap_take(p, 4);
            hp[0] = make_header(SUB_TUPLE, 3);
            hp[1] = cancel ? AM(cancel_timer) : AM(read_timer);
            hp[2] = ref;
            hp[3] = v;
            proc_deliver(p, msg_make(term_from_boxed_ptr(hp)));
        }
        return AM(ok);
    }
    return info ? v : AM(ok);
}

term bif_erlang_cancel_timer_1(struct proc *p, term *args) { return timer_op(p, args[0], TERM_NIL, true); }
term bif_erlang_cancel_timer_2(struct proc *p, term *args) { return timer_op(p, args[0], args[1], true); }
term bif_erlang_read_timer_1(struct proc *p, term *args) { return timer_op(p, args[0], TERM_NIL, false); }
term bif_erlang_read_timer_2(struct proc *p, term *args) { return timer_op(p, args[0], args[1], false); }
