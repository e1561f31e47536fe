// Everything exit() runs, using 16-byte-aligned vector locals: a static
// destructor, an atexit handler and a fini_array entry. The compiler may
// keep such locals with movaps, which faults unless rsp was 16-byte
// aligned at the call (System V ABI 3.2.2): run through exit() entered
// both ways (main's return, a call to exit), this program dies with
// SIGSEGV if exit calls them misaligned. tests/e2e/exit_alignment.sh
// builds it at -O0, -O2 and -Os, static and static-PIE, and with the
// host's g++ and glibc for the expected output. Mode (argv[1]): return
// (default) or exit.
#if __has_include(<ring3/stream.hpp>)
#include <ring3/startup.hpp>
#include <ring3/stream.hpp>
static void say(const char* s) { ring3::io::out << s; }
#else
#include <cstdio>
#include <cstdlib>
static void say(const char* s) { std::fputs(s, stdout); }
#endif

namespace {

using v4 = int __attribute__((vector_size(16)));

// A volatile vector local is stored to and loaded from the stack with
// aligned moves at every optimisation level.
[[gnu::noinline]] int aligned_work(int seed) {
    volatile v4 v = {seed, seed + 1, seed + 2, seed + 3};
    v4 w = v;
    return w[0] + w[3];
}

struct Logged {
    ~Logged() { say(aligned_work(1) == 5 ? "static destructor\n" : "bad\n"); }
};
Logged logged;

void handler() { say(aligned_work(2) == 7 ? "atexit handler\n" : "bad\n"); }

[[gnu::destructor]] void fini_entry() { say(aligned_work(3) == 9 ? "fini_array\n" : "bad\n"); }

bool same(const char* a, const char* b) {
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}

} // namespace

int main(int argc, char** argv) {
    atexit(handler);
    say(aligned_work(0) == 3 ? "main\n" : "bad\n");
    if (argc > 1 && same(argv[1], "exit")) exit(3);
    return 0;
}
