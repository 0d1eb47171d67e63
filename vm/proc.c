/*
 * proc.c — process lifecycle and signals: spawn, send, links, monitors,
 * exit signals, registered names, and the end of a process.
 *
 * Every interaction between processes is a message or a signal pushed
 * onto the receiver's inbox (vm/mailbox.h): nobody but a process itself
 * touches its heap, queue, links or monitors. A process handles the
 * signals in its inbox when it drains it (proc_drain): at a receive, when
 * its time slice ends, and when it is woken. So one sender's messages and
 * signals are seen in the order sent.
 *
 * Links: each side keeps the other's pid number in its ext->links. link/1
 * adds to the caller's set and sends SIG_LINK; unlink/1 removes and sends
 * SIG_UNLINK. A process that ends sends SIG_EXIT_LINK to each linked
 * process; the receiver ignores it when the link is no longer in its set
 * (it unlinked meanwhile).
 * Monitors: the monitoring process keeps an origin record (ref, target)
 * and sends SIG_MONITOR; the target keeps a target record (ref, watcher).
 * When the target ends it sends SIG_DOWN; demonitor removes the origin
 * record and sends SIG_DEMONITOR. A SIG_DOWN whose origin record is gone
 * (demonitored) is dropped, so no 'DOWN' arrives after demonitor/1.
 * Signals to a process that is gone get the answers of a dead process:
 * SIG_LINK an exit signal `noproc`, SIG_MONITOR a 'DOWN' with `noproc`.
 * A process's struct outlives its end until the last ptab reference goes
 * (ptab.h); signals pushed in that window are answered then (proc_destroy).
 * Aliases: see the section below.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "alloc.h"
#include "atom.h"
#include "error.h"
#include "ets.h"
#include "heap.h"
#include "interp.h"
#include "io.h"
#include "node.h"
#include "print.h"
#include "strbuf.h"
#include "ptab.h"
#include "scheduler.h"
#include "timer.h"
#include "vm.h"

/* ---- ext: the lazily allocated part of a process ------------------------------ */

struct proc_ext *proc_ext(struct proc *p) {
    if (!p->ext) p->ext = mem_zalloc(sizeof *p->ext);
    return p->ext;
}

static void ext_free(struct proc *p) {
    struct proc_ext *e = p->ext;
    if (!e) return;
    mem_free(e->links);
    for (uint32_t i = 0; i < e->nmons; i++)
        if (e->mons[i].tag) msg_free(e->mons[i].tag);
    mem_free(e->mons);
    mem_free(e->aliases);
    mem_free(e);
    p->ext = NULL;
}

bool proc_link_has(struct proc *p, uint64_t pid) {
    struct proc_ext *e = p->ext;
    if (!e) return false;
    for (uint32_t i = 0; i < e->nlinks; i++)
        if (e->links[i] == pid) return true;
    return false;
}

/* One of ext's arrays (links, monitors, aliases) with room for one more
   item, doubled when full; NULL if out of memory (items is kept). */
static void *ext_room(void *items, uint32_t n, uint32_t *cap, size_t size) {
    if (n < *cap) return items;
    uint32_t c = *cap ? 2 * *cap : 4;
    void *grown = mem_realloc(items, c * size);
    if (grown) *cap = c;
    return grown;
}

bool proc_link_add(struct proc *p, uint64_t pid) {
    if (proc_link_has(p, pid)) return true;
    struct proc_ext *e = proc_ext(p);
    if (!e) return false;
    void *room = ext_room(e->links, e->nlinks, &e->caplinks, sizeof *e->links);
    if (!room) return false;
    e->links = room;
    e->links[e->nlinks++] = pid;
    return true;
}

bool proc_link_del(struct proc *p, uint64_t pid) {
    struct proc_ext *e = p->ext;
    if (!e) return false;
    for (uint32_t i = 0; i < e->nlinks; i++)
        if (e->links[i] == pid) {
            e->links[i] = e->links[--e->nlinks];
            return true;
        }
    return false;
}

struct mon *proc_mon_find(struct proc *p, uint64_t ref, bool origin) {
    struct proc_ext *e = p->ext;
    if (!e) return NULL;
    for (uint32_t i = 0; i < e->nmons; i++)
        if (e->mons[i].ref == ref && e->mons[i].origin == origin) return &e->mons[i];
    return NULL;
}

bool proc_mon_add(struct proc *p, struct mon m) {
    struct proc_ext *e = proc_ext(p);
    if (!e) return false;
    void *room = ext_room(e->mons, e->nmons, &e->capmons, sizeof *e->mons);
    if (!room) return false;
    e->mons = room;
    e->mons[e->nmons++] = m;
    return true;
}

void proc_mon_del(struct proc *p, struct mon *m) {
    struct proc_ext *e = p->ext;
    if (m->tag) msg_free(m->tag);
    *m = e->mons[--e->nmons];
}

/* ---- building signals ----------------------------------------------------------- */

/* A fragment holding a copy of t followed by `extra` free words
   (*extra_at points to them); NULL if out of memory. */
static struct msg *frag_with(term t, size_t extra, term **extra_at, term *copy) {
    size_t words = term_size(t);
    struct msg *m = msg_alloc(words + extra);
    if (!m) return NULL;
    term *hp = m->data;
    *copy = term_copy(t, &hp, &m->offheap);
    *extra_at = hp;
    return m;
}

struct msg *msg_make(term t) {
    term *hp, copy;
    struct msg *m = frag_with(t, 0, &hp, &copy);
    if (m) m->payload = copy;
    return m;
}

/* {'EXIT', From, Reason}, as kind (SIG_EXIT or SIG_EXIT_LINK) */
static struct msg *exit_signal(uint32_t kind, uint64_t from, term reason) {
    term *hp, r;
    struct msg *m = frag_with(reason, 4, &hp, &r);
    if (!m) return NULL;
    hp[0] = make_header(SUB_TUPLE, 3);
    hp[1] = AM(EXIT);
    hp[2] = term_from_pid(from);
    hp[3] = r;
    m->payload = term_from_boxed_ptr(hp);
    m->kind = kind;
    m->from = from;
    return m;
}

/* {'DOWN', Ref, process, Pid | {Name, node()}, Reason} */
static struct msg *down_signal(uint64_t ref, uint64_t from, term name, term reason) {
    term *hp, r;
    struct msg *m = frag_with(reason, REF_WORDS + 3 + 6, &hp, &r);
    if (!m) return NULL;
    term rt = ref_store(hp, ref), who = term_from_pid(from);
    hp += REF_WORDS;
    if (name) who = tuple2_store(hp, name, AM(nonode_at_nohost));
    hp += 3;
    hp[0] = make_header(SUB_TUPLE, 5);
    hp[1] = AM(DOWN);
    hp[2] = rt;
    hp[3] = AM(process);
    hp[4] = who;
    hp[5] = r;
    m->payload = term_from_boxed_ptr(hp);
    m->kind = SIG_DOWN;
    m->from = from;
    m->aux = (term)ref;
    return m;
}

/* The 'DOWN' message m with tag in place of 'DOWN' (m is freed); m
   itself if out of memory. */
static struct msg *down_tagged(struct msg *m, term tag) {
    term t[6];
    memcpy(t, term_boxed_ptr(m->payload), sizeof t);
    t[1] = tag;
    struct msg *n = msg_make(term_from_boxed_ptr(t));
    if (!n) return m;
    n->kind = m->kind;
    n->from = m->from;
    n->aux = m->aux;
    msg_free(m);
    return n;
}

bool proc_monitor_tag(struct proc *p, uint64_t ref, term tag) {
    struct mon *mon = proc_mon_find(p, ref, true);
    if (!mon) return true; /* of itself: no 'DOWN' will come */
    struct msg *t = msg_make(tag);
    if (!t) return false;
    if (mon->tag) msg_free(mon->tag);
    mon->tag = t;
    return true;
}

static struct msg *ref_signal(uint32_t kind, uint64_t from, uint64_t ref, term aux) {
    struct msg *m = msg_alloc(REF_WORDS);
    if (!m) return NULL;
    m->payload = ref_store(m->data, ref);
    m->kind = kind;
    m->from = from;
    m->aux = aux;
    return m;
}

static struct msg *bare_signal(uint32_t kind, uint64_t from) {
    struct msg *m = msg_alloc(0);
    if (!m) return NULL;
    m->kind = kind;
    m->from = from;
    return m;
}

static uint64_t msg_ref(const struct msg *m) { return m->kind == SIG_DOWN ? (uint64_t)m->aux : term_boxed_ptr(m->payload)[1]; }

/* ---- delivery -------------------------------------------------------------------- */

/* What a dead process answers to signal m (then m is freed). */
static void answer_dead(uint64_t dead, struct msg *m) {
    if (m->kind == SIG_LINK) {
        proc_post(m->from, exit_signal(SIG_EXIT_LINK, dead, AM(noproc)));
    } else if (m->kind == SIG_MONITOR) {
        proc_post(m->from, down_signal(msg_ref(m), dead, m->aux, AM(noproc)));
    }
    msg_free(m);
}

void proc_post(uint64_t pid, struct msg *m) {
    if (!m) return; /* out of memory: lost, as to a dead process */
    struct proc *q = ptab_lookup(pid);
    if (!q) {
        answer_dead(pid, m);
        return;
    }
    mbox_push(&q->mbox, m);
    sched_wake(q);
    ptab_release(q);
}

void proc_deliver(struct proc *q, struct msg *m) {
    if (!m) return;
    mbox_push(&q->mbox, m);
    sched_wake(q);
}

uint64_t proc_group_leader(const struct proc *p) {
    uint64_t gl = atomic_load_explicit(&p->group_leader, memory_order_relaxed);
    return gl ? gl : io_user_pid();
}

/* ---- the registry ------------------------------------------------------------------ */

/* A table of uint64 keys (never 0 or 1) to pid numbers: open addressing,
   tombstones for removals, one lock. Two per node: registered names
   (keyed by the atom term) and aliases (by the reference number, +2). */
struct reg_slot {
    uint64_t key; /* 0 empty, 1 tombstone */
    uint64_t pid;
};
struct regtab {
    struct reg_slot *slots;
    size_t cap, used, live;
    pthread_mutex_t lock;
};

struct regtab *registry_create(void) {
    struct regtab *reg = mem_zalloc(sizeof *reg);
    if (reg) pthread_mutex_init(&reg->lock, NULL);
    return reg;
}

void registry_destroy(struct regtab *reg) {
    if (!reg) return;
    mem_free(reg->slots);
    pthread_mutex_destroy(&reg->lock);
    mem_free(reg);
}

static size_t reg_hash(uint64_t key) { return (size_t)((key >> 4) * 0x9E3779B97F4A7C15ull); }

static struct reg_slot *reg_find(struct regtab *reg, uint64_t key) {
    if (!reg->cap) return NULL;
    for (size_t i = reg_hash(key) & (reg->cap - 1);; i = (i + 1) & (reg->cap - 1)) {
        if (reg->slots[i].key == key) return &reg->slots[i];
        if (reg->slots[i].key == 0) return NULL;
    }
}

/* Rehash for live + 1 keys at most a quarter full (tombstones gone):
   aliases come and go by the million, the table stays the size of those
   alive. */
static bool reg_grow(struct regtab *reg) {
    size_t cap = 64;
    while (cap < 4 * (reg->live + 1)) cap *= 2;
    struct reg_slot *n = mem_calloc(cap, sizeof *n);
    if (!n) return false;
    for (size_t i = 0; i < reg->cap; i++) {
        if (reg->slots[i].key <= 1) continue;
        size_t k = reg_hash(reg->slots[i].key) & (cap - 1);
        while (n[k].key) k = (k + 1) & (cap - 1);
        n[k] = reg->slots[i];
    }
    mem_free(reg->slots);
    reg->slots = n;
    reg->cap = cap;
    reg->used = reg->live;
    return true;
}

/* Add key (not there yet) under the lock; false if out of memory. */
static bool reg_put(struct regtab *reg, uint64_t key, uint64_t pid) {
    if ((reg->used + 1) * 2 > reg->cap && !reg_grow(reg)) return false;
    size_t i = reg_hash(key) & (reg->cap - 1);
    while (reg->slots[i].key > 1) i = (i + 1) & (reg->cap - 1);
    if (reg->slots[i].key == 0) reg->used++;
    reg->slots[i] = (struct reg_slot){key, pid};
    reg->live++;
    return true;
}

static void reg_del(struct regtab *reg, struct reg_slot *s) {
    s->key = 1;
    reg->live--;
}

int reg_register(term name, struct proc *p) {
    struct regtab *reg = node_cur()->names;
    pthread_mutex_lock(&reg->lock);
    int rc = 0;
    if (reg_find(reg, name) || p->named || atomic_load_explicit(&p->state, memory_order_acquire) == PS_EXITING ||
        !reg_put(reg, name, p->id))
        rc = -1;
    else
        p->named = 1;
    pthread_mutex_unlock(&reg->lock);
    return rc;
}

uint64_t reg_whereis(term name) {
    struct regtab *reg = node_cur()->names;
    pthread_mutex_lock(&reg->lock);
    struct reg_slot *s = reg_find(reg, name);
    uint64_t pid = s ? s->pid : 0;
    pthread_mutex_unlock(&reg->lock);
    return pid;
}

/* Remove name if pid (0: any) holds it; returns the pid it had, or 0. */
uint64_t reg_unregister(term name, uint64_t pid) {
    struct regtab *reg = node_cur()->names;
    pthread_mutex_lock(&reg->lock);
    struct reg_slot *s = reg_find(reg, name);
    uint64_t had = 0;
    if (s && (!pid || s->pid == pid)) {
        had = s->pid;
        reg_del(reg, s);
        struct proc *q = ptab_lookup(had);
        if (q) {
            q->named = 0;
            ptab_release(q);
        }
    }
    pthread_mutex_unlock(&reg->lock);
    return had;
}

/* An ending process gives its name up. */
static void reg_drop(struct proc *p) {
    struct regtab *reg = node_cur()->names;
    pthread_mutex_lock(&reg->lock);
    if (p->named) {
        for (size_t i = 0; i < reg->cap; i++)
            if (reg->slots[i].key > 1 && reg->slots[i].pid == p->id) reg_del(reg, &reg->slots[i]);
        p->named = 0;
    }
    pthread_mutex_unlock(&reg->lock);
}

term reg_name_of(uint64_t pid) {
    struct regtab *reg = node_cur()->names;
    pthread_mutex_lock(&reg->lock);
    term name = 0;
    for (size_t i = 0; i < reg->cap && !name; i++)
        if (reg->slots[i].key > 1 && reg->slots[i].pid == pid) name = (term)reg->slots[i].key;
    pthread_mutex_unlock(&reg->lock);
    return name;
}

size_t reg_names(term *out, size_t max) {
    struct regtab *reg = node_cur()->names;
    pthread_mutex_lock(&reg->lock);
    size_t n = 0;
    for (size_t i = 0; i < reg->cap; i++)
        if (reg->slots[i].key > 1) {
            if (n < max) out[n] = (term)reg->slots[i].key;
            n++;
        }
    pthread_mutex_unlock(&reg->lock);
    return n;
}

/* ---- aliases ----------------------------------------------------------------------- */

/* An alias is a reference that addresses the process that made it. The
   node's table routes a send to the process; the process's own set
   (ext->aliases) decides when the message arrives whether the alias is
   still active: a message sent before unalias/1 that arrives after it is
   dropped, and a reply alias is used up by the first message to arrive,
   as in erl. */

static uint64_t alias_key(uint64_t ref) { return ref + 2; } /* 0 and 1 are the table's */

static uint64_t alias_route(uint64_t ref) {
    struct regtab *tab = node_cur()->aliases;
    pthread_mutex_lock(&tab->lock);
    struct reg_slot *s = reg_find(tab, alias_key(ref));
    uint64_t pid = s ? s->pid : 0;
    pthread_mutex_unlock(&tab->lock);
    return pid;
}

static struct alias *alias_find(struct proc *p, uint64_t ref) {
    struct proc_ext *e = p->ext;
    for (uint32_t i = 0; e && i < e->naliases; i++)
        if (e->aliases[i].ref == ref) return &e->aliases[i];
    return NULL;
}

bool proc_alias_add(struct proc *p, uint64_t ref, enum alias_mode mode) {
    struct proc_ext *e = proc_ext(p);
    if (!e) return false;
    void *room = ext_room(e->aliases, e->naliases, &e->capaliases, sizeof *e->aliases);
    if (!room) return false;
    e->aliases = room;
    struct regtab *tab = node_cur()->aliases;
    pthread_mutex_lock(&tab->lock);
    bool ok = reg_put(tab, alias_key(ref), p->id);
    pthread_mutex_unlock(&tab->lock);
    if (ok) e->aliases[e->naliases++] = (struct alias){ref, (uint8_t)mode};
    return ok;
}

static void alias_remove(struct proc *p, struct alias *a) {
    struct regtab *tab = node_cur()->aliases;
    pthread_mutex_lock(&tab->lock);
    struct reg_slot *s = reg_find(tab, alias_key(a->ref));
    if (s && s->pid == p->id) reg_del(tab, s);
    pthread_mutex_unlock(&tab->lock);
    *a = p->ext->aliases[--p->ext->naliases];
}

bool proc_unalias(struct proc *p, uint64_t ref) {
    struct alias *a = alias_find(p, ref);
    if (a) alias_remove(p, a);
    return a != NULL;
}

/* The monitor `ref` is gone: so is the alias that goes with it. */
static void alias_monitor_gone(struct proc *p, uint64_t ref) {
    struct alias *a = alias_find(p, ref);
    if (a && (a->mode == ALIAS_DEMONITOR || a->mode == ALIAS_REPLY_DEMONITOR)) alias_remove(p, a);
}

/* A message sent to alias `ref` arrives: false if it is not active (the
   message is dropped); a reply alias is used up. */
static bool alias_arrival(struct proc *p, uint64_t ref) {
    struct alias *a = alias_find(p, ref);
    if (!a) return false;
    uint8_t mode = a->mode;
    if (mode == ALIAS_REPLY || mode == ALIAS_REPLY_DEMONITOR) alias_remove(p, a);
    if (mode == ALIAS_REPLY_DEMONITOR) proc_demonitor(p, ref);
    return true;
}

/* The end of p: its aliases route nowhere. */
static void aliases_drop(struct proc *p) {
    while (p->ext && p->ext->naliases) alias_remove(p, &p->ext->aliases[0]);
}

/* ---- sending ----------------------------------------------------------------------- */

int proc_send(struct proc *p, term to, term msg) {
    uint64_t pid, alias = 0;
    if (term_is_local_pid(to)) {
        pid = term_to_pid(to);
    } else if (term_is_atom(to)) {
        pid = reg_whereis(to);
        if (!pid) return -1;
    } else if (term_is_ref(to)) {
        if (!ref_local_number(to, &alias) || !(pid = alias_route(alias))) return 0; /* no active alias: dropped */
    } else if (term_is_pid(to)) {
        return 0; /* a pid of another node (no distribution yet): dropped */
    } else if (term_is_tuple(to) && tuple_arity(to) == 2 && term_is_atom(tuple_elems(to)[0]) &&
               term_is_atom(tuple_elems(to)[1])) {
        /* {Name, Node}: an unknown name is not an error */
        if (tuple_elems(to)[1] != AM(nonode_at_nohost)) return 0;
        pid = reg_whereis(tuple_elems(to)[0]);
        if (!pid) return 0;
    } else {
        return -1;
    }
    struct proc *q = pid == p->id ? p : ptab_lookup(pid);
    if (!q) return 0;
    struct msg *m = msg_make(msg);
    if (m && alias) {
        m->flags |= MSG_VIA_ALIAS;
        m->aux = (term)alias;
    }
    if (m) proc_deliver(q, m);
    if (q != p) ptab_release(q);
    return m ? 0 : SEND_NOMEM;
}

/* ---- handling signals --------------------------------------------------------------- */

/* Append a message to p's queue. A small one is copied into the heap
   when there is room (no collection: p->stop must be current), so that
   taking it frees its fragment at once; its payload is then a GC root
   while it is queued (vm/heap.c). */
#define MSG_COPY_MAX 64

static void queue_message(struct proc *p, struct msg *m) {
    if (m->kind == MSG_MESSAGE && m->words && m->words <= MSG_COPY_MAX &&
        (size_t)(p->stop - p->htop) >= m->words + 16) {
        term *hp = p->htop;
        m->payload = term_copy(m->payload, &hp, &p->offheap_first);
        p->htop = hp;
        m->flags |= MSG_ON_HEAP;
    }
    mbox_append(&p->mbox, m);
}

/* The process must end with `reason` (which lives in fragment m, kept on
   p->frags until the end). */
static int die_by(struct proc *p, struct msg *m, term reason) {
    p->exc_class = AM(exit);
    p->exc_reason = reason;
    p->exc_trace = TERM_NIL;
    if (m) heap_add_frag(p, m);
    return PROC_KILLED;
}

static int handle_exit(struct proc *p, struct msg *m) {
    term reason = tuple_elems(m->payload)[2];
    if (m->kind == SIG_EXIT_LINK) {
        if (!proc_link_del(p, m->from)) {
            msg_free(m); /* unlinked meanwhile */
            return 0;
        }
    } else if (reason == AM(kill)) {
        msg_free(m);
        return die_by(p, NULL, AM(killed));
    }
    if (p->flags & PF_TRAP_EXIT) {
        m->kind = MSG_MESSAGE;
        queue_message(p, m);
        return 0;
    }
    if (reason == AM(normal)) {
        msg_free(m);
        return 0;
    }
    return die_by(p, m, reason);
}

/* ---- embedding: limits (proc.h struct proc_limits) ----------------------------------- */

static size_t memory_bytes(const struct proc *p, size_t extra_words) {
    return (heap_total_words(p) + p->frag_words + extra_words) * sizeof(term) + p->offheap_bytes;
}

static bool over_at_arrival(struct proc *p, const struct msg *m) {
    const struct proc_limits *l = &p->ext->lim;
    return (l->max_mailbox && p->mbox.len >= l->max_mailbox) ||
           (l->max_memory && memory_bytes(p, m->words) > l->max_memory);
}

/* {limit, What} in a fragment of its own (no collection here) */
static struct msg *limit_reason(term what) {
    struct msg *r = msg_alloc(3);
    if (r) r->payload = tuple2_store(r->data, AM(limit), what);
    return r;
}

/* Message m would take p past max_mailbox or max_memory: dropped when
   the process asked for that, else the process ends. */
static int limit_arrival(struct proc *p, struct msg *m) {
    bool mailbox = p->ext->lim.max_mailbox && p->mbox.len >= p->ext->lim.max_mailbox;
    msg_free(m);
    if (mailbox && p->ext->lim.mailbox_drop) {
        p->ext->dropped++;
        return 0;
    }
    struct msg *r = limit_reason(mailbox ? AM(mailbox) : AM(memory));
    return die_by(p, r, r ? r->payload : AM(killed));
}

bool proc_over_limit(struct proc *p) {
    const struct proc_limits *l = &p->ext->lim;
    term what;
    if (l->max_reductions && p->reductions > l->max_reductions) what = AM(reductions);
    else if (l->max_memory && memory_bytes(p, 0) > l->max_memory) what = AM(memory);
    else return false;
    struct msg *r = limit_reason(what);
    die_by(p, r, r ? r->payload : AM(killed));
    return true;
}

/* One signal (or message) taken from the inbox. */
static int handle(struct proc *p, struct msg *m) {
    struct mon *mon;
    switch (m->kind) {
    case MSG_MESSAGE:
        if ((m->flags & MSG_VIA_ALIAS) && !alias_arrival(p, (uint64_t)m->aux)) break;
        if (p->ext && proc_limited(&p->ext->lim) && over_at_arrival(p, m)) return limit_arrival(p, m);
        queue_message(p, m);
        return 0;
    case SIG_EXIT:
    case SIG_EXIT_LINK: return handle_exit(p, m);
    case SIG_LINK:
        if (!proc_link_add(p, m->from)) /* no memory: behave as if dead */
            proc_post(m->from, exit_signal(SIG_EXIT_LINK, p->id, AM(noproc)));
        break;
    case SIG_UNLINK: proc_link_del(p, m->from); break;
    case SIG_MONITOR:
        if (!proc_mon_add(p, (struct mon){msg_ref(m), m->from, m->aux, false, NULL}))
            proc_post(m->from, down_signal(msg_ref(m), p->id, m->aux, AM(noproc)));
        break;
    case SIG_DEMONITOR:
        if ((mon = proc_mon_find(p, msg_ref(m), false))) proc_mon_del(p, mon);
        break;
    case SIG_DOWN:
        if (!(mon = proc_mon_find(p, msg_ref(m), true))) break; /* demonitored */
        if (mon->tag) m = down_tagged(m, mon->tag->payload);
        proc_mon_del(p, mon);
        alias_monitor_gone(p, msg_ref(m));
        m->kind = MSG_MESSAGE;
        queue_message(p, m);
        return 0;
    }
    msg_free(m);
    return 0;
}

/* After the process's end is decided: a link or monitor that arrives now
   gets a dead process's answer (noproc, as in erl: exit(P, kill) then
   monitor(process, P) gives 'DOWN' noproc); an unlink or demonitor still
   counts for the exit that follows; anything else is dropped. */
static void handle_ending(struct proc *p, struct msg *m) {
    if (m->kind == SIG_LINK || m->kind == SIG_MONITOR) answer_dead(p->id, m);
    else if (m->kind == SIG_UNLINK || m->kind == SIG_DEMONITOR) handle(p, m);
    else msg_free(m);
}

int proc_drain(struct proc *p) {
    struct msg *m = mbox_take(&p->mbox);
    int rc = 0;
    while (m) {
        struct msg *next = atomic_load_explicit(&m->next, memory_order_relaxed);
        if (rc == PROC_KILLED) handle_ending(p, m);
        else rc = handle(p, m);
        m = next;
    }
    return rc;
}

/* ---- the end of a process ------------------------------------------------------------ */

/* Answer what is left in the inbox of a process that is gone. */
static void answer_inbox(struct proc *p) {
    for (struct msg *m = mbox_take(&p->mbox); m;) {
        struct msg *next = atomic_load_explicit(&m->next, memory_order_relaxed);
        answer_dead(p->id, m);
        m = next;
    }
}

/* ptab's destroy: the last reference is gone, nobody can push any more. */
void proc_destroy(struct proc *p) {
    answer_inbox(p);
    mbox_destroy(&p->mbox);
}

void proc_exit(struct proc *p, term reason) {
    atomic_store_explicit(&p->state, PS_EXITING, memory_order_release);
    ptab_remove(p); /* from now on lookups fail: new signals get dead answers */
    /* signals that arrived before */
    for (struct msg *m = mbox_take(&p->mbox); m;) {
        struct msg *next = atomic_load_explicit(&m->next, memory_order_relaxed);
        handle_ending(p, m);
        m = next;
    }
    reg_drop(p);
    aliases_drop(p);
    /* pairs with the fence in ets's transfer to a new owner (vm/ets.c) */
    atomic_thread_fence(memory_order_seq_cst);
    if (atomic_load_explicit(&p->ets_owner, memory_order_relaxed)) ets_owner_exit(p);
    struct proc_ext *e = p->ext;
    if (e) {
        if (e->timer_id) receive_timer_cancel(p);
        for (uint32_t i = 0; i < e->nlinks; i++)
            proc_post(e->links[i], exit_signal(SIG_EXIT_LINK, p->id, reason));
        for (uint32_t i = 0; i < e->nmons; i++) {
            struct mon *mo = &e->mons[i];
            if (mo->origin) proc_post(mo->pid, ref_signal(SIG_DEMONITOR, p->id, mo->ref, 0));
            else proc_post(mo->pid, down_signal(mo->ref, p->id, mo->name, reason));
        }
    }
    ext_free(p);
    heap_destroy(p);
    p->dict = TERM_NIL;
    ptab_release(p);
}

/* ---- links and monitors from BIFs ----------------------------------------------------- */

bool proc_link(struct proc *p, uint64_t pid) {
    if (pid == p->id || proc_link_has(p, pid)) return true;
    if (!proc_link_add(p, pid)) return false;
    proc_post(pid, bare_signal(SIG_LINK, p->id));
    return true;
}

void proc_unlink(struct proc *p, uint64_t pid) {
    if (pid == p->id) return;
    proc_link_del(p, pid);
    proc_post(pid, bare_signal(SIG_UNLINK, p->id));
}

bool proc_monitor(struct proc *p, uint64_t pid, term name, uint64_t ref) {
    if (pid == p->id) return true; /* monitoring oneself sets nothing up (erl) */
    if (!proc_mon_add(p, (struct mon){ref, pid, name, true, NULL})) return false;
    proc_post(pid, ref_signal(SIG_MONITOR, p->id, ref, name));
    return true;
}

/* A monitor whose target is unknown (a name not registered): the 'DOWN'
   with noproc goes straight to the caller's inbox. */
bool proc_monitor_dead(struct proc *p, term name, uint64_t ref) {
    if (!proc_mon_add(p, (struct mon){ref, 0, name, true, NULL})) return false;
    proc_deliver(p, down_signal(ref, 0, name, AM(noproc)));
    return true;
}

bool proc_demonitor(struct proc *p, uint64_t ref) {
    alias_monitor_gone(p, ref);
    struct mon *m = proc_mon_find(p, ref, true);
    if (!m) return false;
    uint64_t pid = m->pid;
    proc_mon_del(p, m);
    if (pid && pid != p->id) proc_post(pid, ref_signal(SIG_DEMONITOR, p->id, ref, 0));
    return true;
}

void proc_exit_signal(struct proc *p, uint64_t pid, term reason) {
    proc_post(pid, exit_signal(SIG_EXIT, p ? p->id : 0, reason)); /* NULL: from the host (a purge) */
}

/* ---- receive timers -------------------------------------------------------------------- */

struct rtimer {
    void (*drop)(void *arg); /* first: timer args of a node (vm/node.c) */
    uint64_t pid;
    uint32_t seq;
};

static void receive_timer_fire(void *arg) {
    struct rtimer *t = arg;
    struct proc *q = ptab_lookup(t->pid);
    if (q) {
        atomic_store_explicit(&q->timeout_fired, t->seq, memory_order_release);
        sched_wake(q);
        ptab_release(q);
    }
    mem_free(t);
}

bool receive_timer_start(struct proc *p, uint64_t ms) {
    struct proc_ext *e = proc_ext(p);
    struct rtimer *t = e ? mem_malloc(sizeof *t) : NULL;
    if (!t) return false;
    t->drop = mem_free;
    t->pid = p->id;
    t->seq = ++p->timer_seq;
    e->timer_id = timer_start(ms, receive_timer_fire, t);
    if (!e->timer_id) {
        mem_free(t);
        return false;
    }
    return true;
}

void receive_timer_cancel(struct proc *p) {
    void *arg;
    if (timer_cancel(p->ext->timer_id, NULL, &arg)) mem_free(arg);
    p->ext->timer_id = 0;
}

/* Push v[0..n-1] as saved x registers (PF_XSAVED; proc.h): the caller
   made room for n + 1 words. */
static void push_xsaved(struct proc *p, const term *v, uint32_t n) {
    p->stop -= n + 1;
    for (uint32_t i = 0; i < n; i++) p->stop[1 + i] = v[i];
    p->stop[0] = term_from_small(n);
    p->flags |= PF_XSAVED;
}

bool proc_start_args(struct proc *p, const term *args, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) p->x[i] = args[i];
    p->live = n;
    if (!heap_ensure_free(p, n + 1)) return false;
    push_xsaved(p, p->x, n);
    return true;
}

struct proc *proc_new(size_t heap_words) {
    struct proc *p = ptab_new();
    if (!p) return NULL;
    if (!heap_init(p, heap_words)) {
        ptab_remove(p);
        ptab_release(p);
        return NULL;
    }
    mbox_init(&p->mbox);
    p->prio = PRIO_NORMAL;
    p->dict = TERM_NIL;
    p->exc_class = p->exc_reason = p->exc_trace = p->exc_args = TERM_NIL;
    return p;
}

void proc_max_heap_killed(struct proc *p) {
    p->exc_class = AM(exit);
    p->exc_reason = AM(killed);
    p->exc_trace = TERM_NIL;
    if ((p->flags & PF_HEAP_QUIET) || !logger_allows(LOG_ERROR)) return;
    struct strbuf sb = STRBUF_INIT;
    sb_printf(&sb, "=ERROR REPORT==== ");
    error_report_time(&sb);
    sb_printf(&sb, " ===\n     Process:            ");
    print_term(&sb, term_from_pid(p->id), -1);
    sb_printf(&sb, " \n     Context:            maximum heap size reached\n"
                   "     Max Heap Size:      %zu\n     Total Heap Size:    %zu\n"
                   "     Kill:               true\n     Error Logger:       true\n"
                   "     Message Queue Len:  %zu\n\n",
              p->max_heap_words, heap_total_words(p) + p->frag_words, p->mbox.len);
    io_write(p, 2, sb.data, sb.len);
    sb_free(&sb);
}

/* ---- spawning -------------------------------------------------------------------------- */

#define SPAWN_SLACK 12 /* words beyond the arguments in a new heap: small, it grows on demand */

uint64_t proc_spawn(struct proc *parent, term f, term m_or_fun, term args, const struct spawn_opts *o) {
    /* call erlang:apply(Fun, Args) or erlang:apply(M, F, Args) */
    bool is_fun = f == TERM_NONE;
    term av[3] = {m_or_fun, is_fun ? args : f, args};
    uint32_t n = is_fun ? 2 : 3;
    size_t words = 0;
    for (uint32_t i = 0; i < n; i++) words += term_size(av[i]);
    size_t heap = words + n + 1 + SPAWN_SLACK;
    if (o && o->min_heap_words > heap) heap = o->min_heap_words;
    struct proc *c = proc_new(heap);
    if (!c) return 0;
    if (o && o->min_heap_words) c->min_heap_words = o->min_heap_words;
    c->max_heap_words = o ? o->max_heap_words : 0;
    c->prio = o ? o->prio : PRIO_NORMAL;
    c->flags = PF_SPAWNED | (o && o->max_heap_quiet ? PF_HEAP_QUIET : 0);
    /* a child has its parent's group leader (erl's rule) */
    if (parent)
        atomic_store_explicit(&c->group_leader, atomic_load_explicit(&parent->group_leader, memory_order_relaxed),
                              memory_order_relaxed);
    /* embedding: limits, and at least the parent's denied capabilities */
    struct proc_limits lim = o ? o->lim : (struct proc_limits){0};
    if (parent && parent->ext) lim.denied |= parent->ext->lim.denied;
    if (proc_limited(&lim)) {
        struct proc_ext *le = proc_ext(c);
        if (!le) {
            proc_exit(c, AM(normal));
            return 0;
        }
        le->lim = lim;
    }
    /* the arguments go on the new stack as saved x registers */
    term *hp = c->htop, v[3];
    for (uint32_t i = 0; i < n; i++) v[i] = term_copy(av[i], &hp, &c->offheap_first);
    c->htop = hp;
    push_xsaved(c, v, n);
    interp_prepare_call(c, is_fun ? interp_apply2_code() : interp_apply3_code());
    if (!is_fun) {
        struct proc_ext *e = proc_ext(c);
        if (e) {
            e->init_m = m_or_fun;
            e->init_f = f;
            e->init_a = 0;
            for (term l = args; term_is_list(l); l = CDR(l)) e->init_a++;
        }
    }
    if (o && o->link && parent) {
        proc_link_add(parent, c->id);
        proc_link_add(c, parent->id);
    }
    if (o && o->monitor && parent) {
        proc_mon_add(parent, (struct mon){o->monitor_ref, c->id, 0, true, NULL});
        proc_mon_add(c, (struct mon){o->monitor_ref, parent->id, 0, false, NULL});
    }
    uint64_t pid = c->id;
    if (o && o->no_start) return pid; /* embedding: the caller runs or starts it */
    sched_start(parent, c); /* from here on c may run, and end, on another thread */
    return pid;
}

/* ---- holding a process that is not running ---------------------------------- */

bool proc_hold(struct proc *q, uint32_t *was) {
    uint32_t st = atomic_load_explicit(&q->state, memory_order_acquire);
    while (st == PS_WAITING || st == PS_RUNNABLE) {
        if (atomic_compare_exchange_weak_explicit(&q->state, &st, PS_HELD, memory_order_acq_rel,
                                                  memory_order_acquire)) {
            *was = st;
            return true;
        }
    }
    return false;
}

/* A sender that found q held left the wake-up to us: our store of the
   state and load of the inbox, its push and load of the state, are all
   sequentially consistent, so one of the two sees the other (store then
   load on each side: release/acquire would let both miss). */
void proc_unhold(struct proc *q, uint32_t was) {
    atomic_store_explicit(&q->state, was, memory_order_seq_cst);
    if (was == PS_WAITING && atomic_load_explicit(&q->mbox.inbox, memory_order_seq_cst)) sched_wake(q);
}
