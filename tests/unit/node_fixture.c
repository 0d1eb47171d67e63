/*
 * Every unit test runs inside a node (vm/node.h), as VM code always does:
 * the process's main thread enters a fresh one before criterion starts.
 * Tests that need a node of their own (test_ptab, test_timer, vm_new)
 * enter theirs.
 */
#include "node.h"
#include "timer.h"

__attribute__((constructor)) static void enter_test_node(void) {
    if (!node_new()) __builtin_trap();
    timer_set_drop(NULL); /* test timers carry any argument, not a node's */
}
