// pow(x, y) = e^(y ln x). y ln x must be known to about 2^-62 absolute
// for the result to be right to 2^-62 relative, and y ln x reaches 745,
// so ln x is computed to about 2^-75 relative, as a Wide (two long
// doubles): x = 2^e m with m in [sqrt(1/2), sqrt(2)); m r - 1 = t exactly
// for the table's r ~ 1/m (11 bits); ln m = -ln r + ln(1 + t), ln(1 + t)
// by its series (|t| < 2^-7.3, 12 terms), and e ln 2 in two pieces.
// Special cases as C11 F.10.4.4, errno as glibc.
#include "extended.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

namespace {
// ln(1 + t) - t = t^2 sum (-1)^(i+1) t^i / (i + 2), i = 0..10 (to t^12).
constexpr Poly log1p_tail_series() {
    Poly p{};
    p.n = 11;
    for (int i = 0; i < 11; ++i) p.c[i] = (i % 2 == 0 ? -1.0L : 1.0L) / (i + 2);
    return p;
}
constexpr Poly log1p_tail = log1p_tail_series();
} // namespace

Wide detail::log_wide(double x) {
    int e = 0;
    double m = frexp(x, &e); // m in [1/2, 1)
    if (m < 0.70710678118654752) {
        m *= 2;
        --e;
    }
    int i = static_cast<int>(round_to_long(m * 128));
    const LogEntry& entry = log_r[i - 90];
    long double t = static_cast<long double>(m) * entry.r - 1; // exact
    // ln(1 + t) - t = t^2 (-1/2 + t/3 - t^2/4 + ...), to t^12.
    long double rest = t * t * eval(log1p_tail, t);
    long double ek = e;
    Wide a = two_sum(ek * ln2_hi, entry.neg_ln_r_hi);
    Wide b = two_sum(a.hi, t);
    long double lo = a.lo + b.lo + (ek * ln2_lo + entry.neg_ln_r_lo + rest);
    return fast_two_sum(b.hi, lo);
}

namespace {

bool is_integer(double y) { return y == trunc(y); }
bool is_odd_integer(double y) {
    // Above 2^53 every double is even.
    return is_integer(y) && fabs(y) < 0x1p53 && (static_cast<long long>(y) & 1);
}

// |x|^y for finite x != 0 and finite y, rounded to T.
template <typename T>
T pow_positive(double ax, double y) {
    Wide l = log_wide(ax);
    Wide z = two_prod(y, l.hi);
    long double zlo = z.lo + y * l.lo;
    long double zhi = z.hi;
    if (zhi > 11000 || zhi < -11000)
        return round_result<T>(exp_core(clamp(zhi, 11000)), Underflow::below_subnormal);
    return round_result<T>(exp_wide(zhi, zlo), Underflow::below_subnormal);
}

template <typename T>
T pow_of(T xt, T yt) {
    double x = xt, y = yt;
    if (y == 0 || x == 1) return T(1);
    if (__builtin_isnan(x) || __builtin_isnan(y)) return xt + yt;
    bool y_odd = is_odd_integer(y);
    if (!__builtin_isfinite(y)) {
        double ax = fabs(x);
        if (ax == 1) return T(1);
        return static_cast<T>((ax < 1) == (y < 0) ? y * y : 0.0);
    }
    if (x == 0) {
        if (y < 0) {
            set_errno(erange); // a pole
            return static_cast<T>(y_odd ? 1 / x : 1 / fabs(x));
        }
        return static_cast<T>(y_odd ? x : fabs(x));
    }
    if (!__builtin_isfinite(x)) {
        double r = y < 0 ? 0.0 : fabs(x);
        return static_cast<T>(x < 0 && y_odd ? -r : r);
    }
    if (x < 0) {
        if (!is_integer(y)) {
            set_errno(edom);
            return invalid(xt, T(0));
        }
        T r = pow_positive<T>(-x, y);
        return y_odd ? -r : r;
    }
    return pow_positive<T>(x, y);
}

} // namespace

double pow(double x, double y) { return pow_of(x, y); }
double exp10(double x) { return pow_of(10.0, x); }
float exp10f(float x) { return pow_of(10.0f, x); }
float powf(float x, float y) { return pow_of(x, y); }

} // namespace ring3::math
