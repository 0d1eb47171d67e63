/*
 * moatc.c — the moatc command: compile Erlang source files to .mbc files.
 *
 *   moatc [-o DIR] [-I DIR] [-D NAME[=VALUE]] FILE.erl...
 *
 * Like erlc: diagnostics print as file:line:col: message; any error makes
 * the exit status 1 and writes no .mbc for that file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "compiler.h"
#include "mbc.h"
#include "module.h"
#include "strbuf.h"

/* DIR/BASE.mbc, where BASE is the file name without directory and .erl */
static char *output_path(const char *src, const char *outdir) {
    const char *base = strrchr(src, '/');
    base = base ? base + 1 : src;
    size_t blen = strlen(base);
    if (blen > 4 && strcmp(base + blen - 4, ".erl") == 0) blen -= 4;
    struct strbuf sb = STRBUF_INIT;
    if (outdir) {
        sb_puts(&sb, outdir);
        sb_putc(&sb, '/');
    } else if (base != src) {
        sb_append(&sb, src, (size_t)(base - src));
    }
    sb_append(&sb, base, blen);
    sb_puts(&sb, ".mbc");
    sb_cstr(&sb);
    return sb.data;
}

static int compile_one(const char *src, const char *outdir, const struct compile_opts *opts) {
    size_t len;
    char *text = sb_read_file(src, &len);
    if (!text) {
        fprintf(stderr, "%s: %s\n", src, strerror(errno));
        return 1;
    }
    struct diags d = {0};
    struct gen_module *m = compile_source(src, text, len, opts, &d);
    diags_print_excerpts(&d, stderr, src, text, len);
    diags_free(&d);
    mem_free(text);
    if (!m) return 1;
    struct strbuf img = STRBUF_INIT;
    mbc_write(m, &img);
    gen_module_free(m);
    char *out = output_path(src, outdir);
    FILE *f = img.failed ? NULL : fopen(out, "wb");
    int rc = 0;
    if (!f || fwrite(img.data, 1, img.len, f) != img.len) {
        fprintf(stderr, "moatc: cannot write %s: %s\n", out, strerror(errno));
        rc = 1;
    }
    if (f && fclose(f) != 0) rc = 1;
    mem_free(out);
    sb_free(&img);
    return rc;
}

int main(int argc, char **argv) {
    const char *outdir = NULL;
    const char *includes[64];
    const char *defines[64];
    struct compile_opts opts = {.include_path = includes, .defines = defines,
                                .stdlib_include = module_stdlib_dir()};
    int rc = 0, files = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if ((!strcmp(a, "-o") || !strcmp(a, "-I") || !strcmp(a, "-D")) && i + 1 < argc) {
            const char *v = argv[++i];
            if (a[1] == 'o') outdir = v;
            else if (a[1] == 'I' && opts.ninclude_path < 64) includes[opts.ninclude_path++] = v;
            else if (a[1] == 'D' && opts.ndefines < 64) defines[opts.ndefines++] = v;
        } else if (!strcmp(a, "-W0")) {
            opts.no_warnings = true; /* as erlc's -W0 */
        } else if (!strcmp(a, "--help") || a[0] == '-') {
            fprintf(stderr, "usage: moatc [-o DIR] [-I DIR] [-D NAME[=VALUE]] [-W0] FILE.erl...\n");
            return a[1] == '-' ? 0 : 2;
        } else {
            files++;
            rc |= compile_one(a, outdir, &opts);
        }
    }
    if (!files) {
        fprintf(stderr, "usage: moatc [-o DIR] [-I DIR] [-D NAME[=VALUE]] [-W0] FILE.erl...\n");
        return 2;
    }
    return rc;
}
