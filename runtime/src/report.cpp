#include <ring3/fdio.hpp>
#include <ring3/report.hpp>

namespace ring3 {

void report_line(std::initializer_list<Str> pieces) {
    // Long enough for any path the kernel accepts (PATH_MAX 4096) plus the
    // decorations; a longer message is cut rather than split over writes.
    char buf[4352];
    std::size_t n = 0;
    for (Str s : pieces) {
        for (char ch : s) {
            if (n == sizeof buf - 1) break;
            buf[n++] = ch;
        }
    }
    buf[n++] = '\n';
    (void)write_all(2, buf, n);
}

Str decimal_digits(char (&buf)[20], std::uint64_t v) {
    std::size_t i = sizeof buf;
    do {
        buf[--i] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v);
    return Str(buf + i, sizeof buf - i);
}

} // namespace ring3
