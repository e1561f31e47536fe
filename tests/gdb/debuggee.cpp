// A small ring3 program for the debugger test (tests/e2e/gdb.sh): main
// calls a function that is not inlined, so that a backtrace has two frames
// of this file, at lines the test finds by the markers in the comments.
#include <ring3/stream.hpp>

using namespace ring3;

namespace {

[[gnu::noinline]] int count_letters(const char* word) {
    int n = 0; // gdb: count_letters starts
    while (word[n] != 0) ++n;
    return n;
}

} // namespace

int main(int argc, char** argv) {
    int total = 0;                                                  // gdb: main starts
    for (int i = 1; i < argc; ++i) total += count_letters(argv[i]); // gdb: the call
    io::out << total << " letters\n";
    return argc;
}
