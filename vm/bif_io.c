/*
 * bif_io.c — the primitives under stdlib's file, io, os and init modules:
 * file descriptors (open, read, read_line, write, position, close), file
 * information, the environment, os:cmd, the script's plain arguments, and
 * erlang's local/universal time conversions.
 *
 * The moat_io module is Moat's own (erl has no such module): stdlib/file.erl,
 * io.erl, os.erl and init.erl wrap its functions in OTP's interface. A file
 * is an OS descriptor; reads go through one buffer per descriptor (stdin is
 * descriptor 0), so read_line costs one system call per 64 KiB. The calls
 * block the scheduler thread that makes them (files and stdin only).
 *
 * Each node has its own descriptor table (struct io_state): a handle is
 * only good in the node that opened it, and the node's files are closed
 * when it ends. Threads: the table belongs to its lock; every read,
 * write, position and close takes it. The plain arguments are set once
 * by main before any process runs and are read-only after.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <uv.h>

#include "alloc.h"
#include "atom.h"
#include "bif.h"
#include "bignum.h"
#include "bits.h"
#include "error.h"
#include "heap.h"
#include "io.h"
#include "node.h"
#include "print.h"
#include "strbuf.h"

extern char **environ;

#define RBUF_MAX 4096
#define RBUF_SIZE 65536

struct rbuf {
    size_t pos, len;
    char data[RBUF_SIZE];
};

/* A node's open files and plain arguments (vm/node.h). A file handle is
   Serial * RBUF_MAX + Fd: the serial tells a handle of a closed file from
   a later file that got the same descriptor, and a handle of another
   node's file from one of this node. Standard input and output are their
   bare descriptors (serial 0). */
struct io_state {
    pthread_mutex_t lock; /* the read buffers and fd_binary */
    struct rbuf *rbufs[RBUF_MAX];
    _Atomic uint32_t fd_serial[RBUF_MAX]; /* 0: not a file of this node */
    _Atomic uint32_t serial_counter;
    bool fd_binary[RBUF_MAX];          /* reads give binaries (else lists) */
    _Atomic bool fd_unicode[RBUF_MAX]; /* text written is UTF-8 (else latin1) */
    int plain_argc;
    char **plain_argv;
};

struct io_state *io_state_create(void) {
    struct io_state *io = mem_zalloc(sizeof *io);
    if (io) pthread_mutex_init(&io->lock, NULL);
    return io;
}

void io_state_destroy(struct io_state *io) {
    if (!io) return;
    for (int fd = 3; fd < RBUF_MAX; fd++) { /* the node's files die with it */
        if (atomic_load(&io->fd_serial[fd])) close(fd);
        mem_free(io->rbufs[fd]);
    }
    pthread_mutex_destroy(&io->lock);
    mem_free(io);
}

void io_set_plain_args(int argc, char **argv) {
    struct io_state *io = node_cur()->io;
    io->plain_argc = argc;
    io->plain_argv = argv;
}

static term strings_list(struct proc *p, char *const *v, size_t count);

/* ---- results ------------------------------------------------------------- */

static term tuple2(struct proc *p, term a, term *b_slot) {
    if (!heap_ensure_free(p, TUPLE_WORDS(2))) return raise_system_limit(p);
    return tuple2_store(heap_take(p, TUPLE_WORDS(2)), a, *b_slot);
}

/* {error, Posix} for an errno value. */
static term posix_error(struct proc *p, int err) {
    const char *name = uv_err_name(-err); /* libuv's codes are -errno on unix */
    char low[32];
    size_t n = 0;
    for (; name[n] && n < sizeof low - 1; n++) low[n] = (char)tolower((unsigned char)name[n]);
    term reason = atom_term(low, n);
    return tuple2(p, AM_error, &reason);
}

static term make_binary(struct proc *p, const char *bytes, size_t len) {
    uint8_t *data;
    term bin = bin_alloc(p, len, &data);
    if (bin == TERM_NONE) return raise_system_limit(p);
    if (len) memcpy(data, bytes, len);
    return bin;
}

static term ok_binary(struct proc *p, const char *bytes, size_t len, term *slot) {
    term bin = make_binary(p, bytes, len);
    if (bin == TERM_NONE) return bin;
    *slot = bin;
    return tuple2(p, AM_ok, slot);
}



enum { FD_BAD = -1, FD_CLOSED = -2, FD_DENIED = -3 };

static int handle_fd(int64_t h) {
    struct io_state *io = node_cur()->io;
    if (h < 0) return FD_BAD;
    int fd = (int)(h % RBUF_MAX);
    int64_t serial = h / RBUF_MAX;
    if (serial == 0) return fd <= 2 ? fd : FD_BAD;
    return (uint32_t)serial == io->fd_serial[fd] ? fd : FD_CLOSED;
}

int io_handle_fd(struct proc *p, int64_t handle) {
    int fd = handle_fd(handle);
    if (fd > 2 && p->ext && (p->ext->lim.denied & CAP_FILE)) return IO_FD_DENIED;
    return fd > 2 ? fd : -1;
}

/* The descriptor of a handle argument: FD_BAD if it is not one,
   FD_CLOSED if its file was closed, FD_DENIED if it is a file and p may
   not use files (handles are numbers: one could be guessed). */
static int fd_of(struct proc *p, term t) {
    int fd = term_is_small(t) ? handle_fd(term_to_small(t)) : FD_BAD;
    if (fd > 2 && p->ext && (p->ext->lim.denied & CAP_FILE)) return FD_DENIED;
    return fd;
}

static term closed_error(struct proc *p) {
    term reason = AM(terminated);
    return tuple2(p, AM_error, &reason);
}

/* Decode a handle argument into *fd, or set *ret to what the BIF returns:
   badarg for a non-handle, {error, terminated} for a closed file. */
#define FD_ARG(t, fd, ret)                                                               \
    ((fd) = fd_of(p, t), (fd) >= 0 ? true                                                \
                         : ((ret) = (fd) == FD_BAD      ? raise_badarg(p)                 \
                                    : (fd) == FD_DENIED ? bif_raise_capability(p, CAP_FILE) \
                                                        : closed_error(p),                \
                            false))

/* ---- descriptors ----------------------------------------------------------- */

enum { OPEN_READ = 1, OPEN_WRITE = 2, OPEN_APPEND = 4, OPEN_EXCL = 8, OPEN_TRUNC = 16, OPEN_BINARY = 32, OPEN_UTF8 = 64 };

bool io_fd_unicode(int fd) { return fd >= 0 && fd < RBUF_MAX && node_cur()->io->fd_unicode[fd]; }

/* moat_io:open(Name, Flags) -> {ok, Fd} | {error, Posix} */
term bif_moat_io_open_2(struct proc *p, term *args) {
    struct io_state *io = node_cur()->io;
    struct strbuf path = STRBUF_INIT;
    if (!term_is_small(args[1]) || !file_name(args[0], &path)) {
        sb_free(&path);
        return raise_badarg(p);
    }
    int64_t f = term_to_small(args[1]);
    bool rd = f & OPEN_READ, wr = f & (OPEN_WRITE | OPEN_APPEND);
    int flags = O_CLOEXEC | (rd && wr ? O_RDWR : wr ? O_WRONLY : O_RDONLY);
    if (wr) flags |= O_CREAT;
    if (f & OPEN_APPEND) flags |= O_APPEND;
    if (f & OPEN_EXCL) flags |= O_EXCL;
    if (f & OPEN_TRUNC) flags |= O_TRUNC;
    int fd = open(path.data, flags, 0666);
    int err = errno;
    sb_free(&path);
    if (fd < 0) return posix_error(p, err);
    if (fd >= RBUF_MAX) {
        close(fd);
        return posix_error(p, EMFILE);
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) { /* erl refuses directories */
        close(fd);
        return posix_error(p, EISDIR);
    }
    pthread_mutex_lock(&io->lock);
    io->fd_binary[fd] = f & OPEN_BINARY;
    io->fd_unicode[fd] = f & OPEN_UTF8;
    uint32_t serial = atomic_fetch_add(&io->serial_counter, 1) % 100000000 + 1;
    io->fd_serial[fd] = serial;
    pthread_mutex_unlock(&io->lock);
    term v = term_from_small((int64_t)serial * RBUF_MAX + fd);
    return tuple2(p, AM_ok, &v);
}

/* Drop unread buffered bytes, moving the file offset back over them. */
static void rbuf_drop(int fd) {
    struct io_state *io = node_cur()->io;
    struct rbuf *b = io->rbufs[fd];
    if (b && b->pos < b->len) lseek(fd, -(off_t)(b->len - b->pos), SEEK_CUR);
    if (b) b->pos = b->len = 0;
}

term bif_moat_io_close_1(struct proc *p, term *args) {
    struct io_state *io = node_cur()->io;
    int fd = fd_of(p, args[0]);
    if (fd == FD_DENIED) return bif_raise_capability(p, CAP_FILE);
    if (fd == FD_CLOSED) return AM_ok; /* closing twice is fine, as in erl */
    if (fd < 3) return raise_badarg(p);
    pthread_mutex_lock(&io->lock);
    io->fd_serial[fd] = 0;
    mem_free(io->rbufs[fd]);
    io->rbufs[fd] = NULL;
    io->fd_binary[fd] = false;
    io->fd_unicode[fd] = false;
    int r = close(fd), err = errno;
    pthread_mutex_unlock(&io->lock);
    return r < 0 ? posix_error(p, err) : AM_ok;
}

/* Refill fd's buffer; > 0 bytes now buffered, 0 at end of file, -errno. */
static ssize_t rbuf_fill(int fd) {
    struct io_state *io = node_cur()->io;
    struct rbuf *b = io->rbufs[fd];
    if (!b) {
        b = io->rbufs[fd] = mem_malloc(sizeof *b);
        if (!b) return -ENOMEM;
        b->pos = b->len = 0;
    }
    if (b->pos < b->len) return (ssize_t)(b->len - b->pos);
    ssize_t n;
    do n = read(fd, b->data, RBUF_SIZE);
    while (n < 0 && errno == EINTR);
    if (n < 0) return -errno;
    if (fd == 0) atomic_fetch_add_explicit(&node_cur()->stats.io_in, (uint64_t)n, memory_order_relaxed);
    b->pos = 0;
    b->len = (size_t)n;
    return n;
}

/* Read up to `max` bytes (to a newline if `line`) into sb; -errno or 0. */
static int rbuf_read(int fd, size_t max, bool line, struct strbuf *sb) {
    struct io_state *io = node_cur()->io;
    while (sb->len < max) {
        ssize_t n = rbuf_fill(fd);
        if (n < 0) return (int)n;
        if (n == 0) break;
        struct rbuf *b = io->rbufs[fd];
        size_t take = b->len - b->pos;
        if (take > max - sb->len) take = max - sb->len;
        const char *start = b->data + b->pos, *nl = line ? memchr(start, '\n', take) : NULL;
        if (nl) take = (size_t)(nl - start) + 1;
        sb_append(sb, start, take);
        b->pos += take;
        if (nl) break;
    }
    return sb->failed ? -ENOMEM : 0;
}

ssize_t io_stdin_line(struct strbuf *sb) {
    struct io_state *io = node_cur()->io;
    pthread_mutex_lock(&io->lock);
    ssize_t n = rbuf_fill(0);
    if (n > 0) {
        struct rbuf *b = io->rbufs[0];
        const char *start = b->data + b->pos, *nl = memchr(start, '\n', b->len - b->pos);
        n = nl ? nl - start + 1 : (ssize_t)(b->len - b->pos);
        sb_append(sb, start, (size_t)n);
        b->pos += (size_t)n;
        if (sb->failed) n = -ENOMEM;
    }
    pthread_mutex_unlock(&io->lock);
    return n;
}

bool io_stdin_buffered(void) {
    struct io_state *io = node_cur()->io;
    pthread_mutex_lock(&io->lock);
    bool some = io->rbufs[0] && io->rbufs[0]->pos < io->rbufs[0]->len;
    pthread_mutex_unlock(&io->lock);
    return some;
}

static term read_common(struct proc *p, term *args, size_t max, bool line) {
    struct io_state *io = node_cur()->io;
    int fd;
    term ret;
    if (!FD_ARG(args[0], fd, ret)) return ret;
    struct strbuf sb = STRBUF_INIT;
    if (fd == 0) io_flush(); /* a prompt must be seen before stdin blocks */
    pthread_mutex_lock(&io->lock);
    int r = rbuf_read(fd, max, line, &sb);
    bool binary = io->fd_binary[fd];
    pthread_mutex_unlock(&io->lock);
    term res;
    if (r < 0) res = posix_error(p, -r);
    else if (sb.len == 0 && max > 0) res = AM(eof);
    else if (binary) res = ok_binary(p, sb.data ? sb.data : "", sb.len, &args[0]);
    else if ((args[0] = fmt_make_string(p, sb.data ? sb.data : "", sb.len)) == TERM_NONE) res = TERM_NONE;
    else res = tuple2(p, AM_ok, &args[0]);
    sb_free(&sb);
    return res;
}

/* moat_io:read(Fd, N) -> {ok, Data} | eof | {error, Posix}; Data is a
   binary if the file was opened in binary mode, else a list of bytes. */
term bif_moat_io_read_2(struct proc *p, term *args) {
    if (!term_is_small(args[1]) || term_to_small(args[1]) < 0) return raise_badarg(p);
    return read_common(p, args, (size_t)term_to_small(args[1]), false);
}

/* moat_io:read_line(Fd) -> {ok, Data} | eof | {error, Posix} */
term bif_moat_io_read_line_1(struct proc *p, term *args) { return read_common(p, args, SIZE_MAX, true); }

/* moat_io:unread(Fd, Binary) -> ok: the bytes are read again first (what
   io:fread/3 scanned past the end of its format). */
term bif_moat_io_unread_2(struct proc *p, term *args) {
    struct io_state *io = node_cur()->io;
    int fd;
    term ret;
    struct bin_view v;
    if (!FD_ARG(args[0], fd, ret)) return ret;
    if (!term_is_bitstring(args[1]) || !bin_view(args[1], &v) || v.bit_size % 8 || v.bit_offset % 8)
        return raise_badarg(p);
    size_t n = v.bit_size / 8;
    const uint8_t *bytes = v.bytes + v.bit_offset / 8;
    bool ok = true;
    pthread_mutex_lock(&io->lock);
    struct rbuf *b = io->rbufs[fd];
    if (!b && (b = io->rbufs[fd] = mem_malloc(sizeof *b))) b->pos = b->len = 0;
    if (!b || b->len - b->pos + n > RBUF_SIZE) {
        ok = false;
    } else {
        if (b->pos < n) { /* make room before the unread bytes */
            memmove(b->data + n, b->data + b->pos, b->len - b->pos);
            b->len = n + b->len - b->pos;
            b->pos = n;
        }
        b->pos -= n;
        memcpy(b->data + b->pos, bytes, n);
    }
    pthread_mutex_unlock(&io->lock);
    return ok ? AM_ok : raise_system_limit(p);
}

/* moat_io:setopts(Fd, Binary, Unicode) -> ok; each is a boolean, or
   undefined to leave it as it is. */
term bif_moat_io_setopts_3(struct proc *p, term *args) {
    struct io_state *io = node_cur()->io;
    int fd;
    term ret, bin = args[1], uni = args[2];
    if (!FD_ARG(args[0], fd, ret)) return ret;
    if ((bin != AM_true && bin != AM_false && bin != AM(undefined)) ||
        (uni != AM_true && uni != AM_false && uni != AM(undefined)))
        return raise_badarg(p);
    pthread_mutex_lock(&io->lock);
    if (bin != AM(undefined)) io->fd_binary[fd] = bin == AM_true;
    if (uni != AM(undefined)) io->fd_unicode[fd] = uni == AM_true;
    pthread_mutex_unlock(&io->lock);
    return AM_ok;
}

/* moat_io:getopts(Fd) -> {Binary, Unicode} */
term bif_moat_io_getopts_1(struct proc *p, term *args) {
    struct io_state *io = node_cur()->io;
    int fd;
    term ret;
    if (!FD_ARG(args[0], fd, ret)) return ret;
    pthread_mutex_lock(&io->lock);
    bool binary = io->fd_binary[fd];
    pthread_mutex_unlock(&io->lock);
    term b = binary ? AM_true : AM_false, u = io_fd_unicode(fd) ? AM_true : AM_false;
    return tuple2(p, b, &u);
}

bool io_iodata_append(struct strbuf *sb, term t, int depth) {
    if (depth > 10000) return false;
    if (term_is_bitstring(t)) {
        const uint8_t *bytes;
        size_t len;
        uint8_t *tmp = NULL;
        if (!bin_bytes(t, &bytes, &len, &tmp)) return false;
        sb_append(sb, bytes, len);
        mem_free(tmp);
        return true;
    }
    while (term_is_list(t)) {
        term h = CAR(t);
        if (term_is_small(h)) {
            int64_t c = term_to_small(h);
            if (c < 0 || c > 255) return false;
            sb_putc(sb, (char)c);
        } else if (!io_iodata_append(sb, h, depth + 1)) {
            return false;
        }
        t = CDR(t);
    }
    return term_is_nil(t) || (term_is_bitstring(t) && io_iodata_append(sb, t, depth + 1));
}

/* moat_io:write(Fd, IoData) -> ok | {error, Posix} */
term bif_moat_io_write_2(struct proc *p, term *args) {
    struct io_state *io = node_cur()->io;
    int fd;
    term ret;
    struct strbuf sb = STRBUF_INIT;
    if (!FD_ARG(args[0], fd, ret)) return ret;
    if (!io_iodata_append(&sb, args[1], 0) || sb.failed) {
        sb_free(&sb);
        return raise_badarg(p);
    }
    int err = 0;
    pthread_mutex_lock(&io->lock);
    rbuf_drop(fd);
    for (size_t off = 0; off < sb.len && !err;) {
        ssize_t n = write(fd, sb.data + off, sb.len - off);
        if (n < 0 && errno != EINTR) err = errno;
        else if (n > 0) off += (size_t)n;
    }
    pthread_mutex_unlock(&io->lock);
    sb_free(&sb);
    return err ? posix_error(p, err) : AM_ok;
}

/* moat_io:position(Fd, Whence 0|1|2, Offset) -> {ok, Pos} | {error, Posix} */
term bif_moat_io_position_3(struct proc *p, term *args) {
    struct io_state *io = node_cur()->io;
    int fd;
    term ret;
    if (!FD_ARG(args[0], fd, ret)) return ret;
    if (!term_is_small(args[1]) || !term_is_small(args[2])) return raise_badarg(p);
    int64_t whence = term_to_small(args[1]);
    if (whence < 0 || whence > 2) return raise_badarg(p);
    pthread_mutex_lock(&io->lock);
    rbuf_drop(fd);
    off_t r = lseek(fd, (off_t)term_to_small(args[2]), whence == 0 ? SEEK_SET : whence == 1 ? SEEK_CUR : SEEK_END);
    int err = errno;
    pthread_mutex_unlock(&io->lock);
    if (r < 0) return posix_error(p, err);
    term v = term_from_small((int64_t)r);
    return tuple2(p, AM_ok, &v);
}

/* moat_io:truncate(Fd) -> ok | {error, Posix}: cut at the current position. */
term bif_moat_io_truncate_1(struct proc *p, term *args) {
    struct io_state *io = node_cur()->io;
    int fd;
    term ret;
    if (!FD_ARG(args[0], fd, ret)) return ret;
    pthread_mutex_lock(&io->lock);
    rbuf_drop(fd);
    off_t at = lseek(fd, 0, SEEK_CUR);
    int r = at < 0 ? -1 : ftruncate(fd, at), err = errno;
    pthread_mutex_unlock(&io->lock);
    return r < 0 ? posix_error(p, err) : AM_ok;
}

/* ---- file information -------------------------------------------------------- */

/* moat_io:file_info(Name, FollowLinks) -> {ok, {Size, Type, Access, Atime,
   Mtime, Ctime, Mode, Links, Major, Minor, Inode, Uid, Gid}} with POSIX
   seconds, or {error, Posix}. */
term bif_moat_io_file_info_2(struct proc *p, term *args) {
    struct strbuf path = STRBUF_INIT;
    if (!file_name(args[0], &path)) {
        sb_free(&path);
        return raise_badarg(p);
    }
    struct stat st;
    int r = args[1] == AM_false ? lstat(path.data, &st) : stat(path.data, &st), err = errno;
    bool can_read = r == 0 && access(path.data, R_OK) == 0;
    bool can_write = r == 0 && access(path.data, W_OK) == 0;
    sb_free(&path);
    if (r < 0) return posix_error(p, err);
    term type = S_ISREG(st.st_mode)   ? AM(regular)
                : S_ISDIR(st.st_mode) ? AM(directory)
                : S_ISLNK(st.st_mode) ? AM(symlink)
                : (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) ? AM(device)
                                                                : AM(other);
    term access_ = can_read && can_write ? AM(read_write) : can_read ? AM(read) : can_write ? AM(write) : AM(none);
    int64_t vals[] = {(int64_t)st.st_size, 0, 0, (int64_t)st.st_atime, (int64_t)st.st_mtime,
                      (int64_t)st.st_ctime, (int64_t)st.st_mode, (int64_t)st.st_nlink,
                      (int64_t)major(st.st_dev), (int64_t)minor(st.st_dev), (int64_t)st.st_ino,
                      (int64_t)st.st_uid, (int64_t)st.st_gid};
    const unsigned n = sizeof vals / sizeof vals[0];
    if (!heap_ensure_free(p, TUPLE_WORDS(n) + TUPLE_WORDS(2))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(n));
    hp[0] = make_header(SUB_TUPLE, n);
    for (unsigned i = 0; i < n; i++) hp[1 + i] = small_fits(vals[i]) ? term_from_small(vals[i]) : term_from_small(0);
    hp[2] = type;
    hp[3] = access_;
    return tuple2_store(heap_take(p, TUPLE_WORDS(2)), AM_ok, term_from_boxed_ptr(hp));
}

/* moat_io:path_op(Op, Name, Arg) for the one-call file operations:
   set_cwd, read_link, make_symlink (Arg is the new name), make_link,
   change_mode (Arg is the mode). -> ok | {ok, string()} | {error, Posix} */
term bif_moat_io_path_op_3(struct proc *p, term *args) {
    struct strbuf name = STRBUF_INIT, other = STRBUF_INIT;
    term op = args[0];
    bool two = op == AM(make_symlink) || op == AM(make_link);
    bool ok = file_name(args[1], &name) && (!two || file_name(args[2], &other));
    if (ok && op == AM(change_mode)) ok = term_is_small(args[2]) && term_to_small(args[2]) >= 0;
    int r = -1, err = EINVAL;
    char target[4096];
    if (!ok) {
        sb_free(&name);
        sb_free(&other);
        return raise_badarg(p);
    }
    if (op == AM(set_cwd)) r = chdir(name.data);
    else if (op == AM(make_symlink)) r = symlink(name.data, other.data);
    else if (op == AM(make_link)) r = link(name.data, other.data);
    else if (op == AM(change_mode)) r = chmod(name.data, (mode_t)term_to_small(args[2]));
    else if (op == AM(read_link)) {
        ssize_t n = readlink(name.data, target, sizeof target - 1);
        r = n < 0 ? -1 : 0;
        if (n >= 0) target[n] = 0;
    } else {
        sb_free(&name);
        sb_free(&other);
        return raise_badarg(p);
    }
    if (r < 0) err = errno;
    sb_free(&name);
    sb_free(&other);
    if (r < 0) return posix_error(p, err);
    if (op != AM(read_link)) return AM_ok;
    char *v = target;
    args[0] = TERM_NIL;
    term one = strings_list(p, &v, 1);
    if (one == TERM_NONE) return one;
    args[0] = CAR(one);
    return tuple2(p, AM_ok, &args[0]);
}

/* ---- the environment and the shell --------------------------------------- */

/* Decode UTF-8 (a byte that does not start a valid sequence stands for
   itself); returns the number of code points, written to out if not NULL. */
static size_t utf8_chars(const char *s, size_t len, term *out) {
    size_t n = 0;
    for (size_t i = 0; i < len; n++) {
        const unsigned char *u = (const unsigned char *)s + i;
        uint32_t cp = u[0];
        size_t k = cp < 0x80 ? 1 : (cp & 0xE0) == 0xC0 ? 2 : (cp & 0xF0) == 0xE0 ? 3 : (cp & 0xF8) == 0xF0 ? 4 : 0;
        if (k > 1 && i + k <= len) {
            uint32_t v = cp & (0x7F >> k);
            size_t j = 1;
            for (; j < k && (u[j] & 0xC0) == 0x80; j++) v = (v << 6) | (u[j] & 0x3F);
            if (j == k) cp = v;
            else k = 1;
        } else {
            k = 1;
        }
        if (out) out[n] = term_from_small(cp);
        i += k;
    }
    return n;
}

/* A list of the strings v[0..count-1], decoded from UTF-8; one allocation. */
static term strings_list(struct proc *p, char *const *v, size_t count) {
    size_t words = count * CONS_WORDS, most = 0;
    for (size_t i = 0; i < count; i++) {
        size_t n = utf8_chars(v[i], strlen(v[i]), NULL);
        words += n * CONS_WORDS;
        if (n > most) most = n;
    }
    term *cps = mem_malloc((most ? most : 1) * sizeof *cps);
    if (!cps || !heap_ensure_free(p, words)) {
        mem_free(cps);
        return raise_system_limit(p);
    }
    term list = TERM_NIL;
    for (size_t i = count; i-- > 0;) {
        size_t n = utf8_chars(v[i], strlen(v[i]), cps);
        term str = TERM_NIL;
        for (size_t k = n; k-- > 0;) str = cons_store(heap_take(p, CONS_WORDS), cps[k], str);
        list = cons_store(heap_take(p, CONS_WORDS), str, list);
    }
    mem_free(cps);
    return list;
}

/* moat_io:getenv(Name) -> string() | false */
term bif_moat_io_getenv_1(struct proc *p, term *args) {
    struct strbuf name = STRBUF_INIT;
    if (!file_name(args[0], &name)) {
        sb_free(&name);
        return raise_badarg(p);
    }
    char *v = getenv(name.data);
    sb_free(&name);
    if (!v) return AM_false;
    term one = strings_list(p, &v, 1);
    return one == TERM_NONE ? one : CAR(one);
}

/* moat_io:environ() -> ["NAME=VALUE"] */
term bif_moat_io_environ_0(struct proc *p, term *args) {
    (void)args;
    size_t count = 0;
    for (char **e = environ; *e; e++) count++;
    return strings_list(p, environ, count);
}

/* moat_io:putenv(Name, Value) -> true; Value false unsets. */
term bif_moat_io_putenv_2(struct proc *p, term *args) {
    struct strbuf name = STRBUF_INIT, value = STRBUF_INIT;
    bool unset = args[1] == AM_false;
    bool ok = file_name(args[0], &name) && name.len && !memchr(name.data, '=', name.len) &&
              (unset || file_name(args[1], &value));
    if (ok) ok = (unset ? unsetenv(name.data) : setenv(name.data, value.data, 1)) == 0;
    sb_free(&name);
    sb_free(&value);
    return ok ? AM_true : raise_badarg(p);
}

/* moat_io:cmd(Command) -> Binary: what `sh -c Command` writes to stdout. */
term bif_moat_io_cmd_1(struct proc *p, term *args) {
    struct strbuf command = STRBUF_INIT, out = STRBUF_INIT;
    if (!file_name(args[0], &command)) {
        sb_free(&command);
        return raise_badarg(p);
    }
    fflush(stdout);
    FILE *f = popen(command.data, "r");
    sb_free(&command);
    if (f) {
        char chunk[4096];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) sb_append(&out, chunk, n);
        pclose(f);
    }
    term r = out.failed ? raise_system_limit(p) : make_binary(p, out.data ? out.data : "", out.len);
    sb_free(&out);
    return r;
}

/* moat_io:os_version() -> {Major, Minor, Release} of the kernel */
term bif_moat_io_os_version_0(struct proc *p, term *args) {
    (void)args;
    struct utsname u;
    int v[3] = {0, 0, 0};
    if (uname(&u) == 0) sscanf(u.release, "%d.%d.%d", &v[0], &v[1], &v[2]);
    if (!heap_ensure_free(p, TUPLE_WORDS(3))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(3));
    hp[0] = make_header(SUB_TUPLE, 3);
    for (int i = 0; i < 3; i++) hp[1 + i] = term_from_small(v[i]);
    return term_from_boxed_ptr(hp);
}

/* moat_io:getpid() -> Integer */
term bif_moat_io_getpid_0(struct proc *p, term *args) {
    (void)p, (void)args;
    return term_from_small((int64_t)getpid());
}

/* moat_io:plain_args() -> [string()] */
term bif_moat_io_plain_args_0(struct proc *p, term *args) {
    struct io_state *io = node_cur()->io;
    (void)args;
    return strings_list(p, io->plain_argv, (size_t)io->plain_argc);
}

/* moat_io:cwd() -> string() | {error, Posix} */
term bif_moat_io_cwd_0(struct proc *p, term *args) {
    (void)args;
    char buf[4096], *v = buf;
    if (!getcwd(buf, sizeof buf)) return posix_error(p, errno);
    term one = strings_list(p, &v, 1);
    return one == TERM_NONE ? one : CAR(one);
}

/* ---- erlang's time conversions ------------------------------------------ */

static term datetime_term_year(struct proc *p, const struct tm *tm, int64_t year);

/* Days from 1970-01-01 to the proleptic Gregorian date (any year): count
   in 400-year eras of 146097 days from March 1st of year 0, so that the
   leap day ends a year. */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                               /* 0..399 */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* 0..365 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;       /* 0..146096 */
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int64_t *m, int64_t *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

/* {{Y,Mo,D},{H,Mi,S}} into v[6], a valid date and time with min_year <=
   Y < 2^31 - 1 (erl's limits: 1902 for local time, 1600 for posix time). */
static bool datetime_values(term t, int64_t min_year, int64_t v[6]) {
    if (!term_is_tuple(t) || tuple_arity(t) != 2) return false;
    term d = tuple_elems(t)[0], c = tuple_elems(t)[1];
    if (!term_is_tuple(d) || tuple_arity(d) != 3 || !term_is_tuple(c) || tuple_arity(c) != 3) return false;
    for (int i = 0; i < 6; i++) {
        term x = tuple_elems(i < 3 ? d : c)[i % 3];
        if (!term_is_small(x)) return false;
        v[i] = term_to_small(x);
    }
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (v[0] < min_year || v[0] >= INT32_MAX || v[1] < 1 || v[1] > 12 || v[2] < 1 ||
        v[2] > mdays[v[1] - 1])
        return false;
    bool leap = v[0] % 4 == 0 && (v[0] % 100 != 0 || v[0] % 400 == 0);
    if (v[1] == 2 && v[2] == 29 && !leap) return false;
    return v[3] >= 0 && v[3] <= 23 && v[4] >= 0 && v[4] <= 59 && v[5] >= 0 && v[5] <= 59;
}

/* Read a local or universal time into tm; false if it is not one. */
static bool datetime_arg(term t, struct tm *tm) {
    int64_t v[6];
    if (!datetime_values(t, 1902, v)) return false;
    *tm = (struct tm){.tm_year = (int)(v[0] - 1900), .tm_mon = (int)v[1] - 1, .tm_mday = (int)v[2],
                      .tm_hour = (int)v[3], .tm_min = (int)v[4], .tm_sec = (int)v[5], .tm_isdst = -1};
    return true;
}

term bif_erlang_universaltime_to_posixtime_1(struct proc *p, term *args) {
    int64_t v[6];
    if (!datetime_values(args[0], 1600, v)) return raise_badarg(p);
    int64_t secs = days_from_civil(v[0], v[1], v[2]) * 86400 + v[3] * 3600 + v[4] * 60 + v[5];
    return term_from_small(secs); /* |secs| < 2^56 for these years */
}

term bif_erlang_posixtime_to_universaltime_1(struct proc *p, term *args) {
    int64_t secs, y, m, d;
    if (!int_to_int64(args[0], &secs)) return raise_badarg(p);
    int64_t days = secs / 86400, rem = secs % 86400;
    if (rem < 0) rem += 86400, days--;
    civil_from_days(days, &y, &m, &d);
    struct tm tm = {.tm_year = 0, .tm_mon = (int)m - 1, .tm_mday = (int)d, .tm_hour = (int)(rem / 3600),
                    .tm_min = (int)(rem / 60 % 60), .tm_sec = (int)(rem % 60)};
    return datetime_term_year(p, &tm, y);
}

/* {{Year, Mo, D}, {H, Mi, S}} of tm's fields but the year */
static term datetime_term_year(struct proc *p, const struct tm *tm, int64_t year) {
    if (!heap_ensure_free(p, 3 * TUPLE_WORDS(3))) return raise_system_limit(p);
    term *hp = heap_take(p, 2 * TUPLE_WORDS(3) + TUPLE_WORDS(2));
    hp[0] = make_header(SUB_TUPLE, 3);
    hp[1] = term_from_small(year);
    hp[2] = term_from_small(tm->tm_mon + 1);
    hp[3] = term_from_small(tm->tm_mday);
    hp[4] = make_header(SUB_TUPLE, 3);
    hp[5] = term_from_small(tm->tm_hour);
    hp[6] = term_from_small(tm->tm_min);
    hp[7] = term_from_small(tm->tm_sec);
    return tuple2_store(hp + 8, term_from_boxed_ptr(hp), term_from_boxed_ptr(hp + 4));
}

static term datetime_term(struct proc *p, const struct tm *tm) {
    return datetime_term_year(p, tm, (int64_t)tm->tm_year + 1900);
}

term bif_erlang_universaltime_to_localtime_1(struct proc *p, term *args) {
    struct tm tm, out;
    if (!datetime_arg(args[0], &tm)) return raise_badarg(p);
    time_t t = timegm(&tm);
    if (!localtime_r(&t, &out)) return raise_badarg(p);
    return datetime_term(p, &out);
}

/* isdst: 1 daylight saving time, 0 standard time, -1 let the C library
   decide (erl's `undefined`). */
static term local_to_universal(struct proc *p, term local, int isdst) {
    struct tm tm, out;
    if (!datetime_arg(local, &tm)) return raise_badarg(p);
    tm.tm_isdst = isdst;
    time_t t = mktime(&tm);
    if (!gmtime_r(&t, &out)) return raise_badarg(p);
    return datetime_term(p, &out);
}

term bif_erlang_localtime_to_universaltime_1(struct proc *p, term *args) {
    return local_to_universal(p, args[0], -1);
}

term bif_erlang_localtime_to_universaltime_2(struct proc *p, term *args) {
    term dst = args[1];
    if (dst != AM_true && dst != AM_false && dst != AM(undefined)) return raise_badarg(p);
    return local_to_universal(p, args[0], dst == AM_true ? 1 : dst == AM_false ? 0 : -1);
}
