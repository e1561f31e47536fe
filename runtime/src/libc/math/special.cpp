// erf, erfc, lgamma, tgamma, in 80-bit precision rounded once.
//
// erf by its series with positive terms, erf x = 2/sqrt(pi) e^(-x^2)
// sum 2^n x^(2n+1) / (1 3 ... (2n+1)) (Abramowitz and Stegun 7.1.6), which
// does not cancel; erfc for x >= 1.5 by the continued fraction
// erfc x = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))
// (A&S 7.1.14) evaluated by Lentz's method, below that 1 - erf x.
//
// lgamma: the Taylor series around 2 (coefficients (zeta(k) - 1)/k) for
// x in [1.5, 2.5], the recurrence lgamma(x) = lgamma(x - 1) + ln(x - 1)
// up to 10, Stirling's series above, and the reflection formula for
// x < 0. tgamma: the same pieces, with the exponent of Stirling's
// formula kept in two long doubles (it reaches 709).
#include "extended.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

namespace {

// e^(-x^2) with x^2 exact as two long doubles.
long double exp_minus_square(long double x) {
    Wide sq = two_prod(x, x);
    return exp_wide(-sq.hi, -sq.lo);
}

long double erf_series(long double x) { // |x| < 1.5 or so
    long double x2 = x * x;
    long double term = x, sum = x;
    for (int n = 1; n < 200; ++n) {
        term *= 2 * x2 / (2 * n + 1);
        sum += term;
        if (term < sum * 0x1p-66L) break;
    }
    return two_over_sqrt_pi * exp_minus_square(x) * sum;
}

long double erfc_fraction(long double x) { // x >= 1.5
    long double f = x, c = x, d = 0;
    for (int n = 1; n < 400; ++n) {
        long double a = n * 0.5L;
        d = 1 / (x + a * d);
        c = x + a / c;
        long double delta = c * d;
        f *= delta;
        if (__builtin_fabsl(delta - 1) < 0x1p-66L) break;
    }
    return one_over_sqrt_pi * exp_minus_square(x) / f;
}

// erfc of x >= 0.
long double erfc_positive(long double x) {
    if (x < 1.5L) return 1 - erf_series(x);
    return erfc_fraction(clamp(x, 100));
}

template <typename T>
T erf_of(T x) {
    if (__builtin_isnan(x) || x == 0) return x + x;
    if (__builtin_isinf(x)) return x > 0 ? 1 : -1;
    long double a = __builtin_fabsl(x);
    long double r = a < 1.5L ? erf_series(a) : 1 - erfc_positive(a);
    return round_result<T>(x < 0 ? -r : r);
}

template <typename T>
T erfc_of(T x) {
    if (__builtin_isnan(x)) return x + x;
    if (__builtin_isinf(x)) return x > 0 ? 0 : 2;
    long double r = x >= 0 ? erfc_positive(x) : 2 - erfc_positive(-static_cast<long double>(x));
    return round_result<T>(r);
}

// lgamma(2 + e), |e| <= 1/2.
long double lgamma_near_2(long double e) {
    long double sum = 0;
    for (int k = 40; k >= 0; --k) sum = sum * e + lgamma2_series[k];
    return sum * e;
}

// Stirling's series without its leading terms: sum B_2k / (2k(2k-1) x^(2k-1)).
long double stirling_tail(long double x) {
    long double inv = 1 / x, inv2 = inv * inv, sum = 0;
    for (int k = 13; k >= 0; --k) sum = sum * inv2 + stirling_series[k];
    return sum * inv;
}

// lgamma of x > 0.
long double lgamma_positive(long double x) {
    if (x >= 10) return (x - 0.5L) * log_core(x) - x + ln_sqrt_2pi + stirling_tail(x);
    if (x < 1.5L) {
        // lgamma(x) = lgamma(x + 1) - ln x; below 0.5 once more.
        if (x >= 0.5L) return lgamma_near_2(x - 1) - log1p_core(x - 1);
        return lgamma_near_2(x) - log1p_core(x) - log_core(x);
    }
    long double product = 1;
    while (x > 2.5L) {
        x -= 1;
        product *= x;
    }
    return lgamma_near_2(x - 2) + (product == 1 ? 0 : log_core(product));
}

// sin(pi x) for finite x, exact argument reduction modulo 2.
long double sin_pi(long double x) {
    long double r = x - 2 * x87_rndint(x / 2); // exact: r in [-1, 1]
    if (r > 0.5L)
        r = 1 - r;
    else if (r < -0.5L)
        r = -1 - r;
    return x87_sin(pi_ld * r);
}

template <typename T>
T lgamma_of(T x, int* sign) {
    *sign = 1;
    if (__builtin_isnan(x)) return x + x;
    if (__builtin_isinf(x)) return __builtin_fabsl(x);
    long double v = x;
    if (v <= 0 && v == x87_rndint(v)) { // a pole
        set_errno(erange);
        if (v == 0 && sign_of(static_cast<double>(x))) *sign = -1;
        return T(1) / T(0);
    }
    if (v > 0) return round_result<T>(lgamma_positive(v));
    // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x), and
    // Gamma(1 - x) = -x Gamma(-x), so
    // lgamma(x) = ln(pi / |x sin(pi x)|) - lgamma(-x).
    long double s = sin_pi(v);
    if (s < 0) // Gamma(x) = pi / (sin(pi x) Gamma(1 - x)), Gamma(1 - x) > 0
        *sign = -1;
    if (v > -0x1p-60L) return static_cast<T>(-log_core(-v)); // Gamma(x) ~ 1/x
    long double r = log_core(pi_ld / __builtin_fabsl(v * s)) - lgamma_positive(-v);
    return round_result<T>(r);
}

template <typename T>
T tgamma_of(T x) {
    if (__builtin_isnan(x)) return x + x;
    if (x == 0) {
        set_errno(erange);
        return T(1) / x;
    }
    if (__builtin_isinf(x)) {
        if (x > 0) return x;
        set_errno(edom);
        return invalid(x, T(0));
    }
    long double v = x;
    if (v < 0 && v == x87_rndint(v)) {
        set_errno(edom);
        return invalid(x, T(0));
    }
    if (v > 200) // beyond 171.63 it overflows double
        return round_result<T>(0x1p16000L);
    if (v < -200) {
        // |Gamma(x)| < 2^-1100 there: underflow, with the sign of
        // Gamma, which is that of sin(pi x).
        long double s = sin_pi(v);
        return round_result<T>(s < 0 ? -0x1p-16000L : 0x1p-16000L);
    }
    long double a = v > 0 ? v : 1 - v; // Gamma(a) for a > 0
    // Gamma(a) = Gamma(a + n) / (a (a + 1) ... (a + n - 1)), a + n >= 10.
    long double divisor = 1;
    while (a < 10) {
        divisor *= a;
        a += 1;
    }
    // Stirling: Gamma(a) = sqrt(2 pi) e^((a - 1/2) ln a - a + tail).
    // a (a double plus an integer) can have more bits than a double:
    // ln a = ln ah + ln(1 + al/ah) = ln ah + al/ah, to 2^-108.
    double ah = static_cast<double>(a);
    long double al = a - ah;
    Wide l = log_wide(ah);
    l.lo += al / ah;
    Wide z = two_prod(a - 0.5L, l.hi);
    long double zlo = z.lo + (a - 0.5L) * l.lo - a + ln_sqrt_2pi + stirling_tail(a);
    Wide e = two_sum(z.hi, zlo);
    long double g = exp_wide(e.hi, e.lo) / divisor;
    if (v > 0) return round_result<T>(g);
    return round_result<T>(pi_ld / (sin_pi(v) * g));
}

} // namespace

double erf(double x) { return erf_of(x); }
float erff(float x) { return erf_of(x); }
double erfc(double x) { return erfc_of(x); }
float erfcf(float x) { return erfc_of(x); }
double lgamma_r(double x, int* sign) { return lgamma_of(x, sign); }
float lgammaf_r(float x, int* sign) { return lgamma_of(x, sign); }
double tgamma(double x) { return tgamma_of(x); }
float tgammaf(float x) { return tgamma_of(x); }

} // namespace ring3::math
