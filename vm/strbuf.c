/*
 * strbuf.c — growable byte buffers (see strbuf.h). Not thread-shared.
 */
#include "strbuf.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"

void sb_reserve(struct strbuf *sb, size_t extra) {
    if (sb->failed || sb->len + extra + 1 <= sb->cap) return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->len + extra + 1) cap *= 2;
    char *d = mem_realloc(sb->data, cap);
    if (!d) {
        sb->failed = true;
        return;
    }
    sb->data = d;
    sb->cap = cap;
}

void sb_append(struct strbuf *sb, const void *bytes, size_t n) {
    if (!n) return;
    sb_reserve(sb, n);
    if (sb->failed) return;
    memcpy(sb->data + sb->len, bytes, n);
    sb->len += n;
}

void sb_putc(struct strbuf *sb, char c) {
    sb_reserve(sb, 1);
    if (sb->failed) return;
    sb->data[sb->len++] = c;
}

void sb_puts(struct strbuf *sb, const char *s) { sb_append(sb, s, strlen(s)); }

void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        sb->failed = true;
        return;
    }
    sb_reserve(sb, (size_t)n);
    if (sb->failed) return;
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void sb_printf(struct strbuf *sb, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(sb, fmt, ap);
    va_end(ap);
}

void sb_put_utf8(struct strbuf *sb, uint32_t cp) {
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    sb_append(sb, b, n);
}

void sb_free(struct strbuf *sb) {
    mem_free(sb->data);
    *sb = (struct strbuf)STRBUF_INIT;
}

const char *sb_cstr(struct strbuf *sb) {
    sb_reserve(sb, 1);
    if (sb->failed) return "";
    sb->data[sb->len] = 0;
    return sb->data;
}

char *sb_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    struct strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) sb_append(&sb, buf, n);
    fclose(f);
    sb_cstr(&sb);
    if (sb.failed) {
        sb_free(&sb);
        return NULL;
    }
    *len = sb.len;
    return sb.data;
}
