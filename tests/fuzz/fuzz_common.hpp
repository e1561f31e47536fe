// What the fuzz targets share: how a finding is reported, and a stream
// that formats everything and keeps nothing.
#pragma once

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <ring3/stream.hpp>

namespace fuzz {

// "fuzz_TARGET: message", then abort(): libFuzzer saves the input.
[[noreturn]] [[gnu::format(printf, 1, 2)]] inline void finding(const char* fmt, ...) {
    std::va_list ap;
    va_start(ap, fmt);
    std::fprintf(stderr, "%s: ", program_invocation_short_name);
    std::vfprintf(stderr, fmt, ap);
    std::fputc('\n', stderr);
    va_end(ap);
    std::abort();
}

// The --trace tables, formatted in full, go to /dev/null.
inline ring3::OutStream& null_stream() {
    static char buf[4096];
    static ring3::OutStream s(::open("/dev/null", O_WRONLY | O_CLOEXEC), buf, sizeof buf);
    return s;
}

} // namespace fuzz

#define EXPECT(cond, ...)                                                                          \
    do {                                                                                           \
        if (!(cond)) ::fuzz::finding(__VA_ARGS__);                                                 \
    } while (0)
