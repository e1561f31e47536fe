/* mmapfile in C: the same program as programs/mmapfile.cpp (fstat, mmap
 * the whole file, one write), for musl and glibc. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "/etc/hosts";
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        fprintf(stderr, "mmapfile: %s: %s\n", path, strerror(errno));
        return 1;
    }
    if (st.st_size > 0) {
        char *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            fprintf(stderr, "mmapfile: %s: %s\n", path, strerror(errno));
            return 1;
        }
        size_t n = (size_t)st.st_size;
        while (n > 0) {
            ssize_t w = write(1, p, n);
            if (w < 0) {
                if (errno == EINTR) continue;
                fprintf(stderr, "mmapfile: write error: %s\n", strerror(errno));
                return 1;
            }
            p += w;
            n -= (size_t)w;
        }
    }
    close(fd);
    return 0;
}
