/*
 * loadstat.c — what loading a module costs, phase by phase: reading the
 * .mbc, verifying, loading (threaded-code emission, literals, atoms,
 * install). Not a test: it prints timings (make bench, bench/run.sh).
 *
 *   loadstat [-n ROUNDS] FILE.mbc...
 *
 * Each round reads, verifies and loads every file through the same calls
 * as module_load_image, phase by phase, and also loads each through the
 * two whole paths, loader_load (verified) and loader_load_unverified; a
 * loaded module is deleted and purged before the next. Times are CPU
 * time of this thread (less noise on a shared machine), the median of
 * the rounds. "verify overhead" is what the verified path costs more
 * than the unverified one, as a share of the unverified one: read +
 * load. The phase of the verifier alone may repeat work the verified
 * path shares with the loader, so it is shown, not used for the ratio.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "loader.h"
#include "mbc.h"
#include "module.h"
#include "verify.h"
#include "vm.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

static bool slurp(const char *path, uint8_t **data, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    size_t cap = 1 << 16, n;
    *data = malloc(cap);
    *len = 0;
    while (*data && (n = fread(*data + *len, 1, cap - *len, f)) > 0) {
        *len += n;
        if (*len == cap) *data = realloc(*data, cap *= 2);
    }
    fclose(f);
    return *data != NULL;
}

static void unload(struct proc *p, term name) {
    module_delete(name);
    bool killed;
    for (int k = 0; k < 100 && module_purge_step(p, name, false, &killed) == MODULE_PURGE_AGAIN; k++) {
    }
}

enum { READ, VERIFY, LOAD, WHOLE_UNVERIFIED, WHOLE_VERIFIED, NPHASES };

/* One round over every file; adds each phase's time to t[]. */
static bool round_once(struct proc *p, int nfiles, char **files, uint8_t **images, size_t *lens, double *t) {
    for (int i = 0; i < nfiles; i++) {
        char *err = NULL;
        double t0 = now();
        struct gen_module *g = mbc_read(images[i], lens[i], &err);
        double t1 = now();
        bool ok = g && verify_module(g, &err);
        double t2 = now();
        struct module *m = ok ? loader_load_unverified(g, &err) : NULL;
        double t3 = now();
        if (!m) {
            fprintf(stderr, "loadstat: %s: %s\n", files[i], err ? err : "refused");
            return false;
        }
        t[READ] += t1 - t0;
        t[VERIFY] += t2 - t1;
        t[LOAD] += t3 - t2;
        unload(p, m->name);
        gen_module_free(g);
        /* the two whole paths, read included */
        for (int k = 0; k < 2; k++) {
            int verified = k ^ (i & 1); /* each first for half the files: no order favours one */
            t0 = now();
            g = mbc_read(images[i], lens[i], &err);
            m = g ? (verified ? loader_load(g, &err) : loader_load_unverified(g, &err)) : NULL;
            t1 = now();
            if (!m) return false;
            t[verified ? WHOLE_VERIFIED : WHOLE_UNVERIFIED] += t1 - t0;
            unload(p, m->name);
            gen_module_free(g);
        }
    }
    return true;
}

int main(int argc, char **argv) {
    int rounds = 30, first = 1;
    if (argc > 2 && !strcmp(argv[1], "-n")) {
        rounds = atoi(argv[2]);
        first = 3;
    }
    int nfiles = argc - first;
    if (nfiles < 1 || rounds < 1) {
        fprintf(stderr, "usage: loadstat [-n ROUNDS] FILE.mbc...\n");
        return 2;
    }
    char **files = argv + first;
    uint8_t **images = calloc((size_t)nfiles, sizeof *images);
    size_t *lens = calloc((size_t)nfiles, sizeof *lens), bytes = 0;
    for (int i = 0; i < nfiles; i++) {
        if (!slurp(files[i], &images[i], &lens[i])) {
            fprintf(stderr, "loadstat: cannot read %s\n", files[i]);
            return 2;
        }
        bytes += lens[i];
    }
    vm_global_init();
    struct vm *vm = vm_new();
    struct proc *p = vm_proc_new(vm);
    double *per[NPHASES];
    for (int k = 0; k < NPHASES; k++) per[k] = calloc((size_t)rounds, sizeof(double));
    double warm[NPHASES] = {0};
    if (!round_once(p, nfiles, files, images, lens, warm)) return 1; /* atoms, exports, caches */
    for (int r = 0; r < rounds; r++) {
        double t[NPHASES] = {0};
        if (!round_once(p, nfiles, files, images, lens, t)) return 1;
        for (int k = 0; k < NPHASES; k++) per[k][r] = t[k];
    }
    double med[NPHASES];
    for (int k = 0; k < NPHASES; k++) med[k] = median(per[k], rounds) * 1e3;
    printf("load of %d modules, %zu bytes of .mbc: CPU ms per round, median of %d rounds\n", nfiles, bytes, rounds);
    printf("  read .mbc                 %8.3f\n", med[READ]);
    printf("  verify                    %8.3f   (verify_module alone)\n", med[VERIFY]);
    printf("  load (threaded code)      %8.3f   (loader_load_unverified)\n", med[LOAD]);
    printf("  read + load               %8.3f\n", med[WHOLE_UNVERIFIED]);
    printf("  read + verify + load      %8.3f\n", med[WHOLE_VERIFIED]);
    printf("verify overhead: %.0f%% of load (read + load)\n",
           (med[WHOLE_VERIFIED] - med[WHOLE_UNVERIFIED]) / med[WHOLE_UNVERIFIED] * 100);
    vm_proc_free(p);
    vm_free(vm);
    return 0;
}
