// The failure of one of libstdc++'s own checks (-D_GLIBCXX_ASSERTIONS,
// __glibcxx_assert in the headers): it calls std::__glibcxx_assert_fail,
// defined in libstdc++.a's debug.o along with the whole debug mode, which
// prints through stdio. ring3's prints the same line on stderr:
//     file:line: function: Assertion 'cond' failed.
// (libstdc++ 12's format, which differs from C's assert), then abort().
#include <ring3/report.hpp>
#include <ring3/startup.hpp>

namespace std {

[[noreturn]] void __glibcxx_assert_fail(const char* file, int line, const char* function,
                                        const char* condition) noexcept {
    using ring3::Str;
    if (file != nullptr && function != nullptr && condition != nullptr) {
        char digits[20];
        Str number = ring3::decimal_digits(digits, static_cast<unsigned>(line));
        ring3::report_line(
            {file, ":", number, ": ", function, ": Assertion '", condition, "' failed."});
    } else if (function != nullptr) {
        ring3::report_line({function, ": Undefined behavior detected."});
    }
    abort();
}

} // namespace std
