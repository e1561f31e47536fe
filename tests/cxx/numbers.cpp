// <cmath>, <random>, <chrono>, and the header-only <limits>, <numbers>,
// <bit>, <compare>, <ratio>. Exact results (sqrt, rounding, fmod,
// nextafter, the engines, the integer distributions) are printed in
// full; the transcendental functions with 13 significant digits, so that
// a last-bit difference within the accuracy ring3's math library promises
// (1 ulp) does not show while a wrong result does. The clocks' values
// differ from run to run: only their properties are printed.
#include "emit.hpp"
#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <compare>
#include <limits>
#include <numbers>
#include <random>
#include <ratio>
#include <vector>

namespace {

void approx(double v) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 13);
    out << ' ' << std::string_view(buf, static_cast<std::size_t>(r.ptr - buf));
}

void approx(float v) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6);
    out << ' ' << std::string_view(buf, static_cast<std::size_t>(r.ptr - buf));
}

void cmath() {
    section("cmath exact");
    for (double x : {0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 2.0, 1e10, 123.456, -7.999, 1e-310}) {
        out << x << ':' << ' ' << std::sqrt(std::fabs(x)) << ' ' << std::floor(x) << ' '
            << std::ceil(x) << ' ' << std::round(x) << ' ' << std::trunc(x) << ' '
            << std::fmod(x, 0.75) << ' ' << std::fabs(x) << ' ' << std::nextafter(x, 1e300) << ' '
            << std::nextafter(x, -1e300) << ' ' << std::lround(x) << ' ' << std::rint(x) << ' '
            << std::nearbyint(x) << ' ' << std::copysign(3.0, x) << ' ' << std::fmin(x, 1.0) << ' '
            << std::fmax(x, 1.0) << ' ' << std::ldexp(x, 3) << ' ' << std::signbit(x) << '\n';
        int e = 0;
        double m = std::frexp(x, &e);
        double ip = 0;
        double fp = std::modf(x, &ip);
        out << "  frexp " << m << ' ' << e << " modf " << ip << ' ' << fp << " remainder "
            << std::remainder(x, 0.75) << " fma " << std::fma(x, 3.0, 0.1) << '\n';
    }
    out << std::sqrt(2.0f) << ' ' << std::floor(-1.5f) << ' ' << std::nextafter(1.0f, 2.0f) << ' '
        << std::hypot(3.0, 4.0) << ' ' << std::isnan(std::sqrt(-1.0)) << ' '
        << std::isinf(1 / std::pow(0.0, 1.0)) << ' ' << std::isfinite(1e308 * 10) << ' '
        << std::fpclassify(5e-324) << ' ' << std::isnormal(1.0) << '\n';
    section("cmath transcendental");
    for (double x : {0.1, 0.5, 1.0, 2.0, 3.14159, 10.0, 100.5, 1e-5, 700.0}) {
        out << x << ':';
        approx(std::exp(x));
        approx(std::exp2(x));
        approx(std::expm1(x));
        approx(std::log(x));
        approx(std::log2(x));
        approx(std::log10(x));
        approx(std::log1p(x));
        approx(std::pow(x, 1.7));
        approx(std::pow(x, -2.0));
        approx(std::cbrt(x));
        approx(std::sin(x));
        approx(std::cos(x));
        approx(std::tan(x));
        approx(std::atan(x));
        approx(std::atan2(x, -1.5));
        approx(std::sinh(x / 100));
        approx(std::cosh(x / 100));
        approx(std::tanh(x / 10));
        approx(std::hypot(x, 0.7));
        out << '\n';
    }
    for (double x : {-1.0, -0.5, 0.0, 0.3, 0.99}) {
        out << x << ':';
        approx(std::asin(x));
        approx(std::acos(x));
        approx(std::atan(x));
        out << '\n';
    }
    out << "float:";
    approx(std::sin(1.0f));
    approx(std::cos(1.0f));
    approx(std::exp(1.5f));
    approx(std::log(7.0f));
    approx(std::pow(2.0f, 0.5f));
    approx(std::atan2(1.0f, 2.0f));
    out << '\n';
    out << "specials: " << std::exp(-1000.0) << ' ' << std::exp(1000.0) << ' ' << std::log(0.0)
        << ' ' << std::isnan(std::log(-1.0)) << ' ' << std::pow(2.0, 10.0) << ' '
        << std::pow(-8.0, 1.0 / 3) << ' ' << std::pow(0.0, 0.0) << ' ' << std::pow(10.0, -3.0)
        << ' ' << std::sin(0.0) << ' ' << std::cos(0.0) << '\n';
}

void randomness() {
    section("random engines");
    std::mt19937 g32(12345);
    std::mt19937_64 g64(987654321);
    for (int i = 0; i < 5; ++i) out << g32() << ' ' << g64() << '\n';
    g32.discard(10000);
    out << g32() << '\n';
    std::minstd_rand lcg(1);
    out << lcg() << ' ' << lcg() << '\n';
    std::seed_seq seq{1, 2, 3};
    std::mt19937 seeded(seq);
    out << seeded() << '\n';
    section("random distributions");
    std::uniform_int_distribution<int> dice(1, 6);
    std::uniform_int_distribution<long long> wide(-1000000000000LL, 1000000000000LL);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> normal(10.0, 2.0);
    std::bernoulli_distribution coin(0.3);
    for (int i = 0; i < 8; ++i) {
        out << dice(g32) << ' ' << wide(g64) << ' ' << unit(g32) << ' ' << coin(g32);
        approx(normal(g64));
        out << '\n';
    }
    std::normal_distribution<float> normal_f;
    std::uniform_real_distribution<float> unit_f;
    out << unit_f(g32) << ' ';
    approx(normal_f(g32));
    out << '\n';
    std::vector<int> deck{1, 2, 3, 4, 5, 6, 7, 8, 9};
    std::shuffle(deck.begin(), deck.end(), g32);
    for (int c : deck) out << c;
    out << '\n';
    std::random_device rd;
    unsigned a = rd(), b = rd();
    out << "random_device gives numbers: " << (a != b || rd() != a) << '\n';
}

void clocks() {
    section("chrono");
    using namespace std::chrono;
    auto t0 = steady_clock::now();
    volatile double sink = 0;
    for (int i = 0; i < 100000; ++i) sink = sink + i;
    auto t1 = steady_clock::now();
    out << "steady monotonic " << (t1 >= t0) << " positive " << (t0.time_since_epoch().count() > 0)
        << '\n';
    auto now = system_clock::now();
    auto years = duration_cast<hours>(now.time_since_epoch()).count() / (24 * 365);
    out << "system_clock after 2020: " << (years > 50) << '\n';
    auto d = 90min + 30s;
    out << duration_cast<seconds>(d).count() << ' ' << duration_cast<hours>(d).count() << ' '
        << duration<double, std::milli>(1500us).count() << '\n';
    year_month_day ymd{year{2024}, month{2}, day{29}};
    out << ymd.ok() << ' '
        << static_cast<int>(year_month_day{sys_days{ymd} + days{1}}.month().operator unsigned())
        << '\n';
}

void header_only() {
    section("limits numbers bit compare ratio");
    out << std::numeric_limits<int>::max() << ' ' << std::numeric_limits<double>::epsilon() << ' '
        << std::numeric_limits<float>::min() << ' ' << std::numeric_limits<long long>::digits10
        << '\n';
    out << std::numbers::pi << ' ' << std::numbers::e << ' ' << std::numbers::sqrt2 << '\n';
    out << std::popcount(0xF0F0u) << ' ' << std::countl_zero(1u) << ' ' << std::bit_ceil(100u)
        << ' ' << std::rotl(0x80000001u, 1) << ' ' << std::bit_cast<std::uint64_t>(1.0) << '\n';
    auto cmp = 1.0 <=> 2.0;
    out << (cmp < 0) << ' ' << ((3 <=> 3) == 0) << '\n';
    out << std::ratio_add<std::ratio<1, 3>, std::ratio<1, 6>>::num << '/'
        << std::ratio_add<std::ratio<1, 3>, std::ratio<1, 6>>::den << '\n';
}

} // namespace

int main() {
    cmath();
    randomness();
    clocks();
    header_only();
    out.flush();
    return 0;
}
