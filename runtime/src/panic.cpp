#include <ring3/panic.hpp>
#include <ring3/process.hpp>
#include <ring3/report.hpp>
#include <ring3/startup.hpp>

namespace ring3 {

[[noreturn]] void panic(Str message, const char* file, int line) {
    // The line number in decimal, without the formatting library: this
    // path must work whatever state the program is in.
    char digits[12];
    int n = sizeof digits;
    unsigned v = line < 0 ? 0u : static_cast<unsigned>(line);
    do {
        digits[--n] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v && n > 0);
    report_line({program_name(), ": ", file ? file : "?", ":", Str(digits + n, sizeof digits - n),
                 ": ", message});
    abort();
}

} // namespace ring3
