// sqrt: the SSE2 and x87 square-root instructions are correctly rounded
// (IEEE 754 5.4.1), so sqrt is one instruction plus glibc's errno: EDOM
// for an argument below -0.
#include "math_internal.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

double sqrt(double x) {
    if (x < 0) set_errno(edom);
    asm("sqrtsd %0, %0" : "+x"(x));
    return x;
}
float sqrtf(float x) {
    if (x < 0) set_errno(edom);
    asm("sqrtss %0, %0" : "+x"(x));
    return x;
}
long double sqrtl(long double x) {
    if (x < 0) set_errno(edom);
    return x87_sqrt(x);
}

} // namespace ring3::math

// hypot and cbrt, in 80-bit precision: its 15-bit exponent holds the
// squares of any double without overflow or underflow.
#include "extended.hpp"

namespace ring3::math {
using namespace detail;

namespace {

// hypot(+-inf, y) is +inf even for a NaN y (C11 F.10.4.3).
template <typename T>
T hypot_of(T x, T y) {
    if (__builtin_isinf(x) || __builtin_isinf(y)) return T(__builtin_inf());
    if (__builtin_isnan(x) || __builtin_isnan(y)) return x + y;
    long double a = x, b = y;
    return round_result<T>(x87_sqrt(a * a + b * b));
}

// cbrt: 2^(log2|x| / 3) to about 2^-55, then one Newton step in 80 bits
// (which squares the relative error).
template <typename T>
T cbrt_of(T x) {
    if (__builtin_isnan(x) || x == 0 || !__builtin_isfinite(x)) return x + x;
    long double a = fabsl(x);
    long double r = exp2_core(x87_yl2x(1.0L / 3, a));
    r -= (r - a / (r * r)) / 3;
    return static_cast<T>(sign_of(static_cast<double>(x)) ? -r : r);
}

} // namespace

double hypot(double x, double y) { return hypot_of(x, y); }
float hypotf(float x, float y) { return hypot_of(x, y); }
double cbrt(double x) { return cbrt_of(x); }
float cbrtf(float x) { return cbrt_of(x); }

} // namespace ring3::math
