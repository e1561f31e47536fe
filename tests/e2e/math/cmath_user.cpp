// An ordinary program using <cmath>, built as a ring3 program (at -O0 and
// -O2) and with the host's compiler against glibc by tests/e2e/math_link.sh.
// It writes one record per call: a kind byte (E: exact, must be
// identical; A: within 1 ulp; F: the same for float) and the result's
// 8 bytes, which the test compares between the two builds.
#include <cmath>
#include <cstdint>
#include <cstring>

#ifdef RING3_BUILD
#include <ring3/fdio.hpp>
static void out(const void* p, unsigned n) {
    (void)ring3::write_all(1, ring3::Str(static_cast<const char*>(p), n));
}
#else
#include <unistd.h>
static void out(const void* p, unsigned n) { (void)!write(1, p, n); }
#endif

namespace {

char buffer[1 << 16];
unsigned used = 0;

void record(char kind, double v) {
    buffer[used] = kind;
    std::memcpy(buffer + used + 1, &v, 8);
    used += 9;
}
void exact(double v) { record('E', v); }
void approx(double v) { record('A', v); }
void approx_float(float v) { record('F', static_cast<double>(v)); }

} // namespace

int main() {
    const double xs[] = {0.5,       1,     2,    3.75,     -2.5,
                         1e-300,    1e300, 100,  0.1,      709.5,
                         -745,      1e22,  -0.0, 4.9e-324, 0.7853981633974483,
                         12345.678, -1e-5};
    for (double x : xs) {
        exact(std::sqrt(std::fabs(x)));
        exact(std::floor(x));
        exact(std::ceil(x));
        exact(std::round(x));
        exact(std::trunc(x));
        exact(std::fmod(x, 0.7));
        exact(std::remainder(x, 0.7));
        exact(std::nextafter(x, 0.0));
        exact(std::fma(x, x, -1.0));
        exact(std::ldexp(x, 3));
        int e = 0;
        exact(std::frexp(x, &e) + e);
        exact(std::isnan(x) + 2 * std::isinf(x) + 4 * std::signbit(x) + 8 * std::isfinite(x));
        exact(std::fpclassify(x));
        exact(std::fmin(x, 1.5) + std::fmax(x, -1.5));
        exact(std::copysign(3.0, x));
        exact(static_cast<double>(std::lround(std::fmin(x, 1e15))));
        approx(std::exp(x));
        approx(std::log(std::fabs(x)));
        approx(std::log2(std::fabs(x)));
        approx(std::log10(std::fabs(x)));
        approx(std::pow(std::fabs(x), 1.5));
        approx(std::pow(10.0, std::fmin(x, 300.0)));
        approx(std::sin(x));
        approx(std::cos(x));
        approx(std::sin(x) + std::cos(x));
        approx(std::tan(x));
        approx(std::atan2(x, 1.3));
        approx(std::hypot(x, 2.0));
        approx(std::cbrt(x));
        approx(std::expm1(x));
        approx(std::log1p(std::fabs(x)));
        approx(std::tanh(x));
        approx(std::atan(x));
        approx(std::erf(x));
        approx(std::lgamma(std::fabs(x) + 0.25));
        float f = static_cast<float>(x);
        approx_float(std::sqrt(std::fabs(f)));
        approx_float(std::exp(f));
        approx_float(std::sin(f));
        approx_float(std::pow(std::fabs(f), 0.75f));
        approx_float(std::log(std::fabs(f)));
    }
    out(buffer, used);
    return 0;
}
