// <assert.h>'s failure path: assert(cond) calls __assert_fail when cond is
// false (glibc's assert.h; libstdc++'s floating_to_chars.o also uses it).
// The message is glibc's, byte for byte:
//     program: file:line: function: Assertion `cond' failed.
// then abort() (SIGABRT).
#include <ring3/process.hpp>
#include <ring3/report.hpp>
#include <ring3/startup.hpp>

extern "C" [[noreturn]] void __assert_fail(const char* assertion, const char* file,
                                           unsigned int line, const char* function) noexcept {
    using ring3::Str;
    char digits[20];
    Str name = ring3::program_name();
    ring3::report_line({name, name.empty() ? "" : ": ", file, ":",
                        ring3::decimal_digits(digits, line), ": ",
                        function != nullptr ? function : "", function != nullptr ? ": " : "",
                        "Assertion `", assertion, "' failed."});
    abort();
}
