/*
 * strbuf.h — a growable byte buffer (text output, ETF encoding).
 * Allocation failure sets .failed and later appends do nothing; callers
 * check .failed once at the end.
 */
#ifndef MOAT_STRBUF_H
#define MOAT_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf {
    char *data;
    size_t len, cap;
    bool failed;
};

#define STRBUF_INIT {0}

void sb_reserve(struct strbuf *sb, size_t extra);
void sb_append(struct strbuf *sb, const void *bytes, size_t n);
void sb_putc(struct strbuf *sb, char c);
void sb_puts(struct strbuf *sb, const char *s);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
/* Append code point cp as UTF-8. */
void sb_put_utf8(struct strbuf *sb, uint32_t cp);
void sb_free(struct strbuf *sb);
/* The contents as a NUL-terminated string (adds the NUL, not counted in len). */
const char *sb_cstr(struct strbuf *sb);
/* The whole file at path, NUL-terminated (free with mi_free), its size in
   *len; NULL if it cannot be opened or memory runs out (errno tells). */
char *sb_read_file(const char *path, size_t *len);

#endif
