/*
 * bif_file.c — the file module's basic BIFs (read_file, write_file,
 * list_dir, delete, make_dir, rename), on libuv's file system API.
 *
 * The calls are made synchronously (a NULL loop callback) from the thread
 * running the process. Errors come back as {error, Posix} with erl's
 * lower-case POSIX atoms (enoent, eacces, ...). File names are chardata
 * (strings, binaries, atoms, deep lists) converted to UTF-8.
 */
#include <ctype.h>
#include <string.h>
#include <uv.h>

#include "atom.h"
#include "bif.h"
#include "bits.h"
#include "error.h"
#include "heap.h"
#include "io.h"
#include "strbuf.h"

bool file_name(term t, struct strbuf *sb) {
    if (!bif_text_append(sb, t, false) || sb->failed) return false;
    if (sb->len && memchr(sb->data, 0, sb->len)) return false;
    sb_cstr(sb);
    return !sb->failed;
}

/* {error, Reason} */
static term error_reason(struct proc *p, term reason) {
    if (!heap_ensure_free(p, TUPLE_WORDS(2))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(2));
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = AM_error;
    hp[2] = reason;
    return term_from_boxed_ptr(hp);
}

/* {error, Posix} for a libuv error code. */
static term error_tuple(struct proc *p, int uverr) {
    char name[32];
    const char *un = uv_err_name(uverr);
    size_t n = strlen(un);
    if (n >= sizeof name) n = sizeof name - 1;
    for (size_t i = 0; i < n; i++) name[i] = (char)tolower((unsigned char)un[i]);
    return error_reason(p, atom_term(name, n));
}

/* A bad name or bad data: these functions return {error, badarg} as
   erl's do, they do not raise. */
static term error_badarg(struct proc *p) { return error_reason(p, AM(badarg)); }

/* file_name failed on *sb: free it; out of memory raises system_limit. */
static term bad_name(struct proc *p, struct strbuf *sb) {
    bool oom = sb->failed;
    sb_free(sb);
    return oom ? raise_system_limit(p) : error_badarg(p);
}

/* {ok, *slot}; slot is rooted. */
static term ok_tuple(struct proc *p, term *slot) {
    if (!heap_ensure_free(p, TUPLE_WORDS(2))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(2));
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = AM_ok;
    hp[2] = *slot;
    return term_from_boxed_ptr(hp);
}

term bif_file_read_file_1(struct proc *p, term *args) {
    struct strbuf path = STRBUF_INIT;
    if (!file_name(args[0], &path)) return bad_name(p, &path);
    uv_fs_t req;
    int fd = uv_fs_open(NULL, &req, path.data, UV_FS_O_RDONLY, 0, NULL);
    uv_fs_req_cleanup(&req);
    sb_free(&path);
    if (fd < 0) return error_tuple(p, fd);
    struct strbuf data = STRBUF_INIT;
    char chunk[65536];
    int64_t n;
    do {
        uv_buf_t buf = uv_buf_init(chunk, sizeof chunk);
        n = uv_fs_read(NULL, &req, fd, &buf, 1, -1, NULL);
        uv_fs_req_cleanup(&req);
        if (n > 0) sb_append(&data, chunk, (size_t)n);
    } while (n > 0 && !data.failed);
    uv_fs_close(NULL, &req, fd, NULL);
    uv_fs_req_cleanup(&req);
    if (n < 0) {
        sb_free(&data);
        return error_tuple(p, (int)n);
    }
    if (data.failed) {
        sb_free(&data);
        return raise_system_limit(p);
    }
    uint8_t *bytes;
    term bin = bin_alloc(p, data.len, &bytes);
    if (bin == TERM_NONE) {
        sb_free(&data);
        return raise_system_limit(p);
    }
    if (data.len) memcpy(bytes, data.data, data.len);
    sb_free(&data);
    args[0] = bin; /* the name is no longer needed: keep the binary rooted */
    return ok_tuple(p, &args[0]);
}

term bif_file_write_file_2(struct proc *p, term *args) {
    struct strbuf path = STRBUF_INIT, data = STRBUF_INIT;
    if (!file_name(args[0], &path) || !io_iodata_append(&data, args[1], 0) || data.failed) {
        bool oom = path.failed || data.failed;
        sb_free(&path);
        sb_free(&data);
        return oom ? raise_system_limit(p) : error_badarg(p);
    }
    uv_fs_t req;
    int fd = uv_fs_open(NULL, &req, path.data, UV_FS_O_WRONLY | UV_FS_O_CREAT | UV_FS_O_TRUNC, 0666, NULL);
    uv_fs_req_cleanup(&req);
    sb_free(&path);
    int err = fd < 0 ? fd : 0;
    size_t off = 0;
    while (!err && off < data.len) {
        uv_buf_t buf = uv_buf_init(data.data + off, (unsigned)(data.len - off));
        int64_t n = uv_fs_write(NULL, &req, fd, &buf, 1, -1, NULL);
        uv_fs_req_cleanup(&req);
        if (n < 0) err = (int)n;
        else off += (size_t)n;
    }
    if (fd >= 0) {
        uv_fs_close(NULL, &req, fd, NULL);
        uv_fs_req_cleanup(&req);
    }
    sb_free(&data);
    return err ? error_tuple(p, err) : AM_ok;
}

term bif_file_list_dir_1(struct proc *p, term *args) {
    struct strbuf path = STRBUF_INIT;
    if (!file_name(args[0], &path)) return bad_name(p, &path);
    uv_fs_t req;
    int r = uv_fs_scandir(NULL, &req, path.data, 0, NULL);
    sb_free(&path);
    if (r < 0) {
        uv_fs_req_cleanup(&req);
        return error_tuple(p, r);
    }
    /* Collect the names as code points first, to size the list. */
    struct strbuf names = STRBUF_INIT; /* NUL-separated UTF-8 */
    size_t chars = 0, count = 0;
    uv_dirent_t ent;
    while (uv_fs_scandir_next(&req, &ent) != UV_EOF) {
        sb_append(&names, ent.name, strlen(ent.name) + 1);
        chars += strlen(ent.name);
        count++;
    }
    uv_fs_req_cleanup(&req);
    if (names.failed) {
        sb_free(&names);
        return raise_system_limit(p);
    }
    size_t words = (chars + count) * CONS_WORDS + TUPLE_WORDS(2);
    if (!heap_ensure_free(p, words)) {
        sb_free(&names);
        return raise_system_limit(p);
    }
    term list = TERM_NIL;
    const char *s = names.data;
    for (size_t i = 0; i < count; i++) {
        size_t len = strlen(s);
        /* decode UTF-8 back to code points, building the string from the end */
        uint32_t cps[1024];
        size_t ncp = 0;
        for (size_t k = 0; k < len && ncp < 1024;) {
            uint8_t c = (uint8_t)s[k];
            uint32_t cp;
            size_t w = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
            if (k + w > len) w = 1;
            cp = w == 1 ? c : (uint32_t)(c & (0x7F >> w));
            for (size_t j = 1; j < w; j++) cp = (cp << 6) | ((uint8_t)s[k + j] & 0x3F);
            cps[ncp++] = cp;
            k += w;
        }
        term str = TERM_NIL;
        for (size_t k = ncp; k-- > 0;) str = cons_store(heap_take(p, CONS_WORDS), term_from_small(cps[k]), str);
        list = cons_store(heap_take(p, CONS_WORDS), str, list);
        s += len + 1;
    }
    sb_free(&names);
    term *hp = heap_take(p, TUPLE_WORDS(2));
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = AM_ok;
    hp[2] = list;
    return term_from_boxed_ptr(hp);
}

/* Shared shape of the one-name operations: ok | {error, Posix}. */
static term name_op(struct proc *p, term name, int (*op)(const char *path)) {
    struct strbuf path = STRBUF_INIT;
    if (!file_name(name, &path)) return bad_name(p, &path);
    int r = op(path.data);
    sb_free(&path);
    return r < 0 ? error_tuple(p, r) : AM_ok;
}

static int do_delete(const char *path) {
    uv_fs_t req;
    int r = uv_fs_unlink(NULL, &req, path, NULL);
    uv_fs_req_cleanup(&req);
    return r;
}

static int do_make_dir(const char *path) {
    uv_fs_t req;
    int r = uv_fs_mkdir(NULL, &req, path, 0777, NULL);
    uv_fs_req_cleanup(&req);
    return r;
}

static int do_del_dir(const char *path) {
    uv_fs_t req;
    int r = uv_fs_rmdir(NULL, &req, path, NULL);
    uv_fs_req_cleanup(&req);
    return r;
}

term bif_file_delete_1(struct proc *p, term *args) { return name_op(p, args[0], do_delete); }
term bif_file_make_dir_1(struct proc *p, term *args) { return name_op(p, args[0], do_make_dir); }
term bif_file_del_dir_1(struct proc *p, term *args) { return name_op(p, args[0], do_del_dir); }

term bif_file_rename_2(struct proc *p, term *args) {
    struct strbuf from = STRBUF_INIT, to = STRBUF_INIT;
    if (!file_name(args[0], &from) || !file_name(args[1], &to)) {
        sb_free(&from);
        return bad_name(p, &to);
    }
    uv_fs_t req;
    int r = uv_fs_rename(NULL, &req, from.data, to.data, NULL);
    uv_fs_req_cleanup(&req);
    sb_free(&from);
    sb_free(&to);
    return r < 0 ? error_tuple(p, r) : AM_ok;
}
