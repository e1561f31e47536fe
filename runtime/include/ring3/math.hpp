// ring3's math library (the C <math.h> functions) under internal names.
//
// ring3 programs get these as the C symbols (sqrt, sinf, fmodl, ...)
// through runtime/src/freestanding/math_exports.cpp; the hosted unit
// tests call them as ring3::math::NAME beside glibc's ::NAME in one
// process (tests/unit/test_math.cpp). docs/math.md lists what exists and
// the accuracy measured.
#pragma once

namespace ring3::math {

// Exact functions: the result is the exact value, correctly rounded.
double fabs(double x);
float fabsf(float x);
long double fabsl(long double x);
double copysign(double x, double y);
float copysignf(float x, float y);
long double copysignl(long double x, long double y);
double sqrt(double x);
float sqrtf(float x);
long double sqrtl(long double x);
double fma(double x, double y, double z);
float fmaf(float x, float y, float z);
double fmin(double x, double y);
float fminf(float x, float y);
long double fminl(long double x, long double y);
double fmax(double x, double y);
float fmaxf(float x, float y);
long double fmaxl(long double x, long double y);
double fdim(double x, double y);
float fdimf(float x, float y);
long double fdiml(long double x, long double y);
double nan(const char* tag);
float nanf(const char* tag);
long double nanl(const char* tag);

// Rounding to integers (runtime/src/libc/math/rounding.cpp).
double floor(double x);
float floorf(float x);
long double floorl(long double x);
double ceil(double x);
float ceilf(float x);
long double ceill(long double x);
double trunc(double x);
float truncf(float x);
long double truncl(long double x);
double round(double x);
float roundf(float x);
long double roundl(long double x);
double rint(double x);
float rintf(float x);
long double rintl(long double x);
double nearbyint(double x);
float nearbyintf(float x);
long double nearbyintl(long double x);
long lround(double x);
long lroundf(float x);
long lroundl(long double x);
long long llround(double x);
long long llroundf(float x);
long long llroundl(long double x);
long lrint(double x);
long lrintf(float x);
long lrintl(long double x);
long long llrint(double x);
long long llrintf(float x);
long long llrintl(long double x);
double modf(double x, double* integral);
float modff(float x, float* integral);
long double modfl(long double x, long double* integral);

// Remainders (remainder.cpp).
double fmod(double x, double y);
float fmodf(float x, float y);
long double fmodl(long double x, long double y);
double remainder(double x, double y);
float remainderf(float x, float y);
long double remainderl(long double x, long double y);
double remquo(double x, double y, int* quo);
float remquof(float x, float y, int* quo);
long double remquol(long double x, long double y, int* quo);

// The binary exponent (exponent.cpp).
double frexp(double x, int* exp);
float frexpf(float x, int* exp);
long double frexpl(long double x, int* exp);
double ldexp(double x, int n);
float ldexpf(float x, int n);
long double ldexpl(long double x, int n);
double scalbn(double x, int n);
float scalbnf(float x, int n);
long double scalbnl(long double x, int n);
double scalbln(double x, long n);
float scalblnf(float x, long n);
long double scalblnl(long double x, long n);
int ilogb(double x);
int ilogbf(float x);
int ilogbl(long double x);
double logb(double x);
float logbf(float x);
long double logbl(long double x);
double nextafter(double x, double y);
float nextafterf(float x, float y);
long double nextafterl(long double x, long double y);
long double logl(long double x);
long double log2l(long double x);
long double log10l(long double x);
double nexttoward(double x, long double y);
float nexttowardf(float x, long double y);
long double nexttowardl(long double x, long double y);

// The transcendental functions: an 80-bit core rounded once
// (runtime/src/libc/math/extended.hpp).
double exp(double x);
float expf(float x);
double exp2(double x);
float exp2f(float x);
double expm1(double x);
float expm1f(float x);
double log(double x);
float logf(float x);
double log2(double x);
float log2f(float x);
double log10(double x);
float log10f(float x);
double log1p(double x);
float log1pf(float x);
double pow(double x, double y);
float powf(float x, float y);
double sin(double x);
float sinf(float x);
double cos(double x);
float cosf(float x);
double tan(double x);
float tanf(float x);
// GNU extensions that clang emits on its own: sin(x) and cos(x) of one x
// become sincos, pow(10, x) becomes exp10.
void sincos(double x, double* s, double* c);
void sincosf(float x, float* s, float* c);
double exp10(double x);
float exp10f(float x);
double atan(double x);
float atanf(float x);
double atan2(double y, double x);
float atan2f(float y, float x);
double asin(double x);
float asinf(float x);
double acos(double x);
float acosf(float x);
double sinh(double x);
float sinhf(float x);
double cosh(double x);
float coshf(float x);
double tanh(double x);
float tanhf(float x);
double asinh(double x);
float asinhf(float x);
double acosh(double x);
float acoshf(float x);
double atanh(double x);
float atanhf(float x);
double hypot(double x, double y);
float hypotf(float x, float y);
double cbrt(double x);
float cbrtf(float x);
double erf(double x);
float erff(float x);
double erfc(double x);
float erfcf(float x);
double tgamma(double x);
float tgammaf(float x);
// lgamma with the sign of Gamma(x) in *sign; the C lgamma stores it in
// the global signgam (math_exports.cpp).
double lgamma_r(double x, int* sign);
float lgammaf_r(float x, int* sign);

} // namespace ring3::math
