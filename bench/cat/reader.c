/* The "simple reader" at the end of the pipe in bench/cat.sh: reads
   standard input 128 KiB at a time and throws it away, the same for every
   cat measured. */
#include <unistd.h>

static char buf[128 * 1024];

int main(void) {
    for (;;) {
        ssize_t n = read(0, buf, sizeof buf);
        if (n <= 0) return n < 0;
    }
}
