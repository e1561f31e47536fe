// fmod, remainder and remquo: exact by definition (the result is always
// representable). double and float divide their integer significands by
// long division, a few bits at a time; long double uses the x87's
// partial-remainder instruction, which are exact as well (Intel SDM,
// FPREM/FPREM1).
#include "math_internal.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

namespace {

// x = m * 2^e with m normalised to [2^mant, 2^(mant+1)); x finite, nonzero.
template <typename T>
void decompose(T x, u64& m, int& e) {
    using L = Layout<T>;
    u64 b = bits(x) & ~L::sign;
    int biased = static_cast<int>(b >> L::mant);
    m = b & ((1ULL << L::mant) - 1);
    if (biased == 0) {
        e = 1 - L::bias - L::mant;
        while (m < (1ULL << L::mant)) {
            m <<= 1;
            --e;
        }
    } else {
        m |= 1ULL << L::mant;
        e = biased - L::bias - L::mant;
    }
}

// m * 2^e, known to be representable exactly.
template <typename T>
T compose(u64 m, int e) {
    using L = Layout<T>;
    using U = typename L::U;
    const int emin = 1 - L::bias - L::mant;
    if (m == 0) return T(0);
    while (m < (1ULL << L::mant) && e > emin) {
        m <<= 1;
        --e;
    }
    while (e < emin) {
        m >>= 1;
        ++e;
    }
    if (m >= (1ULL << L::mant))
        return from_bits(static_cast<U>((static_cast<u64>(e - emin + 1) << L::mant) |
                                        (m & ((1ULL << L::mant) - 1))));
    return from_bits(static_cast<U>(m));
}

// |x| mod |y| for finite x and nonzero finite y, and the low bits of the
// integer quotient.
template <typename T>
T abs_fmod(T x, T y, u64& quotient) {
    using L = Layout<T>;
    T ax = from_bits(static_cast<typename L::U>(bits(x) & ~L::sign));
    T ay = from_bits(static_cast<typename L::U>(bits(y) & ~L::sign));
    quotient = 0;
    if (ax < ay) return ax;
    u64 mx = 0, my = 0;
    int ex = 0, ey = 0;
    decompose(ax, mx, ex);
    decompose(ay, my, ey);
    int d = ex - ey;
    u64 q = mx / my;
    u64 r = mx % my;
    // r < my < 2^(mant+1): shifting by 62 - (mant+1) bits stays below 2^63.
    constexpr int step = 62 - (L::mant + 1);
    while (d > 0) {
        int k = d < step ? d : step;
        r <<= k;
        q = (q << k) + r / my;
        r %= my;
        d -= k;
    }
    quotient = q;
    return compose<T>(r, ey);
}

template <typename T>
T with_sign_of(T r, T x) {
    using L = Layout<T>;
    using U = typename L::U;
    return from_bits(static_cast<U>((bits(r) & ~L::sign) | (bits(x) & L::sign)));
}

template <typename T>
bool domain_error(T x, T y) {
    if (is_nan(x) || is_nan(y)) return false;
    return is_inf(x) || y == 0;
}

template <typename T>
T fmod_of(T x, T y) {
    if (is_nan(x) || is_nan(y)) return x + y;
    if (domain_error(x, y)) {
        set_errno(edom);
        return invalid(x, y);
    }
    if (is_inf(y) || x == 0) return x;
    u64 q = 0;
    return with_sign_of(abs_fmod(x, y, q), x);
}

// glibc's remainder sets EDOM for remainder(inf, y) and remainder(x, 0);
// its remquo has no errno wrapper and leaves errno alone.
template <typename T>
T remquo_of(T x, T y, int* quo, bool sets_errno) {
    *quo = 0;
    if (is_nan(x) || is_nan(y)) return x + y;
    if (domain_error(x, y)) {
        if (sets_errno) set_errno(edom);
        return invalid(x, y);
    }
    if (is_inf(y) || x == 0) return x;
    u64 q = 0;
    T r = abs_fmod(x, y, q);
    T ay = with_sign_of(y, T(1));
    // ay - r is exact: both are multiples of y's last place and r < ay.
    T rest = ay - r;
    // glibc's quo is the low three bits of the truncated quotient, plus
    // one when the remainder rounds up, so it can be 8.
    int low = static_cast<int>(q & 7);
    if (r > rest || (r == rest && (q & 1))) {
        r = -rest;
        ++low;
    }
    *quo = sign_of(x) != sign_of(y) ? -low : low;
    return r == 0 ? with_sign_of(r, x) : (sign_of(x) ? -r : r);
}

// FPREM reduces the exponent difference by at most 63 per step and sets
// C2 (status bit 10) while the reduction is incomplete.
long double x87_fprem(long double x, long double y) {
    asm("1: fprem\n\t"
        "fnstsw %%ax\n\t"
        "testw $0x400, %%ax\n\t"
        "jnz 1b"
        : "+t"(x)
        : "u"(y)
        : "ax", "cc");
    return x;
}
} // namespace

double fmod(double x, double y) { return fmod_of(x, y); }
float fmodf(float x, float y) { return fmod_of(x, y); }
double remquo(double x, double y, int* quo) { return remquo_of(x, y, quo, false); }
float remquof(float x, float y, int* quo) { return remquo_of(x, y, quo, false); }
double remainder(double x, double y) {
    int q = 0;
    return remquo_of(x, y, &q, true);
}
float remainderf(float x, float y) {
    int q = 0;
    return remquo_of(x, y, &q, true);
}

long double fmodl(long double x, long double y) {
    if (__builtin_isnan(x) || __builtin_isnan(y)) return x + y;
    if (!__builtin_isfinite(x) || y == 0) {
        set_errno(edom);
        return invalid(x, y);
    }
    return x87_fprem(x, y);
}
namespace {
long double remquol_of(long double x, long double y, int* quo, bool sets_errno) {
    *quo = 0;
    if (__builtin_isnan(x) || __builtin_isnan(y)) return x + y;
    if (!__builtin_isfinite(x) || y == 0) {
        if (sets_errno) set_errno(edom);
        return invalid(x, y);
    }
    // As glibc: reduce modulo 8|y| (exact), take the quotient's three
    // bits by subtraction (each exact, by Sterbenz's lemma), then round.
    long double ax = fabsl(x), ay = fabsl(y);
    if (ay <= 0x1p16380L) ax = x87_fprem(ax, 8 * ay);
    int low = 0;
    for (int bit = 4; bit >= 1; bit /= 2) {
        if (ax >= bit * ay) {
            ax -= bit * ay;
            low += bit;
        }
    }
    long double rest = ay - ax;
    if (ax > rest || (ax == rest && (low & 1))) {
        ax = -rest;
        ++low;
    }
    *quo = sign_of(x) != sign_of(y) ? -low : low;
    long double r = sign_of(x) ? -ax : ax;
    return r;
}
} // namespace
long double remquol(long double x, long double y, int* quo) { return remquol_of(x, y, quo, false); }
long double remainderl(long double x, long double y) {
    int q = 0;
    return remquol_of(x, y, &q, true);
}

} // namespace ring3::math
