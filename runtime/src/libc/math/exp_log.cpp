// exp, exp2, expm1, log, log2, log10 and log1p.
//
// exp: e^x = 2^k e^r with k = round(x / ln 2) and r = x - k ln 2
// computed exactly enough by Cody and Waite's split of ln 2 (ln2_hi has
// 48 bits, so k * ln2_hi and the subtraction are exact); e^r = 1 +
// (2^(r/ln 2) - 1) by the x87's F2XM1, which is accurate for |r/ln 2| <=
// 1/2 (Intel SDM vol. 2, F2XM1). The logarithms use FYL2X (y log2 x) and,
// near 1, FYL2XP1 (y log2(1 + x)), which keeps x - 1 exact.
#include "extended.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

long double detail::exp_core(long double x) {
    long double k = x87_rndint(x * log2_e);
    long double r = (x - k * ln2_hi) - k * ln2_lo;
    return x87_scale(x87_2xm1(r * log2_e) + 1, k);
}

long double detail::exp2_core(long double x) {
    long double k = x87_rndint(x);
    return x87_scale(x87_2xm1(x - k) + 1, k);
}

long double detail::expm1_core(long double x) {
    if (x > -0.34L && x < 0.34L) return x87_2xm1(x * log2_e);
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
// `y` is the factor: ln 2, 1 (log2) or log10(2).
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
    long double v = x;
    if (v > 0.75L && v < 1.25L) return static_cast<T>(x87_yl2xp1(y, v - 1));
    return static_cast<T>(x87_yl2x(y, v));
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
double log(double x) { return log_of(x, ln2); }
float logf(float x) { return log_of(x, ln2); }
double log2(double x) { return log_of(x, 1.0L); }
float log2f(float x) { return log_of(x, 1.0L); }
double log10(double x) { return log_of(x, log10_2); }
float log10f(float x) { return log_of(x, log10_2); }
double log1p(double x) { return log1p_of(x); }
float log1pf(float x) { return log1p_of(x); }

} // namespace ring3::math
