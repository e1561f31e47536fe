// sinh, cosh, tanh, asinh, acosh, atanh, in 80-bit precision from the
// exponential and logarithm cores (extended.hpp), rounded once. Written
// so that nothing cancels: sinh from e^|x| - 1, the inverse functions
// from ln(1 + u) with u computed directly.
#include "extended.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

namespace {

template <typename T>
T sinh_of(T x) {
    if (__builtin_isnan(x) || x == 0 || !__builtin_isfinite(x)) return x + x;
    long double ax = clamp(fabsl(x), 11000);
    long double em1 = expm1_core(ax);
    long double r = (em1 + em1 / (em1 + 1)) / 2; // (e^a - e^-a) / 2
    return round_result<T>(sign_of(static_cast<double>(x)) ? -r : r);
}

template <typename T>
T cosh_of(T x) {
    if (__builtin_isnan(x)) return x + x;
    if (!__builtin_isfinite(x)) return fabs(static_cast<double>(x));
    long double ax = clamp(fabsl(x), 11000);
    long double e = exp_core(ax);
    return round_result<T>((e + 1 / e) / 2);
}

template <typename T>
T tanh_of(T x) {
    if (__builtin_isnan(x) || x == 0) return x + x;
    long double ax = clamp(fabsl(x), 100); // tanh(100) is 1 in every format
    long double em1 = expm1_core(2 * ax);
    long double r = em1 / (em1 + 2);
    return static_cast<T>(sign_of(static_cast<double>(x)) ? -r : r);
}

template <typename T>
T asinh_of(T x) {
    if (__builtin_isnan(x) || x == 0 || !__builtin_isfinite(x)) return x + x;
    long double ax = fabsl(x);
    long double r = 0;
    if (ax > 0x1p32L) {
        r = log_core(ax) + ln2; // sqrt(x^2 + 1) is x to 2^-64
    } else {
        // asinh a = ln(1 + a + a^2 / (1 + sqrt(1 + a^2))).
        long double a2 = ax * ax;
        r = log1p_core(ax + a2 / (1 + x87_sqrt(1 + a2)));
    }
    return static_cast<T>(sign_of(static_cast<double>(x)) ? -r : r);
}

template <typename T>
T acosh_of(T x) {
    if (__builtin_isnan(x)) return x + x;
    if (x < 1) {
        set_errno(edom);
        return invalid(x, T(0));
    }
    if (!__builtin_isfinite(x)) return x;
    long double v = x;
    if (v > 0x1p32L) return static_cast<T>(log_core(v) + ln2);
    // acosh x = ln(1 + u), u = (x - 1) + sqrt((x - 1)(x + 1)); x - 1 exact.
    long double d = v - 1;
    return static_cast<T>(log1p_core(d + x87_sqrt(d * (v + 1))));
}

template <typename T>
T atanh_of(T x) {
    if (__builtin_isnan(x) || x == 0) return x + x;
    if (x > 1 || x < -1) {
        set_errno(edom);
        return invalid(x, T(0));
    }
    if (x == 1 || x == -1) {
        set_errno(erange);
        return x / T(0);
    }
    long double v = x;
    // atanh x = ln((1 + x) / (1 - x)) / 2. Near +-1 as (ln(1 + x) - ln(1 -
    // x)) / 2, both exact arguments: 2x / (1 - x) would carry its rounding
    // into 1 + 2x / (1 - x), which is tiny there. Elsewhere as
    // ln(1 + 2x / (1 - x)) / 2, which keeps small x accurate.
    if (v > 0.5L || v < -0.5L) return static_cast<T>((log1p_core(v) - log1p_core(-v)) / 2);
    return static_cast<T>(log1p_core(2 * v / (1 - v)) / 2);
}

} // namespace

double sinh(double x) { return sinh_of(x); }
float sinhf(float x) { return sinh_of(x); }
double cosh(double x) { return cosh_of(x); }
float coshf(float x) { return cosh_of(x); }
double tanh(double x) { return tanh_of(x); }
float tanhf(float x) { return tanh_of(x); }
double asinh(double x) { return asinh_of(x); }
float asinhf(float x) { return asinh_of(x); }
double acosh(double x) { return acosh_of(x); }
float acoshf(float x) { return acosh_of(x); }
double atanh(double x) { return atanh_of(x); }
float atanhf(float x) { return atanh_of(x); }

} // namespace ring3::math
