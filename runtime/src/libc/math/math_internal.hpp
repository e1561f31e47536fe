// Helpers shared by ring3's math functions: the IEEE 754 bit layouts,
// errno, and the x87 (80-bit extended) operations the long double
// functions and the extended-precision cores use.
#pragma once

#include <cstdint>

// glibc's ABI: errno is *__errno_location(); ring3's runtime provides it
// in ring3 programs, glibc in the hosted tests.
extern "C" int* __errno_location() noexcept;

namespace ring3::math::detail {

using u64 = std::uint64_t;
using u32 = std::uint32_t;
using u128 = unsigned __int128;

inline constexpr int edom = 33;   // EDOM on Linux
inline constexpr int erange = 34; // ERANGE on Linux

inline void set_errno(int e) { *__errno_location() = e; }

inline u64 bits(double x) { return __builtin_bit_cast(u64, x); }
inline double from_bits(u64 b) { return __builtin_bit_cast(double, b); }
// Expressions with ULL literals are unsigned long long, a distinct type.
inline double from_bits(unsigned long long b) { return from_bits(static_cast<u64>(b)); }
inline u32 bits(float x) { return __builtin_bit_cast(u32, x); }
inline float from_bits(u32 b) { return __builtin_bit_cast(float, b); }

inline constexpr u64 sign_bit = 1ULL << 63;
inline constexpr u64 exp_mask = 0x7ffULL << 52;
inline constexpr u64 frac_mask = (1ULL << 52) - 1;
inline constexpr u32 sign_bit_f = 1U << 31;
inline constexpr u32 exp_mask_f = 0xffU << 23;
inline constexpr u32 frac_mask_f = (1U << 23) - 1;

// The IEEE binary formats' fields, for code written once for both:
// the significand's width (without the hidden bit), the exponent bias,
// the sign bit.
template <typename T>
struct Layout;
template <>
struct Layout<double> {
    using U = u64;
    static constexpr int mant = 52;
    static constexpr int bias = 1023;
    static constexpr U sign = sign_bit;
};
template <>
struct Layout<float> {
    using U = u32;
    static constexpr int mant = 23;
    static constexpr int bias = 127;
    static constexpr U sign = sign_bit_f;
};

inline bool is_nan(double x) { return (bits(x) & ~sign_bit) > exp_mask; }
inline bool is_nan(float x) { return (bits(x) & ~sign_bit_f) > exp_mask_f; }
inline bool is_nan(long double x) { return x != x; }
inline bool is_inf(double x) { return (bits(x) & ~sign_bit) == exp_mask; }
inline bool is_inf(float x) { return (bits(x) & ~sign_bit_f) == exp_mask_f; }
inline bool is_finite(double x) { return (bits(x) & exp_mask) != exp_mask; }
inline bool is_finite(float x) { return (bits(x) & exp_mask_f) != exp_mask_f; }
inline bool sign_of(double x) { return bits(x) >> 63; }
inline bool sign_of(float x) { return bits(x) >> 31; }

// The x87 80-bit format: a 64-bit significand with an explicit integer
// bit, then 15 bits of biased exponent and the sign (Intel SDM vol. 1,
// 4.2.2). Only its first 10 bytes are meaningful.
struct Extended {
    u64 mant;
    std::uint16_t se; // sign << 15 | biased exponent
};
inline Extended ext_bits(long double x) {
    Extended e{};
    __builtin_memcpy(&e, &x, 10);
    return e;
}
inline long double from_ext(Extended e) {
    long double x = 0;
    __builtin_memcpy(&x, &e, 10);
    return x;
}
inline bool sign_of(long double x) { return ext_bits(x).se >> 15; }

// Keeps the compiler from folding or reordering an expression whose
// rounding is the point (x + 2^52 - 2^52 and the like).
template <typename T>
inline T opaque(T x) {
    asm volatile("" : "+m"(x));
    return x;
}
// In its register (an x87 stack slot), without a trip through memory.
inline long double opaque(long double x) {
    asm volatile("" : "+t"(x));
    return x;
}
inline double opaque(double x) {
    asm volatile("" : "+x"(x));
    return x;
}
inline float opaque(float x) {
    asm volatile("" : "+x"(x));
    return x;
}

// The x87 instructions. Their operands are long double in st(0) ("t")
// and st(1) ("u"); the kernel starts every process with the x87 set to
// 64-bit precision and round-to-nearest (control word 0x37f).
inline long double x87_sqrt(long double x) {
    asm("fsqrt" : "+t"(x));
    return x;
}
// y * log2(x)
inline long double x87_yl2x(long double y, long double x) {
    long double r;
    asm("fyl2x" : "=t"(r) : "0"(x), "u"(y) : "st(1)");
    return r;
}
// y * log2(1 + x), for |x| < 1 - sqrt(2)/2
inline long double x87_yl2xp1(long double y, long double x) {
    long double r;
    asm("fyl2xp1" : "=t"(r) : "0"(x), "u"(y) : "st(1)");
    return r;
}
// 2^x - 1, for |x| <= 1
inline long double x87_2xm1(long double x) {
    asm("f2xm1" : "+t"(x));
    return x;
}
// x * 2^trunc(n)
inline long double x87_scale(long double x, long double n) {
    asm("fscale" : "+t"(x) : "u"(n));
    return x;
}
// atan(y / x) in the quadrant of (x, y)
inline long double x87_atan2(long double y, long double x) {
    long double r;
    asm("fpatan" : "=t"(r) : "0"(x), "u"(y) : "st(1)");
    return r;
}
// sin, cos and tan of |x| <= pi/4: exact arguments, no reduction inside.
inline long double x87_sin(long double x) {
    asm("fsin" : "+t"(x));
    return x;
}
inline long double x87_cos(long double x) {
    asm("fcos" : "+t"(x));
    return x;
}
// x rounded to the nearest integer (CVTSD2SI, in the current rounding
// mode, round-to-nearest by default).
inline long round_to_long(double x) {
    long r = 0;
    asm("cvtsd2si %1, %0" : "=r"(r) : "x"(x));
    return r;
}

// An integral long double as an integer, by FISTP in the current
// rounding mode: a C++ conversion would switch the x87 to truncation and
// back (two FLDCW), which is slow on every x86.
inline long long x87_to_integer(long double x) {
    long long r = 0;
    asm("fistpll %0" : "=m"(r) : "t"(x) : "st");
    return r;
}
inline long double x87_rndint(long double x) {
    asm("frndint" : "+t"(x));
    return x;
}

// x rounded to the nearest integer, for |x| < 2^62, in two additions
// (FRNDINT is microcoded and slow): adding 1.5 * 2^63 leaves no fraction
// bits in a 64-bit significand, and the integer is the significand's low
// bits. Sets k to it.
inline long double round_nearest(long double x, long long& k) {
    long double big = opaque(x + 0x1.8p63L);
    k = static_cast<long long>(ext_bits(big).mant - 0xc000000000000000ULL);
    return big - 0x1.8p63L;
}

// The default NaN with the invalid exception, as 0 / 0 or inf / inf
// gives it (x * y is 0 or infinite where this is used).
template <typename T>
inline T invalid(T x, T y) {
    T p = x * y;
    return p / opaque(p);
}

} // namespace ring3::math::detail
