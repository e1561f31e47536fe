// Reading a floating-point number from text, correctly rounded: ring3's
// one home for it. strtod, strtof and strtold (runtime/src/libc/stdlib/
// strtod.cpp) are thin wrappers, and C++ code (Str's number parsing) calls
// it directly.
//
// The text is what C's strtod accepts after its leading white space
// (C17 7.22.1.3): an optional sign, then a decimal number with an optional
// exponent ("1.5e-3"), a hexadecimal one with an optional binary exponent
// ("0x1.8p3"), "inf" or "infinity", "nan" or "nan(chars)", in any case.
// Every input is rounded correctly, to nearest with ties to even, however
// many digits it has: halfway cases are decided exactly, with big integers.
#pragma once

#include <cstddef>

namespace ring3 {

template <class T>
struct ParsedFloat {
    T value = 0;
    // Bytes that form the number; 0: there is none, and value is 0.
    std::size_t length = 0;
    // The value is out of range: overflow to infinity, or a result so small
    // that it was rounded to a subnormal or zero with a loss of precision
    // (where strtod sets errno to ERANGE).
    bool out_of_range = false;
};

// The longest prefix of text[0, n) that forms a number. A NUL byte ends the
// text too, so a C string may be passed with n = SIZE_MAX. For T = float,
// double and long double (x87's 64-bit significand).
template <class T>
ParsedFloat<T> parse_float(const char* text, std::size_t n) noexcept;

inline ParsedFloat<double> parse_double(const char* text, std::size_t n) noexcept {
    return parse_float<double>(text, n);
}

extern template ParsedFloat<float> parse_float<float>(const char*, std::size_t) noexcept;
extern template ParsedFloat<double> parse_float<double>(const char*, std::size_t) noexcept;
extern template ParsedFloat<long double> parse_float<long double>(const char*,
                                                                  std::size_t) noexcept;

} // namespace ring3
