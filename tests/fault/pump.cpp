// pump: runs a command with its stdin and stdout on pipes that misbehave,
// for the fault-injection tests (tests/e2e/fault_*.sh). Hosted, with libc, on
// purpose: the tool that judges ring3's programs does not share their
// runtime.
//
//     pump [OPTION]... -- COMMAND [ARG]...
//
//   --in FILE           stdin is a pipe fed from FILE, --in-chunk bytes at
//                       a time (default 65536), --in-delay-us apart
//   --out FILE          stdout is a pipe drained into FILE, --out-chunk
//                       bytes at a time (default 65536), --out-delay-us apart
//   --pipe-size N       the stdout pipe holds N bytes (F_SETPIPE_SZ; 4096 is
//                       the least), so that a slow reader blocks the writer
//                       soon; --in-pipe-size N the same for stdin
//   --close-after N     stdout is a pipe whose reader reads N bytes and
//                       closes it (0: closed before COMMAND starts)
//   --ignore-sigpipe    COMMAND starts with SIGPIPE ignored (EPIPE instead)
//
// Exits with COMMAND's status as a shell reports it (128 + N when signal N
// killed it); COMMAND's stderr is pump's.
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void die(const char* what) {
    fprintf(stderr, "pump: %s: %s\n", what, strerror(errno));
    exit(99);
}

static void pause_us(long us) {
    if (us <= 0) return;
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

static void make_pipe(int fds[2], long size) {
    if (pipe2(fds, O_CLOEXEC) != 0) die("pipe2");
    if (size > 0 && fcntl(fds[1], F_SETPIPE_SZ, (int)size) < 0) die("F_SETPIPE_SZ");
}

// Writes FILE into fd, chunk bytes at a time.
static void feed(int fd, const char* path, long chunk, long delay) {
    int in = open(path, O_RDONLY);
    if (in < 0) die(path);
    char* buf = static_cast<char*>(malloc(chunk));
    for (;;) {
        ssize_t n = read(in, buf, chunk);
        if (n < 0) die("read");
        if (n == 0) break;
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(fd, buf + done, n - done);
            if (w < 0) {
                if (errno == EPIPE) _exit(0);
                die("write");
            }
            done += w;
        }
        pause_us(delay);
    }
    _exit(0);
}

// Reads fd into FILE, chunk bytes at a time; or, with limit >= 0, reads
// limit bytes and closes.
static void drain(int fd, const char* path, long chunk, long delay, long limit) {
    int out = path ? open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644) : -1;
    if (path && out < 0) die(path);
    char* buf = static_cast<char*>(malloc(chunk));
    long left = limit;
    for (;;) {
        long want = limit >= 0 && left < chunk ? left : chunk;
        if (want == 0) break;
        ssize_t n = read(fd, buf, want);
        if (n < 0) die("read");
        if (n == 0) break;
        left -= n;
        if (out >= 0) {
            for (ssize_t done = 0; done < n;) {
                ssize_t w = write(out, buf + done, n - done);
                if (w < 0) die("write");
                done += w;
            }
        }
        pause_us(delay);
    }
    _exit(0);
}

int main(int argc, char** argv) {
    const char *in = NULL, *out = NULL;
    long in_chunk = 65536, out_chunk = 65536, in_delay = 0, out_delay = 0;
    long pipe_size = 0, in_pipe_size = 0;
    long close_after = -1;
    int ignore_sigpipe = 0, i = 1;
    for (; i < argc; ++i) {
        const char* a = argv[i];
        const char* v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--")) {
            ++i;
            break;
        } else if (!strcmp(a, "--ignore-sigpipe")) {
            ignore_sigpipe = 1;
            continue;
        }
        if (!v) {
            fprintf(stderr, "pump: %s needs a value\n", a);
            return 99;
        }
        ++i;
        if (!strcmp(a, "--in"))
            in = v;
        else if (!strcmp(a, "--out"))
            out = v;
        else if (!strcmp(a, "--in-chunk"))
            in_chunk = atol(v);
        else if (!strcmp(a, "--out-chunk"))
            out_chunk = atol(v);
        else if (!strcmp(a, "--in-delay-us"))
            in_delay = atol(v);
        else if (!strcmp(a, "--out-delay-us"))
            out_delay = atol(v);
        else if (!strcmp(a, "--pipe-size"))
            pipe_size = atol(v);
        else if (!strcmp(a, "--in-pipe-size"))
            in_pipe_size = atol(v);
        else if (!strcmp(a, "--close-after"))
            close_after = atol(v);
        else {
            fprintf(stderr, "pump: unknown option %s\n", a);
            return 99;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "usage: pump [OPTION]... -- COMMAND [ARG]...\n");
        return 99;
    }
    signal(SIGPIPE, SIG_IGN); // pump's own writes
    int child_in = -1, child_out = -1;
    pid_t helpers[2];
    int nhelpers = 0;
    if (in) {
        int p[2];
        make_pipe(p, in_pipe_size);
        pid_t h = fork();
        if (h < 0) die("fork");
        if (h == 0) {
            close(p[0]);
            feed(p[1], in, in_chunk, in_delay);
        }
        helpers[nhelpers++] = h;
        close(p[1]);
        child_in = p[0];
    }
    if (close_after >= 0 || out) {
        int p[2];
        make_pipe(p, pipe_size);
        if (close_after == 0) {
            close(p[0]);
        } else {
            pid_t h = fork();
            if (h < 0) die("fork");
            if (h == 0) {
                close(p[1]);
                if (child_in >= 0) close(child_in);
                drain(p[0], close_after > 0 ? NULL : out, out_chunk, out_delay, close_after);
            }
            helpers[nhelpers++] = h;
            close(p[0]);
        }
        child_out = p[1];
    }
    pid_t c = fork();
    if (c < 0) die("fork");
    if (c == 0) {
        signal(SIGPIPE, ignore_sigpipe ? SIG_IGN : SIG_DFL);
        if (child_in >= 0 && dup2(child_in, 0) < 0) die("dup2");
        if (child_out >= 0 && dup2(child_out, 1) < 0) die("dup2");
        execvp(argv[i], argv + i);
        die(argv[i]);
    }
    if (child_in >= 0) close(child_in);
    if (child_out >= 0) close(child_out);
    int status;
    while (waitpid(c, &status, 0) < 0)
        if (errno != EINTR) die("waitpid");
    for (int k = 0; k < nhelpers; ++k) waitpid(helpers[k], NULL, 0);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}
