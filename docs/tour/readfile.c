/* readfile.c: the tour's glibc peer of ring3's readfile (docs/tour.md).
 * The seed article's first C program, done the same way: open(2), then
 * read(2) and write(2) in a loop, with a 64 KiB buffer. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char** argv) {
    const char* path = argc > 1 ? argv[1] : "/etc/hosts";
    static char buffer[64 * 1024];
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        perror(path);
        return 1;
    }
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0)
        if (write(1, buffer, (size_t)n) != n) return 1;
    close(fd);
    return n < 0;
}
