/*
 * diag.c — compiler diagnostics (struct diags of compiler.h): a growable
 * list of errors and warnings with erlc's wording, printed as
 * "file:line:col: message". Allocation failure drops the message (the
 * error count is still kept so a failed compile is never reported clean).
 * erlc and erl's c/1 also show the source line under each message
 * (diags_print_excerpts); escript does not (diags_print).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "compiler.h"

void diags_add(struct diags *d, const char *file, uint32_t line, uint32_t col, bool warning,
               const char *fmt, ...) {
    if (!warning) d->errors++;
    if (d->count == d->cap) {
        uint32_t cap = d->cap ? d->cap * 2 : 16;
        struct diag *items = mem_realloc(d->items, cap * sizeof *items);
        if (!items) return;
        d->items = items;
        d->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    char *msg = mem_malloc((size_t)n + 1);
    if (!msg) return;
    if ((size_t)n < sizeof small) {
        memcpy(msg, small, (size_t)n + 1);
    } else {
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    struct diag *g = &d->items[d->count++];
    g->file = mem_strdup(file ? file : "");
    g->line = line;
    g->col = col;
    g->warning = warning;
    g->message = msg;
}

void diags_print(const struct diags *d, void *stdio_file) {
    FILE *out = stdio_file;
    for (uint32_t i = 0; i < d->count; i++) {
        const struct diag *g = &d->items[i];
        if (g->line && g->col)
            fprintf(out, "%s:%u:%u: ", g->file, g->line, g->col);
        else if (g->line)
            fprintf(out, "%s:%u: ", g->file, g->line);
        else
            fprintf(out, "%s: ", g->file);
        fprintf(out, "%s%s\n", g->warning ? "Warning: " : "", g->message);
    }
}

/* The line a message is about, a caret under its column: "%    4| text",
   "%     |    ^", then a blank line. */
static void source_excerpt(FILE *f, const char *src, size_t len, uint32_t line, uint32_t col) {
    size_t i = 0;
    for (uint32_t l = 1; l < line && i < len; i++)
        if (src[i] == '\n') l++;
    size_t end = i;
    while (end < len && src[end] != '\n') end++;
    fprintf(f, "%% %4u| %.*s\n%%     | ", line, (int)(end - i), src + i);
    for (uint32_t c = 1; c < col; c++) fputc(' ', f);
    fputs("^\n\n", f);
}

void diags_print_excerpts(const struct diags *d, void *stdio_file, const char *file, const char *src, size_t len) {
    for (uint32_t i = 0; i < d->count; i++) {
        const struct diag *g = &d->items[i];
        struct diags one = {.items = (struct diag *)g, .count = 1};
        diags_print(&one, stdio_file);
        if (g->line && !strcmp(g->file, file)) source_excerpt(stdio_file, src, len, g->line, g->col);
    }
}

void diags_free(struct diags *d) {
    for (uint32_t i = 0; i < d->count; i++) {
        mem_free(d->items[i].file);
        mem_free(d->items[i].message);
    }
    mem_free(d->items);
    d->items = NULL;
    d->count = d->cap = d->errors = 0;
}
