// exp, exp2, expm1, log, log2, log10 and log1p.
//
// exp: a table of 2^(j/32) and a short series (exp_wide below). log,
// log2 and log10 of a double or float: pow's table-driven ln x to 2^-75
// (log_wide), times 1, log2(e) or log10(e). The 80-bit cores for long
// double arguments (log_core, log1p_core) use the x87's FYL2X (y log2 x)
// and, near 1, FYL2XP1 (y log2(1 + x)), which keeps x - 1 exact; they
// are slow on current CPUs (microcoded), so only the rarer functions use
// them.
#include "extended.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

namespace {

// e^r - 1 for |r| <= ln 2 / 64 (and a little beyond): Taylor to r^8,
// whose remainder is below 2^-75 relative there.
// 1/(i+1)!, i = 0..n-1: e^r - 1 = r sum c[i] r^i.
constexpr Poly expm1_taylor(int n) {
    Poly p{};
    p.n = n;
    for (int i = 0; i < n; ++i) p.c[i] = inv_factorial[i + 1];
    return p;
}
constexpr Poly expm1_8 = expm1_taylor(8);
constexpr Poly expm1_18 = expm1_taylor(18);

long double expm1_small(long double r) { return r * eval(expm1_8, r); }

// 2^n for |n| < 16383, as the 80-bit bit pattern.
long double pow2_ld(long long n) {
    if (n >= -1022 && n <= 1023) // a double: an 8-byte load, which a store forwards
        return from_bits(static_cast<u64>(n + 1023) << 52);
    return from_ext(Extended{1ULL << 63, static_cast<std::uint16_t>(16383 + n)});
}

// 2^(k/32) (1 + p) for the reduced e^r - 1 = p.
long double scale_by_table(long long k, long double p) {
    const Exp2Entry& t = exp2_32[k & 31];
    return (t.hi + (t.hi * p + t.lo)) * pow2_ld(k >> 5); // k >> 5 rounds down, as k & 31 needs
}

} // namespace

// e^(hi + lo) = 2^(k/32) e^r with k = round(32 hi / ln 2) and r = hi - k
// ln 2 / 32 + lo, computed exactly enough by Cody and Waite's split of
// ln 2 / 32 (ln2_32_hi has 44 bits: k ln2_32_hi and the subtraction are
// exact); 2^(k/32) from the table, e^r by its series.
long double detail::exp_wide(long double hi, long double lo) {
    long long k = 0;
    long double kf = round_nearest(hi * inv_ln2_32, k);
    long double r = ((hi - kf * ln2_32_hi) - kf * ln2_32_lo) + lo;
    return scale_by_table(k, expm1_small(r));
}

long double detail::exp_core(long double x) { return exp_wide(x, 0); }

long double detail::exp2_core(long double x) {
    long long k = 0;
    long double kf = round_nearest(x * 32, k);
    long double f = x - kf / 32; // exact, |f| <= 1/64
    return scale_by_table(k, expm1_small(f * ln2));
}

long double detail::expm1_core(long double x) {
    if (x > -0.34L && x < 0.34L) // Taylor to x^18: below 2^-66 relative
        return x * eval(expm1_18, x);
    return exp_core(x) - 1;
}

long double detail::log_core(long double x) {
    if (x > 0.75L && x < 1.25L) return x87_yl2xp1(ln2, x - 1); // x - 1 is exact here (Sterbenz)
    return x87_yl2x(ln2, x);
}

long double detail::log1p_core(long double x) {
    if (x > -0.29L && x < 0.29L) return x87_yl2xp1(ln2, x);
    return x87_yl2x(ln2, 1 + x); // 1 + x is exact for a double or float x here
}

namespace {

template <typename T>
T exp_of(T x) {
    if (__builtin_isnan(x)) return x + x;
    if (__builtin_isinf(x)) return x > 0 ? x : 0;
    return round_result<T>(exp_core(clamp(x, 11000)), Underflow::below_subnormal);
}

template <typename T>
T exp2_of(T x) {
    if (__builtin_isnan(x)) return x + x;
    if (__builtin_isinf(x)) return x > 0 ? x : 0;
    return round_result<T>(exp2_core(clamp(x, 11000)), Underflow::below_subnormal);
}

template <typename T>
T expm1_of(T x) {
    if (__builtin_isnan(x)) return x + x;
    if (x == 0) return x; // keeps -0
    if (__builtin_isinf(x)) return x > 0 ? x : -1;
    return round_result<T>(expm1_core(clamp(x, 11000)));
}

// The logarithms' special cases (C11 F.10.3, glibc's errno): log(+-0) is
// -inf with ERANGE, a negative argument NaN with EDOM, log(+inf) +inf.
// `y` is the factor: 1, log2(e) or log10(e).
template <typename T>
T log_of(T x, long double y) {
    if (__builtin_isnan(x)) return x + x;
    if (x == 0) {
        set_errno(erange);
        return -1 / fabs(static_cast<double>(x));
    }
    if (x < 0) {
        set_errno(edom);
        return invalid(x, T(0));
    }
    if (!__builtin_isfinite(x)) return x;
    Wide l = log_wide(x);
    return static_cast<T>((l.hi + l.lo) * y);
}

template <typename T>
T log1p_of(T x) {
    if (__builtin_isnan(x)) return x + x;
    if (x == -1) {
        set_errno(erange);
        return -1 / T(0);
    }
    if (x < -1) {
        set_errno(edom);
        return invalid(x, T(0));
    }
    if (!__builtin_isfinite(x) || x == 0) return x;
    return static_cast<T>(log1p_core(x));
}

} // namespace

double exp(double x) { return exp_of(x); }
float expf(float x) { return exp_of(x); }
double exp2(double x) { return exp2_of(x); }
float exp2f(float x) { return exp2_of(x); }
double expm1(double x) { return expm1_of(x); }
float expm1f(float x) { return expm1_of(x); }
double log(double x) { return log_of(x, 1.0L); }
float logf(float x) { return log_of(x, 1.0L); }
double log2(double x) { return log_of(x, log2_e); }
float log2f(float x) { return log_of(x, log2_e); }
double log10(double x) { return log_of(x, log10_e); }
float log10f(float x) { return log_of(x, log10_e); }
double log1p(double x) { return log1p_of(x); }
float log1pf(float x) { return log1p_of(x); }

} // namespace ring3::math
