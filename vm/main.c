/* main.c — the moat command (placeholder until the driver lands). */
#include <stdio.h>
int main(void) { puts("moat: not built yet"); return 1; }
