/* readfile in C: the same program as programs/readfile.cpp (read/write,
 * 64 KiB buffer, EINTR retried, short writes completed), for musl and
 * glibc. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buffer[64 * 1024];

static int write_all(const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(1, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int main(int argc, char **argv) {
    const char *deflt[] = {"/etc/hosts"};
    const char **files = argc > 1 ? (const char **)argv + 1 : deflt;
    int count = argc > 1 ? argc - 1 : 1, status = 0;
    for (int i = 0; i < count; ++i) {
        int fd = open(files[i], O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            fprintf(stderr, "readfile: %s: %s\n", files[i], strerror(errno));
            status = 1;
            continue;
        }
        for (;;) {
            ssize_t got = read(fd, buffer, sizeof buffer);
            if (got < 0 && errno == EINTR) continue;
            if (got < 0) {
                fprintf(stderr, "readfile: %s: %s\n", files[i], strerror(errno));
                status = 1;
                break;
            }
            if (got == 0) break;
            if (write_all(buffer, (size_t)got) < 0) {
                if (errno != EPIPE) fprintf(stderr, "readfile: write error: %s\n", strerror(errno));
                return 1;
            }
        }
        close(fd);
    }
    return status;
}
