// abs and div for each integer type (C17 7.22.6). The absolute value of
// the most negative value is undefined in C; here it wraps, as glibc's
// does.
#include "stdlib.hpp"

#include <type_traits>

namespace ring3::libc {
namespace {
template <class T>
T absolute(T v) {
    using U = std::make_unsigned_t<T>;
    return v < 0 ? static_cast<T>(0 - static_cast<U>(v)) : v;
}
} // namespace

int abs(int v) noexcept { return absolute(v); }
long labs(long v) noexcept { return absolute(v); }
long long llabs(long long v) noexcept { return absolute(v); }
std::intmax_t imaxabs(std::intmax_t v) noexcept { return absolute(v); }

// C's division truncates toward zero, as C++'s does.
div_t div(int a, int b) noexcept { return {a / b, a % b}; }
ldiv_t ldiv(long a, long b) noexcept { return {a / b, a % b}; }
lldiv_t lldiv(long long a, long long b) noexcept { return {a / b, a % b}; }

} // namespace ring3::libc
