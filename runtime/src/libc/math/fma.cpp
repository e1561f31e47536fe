// fma(x, y, z) = x * y + z rounded once. With the FMA3 instruction when
// the CPU has it (CPUID.1:ECX bit 12, and the OS saving the AVX state:
// OSXSAVE and XCR0 bits 1-2), else exactly in integer arithmetic: the
// 106-bit product and z aligned in 128 bits with a sticky bit, then one
// round to nearest, ties to even.
#include "math_internal.hpp"
#include <ring3/math.hpp>

namespace ring3::math {

namespace detail {
double fma_software(double x, double y, double z);
bool cpu_has_fma();
} // namespace detail

using namespace detail;

namespace {

// x = m * 2^e, m an integer below 2^53; x finite and nonzero.
void split(double x, u64& m, int& e) {
    u64 b = bits(x);
    int biased = static_cast<int>((b >> 52) & 0x7ff);
    m = b & frac_mask;
    if (biased == 0) {
        e = -1074;
    } else {
        m |= 1ULL << 52;
        e = biased - 1075;
    }
}

int top_bit(u128 v) {
    u64 hi = static_cast<u64>(v >> 64);
    return hi ? 127 - __builtin_clzll(hi) : 63 - __builtin_clzll(static_cast<u64>(v));
}

// m with its top bit moved to bit 125, e adjusted.
void normalise(u128& m, int& e) {
    int shift = 125 - top_bit(m);
    m <<= shift;
    e -= shift;
}

double fma_hardware(double x, double y, double z) __attribute__((target("fma")));
double fma_hardware(double x, double y, double z) {
    asm("vfmadd213sd %2, %1, %0" : "+x"(x) : "x"(y), "x"(z));
    return x;
}

} // namespace

double detail::fma_software(double x, double y, double z) {
    if (!is_finite(x) || !is_finite(y) || x == 0 || y == 0) return x * y + z;
    if (!is_finite(z)) return z + z; // x * y is finite, however large it rounds
    if (z == 0) return x * y;        // one rounding of the exact product; its sign wins
    u64 mx = 0, my = 0, mz = 0;
    int ex = 0, ey = 0, ez = 0;
    split(x, mx, ex);
    split(y, my, ey);
    split(z, mz, ez);
    bool sp = sign_of(x) != sign_of(y);
    bool sz = sign_of(z);
    u128 p = static_cast<u128>(mx) * my;
    int ep = ex + ey;
    u128 q = mz;
    normalise(p, ep);
    normalise(q, ez);
    // a is the operand of larger magnitude.
    u128 a = p, b = q;
    int ea = ep, eb = ez;
    bool sa = sp, sb = sz;
    if (ez > ep || (ez == ep && q > p)) {
        a = q;
        b = p;
        ea = ez;
        eb = ep;
        sa = sz;
        sb = sp;
    }
    int d = ea - eb;
    if (d > 126) {
        b = 1; // only the sticky bit survives
    } else if (d > 0) {
        bool sticky = (b << (128 - d)) != 0;
        b = (b >> d) | static_cast<u128>(sticky);
    }
    u128 m = sa == sb ? a + b : a - b;
    if (m == 0) return 0.0; // exact cancellation: +0 in round-to-nearest
    int t = top_bit(m);
    int lead = ea + t; // the exponent of the leading bit
    int precision = lead >= -1022 ? 53 : 53 - (-1022 - lead);
    // Bits to drop: usually more than 70; none when a subtraction
    // cancelled most of the sum (the result is then exact).
    int s = t + 1 - precision;
    u128 kept = 0;
    u128 rest = 0;
    u128 half = 1;
    if (s <= 0) {
        kept = m << -s;
    } else if (s < 128) {
        kept = m >> s;
        rest = m - (kept << s);
        half = static_cast<u128>(1) << (s - 1);
    } else {
        rest = m;
        half = static_cast<u128>(1) << 127;
    }
    if (rest > half || (rest == half && (kept & 1))) ++kept;
    int e = ea + (s < 128 ? s : 128); // value = kept * 2^e (s <= 0: exact)
    u64 k = static_cast<u64>(kept);
    if (k == (1ULL << 53)) {
        k >>= 1;
        ++e;
    }
    u64 sign = sa ? sign_bit : 0;
    if (k >= (1ULL << 52)) {
        int biased = e + 52 + 1023;
        if (biased >= 2047) return from_bits(sign | exp_mask); // overflow
        return from_bits(sign | (static_cast<u64>(biased) << 52) | (k & frac_mask));
    }
    return from_bits(sign | k); // subnormal, e == -1074
}

bool detail::cpu_has_fma() {
    static int cached = -1;
    if (cached < 0) {
        unsigned a = 1, b = 0, c = 0, d = 0;
        asm("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d) : "c"(0));
        bool has = (c >> 12 & 1) && (c >> 27 & 1);
        if (has) {
            unsigned lo = 0, hi = 0;
            asm("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            has = (lo & 6) == 6;
        }
        cached = has ? 1 : 0;
    }
    return cached == 1;
}

double fma(double x, double y, double z) {
    return cpu_has_fma() ? fma_hardware(x, y, z) : fma_software(x, y, z);
}

// x * y is exact in double (24 + 24 bits). The sum is made round-to-odd
// (an inexact sum gets its last bit set), which double's 29 extra bits
// then round to float correctly (Boldo and Melquiond, "Emulation of FMA
// and correctly rounded sums: proved algorithms using rounding to odd").
float fmaf(float x, float y, float z) {
    double p = static_cast<double>(x) * static_cast<double>(y);
    double zd = z;
    if (!is_finite(p) || !is_finite(zd)) return static_cast<float>(p + zd);
    double s = p + zd;
    // TwoSum: the exact error of s.
    double bv = s - p;
    double err = (p - (s - bv)) + (zd - bv);
    if (err != 0 && is_finite(s) && !(bits(s) & 1)) {
        u64 b = bits(s);
        b += ((err > 0) == (s > 0)) ? 1 : -1;
        s = from_bits(b);
    }
    return static_cast<float>(s);
}

} // namespace ring3::math
