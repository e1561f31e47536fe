// strtol and its family (C17 7.22.1.4), atoi, atol, atoll: the prefix of
// the text that forms an integer in the base, after white space and an
// optional sign. Out of range: the nearest limit and errno ERANGE. No
// digits: 0, with *end the text itself. As glibc 2.36: base 16 (or 0)
// takes an "0x" prefix only when a hex digit follows ("0xg" reads as 0,
// ending at the x); an unsupported base is EINVAL.
#include "stdlib.hpp"

#include "../ctype/ctype.hpp"
#include "../errno/errno.hpp"

#include <climits>

namespace ring3::libc {
namespace {

constexpr int erange = 34, einval = 22;

int digit_value(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

// The magnitude, as an unsigned long long, its sign, and whether it
// overflowed that type; *end as C requires.
struct Parsed {
    unsigned long long magnitude = 0;
    bool negative = false;
    bool overflow = false;
};

Parsed parse(const char* text, char** end, int base) {
    Parsed r;
    const auto* p = reinterpret_cast<const unsigned char*>(text);
    if (base < 0 || base == 1 || base > 36) {
        set_errno(einval); // *end untouched, as glibc leaves it
        return r;
    }
    while (isspace(*p)) ++p;
    if (*p == '+' || *p == '-') r.negative = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 0x20) == 'x' &&
        digit_value(p[2]) < 16) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = p[0] == '0' ? 8 : 10;
    }
    const unsigned char* digits = p;
    unsigned long long v = 0;
    for (int d; (d = digit_value(*p)) < base; ++p) {
        if (__builtin_mul_overflow(v, static_cast<unsigned>(base), &v) ||
            __builtin_add_overflow(v, static_cast<unsigned>(d), &v))
            r.overflow = true;
    }
    if (p == digits) { // no digits: no conversion
        if (end) *end = const_cast<char*>(text);
        r.negative = false;
        return r;
    }
    if (end) *end = reinterpret_cast<char*>(const_cast<unsigned char*>(p));
    r.magnitude = v;
    return r;
}

template <class S>
S to_signed(const char* text, char** end, int base, S min, S max) {
    Parsed r = parse(text, end, base);
    auto limit = r.negative ? static_cast<unsigned long long>(max) + 1
                            : static_cast<unsigned long long>(max);
    if (r.overflow || r.magnitude > limit) {
        set_errno(erange);
        return r.negative ? min : max;
    }
    // -limit is representable: negate in unsigned arithmetic.
    return r.negative ? static_cast<S>(0 - r.magnitude) : static_cast<S>(r.magnitude);
}

// A '-' negates the value in the unsigned type ("-1" is the maximum), as C
// says; a magnitude beyond the type is ERANGE and the maximum, sign or not.
template <class U>
U to_unsigned(const char* text, char** end, int base, U max) {
    Parsed r = parse(text, end, base);
    if (r.overflow || r.magnitude > max) {
        set_errno(erange);
        return max;
    }
    auto v = static_cast<U>(r.magnitude);
    return r.negative ? static_cast<U>(0 - v) : v;
}

} // namespace

long strtol(const char* __restrict s, char** __restrict end, int base) noexcept {
    return to_signed<long>(s, end, base, LONG_MIN, LONG_MAX);
}
long long strtoll(const char* __restrict s, char** __restrict end, int base) noexcept {
    return to_signed<long long>(s, end, base, LLONG_MIN, LLONG_MAX);
}
std::intmax_t strtoimax(const char* __restrict s, char** __restrict end, int base) noexcept {
    return to_signed<std::intmax_t>(s, end, base, INTMAX_MIN, INTMAX_MAX);
}
unsigned long strtoul(const char* __restrict s, char** __restrict end, int base) noexcept {
    return to_unsigned<unsigned long>(s, end, base, ULONG_MAX);
}
unsigned long long strtoull(const char* __restrict s, char** __restrict end, int base) noexcept {
    return to_unsigned<unsigned long long>(s, end, base, ULLONG_MAX);
}
std::uintmax_t strtoumax(const char* __restrict s, char** __restrict end, int base) noexcept {
    return to_unsigned<std::uintmax_t>(s, end, base, UINTMAX_MAX);
}

// glibc's atoi is (int)strtol(s, NULL, 10): a value beyond int wraps.
int atoi(const char* s) noexcept { return static_cast<int>(strtol(s, nullptr, 10)); }
long atol(const char* s) noexcept { return strtol(s, nullptr, 10); }
long long atoll(const char* s) noexcept { return strtoll(s, nullptr, 10); }

} // namespace ring3::libc
