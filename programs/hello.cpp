// hello: the smallest useful ring3 program. One write(2), then exit.
#include <ring3/fdio.hpp>

int main() {
    // A failed write is the exit status: `hello >/dev/full` fails like GNU echo.
    return ring3::write_all(1, "Hello from ring3: zero libc, one write.\n") ? 0 : 1;
}
