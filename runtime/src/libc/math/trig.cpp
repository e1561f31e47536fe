// sin, cos, tan. The argument is reduced to r = x - k pi/2 with |r| <=
// pi/4, then Taylor series in 80-bit arithmetic evaluate sin r and cos r.
// (Not the x87's FSIN/FCOS: their own reduction uses a 66-bit pi, and on
// current CPUs they are microcoded and ten times slower.)
//
// The reduction: for |x| < 2^25, Cody and Waite's three-piece pi/2 (the
// first two have 39 bits, so k times each is exact); above, Payne and
// Hanek's: x = m 2^e with m a 53-bit integer, and only the bits of 2/pi
// that matter for x 2/pi mod 4 are multiplied (192 of them, from the
// table of 1280 derived in tools/math/gen_tables.py), in integers.
#include "extended.hpp"
#include <ring3/math.hpp>

namespace ring3::math {
using namespace detail;

namespace {

struct Reduced {
    long double r; // in [-pi/4, pi/4] (a little beyond by rounding)
    unsigned quadrant;
};

// The 64 bits of 2/pi starting after bit `pos` (bit 1 is the first after
// the binary point); pos may be negative (leading zeros).
u64 two_over_pi_window(int pos) {
    auto word = [](int w) -> u64 {
        if (w < 0 || w >= 20) return 0;
        return two_over_pi_bits[w];
    };
    // Bits pos+1 .. pos+64.
    int w = pos >= 0 ? pos / 64 : -((-pos + 63) / 64);
    int shift = pos - w * 64; // 0..63
    u64 hi = word(w), lo = word(w + 1);
    return shift == 0 ? hi : (hi << shift) | (lo >> (64 - shift));
}

Reduced reduce_large(double x) {
    u64 b = bits(x);
    int e = static_cast<int>((b >> 52) & 0x7ff) - 1075; // x = m 2^e
    u64 m = (b & frac_mask) | (1ULL << 52);
    // Bits of 2/pi up to bit e-2 contribute multiples of 4 to x 2/pi:
    // take the 192 that follow.
    int pos = e - 2;
    u64 w0 = two_over_pi_window(pos), w1 = two_over_pi_window(pos + 64),
        w2 = two_over_pi_window(pos + 128);
    // P = m * (w0:w1:w2), 245 bits; x 2/pi = P 2^(e - pos - 192) = P 2^-190.
    u128 p2 = static_cast<u128>(m) * w2;
    u128 p1 = static_cast<u128>(m) * w1 + (p2 >> 64);
    u128 p0 = static_cast<u128>(m) * w0 + (p1 >> 64);
    // p0 holds bits 128..245 of P: bits 190,191 (p0 bits 62,63) are the
    // quadrant, below them the fraction.
    u64 top = static_cast<u64>(p0);
    u64 next = static_cast<u64>(p1);
    unsigned quadrant = static_cast<unsigned>(top >> 62);
    // The fraction as a 126-bit fixed-point number f in [0, 1).
    u64 fhi = (top << 2) | (next >> 62);
    u64 flo = next << 2 | static_cast<u64>(p2) >> 62;
    bool negative = false;
    if (fhi >> 63) { // f >= 1/2: use f - 1, and the next quadrant
        negative = true;
        fhi = ~fhi;
        flo = ~flo;
        if (++flo == 0) ++fhi;
        ++quadrant;
    }
    // Normalise the 128-bit magnitude and take 64 bits of it.
    int lz = 0;
    u64 top64 = 0;
    if (fhi != 0) {
        lz = __builtin_clzll(fhi) & 63;
        top64 = lz == 0 ? fhi : (fhi << lz) | (flo >> (64 - lz));
    } else {
        int s = __builtin_clzll(flo | 1) & 63;
        top64 = flo << s;
        lz = 64 + s;
    }
    long double mag = static_cast<long double>(top64); // exact
    long double r = x87_scale(mag, static_cast<long double>(-64 - lz)) * pio2;
    return {negative ? -r : r, quadrant & 3};
}

Reduced reduce(double x) {
    double ax = fabs(x);
    if (ax <= 0.78539816339744828) // pi/4, rounded down
        return {x, 0};
    if (ax < 0x1p25) {
        long long quadrant = 0;
        long double k = round_nearest(x * two_over_pi, quadrant);
        long double r = (x - k * pio2_1) - k * pio2_2;
        r -= k * pio2_3;
        return {r, static_cast<unsigned>(quadrant) & 3};
    }
    Reduced red = reduce_large(ax);
    if (x < 0) {
        red.r = -red.r;
        red.quadrant = (4 - red.quadrant) & 3;
    }
    return red;
}

// sin and cos of |r| <= pi/4 (a little beyond by rounding) by their
// Taylor series to r^23 and r^22: the remainders are below 2^-80.
// sin r = r + r^3 sum (-1)^(j+1) r^2j / (2j+3)!, cos r = 1 + r^2 sum
// (-1)^(j+1) r^2j / (2j+2)!, j = 0..10.
constexpr Poly trig_taylor(int first) {
    Poly p{};
    p.n = 11;
    for (int j = 0; j < 11; ++j) p.c[j] = (j % 2 == 0 ? -1 : 1) * inv_factorial[2 * j + first];
    return p;
}
constexpr Poly sin_taylor = trig_taylor(3);
constexpr Poly cos_taylor = trig_taylor(2);

long double sin_poly(long double r) {
    long double r2 = r * r;
    return r + r * r2 * eval(sin_taylor, r2);
}
long double cos_poly(long double r) {
    long double r2 = r * r;
    return 1 + r2 * eval(cos_taylor, r2);
}

long double sin_reduced(Reduced red) {
    switch (red.quadrant) {
    case 0:
        return sin_poly(red.r);
    case 1:
        return cos_poly(red.r);
    case 2:
        return -sin_poly(red.r);
    default:
        return -cos_poly(red.r);
    }
}

long double cos_reduced(Reduced red) {
    switch (red.quadrant) {
    case 0:
        return cos_poly(red.r);
    case 1:
        return -sin_poly(red.r);
    case 2:
        return -cos_poly(red.r);
    default:
        return sin_poly(red.r);
    }
}

// sin, cos and tan of +-inf are NaN with EDOM (C11 F.10.1.6, glibc).
template <typename T>
bool not_finite(T x, T& result) {
    if (__builtin_isnan(x)) {
        result = x + x;
        return true;
    }
    if (!__builtin_isfinite(x)) {
        set_errno(edom);
        result = invalid(x, T(0));
        return true;
    }
    return false;
}

template <typename T>
T sin_of(T x) {
    T special{};
    if (not_finite(x, special)) return special;
    if (x == 0) return x;
    return static_cast<T>(sin_reduced(reduce(x)));
}

template <typename T>
T cos_of(T x) {
    T special{};
    if (not_finite(x, special)) return special;
    return static_cast<T>(cos_reduced(reduce(x)));
}

template <typename T>
T tan_of(T x) {
    T special{};
    if (not_finite(x, special)) return special;
    if (x == 0) return x;
    Reduced red = reduce(x);
    long double t = sin_poly(red.r) / cos_poly(red.r);
    return static_cast<T>(red.quadrant & 1 ? -1 / t : t);
}

} // namespace

double sin(double x) { return sin_of(x); }
float sinf(float x) { return sin_of(x); }
double cos(double x) { return cos_of(x); }
float cosf(float x) { return cos_of(x); }
double tan(double x) { return tan_of(x); }
void sincos(double x, double* s, double* c) {
    *s = sin_of(x);
    *c = cos_of(x);
}
void sincosf(float x, float* s, float* c) {
    *s = sin_of(x);
    *c = cos_of(x);
}
float tanf(float x) { return tan_of(x); }

} // namespace ring3::math
