// Standard output and error in the order of events, as GNU tools do
// (their error() flushes stdout before the message). tests/e2e/
// output_order.sh runs this with both streams on one file and on one
// pipe, and requires the bytes the same program built with glibc writes,
// its messages made by glibc's error(3). Argument: how many lines to print
// before the first message (more than one buffer's worth tests a buffer
// written in the middle of the run).
#if __has_include(<ring3/stream.hpp>)
#include <ring3/stream.hpp>
static void line(long i) { ring3::io::out << "line " << i << '\n'; }
static void text(const char* s) { ring3::io::out << s; }
static void warn(const char* s) { ring3::io::warn() << s << '\n'; }
static void raw(const char* s) { ring3::io::err << s; }
static long number(const char* s) {
    long n = 0;
    while (*s >= '0' && *s <= '9') n = n * 10 + (*s++ - '0');
    return n;
}
#else
#include <cstdio>
#include <cstdlib>
#include <error.h>
static void line(long i) { std::printf("line %ld\n", i); }
static void text(const char* s) { std::fputs(s, stdout); }
static void warn(const char* s) { error(0, 0, "%s", s); }
static void raw(const char* s) {
    std::fflush(stdout);
    std::fputs(s, stderr);
}
static long number(const char* s) { return std::strtol(s, nullptr, 10); }
#endif

int main(int argc, char** argv) {
    long n = argc > 1 ? number(argv[1]) : 2;
    for (long i = 0; i < n; ++i) line(i);
    warn("first problem");
    text("half a line, ");
    raw("a raw message on stderr\n");
    text("the rest\n");
    warn("second problem");
    line(n);
    return 0;
}
