// Rounding to an integer value: floor, ceil, trunc, round (halfway away
// from zero), rint and nearbyint (the current rounding mode), modf, and
// the conversions to long / long long. All exact: they clear or carry
// into bits of the representation.
#include "math_internal.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

namespace {

template <typename T>
int unbiased_exponent(T x) {
    using L = Layout<T>;
    return static_cast<int>((bits(x) >> L::mant) & ((1U << (8 * sizeof(T) - 1 - L::mant)) - 1)) -
           L::bias;
}

// Whether x is NaN, infinite or so large that it has no fraction bits.
template <typename T>
bool no_fraction(T x) {
    return unbiased_exponent(x) >= Layout<T>::mant;
}

template <typename T>
T trunc_of(T x) {
    using L = Layout<T>;
    using U = typename L::U;
    if (no_fraction(x)) return __builtin_isnan(x) ? x + x : x; // quiets a NaN, keeps the rest
    int e = unbiased_exponent(x);
    if (e < 0) return from_bits(static_cast<U>(bits(x) & L::sign));
    U fraction = (static_cast<U>(1) << (L::mant - e)) - 1;
    return from_bits(static_cast<U>(bits(x) & ~fraction));
}

template <typename T>
T floor_of(T x) {
    T t = trunc_of(x);
    if (t > x) // only for negative x with a fraction; exact below 2^mant
        return t - 1;
    return t;
}

template <typename T>
T ceil_of(T x) {
    T t = trunc_of(x);
    if (t < x) return t + 1;
    return t;
}

template <typename T>
T round_of(T x) {
    using L = Layout<T>;
    using U = typename L::U;
    if (no_fraction(x)) return __builtin_isnan(x) ? x + x : x;
    int e = unbiased_exponent(x);
    U b = bits(x);
    if (e < -1) return from_bits(static_cast<U>(b & L::sign));
    if (e == -1) // 0.5 <= |x| < 1
        return from_bits(static_cast<U>((b & L::sign) | (static_cast<U>(L::bias) << L::mant)));
    U unit = static_cast<U>(1) << (L::mant - e);
    b += unit >> 1; // a carry out of the fraction bumps the exponent: still right
    return from_bits(static_cast<U>(b & ~(unit - 1)));
}

// Adding and subtracting 2^mant (with x's sign) leaves x rounded to an
// integer in the current rounding mode.
template <typename T>
T rint_of(T x) {
    using L = Layout<T>;
    using U = typename L::U;
    if (no_fraction(x)) return __builtin_isnan(x) ? x + x : x;
    T shift = from_bits(
        static_cast<U>((bits(x) & L::sign) | (static_cast<U>(L::bias + L::mant) << L::mant)));
    T r = opaque(x + shift) - shift;
    return from_bits(static_cast<U>((bits(r) & ~L::sign) | (bits(x) & L::sign)));
}

// nearbyint raises no inexact exception: the MXCSR flags are put back.
template <typename T>
T nearbyint_of(T x) {
    unsigned csr = 0;
    asm volatile("stmxcsr %0" : "=m"(csr));
    T r = rint_of(x);
    asm volatile("ldmxcsr %0" : : "m"(csr));
    return r;
}

// The x86 conversions give 0x8000000000000000 (the "integer indefinite")
// for NaN and out-of-range values, which is what glibc returns.
long to_long_current_mode(double x) {
    long r = 0;
    asm("cvtsd2si %1, %0" : "=r"(r) : "x"(x));
    return r;
}
long to_long_current_mode(float x) {
    long r = 0;
    asm("cvtss2si %1, %0" : "=r"(r) : "x"(x));
    return r;
}
long to_long_truncating(double x) {
    long r = 0;
    asm("cvttsd2si %1, %0" : "=r"(r) : "x"(x));
    return r;
}
long to_long_truncating(float x) {
    long r = 0;
    asm("cvttss2si %1, %0" : "=r"(r) : "x"(x));
    return r;
}

template <typename T>
T modf_of(T x, T* integral) {
    using L = Layout<T>;
    using U = typename L::U;
    T t = trunc_of(x);
    *integral = t;
    if (is_nan(x)) return x + x;
    if (is_inf(x)) return from_bits(static_cast<U>(bits(x) & L::sign));
    T f = x - t; // exact
    return from_bits(static_cast<U>((bits(f) & ~L::sign) | (bits(x) & L::sign)));
}

// long double: the same on the 80-bit layout, whose integer bit is explicit.
int ext_exponent(Extended e) { return (e.se & 0x7fff) - 16383; }

long double truncl_of(long double x) {
    Extended e = ext_bits(x);
    int ex = ext_exponent(e);
    if (ex >= 63) return __builtin_isnan(x) ? x + x : x;
    if (ex < 0) return from_ext(Extended{0, static_cast<std::uint16_t>(e.se & 0x8000)});
    e.mant &= ~(~0ULL >> (ex + 1));
    return from_ext(e);
}

long double roundl_of(long double x) {
    Extended e = ext_bits(x);
    int ex = ext_exponent(e);
    if (ex >= 63) return __builtin_isnan(x) ? x + x : x;
    if (ex < -1) return from_ext(Extended{0, static_cast<std::uint16_t>(e.se & 0x8000)});
    if (ex == -1)
        return from_ext(Extended{1ULL << 63, static_cast<std::uint16_t>((e.se & 0x8000) | 16383)});
    u64 fraction = ~0ULL >> (ex + 1);
    u64 m = e.mant + (1ULL << (62 - ex));
    if (m < e.mant) { // carried out of the 64 bits: the next power of two
        e.mant = 1ULL << 63;
        e.se = static_cast<std::uint16_t>(e.se + 1);
    } else {
        e.mant = m & ~fraction;
    }
    return from_ext(e);
}

} // namespace

double trunc(double x) { return trunc_of(x); }
float truncf(float x) { return trunc_of(x); }
long double truncl(long double x) { return truncl_of(x); }
double floor(double x) { return floor_of(x); }
float floorf(float x) { return floor_of(x); }
long double floorl(long double x) {
    long double t = truncl_of(x);
    return t > x ? t - 1 : t;
}
double ceil(double x) { return ceil_of(x); }
float ceilf(float x) { return ceil_of(x); }
long double ceill(long double x) {
    long double t = truncl_of(x);
    return t < x ? t + 1 : t;
}
double round(double x) { return round_of(x); }
float roundf(float x) { return round_of(x); }
long double roundl(long double x) { return roundl_of(x); }
double rint(double x) { return rint_of(x); }
float rintf(float x) { return rint_of(x); }
long double rintl(long double x) { return x87_rndint(x); }
double nearbyint(double x) { return nearbyint_of(x); }
float nearbyintf(float x) { return nearbyint_of(x); }
long double nearbyintl(long double x) {
    // frndint raises precision (inexact); fnclex-free: save and restore
    // the x87 status through its environment.
    char env[28];
    asm volatile("fnstenv %0" : "=m"(env));
    long double r = x87_rndint(x);
    asm volatile("fldenv %0" : : "m"(env));
    return r;
}

long lround(double x) { return to_long_truncating(round_of(x)); }
long lroundf(float x) { return to_long_truncating(round_of(x)); }
long long llround(double x) { return to_long_truncating(round_of(x)); }
long long llroundf(float x) { return to_long_truncating(round_of(x)); }
long lrint(double x) { return to_long_current_mode(x); }
long lrintf(float x) { return to_long_current_mode(x); }
long long llrint(double x) { return to_long_current_mode(x); }
long long llrintf(float x) { return to_long_current_mode(x); }
long lrintl(long double x) {
    long long r = 0;
    asm("fistpll %0" : "=m"(r) : "t"(x) : "st");
    return r;
}
long long llrintl(long double x) { return lrintl(x); }
long lroundl(long double x) { return lrintl(roundl_of(x)); }
long long llroundl(long double x) { return lrintl(roundl_of(x)); }

double modf(double x, double* integral) { return modf_of(x, integral); }
float modff(float x, float* integral) { return modf_of(x, integral); }
long double modfl(long double x, long double* integral) {
    long double t = truncl_of(x);
    *integral = t;
    if (__builtin_isnan(x)) return x + x;
    if (t == x) return copysignl(0.0L, x);
    return copysignl(x - t, x);
}

} // namespace ring3::math
