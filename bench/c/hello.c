/* hello in C: the same program as programs/hello.cpp, for musl and glibc. */
#include <unistd.h>

int main(void) {
    static const char message[] = "Hello from ring3: zero libc, one write.\n";
    return write(1, message, sizeof message - 1) < 0;
}
