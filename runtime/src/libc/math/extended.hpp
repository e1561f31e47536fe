// The extended-precision cores of ring3's transcendental functions. Each
// computes in the x87's 80-bit format (64-bit significand) with an error
// of a few units in its last place, 2^-62 relative or better, so that
// the one rounding to double (or float) at the end gives a result within
// 0.5 + 2^-9 ulp: the double and float functions are wrappers that
// handle the special values and errno, call a core, and round once.
#pragma once

#include "math_internal.hpp"

namespace ring3::math::detail {

#include "tables.inc"

// e^x for |x| < 16000 (beyond: overflow to inf or 0 in the conversion
// to double, so callers clamp).
long double exp_core(long double x);
// 2^x, |x| < 16000.
long double exp2_core(long double x);
// e^x - 1, |x| < 16000.
long double expm1_core(long double x);
// ln x for finite x > 0.
long double log_core(long double x);
// ln(1 + x) for finite x > -1.
long double log1p_core(long double x);

// When glibc reports an underflow with ERANGE: when the result rounds to
// zero, or (its expf, exp2f and powf) when the exact result is below
// the smallest subnormal float, even if it rounds up to it.
enum class Underflow { to_zero, below_subnormal };

// A long double result rounded once to T, with glibc's ERANGE for a
// finite argument whose result overflows or underflows.
template <typename T>
T round_result(long double r, Underflow rule = Underflow::to_zero) {
    T v = static_cast<T>(r);
    if (!__builtin_isfinite(v) && __builtin_isfinite(r))
        set_errno(erange);
    else if (rule == Underflow::below_subnormal && sizeof(T) == sizeof(float)
                 ? (r != 0 && __builtin_fabsl(r) < 0x1p-149L)
                 : (v == 0 && r != 0))
        set_errno(erange);
    return v;
}

// Clamps x into [-lim, lim] (NaN passes through).
inline long double clamp(long double x, long double lim) {
    if (x > lim) return lim;
    if (x < -lim) return -lim;
    return x;
}

// Double-extended ("double long double") arithmetic: hi + lo with
// |lo| <= ulp(hi)/2, about 128 bits. Dekker's and Knuth's error-free
// transformations, in round-to-nearest.
struct Wide {
    long double hi;
    long double lo;
};
inline Wide two_sum(long double a, long double b) {
    long double s = a + b;
    long double bb = s - a;
    long double err = (a - (s - bb)) + (b - bb);
    return {s, err};
}
inline Wide fast_two_sum(long double a, long double b) { // |a| >= |b|
    long double s = a + b;
    return {s, b - (s - a)};
}
// Splits a 64-bit significand into two 32-bit halves (Veltkamp).
inline Wide split(long double a) {
    long double c = a * 0x1.00000002p32L; // 2^32 + 1
    long double hi = c - (c - a);
    return {hi, a - hi};
}
inline Wide two_prod(long double a, long double b) {
    long double p = a * b;
    Wide sa = split(a), sb = split(b);
    long double err = ((sa.hi * sb.hi - p) + sa.hi * sb.lo + sa.lo * sb.hi) + sa.lo * sb.lo;
    return {p, err};
}

// ln x for finite x > 0 given as a double (pow.cpp), to about 2^-75
// relative: what pow and tgamma need when y ln x reaches 745.
Wide log_wide(double x);
// e^(hi + lo) for |hi| < 11000, |lo| <= ulp(hi): hi's reduction is exact,
// lo joins the reduced argument (pow.cpp).
long double exp_wide(long double hi, long double lo);

// Polynomial coefficients, c[0] first.
struct Poly {
    long double c[20];
    int n;
};

// sum c[i] s^i by two independent Horner chains in s^2 (even and odd
// i): half the latency of one chain of the x87's dependent multiply-adds.
inline long double eval(const Poly& p, long double s) {
    long double s2 = s * s, even = 0, odd = 0;
    int top = p.n - 1;
    for (int i = top % 2 == 0 ? top : top - 1; i >= 0; i -= 2) even = even * s2 + p.c[i];
    for (int i = top % 2 == 1 ? top : top - 1; i >= 1; i -= 2) odd = odd * s2 + p.c[i];
    return even + s * odd;
}

} // namespace ring3::math::detail
