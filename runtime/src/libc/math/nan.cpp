// nan("tag"): a quiet NaN whose payload is the tag read as an unsigned
// integer in C's base-0 syntax (decimal, 0x hex, 0 octal), as glibc's
// strtod reads "NAN(tag)"; a tag that is not such a number gives the
// default payload.
#include "math_internal.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

namespace {

u64 payload(const char* tag) {
    const char* p = tag;
    unsigned base = 10;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && p[2] != '\0') {
        base = 16;
        p += 2;
    } else if (p[0] == '0') {
        base = 8;
    }
    u64 value = 0;
    bool overflow = false;
    if (*p == '\0') return 0;
    for (; *p != '\0'; ++p) {
        unsigned digit = 0;
        if (*p >= '0' && *p <= '9')
            digit = static_cast<unsigned>(*p - '0');
        else if (*p >= 'a' && *p <= 'f')
            digit = static_cast<unsigned>(*p - 'a' + 10);
        else if (*p >= 'A' && *p <= 'F')
            digit = static_cast<unsigned>(*p - 'A' + 10);
        else
            return 0;
        if (digit >= base) return 0;
        if (value > (~0ULL - digit) / base) overflow = true; // strtoull saturates at ULLONG_MAX
        value = value * base + digit;
    }
    return overflow ? ~0ULL : value;
}

} // namespace

double nan(const char* tag) {
    return from_bits(exp_mask | (1ULL << 51) | (payload(tag) & frac_mask));
}
float nanf(const char* tag) {
    return from_bits(static_cast<u32>(exp_mask_f | (1U << 22) | (payload(tag) & frac_mask_f)));
}
long double nanl(const char* tag) {
    return from_ext(Extended{(3ULL << 62) | (payload(tag) & ((1ULL << 62) - 1)), 0x7fff});
}

} // namespace ring3::math
