// strtod, strtof, strtold and atof (C17 7.22.1.3): white space skipped,
// then ring3::parse_float (ring3/parse_float.hpp), the one home of number
// parsing; here only the C conventions: *end, and errno ERANGE when the
// result overflowed or underflowed.
#include "stdlib.hpp"

#include "../ctype/ctype.hpp"
#include "../errno/errno.hpp"

#include <cstdint>
#include <ring3/parse_float.hpp>

namespace ring3::libc {
namespace {

constexpr int erange = 34;

template <class T>
T parse(const char* text, char** end) {
    const char* p = text;
    while (isspace(static_cast<unsigned char>(*p))) ++p;
    ParsedFloat<T> r = parse_float<T>(p, SIZE_MAX);
    if (r.out_of_range) set_errno(erange);
    if (end) *end = const_cast<char*>(r.length ? p + r.length : text);
    return r.value;
}

} // namespace

double strtod(const char* __restrict s, char** __restrict end) noexcept {
    return parse<double>(s, end);
}
float strtof(const char* __restrict s, char** __restrict end) noexcept {
    return parse<float>(s, end);
}
long double strtold(const char* __restrict s, char** __restrict end) noexcept {
    return parse<long double>(s, end);
}
double atof(const char* s) noexcept { return strtod(s, nullptr); }

} // namespace ring3::libc
