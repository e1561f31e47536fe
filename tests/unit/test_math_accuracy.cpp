// ring3's transcendental math functions against glibc's: the special
// values (zeros, infinities, NaN, subnormals, the extremes) give the same
// class of result, sign and errno, and random inputs (uniform in bits and
// uniform in a range that matters) stay within the ulp bound of a
// higher-precision reference: glibc's long double function for double,
// glibc's double function for float. Each line of output is a row of
// docs/math.md (run with RING3_MATH_SAMPLES=2000000 for the table).
#include "math_harness.hpp"

#include <algorithm>
#include <cstdio>
#include <ring3/math.hpp>

using namespace math_test;
namespace r3 = ring3::math;

namespace {

template <typename T>
long double ulp_of(long double ref) {
    using L = std::numeric_limits<T>;
    long double a = std::fabs(ref);
    if (a < L::min()) return L::denorm_min();
    int e = 0;
    std::frexp(a, &e); // a = m 2^e, m in [1/2, 1)
    return std::ldexp(1.0L, e - L::digits);
}

// The error of `got` in ulps of T, against the reference; 0 when both
// are the same NaN/infinity class, huge when the classes differ.
template <typename T>
double ulp_error(T got, long double ref) {
    if (std::isnan(ref) || std::isnan(got)) return std::isnan(ref) && std::isnan(got) ? 0 : 1e9;
    // Past max + ulp/2 the correctly rounded result is infinity.
    long double max = std::numeric_limits<T>::max();
    bool overflows = std::fabs(ref) >= max + ulp_of<T>(max) / 2;
    if (std::isinf(got) || overflows)
        return std::isinf(got) && overflows && std::signbit(got) == std::signbit(ref) ? 0 : 1e9;
    return static_cast<double>(std::fabs(got - ref) / ulp_of<T>(ref));
}

struct Accuracy {
    std::string name;
    double bound;
    double worst = 0, worst_glibc = 0;
    std::string worst_at;
    std::size_t tested = 0;
    std::size_t class_mismatches = 0;
    std::size_t glibc_off_class = 0;

    Accuracy(std::string n, double b) : name(std::move(n)), bound(b) {}
    Accuracy(const Accuracy&) = delete;
    Accuracy& operator=(const Accuracy&) = delete;

    template <typename T>
    void add(const std::string& args, T ours, int ours_errno, T glibc, int glibc_errno,
             long double ref) {
        ++tested;
        double e = ulp_error(ours, ref);
        double eg = ulp_error(glibc, ref);
        // Special-value agreement: zero, infinity, NaN, sign and errno as glibc.
        bool same_class = std::fpclassify(ours) == std::fpclassify(glibc) ||
                          (std::isnormal(ours) || std::fpclassify(ours) == FP_SUBNORMAL) ==
                              (std::isnormal(glibc) || std::fpclassify(glibc) == FP_SUBNORMAL);
        bool zero_inf_nan_differs =
            (ours == 0) != (glibc == 0) || std::isinf(ours) != std::isinf(glibc) ||
            std::isnan(ours) != std::isnan(glibc) ||
            (!std::isnan(ours) && std::signbit(ours) != std::signbit(glibc));
        // Where glibc's own result is off (an underflow it rounds to 0,
        // say), ring3's correctly rounded one cannot match its class.
        bool glibc_wrong = eg > 0.5001 && e <= 0.5001;
        if (glibc_wrong && (!same_class || zero_inf_nan_differs))
            ++glibc_off_class;
        else if (!same_class || zero_inf_nan_differs || ours_errno != glibc_errno) {
            if (++class_mismatches <= 5)
                MESSAGE(name << "(" << args << "): ring3 " << show(ours) << " errno " << ours_errno
                             << ", glibc " << show(glibc) << " errno " << glibc_errno);
        }
        if (e > worst) {
            worst = e;
            worst_at =
                args + " -> " + show(ours) + " (glibc " + show(glibc) + ", ref " + show(ref) + ")";
        }
        worst_glibc = std::max(worst_glibc, eg);
    }

    ~Accuracy() {
        std::printf("| %-10s | %.3f | %.3f | %zu |\n", name.c_str(), worst, worst_glibc, tested);
        if (glibc_off_class)
            MESSAGE(name << ": glibc's result has the wrong class (0 for a subnormal...) "
                         << glibc_off_class << " times");
        CHECK_MESSAGE(class_mismatches == 0,
                      name << ": " << class_mismatches << " special-value mismatches");
        CHECK_MESSAGE(worst <= bound, name << ": " << worst << " ulp at " << worst_at);
    }
};

// Unary: T f(T) against glibc's f, reference R ref(R).
template <typename T, typename Ours, typename Glibc, typename Ref>
void unary(const char* name, Ours ours, Glibc glibc, Ref ref, T lo, T hi, double bound = 1.0) {
    Accuracy acc{name, bound};
    for (T x : inputs<T>(lo, hi)) {
        int eo = 0, eg = 0;
        T a = with_errno([&] { return ours(x); }, eo);
        T b = with_errno([&] { return glibc(x); }, eg);
        acc.add(show(x), a, eo, b, eg, ref(x));
    }
}

template <typename T, typename Ours, typename Glibc, typename Ref>
void binary(const char* name, Ours ours, Glibc glibc, Ref ref, T lo1, T hi1, T lo2, T hi2,
            double bound = 1.0) {
    Accuracy acc{name, bound};
    std::vector<T> xs = inputs<T>(lo1, hi1, 5), ys = inputs<T>(lo2, hi2, 9);
    std::vector<T> sp = specials<T>();
    std::vector<std::pair<T, T>> pairs;
    for (T x : sp)
        for (T y : sp) pairs.emplace_back(x, y);
    for (std::size_t i = 0; i < std::min(xs.size(), ys.size()); ++i)
        pairs.emplace_back(xs[i], ys[i]);
    for (const auto& p : pairs) {
        T x = p.first, y = p.second;
        int eo = 0, eg = 0;
        T a = with_errno([&] { return ours(x, y); }, eo);
        T b = with_errno([&] { return glibc(x, y); }, eg);
        acc.add(show(x) + ", " + show(y), a, eo, b, eg, ref(x, y));
    }
}

} // namespace

// Both formats of a unary function: double against the long double
// reference, float against glibc's double function.
#define UNARY(fn, lo, hi)                                                                          \
    TEST_CASE(#fn) {                                                                               \
        unary<double>(                                                                             \
            #fn, [](double x) { return r3::fn(x); }, [](double x) { return ::fn(x); },             \
            [](double x) { return ::fn##l(static_cast<long double>(x)); }, lo, hi);                \
        unary<float>(                                                                              \
            #fn "f", [](float x) { return r3::fn##f(x); }, [](float x) { return ::fn##f(x); },     \
            [](float x) { return static_cast<long double>(::fn(static_cast<double>(x))); },        \
            static_cast<float>(lo), static_cast<float>(hi));                                       \
    }
#define BINARY(fn, lo1, hi1, lo2, hi2)                                                             \
    TEST_CASE(#fn) {                                                                               \
        binary<double>(                                                                            \
            #fn, [](double x, double y) { return r3::fn(x, y); },                                  \
            [](double x, double y) { return ::fn(x, y); },                                         \
            [](double x, double y) { return ::fn##l(x, y); }, lo1, hi1, lo2, hi2);                 \
        binary<float>(                                                                             \
            #fn "f", [](float x, float y) { return r3::fn##f(x, y); },                             \
            [](float x, float y) { return ::fn##f(x, y); },                                        \
            [](float x, float y) {                                                                 \
                return static_cast<long double>(                                                   \
                    ::fn(static_cast<double>(x), static_cast<double>(y)));                         \
            },                                                                                     \
            static_cast<float>(lo1), static_cast<float>(hi1), static_cast<float>(lo2),             \
            static_cast<float>(hi2));                                                              \
    }

UNARY(exp, -745.2, 709.8)
UNARY(exp2, -1075.0, 1024.0)
UNARY(expm1, -40.0, 709.8)
UNARY(log, 0.0, 10.0)
UNARY(log2, 0.0, 10.0)
UNARY(log10, 0.0, 10.0)
UNARY(log1p, -1.0, 10.0)
UNARY(sin, -10.0, 10.0)
UNARY(cos, -10.0, 10.0)
UNARY(tan, -10.0, 10.0)
UNARY(atan, -10.0, 10.0)
UNARY(asin, -1.0, 1.0)
UNARY(acos, -1.0, 1.0)
UNARY(sinh, -710.0, 710.0)
UNARY(cosh, -710.0, 710.0)
UNARY(tanh, -20.0, 20.0)
UNARY(asinh, -1e6, 1e6)
UNARY(acosh, 1.0, 100.0)
UNARY(atanh, -1.0, 1.0)
UNARY(cbrt, -1e3, 1e3)
BINARY(atan2, -10.0, 10.0, -10.0, 10.0)
BINARY(hypot, -1e3, 1e3, -1e3, 1e3)
BINARY(pow, 0.0, 10.0, -300.0, 300.0)

TEST_CASE("pow near 1 with large exponents, and of negative bases") {
    Rng rng{21};
    Accuracy acc{"pow (hard)", 1.0};
    for (std::size_t i = 0; i < samples(); ++i) {
        double x = 1 + (rng.unit() - 0.5) * 0x1p-20;
        double y = (rng.unit() - 0.5) * 1.4e9;
        if (i % 4 == 0) {
            x = -std::floor(rng.unit() * 100) - 1;
            y = std::floor((rng.unit() - 0.5) * 300);
        }
        int eo = 0, eg = 0;
        double a = with_errno([&] { return r3::pow(x, y); }, eo);
        double b = with_errno([&] { return ::pow(x, y); }, eg);
        acc.add(show(x) + ", " + show(y), a, eo, b, eg, ::powl(x, y));
    }
}

TEST_CASE("sin, cos, tan of huge arguments (Payne-Hanek)") {
    Rng rng{33};
    Accuracy s{"sin (huge)", 1.0}, c{"cos (huge)", 1.0}, t{"tan (huge)", 1.0};
    for (std::size_t i = 0; i < samples(); ++i) {
        double x = std::ldexp(1 + rng.unit(), static_cast<int>(rng.next() % 1000) + 20);
        if (i & 1) x = -x;
        int e1 = 0, e2 = 0;
        s.add(show(x), with_errno([&] { return r3::sin(x); }, e1), 0,
              with_errno([&] { return ::sin(x); }, e2), 0, ::sinl(x));
        c.add(show(x), r3::cos(x), 0, ::cos(x), 0, ::cosl(x));
        t.add(show(x), r3::tan(x), 0, ::tan(x), 0, ::tanl(x));
    }
    // The double nearest a multiple of pi/2 (6381956970095103 * 2^797,
    // from Muller's "Elementary Functions", where |x - k pi/2| ~ 2^-61).
    double hard = std::ldexp(6381956970095103.0, 797);
    s.add(show(hard), r3::sin(hard), 0, ::sin(hard), 0, ::sinl(hard));
    c.add(show(hard), r3::cos(hard), 0, ::cos(hard), 0, ::cosl(hard));
}

UNARY(erf, -6.0, 6.0)
UNARY(erfc, -6.0, 28.0)
UNARY(tgamma, -180.0, 172.0)

TEST_CASE("lgamma") {
    // Positive arguments within 1 ulp; negative ones near lgamma's zeros
    // (x in (-2, -3) and beyond, where lgamma crosses 0) lose relative
    // accuracy, as the reflection formula cancels there: 16.6 ulp in the
    // long run (glibc: 4.9), hence the bound of 32 (docs/math.md).
    auto ours = [](double x) {
        int s;
        return r3::lgamma_r(x, &s);
    };
    auto glibc = [](double x) {
        int s;
        return ::lgamma_r(x, &s);
    };
    auto ref = [](double x) {
        int s;
        return ::lgammal_r(x, &s);
    };
    unary<double>("lgamma", ours, glibc, ref, 0.0, 1000.0);
    unary<double>("lgamma (x<0)", ours, glibc, ref, -170.0, 0.0, 32.0);
    unary<double>(
        "lgamma sign",
        [](double x) {
            int s = 0;
            r3::lgamma_r(x, &s);
            return static_cast<double>(s);
        },
        [](double x) {
            int s = 0;
            ::lgamma_r(x, &s);
            return static_cast<double>(s);
        },
        [](double x) {
            int s = 0;
            ::lgamma_r(x, &s);
            return static_cast<long double>(s);
        },
        -170.0, 1000.0, 0.0);
    unary<float>(
        "lgammaf",
        [](float x) {
            int s;
            return r3::lgammaf_r(x, &s);
        },
        [](float x) {
            int s;
            return ::lgammaf_r(x, &s);
        },
        [](float x) {
            int s;
            return static_cast<long double>(::lgamma_r(x, &s));
        },
        0.0f, 1000.0f);
}

TEST_CASE("exp10, sincos") {
    unary<double>(
        "exp10", [](double x) { return r3::exp10(x); }, [](double x) { return ::exp10(x); },
        [](double x) { return ::exp10l(x); }, -330.0, 310.0);
    for (double x : inputs<double>(-10.0, 10.0)) {
        double s = 0, c = 0;
        r3::sincos(x, &s, &c);
        CHECK(same(s, r3::sin(x)));
        CHECK(same(c, r3::cos(x)));
    }
}

TEST_CASE("logl, log2l, log10l within 1 ulp of long double, glibc's special cases") {
    // The reference is glibc's own long double logarithm; the bound is one
    // ulp of long double (both are within half an ulp or so of the truth).
    struct Fn {
        const char* name;
        long double (*ours)(long double);
        long double (*glibc)(long double);
    } fns[] = {{"logl", r3::logl, ::logl},
               {"log2l", r3::log2l, ::log2l},
               {"log10l", r3::log10l, ::log10l}};
    std::uint64_t state = 0x9e3779b97f4a7c15ULL;
    auto next = [&state] {
        state ^= state << 13, state ^= state >> 7, state ^= state << 17;
        return state;
    };
    for (const Fn& f : fns) {
        CAPTURE(f.name);
        double worst = 0;
        for (int i = 0; i < 200000; ++i) {
            // Uniform in the exponent over the whole long double range, and
            // densely around 1, where FYL2XP1 takes over.
            long double x =
                i % 2 ? std::ldexp(1.0L + (next() >> 11) * 0x1p-53L,
                                   static_cast<int>(next() % 32000) - 16000)
                      : 1.0L + ((static_cast<long double>(next() >> 11) * 0x1p-53L) - 0.5L) * 0.8L;
            long double got = f.ours(x), want = f.glibc(x);
            if (got == want) continue;
            long double ulp = std::nextafter(std::fabs(want), HUGE_VALL) - std::fabs(want);
            worst = std::max(worst, static_cast<double>(std::fabs(got - want) / ulp));
        }
        CHECK(worst <= 1.0);
        const long double specials[] = {
            0.0L,        -0.0L, -1.0L, 1.0L, HUGE_VALL, -HUGE_VALL, __builtin_nanl(""),
            0x1p-16445L, 2.0L,  10.0L};
        for (long double x : specials) {
            CAPTURE(static_cast<double>(x));
            errno = 0;
            long double got = f.ours(x);
            int got_errno = errno;
            errno = 0;
            long double want = f.glibc(x);
            CHECK(got_errno == errno);
            if (want != want) {
                CHECK(got != got);
            } else {
                CHECK(got == want);
                CHECK(std::signbit(got) == std::signbit(want));
            }
        }
    }
}
