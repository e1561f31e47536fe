// atan, atan2, asin, acos through the x87's FPATAN (atan(y/x) in the
// quadrant of (x, y), with C's special cases for zeros and infinities),
// in 80-bit precision, rounded once.
#include "extended.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

namespace {

template <typename T>
T atan_of(T x) {
    if (__builtin_isnan(x)) return x + x;
    if (x == 0) return x;
    return static_cast<T>(x87_atan2(x, 1.0L));
}

// glibc sets ERANGE when atan2's result underflows to zero or below the
// normal range from nonzero y.
template <typename T>
T atan2_of(T y, T x) {
    if (__builtin_isnan(x) || __builtin_isnan(y)) return x + y;
    T r = static_cast<T>(x87_atan2(y, x));
    if (r == 0 && y != 0 && __builtin_isfinite(x)) set_errno(erange);
    return r;
}

// sqrt(1 - x^2) as sqrt((1 - x)(1 + x)): no cancellation near |x| = 1.
long double cosine_of_asin(long double x) { return x87_sqrt((1 - x) * (1 + x)); }

template <typename T>
T asin_of(T x) {
    if (__builtin_isnan(x)) return x + x;
    if (x > 1 || x < -1) {
        set_errno(edom);
        return invalid(x, T(0));
    }
    if (x == 0) return x;
    return static_cast<T>(x87_atan2(x, cosine_of_asin(x)));
}

template <typename T>
T acos_of(T x) {
    if (__builtin_isnan(x)) return x + x;
    if (x > 1 || x < -1) {
        set_errno(edom);
        return invalid(x, T(0));
    }
    return static_cast<T>(x87_atan2(cosine_of_asin(x), x));
}

} // namespace

double atan(double x) { return atan_of(x); }
float atanf(float x) { return atan_of(x); }
double atan2(double y, double x) { return atan2_of(y, x); }
float atan2f(float y, float x) { return atan2_of(y, x); }
double asin(double x) { return asin_of(x); }
float asinf(float x) { return asin_of(x); }
double acos(double x) { return acos_of(x); }
float acosf(float x) { return acos_of(x); }

} // namespace ring3::math
