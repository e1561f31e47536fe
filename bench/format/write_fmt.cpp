// The same integers through {fmt} (Debian's libfmt-dev):
//   default:       fmt::output_file with the same 64 KiB buffer as ring3,
//                  the fastest file output {fmt} offers;
//   FMT_COMPILED:  the format string compiled at build time (FMT_COMPILE)
//                  into a fmt::memory_buffer written out by write(2) every
//                  64 KiB: {fmt}'s quickest conversion with no stream at all.
#include "numbers.hpp"
#include <fmt/compile.h>
#include <fmt/os.h>
#include <unistd.h>

int main(int argc, char** argv) {
    bench::Numbers numbers;
    long n = bench::count_arg(argc, argv);
#ifdef FMT_COMPILED
    fmt::memory_buffer buf;
    for (long i = 0; i < n; ++i) {
        fmt::format_to(fmt::appender(buf), FMT_COMPILE("{}\n"), numbers.next());
        if (buf.size() >= 65536 - 21) {
            if (write(1, buf.data(), buf.size()) != static_cast<ssize_t>(buf.size())) return 1;
            buf.clear();
        }
    }
    if (write(1, buf.data(), buf.size()) != static_cast<ssize_t>(buf.size())) return 1;
#else
    auto out = fmt::output_file("/dev/stdout", fmt::buffer_size = 65536);
    for (long i = 0; i < n; ++i) out.print("{}\n", numbers.next());
#endif
    return 0;
}
