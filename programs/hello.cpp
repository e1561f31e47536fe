// hello: the smallest useful ring3 program. One write(2), then exit.
#include <ring3/syscalls.hpp>

int main() {
    static constexpr char message[] = "Hello from ring3: zero libc, one write.\n";
    // 40 bytes to stdout: a pipe takes up to PIPE_BUF (4096) bytes at once,
    // so no short write is possible. A failed write is the exit status:
    // `hello >/dev/full` fails like GNU echo.
    return ring3::sys::write(1, message, sizeof message - 1) ? 0 : 1;
}
