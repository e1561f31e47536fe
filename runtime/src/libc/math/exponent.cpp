// The binary exponent: frexp, ldexp/scalbn/scalbln, ilogb, logb, and
// nextafter/nexttoward (one step in the representation). All exact up to
// the single rounding of a result that leaves the range.
#include "math_internal.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

namespace {

constexpr int int_min = -2147483647 - 1;
constexpr int int_max = 2147483647;

double pow2(int n) { return from_bits(static_cast<u64>(0x3ff + n) << 52); } // -1022 <= n <= 1023

// Scales in steps whose products are exact, so that only the last
// multiplication rounds. Below 2^-1022 the intermediate keeps 53 spare
// bits so a subnormal result is rounded once.
double scale(double x, long n) {
    if (n > 1023) {
        x *= pow2(1023);
        n -= 1023;
        if (n > 1023) {
            x *= pow2(1023);
            n -= 1023;
            if (n > 1023) n = 1023;
        }
    } else if (n < -1022) {
        x *= pow2(-1022) * pow2(53);
        n += 1022 - 53;
        if (n < -1022) {
            x *= pow2(-1022) * pow2(53);
            n += 1022 - 53;
            if (n < -1022) n = -1022;
        }
    }
    return x * pow2(static_cast<int>(n));
}

// A float times 2^n is exact in double for |n| <= 300; one rounding to float.
float scale(float x, long n) {
    if (n > 300) n = 300;
    if (n < -300) n = -300;
    return static_cast<float>(static_cast<double>(x) * pow2(static_cast<int>(n)));
}

long double scale(long double x, long n) {
    if (n > 40000) n = 40000;
    if (n < -40000) n = -40000;
    return x87_scale(x, static_cast<long double>(n));
}

// glibc's ldexp: ERANGE when a finite nonzero x overflows or becomes 0.
template <typename T>
T ldexp_of(T x, long n) {
    T r = scale(x, n);
    if (!__builtin_isnan(x) && __builtin_isfinite(x) && x != 0 &&
        (!__builtin_isfinite(r) || r == 0))
        set_errno(erange);
    return r;
}

template <typename T>
int ilogb_of(T x) {
    if (__builtin_isnan(x) || x == 0) {
        set_errno(edom);
        return int_min;
    }
    if (!__builtin_isfinite(x)) {
        set_errno(edom);
        return int_max;
    }
    int e = 0;
    frexp(static_cast<double>(x), &e); // float and double are exact in double
    return e - 1;
}

} // namespace

double frexp(double x, int* exp) {
    u64 b = bits(x);
    int biased = static_cast<int>((b >> 52) & 0x7ff);
    *exp = 0;
    if (biased == 0x7ff || (b << 1) == 0) return x + x;
    if (biased == 0) { // subnormal: normalise by 2^64 first
        x *= 0x1p64;
        b = bits(x);
        biased = static_cast<int>((b >> 52) & 0x7ff) - 64;
    }
    *exp = biased - 1022;
    return from_bits(static_cast<u64>((bits(x) & ~exp_mask) | (0x3feULL << 52)));
}
float frexpf(float x, int* exp) {
    if (is_nan(x) || is_inf(x) || x == 0) {
        *exp = 0;
        return x + x;
    }
    return static_cast<float>(frexp(static_cast<double>(x), exp));
}
long double frexpl(long double x, int* exp) {
    *exp = 0;
    if (__builtin_isnan(x) || !__builtin_isfinite(x) || x == 0) return x + x;
    Extended e = ext_bits(x);
    int biased = e.se & 0x7fff;
    if (biased == 0) { // denormal: the integer bit is clear
        int shift = __builtin_clzll(e.mant);
        e.mant <<= shift;
        biased = 1 - shift;
    }
    *exp = biased - 16382;
    e.se = static_cast<std::uint16_t>((e.se & 0x8000) | 16382);
    return from_ext(e);
}

// glibc's scalbn and scalbln set errno as ldexp does.
double scalbn(double x, int n) { return ldexp_of(x, n); }
float scalbnf(float x, int n) { return ldexp_of(x, n); }
long double scalbnl(long double x, int n) { return ldexp_of(x, n); }
double scalbln(double x, long n) { return ldexp_of(x, n); }
float scalblnf(float x, long n) { return ldexp_of(x, n); }
long double scalblnl(long double x, long n) { return ldexp_of(x, n); }
double ldexp(double x, int n) { return ldexp_of(x, n); }
float ldexpf(float x, int n) { return ldexp_of(x, n); }
long double ldexpl(long double x, int n) { return ldexp_of(x, n); }

int ilogb(double x) { return ilogb_of(x); }
int ilogbf(float x) { return ilogb_of(x); }
int ilogbl(long double x) {
    if (__builtin_isnan(x) || x == 0 || !__builtin_isfinite(x)) return ilogb_of(x);
    int e = 0;
    frexpl(x, &e);
    return e - 1;
}

// logb(0) is -inf with the divide-by-zero exception, as glibc computes it.
double logb(double x) {
    if (__builtin_isnan(x)) return x + x;
    if (x == 0) return -1.0 / fabs(x);
    if (!__builtin_isfinite(x)) return fabs(x);
    int e = 0;
    frexp(x, &e);
    return e - 1;
}
float logbf(float x) {
    if (__builtin_isnan(x)) return x + x;
    return static_cast<float>(logb(static_cast<double>(x)));
}
long double logbl(long double x) {
    if (__builtin_isnan(x)) return x + x;
    if (x == 0) return -1.0L / fabsl(x);
    if (!__builtin_isfinite(x)) return fabsl(x);
    int e = 0;
    frexpl(x, &e);
    return e - 1;
}

namespace {

// One step from x towards the direction `up`, in the representation.
// ERANGE when the step from a nonzero x overflows or lands below the
// normal range, as glibc's nextafter sets it.
double step(double x, bool up) {
    u64 b = bits(x);
    if (x == 0)
        b = (up ? 0 : sign_bit) | 1;
    else if ((x > 0) == up)
        ++b;
    else
        --b;
    double r = from_bits(b);
    u64 e = b & exp_mask;
    if ((e == exp_mask || e == 0) && x != 0) set_errno(erange);
    return r;
}
float step(float x, bool up) {
    u32 b = bits(x);
    if (x == 0)
        b = (up ? 0 : sign_bit_f) | 1;
    else if ((x > 0) == up)
        ++b;
    else
        --b;
    u32 e = b & exp_mask_f;
    if ((e == exp_mask_f || e == 0) && x != 0) set_errno(erange);
    return from_bits(b);
}

} // namespace

double nextafter(double x, double y) {
    if (__builtin_isnan(x) || __builtin_isnan(y)) return x + y;
    if (x == y) return y;
    return step(x, y > x);
}
float nextafterf(float x, float y) {
    if (__builtin_isnan(x) || __builtin_isnan(y)) return x + y;
    if (x == y) return y;
    return step(x, y > x);
}
double nexttoward(double x, long double y) {
    if (__builtin_isnan(x) || __builtin_isnan(y)) return static_cast<double>(x + y);
    if (static_cast<long double>(x) == y) return static_cast<double>(y);
    return step(x, y > x);
}
float nexttowardf(float x, long double y) {
    if (__builtin_isnan(x) || __builtin_isnan(y)) return static_cast<float>(x + y);
    if (static_cast<long double>(x) == y) return static_cast<float>(y);
    return step(x, y > x);
}

long double nextafterl(long double x, long double y) {
    if (__builtin_isnan(x) || __builtin_isnan(y)) return x + y;
    if (x == y) return y;
    Extended e = ext_bits(x);
    bool away = (x > 0) == (y > x); // away from zero
    if (x == 0) {
        e = Extended{1, static_cast<std::uint16_t>(y > x ? 0 : 0x8000)};
    } else if (away) {
        if (e.mant == ~0ULL) {
            e.mant = 1ULL << 63;
            e.se = static_cast<std::uint16_t>(e.se + 1);
        } else {
            ++e.mant;
            if (e.mant == (1ULL << 63) && (e.se & 0x7fff) == 0) // denormal to normal
                e.se = static_cast<std::uint16_t>(e.se + 1);
        }
    } else {
        if (e.mant == (1ULL << 63) && (e.se & 0x7fff) > 1) {
            e.mant = ~0ULL;
            e.se = static_cast<std::uint16_t>(e.se - 1);
        } else {
            --e.mant;
            if ((e.se & 0x7fff) == 1 && e.mant < (1ULL << 63)) // normal to denormal
                e.se = static_cast<std::uint16_t>(e.se - 1);
        }
    }
    int biased = e.se & 0x7fff;
    if ((biased == 0x7fff || biased == 0) && x != 0) set_errno(erange);
    return from_ext(e);
}
long double nexttowardl(long double x, long double y) { return nextafterl(x, y); }

} // namespace ring3::math
