// ring3's exact math functions against glibc's (which are exact too):
// the same bits, including the sign of zero, and the same errno, for
// the special values and random inputs. RING3_MATH_SAMPLES=2000000 for
// the long run.
#include "math_harness.hpp"

#include <cfenv>
#include <ring3/math.hpp>

namespace ring3::math::detail {
double fma_software(double x, double y, double z);
}

using namespace math_test;
namespace r3 = ring3::math;

namespace {

template <typename T>
std::vector<T> all_inputs() {
    if constexpr (sizeof(T) > 8) {
        std::vector<T> v = specials<T>();
        Rng rng{7};
        for (std::size_t i = 0; i < samples() / 2; ++i) {
            long double m = 1 + static_cast<long double>(rng.next() >> 1) * 0x1p-63L;
            int e = static_cast<int>(rng.next() % 32900) - 16470;
            long double x = std::ldexp(m, e);
            v.push_back(rng.next() & 1 ? -x : x);
        }
        for (std::size_t i = 0; i < samples() / 2; ++i)
            v.push_back(static_cast<long double>(rng.unit()) * 200 - 100);
        return v;
    } else {
        return inputs<T>(T(-100), T(100));
    }
}

template <typename T, typename A, typename B>
void unary(const char* name, A ours, B theirs) {
    Exact ex{std::string(name)};
    for (T x : all_inputs<T>()) {
        int eo = 0, et = 0;
        auto a = with_errno([&] { return ours(x); }, eo);
        auto b = with_errno([&] { return theirs(x); }, et);
        ex.compare(show(x), a, eo, b, et);
    }
    CHECK_MESSAGE(ex.mismatches == 0, name << ": " << ex.mismatches << " of " << ex.checked);
}

// Pairs: every special value with every other, then random pairs.
template <typename T, typename U = T>
std::vector<std::pair<T, U>> pairs() {
    std::vector<std::pair<T, U>> v;
    std::vector<T> sx = specials<T>();
    std::vector<U> sy = specials<U>();
    for (T x : sx)
        for (U y : sy) v.emplace_back(x, y);
    std::vector<T> ax = all_inputs<T>();
    std::vector<U> ay = all_inputs<U>();
    Rng rng{3};
    for (std::size_t i = 0; i < ax.size(); ++i) v.emplace_back(ax[i], ay[rng.next() % ay.size()]);
    // Close and equal neighbours: ties and cancellation.
    for (std::size_t i = 0; i < ax.size(); i += 4) v.emplace_back(ax[i], static_cast<U>(ax[i]));
    return v;
}

template <typename T, typename U = T, typename A, typename B>
void binary(const char* name, A ours, B theirs) {
    Exact ex{std::string(name)};
    for (const auto& xy : pairs<T, U>()) {
        T x = xy.first;
        U y = xy.second;
        int eo = 0, et = 0;
        auto a = with_errno([&] { return ours(x, y); }, eo);
        auto b = with_errno([&] { return theirs(x, y); }, et);
        ex.compare(show(x) + ", " + show(y), a, eo, b, et);
    }
    CHECK_MESSAGE(ex.mismatches == 0, name << ": " << ex.mismatches << " of " << ex.checked);
}

} // namespace

#define UNARY3(fn)                                                                                 \
    TEST_CASE(#fn) {                                                                               \
        unary<double>(                                                                             \
            #fn, [](double x) { return r3::fn(x); }, [](double x) { return ::fn(x); });            \
        unary<float>(                                                                              \
            #fn "f", [](float x) { return r3::fn##f(x); }, [](float x) { return ::fn##f(x); });    \
        unary<long double>(                                                                        \
            #fn "l", [](long double x) { return r3::fn##l(x); },                                   \
            [](long double x) { return ::fn##l(x); });                                             \
    }
#define BINARY3(fn)                                                                                \
    TEST_CASE(#fn) {                                                                               \
        binary<double>(                                                                            \
            #fn, [](double x, double y) { return r3::fn(x, y); },                                  \
            [](double x, double y) { return ::fn(x, y); });                                        \
        binary<float>(                                                                             \
            #fn "f", [](float x, float y) { return r3::fn##f(x, y); },                             \
            [](float x, float y) { return ::fn##f(x, y); });                                       \
        binary<long double>(                                                                       \
            #fn "l", [](long double x, long double y) { return r3::fn##l(x, y); },                 \
            [](long double x, long double y) { return ::fn##l(x, y); });                           \
    }

UNARY3(fabs)
UNARY3(sqrt)
UNARY3(floor)
UNARY3(ceil)
UNARY3(trunc)
UNARY3(round)
UNARY3(rint)
UNARY3(nearbyint)
UNARY3(lround)
UNARY3(llround)
UNARY3(lrint)
UNARY3(llrint)
UNARY3(ilogb)
UNARY3(logb)
BINARY3(copysign)
BINARY3(fmin)
BINARY3(fmax)
BINARY3(fdim)
BINARY3(fmod)
BINARY3(remainder)
BINARY3(nextafter)

TEST_CASE("nexttoward") {
    binary<double, long double>(
        "nexttoward", [](double x, long double y) { return r3::nexttoward(x, y); },
        [](double x, long double y) { return ::nexttoward(x, y); });
    binary<float, long double>(
        "nexttowardf", [](float x, long double y) { return r3::nexttowardf(x, y); },
        [](float x, long double y) { return ::nexttowardf(x, y); });
}

TEST_CASE("remquo") {
    auto pair_of = [](auto r, int q) { return std::pair{r, q}; };
    (void)pair_of;
    binary<double>(
        "remquo(value)",
        [](double x, double y) {
            int q;
            return r3::remquo(x, y, &q);
        },
        [](double x, double y) {
            int q;
            return ::remquo(x, y, &q);
        });
    binary<double>(
        "remquo(quo)",
        [](double x, double y) {
            int q = 0;
            r3::remquo(x, y, &q);
            return q;
        },
        [](double x, double y) {
            int q = 0;
            ::remquo(x, y, &q);
            return q;
        });
    binary<float>(
        "remquof(quo)",
        [](float x, float y) {
            int q = 0;
            r3::remquof(x, y, &q);
            return q;
        },
        [](float x, float y) {
            int q = 0;
            ::remquof(x, y, &q);
            return q;
        });
    binary<long double>(
        "remquol(quo)",
        [](long double x, long double y) {
            int q = 0;
            r3::remquol(x, y, &q);
            return q;
        },
        [](long double x, long double y) {
            int q = 0;
            ::remquol(x, y, &q);
            return q;
        });
}

TEST_CASE("frexp, modf") {
    unary<double>(
        "frexp",
        [](double x) {
            int e;
            return r3::frexp(x, &e);
        },
        [](double x) {
            int e;
            return ::frexp(x, &e);
        });
    unary<double>(
        "frexp(exp)",
        [](double x) {
            int e = 0;
            r3::frexp(x, &e);
            return e;
        },
        [](double x) {
            int e = 0;
            ::frexp(x, &e);
            return e;
        });
    unary<float>(
        "frexpf(exp)",
        [](float x) {
            int e = 0;
            r3::frexpf(x, &e);
            return e;
        },
        [](float x) {
            int e = 0;
            ::frexpf(x, &e);
            return e;
        });
    unary<long double>(
        "frexpl",
        [](long double x) {
            int e;
            return r3::frexpl(x, &e);
        },
        [](long double x) {
            int e;
            return ::frexpl(x, &e);
        });
    unary<long double>(
        "frexpl(exp)",
        [](long double x) {
            int e = 0;
            r3::frexpl(x, &e);
            return e;
        },
        [](long double x) {
            int e = 0;
            ::frexpl(x, &e);
            return e;
        });
    unary<double>(
        "modf",
        [](double x) {
            double i;
            return r3::modf(x, &i);
        },
        [](double x) {
            double i;
            return ::modf(x, &i);
        });
    unary<double>(
        "modf(int)",
        [](double x) {
            double i;
            r3::modf(x, &i);
            return i;
        },
        [](double x) {
            double i;
            ::modf(x, &i);
            return i;
        });
    unary<float>(
        "modff",
        [](float x) {
            float i;
            return r3::modff(x, &i);
        },
        [](float x) {
            float i;
            return ::modff(x, &i);
        });
    unary<long double>(
        "modfl",
        [](long double x) {
            long double i;
            return r3::modfl(x, &i);
        },
        [](long double x) {
            long double i;
            return ::modfl(x, &i);
        });
    unary<long double>(
        "modfl(int)",
        [](long double x) {
            long double i;
            r3::modfl(x, &i);
            return i;
        },
        [](long double x) {
            long double i;
            ::modfl(x, &i);
            return i;
        });
}

TEST_CASE("ldexp, scalbn") {
    const int ns[] = {0,    1,     -1,     5,       -5,    52,    -52,  60,
                      1000, -1000, 1023,   -1022,   -1074, -1075, 2000, -2000,
                      2100, -2100, 100000, -100000, 16383, -16445};
    for (int n : ns) {
        CAPTURE(n);
        unary<double>(
            "ldexp", [n](double x) { return r3::ldexp(x, n); },
            [n](double x) { return ::ldexp(x, n); });
        unary<float>(
            "ldexpf", [n](float x) { return r3::ldexpf(x, n); },
            [n](float x) { return ::ldexpf(x, n); });
        unary<long double>(
            "ldexpl", [n](long double x) { return r3::ldexpl(x, n); },
            [n](long double x) { return ::ldexpl(x, n); });
        unary<double>(
            "scalbn", [n](double x) { return r3::scalbn(x, n); },
            [n](double x) { return ::scalbn(x, n); });
        unary<double>(
            "scalbln", [n](double x) { return r3::scalbln(x, n); },
            [n](double x) { return ::scalbln(x, n); });
        unary<float>(
            "scalbnf", [n](float x) { return r3::scalbnf(x, n); },
            [n](float x) { return ::scalbnf(x, n); });
    }
}

TEST_CASE("fma") {
    std::vector<double> v = all_inputs<double>();
    Rng rng{11};
    Exact hw{"fma"}, sw{"fma (software)"};
    auto one = [&](double x, double y, double z) {
        int eo = 0, et = 0, es = 0;
        double a = with_errno([&] { return r3::fma(x, y, z); }, eo);
        double s = with_errno([&] { return ring3::math::detail::fma_software(x, y, z); }, es);
        double b = with_errno([&] { return ::fma(x, y, z); }, et);
        std::string args = show(x) + ", " + show(y) + ", " + show(z);
        hw.compare(args, a, eo, b, et);
        sw.compare(args, s, es, b, et);
    };
    std::vector<double> sp = specials<double>();
    for (double x : sp)
        for (double y : sp)
            for (double z : sp) one(x, y, z);
    for (std::size_t i = 0; i < v.size(); ++i) {
        double x = v[i], y = v[rng.next() % v.size()];
        one(x, y, v[rng.next() % v.size()]);
        double p = x * y; // z cancelling most of the product
        one(x, y, -p);
        one(x, y, -p * (1 + 0x1p-30));
        one(x, y, std::ldexp(-p, -60));
        // Products near the subnormal range.
        double xs = std::ldexp(std::fabs(x) + 1, -540), ys = std::ldexp(std::fabs(y) + 1, -530);
        one(xs, ys, std::ldexp(v[rng.next() % v.size()], -1070));
    }
    CHECK_MESSAGE(hw.mismatches == 0, hw.mismatches);
    CHECK_MESSAGE(sw.mismatches == 0, sw.mismatches);
    binary<float>(
        "fmaf(x, y, x)", [](float x, float y) { return r3::fmaf(x, y, x); },
        [](float x, float y) { return ::fmaf(x, y, x); });
    binary<float>(
        "fmaf(x, y, -xy)", [](float x, float y) { return r3::fmaf(x, y, -(x * y) * 1.0001f); },
        [](float x, float y) { return ::fmaf(x, y, -(x * y) * 1.0001f); });
}

TEST_CASE("nan") {
    const char* tags[] = {
        "", "0", "1", "123", "0x1f", "077", "08", "abc", "0x", "99999999999999999999", "-1"};
    for (const char* t : tags) {
        CAPTURE(t);
        CHECK(to_bits(r3::nan(t)) == to_bits(::nan(t)));
        CHECK(to_bits(r3::nanf(t)) == to_bits(::nanf(t)));
        CHECK(to_bits(r3::nanl(t)) == to_bits(::nanl(t)));
    }
}

TEST_CASE("fma: a sum that cancels all but a few bits") {
    // Found by the long run: x * y and z agree in their first 77 bits.
    double x = 0x1.c047862a58795p-777, y = 0x1.6c6b71d6b06e7p+829, z = -0x1.3f10ec00663a7p+53;
    CHECK(to_bits(ring3::math::detail::fma_software(x, y, z)) == to_bits(::fma(x, y, z)));
    Rng rng{5};
    for (int i = 0; i < 100000; ++i) {
        double a = 1 + rng.unit(), b = 1 + rng.unit();
        double p = a * b;
        double c = -(p + std::ldexp(rng.unit() - 0.5, -52 - static_cast<int>(rng.next() % 40)));
        CHECK_MESSAGE(to_bits(ring3::math::detail::fma_software(a, b, c)) ==
                          to_bits(::fma(a, b, c)),
                      show(a) << " " << show(b) << " " << show(c));
    }
}
