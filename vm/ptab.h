/*
 * ptab.h — the process table: pid numbers to processes (vm/ptab.c).
 *
 * Any thread may look a pid up; lookups take no lock. A pid number is a
 * slot index in the low bits and a serial in the high bits, so a pid of a
 * dead process never finds the process that reuses its slot.
 *
 * Lifetime: a process is reference-counted. The table holds one
 * reference while the process lives; ptab_lookup hands out another, which
 * the caller drops with ptab_release. The memory of a process is never
 * returned to the allocator while the table exists (freed processes go to
 * a free list), so a lookup racing with an exit sees either the live
 * process or a count of zero, never freed memory; it then checks the pid
 * it got against the one it asked for.
 */
#ifndef MOAT_PTAB_H
#define MOAT_PTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "term.h"

struct proc;
struct ptab;

#define PTAB_DEFAULT_MAX (1u << 24)   /* +P default: 16,777,216 (slots are reserved, not touched) */
#define PTAB_MAX_LIMIT (1u << 27)     /* 134 million */

/* Pid number layout: slot index in the low PTAB_INDEX_BITS bits (term.h's
   PID_INDEX_BITS), serial above; slot 0 is never used, so no pid number
   is 0. */
#define PTAB_INDEX_BITS PID_INDEX_BITS

/* destroy runs when the last reference to a process goes (the owner-side
   cleanup that must wait for senders: e.g. freeing the mailbox). */
struct ptab *ptab_create(uint32_t max_processes, void (*destroy)(struct proc *));
/* Free the table and every process struct it holds (node_free: nothing
   runs). */
void ptab_destroy(struct ptab *tab);
/* The functions below work on the table of this thread's node. */
/* A zeroed process struct (from the free list or new), with refcount 1 —
   the table's reference — and a fresh pid in p->id. NULL when the table
   is full (system_limit) or memory is short. */
struct proc *ptab_new(void);
/* The process with this pid, with a reference taken, or NULL. */
struct proc *ptab_lookup(uint64_t pid);
/* Take the process out of the table (it is exiting): lookups fail from
   now on. Drops the table's reference. */
void ptab_remove(struct proc *p);
/* Drop a reference; at zero, destroy runs and the struct goes back to the
   free list. */
void ptab_release(struct proc *p);
uint32_t ptab_count(void);
uint32_t ptab_limit(void); /* the most processes at once (+P) */
/* Calls fn for each live process (a snapshot; each with a reference held
   during the call). */
void ptab_foreach(void (*fn)(struct proc *, void *), void *arg);

#endif
