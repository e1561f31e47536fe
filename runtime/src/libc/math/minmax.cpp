// fmin, fmax, fdim (C11 7.12.12): a NaN argument loses to a number.
#include "math_internal.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

namespace {

template <typename T>
T min_of(T x, T y) {
    if (is_nan(x) || is_nan(y)) return is_nan(x) ? (is_nan(y) ? x + y : y) : x;
    return x <= y ? x : y; // equal: x, so fmin(+0, -0) is +0 as in glibc
}
template <typename T>
T max_of(T x, T y) {
    if (is_nan(x) || is_nan(y)) return is_nan(x) ? (is_nan(y) ? x + y : y) : x;
    return x >= y ? x : y;
}
// The positive difference; ERANGE when finite arguments overflow, as
// glibc's wrapper does.
template <typename T>
T dim_of(T x, T y) {
    if (is_nan(x) || is_nan(y)) return x + y;
    if (x <= y) return T(0);
    T r = x - y;
    if (!__builtin_isfinite(r) && __builtin_isfinite(x) && __builtin_isfinite(y)) set_errno(erange);
    return r;
}

} // namespace

double fmin(double x, double y) { return min_of(x, y); }
float fminf(float x, float y) { return min_of(x, y); }
long double fminl(long double x, long double y) { return min_of(x, y); }
double fmax(double x, double y) { return max_of(x, y); }
float fmaxf(float x, float y) { return max_of(x, y); }
// glibc's fmaxl returns y for equal arguments (fmaxl(+0, -0) is -0),
// unlike its fmax and fmaxf.
long double fmaxl(long double x, long double y) {
    if (x == y) return y;
    return max_of(x, y);
}
double fdim(double x, double y) { return dim_of(x, y); }
float fdimf(float x, float y) { return dim_of(x, y); }
long double fdiml(long double x, long double y) { return dim_of(x, y); }

} // namespace ring3::math
