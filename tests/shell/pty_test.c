/*
 * pty_test.c — the interactive shell under a pseudo-terminal, as a user
 * at a terminal sees it: `moat` shows its banner and prompt, an endless
 * loop typed at the prompt is stopped by one Ctrl-C (the terminal turns
 * the \x03 byte into SIGINT), and the shell goes on: `1+1.` prints 2,
 * `q().` ends it with status 0.
 *
 *   pty_test PATH-TO-MOAT        (exit status 0 when all of that holds)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char seen[1 << 16];
static size_t seen_len;

/* Read what the terminal shows until `want` appears after offset `from`
   (or the time runs out); returns where it ends, or 0. */
static size_t expect(int fd, size_t from, const char *want, int seconds) {
    time_t end = time(NULL) + seconds;
    for (;;) {
        seen[seen_len] = '\0';
        char *at = strstr(seen + from, want);
        if (at) return (size_t)(at - seen) + strlen(want);
        if (time(NULL) >= end) break;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, 200) <= 0) continue;
        ssize_t n = read(fd, seen + seen_len, sizeof seen - 1 - seen_len);
        if (n <= 0) break;
        seen_len += (size_t)n;
    }
    fprintf(stderr, "pty_test: did not see \"%s\"; the terminal showed:\n%s\n", want, seen + from);
    return 0;
}

static void type(int fd, const char *text) {
    if (write(fd, text, strlen(text)) != (ssize_t)strlen(text)) perror("pty_test: write");
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: pty_test MOAT\n");
        return 2;
    }
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) || unlockpt(master)) {
        perror("pty_test: posix_openpt");
        return 77; /* no pseudo-terminals here */
    }
    pid_t child = fork();
    if (child == 0) {
        setsid();
        int slave = open(ptsname(master), O_RDWR);
        if (slave < 0) _exit(126);
        ioctl(slave, TIOCSCTTY, 0);
        struct winsize ws = {.ws_row = 24, .ws_col = 80};
        ioctl(slave, TIOCSWINSZ, &ws);
        dup2(slave, 0);
        dup2(slave, 1);
        dup2(slave, 2);
        close(master);
        execl(argv[1], argv[1], (char *)NULL);
        _exit(127);
    }
    size_t at = expect(master, 0, "1> ", 10);
    if (at) {
        type(master, "F = fun G() -> G() end, F().\n");
        usleep(300 * 1000); /* let it spin */
        type(master, "\x03");
        at = expect(master, at, "** exception exit: killed", 10);
    }
    if (at) at = expect(master, at, "2> ", 10);
    if (at) {
        type(master, "1+1.\n");
        at = expect(master, at, "\r2\r\n", 10); /* the result on a line of its own */
    }
    if (at) at = expect(master, at, "3> ", 10);
    if (at) type(master, "q().\n");
    int status = -1;
    for (int i = 0; i < 100; i++) {
        if (waitpid(child, &status, WNOHANG) == child) break;
        char buf[4096];
        struct pollfd p = {.fd = master, .events = POLLIN};
        if (poll(&p, 1, 100) > 0 && read(master, buf, sizeof buf) < 0) usleep(100 * 1000);
        status = -1;
    }
    if (status == -1) {
        kill(child, SIGKILL);
        waitpid(child, &status, 0);
        fprintf(stderr, "pty_test: moat did not end after q().\n");
        return 1;
    }
    if (!at) return 1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "pty_test: moat ended with status %d\n", status);
        return 1;
    }
    return 0;
}
