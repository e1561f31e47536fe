#include <ring3/panic.hpp>
#include <ring3/process.hpp>
#include <ring3/report.hpp>
#include <ring3/startup.hpp>

namespace ring3 {

[[noreturn]] void panic(Str message, const char* file, int line) {
    // The line number without the formatting library: this path must work
    // whatever state the program is in.
    char digits[20];
    Str l = decimal_digits(digits, line < 0 ? 0u : static_cast<unsigned>(line));
    report_line({program_name(), ": ", file ? file : "?", ":", l, ": ", message});
    abort();
}

} // namespace ring3
