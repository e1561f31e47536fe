// A small ring3 program for the debugger test (tests/e2e/gdb.sh): main
// calls a function that is not inlined, so that a backtrace has two frames
// of this file, at lines the test finds by the markers in the comments.
//
// `debuggee --memory` checks what a debugger must leave alone: it maps 32
// fresh pages one at a time (the first land in the highest gap, where
// ring3-load's image was before it unmapped itself), calls count_letters
// (a breakpoint there makes gdb stop and resume), then prints how many
// bytes of those pages are not zero and a checksum of its own code
// (the entry point and check_memory): the same with and without gdb.
#include <ring3/stream.hpp>
#include <ring3/syscalls.hpp>

using namespace ring3;

extern "C" void _start(); // the entry point (crt0): gdb's stop at the hand-over

namespace {

[[gnu::noinline]] int count_letters(const char* word) {
    int n = 0; // gdb: count_letters starts
    while (word[n] != 0) ++n;
    return n;
}

unsigned long fnv1a(const unsigned char* p, int n, unsigned long h) {
    for (int i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3UL;
    return h;
}

[[gnu::noinline]] int check_memory() {
    constexpr int pages = 32;
    unsigned char* page[pages];
    for (auto& p : page) {
        auto m = sys::map_anonymous(4096);
        if (!m) return 99;
        p = static_cast<unsigned char*>(m.value());
    }
    int letters = count_letters("memory");
    long dirty = 0;
    for (auto* p : page)
        for (int i = 0; i < 4096; ++i) dirty += p[i] != 0;
    unsigned long sum =
        fnv1a(reinterpret_cast<const unsigned char*>(&_start), 32, 0xcbf29ce484222325UL);
    sum = fnv1a(reinterpret_cast<const unsigned char*>(&check_memory), 128, sum);
    io::out << letters << " letters; " << pages << " fresh pages, " << dirty
            << " bytes not zero; code checksum " << sum << "\n";
    return dirty == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    int total = 0;                                                  // gdb: main starts
    for (int i = 1; i < argc; ++i) total += count_letters(argv[i]); // gdb: the call
    if (argc == 2 && argv[1][0] == '-' && argv[1][1] == '-') return check_memory();
    io::out << total << " letters\n";
    return argc;
}
