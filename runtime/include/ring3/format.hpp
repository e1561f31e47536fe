// Formatting options and the conversions behind ring3's streams: integers
// and floating point to text, text to integers.
//
// A value with options is a Formatted<T>, built by a helper and refined by
// chained modifiers; streams print it (stream.hpp):
//
//     out << hex(addr).width(16).fill('0')   // 00007ffd5e8a1c20
//     out << fixed(ratio, 2)                 // 0.67
//     out << fmt(name).width(12).left()      // "ring3       "
//
// Everything here is pure: no system calls, no global state. The
// conversions write into caller-provided memory, so they are unit-tested
// hosted against snprintf.
#pragma once
#include <ring3/detail/requires_cxx20.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <ring3/parse_float.hpp>
#include <ring3/result.hpp>
#include <ring3/str.hpp>

namespace ring3 {

enum class Align : std::uint8_t { none, left, right, center };
enum class Sign : std::uint8_t { minus, plus, space };
enum class FloatStyle : std::uint8_t { shortest, fixed, scientific };

// How one value is laid out. The defaults print a value the way `out << v`
// does: numbers in decimal, right-aligned when a width is given, text
// left-aligned; floating point in the shortest form that reads back exactly.
struct Spec {
    std::uint32_t width = 0;     // minimum field width, in bytes
    std::int32_t precision = -1; // floats: digits after the point; text: maximum length
    char fill = ' ';
    Align align = Align::none;
    Sign sign = Sign::minus;
    std::uint8_t base = 10; // integers: 2, 8, 10 or 16
    FloatStyle style = FloatStyle::shortest;
    bool prefix = false; // 0x, 0b or 0 before hex, binary and octal digits
    bool upper = false;  // ABCDEF, 0X, 0B, E+10, INF, NAN
};

// A value and its Spec. The modifiers return a modified copy, so they
// chain: hex(x).width(8).fill('0').prefix().
//
// Zero padding: a fill of '0' with no explicit alignment goes between the
// sign or prefix and the digits, as printf's 0 flag does ("-0042",
// "0x002a"); with an explicit alignment the fill is plain ("00-42").
template <class T>
struct Formatted {
    T value;
    Spec spec;

    constexpr Formatted width(std::uint32_t w) const {
        return with([&](Spec& s) { s.width = w; });
    }
    constexpr Formatted fill(char c) const {
        return with([&](Spec& s) { s.fill = c; });
    }
    constexpr Formatted left() const {
        return with([](Spec& s) { s.align = Align::left; });
    }
    constexpr Formatted right() const {
        return with([](Spec& s) { s.align = Align::right; });
    }
    constexpr Formatted center() const {
        return with([](Spec& s) { s.align = Align::center; });
    }
    // A '+' before non-negative numbers.
    constexpr Formatted plus() const {
        return with([](Spec& s) { s.sign = Sign::plus; });
    }
    // A space before non-negative numbers.
    constexpr Formatted space() const {
        return with([](Spec& s) { s.sign = Sign::space; });
    }
    constexpr Formatted prefix() const {
        return with([](Spec& s) { s.prefix = true; });
    }
    constexpr Formatted upper() const {
        return with([](Spec& s) { s.upper = true; });
    }
    constexpr Formatted precision(std::int32_t p) const {
        return with([&](Spec& s) { s.precision = p; });
    }

private:
    template <class F>
    constexpr Formatted with(F f) const {
        Formatted c = *this;
        f(c.spec);
        return c;
    }
};

template <class T>
concept Integer = std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, char> &&
                  !std::same_as<T, char8_t> && !std::same_as<T, char16_t> &&
                  !std::same_as<T, char32_t> && !std::same_as<T, wchar_t>;

// fmt(v): v with default options, ready for width(), fill(), ...
template <class T>
constexpr Formatted<T> fmt(T v) {
    return {v, {}};
}
constexpr Formatted<Str> fmt(const char* s) { return {Str(s), {}}; }

// Integers in a base. Negative values print as a sign and a magnitude
// (hex(-42) is "-2a", as in std::format); cast to an unsigned type for
// the two's complement bits.
template <Integer T>
constexpr Formatted<T> dec(T v) {
    return {v, {}};
}
template <Integer T>
constexpr Formatted<T> hex(T v) {
    return {v, {.base = 16}};
}
template <Integer T>
constexpr Formatted<T> oct(T v) {
    return {v, {.base = 8}};
}
template <Integer T>
constexpr Formatted<T> bin(T v) {
    return {v, {.base = 2}};
}

// Floating point with `decimals` digits after the point, correctly rounded
// (ties to even, on the exact binary value, as glibc's printf("%.*f")).
constexpr Formatted<double> fixed(double v, int decimals) {
    return {v, {.precision = decimals, .style = FloatStyle::fixed}};
}
// d.ddde+XX with `decimals` digits after the point, as printf("%.*e").
constexpr Formatted<double> sci(double v, int decimals) {
    return {v, {.precision = decimals, .style = FloatStyle::scientific}};
}

// ---------------------------------------------------------------------------
// Conversions into memory.

// The longest text format_dec and format_base produce.
inline constexpr std::size_t max_dec_chars = 20;  // "-9223372036854775808", "18446744073709551615"
inline constexpr std::size_t max_base_chars = 64; // 64 binary digits

// Writes the decimal digits of v at out (room for max_dec_chars) and
// returns how many. No terminating NUL.
std::size_t format_dec(char* out, std::uint64_t v);
std::size_t format_dec(char* out, std::int64_t v);
// The same, faster, for callers with dec_scratch_chars bytes of room: the
// bytes past the returned count are scratch (whole-word stores).
inline constexpr std::size_t dec_scratch_chars = 25;
std::size_t format_dec_wide(char* out, std::uint64_t v);
std::size_t format_dec_wide(char* out, std::int64_t v);
// The digits of v in base 2, 8, 10 or 16, without sign or prefix.
std::size_t format_base(char* out, std::uint64_t v, unsigned base, bool upper = false);

// The decimal digits of a floating-point value: value = 0.d1d2...dn * 10^exp10,
// with digits beyond n all zero (not stored). Produced by float_digits.
struct FloatDigits {
    enum class Kind : std::uint8_t { finite, infinity, nan };
    Kind kind = Kind::finite;
    bool negative = false; // the sign bit: true for -0.0 and -nan too
    int count = 0;         // digits stored; 0 for a zero result
    int exp10 = 0;
};

// Room float_digits needs: a double's exact decimal expansion has at most
// 767 significant digits; rounding can add one.
inline constexpr std::size_t max_float_digits = 800;

// Digits of v (a double, or a float when is_float) for `style`:
//   shortest:   the fewest digits that read back as exactly v (of several,
//               the closest to v); `precision` is ignored;
//   fixed:      rounded at 10^-precision;
//   scientific: rounded to precision + 1 significant digits.
// Rounding is to nearest, ties to even, on the exact binary value.
// `digits` needs max_float_digits bytes.
FloatDigits float_digits(double v, FloatStyle style, int precision, char* digits,
                         bool is_float = false);

// ---------------------------------------------------------------------------
// Text to integers.

// Parses all of `text` as an integer in `base` (2..36): an optional sign
// ('-' only for signed types), then at least one digit; nothing else, no
// spaces. Errors: err::INVAL for anything else, err::RANGE when the value
// does not fit in T.
Result<std::uint64_t> parse_u64(Str text, unsigned base, std::uint64_t max);
Result<std::int64_t> parse_i64(Str text, unsigned base, std::int64_t min, std::int64_t max);

// Parses all of `text` as a double, as parse_int does for integers:
// err::INVAL unless the whole text is one number in strtod's syntax
// without leading spaces (decimal or hexadecimal, "inf", "nan"),
// err::RANGE when it overflows or underflows. Correctly rounded, by the
// same engine as strtod (ring3/parse_float.hpp).
inline Result<double> parse_double(Str text) {
    ParsedFloat<double> r = parse_float<double>(text.begin(), text.size());
    if (text.empty() || r.length != text.size()) return Error{err::INVAL};
    if (r.out_of_range) return Error{err::RANGE};
    return r.value;
}

template <Integer T>
Result<T> parse_int(Str text, unsigned base = 10) {
    if constexpr (std::is_signed_v<T>) {
        auto r =
            parse_i64(text, base, std::numeric_limits<T>::min(), std::numeric_limits<T>::max());
        if (!r) return Error{r.error()};
        return static_cast<T>(*r);
    } else {
        auto r = parse_u64(text, base, std::numeric_limits<T>::max());
        if (!r) return Error{r.error()};
        return static_cast<T>(*r);
    }
}

} // namespace ring3
